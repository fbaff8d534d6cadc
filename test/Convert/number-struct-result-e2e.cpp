// A converted function returning an aggregate struct of number fields
// (`struct Stats { double mean; int n; }`) built from staged numbers works
// through ag::function: the twin builds the struct in the graph from the
// fields (ag::detail::aggregate_, each converted to its field's type as the
// braced list converts it), a host value the call returns. It was rejected
// ("cannot be used to build this object ... holds tensors only").
// Covers `return {a, b};`, `return Stats{a, b};`, a local built from staged
// numbers, a lowered `return` inside staged loops (with a host `return {}`
// after them), and a converted caller reading the fields and choosing
// between two such structs under a staged if.
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

struct Stats {
  double mean;
  int n;
};

struct Hit {
  long row;
  long col;
  float value;
  bool exact;
};

AG_CONVERT Stats stats(ag::Tensor v) {
  double sum = ag::sum(v).item<double>();
  int above = 0;
  for (ag::Tensor e : v)
    if (e > 0)
      ++above;
  return {sum / v.dim(0), above};
}
// TWIN-LABEL: ::ag::Lazy<::Stats> ag_twin_stats(ag::Tensor v) {
// TWIN: ::ag::detail::aggregate_<::Stats, double, int>(

AG_CONVERT Stats scaled(ag::Tensor v, double k) {
  Stats s = {ag::max(v).item<double>() * k, int(ag::sum(v > 1).item<long>())};
  if (s.mean > 10)
    return Stats{s.mean / 2, s.n + 1};
  return s;
}

// An early return from nested staged loops, a host result after them.
AG_CONVERT Hit firstAbove(ag::Tensor grid, ag::Tensor threshold) {
  long rows = grid.dim(0), cols = grid.dim(1);
  for (long r = 0; r < rows; ++r)
    for (long c = 0; c < cols; ++c)
      if (grid[r][c] > threshold)
        return {r, c, grid[r][c].item<float>(),
                grid[r][c].item<double>() == threshold.item<double>() + 0.5};
  return {-1, -1, 0.0f, false};
}

// A converted caller: fields read as staged numbers, the better of two
// structs kept by a staged if.
AG_CONVERT double better(ag::Tensor a, ag::Tensor b) {
  Stats best = stats(a);
  Stats other = stats(b);
  if (other.mean > best.mean)
    best = other;
  return best.mean * 100 + best.n;
}

int main(int argc, char **argv) {
  bool graph = argc > 1 && !std::strcmp(argv[1], "graph");
  ag::Tensor inputs[] = {ag::Tensor{1.0, -2.0, 3.5}, ag::Tensor{-1.0, -4.0},
                         ag::Tensor{7.0, 9.5, 12.0, -0.25},
                         ag::Tensor{0.0}};
  for (const ag::Tensor &v : inputs) {
    Stats s = graph ? ag::function(&stats)(v) : stats(v);
    Stats t = graph ? ag::function(&scaled)(v, 1.5) : scaled(v, 1.5);
    std::printf("%.17g %d | %.17g %d\n", s.mean, s.n, t.mean, t.n);
    for (const ag::Tensor &w : inputs) {
      double d = graph ? ag::function(&better)(v, w) : better(v, w);
      std::printf("%.17g ", d);
    }
    std::printf("\n");
  }
  ag::Tensor g = ag::reshape(ag::arange(12) * 1.5 - 4.0, {3, 4});
  for (double t : {-10.0, 0.0, 2.5, 3.2, 100.0}) {
    Hit h = graph ? ag::function(&firstAbove)(g, ag::Tensor(t))
                  : firstAbove(g, ag::Tensor(t));
    std::printf("%ld %ld %.9g %d\n", h.row, h.col, h.value, h.exact);
  }
}

// CHECK: 0.83333333333333337 2 | 5.25 1
// CHECK-NEXT: 85.333333333333343 85.333333333333343 709.25 85.333333333333343
// CHECK-NEXT: -2.5 0 | -1.5 0
// CHECK-NEXT: 85.333333333333343 -250 709.25 0
// CHECK-NEXT: 7.0625 3 | 9 4
// CHECK-NEXT: 709.25 709.25 709.25 709.25
// CHECK-NEXT: 0 0 | 0 0
// CHECK-NEXT: 85.333333333333343 0 709.25 0
// CHECK-NEXT: 0 0 -4 0
// CHECK-NEXT: 0 3 0.5 1
// CHECK-NEXT: 1 1 3.5 0
// CHECK-NEXT: 1 1 3.5 0
// CHECK-NEXT: -1 -1 0 0
