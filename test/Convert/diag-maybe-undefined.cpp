// A tensor with no earlier value assigned on only one path of a staged if,
// then read: error at the read, a note at each assignment.
// RUN: not ag-convert %s -- -std=c++17 -I%ag_include 2>&1 | FileCheck %s --strict-whitespace --match-full-lines

#include <ag/ag.h>

AG_CONVERT
ag::Tensor f(ag::Tensor x) {
  ag::Tensor y;
  if (x > 0)
    y = x;
  return y * 2;
}

AG_CONVERT
ag::Tensor g(ag::Tensor x) {
  ag::Tensor y;
  if (x > 0)
    y = x;
  else
    y = -x; // both paths assign: fine
  ag::Tensor z;
  while (x > 0) {
    z = x;
    x -= 1;
  }
  return y + z;
}

// Jumps that leave the loop before the assignment still leave it undefined.
AG_CONVERT
ag::Tensor h(ag::Tensor x) {
  ag::Tensor r;
  for (;;) {
    if (x > 10)
      break;
    r = x;
    x += 3;
  }
  return r;
}

// CHECK:{{.*}}diag-maybe-undefined.cpp:12:10: error: staged variable 'y' may be undefined here: it has no value before the 'if' at line 10 and is assigned on only some paths through it
// CHECK-NEXT:   12 |   return y * 2;
// CHECK-NEXT:      |          ^
// CHECK-NEXT:{{.*}}diag-maybe-undefined.cpp:11:5: note: 'y' is assigned here
// CHECK-NEXT:   11 |     y = x;
// CHECK-NEXT:      |     ^
// CHECK-NEXT:{{.*}}diag-maybe-undefined.cpp:27:14: error: staged variable 'z' may be undefined here: it has no value before the loop at line 23 and is assigned on only some paths through it
// CHECK-NEXT:   27 |   return y + z;
// CHECK-NEXT:      |              ^
// CHECK-NEXT:{{.*}}diag-maybe-undefined.cpp:24:5: note: 'z' is assigned here
// CHECK-NEXT:   24 |     z = x;
// CHECK-NEXT:      |     ^
// CHECK-NEXT:{{.*}}diag-maybe-undefined.cpp:40:10: error: staged variable 'r' may be undefined here: it has no value before the loop at line 34 and is assigned on only some paths through it
// CHECK-NEXT:   40 |   return r;
// CHECK-NEXT:      |          ^
// CHECK-NEXT:{{.*}}diag-maybe-undefined.cpp:37:5: note: 'r' is assigned here
// CHECK-NEXT:   37 |     r = x;
// CHECK-NEXT:      |     ^
// CHECK-NEXT:3 errors generated.
