// Early return under staged control flow needs a result the graph can merge
// path by path: an ag::Tensor, a number (test/Convert/number-result-e2e.cpp),
// or a std::pair/std::tuple/aggregate struct of them, one return slot per
// tensor (test/Convert/staged-return-composite-e2e.cpp). A struct's number
// member, or a vector inside a pair, is none of these.
// RUN: not ag-convert %s -- -std=c++17 -I%ag_include 2>&1 | FileCheck %s --strict-whitespace --match-full-lines

#include <ag/ag.h>
#include <utility>
#include <vector>

struct Counted {
  ag::Tensor value;
  int count;
};

AG_CONVERT
Counted f(ag::Tensor x) {
  if (x > 0)
    return {x, 1};
  return {x, 0};
}

AG_CONVERT
std::pair<ag::Tensor, std::vector<ag::Tensor>> g(ag::Tensor x) {
  while (x > 0) {
    if (x > 5)
      return {x, {x}};
    x -= 1;
  }
  return {x, {}};
}

// CHECK:{{.*}}diag-nontensor-return.cpp:20:5: error: 'return' inside staged control flow needs the function to return void, ag::Tensor, a number, or a std::pair, std::tuple or aggregate struct of tensors (a pair or tuple may hold numbers), not 'Counted'
// CHECK-NEXT:   20 |     return {x, 1};
// CHECK-NEXT:      |     ^~~~~~~~~~~~~
// CHECK:{{.*}}diag-nontensor-return.cpp:28:7: error: 'return' inside staged control flow needs the function to return void, ag::Tensor, a number, or a std::pair, std::tuple or aggregate struct of tensors (a pair or tuple may hold numbers), not 'std::pair<ag::Tensor, std::vector<ag::Tensor>>'
// CHECK-NEXT:   28 |       return {x, {x}};
// CHECK-NEXT:      |       ^~~~~~~~~~~~~~~
// CHECK-NEXT:2 errors generated.
