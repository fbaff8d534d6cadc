// A std::pair/std::tuple of numbers a converted function returns holds
// tensors in its twin: kept whole in a host object of its explicit type (a
// declared local, an argument), the twin would not compile. Its parts can
// be read instead, or the whole kept in an `auto` local
// (number-tuple-whole-e2e.cpp); the error says how.
// RUN: not ag-convert %s -- -std=c++17 -I%ag_include 2>&1 | FileCheck %s

#include <ag/ag.h>
#include <utility>

AG_CONVERT std::pair<double, int> stats(ag::Tensor v) {
  return {ag::sum(v).item<double>(), 3};
}

AG_CONVERT double whole(ag::Tensor v) {
  std::pair<double, int> p = stats(v);
  // CHECK: diag-number-tuple.cpp:[[@LINE-1]]:30: error: this staged number (of type 'std::pair<double, int>') cannot be held whole in a host object: {{.*}}bind its parts (`auto [a, b] = ...`)
  return p.first;
}

// Fine: the parts.
AG_CONVERT double parts(ag::Tensor v) {
  auto [mean, n] = stats(v);
  auto q = stats(v);
  return mean * n + stats(v).first + std::get<1>(stats(v)) + q.second;
}
// CHECK-NOT: error:
// CHECK: 1 error generated.
