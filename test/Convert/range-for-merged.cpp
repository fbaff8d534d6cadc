// A range-for over a tensor variable that a staged `if` (or loop) assigned
// before: the range-for's implicit `__range` reference is not a user
// reference to a merged variable (it used to be rejected as one).
// REQUIRES: ag-runtime
// RUN: ag-convert %s -- -std=c++17 -I%ag_include > %t.cpp
// RUN: %cxx -std=c++17 -Wall -Wextra -Werror -I%ag_include %t.cpp -o %t.exe -L%ag_obj/lib -lag -Wl,-rpath,%ag_obj/lib
// RUN: %t.exe | FileCheck %s
// Before: `reassignWhileIterating` printed 11211 eagerly (10236 as a graph).

#include <ag/ag.h>
#include <iostream>

AG_CONVERT
ag::Tensor sumAfterIf(ag::Tensor x, ag::Tensor v) {
  if (x > 0)
    v = v + 1;
  ag::Tensor s = 0;
  for (ag::Tensor e : v)
    s += e;
  return s;
}

AG_CONVERT
ag::Tensor sumAfterLoop(ag::Tensor n, ag::Tensor v) {
  ag::Tensor i = 0;
  while (i < n) {
    v = v * 2;
    i += 1;
  }
  ag::Tensor s = 0;
  for (const ag::Tensor &e : v)
    if (e > 4)
      s += e;
  return s;
}

// The body assigns the tensor iterated over: the loop visits the rows of
// its value when the loop started, eagerly (the iterator holds that value)
// and in the graph alike. Eagerly this used to read the new value.
AG_CONVERT
ag::Tensor reassignWhileIterating(ag::Tensor v) {
  ag::Tensor s = 0;
  for (ag::Tensor e : v) {
    v = v % 3 + 10;
    s = s * 100 + e;
  }
  for (ag::Tensor e : v) {
    v = v * 0;
    s = s + e;
  }
  return s;
}

int main() {
  ag::Tensor v = {1, 2, 3};
  // CHECK: 10236 10236
  std::cout << reassignWhileIterating(v) << " "
            << ag::function(&reassignWhileIterating)(v) << "\n";
  auto g1 = ag::function(&sumAfterIf);
  auto g2 = ag::function(&sumAfterLoop);
  for (int x : {-1, 1}) {
    // CHECK: 6 6
    // CHECK: 9 9
    std::cout << sumAfterIf(x, v) << " " << g1(ag::Tensor(x), v) << "\n";
  }
  for (int n : {0, 2}) {
    // CHECK: 0 0
    // CHECK: 20 20
    std::cout << sumAfterLoop(n, v) << " " << g2(ag::Tensor(n), v) << "\n";
  }
}
