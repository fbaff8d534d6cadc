// The caret covers the sub-expression that failed, not the whole statement:
// ag-convert locates each op that can fail at evaluation (an index, an
// integer division or remainder) by its own range.
// REQUIRES: ag-convert, ag-runtime
// RUN: ag-convert %s -o %t.cpp -- -std=c++17 -I%ag_include %ag_driver
// RUN: %cxx -std=c++17 -I%ag_include %ag_driver %t.cpp -o %t %ag_link
// RUN: %t 1 2 | FileCheck %s --check-prefix=OK
// RUN: not %t 5 2 2>&1 | FileCheck %s -DFILE=%s --match-full-lines --strict-whitespace
// RUN: not %t 1 0 2>&1 | FileCheck %s -DFILE=%s --check-prefix=DIV --match-full-lines --strict-whitespace

#include "Driver.h"

AG_CONVERT
ag::Tensor score(ag::Tensor i, ag::Tensor k) {
  ag::Tensor table = {10, 20, 30};
  ag::Tensor total = i * 100 + table[i] * 2 + 60 / k;
  return total;
}

int main(int argc, char **argv) {
  agtest::Options o = agtest::parse(argc, argv);
  return agtest::run(o, [&] { return ag::function(&score)(o.arg(0), o.arg(1)); });
}

// OK:result = 170

//      CHECK:[[FILE]]:16:32: error: index 5 is out of range for dimension 0 of size 3
// CHECK-NEXT:  ag::Tensor total = i * 100 + table[i] * 2 + 60 / k;
// CHECK-NEXT:                               ^~~~~~~~
//  CHECK-NOT:{{.}}

//      DIV:[[FILE]]:16:47: error: integer division by zero
// DIV-NEXT:  ag::Tensor total = i * 100 + table[i] * 2 + 60 / k;
// DIV-NEXT:                                              ^~~~~~
//  DIV-NOT:{{.}}

// The same runs on the native backend (issue 12): the same values and
// the same diagnostic, word for word.
// RUN: env AG_BACKEND=native %t 1 2 | FileCheck %s --check-prefix=OK
// RUN: env AG_BACKEND=native not %t 5 2 2>&1 | FileCheck %s -DFILE=%s --match-full-lines --strict-whitespace
// RUN: env AG_BACKEND=native not %t 1 0 2>&1 | FileCheck %s -DFILE=%s --check-prefix=DIV --match-full-lines --strict-whitespace
