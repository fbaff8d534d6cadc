// RUN: not ag-opt %s 2>&1 | FileCheck %s

// A loop-carried value must keep its type.
ag.func @f(%n: tensor<i64>, %a: tensor<f32>) -> tensor<f32> {
  %r = ag.for %i = %n to %n step %n iter_args(%acc = %a) -> (tensor<f32>) {
    %d = ag.cast %acc : tensor<f32> to tensor<f64>
    ag.yield %d : tensor<f64>
  }
  ag.return %r : tensor<f32>
}

// CHECK: yield-types.mlir:5:8: error: 'ag.for' op body yield #0 has type 'tensor<f64>' but init list #0 has type 'tensor<f32>'
// CHECK-NEXT: {{^}}  %r = ag.for %i = %n to %n step %n iter_args(%acc = %a) -> (tensor<f32>) {
