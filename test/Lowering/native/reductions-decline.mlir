// RUN: ag-opt %s --ag-lower-to-arith 2>&1 >/dev/null | FileCheck %s

// What neither the element loop nor the buffered path (static shapes, a
// loop nest per tensor op) can run stays on the interpreter, with a remark
// naming the op and why.

// A reduction whose result other ops use needs the buffered path, which
// needs static shapes.
// CHECK: reductions-decline.mlir:[[@LINE+2]]:8: remark: 'ag.reduce_sum' has a result that other ops use (the native backend returns reductions only): @used stays on the interpreter
ag.func @used(%x: tensor<?xi64>) -> tensor<i64> {
  %s = ag.reduce_sum %x : tensor<?xi64>
  %t = ag.mul %s, %s : tensor<i64>
  ag.return %t : tensor<i64>
}

// An axis reduction of a dynamic shape.
// CHECK: reductions-decline.mlir:[[@LINE+1]]:1: remark: @axis stays on the interpreter: its parameters or results are not all scalars or tensors of one shape
ag.func @axis(%x: tensor<?x2xi64>) -> tensor<?xi64> {
  %s = ag.reduce sum %x over [1] : tensor<?x2xi64>
  ag.return %s : tensor<?xi64>
}

// argmax of a dynamic shape.
// CHECK: reductions-decline.mlir:[[@LINE+2]]:8: remark: 'ag.reduce' is not supported on tensors by the native backend yet: @arg stays on the interpreter
ag.func @arg(%x: tensor<?xf32>) -> tensor<i64> {
  %s = ag.reduce argmax %x over [0] : tensor<?xf32>
  ag.return %s : tensor<i64>
}

// Static shapes, but an op the buffered path does not know.
// CHECK: reductions-decline.mlir:[[@LINE+3]]:8: remark: 'ag.stack' is not supported on tensors by the native backend yet: @stacked stays on the interpreter
ag.func @stacked(%x: tensor<3x2xf64>) -> tensor<2x3xf64> {
  %s = ag.reduce sum %x over [1] : tensor<3x2xf64>
  %t = ag.stack %s, %s : tensor<3xf64>
  ag.return %t : tensor<2x3xf64>
}

// Static shapes, but an effect on a tensor.
// CHECK: reductions-decline.mlir:[[@LINE+4]]:8: remark: 'ag.print' is an effect, which the native backend runs in functions on 0-d values only: @printed stays on the interpreter
ag.func @printed(%x: tensor<3x2xf64>) -> (tensor<3xf64>, !ag.token) {
  %s = ag.reduce sum %x over [1] : tensor<3x2xf64>
  %tok = ag.token
  %t = ag.print %tok, "{}", %s : tensor<3xf64>
  ag.return %s, %t : tensor<3xf64>, !ag.token
}
