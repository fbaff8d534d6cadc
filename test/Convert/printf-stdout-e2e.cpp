// fprintf(stdout, ...) and fputs(text, stdout) in a converted function are
// printf and puts without the newline: effects of the graph, printed each
// time it runs, in order with the other prints, also under a staged branch
// and with staged numbers. They used to be an error ("reading global
// variable 'stdout'"), which made a catch printing e.what() with
// fprintf(stderr, ...) work while fprintf(stdout, ...) of a number did not.
// REQUIRES: ag-runtime
// RUN: ag-convert %s -- -std=c++17 -I%ag_include > %t.cpp
// RUN: %cxx -std=c++17 -Wall -Wextra -Werror -I%ag_include %t.cpp -o %t.exe -L%ag_obj/lib -lag -Wl,-rpath,%ag_obj/lib
// RUN: %t.exe eager > %t.eager
// RUN: %t.exe graph > %t.graph
// RUN: diff %t.eager %t.graph
// RUN: FileCheck %s < %t.graph

#include <ag/ag.h>
#include <cstdio>
#include <string>

AG_CONVERT
ag::Tensor report(ag::Tensor x, int width) {
  ag::Tensor y = x * 2;
  std::fputs("report: ", stdout);
  fprintf(stdout, "%4d|%.3f\n", width, y.item<double>());
  if (y > 5)
    fputs("big\n", stdout);
  else
    std::fprintf(stdout, "small %ld\n", y.item<long>());
  return y;
}

int main(int argc, char **argv) {
  bool graph = argc > 1 && std::string(argv[1]) == "graph";
  auto fn = ag::function(&report);
  for (long v : {1L, 4L})
    graph ? fn(ag::Tensor(v), 4) : report(ag::Tensor(v), 4);
}
// CHECK: report:    4|2.000
// CHECK-NEXT: small 2
// CHECK-NEXT: report:    4|8.000
// CHECK-NEXT: big
