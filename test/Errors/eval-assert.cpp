// A failed assert(cond && "message") in a taken branch of a converted
// callee: the message is shown, located at the assert, with the call.
// REQUIRES: ag-convert, ag-runtime
// RUN: ag-convert %s -o %t.cpp -- -std=c++17 -I%ag_include %ag_driver
// RUN: %cxx -std=c++17 -I%ag_include %ag_driver %t.cpp -o %t %ag_link
// RUN: %t 9 | FileCheck %s --check-prefix=OK
// RUN: %t -9 | FileCheck %s --check-prefix=OK-NEG
// RUN: not %t 2 2>&1 | FileCheck %s -DFILE=%s --match-full-lines --strict-whitespace

#include "Driver.h"

#include <cassert>

AG_CONVERT
ag::Tensor isqrt(ag::Tensor x) {
  ag::Tensor r = 0;
  if (x > 0) {
    while ((r + 1) * (r + 1) <= x)
      r += 1;
    assert(r * r == x && "x must be a perfect square");
  }
  return r;
}

AG_CONVERT
ag::Tensor side(ag::Tensor area) {
  ag::Tensor s = isqrt(area);
  return s;
}

int main(int argc, char **argv) {
  agtest::Options o = agtest::parse(argc, argv);
  return agtest::run(o, [&] { return ag::function(&side)(o.arg(0)); });
}

// OK:result = 3
// The branch is not taken: its assert does not run.
// OK-NEG:result = 0

//      CHECK:[[FILE]]:20:12: error: assertion failed: x must be a perfect square
// CHECK-NEXT:    assert(r * r == x && "x must be a perfect square");
// CHECK-NEXT:           ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~
// CHECK-NEXT:[[FILE]]:27:18: note: called from here
// CHECK-NEXT:  ag::Tensor s = isqrt(area);
// CHECK-NEXT:                 ^~~~~~~~~~~
//  CHECK-NOT:{{.}}

// The same diagnostic from native code (the assert is a fault there):
// RUN: env AG_BACKEND=native %t 9 | FileCheck %s --check-prefix=OK
// RUN: env AG_BACKEND=native not %t 2 2>&1 | FileCheck %s -DFILE=%s --match-full-lines --strict-whitespace
