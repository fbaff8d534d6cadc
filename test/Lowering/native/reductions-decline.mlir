// RUN: ag-opt %s --ag-lower-to-arith 2>&1 >/dev/null | FileCheck %s

// What neither the element loop nor the buffered path (a loop nest per
// tensor op, dynamic shapes too: dynamic-shapes.mlir) can run stays on the interpreter, with a remark
// naming the op and why.

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
