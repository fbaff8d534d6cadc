// A constant converted at trace time (a row assignment converts its value
// to the tensor's dtype) fails as ag.cast would, with the same message, at
// the statement: never as a foreign exception "thrown while tracing".
// REQUIRES: ag-convert, ag-runtime
// RUN: ag-convert %s -o %t.cpp -- -std=c++17 -I%ag_include %ag_driver
// RUN: %cxx -std=c++17 -I%ag_include %ag_driver %t.cpp -o %t %ag_link
// RUN: %t 0 | FileCheck %s --check-prefix=OK
// RUN: not %t 1 2>&1 | FileCheck %s -DFILE=%s --match-full-lines --strict-whitespace

#include "Driver.h"

#include <cmath>

AG_CONVERT
ag::Tensor mark(ag::Tensor n, double fill) {
  ag::Tensor counts = {0, 0, 0};
  counts[1] = fill;
  return counts + n;
}

int main(int argc, char **argv) {
  agtest::Options o = agtest::parse(argc, argv);
  double fill = o.ints.at(0) == 0 ? 2.5 : std::nan("");
  return agtest::run(o, [&] { return ag::function(&mark)(o.arg(0), fill); });
}

// OK:result = [0, 2, 0]

//      CHECK:[[FILE]]:17:3: error: cannot cast nan to int64: it is outside the integer's range (undefined in C++)
// CHECK-NEXT:  counts[1] = fill;
// CHECK-NEXT:  ^~~~~~~~~~~~~~~~
