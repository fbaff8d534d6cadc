// A local struct, std::pair or std::tuple whose number part is given a
// value known only when the graph runs, or is modified under staged
// control flow (`struct Acc { double sum; int n; } a{}; while (...) {
// a.sum += x.item<double>(); a.n++; }`, `std::get<1>(p) += v`, a struct
// mixing a tensor and a number): the twin declares it with every part an
// ag::Tensor (numbers converted to their part's type), reads and writes
// its parts as staged numbers and merges them part by part. Before, each
// was "cannot be assigned to this target" or "cannot be modified".
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

AG_CONVERT double mean(ag::Tensor x, int k) {
  struct Acc {
    double sum;
    int n;
  } a{};
  int i = 0;
  while (i < k) {
    a.sum += x[i].item<double>();
    a.n++;
    if (x[i] > 2.0)
      break;
    ++i;
  }
  return a.n ? a.sum / a.n : 0.0;
}

AG_CONVERT double pairs(ag::Tensor x) {
  std::pair<ag::Tensor, double> p{x, 0.5};
  std::tuple<int, unsigned, float> t{0, 0u, 1.0f};
  for (ag::Tensor v : x)
    if (v > 1.0) {
      std::get<1>(p) += v.item<double>();
      std::get<0>(t) = std::get<0>(t) + 2.9; // stored as an int
      std::get<1>(t) -= 1;                  // wraps
      std::get<2>(t) *= 0.1;
    }
  std::printf("%d %u %.9g\n", std::get<0>(t), std::get<1>(t),
              static_cast<double>(std::get<2>(t)));
  return std::get<1>(p) + ag::sum(p.first).item<double>();
}

struct State {
  ag::Tensor w;
  double loss;
  long steps;
};

AG_CONVERT ag::Tensor train(ag::Tensor x) {
  State s{x, 0.0, 0};
  while (ag::sum(s.w) > 1.0) {
    s.w = s.w * 0.5;
    s.loss = ag::sum(s.w).item<double>();
    s.steps += 1;
  }
  std::printf("loss %.17g steps %ld\n", s.loss, s.steps);
  return s.w * static_cast<double>(s.steps) + s.loss;
}

int main(int argc, char **argv) {
  bool graph = argc > 1 && !std::strcmp(argv[1], "graph");
  ag::Tensor x = {1.0, 2.0, 3.0, 4.0};
  for (int k : {0, 2, 4})
    std::printf("mean %.17g\n", graph ? ag::function(&mean)(x, k) : mean(x, k));
  std::printf("pairs %.17g\n", graph ? ag::function(&pairs)(x) : pairs(x));
  ag::Tensor r = graph ? ag::function(&train)(x) : train(x);
  std::printf("train %.17g\n", r[3].item<double>());
}

// CHECK: mean 0
// CHECK-NEXT: mean 1.5
// CHECK-NEXT: mean 2
// CHECK-NEXT: 6 4294967293 0.000999999931
// CHECK-NEXT: pairs 19.5
// CHECK-NEXT: loss 0.625 steps 4
// CHECK-NEXT: train 1.625
