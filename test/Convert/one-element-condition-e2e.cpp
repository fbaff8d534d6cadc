// A staged if/while condition holding exactly one element ([1], [1, 1]) is
// that element, as it is eagerly (Tensor::operator bool): it used to be a
// trace-time error ("must be a scalar") while the eager call ran. A
// condition of more elements fails in both modes.
// REQUIRES: ag-runtime
// RUN: ag-convert %s -- -std=c++17 -I%ag_include > %t.cpp
// RUN: %cxx -std=c++17 -Wall -Wextra -Werror -I%ag_include %t.cpp -o %t.exe -L%ag_obj/lib -lag -Wl,-rpath,%ag_obj/lib
// RUN: %t.exe eager > %t.eager
// RUN: %t.exe graph > %t.graph
// RUN: diff %t.eager %t.graph
// RUN: FileCheck %s < %t.graph
// RUN: not %t.exe graph-ambiguous 2>&1 | FileCheck %s --check-prefix=AMBIGUOUS

#include <ag/ag.h>
#include <cstring>
#include <iostream>

AG_CONVERT ag::Tensor safeDivide(ag::Tensor n, ag::Tensor d) {
  ag::Tensor r = ag::zeros_like(n);
  if (d != 0)
    r = n / d;
  return r;
}

AG_CONVERT ag::Tensor halve(ag::Tensor x) {
  ag::Tensor steps = 0;
  while (ag::reshape(x, {1, 1}) > 1) {
    x = x / 2;
    steps = steps + 1;
  }
  return steps;
}

AG_CONVERT ag::Tensor ambiguous(ag::Tensor x) {
  if (x > 0)
    x = x + 1;
  return x;
}

int main(int argc, char **argv) {
  bool graph = argc > 1 && !std::strncmp(argv[1], "graph", 5);
  if (argc > 1 && !std::strcmp(argv[1], "graph-ambiguous")) {
    try {
      std::cout << ag::function(&ambiguous)(ag::Tensor({1.0, 2.0})) << "\n";
    } catch (const ag::Error &e) {
      std::cerr << e.what() << "\n";
      return 1;
    }
    return 0;
  }
  for (double d : {0.0, 4.0}) {
    ag::Tensor n = ag::Tensor({7.0}), dd = ag::Tensor({d});
    std::cout << (graph ? ag::function(&safeDivide)(n, dd) : safeDivide(n, dd))
              << "\n";
  }
  for (double x : {0.5, 9.0})
    std::cout << (graph ? ag::function(&halve)(x) : halve(x)) << "\n";
}
// CHECK: [0]
// CHECK-NEXT: [1.75]
// CHECK-NEXT: 0
// CHECK-NEXT: 4
// AMBIGUOUS: one-element-condition-e2e.cpp:35:3: error: the condition of an if must be a scalar or hold exactly one element, got a tensor of shape [2]; reduce it to a scalar first
