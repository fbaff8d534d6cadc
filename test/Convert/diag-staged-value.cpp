// A staged ?:, && or || is an ag::Tensor in the twin. Stored in a number
// variable, or used in arithmetic, it is a staged number
// (staged-choice-numbers-e2e.cpp). Where C++ needs a host value (a plain
// function's argument, a built-in array's index) or binds a non-const
// reference, it is an error at the expression, not a twin that fails to
// compile or an error at the function header while tracing.
// RUN: not ag-convert %s -- -std=c++17 -I%ag_include 2>&1 | FileCheck %s

#include <ag/ag.h>

void use(int);

AG_CONVERT
ag::Tensor f(ag::Tensor a, ag::Tensor c, ag::Tensor x, ag::Tensor y) {
  int k = a > 0 ? 1 : 2;
  bool b = a > 0 && c > 0;
  auto d = a > 0 || c > 0;
  use(a > 0 ? 3 : 4);
  k = (a > 1 && c > 1) + 1;
  const double table[3] = {1.0, 2.0, 3.0};
  double t = table[(a > 0 ? 1 : 0) + 1];
  ag::Tensor fine = a > 0 ? 1 : 2;
  const ag::Tensor &alsoFine = c > 0 ? x : y;
  if (a > 0 && !(c > 0 || x > 0))
    fine = fine + 1;
  return fine + alsoFine + k + b + d + t;
}

AG_CONVERT
ag::Tensor g(ag::Tensor c, ag::Tensor x, ag::Tensor y) {
  ag::Tensor &r = c > 0 ? x : y;
  return r;
}

// CHECK: diag-staged-value.cpp:18:7: error: this staged number (of type 'int') cannot be passed to plain function 'use'
// CHECK: diag-staged-value.cpp:21:20: error: this staged number (of type 'int') cannot be used this way
// CHECK: diag-staged-value.cpp:31:19: error: this '?:' {{.*}} it cannot initialize 'ag::Tensor &'
// CHECK-NOT: error:
