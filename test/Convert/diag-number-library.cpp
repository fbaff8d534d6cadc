// A staged number passed to a standard library function other than
// std::max/std::min/std::abs/std::clamp (staged-number-math-e2e.cpp) and
// the <cmath> functions ag has (staged-number-cmath-e2e.cpp): the advice
// names ag's function of that name when there is one (std::isnan), never
// "mark it AG_NODE" (a library function cannot be marked).
// RUN: not ag-convert %s -- -std=c++17 -I%ag_include 2>&1 | FileCheck %s

#include <ag/ag.h>
#include <cmath>

AG_CONVERT double f(ag::Tensor v) {
  double s = 0;
  for (ag::Tensor x : v) {
    double d = x.item<double>();
    s += std::isnan(d) + std::fmax(d, 1.0);
  }
  return s;
}

// CHECK: diag-number-library.cpp:15:21: error: this staged number (of type 'double') cannot be passed to library function 'isnan': it exists only when the graph runs, not while tracing; the function runs while tracing, before any node has run; use ag::isnan on an ag::Tensor (a staged number is one: ag::Tensor(n)), or an AG_NODE function of your own
// CHECK: diag-number-library.cpp:15:36: error: this staged number (of type 'double') cannot be passed to library function 'fmax': {{.*}}; use an AG_NODE function of your own
// CHECK-NOT: error:
