// Loop-carried values that swap, feed each other or stay unchanged, in
// while and for loops (positive and negative steps) and nested loops. All
// scalar, so they run as register code; --verbose forces the general path,
// which must print the same values.
// RUN: ag-run %s --feed n=10 | FileCheck %s
// RUN: ag-run %s --feed n=10 --verbose 2>/dev/null | FileCheck %s
// RUN: ag-run %s --feed n=10 --threads 2 | FileCheck %s

// fib(10) with (a, b) -> (b, a + b)
// CHECK: result0 = 55
// ten swaps of (n, 7) leave them as they were
// CHECK-NEXT: result1 = 10
// CHECK-NEXT: result2 = 7
// sum of 10, 8, ..., 2 by a for loop counting down; a flag flipped 5 times
// CHECK-NEXT: result3 = 30
// CHECK-NEXT: result4 = 0
// nested: sum over i < n of (sum over j < i of j) = 120
// CHECK-NEXT: result5 = 120
// the loop bound itself as a carried value the body never changes
// CHECK-NEXT: result6 = 10

ag.func @loops(%n: tensor<i64> loc("n")) -> (tensor<i64>, tensor<i64>, tensor<i64>, tensor<i64>, tensor<i64>, tensor<i64>, tensor<i64>) {
  %zero = ag.constant dense<0> : tensor<i64>
  %one = ag.constant dense<1> : tensor<i64>
  %two = ag.constant dense<2> : tensor<i64>
  %seven = ag.constant dense<7> : tensor<i64>
  %mtwo = ag.constant dense<-2> : tensor<i64>

  %fib:3 = ag.while (%a = %zero, %b = %one, %i = %zero) : (tensor<i64>, tensor<i64>, tensor<i64>) -> (tensor<i64>, tensor<i64>, tensor<i64>) {
    %go = ag.cmp lt, %i, %n : tensor<i64>
    ag.condition %go(%a, %b, %i : tensor<i64>, tensor<i64>, tensor<i64>)
  } do {
  ^bb0(%a: tensor<i64>, %b: tensor<i64>, %i: tensor<i64>):
    %s = ag.add %a, %b : tensor<i64>
    %i1 = ag.add %i, %one : tensor<i64>
    ag.yield %b, %s, %i1 : tensor<i64>, tensor<i64>, tensor<i64>
  }

  %sw:3 = ag.while (%x = %n, %y = %seven, %k = %zero) : (tensor<i64>, tensor<i64>, tensor<i64>) -> (tensor<i64>, tensor<i64>, tensor<i64>) {
    %go = ag.cmp lt, %k, %n : tensor<i64>
    ag.condition %go(%x, %y, %k : tensor<i64>, tensor<i64>, tensor<i64>)
  } do {
  ^bb0(%x: tensor<i64>, %y: tensor<i64>, %k: tensor<i64>):
    %k1 = ag.add %k, %one : tensor<i64>
    ag.yield %y, %x, %k1 : tensor<i64>, tensor<i64>, tensor<i64>
  }

  %down:2 = ag.for %j = %n to %zero step %mtwo iter_args(%acc = %zero, %flip = %one) -> (tensor<i64>, tensor<i64>) {
    %acc1 = ag.add %acc, %j : tensor<i64>
    %notflip = ag.sub %one, %flip : tensor<i64>
    ag.yield %acc1, %notflip : tensor<i64>, tensor<i64>
  }

  %outer = ag.for %i = %zero to %n step %one iter_args(%tot = %zero) -> (tensor<i64>) {
    %inner = ag.for %j = %zero to %i step %one iter_args(%t = %tot) -> (tensor<i64>) {
      %t1 = ag.add %t, %j : tensor<i64>
      ag.yield %t1 : tensor<i64>
    }
    ag.yield %inner : tensor<i64>
  }

  %kept:2 = ag.while (%m = %n, %c = %zero) : (tensor<i64>, tensor<i64>) -> (tensor<i64>, tensor<i64>) {
    %go = ag.cmp lt, %c, %m : tensor<i64>
    ag.condition %go(%m, %c : tensor<i64>, tensor<i64>)
  } do {
  ^bb0(%m: tensor<i64>, %c: tensor<i64>):
    %c1 = ag.add %c, %two : tensor<i64>
    ag.yield %m, %c1 : tensor<i64>, tensor<i64>
  }

  ag.return %fib#0, %sw#0, %sw#1, %down#0, %down#1, %outer, %kept#0 : tensor<i64>, tensor<i64>, tensor<i64>, tensor<i64>, tensor<i64>, tensor<i64>, tensor<i64>
}
