// A stream manipulator in a converted print is an error at its column that
// names it (it used to name a libstdc++ type such as '_Setprecision').
// RUN: not ag-convert %s -- -std=c++17 -I%ag_include 2>&1 | FileCheck %s --implicit-check-not=error:

#include <ag/ag.h>
#include <iomanip>
#include <iostream>

AG_CONVERT
ag::Tensor f(ag::Tensor x) {
  std::cout << std::setprecision(3) << x << '\n';
  std::cout << std::hex << x << std::setw(4) << 1 << std::endl;
  return x;
}
// CHECK: diag-stream-manipulators.cpp:11:16: error: stream manipulator 'std::setprecision' in a converted print is not supported: a graph prints tensors when it runs and cannot change std::cout's format then; format with printf ("%.3f", "%x", "%8d"...) or set std::cout's format before calling the function
// CHECK: diag-stream-manipulators.cpp:12:16: error: stream manipulator 'std::hex'
// CHECK: diag-stream-manipulators.cpp:12:33: error: stream manipulator 'std::setw'
