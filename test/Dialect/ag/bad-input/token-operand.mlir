// RUN: not ag-opt %s 2>&1 | FileCheck %s

// Effects are threaded by !ag.token values, not tensors.
ag.func @f(%a: tensor<i64>) {
  %t = "ag.print"(%a) {format = "x"} : (tensor<i64>) -> !ag.token
  ag.return
}

// CHECK: token-operand.mlir:5:8: error: 'ag.print' op operand #0 must be the !ag.token type, but got 'tensor<i64>'
// CHECK-NEXT: {{^}}  %t = "ag.print"(%a) {format = "x"} : (tensor<i64>) -> !ag.token
