// A print argument that needs a staged tensor's value while tracing (here
// elementAsDouble(), which printf_ cannot stage; item<T>(), arithmetic on
// it and casts of it are graph numbers) fails at the print
// statement, not at the statement before it or the function's header.
// REQUIRES: ag-convert, ag-runtime
// RUN: ag-convert %s -o %t.cpp -- -std=c++17 -I%ag_include %ag_driver
// RUN: %cxx -std=c++17 -I%ag_include %ag_driver %t.cpp -o %t %ag_link
// RUN: not %t 2>&1 | FileCheck %s -DFILE=%s --match-full-lines --strict-whitespace

#include "Driver.h"

#include <cstdio>

AG_CONVERT
ag::Tensor report(ag::Tensor x) {
  ag::Tensor y = x * 2;
  printf("y=%f\n", y.elementAsDouble(0) + 0.5);
  return y;
}

int main(int argc, char **argv) {
  agtest::Options o = agtest::parse(argc, argv);
  return agtest::run(o, [&] { return ag::function(&report)(o.arg(0)); });
}

//      CHECK:[[FILE]]:17:3: error: cannot read the elements of a staged tensor while tracing: its value is only known when the graph runs (use ag::print to show it)
// CHECK-NEXT:  printf("y=%f\n", y.elementAsDouble(0) + 0.5);
// CHECK-NEXT:  ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~
// CHECK-NEXT:[[FILE]]:15:12: note: in 'report'
