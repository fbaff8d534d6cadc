// A host number copied into a std::pair/std::tuple result after a staged
// return (`return {x + lr, lr};`) is read, not modified: std::pair's and
// std::tuple's constructors (and std::make_pair/make_tuple) take forwarding
// references but copy an lvalue. It was "host variable 'lr' ... is modified
// under staged control flow".
// REQUIRES: ag-runtime
// RUN: ag-convert %s -- -std=c++17 -I%ag_include > %t.cpp
// RUN: %cxx -std=c++17 -Wall -Wextra -Werror -I%ag_include %t.cpp -o %t.exe -L%ag_obj/lib -lag -Wl,-rpath,%ag_obj/lib
// RUN: %t.exe eager > %t.eager
// RUN: %t.exe graph > %t.graph
// RUN: diff %t.eager %t.graph
// RUN: FileCheck %s < %t.graph

#include <ag/ag.h>
#include <cstdio>
#include <cstring>
#include <tuple>
#include <utility>

AG_CONVERT std::pair<ag::Tensor, double> step(ag::Tensor x, double lr) {
  if (x > 0)
    return {x - lr, lr * 0.5};
  return {x + lr, lr};
}
struct Scaled {
  ag::Tensor value;
};
AG_CONVERT std::tuple<ag::Tensor, int, Scaled> tagged(ag::Tensor x, int tag) {
  while (x > 1) {
    if (x > 50)
      return std::make_tuple(x, tag, Scaled{x * 2});
    x = x / 2;
  }
  return std::make_tuple(x, tag, Scaled{x});
}

int main(int argc, char **argv) {
  bool g = argc > 1 && !std::strcmp(argv[1], "graph");
  for (double x0 : {3.0, -0.5}) {
    auto [x, lr] = g ? ag::function(&step)(ag::Tensor(x0), 0.25)
                     : step(ag::Tensor(x0), 0.25);
    std::printf("%g %g\n", x.item<double>(), lr);
  }
  for (double x0 : {8.0, 80.0}) {
    auto [x, tag, s] = g ? ag::function(&tagged)(ag::Tensor(x0), 7)
                         : tagged(ag::Tensor(x0), 7);
    std::printf("%g %d %g\n", x.item<double>(), tag, s.value.item<double>());
  }
}
// CHECK: 2.75 0.125
// CHECK-NEXT: -0.25 0.25
// CHECK-NEXT: 1 7 1
// CHECK-NEXT: 80 7 160
