// RUN: ag-opt %s --canonicalize --split-input-file | FileCheck %s

// CHECK-LABEL: ag.func @if_true
// CHECK-SAME: (%[[A:.*]]: tensor<i64>, %[[B:.*]]: tensor<i64>)
ag.func @if_true(%a: tensor<i64>, %b: tensor<i64>) -> tensor<i64> {
  %true = ag.constant dense<true> : tensor<i1>
  // The taken region is inlined; the other one is gone.
  // CHECK-NOT: ag.if
  // CHECK: %[[S:.*]] = ag.add %[[A]], %[[B]] : tensor<i64>
  // CHECK-NOT: ag.sub
  // CHECK: ag.return %[[S]]
  %r = ag.if %true -> (tensor<i64>) {
    %s = ag.add %a, %b : tensor<i64>
    ag.yield %s : tensor<i64>
  } else {
    %d = ag.sub %a, %b : tensor<i64>
    ag.yield %d : tensor<i64>
  }
  ag.return %r : tensor<i64>
}

// -----

// CHECK-LABEL: ag.func @if_false_effects
ag.func @if_false_effects(%a: tensor<i64>) -> !ag.token {
  %t0 = ag.token
  %false = ag.constant dense<false> : tensor<i1>
  // Only the else branch's effect remains, still threaded by its token.
  // CHECK: %[[T0:.*]] = ag.token
  // CHECK-NOT: "then"
  // CHECK: %[[T1:.*]] = ag.print %[[T0]], "else"
  // CHECK: ag.return %[[T1]]
  %t = ag.if %false -> (!ag.token) {
    %t1 = ag.print %t0, "then"
    ag.yield %t1 : !ag.token
  } else {
    %t2 = ag.print %t0, "else"
    ag.yield %t2 : !ag.token
  }
  ag.return %t : !ag.token
}

// -----

// CHECK-LABEL: ag.func @if_false_without_else
ag.func @if_false_without_else(%a: tensor<i64>) {
  %t0 = ag.token
  %false = ag.constant dense<false> : tensor<i1>
  // CHECK-NOT: ag.if
  // CHECK-NOT: ag.print
  ag.if %false {
    %t1 = ag.print %t0, "never"
  }
  ag.return
}

// -----

// CHECK-LABEL: ag.func @if_same_value
// CHECK-SAME: (%[[C:.*]]: tensor<i1>, %[[A:.*]]: tensor<i64>, %[[B:.*]]: tensor<i64>)
ag.func @if_same_value(%c: tensor<i1>, %a: tensor<i64>, %b: tensor<i64>) -> (tensor<i64>, tensor<i64>, tensor<i64>, !ag.token) {
  %t0 = ag.token
  // Results both branches agree on are replaced; the if keeps the others.
  // CHECK-DAG: %[[SEVEN:.*]] = ag.constant dense<7> : tensor<i64>
  // CHECK: %[[R:.*]]:2 = ag.if %[[C]] -> (tensor<i64>, !ag.token) {
  // CHECK:   ag.yield %[[A]], %{{.*}} : tensor<i64>, !ag.token
  // CHECK: } else {
  // CHECK:   ag.yield %[[B]], %{{.*}} : tensor<i64>, !ag.token
  // CHECK: }
  // CHECK: ag.return %[[R]]#0, %[[A]], %[[SEVEN]], %[[R]]#1
  %r:4 = ag.if %c -> (tensor<i64>, tensor<i64>, tensor<i64>, !ag.token) {
    %k = ag.constant dense<7> : tensor<i64>
    %t1 = ag.print %t0, "then"
    ag.yield %a, %a, %k, %t1 : tensor<i64>, tensor<i64>, tensor<i64>, !ag.token
  } else {
    %k = ag.constant dense<7> : tensor<i64>
    ag.yield %b, %a, %k, %t0 : tensor<i64>, tensor<i64>, tensor<i64>, !ag.token
  }
  ag.return %r#0, %r#1, %r#2, %r#3 : tensor<i64>, tensor<i64>, tensor<i64>, !ag.token
}

// -----

