// Early return under staged control flow needs an ag::Tensor result.
// RUN: not ag-convert %s -- -std=c++17 -I%ag_include 2>&1 | FileCheck %s --strict-whitespace --match-full-lines

#include <ag/ag.h>

AG_CONVERT
int f(ag::Tensor x) {
  if (x > 0)
    return 1;
  return 0;
}

// CHECK:{{.*}}diag-nontensor-return.cpp:9:5: error: 'return' inside staged control flow needs the function to return ag::Tensor or void, not 'int'
// CHECK-NEXT:    9 |     return 1;
// CHECK-NEXT:      |     ^~~~~~~~
// CHECK-NEXT:1 error generated.
