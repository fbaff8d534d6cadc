// A host switch may hold staged ?:, && and || and calls of converted
// functions in its cases (they used to be rejected as "staged control flow
// inside a 'switch'"), and its [[fallthrough]] stays in the twin (it was
// dropped, so the twin warned under -Wimplicit-fallthrough, an error with
// -Werror). Staged statements in a case are still an error
// (diag-switch-body.cpp).
// REQUIRES: ag-runtime
// RUN: ag-convert %s -- -std=c++17 -I%ag_include > %t.cpp
// RUN: FileCheck --check-prefix=TWIN %s < %t.cpp
// RUN: %cxx -std=c++17 -Wall -Wextra -Wimplicit-fallthrough -Werror -I%ag_include %t.cpp -o %t.exe -L%ag_obj/lib -lag -Wl,-rpath,%ag_obj/lib
// RUN: %t.exe eager > %t.eager
// RUN: %t.exe graph > %t.graph
// RUN: diff %t.eager %t.graph
// RUN: FileCheck %s < %t.graph

#include <ag/ag.h>
#include <cstring>
#include <iostream>

AG_CONVERT
ag::Tensor clampPositive(ag::Tensor x) {
  if (x < 0)
    return 0 * x;
  return x;
}

AG_CONVERT
ag::Tensor f(ag::Tensor x, int mode) {
  ag::Tensor r = x;
  switch (mode) {
  case 0:
    r = x > 0 ? x * 2 : -x;
    break;
  case 1:
    r = ag::cast(x > 1 && 10 / x > 2, ag::Int64);
    [[fallthrough]];
  case 2:
    r = r + clampPositive(x - 3);
    break;
  default:
    r = x < 0 || x > 5 ? x : x * x;
  }
  return r;
}
// TWIN-LABEL: ag::Tensor ag_twin_f(
// TWIN: {{\[\[}}fallthrough{{\]\]}};

int main(int argc, char **argv) {
  bool graph = argc > 1 && !std::strcmp(argv[1], "graph");
  auto g = ag::function(&f);
  for (int x : {-4, 0, 2, 4, 9})
    for (int mode : {0, 1, 2, 3})
      std::cout << x << " " << mode << ": " << (graph ? g(x, mode) : f(x, mode))
                << '\n';
}
// CHECK: -4 0: 4
// CHECK: 4 1: 1