// CHECK-LABEL: ag.func @if_unused_results
ag.func @if_unused_results(%c: tensor<i1>, %a: tensor<i64>, %b: tensor<i64>) -> tensor<i64> {
  // CHECK: %[[R:.*]] = ag.if %{{.*}} -> (tensor<i64>) {
  // CHECK-NEXT: %[[M:.*]] = ag.mul
  // CHECK-NEXT: ag.yield %[[M]] : tensor<i64>
  // CHECK-NEXT: } else {
  // CHECK-NEXT: ag.yield %{{.*}} : tensor<i64>
  // CHECK-NEXT: }
  // CHECK: ag.return %[[R]]
  %r:2 = ag.if %c -> (tensor<i64>, tensor<i64>) {
    %s = ag.add %a, %b : tensor<i64>
    %m = ag.mul %a, %b : tensor<i64>
    ag.yield %s, %m : tensor<i64>, tensor<i64>
  } else {
    ag.yield %a, %b : tensor<i64>, tensor<i64>
  }
  ag.return %r#1 : tensor<i64>
}

// -----

// An if whose results are unused and whose regions have no effects is dead.
// CHECK-LABEL: ag.func @if_dead
ag.func @if_dead(%c: tensor<i1>, %a: tensor<i64>) {
  // CHECK-NOT: ag.if
  %r = ag.if %c -> (tensor<i64>) {
    %s = ag.add %a, %a : tensor<i64>
    ag.yield %s : tensor<i64>
  } else {
    ag.yield %a : tensor<i64>
  }
  ag.return
}

// -----

// CHECK-LABEL: ag.func @select_constant_condition
// CHECK-SAME: (%[[A:.*]]: tensor<i64>, %[[B:.*]]: tensor<i64>)
ag.func @select_constant_condition(%a: tensor<i64>, %b: tensor<i64>) -> tensor<i64> {
  %false = ag.constant dense<false> : tensor<i1>
  // CHECK-NOT: ag.select
  // CHECK: ag.return %[[B]]
  %r = ag.select %false, %a, %b : tensor<i1>, tensor<i64>
  ag.return %r : tensor<i64>
}

// -----

// The counter is never used after the loop: it is removed with its add.
// CHECK-LABEL: ag.func @while_dead_counter
ag.func @while_dead_counter(%a: tensor<i64>) -> tensor<i64> {
  %zero = ag.constant dense<0> : tensor<i64>
  %one = ag.constant dense<1> : tensor<i64>
  %two = ag.constant dense<2> : tensor<i64>
  // CHECK: %[[R:.*]] = ag.while (%[[X:.*]] = %{{.*}}) : (tensor<i64>) -> tensor<i64> {
  // CHECK:   ag.cmp ne, %[[X]], %{{.*}} : tensor<i64>
  // CHECK:   ag.condition %{{.*}}(%[[X]] : tensor<i64>)
  // CHECK: } do {
  // CHECK: ^bb0(%[[Y:.*]]: tensor<i64>):
  // CHECK-NEXT: %[[H:.*]] = ag.div %[[Y]], %{{.*}} : tensor<i64>
  // CHECK-NEXT: ag.yield %[[H]] : tensor<i64>
  // CHECK: }
  // CHECK: ag.return %[[R]]
  %r:2 = ag.while (%x = %a, %n = %zero) : (tensor<i64>, tensor<i64>) -> (tensor<i64>, tensor<i64>) {
    %go = ag.cmp ne, %x, %one : tensor<i64>
    ag.condition %go(%x, %n : tensor<i64>, tensor<i64>)
  } do {
  ^bb0(%y: tensor<i64>, %m: tensor<i64>):
    %h = ag.div %y, %two : tensor<i64>
    %m1 = ag.add %m, %one : tensor<i64>
    ag.yield %h, %m1 : tensor<i64>, tensor<i64>
  }
  ag.return %r#0 : tensor<i64>
}

// -----

