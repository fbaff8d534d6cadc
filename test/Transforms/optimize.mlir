// RUN: ag-opt %s --ag-optimize --split-input-file | FileCheck %s

// Calls to other converted functions are inlined, the copies CSE'd, the
// small if speculated, and the private helper dropped.
// CHECK-NOT: @square
// CHECK-LABEL: ag.func @twins
// CHECK-SAME: (%[[A:.*]]: tensor<f32>, %[[C:.*]]: tensor<i1>)
// CHECK-NEXT: %[[SQ:.*]] = ag.mul %[[A]], %[[A]] : tensor<f32>
// CHECK-NEXT: %[[SUM:.*]] = ag.add %[[SQ]], %[[SQ]] : tensor<f32>
// CHECK-NEXT: %[[R:.*]] = ag.select %[[C]], %[[SUM]], %[[SQ]] : tensor<i1>, tensor<f32>
// CHECK-NEXT: ag.return %[[R]] : tensor<f32>
ag.func private @square(%x: tensor<f32>) -> tensor<f32> {
  %y = ag.mul %x, %x : tensor<f32>
  ag.return %y : tensor<f32>
}

ag.func @twins(%a: tensor<f32>, %c: tensor<i1>) -> tensor<f32> {
  %s1 = ag.call @square(%a) : (tensor<f32>) -> tensor<f32>
  %s2 = ag.call @square(%a) : (tensor<f32>) -> tensor<f32>
  %r = ag.if %c -> (tensor<f32>) {
    %sum = ag.add %s1, %s2 : tensor<f32>
    ag.yield %sum : tensor<f32>
  } else {
    ag.yield %s1 : tensor<f32>
  }
  ag.return %r : tensor<f32>
}

// -----

// `x != 0 && 10 / x > 2` keeps its branch through the whole pipeline.
// CHECK-LABEL: ag.func @short_circuit
// CHECK: %[[NZ:.*]] = ag.cmp ne
// CHECK: ag.if %[[NZ]] -> (tensor<i1>) {
// CHECK:   ag.div
// CHECK: } else {
ag.func @short_circuit(%x: tensor<i64>) -> tensor<i1> {
  %zero = ag.constant dense<0> : tensor<i64>
  %two = ag.constant dense<2> : tensor<i64>
  %ten = ag.constant dense<10> : tensor<i64>
  %nz = ag.cmp ne, %x, %zero : tensor<i64>
  %r = ag.if %nz -> (tensor<i1>) {
    %q = ag.div %ten, %x : tensor<i64>
    %g = ag.cmp gt, %q, %two : tensor<i64>
    ag.yield %g : tensor<i1>
  } else {
    %f = ag.constant dense<false> : tensor<i1>
    ag.yield %f : tensor<i1>
  }
  ag.return %r : tensor<i1>
}

// -----

// Loop-invariant pure ops leave the loop; a division that may fail and the
// effects stay inside, in order. The dead counter disappears.
// CHECK-LABEL: ag.func @loop
// CHECK-SAME: (%[[N:.*]]: tensor<i64>, %[[K:.*]]: tensor<i64>)
// CHECK: %[[SQ:.*]] = ag.mul %[[K]], %[[K]] : tensor<i64>
// CHECK: ag.while (%[[I:.*]] = %{{.*}}, %[[T:.*]] = %{{.*}}) : (tensor<i64>, !ag.token) -> (tensor<i64>, !ag.token) {
// CHECK: } do {
// CHECK: ag.div %[[N]], %[[K]]
// CHECK: ag.print %{{.*}}, "a{}", %{{.*}}
// CHECK: ag.print %{{.*}}, "b"
// CHECK: ag.add %{{.*}}, %[[SQ]]
ag.func @loop(%n: tensor<i64>, %k: tensor<i64>) -> (tensor<i64>, !ag.token) {
  %t0 = ag.token
  %zero = ag.constant dense<0> : tensor<i64>
  %r:3 = ag.while (%i = %zero, %t = %t0, %unused = %zero) : (tensor<i64>, !ag.token, tensor<i64>) -> (tensor<i64>, !ag.token, tensor<i64>) {
    %go = ag.cmp lt, %i, %n : tensor<i64>
    ag.condition %go(%i, %t, %unused : tensor<i64>, !ag.token, tensor<i64>)
  } do {
  ^bb0(%j: tensor<i64>, %u: !ag.token, %v: tensor<i64>):
    %sq = ag.mul %k, %k : tensor<i64>
    %q = ag.div %n, %k : tensor<i64>
    %u1 = ag.print %u, "a{}", %q : tensor<i64>
    %u2 = ag.print %u1, "b"
    %j1 = ag.add %j, %sq : tensor<i64>
    %v1 = ag.add %v, %j : tensor<i64>
    ag.yield %j1, %u2, %v1 : tensor<i64>, !ag.token, tensor<i64>
  }
  ag.return %r#0, %r#1 : tensor<i64>, !ag.token
}

// -----

// A short-circuit `a > 0 && b > 2` whose right side cannot fail needs no
// branch: the if becomes a select, and the select plain logic.
// CHECK-LABEL: ag.func @pure_short_circuit
// CHECK-NOT: ag.if
// CHECK-NOT: ag.select
// CHECK: %[[L:.*]] = ag.cmp gt, %arg0
// CHECK: %[[R:.*]] = ag.cmp gt, %arg1
// CHECK: %[[AND:.*]] = ag.and %[[L]], %[[R]] : tensor<i1>
// CHECK: ag.return %[[AND]]
ag.func @pure_short_circuit(%a: tensor<i64>, %b: tensor<i64>) -> tensor<i1> {
  %zero = ag.constant dense<0> : tensor<i64>
  %two = ag.constant dense<2> : tensor<i64>
  %l = ag.cmp gt, %a, %zero : tensor<i64>
  %r = ag.if %l -> (tensor<i1>) {
    %g = ag.cmp gt, %b, %two : tensor<i64>
    ag.yield %g : tensor<i1>
  } else {
    %f = ag.constant dense<false> : tensor<i1>
    ag.yield %f : tensor<i1>
  }
  ag.return %r : tensor<i1>
}
