// RUN: ag-opt %s --loop-invariant-code-motion | FileCheck %s

// ag.for and ag.while are LoopLikeOpInterface: invariant ops that cannot
// fail leave the loop; a possibly failing division or index stays, since
// the loop may not run at all.

// CHECK-LABEL: ag.func @for
// CHECK-SAME: (%[[N:.*]]: tensor<i64>, %[[V:.*]]: tensor<4xf32>, %[[K:.*]]: tensor<i64>)
// CHECK: %[[SQ:.*]] = ag.mul %[[K]], %[[K]] : tensor<i64>
// CHECK: %[[HALF:.*]] = ag.div %[[K]], %{{.*}} : tensor<i64>
// CHECK: ag.for
// CHECK: ag.div %[[N]], %[[K]]
// CHECK: ag.index %[[V]][%[[K]]]
ag.func @for(%n: tensor<i64>, %v: tensor<4xf32>, %k: tensor<i64>) -> (tensor<i64>, tensor<f32>) {
  %zero = ag.constant dense<0> : tensor<i64>
  %one = ag.constant dense<1> : tensor<i64>
  %two = ag.constant dense<2> : tensor<i64>
  %f0 = ag.constant dense<0.0> : tensor<f32>
  %r:2 = ag.for %i = %zero to %n step %one iter_args(%a = %zero, %s = %f0) -> (tensor<i64>, tensor<f32>) {
    %sq = ag.mul %k, %k : tensor<i64>
    %half = ag.div %k, %two : tensor<i64>
    %q = ag.div %n, %k : tensor<i64>
    %e = ag.index %v[%k] : tensor<4xf32>
    %a1 = ag.add %a, %sq : tensor<i64>
    %a2 = ag.add %a1, %q : tensor<i64>
    %a3 = ag.add %a2, %half : tensor<i64>
    %s1 = ag.add %s, %e : tensor<f32>
    ag.yield %a3, %s1 : tensor<i64>, tensor<f32>
  }
  ag.return %r#0, %r#1 : tensor<i64>, tensor<f32>
}
