// Comma expressions of staged numbers and tensors (`++i, ++j` in a for's
// increment, `i += 1, j -= 1` in a while body, `++k, --j` as an if's
// branch): each operand whose value the comma drops is a statement of its
// own. Two promoted counters in a for's increment were rejected as
// "cannot be used this way ... AG_NODE"; one counter worked.
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

AG_CONVERT ag::Tensor diagUntilZero(ag::Tensor m) {
  ag::Tensor acc = 0.0;
  for (int64_t i = 0, j = 0; i < 3; ++i, ++j) {
    if (m[i][j] == 0)
      break;
    acc = acc * 10 + m[i][j];
  }
  return acc;
}
AG_CONVERT ag::Tensor countDown(ag::Tensor n) {
  int i = 0, j = 10;
  while (i < n)
    i += 1, j -= 1;
  return i * 100 + j;
}
AG_CONVERT ag::Tensor threeWay(ag::Tensor n) {
  int j = 10, k = 0;
  for (int i = 0; i < 8; i++, j--, k += 2) {
    if (i * i > n)
      break;
    if (n > 3)
      ++k, --j;
    else
      k--, j++;
  }
  return j * 1000 + k;
}
AG_CONVERT ag::Tensor tensors(ag::Tensor n) {
  ag::Tensor i = 0, j = 0.5;
  for (; i < n; ++i, j *= 2) {
  }
  return i + j;
}
int main(int argc, char **argv) {
  bool g = argc > 1 && !std::strcmp(argv[1], "graph");
  ag::Tensor m = {{1.0, 2.0, 3.0}, {4.0, 5.0, 6.0}, {7.0, 8.0, 9.0}};
  ag::Tensor z = {{1.0, 2.0, 3.0}, {4.0, 0.0, 6.0}, {7.0, 8.0, 9.0}};
  for (auto x : {m, z})
    std::cout << (g ? ag::function(&diagUntilZero)(x) : diagUntilZero(x)) << "\n";
  for (int v : {2, 40}) {
    ag::Tensor n = v;
    std::cout << (g ? ag::function(&countDown)(n) : countDown(n)) << " "
              << (g ? ag::function(&threeWay)(n) : threeWay(n)) << " "
              << (g ? ag::function(&tensors)(n) : tensors(n)) << "\n";
  }
}
// CHECK: 159
// CHECK-NEXT: 1
// CHECK-NEXT: 208 10002 4
// CHECK-NEXT: 3970 -3979 549755813928
