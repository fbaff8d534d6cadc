// Tensors built from the host values outsiders write: a nested braced list
// (a matrix) and a std::size_t count. Clang, which ag-convert parses with,
// found the three nested initializer-list constructors ambiguous, so a file
// holding `{{1.0, 2.0}, {3.0, 4.0}}` did not convert at all; `s += v.size()`
// was an ambiguous conversion with every compiler.
// REQUIRES: ag-runtime
// RUN: ag-convert %s -- -std=c++17 -I%ag_include > %t.cpp
// RUN: %cxx -std=c++17 -Wall -Wextra -Werror -I%ag_include %t.cpp -o %t.exe -L%ag_obj/lib -lag -Wl,-rpath,%ag_obj/lib
// RUN: %t.exe | FileCheck %s

#include <ag/ag.h>
#include <iostream>
#include <vector>

AG_CONVERT ag::Tensor rowSumsExcept(ag::Tensor k) {
  ag::Tensor m = {{1.0, 2.0}, {3.0, 4.0}, {5.5, 6.5}};
  ag::Tensor s = 0.0;
  for (ag::Tensor i = 0; i < 3; ++i)
    if (i != k)
      s = s + ag::sum(m[i]);
  return s;
}

AG_CONVERT ag::Tensor countUp(ag::Tensor limit) {
  std::vector<int> v = {1, 2, 3};
  ag::Tensor s = 0;
  s += v.size();
  unsigned long long step = 7;
  while (s < limit)
    s = s + step;
  return s;
}

int main() {
  for (int k = 0; k < 3; ++k) {
    ag::Tensor eager = rowSumsExcept(k);
    ag::Tensor graph = ag::function(&rowSumsExcept)(ag::Tensor(k));
    std::cout << eager << " " << (eager.identical(graph) ? "same" : "DIFF")
              << "\n";
  }
  // CHECK: 19 same
  // CHECK-NEXT: 15 same
  // CHECK-NEXT: 10 same
  for (int limit : {0, 40}) {
    ag::Tensor eager = countUp(limit);
    ag::Tensor graph = ag::function(&countUp)(ag::Tensor(limit));
    std::cout << eager << " " << ag::dtypeName(graph.dtype()) << " "
              << (eager.identical(graph) ? "same" : "DIFF") << "\n";
  }
  // CHECK-NEXT: 3 int64 same
  // CHECK-NEXT: 45 int64 same
  ag::Tensor ints = {{1, 2}, {3, 4}}, floats = {{1.0f, 2.5f}};
  ag::Tensor flags = {{true, false}};
  std::cout << ag::dtypeName(ints.dtype()) << ag::shapeToString(ints.shape())
            << " " << ag::dtypeName(floats.dtype()) << " "
            << ag::dtypeName(flags.dtype()) << "\n";
  // CHECK-NEXT: int64[2, 2] float32 bool
  try {
    ag::Tensor ragged = {{1, 2}, {3}};
    std::cout << ragged << "\n";
  } catch (const ag::Error &e) {
    std::cout << e.what() << "\n";
  }
  // CHECK-NEXT: ragged nested initializer list: rows of 2 and 1 elements
}
