// A staged number (a host counter of a loop staged by its condition or by a
// staged break) indexes an ag::Tensor, also through its element proxy
// (`m[i][j]`): the tensor's own operators take it as a tensor. This was
// rejected as "an operand of this overloaded operator ... AG_NODE".
// REQUIRES: ag-runtime
// RUN: ag-convert %s -- -std=c++17 -I%ag_include > %t.cpp
// RUN: %cxx -std=c++17 -Wall -Wextra -Werror -I%ag_include %t.cpp -o %t.exe -L%ag_obj/lib -lag -Wl,-rpath,%ag_obj/lib
// RUN: %t.exe eager > %t.eager
// RUN: %t.exe graph > %t.graph
// RUN: diff %t.eager %t.graph
// RUN: FileCheck %s < %t.graph

#include <ag/ag.h>
#include <cstdint>
#include <cstring>
#include <iostream>

AG_CONVERT ag::Tensor firstNegPrefix(ag::Tensor v) {
  ag::Tensor s = 0;
  for (int64_t i = 0; i < v.dim(0); ++i) {
    if (v[i] < 0)
      break;
    s += v[i];
  }
  return s;
}
// A long counter of a while staged by its condition indexes rows.
AG_CONVERT ag::Tensor rowSumsUntil(ag::Tensor m, ag::Tensor limit) {
  ag::Tensor total = 0.0;
  long r = 0;
  while (total < limit && r < 3) {
    total = total + ag::sum(m[r]);
    r += 1;
  }
  return total + r;
}
// A diagonal walk with two int64 counters and a staged break.
AG_CONVERT ag::Tensor diagUntilZero(ag::Tensor m) {
  ag::Tensor acc = 0.0;
  for (int64_t i = 0; i < 3; ++i) {
    int64_t j = i;
    if (m[i][j] == 0)
      break;
    acc = acc * 10 + m[i][j];
  }
  return acc;
}
int main(int argc, char **argv) {
  bool g = argc > 1 && !std::strcmp(argv[1], "graph");
  for (auto v : {ag::Tensor({1.5, 2.0, -1.0, 4.0}), ag::Tensor({-1.0, 3.0}),
                 ag::Tensor({2.0, 3.0})})
    std::cout << (g ? ag::function(&firstNegPrefix)(v) : firstNegPrefix(v))
              << "\n";
  ag::Tensor m = {{1.0, 2.0, 3.0}, {4.0, 5.0, 6.0}, {7.0, 8.0, 9.0}};
  ag::Tensor z = {{1.0, 2.0, 3.0}, {4.0, 0.0, 6.0}, {7.0, 8.0, 9.0}};
  for (double lim : {0.0, 5.0, 100.0})
    std::cout << (g ? ag::function(&rowSumsUntil)(m, lim) : rowSumsUntil(m, lim))
              << "\n";
  for (auto x : {m, z})
    std::cout << (g ? ag::function(&diagUntilZero)(x) : diagUntilZero(x)) << "\n";
}
// CHECK: 3.5
// CHECK-NEXT: 0
// CHECK-NEXT: 5
// CHECK-NEXT: 0
// CHECK-NEXT: 7
// CHECK-NEXT: 48
// CHECK-NEXT: 159
// CHECK-NEXT: 1
