// std::max and friends of tensors compare with a C++ bool inside the
// standard library; that used to fail only while tracing, with advice to
// annotate "the function containing this condition".
// RUN: not ag-convert %s -- -std=c++17 -I%ag_include 2>&1 | FileCheck %s --implicit-check-not=error:

#include <ag/ag.h>
#include <algorithm>

AG_CONVERT
ag::Tensor f(ag::Tensor x, ag::Tensor y) {
  ag::Tensor big = std::max(x, y);
  ag::Tensor small = std::min(x, y);
  ag::Tensor mid = std::clamp(x, small, big);
  // Not a comparison: fine.
  std::swap(x, y);
  return big + small + mid + x;
}
// CHECK: diag-std-algorithms.cpp:11:20: error: call to 'std::max', which compares ag::Tensors as a C++ bool inside the standard library: it runs as written while tracing and cannot stage that choice; use ag::max(a, b)
// CHECK: diag-std-algorithms.cpp:12:22: error: call to 'std::min', {{.*}}; use ag::min(a, b)
// CHECK: diag-std-algorithms.cpp:13:20: error: call to 'std::clamp', {{.*}}; use ag::clip(x, lo, hi)
