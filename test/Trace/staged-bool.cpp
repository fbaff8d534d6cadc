// A helper that was not converted (compiled separately: ag-convert rejects
// one whose body it sees) uses a staged tensor as a C++ bool: the error is at
// the call in the converted function and names the helper to annotate.
// REQUIRES: ag-convert, ag-trace-driver
// RUN: ag-convert %s -o %t.cpp -- -std=c++17 -I%ag_include
// RUN: %cxx -std=c++17 -I%ag_include %t.cpp %S/Inputs/relu.cpp %ag_trace_link -o %t
// RUN: not %t clampPositive float64 2>&1 | FileCheck %s -DFILE=%s --match-full-lines --strict-whitespace

#include <ag/ag.h>

ag::Tensor relu(ag::Tensor x); // Inputs/relu.cpp

AG_CONVERT
ag::Tensor clampPositive(ag::Tensor x) {
  ag::Tensor y = relu(x) + 1;
  return y;
}

// CHECK:[[FILE]]:15:18: error: a staged tensor is used as a C++ bool in 'relu', which ag-convert did not convert (called while tracing 'clampPositive'); mark 'relu' AG_CONVERT so its control flow is staged
// CHECK-NEXT:  ag::Tensor y = relu(x) + 1;
// CHECK-NEXT:                 ^~~~~~~~~~~
// CHECK-NEXT:[[FILE]]:14:12: note: in 'clampPositive'
// CHECK-NEXT:ag::Tensor clampPositive(ag::Tensor x) {
// CHECK-NEXT:           ^
