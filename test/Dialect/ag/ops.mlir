// RUN: ag-opt %s | ag-opt | FileCheck %s
// RUN: ag-opt %s --mlir-print-op-generic | ag-opt | FileCheck %s

// Every op of the dialect parses, verifies and prints back to the same form.

// CHECK-LABEL: ag.func @values
// CHECK-SAME: (%[[A:.*]]: tensor<i64>, %[[B:.*]]: tensor<i64>, %[[V:.*]]: tensor<3xf32>, %[[P:.*]]: tensor<i1>, %[[M:.*]]: tensor<2x3xf32>)
ag.func @values(%a: tensor<i64>, %b: tensor<i64>, %v: tensor<3xf32>,
                %p: tensor<i1>, %m: tensor<2x3xf32>) -> tensor<i64> {
  // CHECK: %[[C:.*]] = ag.constant dense<3> : tensor<i64>
  %c = ag.constant dense<3> : tensor<i64>
  // CHECK: ag.constant dense<[1.000000e+00, 2.500000e+00, -1.000000e+00]> : tensor<3xf32>
  %cv = ag.constant dense<[1.0, 2.5, -1.0]> : tensor<3xf32>
  // CHECK: ag.add %[[A]], %[[B]] : tensor<i64>
  %0 = ag.add %a, %b : tensor<i64>
  // CHECK: ag.sub %[[A]], %[[B]] : tensor<i64>
  %1 = ag.sub %a, %b : tensor<i64>
  // CHECK: ag.mul %[[A]], %[[C]] : tensor<i64>
  %2 = ag.mul %a, %c : tensor<i64>
  // CHECK: ag.div %[[A]], %[[B]] : tensor<i64>
  %3 = ag.div %a, %b : tensor<i64>
  // CHECK: ag.rem %[[A]], %[[B]] : tensor<i64>
  %4 = ag.rem %a, %b : tensor<i64>
  // CHECK: ag.pow %[[V]], %{{.*}} : tensor<3xf32>
  %5 = ag.pow %v, %cv : tensor<3xf32>
  // CHECK: ag.min %[[A]], %[[B]] : tensor<i64>
  %6 = ag.min %a, %b : tensor<i64>
  // CHECK: ag.max %[[A]], %[[B]] : tensor<i64>
  %7 = ag.max %a, %b : tensor<i64>
  // Scalar broadcast: both operand types are printed.
  // CHECK: %[[S:.*]] = ag.reduce_sum %[[V]] : tensor<3xf32>
  %s = ag.reduce_sum %v : tensor<3xf32>
  // CHECK: ag.mul %[[V]], %[[S]] : tensor<3xf32>, tensor<f32>
  %8 = ag.mul %v, %s : tensor<3xf32>, tensor<f32>
  // CHECK: ag.sub %[[S]], %[[V]] : tensor<f32>, tensor<3xf32>
  %9 = ag.sub %s, %v : tensor<f32>, tensor<3xf32>
  // CHECK: ag.cmp lt, %[[A]], %[[B]] : tensor<i64>
  %10 = ag.cmp lt, %a, %b : tensor<i64>
  // CHECK: ag.cmp eq, %[[A]], %[[B]] : tensor<i64>
  %eq = ag.cmp eq, %a, %b : tensor<i64>
  // CHECK: ag.cmp ne, %[[A]], %[[B]] : tensor<i64>
  %ne = ag.cmp ne, %a, %b : tensor<i64>
  // CHECK: ag.cmp le, %[[A]], %[[B]] : tensor<i64>
  %le = ag.cmp le, %a, %b : tensor<i64>
  // CHECK: ag.cmp gt, %[[A]], %[[B]] : tensor<i64>
  %gt = ag.cmp gt, %a, %b : tensor<i64>
  // CHECK: %[[MASK:.*]] = ag.cmp ge, %[[V]], %[[S]] : tensor<3xf32>, tensor<f32>
  %mask = ag.cmp ge, %v, %s : tensor<3xf32>, tensor<f32>
  // CHECK: ag.and %{{.*}}, %[[P]] : tensor<i1>
  %11 = ag.and %10, %p : tensor<i1>
  // CHECK: ag.or %{{.*}}, %[[P]] : tensor<i1>
  %12 = ag.or %11, %p : tensor<i1>
  // CHECK: ag.xor %[[MASK]], %[[P]] : tensor<3xi1>, tensor<i1>
  %13 = ag.xor %mask, %p : tensor<3xi1>, tensor<i1>
  // CHECK: ag.not %[[P]] : tensor<i1>
  %14 = ag.not %p : tensor<i1>
  // CHECK: ag.neg %[[A]] : tensor<i64>
  %15 = ag.neg %a : tensor<i64>
  // CHECK: ag.abs %[[V]] : tensor<3xf32>
  %16 = ag.abs %v : tensor<3xf32>
  // CHECK: ag.exp %[[V]] : tensor<3xf32>
  %17 = ag.exp %v : tensor<3xf32>
  // CHECK: ag.log %[[V]] : tensor<3xf32>
  %18 = ag.log %v : tensor<3xf32>
  // CHECK: ag.sqrt %[[V]] : tensor<3xf32>
  %19 = ag.sqrt %v : tensor<3xf32>
  // CHECK: ag.tanh %[[V]] : tensor<3xf32>
  %20 = ag.tanh %v : tensor<3xf32>
  // CHECK: ag.floor %[[V]] : tensor<3xf32>
  %21 = ag.floor %v : tensor<3xf32>
  // CHECK: ag.select %[[P]], %[[A]], %[[B]] : tensor<i1>, tensor<i64>
  %22 = ag.select %p, %a, %b : tensor<i1>, tensor<i64>
  // CHECK: ag.select %[[MASK]], %[[V]], %{{.*}} : tensor<3xi1>, tensor<3xf32>
  %23 = ag.select %mask, %v, %cv : tensor<3xi1>, tensor<3xf32>
  // CHECK: ag.cast %[[A]] : tensor<i64> to tensor<f64>
  %24 = ag.cast %a : tensor<i64> to tensor<f64>
  // CHECK: ag.cast %[[MASK]] : tensor<3xi1> to tensor<3xi32>
  %25 = ag.cast %mask : tensor<3xi1> to tensor<3xi32>
  // CHECK: ag.broadcast %[[V]] : tensor<3xf32> to tensor<2x3xf32>
  %26 = ag.broadcast %v : tensor<3xf32> to tensor<2x3xf32>
  // CHECK: ag.broadcast %[[S]] : tensor<f32> to tensor<4x1xf32>
  %27 = ag.broadcast %s : tensor<f32> to tensor<4x1xf32>
  // CHECK: ag.index %[[M]][%[[A]]] : tensor<2x3xf32>
  %28 = ag.index %m[%a] : tensor<2x3xf32>
  // CHECK: ag.index %[[V]][%[[B]]] : tensor<3xf32>
  %29 = ag.index %v[%b] : tensor<3xf32>
  // CHECK: ag.stack %[[V]], %{{.*}} : tensor<3xf32>
  %30 = ag.stack %v, %28 : tensor<3xf32>
  // CHECK: ag.stack %[[A]] : tensor<i64>
  %31 = ag.stack %a : tensor<i64>
  // CHECK: ag.return %{{.*}} : tensor<i64>
  ag.return %7 : tensor<i64>
}

