// A string chosen by a staged ?: whose condition is a staged number (a
// promoted bool or int) in a printf or std::cout print: printed per side,
// as with an ag::Tensor condition. It was "this staged number (of type
// 'const char *') cannot be passed to plain function 'printf'".
// REQUIRES: ag-runtime
// RUN: ag-convert %s -- -std=c++17 -I%ag_include > %t.cpp
// RUN: %cxx -std=c++17 -Wall -Wextra -Werror -I%ag_include %t.cpp -o %t.exe -L%ag_obj/lib -lag -Wl,-rpath,%ag_obj/lib
// RUN: %t.exe eager > %t.eager
// RUN: %t.exe graph > %t.graph
// RUN: diff %t.eager %t.graph
// RUN: FileCheck %s < %t.graph

#include <ag/ag.h>
#include <cstdio>
#include <cstring>
#include <iostream>

AG_CONVERT void show(ag::Tensor x) {
  bool b = false;
  int n = 0;
  while (x > 0) {
    x = x - 1;
    b = !b;
    n += 1;
    std::printf("%d %s\n", n, b ? "yes" : "no");
    std::cout << (n > 1 ? "big" : "small") << "\n";
  }
}

int main(int argc, char **argv) {
  bool g = argc > 1 && !std::strcmp(argv[1], "graph");
  if (g)
    ag::function(&show)(ag::Tensor(2));
  else
    show(ag::Tensor(2));
}
// CHECK: 1 yes
// CHECK-NEXT: small
// CHECK-NEXT: 2 no
// CHECK-NEXT: big
