// Each problem is reported once: the host-write and definite-assignment
// checks run for every enclosing staged construct, and a mutable static or
// global is rejected by its own error (not also as a host variable modified
// under staged control flow).
// RUN: not ag-convert %s -- -std=c++17 -I%ag_include 2>&1 | FileCheck %s --implicit-check-not=error:

#include <ag/ag.h>

AG_CONVERT
ag::Tensor nestedHostWrite(ag::Tensor x, int &steps) {
  // steps: the caller's, so it cannot become a staged value
  while (x > 0) {
    if (x > 5) {
      for (ag::Tensor i = 0; i < x; i += 1)
        steps += 1;
    }
    x -= 1;
  }
  return x + steps;
}
// CHECK: diag-duplicates.cpp:15:9: error: host parameter 'steps' of type 'int &' is modified under staged control flow
// CHECK-NEXT: steps += 1;
// CHECK: note: this loop is staged because its condition has type ag::Tensor

AG_CONVERT
ag::Tensor nestedMaybeUndefined(ag::Tensor x) {
  ag::Tensor u;
  while (x > 0) {
    while (x > 3) {
      u = x;
      x -= 1;
    }
    x -= 1;
  }
  return u;
}
// CHECK: diag-duplicates.cpp:35:10: error: staged variable 'u' may be undefined here
// CHECK: diag-duplicates.cpp:30:7: note: 'u' is assigned here
// CHECK-NOT: note: 'u' is assigned here

AG_CONVERT
ag::Tensor staticCounter(ag::Tensor x) {
  static int calls = 0;
  while (x > 0) {
    if (x > 3)
      calls++;
    x -= 1;
  }
  return x;
}
// CHECK: diag-duplicates.cpp:46:7: error: modifying static variable 'calls' in a converted function is not supported