// A carried value that decides the loop's condition stays, even unused after.
// CHECK-LABEL: ag.func @while_live_counter
ag.func @while_live_counter(%n: tensor<i64>) {
  %t0 = ag.token
  %zero = ag.constant dense<0> : tensor<i64>
  %one = ag.constant dense<1> : tensor<i64>
  // CHECK: ag.while (%{{.*}} = %{{.*}}, %{{.*}} = %{{.*}}) : (tensor<i64>, !ag.token) -> (tensor<i64>, !ag.token)
  %r:2 = ag.while (%i = %zero, %t = %t0) : (tensor<i64>, !ag.token) -> (tensor<i64>, !ag.token) {
    %go = ag.cmp lt, %i, %n : tensor<i64>
    ag.condition %go(%i, %t : tensor<i64>, !ag.token)
  } do {
  ^bb0(%j: tensor<i64>, %u: !ag.token):
    // CHECK: ag.print
    %u1 = ag.print %u, "tick"
    %j1 = ag.add %j, %one : tensor<i64>
    ag.yield %j1, %u1 : tensor<i64>, !ag.token
  }
  ag.return
}

// -----

// A value passed around the loop unchanged is its init.
// CHECK-LABEL: ag.func @while_invariant
// CHECK-SAME: (%[[N:.*]]: tensor<i64>, %[[K:.*]]: tensor<i64>)
ag.func @while_invariant(%n: tensor<i64>, %k: tensor<i64>) -> (tensor<i64>, tensor<i64>) {
  %zero = ag.constant dense<0> : tensor<i64>
  // CHECK: %[[R:.*]] = ag.while (%[[I:.*]] = %{{.*}}) : (tensor<i64>) -> tensor<i64> {
  // CHECK:   ag.cmp lt, %[[I]], %[[N]]
  // CHECK: } do {
  // CHECK:   ag.add %{{.*}}, %[[K]] : tensor<i64>
  // CHECK: }
  // CHECK: ag.return %[[R]], %[[K]]
  %r:2 = ag.while (%i = %zero, %step = %k) : (tensor<i64>, tensor<i64>) -> (tensor<i64>, tensor<i64>) {
    %go = ag.cmp lt, %i, %n : tensor<i64>
    ag.condition %go(%i, %step : tensor<i64>, tensor<i64>)
  } do {
  ^bb0(%j: tensor<i64>, %s: tensor<i64>):
    %j1 = ag.add %j, %s : tensor<i64>
    ag.yield %j1, %s : tensor<i64>, tensor<i64>
  }
  ag.return %r#0, %r#1 : tensor<i64>, tensor<i64>
}

// -----

// CHECK-LABEL: ag.func @for_dead_and_invariant
// CHECK-SAME: (%[[N:.*]]: tensor<i64>, %[[K:.*]]: tensor<f32>)
ag.func @for_dead_and_invariant(%n: tensor<i64>, %k: tensor<f32>) -> (tensor<i64>, tensor<f32>) {
  %zero = ag.constant dense<0> : tensor<i64>
  %one = ag.constant dense<1> : tensor<i64>
  // Only the sum survives: the product is unused, the scale invariant.
  // CHECK: %[[S:.*]] = ag.for %[[I:.*]] = %{{.*}} to %[[N]] step %{{.*}} iter_args(%[[ACC:.*]] = %{{.*}}) -> (tensor<i64>) {
  // CHECK-NEXT: %[[NEXT:.*]] = ag.add %[[ACC]], %[[I]] : tensor<i64>
  // CHECK-NEXT: ag.yield %[[NEXT]] : tensor<i64>
  // CHECK-NEXT: }
  // CHECK: ag.return %[[S]], %[[K]]
  %r:3 = ag.for %i = %zero to %n step %one iter_args(%acc = %zero, %prod = %one, %scale = %k) -> (tensor<i64>, tensor<i64>, tensor<f32>) {
    %next = ag.add %acc, %i : tensor<i64>
    %p = ag.mul %prod, %i : tensor<i64>
    ag.yield %next, %p, %scale : tensor<i64>, tensor<i64>, tensor<f32>
  }
  ag.return %r#0, %r#2 : tensor<i64>, tensor<f32>
}

// -----

