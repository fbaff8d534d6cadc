// A converted function reading a mutable global or static would freeze its
// value into the graph at trace time (later changes are not seen), and a
// write to one would happen only while tracing: both are errors at the first
// mention. const/constexpr globals and std::cout are fine.
// RUN: not ag-convert %s -- -std=c++17 -I%ag_include 2>&1 | FileCheck %s

#include <ag/ag.h>
#include <iostream>

double scale = 2.0;
const double offset = 1.0;
constexpr int kSteps = 3;
ag::Tensor last;

AG_CONVERT
ag::Tensor f(ag::Tensor x) {
  static int calls = 0;
  ++calls;
  ag::Tensor y = x * scale + offset + kSteps;
  last = y;
  std::cout << "y\n";
  auto get = [] { return scale; }; // the lambda runs while tracing
  return y + get();
}

// CHECK: diag-globals.cpp:18:5: error: modifying static variable 'calls' in a converted function is not supported: the graph does not modify it when it is evaluated; pass it as a parameter (or make it const)
// CHECK: diag-globals.cpp:19:22: error: reading global variable 'scale' in a converted function is not supported: its value is frozen into the graph when it is traced, later changes are not seen; pass it as a parameter (or make it const)
// CHECK: diag-globals.cpp:20:3: error: modifying global variable 'last' in a converted function is not supported
// CHECK-NOT: error:
// CHECK: 3 errors generated.
