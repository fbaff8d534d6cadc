// RUN: ag-run %s --feed a=27 --fetch counter | FileCheck %s
// RUN: ag-run %s --feed a=27 --fetch counter --threads 1 | FileCheck %s
// RUN: ag-run %s --feed a=27 --fetch counter --threads 4 | FileCheck %s
// RUN: env AG_NUM_THREADS=3 ag-run %s --feed a=27 --fetch counter | FileCheck %s
// RUN: ag-run %s --feed a=1 | FileCheck %s --check-prefix=ONE
// RUN: ag-run %s --feed a=6 --fetch a_last,counter | FileCheck %s --check-prefix=BOTH

// CHECK: counter = 111
// ONE: result0 = 0
// BOTH: a_last = 1
// BOTH-NEXT: counter = 8

ag.func @collatz(%a: tensor<i64> loc("a")) -> tensor<i64> {
  %zero = ag.constant dense<0> : tensor<i64>
  %one = ag.constant dense<1> : tensor<i64>
  %r:2 = ag.while (%x = %a, %n = %zero) : (tensor<i64>, tensor<i64>)
                                      -> (tensor<i64>, tensor<i64>) {
    %go = ag.cmp ne, %x, %one : tensor<i64>
    ag.condition %go(%x, %n : tensor<i64>, tensor<i64>)
  } do {
  ^bb0(%x: tensor<i64> loc("a_last"), %n: tensor<i64> loc("counter")):
    %two = ag.constant dense<2> : tensor<i64>
    %m = ag.rem %x, %two : tensor<i64>
    %even = ag.cmp eq, %m, %zero : tensor<i64>
    %next = ag.if %even -> (tensor<i64>) {
      %h = ag.div %x, %two : tensor<i64>
      ag.yield %h : tensor<i64>
    } else {
      %three = ag.constant dense<3> : tensor<i64>
      %t = ag.mul %three, %x : tensor<i64>
      %u = ag.add %t, %one : tensor<i64>
      ag.yield %u : tensor<i64>
    }
    %n1 = ag.add %n, %one : tensor<i64> loc("counter")
    ag.yield %next, %n1 : tensor<i64>, tensor<i64>
  }
  ag.return %r#1 : tensor<i64>
}
