// A constant that is not a splat, on the buffered path: an internal global
// of its elements (bools as bytes), read in place, or copied into the
// caller's buffer when the function returns it.
// RUN: ag-opt %s --ag-lower-to-arith | FileCheck %s --check-prefix=IR
// RUN: ag-run %s --backend=native --feed "x=[[1.0, 0.5, 2.0], [-1.0, 0.25, 0.0]]" --stats 2>&1 | FileCheck %s --check-prefixes=CHECK,NATIVE
// RUN: ag-run %s --backend=interpreter --feed "x=[[1.0, 0.5, 2.0], [-1.0, 0.25, 0.0]]" | FileCheck %s

// IR-DAG: llvm.mlir.global internal constant @ag_constant_{{[0-9]}}(dense<[1.000000e+00, 2.000000e+00, 3.000000e+00, 4.000000e+00, 5.000000e+00, 6.000000e+00]> : tensor<6xf64>) {addr_space = 0 : i32} : !llvm.array<6 x f64>
// IR-DAG: llvm.mlir.global internal constant @ag_constant_{{[0-9]}}(dense<[1, 0, 1]> : tensor<3xi8>) {addr_space = 0 : i32} : !llvm.array<3 x i8>
// IR-LABEL: func.func @c(
// IR: llvm.mlir.addressof
// IR: "llvm.intr.memcpy"

// CHECK: result0 = [8, -2.75]
// CHECK: result1 = [true, false, true]
// CHECK: result2 = {{\[\[}}1, 2, 3], [4, 5, 6]]
// NATIVE: ops executed: 0,

ag.func @c(%x: tensor<2x3xf64> loc("x"))
    -> (tensor<2xf64>, tensor<3xi1>, tensor<2x3xf64>) {
  %w = ag.constant dense<[[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]> : tensor<2x3xf64>
  %m = ag.mul %x, %w : tensor<2x3xf64>
  %s = ag.reduce sum %m over [1] : tensor<2x3xf64>
  %k = ag.constant dense<[true, false, true]> : tensor<3xi1>
  ag.return %s, %k, %w : tensor<2xf64>, tensor<3xi1>, tensor<2x3xf64>
}
