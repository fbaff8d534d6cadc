// Axis reductions, argmin/argmax and broadcasting elementwise ops on
// tensors of static shapes run natively (ops executed: 0) with the
// interpreter's results bit for bit: each tensor op is a loop nest of its
// own over buffers (the buffered path), in the kernel's order
// (runtime/kernels/Reduce.cpp): a sum along the last axis is the kernel's
// eight partial sums per row, other axes accumulate row by row into the
// result, min/max keep a NaN once met, argmin/argmax take the first
// extreme (a NaN counts as one). Intermediates get buffers of their own
// (ag_native_alloc), freed after their last reader; returned values are
// written in place.
// RUN: ag-opt %s --ag-lower-to-arith | FileCheck %s --check-prefix=IR
// RUN: ag-opt %s --ag-lower-to-llvm | FileCheck %s --check-prefix=LLVM
// RUN: ag-run %s --backend=native --feed "x=[[1e16, 1, 1, 1, 1, 1, 1, 1, -1e16, 1, 1], [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0, 1.1]]" --feed "y=[[3, -1, 4], [1, -5, 9], [9223372036854775807, 2, -7]]" --feed "z=[[nan, 2.0, 3.0], [1.0, nan, -3.0], [0.5, 0.25, 1.0]]" --stats 2>&1 | FileCheck %s --check-prefixes=CHECK,NATIVE
// RUN: ag-run %s --backend=interpreter --feed "x=[[1e16, 1, 1, 1, 1, 1, 1, 1, -1e16, 1, 1], [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0, 1.1]]" --feed "y=[[3, -1, 4], [1, -5, 9], [9223372036854775807, 2, -7]]" --feed "z=[[nan, 2.0, 3.0], [1.0, nan, -3.0], [0.5, 0.25, 1.0]]" | FileCheck %s

// IR-LABEL: func.func @r(
// IR-SAME: -> (f64, i1) attributes {ag.buffered}
// The sum along the last axis: per row, eight partial sums (the lanes of
// one vector, added lane by lane), combined as the kernel does, then the
// tail.
// IR: scf.for {{.*}} iter_args({{.*}}) -> (vector<8xf64>)
// IR: llvm.load %{{.*}} {alignment = 8 : i64} : !llvm.ptr -> vector<8xf64>
// IR: arith.addf %{{.*}}, %{{.*}} : vector<8xf64>
// IR: %[[P0:.*]] = llvm.extractelement %{{.*}}[%c0_i64{{.*}} : i64] : vector<8xf64>
// IR: %[[P1:.*]] = llvm.extractelement %{{.*}}[%c1_i64{{.*}} : i64] : vector<8xf64>
// IR: arith.addf %[[P0]], %[[P1]] : f64
// IR: scf.for {{.*}} iter_args({{.*}}) -> (f64)
// The cast's buffer, then the mean divides by the count; the buffer is
// freed after the mean, its last reader.
// IR: %[[CAST:.*]] = call @ag_native_alloc(%c72_i64)
// IR: arith.divf
// IR-NEXT: llvm.getelementptr
// IR-NEXT: llvm.store
// IR-NEXT: }
// IR-NEXT: call @ag_native_free(%[[CAST]])
// Argmax carries the best value and its position.
// IR: scf.for %{{.*}} = %c1_i64{{.*}} to %c3_i64{{.*}} iter_args({{.*}}) -> (i64, i64)
// IR: call @ag_native_free
// IR: return %{{.*}}, %{{.*}} : f64, i1
// LLVM-LABEL: llvm.func @r(
// LLVM-NOT: ag.{{[a-z_]+}} %

// CHECK: result0 = [8, 6.6]
// CHECK: result1 = [2, 1.6666666666666667, 3.0744573456182584e+18]
// CHECK: result2 = [-9223372036854775805, -4, 6]
// CHECK: result3 = {{\[\[}}nan, nan, 3]]
// CHECK: result4 = [2, 2, 0]
// CHECK: result5 = [0, 1, 1]
// CHECK: result6 = {{\[\[}}nan, nan, 0], [nan, nan, -6], [nan, nan, -2]]
// CHECK: result7 = 15.6
// NATIVE: ops executed: 0,


ag.func @r(%x: tensor<2x11xf64> loc("x"), %y: tensor<3x3xi64> loc("y"),
           %z: tensor<3x3xf64> loc("z"))
    -> (tensor<2xf64>, tensor<3xf64>, tensor<3xi64>, tensor<1x3xf64>,
        tensor<3xi64>, tensor<3xi64>, tensor<3x3xf64>, tensor<f64>) {
  %rows = ag.reduce sum %x over [1] : tensor<2x11xf64>
  %yf = ag.cast %y : tensor<3x3xi64> to tensor<3x3xf64>
  %mean = ag.reduce mean %yf over [1] : tensor<3x3xf64>
  %ysum = ag.reduce sum %y over [0] : tensor<3x3xi64>
  %zmax = ag.reduce max %z over [0] keepdims : tensor<3x3xf64>
  %amax = ag.reduce argmax %y over [1] : tensor<3x3xi64>
  %amin = ag.reduce argmin %z over [1] : tensor<3x3xf64>
  %zb = ag.broadcast %zmax : tensor<1x3xf64> to tensor<3x3xf64>
  %c = ag.sub %z, %zb : tensor<3x3xf64>
  %total = ag.reduce sum %x over [0, 1] : tensor<2x11xf64>
  ag.return %rows, %mean, %ysum, %zmax, %amax, %amin, %c, %total
      : tensor<2xf64>, tensor<3xf64>, tensor<3xi64>, tensor<1x3xf64>,
        tensor<3xi64>, tensor<3xi64>, tensor<3x3xf64>, tensor<f64>
}