// CHECK-LABEL: ag.func @effects
ag.func @effects(%x: tensor<f32>, %ok: tensor<i1>) -> (tensor<f32>, !ag.token) {
  // CHECK: %[[T0:.*]] = ag.token
  %t0 = ag.token
  // CHECK: %[[T1:.*]] = ag.print %[[T0]], "x = {}, again {%.3f}\0A", %{{.*}}, %{{.*}} : tensor<f32>, tensor<f32>
  %t1 = ag.print %t0, "x = {}, again {%.3f}\n", %x, %x : tensor<f32>, tensor<f32>
  // Escaped braces, a lone '}', and conversions the runtime knows.
  // CHECK: %[[T2:.*]] = ag.print %[[T1]], "{{[{][{]}}literal{{[}][}]}} } {%-08.3e} {%5d} {%lld}", %[[X:.*]], %[[I:.*]], %[[I]] : tensor<f32>, tensor<i64>, tensor<i64>
  %i = ag.constant dense<3> : tensor<i64>
  %t2 = ag.print %t1, "{{literal}} } {%-08.3e} {%5d} {%lld}", %x, %i, %i : tensor<f32>, tensor<i64>, tensor<i64>
  // CHECK: %[[T3:.*]] = ag.assert %[[T2]], %{{.*}}, "x must be positive"
  %t3 = ag.assert %t2, %ok, "x must be positive"
  // CHECK: %[[Y:.*]], %[[T4:.*]] = ag.check_numerics %[[T3]], %{{.*}}, "x" : tensor<f32>
  %y, %t4 = ag.check_numerics %t3, %x, "x" : tensor<f32>
  // CHECK: ag.return %[[Y]], %[[T4]] : tensor<f32>, !ag.token
  ag.return %y, %t4 : tensor<f32>, !ag.token
}

