// Every print of a converted function is an effect of every evaluation, in
// program order, and prints byte for byte what the eager code prints: prints
// of host values only (after a staged loop), in a host switch, in a lambda,
// a staged choice of text, host bool/double formatted by iostream.
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

AG_CONVERT
ag::Tensor count(ag::Tensor n, int mode, double scale) {
  ag::Tensor i = 0;
  std::cout << "start\n";
  while (i < n)
    i += 1;
  printf("done\n");
  switch (mode) {
  case 0:
    std::cout << "mode zero " << scale << ' ' << (mode == 0) << "\n";
    break;
  default:
    puts("other mode");
  }
  std::cout << (i > 2 ? "many" : "few") << ' ' << (i > 1 && i < 3) << "\n";
  printf("%s\n", i > 2 ? "MANY" : "FEW");
  auto say = [&](int k) { std::cout << "lambda " << k << "\n"; };
  say(mode);
  return i;
}

int main(int argc, char **argv) {
  bool graph = argc > 1 && !std::strcmp(argv[1], "graph");
  auto g = ag::function(&count);
  for (int n : {3, 2, 2}) // the last two calls share one trace
    for (int mode : {0, 1}) {
      ag::Tensor r = graph ? g(n, mode, 0.1) : count(n, mode, 0.1);
      std::cout << "= " << r << "\n";
    }
}

// CHECK: start
// CHECK-NEXT: done
// CHECK-NEXT: mode zero 0.1 1
// CHECK-NEXT: many 0
// CHECK-NEXT: MANY
// CHECK-NEXT: lambda 0
// CHECK-NEXT: = 3
// CHECK-NEXT: start
// CHECK-NEXT: done
// CHECK-NEXT: other mode
// CHECK-NEXT: many 0
// CHECK-NEXT: MANY
// CHECK-NEXT: lambda 1
// CHECK-NEXT: = 3
// CHECK-NEXT: start
// CHECK-NEXT: done
// CHECK-NEXT: mode zero 0.1 1
// CHECK-NEXT: few 1
