// Only the taken region of an ag.if runs: the else branch divides by zero
// and must never execute when %x > 0. --stats proves what ran.
// RUN: ag-run %s --feed x=7 --stats 2>&1 | FileCheck %s --check-prefix=TAKEN
// RUN: not ag-run %s --feed x=-7 2>&1 | FileCheck %s --check-prefix=ELSE
// RUN: ag-run %s --feed x=7 --fetch unused --stats 2>&1 | FileCheck %s --check-prefix=LAZY

// cmp, if, add in the then-region; the unused mul never runs.
// TAKEN: result0 = 8
// TAKEN-NEXT: ops executed: 3, buffers released: {{[0-9]+}}, peak live bytes: {{[0-9]+}}

// ELSE: not-here/guarded.cpp:28:10: error: integer division by zero
// ELSE-NOT: ag.yield

// Fetching a value computes only what it depends on.
// LAZY: unused = 14
// LAZY-NEXT: ops executed: 1,

ag.func @guarded(%x: tensor<i64> loc("x")) -> tensor<i64> {
  %zero = ag.constant dense<0> : tensor<i64>
  %one = ag.constant dense<1> : tensor<i64>
  %two = ag.constant dense<2> : tensor<i64>
  %unused = ag.mul %x, %two : tensor<i64> loc("unused")
  %pos = ag.cmp gt, %x, %zero : tensor<i64>
  %r = ag.if %pos -> (tensor<i64>) {
    %a = ag.add %x, %one : tensor<i64>
    ag.yield %a : tensor<i64>
  } else {
    %q = ag.div %x, %zero : tensor<i64> loc("not-here/guarded.cpp":28:10)
    ag.yield %q : tensor<i64>
  }
  ag.return %r : tensor<i64>
}
