// A print that cannot become a graph effect would print once, while
// tracing: a print used as a value or in a for-header, output to another
// stream, a plain helper that prints. A cycle through a plain helper is
// recursion.
// RUN: not ag-convert %s -- -std=c++17 -I%ag_include 2>&1 | FileCheck %s

#include <ag/ag.h>
#include <cstdio>
#include <iostream>

void log(const char *what) { std::cout << "log: " << what << "\n"; }

AG_CONVERT
ag::Tensor f(ag::Tensor a) {
  log("f");
  int n = printf("x\n");
  std::cerr << "err\n";
  for (int i = 0; i < 2; printf("i\n"), ++i)
    a = a + n;
  return a;
}

ag::Tensor g(ag::Tensor a);
ag::Tensor helper(ag::Tensor a) { return g(a - 1); }

AG_CONVERT
ag::Tensor g(ag::Tensor a) {
  if (a > 0)
    a = helper(a);
  return a;
}

// CHECK: diag-prints.cpp:15:3: error: call to 'log', which prints but is not AG_CONVERT: it runs as written while tracing, so it would print once then, not at each evaluation; mark it AG_CONVERT (or print with ag::print)
// CHECK: diag-prints.cpp:11:30: note: 'log' prints here
// CHECK: diag-prints.cpp:29:9: error: recursive call to converted function 'g' is not supported: tracing it would never end
// CHECK: diag-prints.cpp:24:42: note: through plain functions, which call 'g' here
// CHECK: diag-prints.cpp:17:3: error: printing to a stream other than std::cout is not supported in a converted function
// CHECK: diag-prints.cpp:16:11: error: this print is not a statement of its own, so it cannot become a graph effect: it would print once while tracing, not at each evaluation; make it a separate statement
// CHECK: diag-prints.cpp:18:26: error: this print is not a statement of its own
