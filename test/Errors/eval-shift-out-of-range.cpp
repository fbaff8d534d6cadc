// A shift count out of range (undefined in C++) in a loop: an evaluation
// error at the statement, with the iteration, never a silent value.
// REQUIRES: ag-convert, ag-runtime
// RUN: ag-convert %s -o %t.cpp -- -std=c++17 -I%ag_include %ag_driver
// RUN: %cxx -std=c++17 -I%ag_include %ag_driver %t.cpp -o %t %ag_link
// RUN: %t 3 | FileCheck %s --check-prefix=OK
// RUN: not %t 70 2>&1 | FileCheck %s -DFILE=%s --match-full-lines --strict-whitespace

#include "Driver.h"

AG_CONVERT
ag::Tensor bits(ag::Tensor n) {
  ag::Tensor k = 0;
  ag::Tensor acc = 0;
  while (k < n) {
    acc = acc | (ag::Tensor(1) << k * 8);
    k += 1;
  }
  return acc;
}

int main(int argc, char **argv) {
  agtest::Options o = agtest::parse(argc, argv);
  return agtest::run(o, [&] { return ag::function(&bits)(o.arg(0)); });
}

// 1 | 1 << 8 | 1 << 16
// OK:result = 65793

// k * 8 is 64 when k = 8, in the 9th iteration.
//      CHECK:[[FILE]]:16:5: error: shift count is negative or not less than the width of the type (undefined in C++)
// CHECK-NEXT:    acc = acc | (ag::Tensor(1) << k * 8);
// CHECK-NEXT:    ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~
// CHECK-NEXT:[[FILE]]:15:3: note: in iteration 9 of this loop
// CHECK-NEXT:  while (k < n) {
// CHECK-NEXT:  ^~~~~~~~~~~~
//  CHECK-NOT:{{.}}

// The same runs on the native backend (issue 12): the same values and
// the same diagnostic, word for word.
// RUN: env AG_BACKEND=native %t 3 | FileCheck %s --check-prefix=OK
// RUN: env AG_BACKEND=native not %t 70 2>&1 | FileCheck %s -DFILE=%s --match-full-lines --strict-whitespace
