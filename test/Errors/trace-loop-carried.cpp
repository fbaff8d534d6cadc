// A loop-carried variable must keep its dtype and shape across an
// iteration: the body is traced once, and its result type must match the
// type the variable had before the loop. The error is at the assignment in
// the body, with the line that gave the first type and the loop, one
// converted call deep.
// REQUIRES: ag-convert, ag-runtime
// RUN: ag-convert %s -o %t.cpp -- -std=c++17 -I%ag_include %ag_driver
// RUN: %cxx -std=c++17 -I%ag_include %ag_driver %t.cpp -o %t %ag_link
// RUN: not %t 3 2>&1 | FileCheck %s -DFILE=%s --match-full-lines --strict-whitespace

#include "Driver.h"

AG_CONVERT
ag::Tensor avrg(ag::Tensor n) {
  ag::Tensor total = ag::Tensor::zeros(ag::DType::Int64, {});
  ag::Tensor i = 0;
  while (i < n) {
    total = total + ag::sqrt(i);
    i += 1;
  }
  return total / n;
}

AG_CONVERT
ag::Tensor score(ag::Tensor n) {
  ag::Tensor s = avrg(n) * 100;
  return s;
}

int main(int argc, char **argv) {
  agtest::Options o = agtest::parse(argc, argv);
  return agtest::run(o, [&] { return ag::function(&score)(o.arg(0)); });
}

// ag::sqrt of an int64 computes in float64 (like numpy).
//      CHECK:[[FILE]]:18:5: error: loop-carried variable 'total' changes type in the loop: it is int64[] before the loop and float64[] after an iteration
// CHECK-NEXT:    total = total + ag::sqrt(i);
// CHECK-NEXT:    ^~~~~~~~~~~~~~~~~~~~~~~~~~~
// CHECK-NEXT:[[FILE]]:15:22: note: 'total' is int64[] here
// CHECK-NEXT:  ag::Tensor total = ag::Tensor::zeros(ag::DType::Int64, {});
// CHECK-NEXT:                     ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~
// CHECK-NEXT:[[FILE]]:17:3: note: the loop is here
// CHECK-NEXT:  while (i < n) {
// CHECK-NEXT:  ^~~~~~~~~~~~
// CHECK-NEXT:[[FILE]]:14:12: note: in 'avrg'
// CHECK-NEXT:ag::Tensor avrg(ag::Tensor n) {
// CHECK-NEXT:           ^
// CHECK-NEXT:[[FILE]]:26:18: note: called from here
// CHECK-NEXT:  ag::Tensor s = avrg(n) * 100;
// CHECK-NEXT:                 ^~~~~~~~~~~~~
// CHECK-NEXT:[[FILE]]:25:12: note: in 'score'
// CHECK-NEXT:ag::Tensor score(ag::Tensor n) {
// CHECK-NEXT:           ^
//  CHECK-NOT:{{.}}
