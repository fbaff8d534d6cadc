// A host switch may stay, but not with staged control flow inside it.
// RUN: not ag-convert %s -- -std=c++17 -I%ag_include 2>&1 | FileCheck %s --strict-whitespace --match-full-lines

#include <ag/ag.h>

AG_CONVERT
ag::Tensor f(ag::Tensor x, int mode) {
  switch (mode) {
  case 0:
    if (x > 0)
      x = -x;
    break;
  default:
    break;
  }
  return x;
}

// CHECK:{{.*}}diag-switch-body.cpp:10:5: error: staged control flow inside a 'switch' is not supported; use if/else
// CHECK-NEXT:   10 |     if (x > 0)
// CHECK-NEXT:      |     ^
// CHECK-NEXT:1 error generated.
