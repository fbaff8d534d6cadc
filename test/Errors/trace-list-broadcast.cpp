// A stacked list's length is known only at evaluation ('?'): it may meet a
// scalar or the same shape, but broadcasting it against a static shape is a
// trace error at the statement rather than a wrong static broadcast.
// REQUIRES: ag-convert, ag-runtime
// RUN: ag-convert %s -o %t.cpp -- -std=c++17 -I%ag_include %ag_driver
// RUN: %cxx -std=c++17 -I%ag_include %ag_driver %t.cpp -o %t %ag_link
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

//      CHECK:[[FILE]]:19:24: error: shapes [?] and [3] cannot be combined: a dimension known only at evaluation ('?', declared ag::dyn or from stacking a list) can meet only the same shape or a scalar
// CHECK-NEXT:  ag::Tensor shifted = ag::stack(steps) + base;
// CHECK-NEXT:                       ^~~~~~~~~~~~~~~~~~~~~~~
// CHECK-NEXT:[[FILE]]:14:12: note: in 'offsets'
// CHECK-NEXT:ag::Tensor offsets(ag::Tensor n) {
// CHECK-NEXT:           ^
//  CHECK-NOT:{{.}}
