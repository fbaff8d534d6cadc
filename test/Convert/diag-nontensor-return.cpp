// Early return under staged control flow needs an ag::Tensor result, or a
// number (test/Convert/number-result-e2e.cpp); a pair is neither.
// RUN: not ag-convert %s -- -std=c++17 -I%ag_include 2>&1 | FileCheck %s --strict-whitespace --match-full-lines

#include <ag/ag.h>
#include <utility>

AG_CONVERT
std::pair<ag::Tensor, int> f(ag::Tensor x) {
  if (x > 0)
    return {x, 1};
  return {x, 0};
}

// CHECK:{{.*}}diag-nontensor-return.cpp:11:5: error: 'return' inside staged control flow needs the function to return ag::Tensor or void, not 'std::pair<ag::Tensor, int>'
// CHECK-NEXT:   11 |     return {x, 1};
// CHECK-NEXT:      |     ^~~~~~~~~~~~~
// CHECK-NEXT:1 error generated.
