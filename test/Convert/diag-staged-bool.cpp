// A tensor converted to a C++ bool outside a staged condition is a staged
// bool (staged-bool-conversions-e2e.cpp); where C++ needs its value while
// tracing (a plain function's argument) it is an error at its line.
// RUN: not ag-convert %s -- -std=c++17 -I%ag_include 2>&1 | FileCheck %s --strict-whitespace --match-full-lines

#include <ag/ag.h>

bool keep(bool b);

AG_CONVERT
ag::Tensor f(ag::Tensor x) {
  bool positive = keep(static_cast<bool>(x > 0));
  return positive ? x : -x;
}

// CHECK:{{.*}}diag-staged-bool.cpp:12:24: error: this staged number (of type 'bool') cannot be passed to plain function 'keep': it exists only when the graph runs, not while tracing; the function runs while tracing, before any node has run; mark it AG_NODE
// CHECK-NEXT:   12 |   bool positive = keep(static_cast<bool>(x > 0));
// CHECK-NEXT:      |                        ^~~~~~~~~~~~~~~~~~~~~~~~
// CHECK-NEXT:1 error generated.