// CHECK-LABEL: ag.func @control
ag.func @control(%c: tensor<i1>, %a: tensor<i64>, %n: tensor<i64>) -> tensor<i64> {
  %one = ag.constant dense<1> : tensor<i64>
  %t0 = ag.token
  // CHECK: %{{.*}}:2 = ag.if %{{.*}} -> (tensor<i64>, !ag.token) {
  // CHECK:   ag.yield %{{.*}}, %{{.*}} : tensor<i64>, !ag.token
  // CHECK: } else {
  // CHECK:   ag.yield %{{.*}}, %{{.*}} : tensor<i64>, !ag.token
  // CHECK: }
  %r:2 = ag.if %c -> (tensor<i64>, !ag.token) {
    %t1 = ag.print %t0, "then\n"
    ag.yield %a, %t1 : tensor<i64>, !ag.token
  } else {
    %d = ag.div %n, %a : tensor<i64>
    ag.yield %d, %t0 : tensor<i64>, !ag.token
  }
  // An if without results and without else; the empty yield is implicit.
  // CHECK: ag.if %{{.*}} {
  // CHECK-NEXT: ag.print
  // CHECK-NEXT: }
  ag.if %c {
    %t5 = ag.print %r#1, "no results\n"
  }
  // CHECK: %{{.*}} = ag.while (%[[X:.*]] = %{{.*}}) : (tensor<i64>) -> tensor<i64> {
  // CHECK:   ag.condition %{{.*}}(%[[X]] : tensor<i64>)
  // CHECK: } do {
  // CHECK: ^bb0(%[[Y:.*]]: tensor<i64>):
  // CHECK:   ag.yield %{{.*}} : tensor<i64>
  // CHECK: }
  %w = ag.while (%x = %r#0) : (tensor<i64>) -> tensor<i64> {
    %go = ag.cmp lt, %x, %n : tensor<i64>
    ag.condition %go(%x : tensor<i64>)
  } do {
  ^bb0(%y: tensor<i64>):
    %y1 = ag.add %y, %one : tensor<i64>
    ag.yield %y1 : tensor<i64>
  }
  // A while with no loop-carried values (and a do-while shape).
  // CHECK: ag.while : () -> () {
  // CHECK:   ag.condition %{{.*}}
  // CHECK: } do {
  // CHECK:   ag.yield
  // CHECK: }
  ag.while : () -> () {
    ag.condition %c
  } do {
    ag.yield
  }
  // CHECK: %{{.*}} = ag.for %[[I:.*]] = %{{.*}} to %{{.*}} step %{{.*}} iter_args(%[[ACC:.*]] = %{{.*}}) -> (tensor<i64>) {
  // CHECK:   ag.add %[[ACC]], %[[I]] : tensor<i64>
  // CHECK:   ag.yield %{{.*}} : tensor<i64>
  // CHECK: }
  %sum = ag.for %i = %one to %n step %one iter_args(%acc = %w) -> (tensor<i64>) {
    %next = ag.add %acc, %i : tensor<i64>
    ag.yield %next : tensor<i64>
  }
  // CHECK: ag.for %{{.*}} = %{{.*}} to %{{.*}} step %{{.*}} {
  // CHECK-NEXT: }
  ag.for %j = %one to %n step %one {
  }
  ag.return %sum : tensor<i64>
}

