// float32 functions whose lowering makes float constants (sign, sigmoid,
// the zero of a checked float-to-int cast, `!= 0` to bool) run natively
// (ops executed: 0) with the interpreter's results: each constant is an
// f32, not a double under an f32 type, which LLVM lowering rejected.
// RUN: ag-run %s --backend=native --feed x=-2.75 --feed "v=[-0.0, 0.5, -3.5]" --stats 2>&1 | FileCheck %s --check-prefixes=CHECK,NATIVE
// RUN: ag-run %s --backend=interpreter --feed x=-2.75 --feed "v=[-0.0, 0.5, -3.5]" | FileCheck %s

// CHECK-NOT: lowering to LLVM failed
// CHECK: result0 = -1
// CHECK: result1 = 0.06
// CHECK: result2 = -2
// CHECK: result3 = true
// CHECK: result4 = [-0, 1, -1]
// CHECK: result5 = [0, 0, -3]
// NATIVE: ops executed: 0,

ag.func @f(%x: tensor<f32> loc("x"), %v: tensor<?xf32> loc("v"))
    -> (tensor<f32>, tensor<f32>, tensor<i32>, tensor<i1>, tensor<?xf32>,
        tensor<?xi32>) {
  %s = ag.sign %x : tensor<f32>
  %g = ag.sigmoid %x : tensor<f32>
  %i = ag.cast %x : tensor<f32> to tensor<i32>
  %b = ag.cast %x : tensor<f32> to tensor<i1>
  %vs = ag.sign %v : tensor<?xf32>
  %vi = ag.cast %v : tensor<?xf32> to tensor<?xi32>
  ag.return %s, %g, %i, %b, %vs, %vi : tensor<f32>, tensor<f32>, tensor<i32>, tensor<i1>, tensor<?xf32>, tensor<?xi32>
}
