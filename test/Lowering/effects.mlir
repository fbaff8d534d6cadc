// RUN: ag-opt %s --ag-print-program -o /dev/null | FileCheck %s

// Effects are nodes threaded by token slots, in program order; the final
// token is a result, so evaluating every result runs them.

// CHECK-LABEL: program @effects
// CHECK-NEXT: args(%0(x))
// CHECK-NEXT: const %2 = 0
// CHECK-NEXT: %1 = ag.token()
// CHECK-NEXT: %3 = ag.print(%1, %0(x))
// CHECK-NEXT: %4 = ag.cmp(%0(x), %2)
// CHECK-NEXT: %5 = ag.assert(%3, %4)
// CHECK-NEXT: %6(y) = ag.mul(%0(x), %0(x))
// CHECK-NEXT: %7 = ag.print(%5)
// CHECK-NEXT: results(%6(y), %7)

ag.func @effects(%x: tensor<i64> loc("x")) -> (tensor<i64>, !ag.token) {
  %t0 = ag.token
  %zero = ag.constant dense<0> : tensor<i64>
  %t1 = ag.print %t0, "x = {}\n", %x : tensor<i64>
  %ok = ag.cmp ge, %x, %zero : tensor<i64>
  %t2 = ag.assert %t1, %ok, "x must be non-negative"
  %y = ag.mul %x, %x : tensor<i64> loc("y")
  %t3 = ag.print %t2, "done\n"
  ag.return %y, %t3 : tensor<i64>, !ag.token
}
