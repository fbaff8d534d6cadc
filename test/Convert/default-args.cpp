// Default arguments: one given only on a forward declaration is written into
// the twin's declaration; a twin declared before its definition (called from
// an earlier twin) gets its defaults there only, not again on the
// definition. Both compile and run.
// REQUIRES: ag-runtime
// RUN: ag-convert %s -- -std=c++17 -I%ag_include > %t.cpp
// RUN: %cxx -std=c++17 -Wall -Wextra -Werror -I%ag_include %t.cpp -o %t.exe -L%ag_obj/lib -lag -Wl,-rpath,%ag_obj/lib
// RUN: %t.exe | FileCheck %s

#include <ag/ag.h>
#include <iostream>

ag::Tensor scaled(ag::Tensor x, double k = 2.0);
ag::Tensor later(ag::Tensor x, int n = 3);

AG_CONVERT
ag::Tensor scaled(ag::Tensor x, double k) { return x > 0 ? x * k : x * 1.0; }

AG_CONVERT
ag::Tensor caller(ag::Tensor x) { return scaled(x) + later(x) + later(x, 1); }

AG_CONVERT
ag::Tensor later(ag::Tensor x, int n) {
  if (x > n)
    x = x - n;
  return x;
}

int main() {
  auto g = ag::function(&caller);
  // CHECK: 16 16
  std::cout << caller(5) << " " << g(5) << "\n";
  // CHECK-NEXT: 12 12
  std::cout << scaled(6) << " " << ag::function(&scaled)(6, 2.0) << "\n";
}
