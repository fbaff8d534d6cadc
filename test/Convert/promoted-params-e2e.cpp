// A by-value number parameter (double, int, bool, float) assigned under
// staged control flow becomes an ag::Tensor in the twin, like a local: the
// twin shadows it in a block, so the graph computes it at each evaluation
// and equals the eager call.
// REQUIRES: ag-runtime
// RUN: ag-convert %s -- -std=c++17 -I%ag_include > %t.cpp
// RUN: %cxx -std=c++17 -Wall -Wextra -Werror -I%ag_include %t.cpp -o %t.exe -L%ag_obj/lib -lag -Wl,-rpath,%ag_obj/lib
// RUN: %t.exe | FileCheck %s --implicit-check-not=MISMATCH
// RUN: FileCheck --check-prefix=TWIN %s < %t.cpp

#include <ag/ag.h>
#include <iostream>

using ag::Tensor;

// TWIN-LABEL: ag::Tensor ag_twin_grow(ag::Tensor x, double limit) {
// TWIN: const auto ag_param_limit = limit;
// TWIN-NEXT: {
// TWIN-NEXT: ::ag::Tensor limit = ::ag::Tensor(static_cast<double>(ag_param_limit));
AG_CONVERT
Tensor grow(Tensor x, double limit) {
  while (x > limit)
    limit = limit + 0.5;
  return limit;
}

AG_CONVERT
Tensor count(Tensor x, Tensor v, int steps, bool flag, float scale) {
  if (x > 0)
    steps += 1;
  for (Tensor r : v)
    flag = !flag;
  while (x * scale < 10)
    scale *= 2;
  return x * scale + steps + flag;
}

// Read after the loop by a host-looking expression: it is a tensor now.
AG_CONVERT
Tensor halve(Tensor x, int n) {
  while (x > 1) {
    x = x / 2;
    n++;
  }
  return n * 10 + x;
}

template <typename T> void both(const char *name, T eager, T graph) {
  std::cout << name << " " << eager << " " << graph << "\n";
  if (!eager.identical(graph))
    std::cout << "MISMATCH " << name << "\n";
}

int main() {
  // CHECK: grow 3 3
  both("grow", grow(3.0, 1.0), ag::function(&grow)(3.0, 1.0));
  // CHECK: grow 1 1
  both("grow", grow(0.5, 1.0), ag::function(&grow)(0.5, 1.0));
  // CHECK: grow 7.5 7.5
  both("grow", grow(7.25, 1.5), ag::function(&grow)(7.25, 1.5));
  Tensor v = Tensor({1.0, 2.0, 3.0});
  // CHECK: count 18 18
  both("count", count(3.0, v, 4, false, 2.0f),
       ag::function(&count)(3.0, v, 4, false, 2.0f));
  // CHECK: count 20 20
  both("count", count(-1.0, v, 4, true, -2.0f),
       ag::function(&count)(-1.0, v, 4, true, -2.0f));
  // CHECK: halve 40.75 40.75
  both("halve", halve(12.0, 0), ag::function(&halve)(12.0, 0));
  // CHECK: halve 70.5 70.5
  both("halve", halve(Tensor(0.5), 7), ag::function(&halve)(Tensor(0.5), 7));
}
