// An integer division by zero while the graph runs, two converted calls
// deep, in a taken branch inside a loop: the error is at the user's
// statement, with the iteration and the chain of calls.
// REQUIRES: ag-convert, ag-runtime
// RUN: ag-convert %s -o %t.cpp -- -std=c++17 -I%ag_include %ag_driver
// RUN: %cxx -std=c++17 -I%ag_include %ag_driver %t.cpp -o %t %ag_link
// RUN: %t 5 9 | FileCheck %s --check-prefix=OK
// RUN: not %t 5 3 2>&1 | FileCheck %s -DFILE=%s --match-full-lines --strict-whitespace

#include "Driver.h"

AG_CONVERT
ag::Tensor inner(ag::Tensor n, ag::Tensor d) {
  ag::Tensor acc = 0;
  for (ag::Tensor i = 0; i < n; i += 1) {
    if (i > 1)
      acc += 100 / (d - i);
  }
  return acc;
}

AG_CONVERT
ag::Tensor middle(ag::Tensor n, ag::Tensor d) {
  ag::Tensor m = inner(n, d) + 1;
  return m;
}

AG_CONVERT
ag::Tensor outer(ag::Tensor n, ag::Tensor d) {
  ag::Tensor r = middle(n, d) * 2;
  return r;
}

int main(int argc, char **argv) {
  agtest::Options o = agtest::parse(argc, argv);
  return agtest::run(o, [&] { return ag::function(&outer)(o.arg(0), o.arg(1)); });
}

// 100/7 + 100/6 + 100/5 = 14 + 16 + 20 = 50; (50 + 1) * 2
// OK:result = 102

// d - i is 0 in the 4th iteration (i = 3).
//      CHECK:[[FILE]]:17:14: error: integer division by zero
// CHECK-NEXT:      acc += 100 / (d - i);
// CHECK-NEXT:             ^~~~~~~~~~~~~
// CHECK-NEXT:[[FILE]]:15:3: note: in iteration 4 of this loop
// CHECK-NEXT:  for (ag::Tensor i = 0; i < n; i += 1) {
// CHECK-NEXT:  ^~~~~~~~~~~~~~~~~~~~~~~~~~~~
// CHECK-NEXT:[[FILE]]:24:18: note: called from here
// CHECK-NEXT:  ag::Tensor m = inner(n, d) + 1;
// CHECK-NEXT:                 ^~~~~~~~~~~~~~~
// CHECK-NEXT:[[FILE]]:30:18: note: called from here
// CHECK-NEXT:  ag::Tensor r = middle(n, d) * 2;
// CHECK-NEXT:                 ^~~~~~~~~~~~~~~~
//  CHECK-NOT:{{.}}

// The same runs on the native backend (issue 12): the same values and
// the same diagnostic, word for word.
// RUN: env AG_BACKEND=native %t 5 9 | FileCheck %s --check-prefix=OK
// RUN: env AG_BACKEND=native not %t 5 3 2>&1 | FileCheck %s -DFILE=%s --match-full-lines --strict-whitespace
