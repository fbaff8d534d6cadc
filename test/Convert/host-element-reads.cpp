// Reading an element of a non-const host container or array inside staged
// control flow does not modify it (a non-const operator[] or at() only
// reaches the element): converted, and the graph equals the eager result.
// REQUIRES: ag-runtime
// RUN: ag-convert %s -- -std=c++17 -I%ag_include > %t.cpp
// RUN: %cxx -std=c++17 -Wall -Wextra -Werror -I%ag_include %t.cpp -o %t.exe -L%ag_obj/lib -lag -Wl,-rpath,%ag_obj/lib
// RUN: %t.exe | FileCheck %s

#include <ag/ag.h>
#include <iostream>
#include <vector>

struct Weights {
  int scale = 2;
};

AG_CONVERT
ag::Tensor weighted(ag::Tensor n) {
  std::vector<int> w = {3, 1, 4, 1, 5};
  int arr[3] = {1, 2, 3};
  Weights ws;
  ag::Tensor s = 0;
  for (ag::Tensor i = 0; i < n; i += 1) {
    s = s + w[2] + w.at(0) + w.front() + arr[1];
    if (s > 40)
      s = s - w.back() * ws.scale;
  }
  return s;
}

int main() {
  auto g = ag::function(&weighted);
  int bad = 0;
  for (long n = 0; n < 12; ++n)
    if (!weighted(ag::Tensor(n)).identical(g(ag::Tensor(n))))
      ++bad;
  std::cout << "mismatches: " << bad << "\n";
  // CHECK: mismatches: 0
}
