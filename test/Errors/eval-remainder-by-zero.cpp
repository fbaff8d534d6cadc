// An integer remainder by zero in a while loop: located at the statement,
// with the iteration that failed (the first iteration is 1).
// REQUIRES: ag-convert, ag-runtime
// RUN: ag-convert %s -o %t.cpp -- -std=c++17 -I%ag_include %ag_driver
// RUN: %cxx -std=c++17 -I%ag_include %ag_driver %t.cpp -o %t %ag_link
// RUN: %t 4 | FileCheck %s --check-prefix=OK
// RUN: not %t 7 2>&1 | FileCheck %s -DFILE=%s --match-full-lines --strict-whitespace

#include "Driver.h"

AG_CONVERT
ag::Tensor digits(ag::Tensor n) {
  ag::Tensor k = 0;
  ag::Tensor sum = 0;
  while (k < n) {
    sum = sum + 1000 % (5 - k);
    k += 1;
  }
  return sum;
}

int main(int argc, char **argv) {
  agtest::Options o = agtest::parse(argc, argv);
  return agtest::run(o, [&] { return ag::function(&digits)(o.arg(0)); });
}

// 1000 % 5 + 1000 % 4 + 1000 % 3 + 1000 % 2 = 0 + 0 + 1 + 0
// OK:result = 1

// 5 - k is 0 when k = 5, in the 6th iteration.
//      CHECK:[[FILE]]:16:17: error: integer remainder by zero
// CHECK-NEXT:    sum = sum + 1000 % (5 - k);
// CHECK-NEXT:                ^~~~~~~~~~~~~~
// CHECK-NEXT:[[FILE]]:15:3: note: in iteration 6 of this loop
// CHECK-NEXT:  while (k < n) {
// CHECK-NEXT:  ^~~~~~~~~~~~
//  CHECK-NOT:{{.}}

// The same runs on the native backend (issue 12): the same values and
// the same diagnostic, word for word.
// RUN: env AG_BACKEND=native %t 4 | FileCheck %s --check-prefix=OK
// RUN: env AG_BACKEND=native not %t 7 2>&1 | FileCheck %s -DFILE=%s --match-full-lines --strict-whitespace
