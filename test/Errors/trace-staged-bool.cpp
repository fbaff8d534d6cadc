// A staged tensor used as a C++ bool in code that was not converted: the
// `if` of a helper compiled separately (ag-convert rejects such a helper
// when it sees its body in the converted file). Tracing cannot decide the
// condition. The error is at the converted statement that called the helper
// and names the helper to annotate (from the call stack; a stripped binary
// gets a generic hint).
// REQUIRES: ag-convert, ag-runtime
// RUN: ag-convert %s -o %t.cpp -- -std=c++17 -I%ag_include %ag_driver
// RUN: %cxx -std=c++17 -I%ag_include %ag_driver %t.cpp %S/Inputs/clamp-low.cpp -o %t %ag_link
// RUN: not %t 5 2>&1 | FileCheck %s -DFILE=%s --match-full-lines --strict-whitespace
// RUN: strip -o %t.stripped %t
// RUN: not %t.stripped 5 2>&1 | FileCheck %s -DFILE=%s --check-prefix=STRIPPED

#include "Driver.h"

ag::Tensor clampLow(ag::Tensor x); // Inputs/clamp-low.cpp

AG_CONVERT
ag::Tensor shifted(ag::Tensor x) {
  ag::Tensor y = clampLow(x - 3) + 1;
  return y;
}

int main(int argc, char **argv) {
  agtest::Options o = agtest::parse(argc, argv);
  return agtest::run(o, [&] { return ag::function(&shifted)(o.arg(0)); });
}

//      CHECK:[[FILE]]:20:18: error: a staged tensor is used as a C++ bool in 'clampLow', which ag-convert did not convert (called while tracing 'shifted'); mark 'clampLow' AG_CONVERT so its control flow is staged
// CHECK-NEXT:  ag::Tensor y = clampLow(x - 3) + 1;
// CHECK-NEXT:                 ^~~~~~~~~~~~~~~~~~~
// CHECK-NEXT:[[FILE]]:19:12: note: in 'shifted'
// CHECK-NEXT:ag::Tensor shifted(ag::Tensor x) {
// CHECK-NEXT:           ^
//  CHECK-NOT:{{.}}

// STRIPPED:[[FILE]]:20:18: error: a staged tensor is used as a C++ bool in code that ag-convert did not convert (called while tracing 'shifted'); mark the function containing this condition AG_CONVERT so its control flow is staged
