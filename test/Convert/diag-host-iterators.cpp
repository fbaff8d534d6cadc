// Writing a host std::vector through an iterator under staged control flow
// is a modification (it would happen once, while tracing); reading through
// one is not (test/Convert/host-vector-iterators-e2e.cpp).
// RUN: not ag-convert %s -- -std=c++17 -I%ag_include 2>&1 | FileCheck %s

#include <ag/ag.h>
#include <algorithm>
#include <vector>

AG_CONVERT ag::Tensor fill(ag::Tensor x, std::vector<int> hv) {
  while (x > 0) {
    std::fill(hv.begin(), hv.end(), 0);
    x -= 1;
  }
  return x;
}
// CHECK: diag-host-iterators.cpp:[[@LINE-5]]:15: error: host variable 'hv' of type 'std::vector<int>' is modified under staged control flow

AG_CONVERT ag::Tensor store(ag::Tensor x, std::vector<int> hv) {
  if (x > 0)
    *(hv.end() - 1) += 2;
  return x;
}
// CHECK: diag-host-iterators.cpp:[[@LINE-3]]:7: error: host variable 'hv'

AG_CONVERT ag::Tensor kept(ag::Tensor x, std::vector<int> hv) {
  if (x > 0) {
    auto it = hv.begin();
    x += *it;
  }
  return x;
}
// CHECK: diag-host-iterators.cpp:[[@LINE-5]]:15: error: host variable 'hv'

AG_CONVERT ag::Tensor sorted(ag::Tensor x, std::vector<int> hv) {
  if (x > 0)
    std::sort(hv.begin(), hv.end());
  return x;
}
// CHECK: diag-host-iterators.cpp:[[@LINE-3]]:15: error: host variable 'hv'
