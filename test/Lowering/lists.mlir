// RUN: ag-opt %s --ag-print-program -o /dev/null | FileCheck %s

// Lists: list_new, list_push carried through a loop, list_stack into a
// tensor with a dynamic first dimension and ag.dim of it.

// CHECK-LABEL: program @squares
// CHECK-NEXT: args(%0(n))
// CHECK-NEXT: const %1 = 0
// CHECK-NEXT: const %2 = 1
// CHECK-NEXT: %3 = ag.list_new()
// CHECK-NEXT: %4(squares) = ag.for(%1, %0(n), %2, %3) heavy
// CHECK-NEXT:   {
// CHECK-NEXT:     args(%0, %1)
// CHECK-NEXT:     %2 = ag.mul(%0, %0)
// CHECK-NEXT:     %3 = ag.list_push(%1, %2)
// CHECK-NEXT:     results(%3)
// CHECK-NEXT:   }
// CHECK-NEXT: %5(m) = ag.list_stack(%4(squares))
// CHECK-NEXT: %6(d) = ag.dim(%5(m))
// CHECK-NEXT: results(%5(m), %6(d))

ag.func @squares(%n: tensor<i64> loc("n")) -> (tensor<?xi64>, tensor<i64>) {
  %zero = ag.constant dense<0> : tensor<i64>
  %one = ag.constant dense<1> : tensor<i64>
  %empty = ag.list_new
  %sq = ag.for %j = %zero to %n step %one iter_args(%l = %empty) -> (!ag.list) {
    %jj = ag.mul %j, %j : tensor<i64>
    %l1 = ag.list_push %l, %jj : tensor<i64>
    ag.yield %l1 : !ag.list
  } loc("squares")
  %m = ag.list_stack %sq : tensor<?xi64> loc("m")
  %d = ag.dim %m, 0 : tensor<?xi64> loc("d")
  ag.return %m, %d : tensor<?xi64>, tensor<i64>
}
