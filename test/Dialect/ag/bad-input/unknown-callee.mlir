// RUN: not ag-opt %s 2>&1 | FileCheck %s

ag.func @f(%a: tensor<i64>) -> tensor<i64> {
  %0 = ag.call @g(%a) : (tensor<i64>) -> tensor<i64>
  ag.return %0 : tensor<i64>
}

// CHECK: unknown-callee.mlir:4:8: error: 'ag.call' op 'g' does not reference an ag.func
// CHECK-NEXT: {{^}}  %0 = ag.call @g(%a) : (tensor<i64>) -> tensor<i64>
