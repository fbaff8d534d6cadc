// RUN: not ag-opt %s 2>&1 | FileCheck %s

ag.func @f(%a: tensor<i64>) -> tensor<i64> {
  %0 = ag.neg %b : tensor<i64>
  ag.return %0 : tensor<i64>
}

// CHECK: undefined-value.mlir:4:15: error: use of undeclared SSA value name
// CHECK-NEXT: {{^}}  %0 = ag.neg %b : tensor<i64>
// CHECK-NEXT: {{^}}              ^
