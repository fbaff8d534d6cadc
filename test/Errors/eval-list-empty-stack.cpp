// Stacking a staged list that no push reached on this evaluation: an
// evaluation error at the ag::stack, worded like the eager ag::stack of an
// empty vector, with the loop it follows nowhere in sight (it is not inside
// one).
// REQUIRES: ag-convert, ag-runtime
// RUN: ag-convert %s -o %t.cpp -- -std=c++17 -I%ag_include %ag_driver
// RUN: %cxx -std=c++17 -I%ag_include %ag_driver %t.cpp -o %t %ag_link
// RUN: %t 6 | FileCheck %s --check-prefix=OK
// RUN: not %t 0 2>&1 | FileCheck %s -DFILE=%s --match-full-lines --strict-whitespace

#include "Driver.h"

#include <vector>

AG_CONVERT
ag::Tensor divisors(ag::Tensor n) {
  std::vector<ag::Tensor> found;
  for (ag::Tensor d = 1; d <= n; ++d)
    if (n % d == 0)
      found.push_back(d);
  return ag::stack(found);
}

int main(int argc, char **argv) {
  agtest::Options o = agtest::parse(argc, argv);
  return agtest::run(o, [&] { return ag::function(&divisors)(o.arg(0)); });
}

// OK:result = [1, 2, 3, 6]

//      CHECK:[[FILE]]:21:10: error: stack of no tensors
// CHECK-NEXT:  return ag::stack(found);
// CHECK-NEXT:         ^~~~~~~~~~~~~~~~
//  CHECK-NOT:{{.}}

// The same runs on the native backend (issue 12): the same values and
// the same diagnostic, word for word.
// RUN: env AG_BACKEND=native %t 6 | FileCheck %s --check-prefix=OK
// RUN: env AG_BACKEND=native not %t 0 2>&1 | FileCheck %s -DFILE=%s --match-full-lines --strict-whitespace
