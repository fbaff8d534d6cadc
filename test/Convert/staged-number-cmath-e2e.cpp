// The <cmath> functions ag has, of staged numbers and node results: each is
// ag's op of the same name on the arguments converted to the call's result
// type (std::sqrt of an int computes in double, std::pow(float, float) in
// float), so graph and eager values are bit-identical. Functions ag does
// not have stay an error (diag-number-library.cpp).
// REQUIRES: ag-runtime
// RUN: ag-convert %s -- -std=c++17 -I%ag_include > %t.cpp
// RUN: FileCheck --check-prefix=TWIN %s < %t.cpp
// RUN: %cxx -std=c++17 -Wall -Wextra -Werror -I%ag_include %t.cpp -o %t.exe -L%ag_obj/lib -lag -Wl,-rpath,%ag_obj/lib
// RUN: %t.exe eager > %t.eager
// RUN: %t.exe graph > %t.graph
// RUN: diff %t.eager %t.graph
// RUN: FileCheck %s < %t.graph

#include <ag/ag.h>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <math.h>

// Square roots until below 1, as a staged loop over a staged double.
AG_CONVERT long roots(ag::Tensor x) {
  long acc = 0;
  double d = x.item<double>();
  while (d > 1.0) {
    d = std::sqrt(d);
    acc += (long)std::floor(d * 100);
  }
  return acc;
}

// Every function, in a host loop over staged doubles; C's ::cos too.
AG_CONVERT double physics(ag::Tensor t0, int n) {
  double t = t0.item<double>();
  double e = 0;
  for (int i = 0; i < n; ++i) {
    e += std::exp(-t) * std::sin(t) + std::pow(t, 2) - std::log(1.0 + t) +
         ::cos(t) * std::tanh(t);
    t = t * 1.1 + std::ceil(t / 3) - std::round(t / 7);
  }
  return e;
}

// float overloads, and int arguments computed in double.
AG_CONVERT float floats(ag::Tensor x) {
  float f = x.item<float>();
  int k = x.item<int>();
  if (x > 2.0f)
    f = std::sqrt(f) + std::pow(f, 1.5f) + (float)std::sqrt(k);
  else
    f = std::sqrt(f + 3) + (float)std::pow(k, 2) + std::exp(f);
  return f;
}

// A node result's number.
struct Fit {
  double loss;
};
AG_NODE Fit fit(double ridge) { return {ridge * ridge + 0.5}; }
AG_CONVERT double rootLoss(double ridge) {
  Fit f = fit(ridge);
  return std::sqrt(f.loss) + std::log(f.loss);
}

int main(int argc, char **argv) {
  bool graph = argc > 1 && !std::strcmp(argv[1], "graph");
#define RUN(f, ...) (graph ? ag::function(&f)(__VA_ARGS__) : f(__VA_ARGS__))
  for (double x : {0.5, 2.0, 123456.0, 7.77})
    std::printf("%g: %ld %.17g %.9g %.17g\n", x, RUN(roots, ag::Tensor(x)),
                RUN(physics, ag::Tensor(x), 5),
                RUN(floats, ag::Tensor((float)x)), RUN(rootLoss, x));
}

// TWIN: ::ag::detail::numberAs_<double>(::ag::floor(::ag::cast(
// CHECK:      0.5: 0 48.518163716054758 3.51954985 0.5783433313326577
// CHECK-NEXT: 2: 5275 180.69353326829139 13.625124 3.6253977403359166
// CHECK-NEXT: 123456: 42930 270510269817.83411 43378580 123479.44728221757
// CHECK-NEXT: 7.77: 5696 1183.8390234817821 27.0918808 11.910896773210197
