// RUN: not ag-opt %s 2>&1 | FileCheck %s

// A missing comma between operands.
ag.func @f(%a: tensor<i64>, %b: tensor<i64>) -> tensor<i64> {
  %0 = ag.mul %a %b : tensor<i64>
  ag.return %0 : tensor<i64>
}

// CHECK: syntax.mlir:5:17: error: expected ','
// CHECK-NEXT: {{^}}  %0 = ag.mul %a %b : tensor<i64>
// CHECK-NEXT: {{^}}                ^
