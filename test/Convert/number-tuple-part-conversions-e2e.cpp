// Each number of a returned std::pair/std::tuple is converted to its
// element's C++ type, as building the result converts it eagerly:
// `return {d, d};` into a std::pair<long, int> truncates both. The twin used
// to keep the double in a plain (not lowered) return, so a converted caller
// reading the part computed with 4.05 where C++ has 4 (silent wrong values,
// also for pairs mixing tensors and numbers). Eager and graph print the
// same bits.
// REQUIRES: ag-runtime
// RUN: ag-convert %s -- -std=c++17 -I%ag_include > %t.cpp
// RUN: FileCheck --check-prefix=TWIN %s < %t.cpp
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

AG_CONVERT std::pair<long, int> split(ag::Tensor x) {
  double d = x.item<double>() * 1.5;
  return {d, d};
}
// TWIN-LABEL: ag_twin_split(ag::Tensor x) {
// TWIN: return ::ag::detail::partsAs_<std::pair<long, int>>(

AG_CONVERT std::tuple<int, bool, float> conv(ag::Tensor x) {
  double d = x.item<double>();
  return std::make_tuple(d, d, d);
}

AG_CONVERT std::pair<ag::Tensor, int> mixed(ag::Tensor x) {
  double d = x.item<double>();
  return {x, d};
}

AG_CONVERT double user(ag::Tensor x) {
  auto [a, b] = split(x);
  auto [c, e, f] = conv(x);
  auto [t, g] = mixed(x);
  return a * 10 + b * 100 + c * 1000 + e + f + g * 7;
}

int main(int argc, char **argv) {
  bool graph = argc > 1 && std::strcmp(argv[1], "graph") == 0;
  for (double v : {2.7, -2.7, 0.3}) {
    ag::Tensor x(v);
    std::printf("%.17g\n", graph ? ag::function(&user)(x) : user(x));
    auto [a, b] = graph ? ag::function(&split)(x) : split(x);
    auto [c, e, f] = graph ? ag::function(&conv)(x) : conv(x);
    std::printf("%ld %d %d %d %.9g\n", a, b, c, e, f);
  }
}
// CHECK: 2457.699951171875
// CHECK-NEXT: 4 4 2 1 2.70000005
// CHECK-NEXT: -2455.699951171875
// CHECK-NEXT: -4 -4 -2 1 -2.70000005
// CHECK-NEXT: 1.2999999523162842
// CHECK-NEXT: 0 0 0 1 0.300000012
