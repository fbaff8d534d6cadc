// ag::check_numerics on a value that became NaN or Inf: the user's message
// and the call, in the loop iteration that produced it.
// REQUIRES: ag-convert, ag-runtime
// RUN: ag-convert %s -o %t.cpp -- -std=c++17 -I%ag_include %ag_driver
// RUN: %cxx -std=c++17 -I%ag_include %ag_driver %t.cpp -o %t %ag_link
// RUN: %t 3 | FileCheck %s --check-prefix=OK
// RUN: not %t 6 2>&1 | FileCheck %s -DFILE=%s --match-full-lines --strict-whitespace

#include "Driver.h"

AG_CONVERT
ag::Tensor logs(ag::Tensor n) {
  ag::Tensor total = 0.0;
  for (ag::Tensor k = 0; k < n; k += 1) {
    ag::Tensor term = ag::log(4.0 - k);
    total += ag::check_numerics(term, "log(4 - k)");
  }
  return total;
}

int main(int argc, char **argv) {
  agtest::Options o = agtest::parse(argc, argv);
  return agtest::run(o, [&] { return ag::function(&logs)(o.arg(0)); });
}

// log 4 + log 3 + log 2 = log 24
// OK:result = 3.17805

// log(0) is -inf, in the 5th iteration (k = 4).
//      CHECK:[[FILE]]:16:5: error: log(4 - k): tensor has NaN or Inf values
// CHECK-NEXT:    total += ag::check_numerics(term, "log(4 - k)");
// CHECK-NEXT:    ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~
// CHECK-NEXT:[[FILE]]:14:3: note: in iteration 5 of this loop
// CHECK-NEXT:  for (ag::Tensor k = 0; k < n; k += 1) {
// CHECK-NEXT:  ^~~~~~~~~~~~~~~~~~~~~~~~~~~~
//  CHECK-NOT:{{.}}

// The same diagnostic from native code (check_numerics is a fault there):
// RUN: env AG_BACKEND=native %t 3 | FileCheck %s --check-prefix=OK
// RUN: env AG_BACKEND=native not %t 6 2>&1 | FileCheck %s -DFILE=%s --match-full-lines --strict-whitespace
