// Effects run once each, in program order, only on taken paths, and only
// when the fetches depend on their token (every result when none is given).
// RUN: ag-run %s --feed x=3 | FileCheck %s --check-prefix=ALL
// RUN: ag-run %s --feed x=3 --fetch y | FileCheck %s --check-prefix=PURE
// RUN: not ag-run %s --feed x=-1 2>&1 | FileCheck %s --check-prefix=ASSERT

// ALL: x = 3
// ALL-NEXT: big: 9
// ALL-NEXT: y = 9
// ALL-NEXT: done
// ALL-NEXT: result0 = 9
// ALL-NOT: {{.}}

// PURE-NOT: x =
// PURE-NOT: done
// PURE: y = 9

// ASSERT: x = -1
// ASSERT-NEXT: not-here/effects.cpp:40:8: error: assertion failed: x must be non-negative
// ASSERT-NOT: done

ag.func @effects(%x: tensor<i64> loc("x")) -> (tensor<i64>, !ag.token) {
  %t0 = ag.token
  %zero = ag.constant dense<0> : tensor<i64>
  %five = ag.constant dense<5> : tensor<i64>
  %t1 = ag.print %t0, "x = {}\n", %x : tensor<i64>
  %ok = ag.cmp ge, %x, %zero : tensor<i64>
  %t2 = ag.assert %t1, %ok, "x must be non-negative" loc("not-here/effects.cpp":40:8)
  %y = ag.mul %x, %x : tensor<i64> loc("y")
  %big = ag.cmp gt, %y, %five : tensor<i64>
  %t3 = ag.if %big -> (!ag.token) {
    %t = ag.print %t2, "big: {}\n", %y : tensor<i64>
    ag.yield %t : !ag.token
  } else {
    %t = ag.print %t2, "small: {}\n", %y : tensor<i64>
    ag.yield %t : !ag.token
  }
  %t4 = ag.print %t3, "y = {}\n", %y : tensor<i64>
  %t5 = ag.print %t4, "done\n"
  ag.return %y, %t5 : tensor<i64>, !ag.token
}
