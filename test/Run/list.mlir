// Lists carried through ag.while and ag.for, stacked into tensors with a
// dynamic first dim, an ag.for over the ag.dim of a stacked list, and a list
// merged by ag.if. The two loops building lists are independent heavy nodes,
// so --threads 2 runs them as parallel tasks; --verbose takes the general
// path for every node. All must print the same values.
// RUN: ag-run %s --feed n=4 --feed c=true --threads 1 | FileCheck %s --check-prefixes=CHECK,TAKEN
// RUN: ag-run %s --feed n=4 --feed c=false --threads 1 | FileCheck %s --check-prefixes=CHECK,NOT-TAKEN
// RUN: ag-run %s --feed n=4 --feed c=true --verbose 2>/dev/null | FileCheck %s --check-prefixes=CHECK,TAKEN
// RUN: ag-run %s --feed n=4 --feed c=true --threads 2 | FileCheck %s --check-prefixes=CHECK,TAKEN
// RUN: ag-run %s --feed n=4 --feed c=false --threads 2 | FileCheck %s --check-prefixes=CHECK,NOT-TAKEN
// RUN: ag-run %s --feed n=1 --feed c=true --fetch result0,result1,result2 | FileCheck %s --check-prefix=ONE
// RUN: ag-run %s --feed n=3 --feed c=true --fetch squares,result3 | FileCheck %s --check-prefix=FETCH

// rows i * [1, 2, 3] for i < 4, pushed by a while loop; 4 of them
// CHECK: result0 = {{\[\[}}0, 0, 0], [1, 2, 3], [2, 4, 6], [3, 6, 9]]
// CHECK-NEXT: result1 = 4
// the sum of all rows, by a for loop over ag.dim of the stack: 6 * (0+1+2+3)
// CHECK-NEXT: result2 = 36
// i * i pushed by a for loop
// CHECK-NEXT: result3 = [0, 1, 4, 9]
// TAKEN-NEXT: result4 = [7, 8]
// NOT-TAKEN-NEXT: result4 = [7]

// ONE: result0 = {{\[\[}}0, 0, 0]]
// ONE-NEXT: result1 = 1
// ONE-NEXT: result2 = 0

// A named list can be fetched: ag-run prints its elements.
// FETCH: squares = list[0, 1, 4]
// FETCH-NEXT: result3 = [0, 1, 4]

ag.func @lists(%n: tensor<i64> loc("n"), %c: tensor<i1> loc("c")) -> (tensor<?x3xf64>, tensor<i64>, tensor<f64>, tensor<?xi64>, tensor<?xi64>) {
  %zero = ag.constant dense<0> : tensor<i64>
  %one = ag.constant dense<1> : tensor<i64>
  %fzero = ag.constant dense<0.0> : tensor<f64>
  %seven = ag.constant dense<7> : tensor<i64>
  %eight = ag.constant dense<8> : tensor<i64>
  %scale = ag.constant dense<[1.0, 2.0, 3.0]> : tensor<3xf64>
  %empty = ag.list_new

  %w:2 = ag.while (%i = %zero, %l = %empty) : (tensor<i64>, !ag.list) -> (tensor<i64>, !ag.list) {
    %go = ag.cmp lt, %i, %n : tensor<i64>
    ag.condition %go(%i, %l : tensor<i64>, !ag.list)
  } do {
  ^bb0(%i: tensor<i64>, %l: !ag.list):
    %f = ag.cast %i : tensor<i64> to tensor<f64>
    %row = ag.mul %scale, %f : tensor<3xf64>, tensor<f64>
    %l1 = ag.list_push %l, %row : tensor<3xf64>
    %i1 = ag.add %i, %one : tensor<i64>
    ag.yield %i1, %l1 : tensor<i64>, !ag.list
  }
  %m = ag.list_stack %w#1 : tensor<?x3xf64>
  %d = ag.dim %m, 0 : tensor<?x3xf64>
  %total = ag.for %k = %zero to %d step %one iter_args(%acc = %fzero) -> (tensor<f64>) {
    %r = ag.index %m[%k] : tensor<?x3xf64>
    %s = ag.reduce_sum %r : tensor<3xf64>
    %acc1 = ag.add %acc, %s : tensor<f64>
    ag.yield %acc1 : tensor<f64>
  }

  %sq = ag.for %j = %zero to %n step %one iter_args(%l = %empty) -> (!ag.list) {
    %jj = ag.mul %j, %j : tensor<i64>
    %l1 = ag.list_push %l, %jj : tensor<i64>
    ag.yield %l1 : !ag.list
  } loc("squares")
  %sqm = ag.list_stack %sq : tensor<?xi64>

  %l7 = ag.list_push %empty, %seven : tensor<i64>
  %merged = ag.if %c -> (!ag.list) {
    %l8 = ag.list_push %l7, %eight : tensor<i64>
    ag.yield %l8 : !ag.list
  } else {
    ag.yield %l7 : !ag.list
  }
  %mm = ag.list_stack %merged : tensor<?xi64>
  ag.return %m, %d, %total, %sqm, %mm : tensor<?x3xf64>, tensor<i64>, tensor<f64>, tensor<?xi64>, tensor<?xi64>
}
