// RUN: not ag-opt %s 2>&1 | FileCheck %s

ag.func @f(%a: tensor<i64>) -> tensor<i64> {
  %0 = ag.neg %b : tensor<i64>
  ag.return %0 : tensor<i64>
}

// ag-opt's input guard (docs/security.md) rejects every use of a value not
// defined before it in the text, before MLIR's parser runs.
// CHECK: undefined-value.mlir:4:15: error: '%b' is used before its definition
// CHECK-NEXT: {{^}}  %0 = ag.neg %b : tensor<i64>
// CHECK-NEXT: {{^}}              ^
