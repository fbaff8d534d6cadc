// A plain (not AG_CONVERT) helper runs as written while the graph is
// traced: a mutable static or global it uses is read and written once,
// then, and never again at evaluation. Before this check, `next_id()` in
// the staged loop below returned 1 at every iteration of every evaluation
// (the graph summed a constant) where the eager code counts calls. Const
// and constexpr state, and std::cout, stay fine.
// RUN: not ag-convert %s -- -std=c++17 -I%ag_include 2>&1 | FileCheck %s --strict-whitespace --match-full-lines

#include <ag/ag.h>
#include <iostream>

int next_id() {
  static int n = 0;
  return ++n;
}
double gain = 2.0;
double scaled(double v) { return v * gain; }
constexpr double kHalf = 0.5;
const int kLimit = 3;
double half(double v) { return v * kHalf + kLimit; }

AG_CONVERT
ag::Tensor ids(ag::Tensor x) {
  ag::Tensor s = half(1.0);
  while (x > 0) {
    s = s + next_id();
    x -= 1;
  }
  return s * scaled(1.0);
}

// CHECK:{{.*}}diag-helper-state.cpp:26:13: error: call to 'next_id', which uses mutable static 'n' but is not AG_CONVERT: it runs once, while tracing, so the graph would keep what it did then at every evaluation; pass the state as a parameter (an ag::Tensor), or make 'n' const
// CHECK-NEXT:   26 |     s = s + next_id();
// CHECK-NEXT:      |             ^~~~~~~~~
// CHECK-NEXT:{{.*}}diag-helper-state.cpp:14:12: note: 'next_id' uses 'n' here
// CHECK-NEXT:   14 |   return ++n;
// CHECK-NEXT:      |            ^
// CHECK-NEXT:{{.*}}diag-helper-state.cpp:29:14: error: call to 'scaled', which uses mutable global 'gain' but is not AG_CONVERT: it runs once, while tracing, so the graph would keep what it did then at every evaluation; pass the state as a parameter (an ag::Tensor), or make 'gain' const
// CHECK-NEXT:   29 |   return s * scaled(1.0);
// CHECK-NEXT:      |              ^~~~~~~~~~~
// CHECK-NEXT:{{.*}}diag-helper-state.cpp:17:38: note: 'scaled' uses 'gain' here
// CHECK-NEXT:   17 | double scaled(double v) { return v * gain; }
// CHECK-NEXT:      |                                      ^~~~
// CHECK-NEXT:2 errors generated.
