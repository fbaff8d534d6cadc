// A region may yield a value that its own nodes also read while the region
// op's result is not wanted (a loop-carried variable the rest of the graph
// never reads: the converter carries what it cannot prove dead). Use counting
// releases such a slot after its last read; handing back the results must
// not mistake it for a wanted result left empty ("a region of 'ag.if'
// yielded no value"). agsmith seeds 100227, 100997, 101185.
// RUN: ag-run %s --feed x=[1,2,3] --feed n=3 | FileCheck %s
// RUN: ag-run %s --feed x=[1,2,3] --feed n=3 --verbose 2>/dev/null | FileCheck %s
// RUN: ag-run %s --feed x=[1,2,3] --feed n=3 --threads 2 | FileCheck %s
// RUN: env AG_SCALAR_CODE=0 ag-run %s --feed x=[1,2,3] --feed n=3 | FileCheck %s

// An if (in a for) yielding a tensor it also reads; result 0 is dead.
// CHECK: result0 = 6
// The same with scalars (register code normally, the general evaluator
// with --verbose or AG_SCALAR_CODE=0).
// CHECK-NEXT: result1 = -4
// A while whose after region yields a value it also reads; result 0 dead.
// CHECK-NEXT: result2 = 6
// A for body yielding a tensor it also reads; result 0 is dead.
// CHECK-NEXT: result3 = 9

ag.func @unwanted(%x: tensor<3xi64> loc("x"), %n: tensor<i64> loc("n")) -> (tensor<i64>, tensor<i64>, tensor<i64>, tensor<i64>) {
  %zero = ag.constant dense<0> : tensor<i64>
  %one = ag.constant dense<1> : tensor<i64>
  %true = ag.constant dense<true> : tensor<i1>
  %f:2 = ag.for %i = %zero to %n step %one iter_args(%w = %x, %s = %zero) -> (tensor<3xi64>, tensor<i64>) {
    %r:2 = ag.if %true -> (tensor<3xi64>, tensor<i64>) {
      %w1 = ag.add %x, %one : tensor<3xi64>, tensor<i64>
      %e = ag.index %w1[%zero] : tensor<3xi64>
      %s1 = ag.add %s, %e : tensor<i64>
      ag.yield %w1, %s1 : tensor<3xi64>, tensor<i64>
    } else {
      ag.yield %w, %s : tensor<3xi64>, tensor<i64>
    }
    ag.yield %r#0, %r#1 : tensor<3xi64>, tensor<i64>
  }
  %g:2 = ag.for %i = %zero to %n step %one iter_args(%a = %n, %b = %n) -> (tensor<i64>, tensor<i64>) {
    %r:2 = ag.if %true -> (tensor<i64>, tensor<i64>) {
      %a1 = ag.add %n, %one : tensor<i64>
      %b1 = ag.neg %a1 : tensor<i64>
      ag.yield %a1, %b1 : tensor<i64>, tensor<i64>
    } else {
      ag.yield %a, %b : tensor<i64>, tensor<i64>
    }
    ag.yield %r#0, %r#1 : tensor<i64>, tensor<i64>
  }
  %two = ag.constant dense<2> : tensor<i64>
  %h:2 = ag.while (%a = %zero, %t = %zero) : (tensor<i64>, tensor<i64>) -> (tensor<i64>, tensor<i64>) {
    %lt = ag.cmp lt, %a, %n : tensor<i64>
    ag.condition %lt(%a, %t : tensor<i64>, tensor<i64>)
  } do {
  ^bb0(%a: tensor<i64>, %t: tensor<i64>):
    %t1 = ag.add %a, %one : tensor<i64>
    %a1 = ag.mul %t1, %two : tensor<i64>
    ag.yield %a1, %t1 : tensor<i64>, tensor<i64>
  }
  %k:2 = ag.for %i = %zero to %n step %one iter_args(%a = %x, %s = %zero) -> (tensor<3xi64>, tensor<i64>) {
    %a1 = ag.add %x, %i : tensor<3xi64>, tensor<i64>
    %e = ag.index %a1[%i] : tensor<3xi64>
    %s1 = ag.add %s, %e : tensor<i64>
    ag.yield %a1, %s1 : tensor<3xi64>, tensor<i64>
  }
  ag.return %f#1, %g#1, %h#0, %k#1 : tensor<i64>, tensor<i64>, tensor<i64>, tensor<i64>
}
