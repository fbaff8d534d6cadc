// A declaration of several variables some of which are staged (node
// results, numbers read from tensors or assigned under staged control flow,
// fan-out vectors) is written as one declaration per variable in the twin.
// It was "cannot be declared together with other variables" (found by pipe,
// /work/probe/found/pipe-multidecl-node-results.cpp). Eager == graph.
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
#include <vector>

AG_NODE double score(const std::vector<double> &xs, double w) {
  double s = 0;
  for (double x : xs)
    s += x * w;
  return s;
}

AG_CONVERT double pick(std::vector<double> xs) {
  double sa = score(xs, 1.0), sb = score(xs, 3.0), floor = 2;
  double best = sa;
  if (sb > sa)
    best = sb;
  return best + floor;
}
// TWIN-LABEL: ag_twin_pick(
// TWIN: ::ag::Tensor sa = ::ag::detail::node_(
// TWIN: ::ag::Tensor sb = ::ag::detail::node_(
// TWIN: double floor = 2;

AG_CONVERT int split(ag::Tensor x) {
  int steps = 0;
  while (x > 1) {
    x = x - 3;
    steps -= 1;
  }
  int q = steps / 2, r = steps % 2, unused = 7;
  return q * 10 + r + unused;
}
// TWIN-LABEL: ag_twin_split(
// TWIN: ::ag::Tensor q = {{.*}}steps / 2
// TWIN: ::ag::Tensor r = {{.*}}steps % 2
// TWIN: int unused = 7;

int main(int argc, char **argv) {
  bool graph = argc > 1 && !std::strcmp(argv[1], "graph");
  std::vector<double> xs = {1, 2, 3};
  std::cout << (graph ? ag::function(&pick)(xs) : pick(xs)) << "\n";
  for (double v : {0.0, 10.0})
    std::cout << (graph ? ag::function(&split)(v) : split(v)) << "\n";
}
// CHECK: 20
// CHECK-NEXT: 7
// CHECK-NEXT: -4
