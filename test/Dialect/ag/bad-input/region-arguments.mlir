// RUN: not ag-opt %s 2>&1 | FileCheck %s

// The `after` region of a while must take exactly the forwarded values.
ag.func @f(%a: tensor<i64>, %c: tensor<i1>) -> tensor<i64> {
  %r = ag.while (%x = %a) : (tensor<i64>) -> tensor<i64> {
    ag.condition %c(%x : tensor<i64>)
  } do {
  ^bb0(%y: tensor<i64>, %z: tensor<i64>):
    ag.yield %y : tensor<i64>
  }
  ag.return %r : tensor<i64>
}

// CHECK: region-arguments.mlir:5:8: error: 'ag.while' op 'after' region argument list has 2 value(s) but result list has 1
// CHECK-NEXT: {{^}}  %r = ag.while (%x = %a) : (tensor<i64>) -> tensor<i64> {
// CHECK-NEXT: {{^}}       ^
