// matmul runs natively with the interpreter's results bit for bit: float
// products call the kernel's GEMM (ag_native_matmul_f64/f32, i.e.
// kernels::matmulInto: Eigen's blocked summation order cannot be written
// as a loop nest bit for bit), integer products are the kernel's wrapping
// i-k-j loops (an integer sum does not depend on its order). A 0-d product
// (vector . vector) goes through a stack slot. A transpose is a
// strided copy (nested loops, the input's strides permuted).
// RUN: ag-opt %s --ag-lower-to-arith | FileCheck %s --check-prefix=IR
// RUN: ag-run %s --backend=native --feed "a=[[1.5, -2.0, 0.1], [3.0, 0.25, 1e16]]" --feed "b=[[1.0, 2.0], [3.0, -1.0], [1.0, -1e16]]" --feed "i=[[9223372036854775807, 2], [3, -4]]" --feed "u=[0.1, 0.2, 0.3]" --feed "t=[[[1, 2], [3, 4]], [[5, 6], [7, 8]]]" --stats 2>&1 | FileCheck %s --check-prefixes=CHECK,NATIVE
// RUN: ag-run %s --backend=interpreter --feed "a=[[1.5, -2.0, 0.1], [3.0, 0.25, 1e16]]" --feed "b=[[1.0, 2.0], [3.0, -1.0], [1.0, -1e16]]" --feed "i=[[9223372036854775807, 2], [3, -4]]" --feed "u=[0.1, 0.2, 0.3]" --feed "t=[[[1, 2], [3, 4]], [[5, 6], [7, 8]]]" | FileCheck %s

// IR-LABEL: func.func @m(
// IR-SAME: -> (f32, i1) attributes {ag.buffered}
// The 0-d result's stack slot, in the entry block.
// IR: %[[SLOT:.*]] = llvm.alloca %c1_i64 x i64
// [2,3] x [3,2] into the caller's buffer: batch 1, m 2, k 3, n 2.
// IR: call @ag_native_matmul_f64(%arg0, %c1_i64{{.*}}, %arg1, %c1_i64{{.*}}, %arg5, %c1_i64{{.*}}, %c2_i64{{.*}}, %c3_i64{{.*}}, %c2_i64{{.*}})
// The integer product: wrapping multiply-adds.
// IR: arith.muli %{{.*}}, %{{.*}} : i64
// IR: arith.addi %{{.*}}, %{{.*}} : i64
// The dot product of f32 vectors: into a stack slot, then loaded.
// IR: call @ag_native_matmul_f32(%{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %[[SLOT]],
// IR: arith.muli %{{.*}}, %{{.*}} : i32
// IR: call @ag_native_free
// IR: return %{{.*}}, %{{.*}} : f32, i1

// CHECK: result0 = {{\[\[}}-4.4, -999999999999995], [10000000000000004, -1e+32]]
// CHECK: result1 = {{\[\[}}7, -10], [9223372036854775793, 22]]
// CHECK: result2 = 0.14000002
// CHECK: result3 = {{\[\[\[}}7, 10], [15, 22]], {{\[\[}}67, 78], [91, 106]]]
// CHECK: result4 = [-0.22, 3000000000000000.5]
// CHECK: result5 = {{\[\[}}11.25, -2.25, 3e+16], [-2.25, 4.0625, 2500000000000000], [3e+16, 2500000000000000, 1e+32]]
// NATIVE: ops executed: 0,


ag.func @m(%a: tensor<2x3xf64> loc("a"), %b: tensor<3x2xf64> loc("b"),
           %i: tensor<2x2xi64> loc("i"), %u: tensor<3xf64> loc("u"),
           %t: tensor<2x2x2xi32> loc("t"))
    -> (tensor<2x2xf64>, tensor<2x2xi64>, tensor<f32>, tensor<2x2x2xi32>,
        tensor<2xf64>, tensor<3x3xf64>) {
  %p = ag.matmul %a, %b : tensor<2x3xf64>, tensor<3x2xf64>
  %q = ag.matmul %i, %i : tensor<2x2xi64>, tensor<2x2xi64>
  %u32 = ag.cast %u : tensor<3xf64> to tensor<3xf32>
  %d = ag.matmul %u32, %u32 : tensor<3xf32>, tensor<3xf32>
  %bt = ag.matmul %t, %t : tensor<2x2x2xi32>, tensor<2x2x2xi32>
  %v = ag.matmul %a, %u : tensor<2x3xf64>, tensor<3xf64>
  %at = ag.transpose %a [1, 0] : tensor<2x3xf64>
  %g = ag.matmul %at, %a : tensor<3x2xf64>, tensor<2x3xf64>
  ag.return %p, %q, %d, %bt, %v, %g
      : tensor<2x2xf64>, tensor<2x2xi64>, tensor<f32>, tensor<2x2x2xi32>,
        tensor<2xf64>, tensor<3x3xf64>
}
