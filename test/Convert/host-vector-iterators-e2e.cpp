// Reading a non-const host std::vector through its iterators inside a
// staged loop or if (`hv.begin()`, `hv.end()` picked as the non-const
// overloads) is a read: compared, dereferenced for reading, offset, or
// passed to a non-mutating standard algorithm. It was "host variable 'hv'
// ... is modified under staged control flow". Writes through an iterator
// stay errors (test/Convert/diag-host-iterators.cpp).
// REQUIRES: ag-runtime
// RUN: ag-convert %s -- -std=c++17 -I%ag_include > %t.cpp
// RUN: %cxx -std=c++17 -Wall -Wextra -Werror -I%ag_include %t.cpp -o %t.exe -L%ag_obj/lib -lag -Wl,-rpath,%ag_obj/lib
// RUN: %t.exe eager > %t.eager
// RUN: %t.exe graph > %t.graph
// RUN: diff %t.eager %t.graph
// RUN: FileCheck %s < %t.graph

#include <ag/ag.h>
#include <algorithm>
#include <cstring>
#include <iostream>
#include <numeric>
#include <vector>

AG_CONVERT ag::Tensor scan(ag::Tensor x, std::vector<int> hv) {
  ag::Tensor s = 0;
  while (x > 0) {
    s += (int)hv.size();
    if (std::find(hv.begin(), hv.end(), 3) != hv.end())
      s += 100;
    s += *hv.begin() + *(hv.end() - 1) + (hv.end() - hv.begin());
    s += std::accumulate(hv.begin(), hv.end(), 0);
    x -= 1;
  }
  return s;
}
AG_CONVERT ag::Tensor largest(ag::Tensor x, std::vector<double> w) {
  ag::Tensor r = x;
  if (x > 0)
    r = x * *std::max_element(w.begin(), w.end());
  else if (std::count(w.rbegin(), w.rend(), 0.0) > 0)
    r = x - 1;
  return r;
}

int main(int argc, char **argv) {
  bool g = argc > 1 && !std::strcmp(argv[1], "graph");
  std::vector<int> hv = {1, 3, 5};
  std::vector<double> w = {0.5, 2.5, 0.0};
  for (int n : {2, 0}) {
    ag::Tensor x = n;
    std::cout << (g ? ag::function(&scan)(x, hv) : scan(x, hv)) << " "
              << (g ? ag::function(&largest)(x, w) : largest(x, w)) << "\n";
  }
}
// CHECK: 242 5
// CHECK-NEXT: 0 -1
