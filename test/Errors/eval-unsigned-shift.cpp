// A shift of a staged `unsigned` by 32 or more is undefined in C++: an
// evaluation error at the statement, with the iteration, as an int64
// shift out of range is (eval-shift-out-of-range.cpp), never the int64
// the graph holds the unsigned in shifted and wrapped to a silent value.
// REQUIRES: ag-convert, ag-runtime
// RUN: ag-convert %s -o %t.cpp -- -std=c++17 -I%ag_include %ag_driver
// RUN: %cxx -std=c++17 -I%ag_include %ag_driver %t.cpp -o %t %ag_link
// RUN: %t 3 | FileCheck %s --check-prefix=OK
// RUN: not %t 5 2>&1 | FileCheck %s -DFILE=%s --match-full-lines --strict-whitespace

#include "Driver.h"

AG_CONVERT
ag::Tensor spread(ag::Tensor n) {
  unsigned bits = 1;
  long k = 0;
  while (k < n) {
    bits = bits | (bits << k * 8);
    k += 1;
  }
  return ag::Tensor(static_cast<long>(bits));
}

int main(int argc, char **argv) {
  agtest::Options o = agtest::parse(argc, argv);
  return agtest::run(o, [&] { return ag::function(&spread)(o.arg(0)); });
}

// 1 | 1 << 8 | 257 << 16
// OK:result = 16843009
// k * 8 is 32 when k = 4, in the 5th iteration.
//      CHECK:[[FILE]]:18:5: error: shift count is negative or not less than the width of the type (undefined in C++)
// CHECK-NEXT:    bits = bits | (bits << k * 8);
// CHECK-NEXT:    ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~
// CHECK-NEXT:[[FILE]]:17:3: note: in iteration 5 of this loop
// CHECK-NEXT:  while (k < n) {

// The same runs on the native backend (issue 12): the same values and
// the same diagnostic, word for word.
// RUN: env AG_BACKEND=native %t 3 | FileCheck %s --check-prefix=OK
// RUN: env AG_BACKEND=native not %t 5 2>&1 | FileCheck %s -DFILE=%s --match-full-lines --strict-whitespace
