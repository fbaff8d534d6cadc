// Float constants the lowering makes itself (sigmoid's 0 and 1, sign's
// ±1, a cast's comparison with 0, a product's identity) have the operand's
// float type: f32 code compiles to LLVM and runs natively (it failed with
// "'llvm.mlir.constant' op expected float type of width 64" and fell back).
// RUN: ag-run %s --backend=native --feed "x=1.5" --feed "v=[0.5, -2, 3]" --stats 2>&1 | FileCheck %s --check-prefixes=CHECK,NATIVE --implicit-check-not=failed
// RUN: ag-run %s --backend=interpreter --feed "x=1.5" --feed "v=[0.5, -2, 3]" | FileCheck %s

// CHECK: result0 = 0.81757444
// CHECK: result1 = 1
// CHECK: result2 = true
// CHECK: result3 = -3
// CHECK: result4 = [0.62245935, 0.11920292, 0.95257413]
// NATIVE: ops executed: 0,

ag.func @f(%x: tensor<f32> loc("x"), %v: tensor<?xf32> loc("v"))
    -> (tensor<f32>, tensor<f32>, tensor<i1>, tensor<f32>, tensor<?xf32>) {
  %s = ag.sigmoid %x : tensor<f32>
  %g = ag.sign %x : tensor<f32>
  %b = ag.cast %x : tensor<f32> to tensor<i1>
  %p = ag.reduce prod %v over [0] : tensor<?xf32>
  %sv = ag.sigmoid %v : tensor<?xf32>
  ag.return %s, %g, %b, %p, %sv : tensor<f32>, tensor<f32>, tensor<i1>, tensor<f32>, tensor<?xf32>
}
