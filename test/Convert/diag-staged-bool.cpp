// A tensor converted to a C++ bool outside a staged condition.
// RUN: not ag-convert %s -- -std=c++17 -I%ag_include 2>&1 | FileCheck %s --strict-whitespace --match-full-lines

#include <ag/ag.h>

AG_CONVERT
ag::Tensor f(ag::Tensor x) {
  bool positive = static_cast<bool>(x > 0);
  return positive ? x : -x;
}

// CHECK:{{.*}}diag-staged-bool.cpp:8:37: error: a staged value is used as a C++ 'bool' here; only conditions of if/while/for/?:/&&/||/assert can be staged
// CHECK-NEXT:    8 |   bool positive = static_cast<bool>(x > 0);
// CHECK-NEXT:      |                                     ^~~~~
// CHECK-NEXT:1 error generated.
