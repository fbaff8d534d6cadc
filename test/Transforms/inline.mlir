// RUN: ag-opt %s --inline --symbol-dce | FileCheck %s

// The upstream inliner inlines ag.call through the dialect's inliner
// interface, also into loop and branch regions, with token results.

// CHECK-NOT: ag.func private @step
ag.func private @step(%x: tensor<i64>, %t: !ag.token) -> (tensor<i64>, !ag.token) {
  %one = ag.constant dense<1> : tensor<i64>
  %y = ag.add %x, %one : tensor<i64>
  %t1 = ag.print %t, "step {}", %y : tensor<i64>
  ag.return %y, %t1 : tensor<i64>, !ag.token
}

// Public functions stay, even when every call to them was inlined.
// CHECK-LABEL: ag.func @public_helper
ag.func @public_helper(%x: tensor<i64>) -> tensor<i64> {
  ag.return %x : tensor<i64>
}

// CHECK-LABEL: ag.func @loop
// CHECK-NOT: ag.call
// CHECK: ag.while
// CHECK: } do {
// CHECK: %[[Y:.*]] = ag.add
// CHECK: %[[T:.*]] = ag.print %{{.*}}, "step {}", %[[Y]] : tensor<i64>
// CHECK: ag.yield %[[Y]], %[[T]] : tensor<i64>, !ag.token
ag.func @loop(%n: tensor<i64>) -> (tensor<i64>, !ag.token) {
  %t0 = ag.token
  %zero = ag.constant dense<0> : tensor<i64>
  %z = ag.call @public_helper(%zero) : (tensor<i64>) -> tensor<i64>
  %r:2 = ag.while (%i = %z, %t = %t0) : (tensor<i64>, !ag.token) -> (tensor<i64>, !ag.token) {
    %go = ag.cmp lt, %i, %n : tensor<i64>
    ag.condition %go(%i, %t : tensor<i64>, !ag.token)
  } do {
  ^bb0(%j: tensor<i64>, %u: !ag.token):
    %j1, %u1 = ag.call @step(%j, %u) : (tensor<i64>, !ag.token) -> (tensor<i64>, !ag.token)
    ag.yield %j1, %u1 : tensor<i64>, !ag.token
  }
  ag.return %r#0, %r#1 : tensor<i64>, !ag.token
}
