// A carried value that the loop body assigns without reading is the loop's
// result when it runs no iteration: the general evaluator handed back no
// value there ("internal error: no value was computed", or "operand is not
// an eager tensor" at its reader), while the register code gave the
// initial value.
// RUN: ag-run %s --feed "arg0=[[1.0, 2.0], [3.0, 4.0]]" --feed n=2 | FileCheck %s --check-prefix=TWO
// RUN: ag-run %s --feed "arg0=[[1.0, 2.0], [3.0, 4.0]]" --feed n=0 | FileCheck %s --check-prefix=NONE
// RUN: env AG_SCALAR_CODE=0 ag-run %s --feed "arg0=[[1.0, 2.0], [3.0, 4.0]]" --feed n=0 | FileCheck %s --check-prefix=NONE
// RUN: ag-run %s --feed "arg0=[[1.0, 2.0], [3.0, 4.0]]" --feed n=0 --backend=native 2>/dev/null | FileCheck %s --check-prefix=NONE

ag.func @last(%x: tensor<2x2xf64>, %n: tensor<i64> loc("n")) -> (tensor<2xf64>, tensor<f64>) {
  %zero = ag.constant dense<0> : tensor<i64>
  %one = ag.constant dense<1> : tensor<i64>
  %init = ag.constant dense<[7.0, 8.0]> : tensor<2xf64>
  %none = ag.constant dense<-1.0> : tensor<f64>
  %r:2 = ag.for %i = %zero to %n step %one iter_args(%row = %init, %s = %none) -> (tensor<2xf64>, tensor<f64>) {
    %next = ag.index %x[%i] : tensor<2x2xf64>
    %sum = ag.reduce_sum %next : tensor<2xf64>
    ag.yield %next, %sum : tensor<2xf64>, tensor<f64>
  }
  ag.return %r#0, %r#1 : tensor<2xf64>, tensor<f64>
}

// TWO: result0 = [3, 4]
// TWO: result1 = 7
// NONE: result0 = [7, 8]
// NONE: result1 = -1
