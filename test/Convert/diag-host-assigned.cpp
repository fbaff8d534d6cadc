// Host variables assigned under staged control flow would be computed once
// at trace time: an error, with a note saying why the construct is staged.
// RUN: not ag-convert %s -- -std=c++17 -I%ag_include 2>&1 | FileCheck %s --strict-whitespace --match-full-lines

#include <ag/ag.h>

AG_CONVERT
ag::Tensor f(ag::Tensor x) {
  int steps = 0;
  while (x > 1) {
    x = x / 2;
    steps++;
  }
  bool negative = false;
  if (x < 0)
    negative = true;
  for (int i = 0; i < 10; ++i) {
    if (x > 100)
      break;
    x = x * 2;
  }
  return x + steps + negative;
}

// CHECK:{{.*}}diag-host-assigned.cpp:12:5: error: host variable 'steps' of type 'int' is modified under staged control flow; it would be computed once while tracing, not at each evaluation (make it an ag::Tensor)
// CHECK-NEXT:   12 |     steps++;
// CHECK-NEXT:      |     ^~~~~
// CHECK-NEXT:{{.*}}diag-host-assigned.cpp:10:3: note: this loop is staged because its condition has type ag::Tensor
// CHECK-NEXT:   10 |   while (x > 1) {
// CHECK-NEXT:      |   ^
// CHECK-NEXT:{{.*}}diag-host-assigned.cpp:16:5: error: host variable 'negative' of type 'bool' is modified under staged control flow; it would be computed once while tracing, not at each evaluation (make it an ag::Tensor)
// CHECK-NEXT:   16 |     negative = true;
// CHECK-NEXT:      |     ^~~~~~~~
// CHECK-NEXT:{{.*}}diag-host-assigned.cpp:15:3: note: this 'if' is staged because its condition has type ag::Tensor
// CHECK-NEXT:   15 |   if (x < 0)
// CHECK-NEXT:      |   ^
// CHECK-NEXT:{{.*}}diag-host-assigned.cpp:17:29: error: host variable 'i' of type 'int' is modified under staged control flow; it would be computed once while tracing, not at each evaluation (make it an ag::Tensor)
// CHECK-NEXT:   17 |   for (int i = 0; i < 10; ++i) {
// CHECK-NEXT:      |                             ^
// CHECK-NEXT:{{.*}}diag-host-assigned.cpp:17:3: note: this loop is staged because it leaves through a staged 'break', 'continue' or 'return'
// CHECK-NEXT:   17 |   for (int i = 0; i < 10; ++i) {
// CHECK-NEXT:      |   ^
// CHECK-NEXT:3 errors generated.
