// A stacked list's length is known only at evaluation ('?'): broadcast
// against a static shape it must be 1 or that size, which the evaluation
// checks, reporting both shapes at the user's line (eagerly the same
// mistake fails at the same line).
// REQUIRES: ag-convert, ag-runtime
// RUN: ag-convert %s -o %t.cpp -- -std=c++17 -I%ag_include %ag_driver
// RUN: %cxx -std=c++17 -I%ag_include %ag_driver %t.cpp -o %t %ag_link
// RUN: %t 1 | FileCheck %s --check-prefix=ONE
// RUN: %t 3 | FileCheck %s --check-prefix=THREE
// RUN: not %t 5 2>&1 | FileCheck %s -DFILE=%s --match-full-lines --strict-whitespace

#include "Driver.h"

#include <vector>

AG_CONVERT
ag::Tensor offsets(ag::Tensor n) {
  std::vector<ag::Tensor> steps;
  for (ag::Tensor i = 0; i < n; ++i)
    steps.push_back(i * 2);
  ag::Tensor base = {10, 20, 30};
  ag::Tensor shifted = ag::stack(steps) + base;
  return shifted;
}

int main(int argc, char **argv) {
  agtest::Options o = agtest::parse(argc, argv);
  return agtest::run(o, [&] { return ag::function(&offsets)(o.arg(0)); });
}

// ONE:result = [10, 20, 30]
// THREE:result = [10, 22, 34]

//      CHECK:[[FILE]]:22:24: error: cannot broadcast [5] to [3]
// CHECK-NEXT:  ag::Tensor shifted = ag::stack(steps) + base;
// CHECK-NEXT:                       ^~~~~~~~~~~~~~~~~~~~~~~
//  CHECK-NOT:{{.}}

// The same runs on the native backend (issue 12): the same values and
// the same diagnostic, word for word.
// RUN: env AG_BACKEND=native %t 1 | FileCheck %s --check-prefix=ONE
// RUN: env AG_BACKEND=native %t 3 | FileCheck %s --check-prefix=THREE
// RUN: env AG_BACKEND=native not %t 5 2>&1 | FileCheck %s -DFILE=%s --match-full-lines --strict-whitespace