// Every iter_arg is dead, but the loop prints: it stays, without them.
// CHECK-LABEL: ag.func @for_effects_only
ag.func @for_effects_only(%n: tensor<i64>) -> !ag.token {
  %t0 = ag.token
  %zero = ag.constant dense<0> : tensor<i64>
  %one = ag.constant dense<1> : tensor<i64>
  // CHECK: %[[T:.*]] = ag.for %{{.*}} = %{{.*}} to %{{.*}} step %{{.*}} iter_args(%{{.*}} = %{{.*}}) -> (!ag.token) {
  // CHECK-NOT: ag.mul
  // CHECK: ag.print
  // CHECK: ag.return %[[T]]
  %r:2 = ag.for %i = %zero to %n step %one iter_args(%x = %one, %t = %t0) -> (tensor<i64>, !ag.token) {
    %x2 = ag.mul %x, %i : tensor<i64>
    %t1 = ag.print %t, "{}", %i : tensor<i64>
    ag.yield %x2, %t1 : tensor<i64>, !ag.token
  }
  ag.return %r#1 : !ag.token
}

// -----

// A loop nothing observes is removed entirely.
// CHECK-LABEL: ag.func @for_dead
ag.func @for_dead(%n: tensor<i64>) {
  %zero = ag.constant dense<0> : tensor<i64>
  %one = ag.constant dense<1> : tensor<i64>
  // CHECK-NOT: ag.for
  %r = ag.for %i = %zero to %n step %one iter_args(%x = %one) -> (tensor<i64>) {
    %x2 = ag.mul %x, %i : tensor<i64>
    ag.yield %x2 : tensor<i64>
  }
  ag.return
}

// -----

// Boolean selects with a constant side are logic ops.
// CHECK-LABEL: ag.func @select_logic
// CHECK-SAME: (%[[C:.*]]: tensor<i1>, %[[X:.*]]: tensor<i1>, %[[V:.*]]: tensor<3xi1>)
ag.func @select_logic(%c: tensor<i1>, %x: tensor<i1>, %v: tensor<3xi1>) -> (tensor<i1>, tensor<i1>, tensor<i1>, tensor<i1>, tensor<3xi1>) {
  %t = ag.constant dense<true> : tensor<i1>
  %f = ag.constant dense<false> : tensor<i1>
  %vf = ag.constant dense<false> : tensor<3xi1>
  // CHECK-DAG: %[[AND:.*]] = ag.and %[[C]], %[[X]] : tensor<i1>
  // CHECK-DAG: %[[OR:.*]] = ag.or %[[C]], %[[X]] : tensor<i1>
  // CHECK-DAG: %[[NOT:.*]] = ag.not %[[C]] : tensor<i1>
  // CHECK-DAG: %[[VAND:.*]] = ag.and %[[C]], %[[V]] : tensor<i1>, tensor<3xi1>
  // CHECK: ag.return %[[AND]], %[[OR]], %[[NOT]], %[[C]], %[[VAND]]
  %and = ag.select %c, %x, %f : tensor<i1>, tensor<i1>
  %or = ag.select %c, %t, %x : tensor<i1>, tensor<i1>
  %not = ag.select %c, %f, %t : tensor<i1>, tensor<i1>
  %same = ag.select %c, %t, %f : tensor<i1>, tensor<i1>
  %vand = ag.select %c, %v, %vf : tensor<i1>, tensor<3xi1>
  ag.return %and, %or, %not, %same, %vand : tensor<i1>, tensor<i1>, tensor<i1>, tensor<i1>, tensor<3xi1>
}

// -----

// A loop with constant bounds and no iteration is its inits; a zero step
// stays for the runtime to report.
// CHECK-LABEL: ag.func @for_zero_trip
// CHECK-SAME: (%[[X:.*]]: tensor<i64>)
ag.func @for_zero_trip(%x: tensor<i64>) -> (tensor<i64>, tensor<i64>, tensor<i64>) {
  %t0 = ag.token
  %zero = ag.constant dense<0> : tensor<i64>
  %one = ag.constant dense<1> : tensor<i64>
  %minus = ag.constant dense<-1> : tensor<i64>
  %ten = ag.constant dense<10> : tensor<i64>
  // CHECK-NOT: ag.print %{{.*}}, "never"
  %a:2 = ag.for %i = %ten to %zero step %one iter_args(%v = %x, %t = %t0) -> (tensor<i64>, !ag.token) {
    %t1 = ag.print %t, "never"
    %w = ag.add %v, %i : tensor<i64>
    ag.yield %w, %t1 : tensor<i64>, !ag.token
  }
  %b = ag.for %i = %zero to %ten step %minus iter_args(%v = %x) -> (tensor<i64>) {
    %w = ag.add %v, %i : tensor<i64>
    ag.yield %w : tensor<i64>
  }
  // CHECK: %[[Z:.*]] = ag.for %{{.*}} = %{{.*}} to %{{.*}} step %{{.*}} iter_args
  %c = ag.for %i = %zero to %ten step %zero iter_args(%v = %x) -> (tensor<i64>) {
    %w = ag.add %v, %i : tensor<i64>
    ag.yield %w : tensor<i64>
  }
  // CHECK: ag.return %[[X]], %[[X]], %[[Z]]
  ag.return %a#0, %b, %c : tensor<i64>, tensor<i64>, tensor<i64>
}

