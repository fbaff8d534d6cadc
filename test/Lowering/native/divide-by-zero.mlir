// The division by zero of test/Run/divide-by-zero.mlir on the native
// backend: native code stops at the fault and the interpreter re-runs the
// graph, so the diagnostic is the same, word for word.
// RUN: sed 's|SRC|%S/../../Run/Inputs/countdown.cpp|g' %s > %t.mlir
// RUN: ag-run --backend=native %t.mlir --feed n=5 | FileCheck %s --check-prefix=OK
// RUN: not ag-run --backend=native --source-dir=%S/../../Run %t.mlir --feed n=8 2>&1 | FileCheck %s -DSRC=%S/../../Run/Inputs/countdown.cpp --match-full-lines --strict-whitespace
// RUN: not ag-run --backend=native --source-dir=%S/../../Run %t.mlir --feed n=8 --threads 4 2>&1 | FileCheck %s -DSRC=%S/../../Run/Inputs/countdown.cpp --match-full-lines --strict-whitespace

// RUN: not ag-run --backend=native --source-dir=%S/../../Run %t.mlir --feed n=8 --diagnostics=json 2>&1 | FileCheck %s --check-prefix=JSON

// OK: result0 = 44

// JSON: {"severity":"error","phase":"evaluation"
// JSON-SAME: "message":"integer division by zero"
// JSON-SAME: "line":7
// JSON-SAME: "in iteration 6 of this loop"
// JSON-SAME: "called from here"

//      CHECK:[[SRC]]:7:17: error: integer division by zero
// CHECK-NEXT:    acc = acc + 10 / (5 - i);
// CHECK-NEXT:                ^~~~~~~~~~~~
// CHECK-NEXT:[[SRC]]:6:3: note: in iteration 6 of this loop
// CHECK-NEXT:  for (ag::Tensor i = 0; i < n; i += 1) {
// CHECK-NEXT:  ^
// CHECK-NEXT:[[SRC]]:13:10: note: called from here
// CHECK-NEXT:  return countdown(n) * 2;
// CHECK-NEXT:         ^~~~~~~~~~~~
//  CHECK-NOT:{{.}}

#div = loc(fused<"countdown">["SRC":7:17, "SRC":7:28])
#loop = loc(fused<"countdown">["SRC":6:3])
#call = loc(fused<"caller">["SRC":13:10, "SRC":13:21])
ag.func @caller(%n: tensor<i64> loc("n")) -> tensor<i64> {
  %zero = ag.constant dense<0> : tensor<i64>
  %one = ag.constant dense<1> : tensor<i64>
  %two = ag.constant dense<2> : tensor<i64>
  %acc = ag.for %i = %zero to %n step %one iter_args(%a = %zero) -> (tensor<i64>) {
    %ten = ag.constant dense<10> : tensor<i64>
    %five = ag.constant dense<5> : tensor<i64>
    %d = ag.sub %five, %i : tensor<i64> loc(callsite(#loop at #call))
    %q = ag.div %ten, %d : tensor<i64> loc(callsite(#div at #call))
    %s = ag.add %a, %q : tensor<i64> loc(callsite("acc"(#div) at #call))
    ag.yield %s : tensor<i64>
  } loc(callsite(#loop at #call))
  %r = ag.mul %acc, %two : tensor<i64> loc(#call)
  ag.return %r : tensor<i64>
}