// CHECK-LABEL: ag.func private @callee(tensor<f32>) -> tensor<f32>
ag.func private @callee(tensor<f32>) -> tensor<f32>

// CHECK-LABEL: ag.func @caller
ag.func @caller(%x: tensor<f32>) -> (tensor<f32>, !ag.token) {
  // CHECK: ag.call @callee(%{{.*}}) : (tensor<f32>) -> tensor<f32>
  %y = ag.call @callee(%x) : (tensor<f32>) -> tensor<f32>
  // CHECK: ag.call @effects(%{{.*}}, %{{.*}}) : (tensor<f32>, tensor<i1>) -> (tensor<f32>, !ag.token)
  %ok = ag.constant dense<true> : tensor<i1>
  %z:2 = ag.call @effects(%y, %ok) : (tensor<f32>, tensor<i1>) -> (tensor<f32>, !ag.token)
  ag.return %z#0, %z#1 : tensor<f32>, !ag.token
}

// Lists and dynamic shapes: a list carried by a loop, stacked into a tensor
// whose first dimension is only known at evaluation.
// CHECK-LABEL: ag.func @lists
// CHECK-SAME: (%[[X:.*]]: tensor<3xf64>, %[[N:.*]]: tensor<i64>) -> tensor<?x3xf64>
ag.func @lists(%x: tensor<3xf64>, %n: tensor<i64>) -> tensor<?x3xf64> {
  // CHECK: %[[L0:.*]] = ag.list_new
  %l0 = ag.list_new
  // CHECK: %[[L1:.*]] = ag.list_push %[[L0]], %[[X]] : tensor<3xf64>
  %l1 = ag.list_push %l0, %x : tensor<3xf64>
  %zero = ag.constant dense<0> : tensor<i64>
  %one = ag.constant dense<1> : tensor<i64>
  // CHECK: ag.for %{{.*}} = %{{.*}} to %[[N]] step %{{.*}} iter_args(%[[A:.*]] = %[[L1]]) -> (!ag.list)
  %l2 = ag.for %i = %zero to %n step %one iter_args(%acc = %l1) -> (!ag.list) {
    // CHECK: ag.list_push %[[A]], %[[X]] : tensor<3xf64>
    %next = ag.list_push %acc, %x : tensor<3xf64>
    ag.yield %next : !ag.list
  }
  // CHECK: %[[M:.*]] = ag.list_stack %{{.*}} : tensor<?x3xf64>
  %m = ag.list_stack %l2 : tensor<?x3xf64>
  // CHECK: ag.dim %[[M]], 0 : tensor<?x3xf64>
  %rows = ag.dim %m, 0 : tensor<?x3xf64>
  // CHECK: ag.add %[[M]], %[[M]] : tensor<?x3xf64>
  %twice = ag.add %m, %m : tensor<?x3xf64>
  ag.return %twice : tensor<?x3xf64>
}

// A static dimension may become dynamic through ag.cast (the tracer merges
// an empty placeholder with a stacked list this way).
// CHECK-LABEL: ag.func @refine
// CHECK: ag.cast %{{.*}} : tensor<0xi64> to tensor<?xi64>
ag.func @refine(%x: tensor<0xi64>) -> tensor<?xi64> {
  %y = ag.cast %x : tensor<0xi64> to tensor<?xi64>
  ag.return %y : tensor<?xi64>
}
