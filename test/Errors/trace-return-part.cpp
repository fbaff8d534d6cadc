// A std::pair or struct result returned under staged control flow has one
// return slot per tensor: when the paths disagree on one, the error names
// that part ('second', 'hi') and points at the user's two returns.
// REQUIRES: ag-convert, ag-runtime
// RUN: ag-convert %s -o %t.cpp -- -std=c++17 -I%ag_include %ag_driver
// RUN: %cxx -std=c++17 -I%ag_include %ag_driver %t.cpp -o %t %ag_link
// RUN: not %t 1 2>&1 | FileCheck %s -DFILE=%s --check-prefix=PAIR --match-full-lines --strict-whitespace
// RUN: not %t 2 2>&1 | FileCheck %s -DFILE=%s --check-prefix=LOOP --match-full-lines --strict-whitespace

#include "Driver.h"
#include <utility>

AG_CONVERT
std::pair<ag::Tensor, ag::Tensor> pick(ag::Tensor x) {
  if (x > 0)
    return {x, x * 2};
  ag::Tensor half = ag::cast(x, ag::DType::Float64);
  return {x, half / 2};
}

struct Bounds {
  ag::Tensor lo, hi;
};
AG_CONVERT
Bounds firstAbove(ag::Tensor x) {
  for (ag::Tensor i = 0; i < x; i += 1) {
    if (i > 2)
      return {i, i};
  }
  return {x, x * 0.5};
}

int main(int argc, char **argv) {
  agtest::Options o = agtest::parse(argc, argv);
  ag::Tensor x = ag::Tensor::full(ag::DType::Int64, {}, 5);
  return agtest::run(o, [&] {
    if (o.ints.at(0) == 1)
      return ag::function(&pick)(x).second;
    return ag::function(&firstAbove)(x).hi;
  });
}

//      PAIR:[[FILE]]:18:10: error: this function returns float64[] as 'second' here but int64[] on another path; a converted function returns one dtype and shape
// PAIR-NEXT:  return {x, half / 2};
// PAIR-NEXT:         ^~~~~~~~~~~~~
// PAIR-NEXT:[[FILE]]:16:12: note: 'second' of the value returned here is int64[]
// PAIR-NEXT:    return {x, x * 2};
// PAIR-NEXT:           ^~~~~~~~~~
// PAIR-NEXT:[[FILE]]:14:35: note: in 'pick'
// PAIR-NEXT:std::pair<ag::Tensor, ag::Tensor> pick(ag::Tensor x) {
// PAIR-NEXT:                                  ^
//  PAIR-NOT:{{.}}

//      LOOP:[[FILE]]:30:10: error: this function returns float64[] as 'hi' here but int64[] on another path; a converted function returns one dtype and shape
// LOOP-NEXT:  return {x, x * 0.5};
// LOOP-NEXT:         ^~~~~~~~~~~~
// LOOP-NEXT:[[FILE]]:28:14: note: 'hi' of the value returned here is int64[]
// LOOP-NEXT:      return {i, i};
// LOOP-NEXT:             ^~~~~~
// LOOP-NEXT:[[FILE]]:25:8: note: in 'firstAbove'
// LOOP-NEXT:Bounds firstAbove(ag::Tensor x) {
// LOOP-NEXT:       ^
//  LOOP-NOT:{{.}}
