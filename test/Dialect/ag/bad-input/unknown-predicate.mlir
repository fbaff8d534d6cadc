// RUN: not ag-opt %s 2>&1 | FileCheck %s

ag.func @f(%a: tensor<i64>) -> tensor<i1> {
  %0 = ag.cmp lesser, %a, %a : tensor<i64>
  ag.return %0 : tensor<i1>
}

// CHECK: unknown-predicate.mlir:4:15: error: custom op 'ag.cmp' expected string or keyword containing one of the following enum values for attribute 'predicate' [eq, ne, lt, le, gt, ge]
// CHECK-NEXT: {{^}}  %0 = ag.cmp lesser, %a, %a : tensor<i64>
// CHECK-NEXT: {{^}}              ^
