// ag-run --backend=native computes what the interpreter computes.
// RUN: ag-run %s --backend=native --feed a=27 | FileCheck %s
// RUN: ag-run %s --backend=interpreter --feed a=27 | FileCheck %s
// RUN: ag-run %s --backend=auto --feed a=27 | FileCheck %s
// RUN: env AG_BACKEND=native ag-run %s --feed a=27 | FileCheck %s
// RUN: ag-run %s --backend=native --feed a=1 | FileCheck %s --check-prefix=ONE
// Native code runs no interpreter ops:
// RUN: ag-run %s --backend=native --feed a=27 --stats 2>&1 | FileCheck %s --check-prefix=NATIVE
// RUN: ag-run %s --backend=interpreter --feed a=27 --stats 2>&1 | FileCheck %s --check-prefix=INTERP
// A fetch of a named value is lazy: the interpreter runs it.
// RUN: ag-run %s --backend=native --feed a=27 --fetch a --stats 2>&1 | FileCheck %s --check-prefix=LAZY
// RUN: not ag-run %s --backend=fast --feed a=1 2>&1 | FileCheck %s --check-prefix=BAD

// CHECK: result0 = 111
// ONE: result0 = 0
// NATIVE: ops executed: 0,
// INTERP: ops executed: {{[1-9][0-9]*}},
// LAZY: a = 27
// LAZY: ops executed: {{[0-9]+}},
// BAD: ag-run: error: --backend must be interpreter, native or auto, not 'fast'

ag.func @collatz(%a: tensor<i64> loc("a")) -> tensor<i64> {
  %zero = ag.constant dense<0> : tensor<i64>
  %one = ag.constant dense<1> : tensor<i64>
  %r:2 = ag.while (%x = %a, %n = %zero) : (tensor<i64>, tensor<i64>)
                                      -> (tensor<i64>, tensor<i64>) {
    %go = ag.cmp ne, %x, %one : tensor<i64>
    ag.condition %go(%x, %n : tensor<i64>, tensor<i64>)
  } do {
  ^bb0(%x: tensor<i64>, %n: tensor<i64>):
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
    %n1 = ag.add %n, %one : tensor<i64>
    ag.yield %next, %n1 : tensor<i64>, tensor<i64>
  }
  ag.return %r#1 : tensor<i64>
}
