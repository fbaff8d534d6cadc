// A local number (int, bool, double) assigned under staged control flow
// becomes an ag::Tensor in the twin, as a Python number under AutoGraph: the
// graph computes it at each evaluation and equals the eager call, also when
// it is read after the construct by host-looking code.
// REQUIRES: ag-runtime
// RUN: ag-convert %s -- -std=c++17 -I%ag_include > %t.cpp
// RUN: %cxx -std=c++17 -Wall -Wextra -Werror -I%ag_include %t.cpp -o %t.exe -L%ag_obj/lib -lag -Wl,-rpath,%ag_obj/lib
// RUN: %t.exe | FileCheck %s --implicit-check-not=MISMATCH
// RUN: FileCheck --check-prefix=TWIN %s < %t.cpp

#include <ag/ag.h>
#include <iostream>

using ag::Tensor;

// TWIN-LABEL: ag::Tensor ag_twin_f(ag::Tensor x) {
// TWIN: ::ag::Tensor steps = ::ag::Tensor(static_cast<int>(0));
// TWIN: ::ag::Tensor negative = ::ag::Tensor(static_cast<bool>(false));
AG_CONVERT
Tensor f(Tensor x) {
  int steps = 0;
  while (x > 1) {
    x = x / 2;
    steps++;
  }
  bool negative = false;
  if (x < 0)
    negative = true;
  double scale = 1;
  for (Tensor r : ag::arange(3))
    scale = scale * 1.5 + 0;
  return x + steps * 100 + negative * 1000 + scale;
}

void both(Tensor x) {
  Tensor eager = f(x), graph = ag::function(&f)(x);
  std::cout << eager << " " << graph << "\n";
  if (!eager.identical(graph))
    std::cout << "MISMATCH\n";
}

int main() {
  // CHECK: 404 404
  both(10.0);
  // CHECK: 1002.875 1002.875
  both(-0.5);
  // CHECK: 4.375 4.375
  both(1.0);
}
