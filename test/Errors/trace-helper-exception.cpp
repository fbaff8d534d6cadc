// A plain C++ helper (not AG_CONVERT) called from a twin runs once, while
// the graph is traced; the graph records what it computed and never calls
// it. An exception it throws therefore surfaces from tracing, as an
// ag::Error at the user's statement that called it, with the exception's
// type and message and the chain of converted calls. A loop body is traced
// once, so there is no iteration.
// REQUIRES: ag-convert, ag-runtime
// RUN: ag-convert %s -o %t.cpp -- -std=c++17 -I%ag_include %ag_driver
// RUN: %cxx -std=c++17 -I%ag_include %ag_driver %t.cpp -o %t %ag_link
// RUN: %t 3 2 | FileCheck %s --check-prefix=OK
// RUN: not %t 3 7 2>&1 | FileCheck %s -DFILE=%s --match-full-lines --strict-whitespace

#include "Driver.h"

#include <stdexcept>

// The scale is a host value: part of the traced signature.
double weight(int scale) {
  if (scale > 4)
    throw std::out_of_range("scale " + std::to_string(scale) +
                            " is above the calibrated range");
  return 1.0 / scale;
}

AG_CONVERT
ag::Tensor scaled(ag::Tensor n, int scale) {
  ag::Tensor acc = 0.0;
  for (ag::Tensor i = 0; i < n; i += 1) {
    acc += i * weight(scale);
  }
  return acc;
}

AG_CONVERT
ag::Tensor report(ag::Tensor n, int scale) {
  ag::Tensor r = scaled(n, scale) + 1;
  return r;
}

int main(int argc, char **argv) {
  agtest::Options o = agtest::parse(argc, argv);
  int scale = static_cast<int>(o.ints.at(1));
  return agtest::run(o,
                     [&] { return ag::function(&report)(o.arg(0), scale); });
}

// (0 + 1 + 2) / 2 + 1
// OK:result = 2.5

//      CHECK:[[FILE]]:29:5: error: exception std::out_of_range thrown while tracing: scale 7 is above the calibrated range
// CHECK-NEXT:    acc += i * weight(scale);
// CHECK-NEXT:    ^~~~~~~~~~~~~~~~~~~~~~~~
// CHECK-NEXT:note: functions that are not AG_CONVERT run once, while the graph is traced
// CHECK-NEXT:[[FILE]]:26:12: note: in 'scaled'
// CHECK-NEXT:ag::Tensor scaled(ag::Tensor n, int scale) {
// CHECK-NEXT:           ^
// CHECK-NEXT:[[FILE]]:36:18: note: called from here
// CHECK-NEXT:  ag::Tensor r = scaled(n, scale) + 1;
// CHECK-NEXT:                 ^~~~~~~~~~~~~~~~~~~~
// CHECK-NEXT:[[FILE]]:35:12: note: in 'report'
// CHECK-NEXT:ag::Tensor report(ag::Tensor n, int scale) {
// CHECK-NEXT:           ^
//  CHECK-NOT:{{.}}
