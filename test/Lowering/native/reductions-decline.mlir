// RUN: ag-opt %s --ag-lower-to-arith 2>&1 >/dev/null | FileCheck %s

// What the element loop cannot carry stays on the interpreter, with a
// remark naming the reduction and why.

// CHECK: reductions-decline.mlir:[[@LINE+2]]:8: remark: 'ag.reduce_sum' has a result that other ops use (the native backend returns reductions only): @used stays on the interpreter
ag.func @used(%x: tensor<3xi64>) -> tensor<i64> {
  %s = ag.reduce_sum %x : tensor<3xi64>
  %t = ag.mul %s, %s : tensor<i64>
  ag.return %t : tensor<i64>
}

// An axis reduction changes the shape: the loop has one.
// CHECK: reductions-decline.mlir:[[@LINE+1]]:1: remark: @axis stays on the interpreter: its parameters or results are not all scalars or tensors of one shape
ag.func @axis(%x: tensor<3x2xi64>) -> tensor<3xi64> {
  %s = ag.reduce sum %x over [1] : tensor<3x2xi64>
  ag.return %s : tensor<3xi64>
}

// CHECK: reductions-decline.mlir:[[@LINE+2]]:8: remark: 'ag.reduce' is not supported on tensors by the native backend yet: @arg stays on the interpreter
ag.func @arg(%x: tensor<3xf32>) -> tensor<i64> {
  %s = ag.reduce argmax %x over [0] : tensor<3xf32>
  ag.return %s : tensor<i64>
}
