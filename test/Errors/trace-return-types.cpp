// Returns of different dtypes on different paths: the error speaks of the
// return value (not the converter's internal return slot) and points at the
// user's two return statements, also for a return inside a loop.
// REQUIRES: ag-convert, ag-runtime
// RUN: ag-convert %s -o %t.cpp -- -std=c++17 -I%ag_include %ag_driver
// RUN: %cxx -std=c++17 -I%ag_include %ag_driver %t.cpp -o %t %ag_link
// RUN: not %t 1 2>&1 | FileCheck %s -DFILE=%s --check-prefix=EARLY --match-full-lines --strict-whitespace
// RUN: not %t 2 2>&1 | FileCheck %s -DFILE=%s --check-prefix=LOOP --match-full-lines --strict-whitespace

#include "Driver.h"

AG_CONVERT
ag::Tensor pick(ag::Tensor x) {
  if (x > 0)
    return x * 2;
  ag::Tensor half = ag::cast(x, ag::DType::Float64);
  return half / 2;
}

AG_CONVERT
ag::Tensor firstAbove(ag::Tensor x) {
  for (ag::Tensor i = 0; i < x; i += 1) {
    if (i > 2)
      return i;
  }
  return x * 0.5;
}

int main(int argc, char **argv) {
  agtest::Options o = agtest::parse(argc, argv);
  // A typed argument (a literal would be weak and adopt float64).
  ag::Tensor x = ag::Tensor::full(ag::DType::Int64, {}, 5);
  return agtest::run(o, [&] {
    return o.ints.at(0) == 1 ? ag::function(&pick)(x)
                             : ag::function(&firstAbove)(x);
  });
}

//      EARLY:[[FILE]]:17:10: error: this function returns float64[] here but int64[] on another path; a converted function returns one dtype and shape
// EARLY-NEXT:  return half / 2;
// EARLY-NEXT:         ^~~~~~~~
// EARLY-NEXT:[[FILE]]:15:12: note: the value returned here is int64[]
// EARLY-NEXT:    return x * 2;
// EARLY-NEXT:           ^~~~~
// EARLY-NEXT:[[FILE]]:13:12: note: in 'pick'
// EARLY-NEXT:ag::Tensor pick(ag::Tensor x) {
// EARLY-NEXT:           ^
//  EARLY-NOT:{{.}}

//      LOOP:[[FILE]]:26:10: error: this function returns float64[] here but int64[] on another path; a converted function returns one dtype and shape
// LOOP-NEXT:  return x * 0.5;
// LOOP-NEXT:         ^~~~~~~
// LOOP-NEXT:[[FILE]]:24:14: note: the value returned here is int64[]
// LOOP-NEXT:      return i;
// LOOP-NEXT:             ^
// LOOP-NEXT:[[FILE]]:21:12: note: in 'firstAbove'
// LOOP-NEXT:ag::Tensor firstAbove(ag::Tensor x) {
// LOOP-NEXT:           ^
//  LOOP-NOT:{{.}}
