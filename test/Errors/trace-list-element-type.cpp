// Every element of a staged list needs the dtype and shape of the first
// (stacking needs it): a push of another one is a trace error at the push,
// before anything runs, whatever the input.
// REQUIRES: ag-convert, ag-runtime
// RUN: ag-convert %s -o %t.cpp -- -std=c++17 -I%ag_include %ag_driver
// RUN: %cxx -std=c++17 -I%ag_include %ag_driver %t.cpp -o %t %ag_link
// RUN: not %t 9 2>&1 | FileCheck %s -DFILE=%s --match-full-lines --strict-whitespace
// RUN: not %t 0 2>&1 | FileCheck %s -DFILE=%s --match-full-lines --strict-whitespace

#include "Driver.h"

#include <vector>

AG_CONVERT
ag::Tensor halves(ag::Tensor x) {
  std::vector<ag::Tensor> parts;
  parts.push_back(x);
  while (x > 1) {
    x = x / 2;
    parts.push_back(x * 0.5);
  }
  return ag::stack(parts);
}

int main(int argc, char **argv) {
  agtest::Options o = agtest::parse(argc, argv);
  return agtest::run(o, [&] { return ag::function(&halves)(o.arg(0)); });
}

//      CHECK:[[FILE]]:20:5: error: push_back of a float64[] onto a list whose elements are int64[]: stacking needs every element to have one dtype and shape
// CHECK-NEXT:    parts.push_back(x * 0.5);
// CHECK-NEXT:    ^~~~~~~~~~~~~~~~~~~~~~~~
// CHECK-NEXT:[[FILE]]:15:12: note: in 'halves'
// CHECK-NEXT:ag::Tensor halves(ag::Tensor x) {
// CHECK-NEXT:           ^
//  CHECK-NOT:{{.}}
