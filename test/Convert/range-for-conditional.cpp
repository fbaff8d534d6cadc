// A range-for over a staged `?:` (or one nested in a loop, or over rows
// chosen by one): the range-for's implicit `auto &&__range` binds the `?:`,
// which is not a user reference to a staged value: the staged loop iterates
// over its value. It used to be rejected ("cannot initialize 'ag::Tensor
// &'", agsmith seed 101064). A `?:` of host containers stays an error.
// REQUIRES: ag-runtime
// RUN: ag-convert %s -- -std=c++17 -I%ag_include > %t.cpp
// RUN: %cxx -std=c++17 -Wall -Wextra -Werror -I%ag_include %t.cpp -o %t.exe -L%ag_obj/lib -lag -Wl,-rpath,%ag_obj/lib
// RUN: %t.exe | FileCheck %s
// RUN: not ag-convert %s -- -std=c++17 -I%ag_include -DHOST_CONTAINERS 2>&1 | FileCheck %s --check-prefix=ERR

#include <ag/ag.h>
#include <iostream>
#include <vector>

#ifdef HOST_CONTAINERS
AG_CONVERT
ag::Tensor hostContainers(ag::Tensor c) {
  std::vector<int> u{1, 2}, w{3};
  ag::Tensor s = 0;
  // ERR: range-for-conditional.cpp:[[@LINE+1]]:16: error: this '?:' has a staged condition
  for (int k : c > 0 ? u : w)
    s = s + k;
  return s;
}
#endif

AG_CONVERT
ag::Tensor sumChosen(ag::Tensor c, ag::Tensor a, ag::Tensor b) {
  ag::Tensor s = 0.0;
  for (ag::Tensor e : c > 0 ? a : b)
    s = s + e;
  return s;
}

// const reference and auto loop variables, a parenthesized nested ?:, in a
// staged loop that reassigns one of the operands.
AG_CONVERT
ag::Tensor nestedChoice(ag::Tensor c, ag::Tensor a, ag::Tensor b) {
  ag::Tensor s = 0.0, i = 0;
  while (i < 3) {
    for (const ag::Tensor &e : (c > i ? a : (c < 0 ? b : a + b)))
      s = s * 2 + e;
    for (auto e : i > 0 ? b : a) {
      if (e > 15)
        break;
      s += e;
    }
    a = a + 1;
    i += 1;
  }
  return s;
}

// Rows of a 2-D tensor chosen by a staged condition; a return inside.
AG_CONVERT
ag::Tensor firstRowAbove(ag::Tensor c, ag::Tensor m, ag::Tensor x) {
  for (ag::Tensor e : c > 0 ? m[0] : m[1])
    if (e > x)
      return e;
  return x;
}

int main() {
  auto a = ag::Tensor::fromVector<double>({1, 2, 3}, {3});
  auto b = ag::Tensor::fromVector<double>({10, 20, 30}, {3});
  auto m = ag::Tensor::fromVector<double>({1, 5, 9, 2, 4, 8}, {2, 3});
  auto g1 = ag::function(&sumChosen);
  auto g2 = ag::function(&nestedChoice);
  auto g3 = ag::function(&firstRowAbove);
  // CHECK: 60 60
  // CHECK-NEXT: 6 6
  for (int c : {-1, 1})
    std::cout << sumChosen(c, a, b) << " " << g1(ag::Tensor(c), a, b) << "\n";
  // CHECK-NEXT: 8504 8504
  // CHECK-NEXT: 9377 9377
  // CHECK-NEXT: 1457 1457
  for (int c : {-1, 0, 2})
    std::cout << nestedChoice(c, a, b) << " " << g2(ag::Tensor(c), a, b)
              << "\n";
  // CHECK-NEXT: 5 5
  // CHECK-NEXT: 4 4
  // CHECK-NEXT: 10 10
  for (auto [c, x] : {std::pair{1, 3.0}, {-1, 3.0}, {1, 10.0}})
    std::cout << firstRowAbove(c, m, x) << " "
              << g3(ag::Tensor(c), m, ag::Tensor(x)) << "\n";
}
