// Row access t[i] with a staged index past the end, or negative (no counting
// from the end): an evaluation error at the access, naming index and size.
// REQUIRES: ag-convert, ag-runtime
// RUN: ag-convert %s -o %t.cpp -- -std=c++17 -I%ag_include %ag_driver
// RUN: %cxx -std=c++17 -I%ag_include %ag_driver %t.cpp -o %t %ag_link
// RUN: %t 2 | FileCheck %s --check-prefix=OK
// RUN: not %t 3 2>&1 | FileCheck %s -DFILE=%s --match-full-lines --strict-whitespace
// RUN: not %t -1 2>&1 | FileCheck %s -DFILE=%s --check-prefix=NEG

#include "Driver.h"

AG_CONVERT
ag::Tensor pick(ag::Tensor table, ag::Tensor i) {
  ag::Tensor row = table[i];
  return row * 10;
}

int main(int argc, char **argv) {
  agtest::Options o = agtest::parse(argc, argv);
  ag::Tensor table =
      ag::Tensor::fromVector<int64_t>({1, 2, 3, 4, 5, 6}, {3, 2});
  return agtest::run(o, [&] { return ag::function(&pick)(table, o.arg(0)); });
}

// OK:result = [50, 60]

//      CHECK:[[FILE]]:14:20: error: index 3 is out of range for dimension 0 of size 3
// CHECK-NEXT:  ag::Tensor row = table[i];
// CHECK-NEXT:                   ^~~~~~~~
//  CHECK-NOT:{{.}}

// NEG:[[FILE]]:14:20: error: index -1 is out of range for dimension 0 of size 3

// The same runs on the native backend (issue 12): the same values and
// the same diagnostic, word for word.
// RUN: env AG_BACKEND=native %t 2 | FileCheck %s --check-prefix=OK
// RUN: env AG_BACKEND=native not %t 3 2>&1 | FileCheck %s -DFILE=%s --match-full-lines --strict-whitespace
// RUN: env AG_BACKEND=native not %t -1 2>&1 | FileCheck %s -DFILE=%s --check-prefix=NEG
