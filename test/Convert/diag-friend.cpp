// A friend function defined inside a class: its twin, emitted after it,
// would be a member of the class. Said as such, not as an "out-of-line
// definition".
// RUN: not ag-convert %s -- -std=c++17 -I%ag_include 2>&1 | FileCheck %s --strict-whitespace --match-full-lines

#include <ag/ag.h>

struct Weights {
  ag::Tensor w = 2.0;
  AG_CONVERT friend ag::Tensor apply(const Weights &m, ag::Tensor x) {
    if (x > m.w)
      return x;
    return m.w;
  }
};

// CHECK:{{.*}}diag-friend.cpp:10:32: error: AG_CONVERT on a friend function defined inside a class is not supported yet; define 'apply' at namespace scope (and declare it a friend in the class)
// CHECK-NEXT:   10 |   AG_CONVERT friend ag::Tensor apply(const Weights &m, ag::Tensor x) {
// CHECK-NEXT:      |                                ^
// CHECK-NEXT:1 error generated.
