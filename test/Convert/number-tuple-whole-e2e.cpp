// A pair or tuple with numbers returned by a converted function, kept whole
// in an `auto` local and read part by part (`p.first`, `p.second`,
// `std::get<1>(t)`, a copy): in the twin the local has the twin's type
// (numbers as ag::Tensor), so its number parts are staged numbers. Only a
// host object of the explicit type cannot hold it (diag-number-tuple.cpp).
// `auto p = norm(v);` worked for a pair mixing a tensor and a number and
// was rejected ("cannot be held whole in a host object") after staged
// number parts were introduced.
// REQUIRES: ag-runtime
// RUN: ag-convert %s -- -std=c++17 -I%ag_include > %t.cpp
// RUN: %cxx -std=c++17 -Wall -Wextra -Werror -I%ag_include %t.cpp -o %t.exe -L%ag_obj/lib -lag -Wl,-rpath,%ag_obj/lib
// RUN: %t.exe eager > %t.eager
// RUN: %t.exe graph > %t.graph
// RUN: diff %t.eager %t.graph
// RUN: FileCheck %s < %t.graph

#include <ag/ag.h>
#include <cstring>
#include <iostream>
#include <tuple>
#include <utility>

AG_CONVERT std::pair<ag::Tensor, double> normalized(ag::Tensor v) {
  ag::Tensor s = ag::sqrt(ag::sum(v * v));
  return {v / s, s.item<double>()};
}

AG_CONVERT std::tuple<double, int> stats(ag::Tensor v) {
  double mean = ag::mean(v).item<double>();
  int above = 0;
  for (long i = 0; i < v.shape()[0]; ++i)
    if (v[i] > mean)
      ++above;
  return {mean, above};
}

AG_CONVERT ag::Tensor use(ag::Tensor v) {
  auto p = normalized(v);
  ag::Tensor unit = p.first;
  double length = p.second;
  auto t = stats(v);
  const auto copy = t;
  double scale = length > 4.0 ? std::get<0>(copy) : 1.0;
  return unit * scale + std::get<1>(t);
}

int main(int argc, char **argv) {
  bool graph = argc > 1 && !std::strcmp(argv[1], "graph");
  for (ag::Tensor v : {ag::Tensor{3.0, 4.0}, ag::Tensor{1.0, 1.0},
                       ag::Tensor{-2.0, 0.5, 7.0}}) {
    ag::Tensor r = graph ? ag::function(&use)(v) : use(v);
    std::cout << r << "\n";
  }
}

// CHECK: [3.1, 3.8000000000000003]
// CHECK-NEXT: [0.7071067811865475, 0.7071067811865475]
// CHECK-NEXT: [0.49752827945981015, 1.1256179301350475, 2.758651021890665]
