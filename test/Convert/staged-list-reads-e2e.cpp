// Reading a std::vector<ag::Tensor> appended to under staged control flow
// (a staged list): `.size()` and `.empty()` are staged numbers, a range-for
// iterates over its elements (stacked: ag.list_stack, then ag.for), and
// `l[i]` (host or staged i), `l.at(i)`, `l.front()` and `l.back()` read an
// element of the stacked elements. An empty list has size 0 and no rows.
// Before, each was "only push_back, emplace_back and ag::stack are
// supported on it".
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
#include <vector>

AG_CONVERT ag::Tensor collect(ag::Tensor x) {
  std::vector<ag::Tensor> kept;
  for (ag::Tensor v : x) {
    if (v > 0)
      kept.push_back(v * 2);
  }
  ag::Tensor total = 0.0;
  for (ag::Tensor k : kept)
    total = total + k;
  long n = kept.size();
  std::printf("n %ld\n", n);
  if (kept.empty())
    return total - 1000.0;
  return total + kept.back() * 100 + kept[0] * 10000 + kept.front() +
         kept.at(n - 1) * 1000000 + n;
}

// A staged index walking the list; the count compared with size().
AG_CONVERT ag::Tensor pairs(ag::Tensor x) {
  std::vector<ag::Tensor> rows;
  int i = 0;
  while (i < x.dim(0)) {
    if (x[i] != 0)
      rows.push_back(x[i]);
    ++i;
  }
  ag::Tensor acc = 0.0;
  size_t j = 0;
  while (j + 1 < rows.size()) {
    acc = acc + rows[j] * rows[j + 1];
    ++j;
  }
  const ag::Tensor &last = rows.back();
  return acc + last * 0.5 + static_cast<double>(rows.size()) * 1000;
}

int main(int argc, char **argv) {
  bool graph = argc > 1 && !std::strcmp(argv[1], "graph");
  for (auto x : {ag::Tensor{1.0, -2.0, 3.0}, ag::Tensor{-1.0, -2.0},
                 ag::Tensor{5.0}}) {
    ag::Tensor r = graph ? ag::function(&collect)(x) : collect(x);
    std::printf("%.17g\n", r.item<double>());
  }
  for (auto x : {ag::Tensor{1.0, 0.0, 2.0, 3.0}, ag::Tensor{0.0, 4.0}}) {
    ag::Tensor r = graph ? ag::function(&pairs)(x) : pairs(x);
    std::printf("%.17g\n", r.item<double>());
  }
}

// CHECK: n 2
// CHECK-NEXT: 6020612
// CHECK-NEXT: n 0
// CHECK-NEXT: -1000
// CHECK-NEXT: n 1
// CHECK-NEXT: 10101021
// CHECK-NEXT: 3009.5
// CHECK-NEXT: 1002
