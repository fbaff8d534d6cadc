// A loop-carried variable must keep its dtype across an iteration: an
// integer accumulator that a float body turns into a float is an error at
// the assignment, with the line that gave it its first type.
// REQUIRES: ag-convert, ag-trace-driver
// RUN: ag-convert %s -o %t.cpp -- -std=c++17 -I%ag_include
// RUN: %cxx -std=c++17 -I%ag_include %t.cpp %ag_trace_link -o %t
// RUN: not %t total int64 float32 2>&1 | FileCheck %s -DFILE=%s --match-full-lines --strict-whitespace
// RUN: %t total int64 int64 | FileCheck %s --check-prefix=OK

#include <ag/ag.h>

AG_CONVERT
ag::Tensor total(ag::Tensor n, ag::Tensor x) {
  ag::Tensor s = ag::Tensor::zeros(ag::DType::Int64, {});
  ag::Tensor i = 0;
  while (i < n) {
    s = s + x;
    i += 1;
  }
  return s;
}

// CHECK:[[FILE]]:17:5: error: loop-carried variable 's' changes type in the loop: it is int64[] before the loop and float32[] after an iteration
// CHECK-NEXT:    s = s + x;
// CHECK-NEXT:    ^~~~~~~~~
// CHECK-NEXT:[[FILE]]:14:18: note: 's' is int64[] here
// CHECK-NEXT:  ag::Tensor s = ag::Tensor::zeros(ag::DType::Int64, {});
// CHECK-NEXT:                 ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~
// CHECK-NEXT:[[FILE]]:16:3: note: the loop is here
// CHECK-NEXT:  while (i < n) {
// CHECK-NEXT:  ^~~~~~~~~~~~
// CHECK-NEXT:[[FILE]]:13:12: note: in 'total'
// CHECK-NEXT:ag::Tensor total(ag::Tensor n, ag::Tensor x) {
// CHECK-NEXT:           ^

// OK: ag.while
