// A staged if passes its condition as a value after ::ag::at (no lambda
// for it, none for an empty else: each lambda of a twin costs a closure
// class and two template instantiations, docs/performance.md). A staged
// `else if` under a host if is then two statements and gets braces. Eager
// and graph results agree.
// REQUIRES: ag-runtime
// RUN: ag-convert %s -- -std=c++17 -I%ag_include > %t.cpp
// RUN: FileCheck --check-prefix=TWIN %s < %t.cpp
// RUN: %cxx -std=c++17 -Wall -Wextra -Werror -I%ag_include %t.cpp -o %t.exe -L%ag_obj/lib -lag -Wl,-rpath,%ag_obj/lib
// RUN: %t.exe eager > %t.eager
// RUN: %t.exe graph > %t.graph
// RUN: diff %t.eager %t.graph
// RUN: FileCheck %s < %t.graph

#include <ag/ag.h>
#include <cstring>
#include <iostream>

AG_CONVERT
ag::Tensor pick(ag::Tensor x, int mode) {
  ag::Tensor y = x;
  if (mode == 0)
    y = x + 1;
  else if (x > 2)
    y = x * 10;
  if (y < 0) {
    y = -y;
  }
  return y;
}

// TWIN-LABEL: ag::Tensor ag_twin_pick(ag::Tensor x, int mode) {
// TWIN:       if (mode == 0) {
// TWIN:       } else {
// TWIN-NEXT:    ::ag::at({24, 8, 24, 17});
// TWIN-NEXT:    ::ag::if_({24, 8, 24, 17}, {{[{][{]}}"y", y}}, x > 2, [&] {
// TWIN-NEXT:      ::ag::at({25, 5, 25, 14, "y"});
// TWIN-NEXT:      y = x * 10;
// TWIN-NEXT:    });
// TWIN-NEXT:  }
// TWIN-NEXT:  ::ag::at({26, 3, 26, 12});
// TWIN-NEXT:  ::ag::if_({26, 3, 26, 12}, {{[{][{]}}"y", y}}, y < 0, [&] {

int main(int argc, char **argv) {
  bool graph = argc > 1 && std::strcmp(argv[1], "graph") == 0;
  auto f = ag::function(&pick);
  for (int mode : {0, 1})
    for (double v : {-5.0, 1.0, 3.0}) {
      ag::Tensor x(v);
      ag::Tensor r = graph ? f(x, mode) : pick(x, mode);
      std::cout << mode << " " << v << " -> " << r.item<double>() << "\n";
    }
  return 0;
}

// CHECK: 0 -5 -> 4
// CHECK: 0 1 -> 2
// CHECK: 0 3 -> 4
// CHECK: 1 -5 -> 5
// CHECK: 1 1 -> 1
// CHECK: 1 3 -> 30
