// Adding [3] and [4] tensors. Shapes are static in ag (part of the traced
// signature), so this fails while tracing, before anything runs: a trace
// error at the statement, with the chain of converted calls.
// REQUIRES: ag-convert, ag-runtime
// RUN: ag-convert %s -o %t.cpp -- -std=c++17 -I%ag_include %ag_driver
// RUN: %cxx -std=c++17 -I%ag_include %ag_driver %t.cpp -o %t %ag_link
// RUN: %t 3 3 | FileCheck %s --check-prefix=OK
// RUN: not %t 3 4 2>&1 | FileCheck %s -DFILE=%s --match-full-lines --strict-whitespace

#include "Driver.h"

AG_CONVERT
ag::Tensor combine(ag::Tensor a, ag::Tensor b) {
  ag::Tensor s = a + b;
  return s;
}

AG_CONVERT
ag::Tensor total(ag::Tensor a, ag::Tensor b) {
  ag::Tensor t = ag::sum(combine(a, b));
  return t;
}

int main(int argc, char **argv) {
  agtest::Options o = agtest::parse(argc, argv);
  ag::Tensor a = ag::Tensor::full(ag::DType::Int64, {o.ints.at(0)}, 1);
  ag::Tensor b = ag::Tensor::full(ag::DType::Int64, {o.ints.at(1)}, 2);
  return agtest::run(o, [&] { return ag::function(&total)(a, b); });
}

// OK:result = 9

//      CHECK:[[FILE]]:14:18: error: shapes [3] and [4] cannot be broadcast together
// CHECK-NEXT:  ag::Tensor s = a + b;
// CHECK-NEXT:                 ^~~~~
// CHECK-NEXT:[[FILE]]:13:12: note: in 'combine'
// CHECK-NEXT:ag::Tensor combine(ag::Tensor a, ag::Tensor b) {
// CHECK-NEXT:           ^
// CHECK-NEXT:[[FILE]]:20:18: note: called from here
// CHECK-NEXT:  ag::Tensor t = ag::sum(combine(a, b));
// CHECK-NEXT:                 ^~~~~~~~~~~~~~~~~~~~~~
// CHECK-NEXT:[[FILE]]:19:12: note: in 'total'
// CHECK-NEXT:ag::Tensor total(ag::Tensor a, ag::Tensor b) {
// CHECK-NEXT:           ^
//  CHECK-NOT:{{.}}
