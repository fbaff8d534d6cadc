// A std::pair/std::tuple of numbers a converted function returns holds
// tensors in its twin: kept whole in a host object of its type (a declared
// local, `auto`, an argument), the twin would not compile. Its parts can be
// read instead; the error says how.
// RUN: not ag-convert %s -- -std=c++17 -I%ag_include 2>&1 | FileCheck %s

#include <ag/ag.h>
#include <utility>

AG_CONVERT std::pair<double, int> stats(ag::Tensor v) {
  return {ag::sum(v).item<double>(), 3};
}

AG_CONVERT double whole(ag::Tensor v) {
  std::pair<double, int> p = stats(v);
  // CHECK: diag-number-tuple.cpp:[[@LINE-1]]:30: error: this staged number (of type 'std::pair<double, int>') cannot be held whole in a host object: {{.*}}bind its parts (`auto [a, b] = ...`)
  auto q = stats(v);
  // CHECK: diag-number-tuple.cpp:[[@LINE-1]]:12: error: this staged number
  return p.first + q.second;
}

// Fine: the parts.
AG_CONVERT double parts(ag::Tensor v) {
  auto [mean, n] = stats(v);
  return mean * n + stats(v).first + std::get<1>(stats(v));
}
// CHECK-NOT: error:
// CHECK: 2 errors generated.
