// A statement reading a number out of a tensor (t.item<T>()) that does not
// hold one element fails while tracing at its own line, not at the previous
// statement's.
// REQUIRES: ag-runtime
// RUN: ag-convert %s -- -std=c++17 -I%ag_include > %t.cpp
// RUN: %cxx -std=c++17 -Wall -Wextra -Werror -I%ag_include %t.cpp -o %t.exe -L%ag_obj/lib -lag -Wl,-rpath,%ag_obj/lib
// RUN: %t.exe | FileCheck %s

#include <ag/ag.h>
#include <iostream>

AG_CONVERT
ag::Tensor f(ag::Tensor a) {
  a = a + 1;
  double d = a.item<double>();
  return a * d;
}

int main() {
  try {
    ag::function(&f)(ag::Tensor({2.0, 3.0}));
  } catch (const ag::Error &e) {
    std::cout << e.what() << "\n";
  }
}

// CHECK: item-location-e2e.cpp:15:14: error: item() needs exactly one element, the tensor has shape [2]
