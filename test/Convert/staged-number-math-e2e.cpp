// std::max, std::min and std::abs (also C's abs/labs/fabs) of staged numbers
// (locals promoted by a staged loop, `x.item<double>()`) compute in the
// graph with ag::max/ag::min/ag::abs, which follow the standard library
// (`a < b ? b : a`: NaN as first argument wins, and as second loses). They
// were refused as "passed to plain function 'max' ... mark it AG_NODE".
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
#include <cstdlib>
#include <cstring>
#include <limits>

AG_CONVERT int longestRun(ag::Tensor v) {
  int best = 0, k = 0;
  for (ag::Tensor x : v) {
    if (x > 0)
      k += 1;
    else
      k = 0;
    best = std::max(best, k);
  }
  return best;
}
// TWIN-LABEL: ag_twin_longestRun(ag::Tensor v) {
// TWIN: best = ::ag::detail::numberAs_<int>(::ag::max(::ag::Tensor(best), ::ag::Tensor(k)));

AG_CONVERT double nanAware(ag::Tensor v) {
  double lo = std::numeric_limits<double>::quiet_NaN();
  double hi = 0.0;
  for (ag::Tensor x : v) {
    double d = x.item<double>();
    lo = std::min(lo, d);
    hi = std::max(d, hi);
  }
  return lo + hi;
}
// Explicit template arguments convert; abs of an int stays an int.
AG_CONVERT double mixed(ag::Tensor v) {
  int i = 0;
  double acc = 0;
  for (ag::Tensor x : v) {
    acc += std::max<double>(i, x.item<double>()) * 2 - std::abs(i - 3);
    i += 1;
    if (acc > 100)
      break;
  }
  return acc + std::max(i, 2) + std::fabs(acc - 7) + labs(-5L);
}

int main(int argc, char **argv) {
  bool g = argc > 1 && !std::strcmp(argv[1], "graph");
  ag::Tensor v = {1.0, 2.0, std::nan(""), 3.0, -4.0, 5.0, 0.0};
  ag::Tensor w = {1.5, -2.0, 30.0, 3.0};
  for (auto x : {v, w})
    std::printf("%d %.17g %.17g\n", g ? ag::function(&longestRun)(x) : longestRun(x),
                g ? ag::function(&nanAware)(x) : nanAware(x),
                g ? ag::function(&mixed)(x) : mixed(x));
}
// CHECK: 2 nan 73
// CHECK-NEXT: 2 nan 132
