// Conversion errors come from ag-convert (Clang) in the same layout as the
// runtime's: file:line:col: error:, the source line, a caret, notes. The
// converter's own suite (test/Convert/diag-*.cpp) covers each of them; this
// one shows the format next to the trace and evaluation errors: a host
// container modified under a staged condition, which tracing both branches
// would modify twice.
// REQUIRES: ag-convert
// RUN: not ag-convert %s -- -std=c++17 -I%ag_include 2>&1 | FileCheck %s -DFILE=%s --match-full-lines --strict-whitespace

#include <ag/ag.h>
#include <vector>

AG_CONVERT
ag::Tensor count(ag::Tensor x) {
  std::vector<int> steps;
  if (x > 0)
    steps.push_back(1);
  return x + (int)steps.size();
}

// Clang's renderer adds its line-number gutter ("17 |"); the runtime's
// does not. Everything else is the same layout.
//      CHECK:[[FILE]]:17:5: error: host variable 'steps' of type 'std::vector<int>' is modified under staged control flow; it would be computed once while tracing, not at each evaluation (make it an ag::Tensor)
// CHECK-NEXT:   17 |     steps.push_back(1);
// CHECK-NEXT:      |     ^~~~~
// CHECK-NEXT:[[FILE]]:16:3: note: this 'if' is staged because its condition has type ag::Tensor
// CHECK-NEXT:   16 |   if (x > 0)
// CHECK-NEXT:      |   ^
// CHECK-NEXT:1 error generated.
// CHECK-NEXT:Error while processing [[FILE]].
//  CHECK-NOT:{{.}}
