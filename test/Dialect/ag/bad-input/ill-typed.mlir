// RUN: not ag-opt %s 2>&1 | FileCheck %s

// An ill-typed binary op: a clear error at the op, the source line and a
// caret, and a non-zero exit.
ag.func @f(%a: tensor<i64>, %b: tensor<f32>) -> tensor<i64> {
  %0 = ag.add %a, %b : tensor<i64>, tensor<f32>
  ag.return %0 : tensor<i64>
}

// CHECK: ill-typed.mlir:6:8: error: 'ag.add' op operand element types differ: 'tensor<i64>' vs 'tensor<f32>'
// CHECK-NEXT: {{^}}  %0 = ag.add %a, %b : tensor<i64>, tensor<f32>
// CHECK-NEXT: {{^}}       ^
