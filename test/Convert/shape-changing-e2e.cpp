// A variable whose shape a staged loop or branch changes (same rank) is
// carried or merged with those dimensions dynamic, as eagerly it simply has
// another shape at each iteration or on each path: the graph equals the
// eager call (AutoGraph's loop_with_variable_type tests without their
// shape_invariants). A branch pair of such values is never turned into an
// elementwise select.
// REQUIRES: ag-runtime
// RUN: ag-convert %s -- -std=c++17 -I%ag_include > %t.cpp
// RUN: %cxx -std=c++17 -Wall -Wextra -Werror -I%ag_include %t.cpp -o %t.exe -L%ag_obj/lib -lag -Wl,-rpath,%ag_obj/lib
// RUN: %t.exe | FileCheck %s --implicit-check-not=MISMATCH

#include <ag/ag.h>
#include <iostream>

using ag::Tensor;

AG_CONVERT
Tensor grow(Tensor n) {
  Tensor v = Tensor({0, 0});
  Tensor i = 0;
  while (i < n) {
    v = ag::concat({v, ag::reshape(i, {1})}, 0);
    i += 1;
  }
  return v;
}

AG_CONVERT
Tensor growCols(Tensor l) {
  Tensor m = ag::zeros({2, 1}, ag::Int64);
  for (Tensor e : l)
    m = ag::concat({m, ag::broadcast_to(ag::reshape(e, {1, 1}), {2, 1})}, 1);
  return m;
}

AG_CONVERT
Tensor pick(Tensor n) {
  Tensor v = Tensor({1, 2, 3});
  if (n > 0)
    v = Tensor({4, 5});
  return v * 2;
}

AG_CONVERT
Tensor breakEarly(Tensor n) {
  Tensor v = Tensor({0, 0});
  Tensor i = 0;
  if (n > 1) {
    while (i < n) {
      v = ag::concat({v, ag::reshape(i, {1})}, 0);
      i += 1;
      if (i > 3)
        break;
    }
  } else {
    v = Tensor({1, 2, 3});
  }
  return v;
}

void both(const char *name, Tensor eager, Tensor graph) {
  std::cout << name << " " << eager << " " << graph << "\n";
  if (!eager.identical(graph))
    std::cout << "MISMATCH\n";
}

int main() {
  auto g = ag::function(&grow);
  // CHECK: grow [0, 0] [0, 0]
  both("grow", grow(0), g(0));
  // CHECK: grow [0, 0, 0, 1, 2] [0, 0, 0, 1, 2]
  both("grow", grow(3), g(3));
  auto c = ag::function(&growCols);
  // CHECK: cols {{.*}}[0, 7, 8]]
  both("cols", growCols(Tensor({7, 8})), c(Tensor({7, 8})));
  auto p = ag::function(&pick);
  // CHECK: pick [2, 4, 6] [2, 4, 6]
  both("pick", pick(0), p(0));
  // CHECK: pick [8, 10] [8, 10]
  both("pick", pick(1), p(1));
  auto b = ag::function(&breakEarly);
  // CHECK: break [1, 2, 3] [1, 2, 3]
  both("break", breakEarly(1), b(1));
  // CHECK: break [0, 0, 0, 1, 2, 3] [0, 0, 0, 1, 2, 3]
  both("break", breakEarly(9), b(9));
}
