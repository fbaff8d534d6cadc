// A std::pair/std::tuple holding staged numbers (a converted function's
// result kept in an `auto` local) or tensors, assigned whole or in part
// under a staged if or loop: the twin merges (carries) it part by part,
// each part like a tensor variable (`best.first`, `best.second`). It was
// rejected ("cannot be held whole in a host object", "assigned under
// staged control flow").
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

AG_CONVERT std::pair<ag::Tensor, double> fit(ag::Tensor x, double lr) {
  ag::Tensor w = x * 0.0;
  for (int i = 0; i < 5; ++i)
    w = w - lr * (w - x);
  return {w, ag::sum((w - x) * (w - x)).item<double>()};
}

// The probe: the best of several fits, kept whole under a staged if.
AG_CONVERT ag::Tensor pick(ag::Tensor x) {
  auto best = fit(x, 0.1);
  for (double lr : {0.3, 0.5, 0.9}) {
    auto cur = fit(x, lr);
    if (cur.second < best.second)
      best = cur;
  }
  return best.first;
}
// TWIN-LABEL: ag_twin_pick(
// TWIN: {{[{][{]}}"best.first", ::std::get<0>(best)},
// TWIN-NEXT: {"best.second", ::std::get<1>(best)}},

AG_CONVERT std::tuple<long, double> stats(ag::Tensor v) {
  return {ag::sum(v > 0).item<long>(), ag::mean(v).item<double>()};
}

// A tuple assigned in a staged loop and under a staged if.
AG_CONVERT double walk(ag::Tensor v) {
  auto s = stats(v);
  ag::Tensor k = 0;
  while (std::get<1>(s) < 10 && k < 6) {
    v = v * 2 + 1;
    s = stats(v);
    if (std::get<0>(s) > 2)
      s = stats(v + 0.5);
    k += 1;
  }
  return std::get<0>(s) * 1000 + std::get<1>(s);
}

// A pair of tensors: a part, and the whole, assigned under staged ifs.
AG_CONVERT ag::Tensor range(ag::Tensor v) {
  std::pair<ag::Tensor, ag::Tensor> r{v[0], v[0]};
  for (ag::Tensor e : v) {
    if (e < r.first)
      r.first = e;
    if (e > r.second)
      r = {r.first, e};
  }
  return r.second - r.first;
}

int main(int argc, char **argv) {
  bool graph = argc > 1 && !std::strcmp(argv[1], "graph");
  ag::Tensor inputs[] = {ag::Tensor{1.0, -2.0, 0.5}, ag::Tensor{3.0},
                         ag::Tensor{-1.0, -4.0, 2.5, 8.0},
                         ag::Tensor{0.0, 0.0}};
  for (const ag::Tensor &x : inputs) {
    ag::Tensor p = graph ? ag::function(&pick)(x) : pick(x);
    double w = graph ? ag::function(&walk)(x) : walk(x);
    ag::Tensor r = graph ? ag::function(&range)(x) : range(x);
    std::printf("%s %.17g %s\n", ag::toString(p).c_str(), w,
                ag::toString(r).c_str());
  }
}

// CHECK: [0.99999, -1.99998, 0.499995] 2012.3333333333333 3
// CHECK-NEXT: [2.99997] 1015 0
// CHECK-NEXT: [-0.99999, -3.99996, 2.499975, 7.99992] 2018 12
// CHECK-NEXT: [0, 0] 2015 0
