// A hand-written graph located in files that do not exist: ag-run reports
// file:line:col with every note, without snippets. (A line past the end of
// a file and an unknown location: test/unit/Runtime/DiagnosticTest.cpp.)
// REQUIRES: ag-run
// RUN: not ag-run %s --feed d=0 2>&1 | FileCheck %s --match-full-lines --strict-whitespace
// RUN: ag-run %s --feed d=4 | FileCheck %s --check-prefix=OK

// OK:result0 = 25

//      CHECK:/nonexistent/x.cpp:12:7: error: integer division by zero
// CHECK-NEXT:/nonexistent/x.cpp:9:3: note: in iteration 1 of this loop
// CHECK-NEXT:/nonexistent/main.cpp:40:10: note: called from here
//  CHECK-NOT:{{.}}

#div = loc(fused<"f">["/nonexistent/x.cpp":12:7, "/nonexistent/x.cpp":12:15])
#loop = loc(fused<"f">["/nonexistent/x.cpp":9:3])
#call = loc(fused<"main">["/nonexistent/main.cpp":40:10, "/nonexistent/main.cpp":40:14])
ag.func @main(%d: tensor<i64> loc("d")) -> tensor<i64> {
  %zero = ag.constant dense<0> : tensor<i64>
  %one = ag.constant dense<1> : tensor<i64>
  %r = ag.for %i = %zero to %one step %one iter_args(%a = %zero) -> (tensor<i64>) {
    %hundred = ag.constant dense<100> : tensor<i64>
    %q = ag.div %hundred, %d : tensor<i64> loc(callsite(#div at #call))
    %s = ag.add %a, %q : tensor<i64> loc(callsite("acc"(#div) at #call))
    ag.yield %s : tensor<i64>
  } loc(callsite(#loop at #call))
  ag.return %r : tensor<i64>
}