// -----

// ag.dim of a static dimension folds; of a dynamic one it stays. A list no
// one stacks is dead, pushes and all; list_stack is kept only when used.
// CHECK-LABEL: ag.func @lists
// CHECK-SAME: (%[[X:.*]]: tensor<2xf64>)
ag.func @lists(%x: tensor<2xf64>) -> (tensor<i64>, tensor<i64>) {
  // CHECK-DAG: %[[TWO:.*]] = ag.constant dense<2> : tensor<i64>
  // CHECK-DAG: %[[L0:.*]] = ag.list_new
  // CHECK: %[[L1:.*]] = ag.list_push %[[L0]], %[[X]] : tensor<2xf64>
  // CHECK-NEXT: %[[M:.*]] = ag.list_stack %[[L1]] : tensor<?x2xf64>
  // CHECK-NEXT: %[[N:.*]] = ag.dim %[[M]], 0 : tensor<?x2xf64>
  // CHECK-NEXT: ag.return %[[TWO]], %[[N]] : tensor<i64>, tensor<i64>
  %l0 = ag.list_new
  %l1 = ag.list_push %l0, %x : tensor<2xf64>
  %dead = ag.list_push %l1, %x : tensor<2xf64>
  %unused = ag.list_stack %dead : tensor<?x2xf64>
  %m = ag.list_stack %l1 : tensor<?x2xf64>
  %cols = ag.dim %m, 1 : tensor<?x2xf64>
  %rows = ag.dim %m, 0 : tensor<?x2xf64>
  %s = ag.dim %x, 0 : tensor<2xf64>
  ag.return %s, %rows : tensor<i64>, tensor<i64>
}

// -----

// A list carried by a loop but never read after it is no longer carried.
// CHECK-LABEL: ag.func @dead_carried_list
// CHECK-NOT: ag.list
// CHECK: ag.return
ag.func @dead_carried_list(%x: tensor<f64>, %n: tensor<i64>) -> tensor<f64> {
  %zero = ag.constant dense<0> : tensor<i64>
  %one = ag.constant dense<1> : tensor<i64>
  %l0 = ag.list_new
  %r:2 = ag.for %i = %zero to %n step %one iter_args(%acc = %x, %l = %l0) -> (tensor<f64>, !ag.list) {
    %y = ag.add %acc, %acc : tensor<f64>
    %l1 = ag.list_push %l, %y : tensor<f64>
    ag.yield %y, %l1 : tensor<f64>, !ag.list
  }
  ag.return %r#0 : tensor<f64>
}

// -----

// A cast of a constant to a dynamic type cannot fold (a constant has no
// dynamic type); a cast to its own type folds away.
// CHECK-LABEL: ag.func @cast_to_dynamic
// CHECK: %[[C:.*]] = ag.constant dense<> : tensor<0xi64>
// CHECK-NEXT: %[[D:.*]] = ag.cast %[[C]] : tensor<0xi64> to tensor<?xi64>
// CHECK-NEXT: ag.return %[[D]]
ag.func @cast_to_dynamic() -> tensor<?xi64> {
  %c = ag.constant dense<> : tensor<0xi64>
  %same = ag.cast %c : tensor<0xi64> to tensor<0xi64>
  %d = ag.cast %same : tensor<0xi64> to tensor<?xi64>
  ag.return %d : tensor<?xi64>
}
