// RUN: not ag-convert %s -- -std=c++17 -I%ag_include 2>&1 | FileCheck %s --strict-whitespace --match-full-lines

#include <ag/ag.h>

AG_CONVERT
ag::Tensor f(ag::Tensor x) {
  if (ag::Tensor y = x - 1)
    x = y;
  return x;
}

// CHECK:{{.*}}diag-condition-variable.cpp:7:18: error: a variable declared in the condition of a staged 'if' is not supported; declare it before
// CHECK-NEXT:    7 |   if (ag::Tensor y = x - 1)
// CHECK-NEXT:      |                  ^
// CHECK-NEXT:1 error generated.
