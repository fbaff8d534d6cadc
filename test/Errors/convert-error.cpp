// Conversion errors come from ag-convert (Clang) in the same layout as the
// runtime's: file:line:col: error:, the source line, a caret, notes. The
// converter's own suite (test/Convert/diag-*.cpp) covers each of them; this
// one shows the format next to the trace and evaluation errors: a host
// variable (a local of the caller, through a reference) assigned under a
// staged condition, which tracing both branches would assign twice.
// REQUIRES: ag-convert
// RUN: not ag-convert %s -- -std=c++17 -I%ag_include 2>&1 | FileCheck %s -DFILE=%s --match-full-lines --strict-whitespace

#include <ag/ag.h>

AG_CONVERT
ag::Tensor count(ag::Tensor x, int &steps) {
  steps = 0;
  if (x > 0)
    steps = 1;
  return x + steps;
}

// Clang's renderer adds its line-number gutter ("16 |"); the runtime's
// does not. Everything else is the same layout.
//      CHECK:[[FILE]]:16:5: error: host parameter 'steps' of type 'int &' is modified under staged control flow; it would be computed once while tracing, not at each evaluation (the caller's variable cannot follow the graph: take an ag::Tensor & instead, or return the new value)
// CHECK-NEXT:   16 |     steps = 1;
// CHECK-NEXT:      |     ^~~~~
// CHECK-NEXT:[[FILE]]:15:3: note: this 'if' is staged because its condition has type ag::Tensor
// CHECK-NEXT:   15 |   if (x > 0)
// CHECK-NEXT:      |   ^
// CHECK-NEXT:1 error generated.
// CHECK-NEXT:Error while processing [[FILE]].
//  CHECK-NOT:{{.}}
