// A staged construct produced by a macro cannot be rewritten in place.
// RUN: not ag-convert %s -- -std=c++17 -I%ag_include 2>&1 | FileCheck %s --strict-whitespace --match-full-lines

#include <ag/ag.h>

#define PICK(c, a, b) ((c) ? (a) : (b))

AG_CONVERT
ag::Tensor f(ag::Tensor x) {
  return PICK(x > 0, x, -x);
}

// CHECK:{{.*}}diag-macro.cpp:10:10: error: staged construct inside a macro expansion cannot be rewritten; expand the macro by hand
// CHECK-NEXT:   10 |   return PICK(x > 0, x, -x);
// CHECK-NEXT:      |          ^~~~~~~~~~~~~~~~~~
// CHECK-NEXT:{{.*}}diag-macro.cpp:6:24: note: expanded from macro 'PICK'
// CHECK-NEXT:    6 | #define PICK(c, a, b) ((c) ? (a) : (b))
// CHECK-NEXT:      |                        ^~~~~~~~~~~~~~~
// CHECK-NEXT:1 error generated.
