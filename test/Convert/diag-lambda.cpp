// RUN: not ag-convert %s -- -std=c++17 -I%ag_include 2>&1 | FileCheck %s --strict-whitespace --match-full-lines

#include <ag/ag.h>

AG_CONVERT
ag::Tensor f(ag::Tensor x) {
  auto g = [](ag::Tensor y) {
    if (y > 0)
      y = -y;
    return y;
  };
  return g(x);
}

// CHECK:{{.*}}diag-lambda.cpp:8:5: error: staged control flow inside a lambda is not supported; move it into an AG_CONVERT function
// CHECK-NEXT:    8 |     if (y > 0)
// CHECK-NEXT:      |     ^
// CHECK-NEXT:1 error generated.
