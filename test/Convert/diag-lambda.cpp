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

// A lambda writing a captured tensor would hide the write from the variable
// lists; reading captures and writing its own parameters is fine.
AG_CONVERT
ag::Tensor h(ag::Tensor x) {
  ag::Tensor acc = 0;
  auto add = [&](ag::Tensor y) {
    acc += y;
    y = y + x;
    return y;
  };
  while (x > 0) {
    add(x);
    x -= 1;
  }
  return acc;
}

// A staged && returned as the lambda's bool would be an ag::Tensor.
AG_CONVERT
ag::Tensor k(ag::Tensor x) {
  auto inRange = [](ag::Tensor v) { return v > 0 && v < 5; };
  return inRange(x) ? x : -x;
}

// CHECK:{{.*}}diag-lambda.cpp:8:5: error: staged control flow inside a lambda is not supported; move it into an AG_CONVERT function
// CHECK-NEXT:    8 |     if (y > 0)
// CHECK-NEXT:      |     ^
// CHECK-NEXT:{{.*}}diag-lambda.cpp:21:5: error: a lambda assigning captured tensor 'acc' is not supported in a converted function; return the new value from the lambda instead
// CHECK-NEXT:   21 |     acc += y;
// CHECK-NEXT:      |     ^~~
// CHECK-NEXT:{{.*}}diag-lambda.cpp:35:44: error: this '&&' has a staged condition, so its value is an ag::Tensor known only when the graph runs; it cannot be returned as 'bool' (make that an ag::Tensor, or a const reference)
// CHECK-NEXT:   35 |   auto inRange = [](ag::Tensor v) { return v > 0 && v < 5; };
// CHECK-NEXT:      |                                            ^~~~~~~~~~~~~~
// CHECK-NEXT:3 errors generated.
