// ag.set_index (t[i] = v) in an ag.for: prefix sums of a constant vector
// with the index from the loop, on the general evaluator (--verbose) and
// with scalar register code allowed (set_index is not a scalar op: the loop
// runs on the general path either way); a row of a matrix replaced under an
// ag.if; an out-of-range index fails at its source line. The declared
// list_stack of an empty list gives a 0-row tensor.
// RUN: ag-run %s --feed n=5 --feed k=1 --feed c=true | FileCheck %s --check-prefixes=CHECK,TAKEN
// RUN: ag-run %s --feed n=3 --feed k=0 --feed c=false --verbose 2>/dev/null | FileCheck %s --check-prefixes=SHORT,NOT-TAKEN
// RUN: ag-run %s --feed n=5 --feed k=1 --feed c=true --threads 2 | FileCheck %s --check-prefixes=CHECK,TAKEN
// RUN: not ag-run --source-dir=%S %s --feed n=7 --feed k=0 --feed c=true 2>&1 | FileCheck %s --check-prefix=RANGE
// RUN: not ag-run --source-dir=%S %s --feed n=1 --feed k=2 --feed c=true 2>&1 | FileCheck %s --check-prefix=ROW

// CHECK: result0 = [1, 3, 6, 10, 15]
// SHORT: result0 = [1, 3, 6, 4, 5]
// TAKEN-NEXT: result1 = {{\[\[}}1.5, 2.5], [0, 0]]
// NOT-TAKEN-NEXT: result1 = {{\[\[}}0, 0], [3, 4]]
// CHECK-NEXT: result2 = []
// RANGE: SRC:1:2: error: index 5 is out of range for dimension 0 of size 5
// ROW: SRC:3:4: error: index 2 is out of range for dimension 0 of size 2

ag.func @f(%n: tensor<i64> loc("n"), %k: tensor<i64> loc("k"),
           %c: tensor<i1> loc("c"))
    -> (tensor<5xi64>, tensor<2x2xf64>, tensor<?xi64>) {
  %one = ag.constant dense<1> : tensor<i64>
  %v0 = ag.constant dense<[1, 2, 3, 4, 5]> : tensor<5xi64>
  %v = ag.for %i = %one to %n step %one iter_args(%acc = %v0) -> (tensor<5xi64>) {
    %prev_i = ag.sub %i, %one : tensor<i64>
    %prev = ag.index %acc[%prev_i] : tensor<5xi64>
    %cur = ag.index %acc[%i] : tensor<5xi64> loc("SRC":1:2)
    %sum = ag.add %prev, %cur : tensor<i64>
    %next = ag.set_index %acc[%i], %sum : tensor<5xi64>, tensor<i64> loc("SRC":1:2)
    ag.yield %next : tensor<5xi64>
  }
  %m0 = ag.constant dense<[[0.0, 0.0], [3.0, 4.0]]> : tensor<2x2xf64>
  %row = ag.constant dense<[1.5, 2.5]> : tensor<2xf64>
  %m = ag.if %c -> (tensor<2x2xf64>) {
    %zero = ag.constant dense<0.0> : tensor<f64>
    %r1 = ag.broadcast %zero : tensor<f64> to tensor<2xf64>
    %m1 = ag.set_index %m0[%k], %r1 : tensor<2x2xf64>, tensor<2xf64> loc("SRC":3:4)
    %z = ag.constant dense<0> : tensor<i64>
    %m2 = ag.set_index %m1[%z], %row : tensor<2x2xf64>, tensor<2xf64>
    ag.yield %m2 : tensor<2x2xf64>
  } else {
    ag.yield %m0 : tensor<2x2xf64>
  }
  %l = ag.list_new
  %e = ag.list_stack %l declared : tensor<?xi64>
  ag.return %v, %m, %e : tensor<5xi64>, tensor<2x2xf64>, tensor<?xi64>
}
