// Row assignment t[i] = v with a staged index past the end, or negative: an
// evaluation error at the assignment, worded like a read of t[i].
// REQUIRES: ag-convert, ag-runtime
// RUN: ag-convert %s -o %t.cpp -- -std=c++17 -I%ag_include %ag_driver
// RUN: %cxx -std=c++17 -I%ag_include %ag_driver %t.cpp -o %t %ag_link
// RUN: %t 2 | FileCheck %s --check-prefix=OK
// RUN: not %t 3 2>&1 | FileCheck %s -DFILE=%s --match-full-lines --strict-whitespace
// RUN: not %t -1 2>&1 | FileCheck %s -DFILE=%s --check-prefix=NEG

#include "Driver.h"

AG_CONVERT
ag::Tensor clear(ag::Tensor table, ag::Tensor i) {
  table[i] = 0;
  return table * 10;
}

int main(int argc, char **argv) {
  agtest::Options o = agtest::parse(argc, argv);
  ag::Tensor table =
      ag::Tensor::fromVector<int64_t>({1, 2, 3, 4, 5, 6}, {3, 2});
  return agtest::run(o, [&] { return ag::function(&clear)(table, o.arg(0)); });
}

// OK:result = {{\[\[}}10, 20], [30, 40], [0, 0]]

//      CHECK:[[FILE]]:14:3: error: index 3 is out of range for dimension 0 of size 3
// CHECK-NEXT:  table[i] = 0;
// CHECK-NEXT:  ^~~~~~~~~~~~
//  CHECK-NOT:{{.}}

// NEG:[[FILE]]:14:3: error: index -1 is out of range for dimension 0 of size 3

// The same runs on the native backend (issue 12): the same values and
// the same diagnostic, word for word.
// RUN: env AG_BACKEND=native %t 2 | FileCheck %s --check-prefix=OK
// RUN: env AG_BACKEND=native not %t 3 2>&1 | FileCheck %s -DFILE=%s --match-full-lines --strict-whitespace
// RUN: env AG_BACKEND=native not %t -1 2>&1 | FileCheck %s -DFILE=%s --check-prefix=NEG
