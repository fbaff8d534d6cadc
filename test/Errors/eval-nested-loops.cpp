// A failure in a loop of a callee called from a loop: each loop's iteration
// note sits inside its own function, between the calls (innermost first),
// with any number of worker threads.
// REQUIRES: ag-convert, ag-runtime
// RUN: ag-convert %s -o %t.cpp -- -std=c++17 -I%ag_include %ag_driver
// RUN: %cxx -std=c++17 -I%ag_include %ag_driver %t.cpp -o %t %ag_link
// RUN: %t 1 | FileCheck %s --check-prefix=OK
// RUN: not %t 5 2>&1 | FileCheck %s -DFILE=%s --match-full-lines --strict-whitespace
// RUN: env AG_NUM_THREADS=4 not %t 5 2>&1 | FileCheck %s -DFILE=%s --match-full-lines --strict-whitespace

#include "Driver.h"

AG_CONVERT
ag::Tensor inner(ag::Tensor a, ag::Tensor b) {
  ag::Tensor s = 0;
  ag::Tensor j = 0;
  while (j < b) {
    s = s + 12 / (a - j);
    j += 1;
  }
  return s;
}

AG_CONVERT
ag::Tensor outer(ag::Tensor n) {
  ag::Tensor t = 0;
  for (ag::Tensor i = 0; i < n; i += 1) {
    t = t + inner(3 - i, 3);
  }
  return t;
}

int main(int argc, char **argv) {
  agtest::Options o = agtest::parse(argc, argv);
  return agtest::run(o, [&] { return ag::function(&outer)(o.arg(0)); });
}

// 12/3 + 12/2 + 12/1
// OK:result = 22

// i = 1 gives a = 2, and a - j is 0 in the inner loop's 3rd iteration.
//      CHECK:[[FILE]]:18:13: error: integer division by zero
// CHECK-NEXT:    s = s + 12 / (a - j);
// CHECK-NEXT:            ^~~~~~~~~~~~
// CHECK-NEXT:[[FILE]]:17:3: note: in iteration 3 of this loop
// CHECK-NEXT:  while (j < b) {
// CHECK-NEXT:  ^~~~~~~~~~~~
// CHECK-NEXT:[[FILE]]:28:5: note: called from here
// CHECK-NEXT:    t = t + inner(3 - i, 3);
// CHECK-NEXT:    ^~~~~~~~~~~~~~~~~~~~~~~
// CHECK-NEXT:[[FILE]]:27:3: note: in iteration 2 of this loop
// CHECK-NEXT:  for (ag::Tensor i = 0; i < n; i += 1) {
// CHECK-NEXT:  ^~~~~~~~~~~~~~~~~~~~~~~~~~~~
//  CHECK-NOT:{{.}}

// The same runs on the native backend (issue 12): the same values and
// the same diagnostic, word for word.
// RUN: env AG_BACKEND=native %t 1 | FileCheck %s --check-prefix=OK
// RUN: env AG_BACKEND=native not %t 5 2>&1 | FileCheck %s -DFILE=%s --match-full-lines --strict-whitespace
// RUN: env AG_BACKEND=native AG_NUM_THREADS=4 not %t 5 2>&1 | FileCheck %s -DFILE=%s --match-full-lines --strict-whitespace
