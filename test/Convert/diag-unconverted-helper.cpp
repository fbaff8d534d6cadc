// A plain helper called from a converted function runs as written while
// tracing; if it branches on a tensor, that branch cannot be staged.
// Helpers that only compute are fine.
// RUN: not ag-convert %s -- -std=c++17 -I%ag_include 2>&1 | FileCheck %s --strict-whitespace --match-full-lines

#include <ag/ag.h>

ag::Tensor square(ag::Tensor x) { return x * x; }

ag::Tensor relu(ag::Tensor x) {
  if (x > 0)
    return x;
  return 0;
}

AG_CONVERT
ag::Tensor f(ag::Tensor x) { return relu(square(x)) + relu(x); }

// CHECK:{{.*}}diag-unconverted-helper.cpp:17:37: error: call to 'relu', which branches on an ag::Tensor but is not AG_CONVERT: it runs as written while tracing and cannot stage that branch; mark it AG_CONVERT
// CHECK-NEXT:   17 | ag::Tensor f(ag::Tensor x) { return relu(square(x)) + relu(x); }
// CHECK-NEXT:      |                                     ^~~~~~~~~~~~~~~
// CHECK-NEXT:{{.*}}diag-unconverted-helper.cpp:11:3: note: branch on an ag::Tensor here
// CHECK-NEXT:   11 |   if (x > 0)
// CHECK-NEXT:      |   ^
// CHECK-NEXT:1 error generated.
