// std::cout << e.what() in a graph-level try's catch prints the message
// the graph caught, between the pieces before and after it, in order with
// the other effects; it used to be a conversion error (only e.what() passed
// to a node was allowed).
// REQUIRES: ag-runtime
// RUN: ag-convert %s -- -std=c++17 -I%ag_include -I%S/Inputs > %t.cpp
// RUN: FileCheck --check-prefix=TWIN %s < %t.cpp
// RUN: %cxx -std=c++17 -Wall -Wextra -Werror -I%ag_include -I%S/Inputs %t.cpp -o %t.exe -L%ag_obj/lib -lag -Wl,-rpath,%ag_obj/lib
// RUN: %t.exe eager > %t.eager
// RUN: %t.exe graph > %t.graph
// RUN: diff %t.eager %t.graph
// RUN: FileCheck %s < %t.graph

#include "try-load.h"

#include <iostream>
#include <string>

AG_CONVERT
double guarded(std::string path, double scale) {
  double r = -1;
  try {
    r = load(path) * scale;
  } catch (const std::invalid_argument &e) {
    std::cout << "invalid: " << e.what() << " (scale " << scale << ")\n";
  } catch (const std::exception &e) {
    std::cout << e.what() << std::endl;
    r = -2;
  }
  std::cout << "result " << r << "\n";
  return r;
}
// TWIN: ::ag::print_({{.*}}"invalid: "
// TWIN: ::ag::detail::effect_node_({{.*}}"ag::detail::printText", &::ag::detail::printText, e.what());
// TWIN: ::ag::print_({{.*}}" (scale "

int main(int argc, char **argv) {
  bool graph = argc > 1 && std::string(argv[1]) == "graph";
  for (std::string p : {"abc", "", "!x"})
    graph ? ag::function(&guarded)(p, 2.0) : guarded(p, 2.0);
}
// CHECK: result 6
// CHECK-NEXT: empty path
// CHECK-NEXT: result -2
// CHECK-NEXT: invalid: bad path !x (scale 2)
// CHECK-NEXT: result -1
