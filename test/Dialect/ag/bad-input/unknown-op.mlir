// RUN: not ag-opt %s 2>&1 | FileCheck %s

ag.func @f(%a: tensor<i64>) -> tensor<i64> {
  %0 = ag.frobnicate %a : tensor<i64>
  ag.return %0 : tensor<i64>
}

// CHECK: unknown-op.mlir:4:8: error: custom op 'ag.frobnicate' is unknown
// CHECK-NEXT: {{^}}  %0 = ag.frobnicate %a : tensor<i64>
