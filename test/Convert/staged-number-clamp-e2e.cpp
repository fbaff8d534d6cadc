// std::clamp of staged numbers computes in the graph with ag::clip
// (min(max(v, lo), hi)): clamp's `v < lo ? lo : hi < v ? hi : v` whenever
// lo <= hi, NaN (kept) and -0.0 (kept) included. It was refused as "passed
// to library function 'clamp' ... use an AG_NODE function of your own".
// REQUIRES: ag-runtime
// RUN: ag-convert %s -- -std=c++17 -I%ag_include > %t.cpp
// RUN: FileCheck --check-prefix=TWIN %s < %t.cpp
// RUN: %cxx -std=c++17 -Wall -Wextra -Werror -I%ag_include %t.cpp -o %t.exe -L%ag_obj/lib -lag -Wl,-rpath,%ag_obj/lib
// RUN: %t.exe eager > %t.eager
// RUN: %t.exe graph > %t.graph
// RUN: diff %t.eager %t.graph
// RUN: FileCheck %s < %t.graph

#include <ag/ag.h>
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>

AG_CONVERT double clamped(ag::Tensor v, double lo, double hi) {
  double s = 0;
  for (ag::Tensor x : v)
    s += std::clamp(x.item<double>(), lo, hi);
  return s;
}
// TWIN-LABEL: ag_twin_clamped(ag::Tensor v, double lo, double hi) {
// TWIN: ::ag::clip(::ag::Tensor(::ag::detail::number_(x, ::ag::DType::Float64)), ::ag::Tensor(lo), ::ag::Tensor(hi))

AG_CONVERT int bucket(ag::Tensor x) {
  int k = x.item<int>() / 10;
  return std::clamp(k, 0, 9);
}

AG_CONVERT double one(ag::Tensor x) { return std::clamp(x.item<double>(), 0.0, 1.0); }

int main(int argc, char **argv) {
  bool graph = argc > 1 && std::strcmp(argv[1], "graph") == 0;
  ag::Tensor v = {1.0, -2.0, 3.0, 4.0};
  std::printf("%.17g\n", graph ? ag::function(&clamped)(v, -1.0, 3.5)
                               : clamped(v, -1.0, 3.5));
  for (int n : {-15, 0, 47, 99, 250}) {
    ag::Tensor t(n);
    std::printf("%d ", graph ? ag::function(&bucket)(t) : bucket(t));
  }
  std::printf("\n");
  for (double d : {-0.0, std::nan(""), 0.5, 2.0}) {
    ag::Tensor t(d);
    std::printf("%g ", graph ? ag::function(&one)(t) : one(t));
  }
  std::printf("\n");
}
// CHECK: 6.5
// CHECK-NEXT: 0 0 4 9 9
// CHECK-NEXT: -0 nan 0.5 1
