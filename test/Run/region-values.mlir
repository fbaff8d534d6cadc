// Regions that yield a value they do not compute themselves — an outer value
// (a capture), a constant of the region — or whose condition is a region
// constant must give it on every iteration, branch and run, on the general
// evaluator (tensors, or --verbose) as on register code. These lost the
// value after its first use: slots bound once (constants, captures) were
// cleared when a region handed back its results.
// RUN: ag-run %s --feed x=[1,2,3] --feed n=3 | FileCheck %s
// RUN: ag-run %s --feed x=[1,2,3] --feed n=3 --verbose 2>/dev/null | FileCheck %s
// RUN: ag-run %s --feed x=[1,2,3] --feed n=3 --threads 2 | FileCheck %s
// RUN: env AG_SCALAR_CODE=0 ag-run %s --feed x=[1,2,3] --feed n=3 | FileCheck %s

// A while yielding the outer %x on every iteration.
// CHECK: result0 = [1, 2, 3]
// An if (inside a for) yielding a constant of its then-region.
// CHECK-NEXT: result1 = [4, 5]
// A while (inside a for) whose condition is a constant of its region.
// CHECK-NEXT: result2 = 3
// A scalar if yielding a region constant and a scalar while yielding an
// outer value: register code normally, the general path with --verbose.
// CHECK-NEXT: result3 = 21
// CHECK-NEXT: result4 = 3

ag.func @life(%x: tensor<3xf64> loc("x"), %n: tensor<i64> loc("n")) -> (tensor<3xf64>, tensor<2xi64>, tensor<i64>, tensor<i64>, tensor<i64>) {
  %zero = ag.constant dense<0> : tensor<i64>
  %one = ag.constant dense<1> : tensor<i64>
  %z3 = ag.constant dense<0.0> : tensor<3xf64>
  %w:2 = ag.while (%y = %z3, %i = %zero) : (tensor<3xf64>, tensor<i64>) -> (tensor<3xf64>, tensor<i64>) {
    %go = ag.cmp lt, %i, %n : tensor<i64>
    ag.condition %go(%y, %i : tensor<3xf64>, tensor<i64>)
  } do {
  ^bb0(%y: tensor<3xf64>, %i: tensor<i64>):
    %i1 = ag.add %i, %one : tensor<i64>
    ag.yield %x, %i1 : tensor<3xf64>, tensor<i64>
  }
  %c = ag.for %j = %zero to %n step %one iter_args(%acc = %zero) -> (tensor<i64>) {
    %inner:1 = ag.while (%k = %acc) : (tensor<i64>) -> (tensor<i64>) {
      %f = ag.constant dense<false> : tensor<i1>
      ag.condition %f(%k : tensor<i64>)
    } do {
    ^bb0(%k: tensor<i64>):
      ag.yield %k : tensor<i64>
    }
    %a1 = ag.add %inner#0, %one : tensor<i64>
    ag.yield %a1 : tensor<i64>
  }
  %init2 = ag.constant dense<[0, 0]> : tensor<2xi64>
  %v = ag.for %j = %zero to %n step %one iter_args(%acc = %init2) -> (tensor<2xi64>) {
    %p = ag.cmp ge, %j, %zero : tensor<i64>
    %r = ag.if %p -> (tensor<2xi64>) {
      %k = ag.constant dense<[4, 5]> : tensor<2xi64>
      ag.yield %k : tensor<2xi64>
    } else {
      ag.yield %acc : tensor<2xi64>
    }
    ag.yield %r : tensor<2xi64>
  }
  %s = ag.for %j = %zero to %n step %one iter_args(%acc = %zero) -> (tensor<i64>) {
    %p = ag.cmp ge, %j, %zero : tensor<i64>
    %r = ag.if %p -> (tensor<i64>) {
      %k = ag.constant dense<7> : tensor<i64>
      ag.yield %k : tensor<i64>
    } else {
      ag.yield %acc : tensor<i64>
    }
    %a1 = ag.add %acc, %r : tensor<i64>
    ag.yield %a1 : tensor<i64>
  }
  %u:2 = ag.while (%y = %zero, %i = %zero) : (tensor<i64>, tensor<i64>) -> (tensor<i64>, tensor<i64>) {
    %go = ag.cmp lt, %i, %n : tensor<i64>
    ag.condition %go(%y, %i : tensor<i64>, tensor<i64>)
  } do {
  ^bb0(%y: tensor<i64>, %i: tensor<i64>):
    %i1 = ag.add %i, %one : tensor<i64>
    ag.yield %n, %i1 : tensor<i64>, tensor<i64>
  }
  ag.return %w#0, %v, %c, %s, %u#0 : tensor<3xf64>, tensor<2xi64>, tensor<i64>, tensor<i64>, tensor<i64>
}
