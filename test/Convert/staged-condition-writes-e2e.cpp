// A host number written in the condition of a staged loop (`while ((i += 1)
// < n)`, `do ... while (++k < n)`, `while ((i += 1, i < n))`) runs at each
// iteration like the body: it becomes a staged number, carried by the
// loop. It was "host variable 'i' of type 'int' is modified under staged
// control flow" (an ag::Tensor counter worked).
// REQUIRES: ag-runtime
// RUN: ag-convert %s -- -std=c++17 -I%ag_include > %t.cpp
// RUN: %cxx -std=c++17 -Wall -Wextra -Werror -I%ag_include %t.cpp -o %t.exe -L%ag_obj/lib -lag -Wl,-rpath,%ag_obj/lib
// RUN: %t.exe eager > %t.eager
// RUN: %t.exe graph > %t.graph
// RUN: diff %t.eager %t.graph
// RUN: FileCheck %s < %t.graph

#include <ag/ag.h>
#include <cstring>
#include <iostream>

AG_CONVERT ag::Tensor preIncrement(ag::Tensor n) {
  int i = 0;
  ag::Tensor s = 0;
  while ((i += 1) < n)
    s = s + i;
  return s * 100 + i;
}
AG_CONVERT ag::Tensor commaCondition(ag::Tensor n) {
  long i = 0;
  ag::Tensor s = 0.5;
  while ((i += 2, i < n))
    s = s * 2;
  return s + i;
}
AG_CONVERT int doWhile(ag::Tensor n) {
  int k = 0, steps = 0;
  do {
    steps += 3;
  } while (++k < n);
  return k * 100 + steps;
}

int main(int argc, char **argv) {
  bool g = argc > 1 && !std::strcmp(argv[1], "graph");
  for (int v : {0, 5}) {
    ag::Tensor n = v;
    std::cout << (g ? ag::function(&preIncrement)(n) : preIncrement(n)) << " "
              << (g ? ag::function(&commaCondition)(n) : commaCondition(n))
              << " " << (g ? ag::function(&doWhile)(n) : doWhile(n)) << "\n";
  }
}
// CHECK: 1 2.5 103
// CHECK-NEXT: 1005 8 515
