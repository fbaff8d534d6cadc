// A staged construct produced by a macro cannot be rewritten in place.
// RUN: not ag-convert %s -- -std=c++17 -I%ag_include 2>&1 | FileCheck %s --strict-whitespace --match-full-lines

#include <ag/ag.h>

#define PICK(c, a, b) ((c) ? (a) : (b))

AG_CONVERT
ag::Tensor f(ag::Tensor x) {
  return PICK(x > 0, x, -x);
}

// A whole function from a macro: its signature cannot be copied.
#define DEFINE_NEG(name)                                                       \
  AG_CONVERT ag::Tensor name(ag::Tensor x) { return -x; }
DEFINE_NEG(negate)

// CHECK:{{.*}}diag-macro.cpp:10:10: error: staged construct inside a macro expansion cannot be rewritten; expand the macro by hand
// CHECK-NEXT:   10 |   return PICK(x > 0, x, -x);
// CHECK-NEXT:      |          ^~~~~~~~~~~~~~~~~~
// CHECK-NEXT:{{.*}}diag-macro.cpp:6:24: note: expanded from macro 'PICK'
// CHECK-NEXT:    6 | #define PICK(c, a, b) ((c) ? (a) : (b))
// CHECK-NEXT:      |                        ^~~~~~~~~~~~~~~
// CHECK-NEXT:{{.*}}diag-macro.cpp:16:12: error: AG_CONVERT function 'negate' is spelled by a macro expansion; ag-convert copies its declaration from the source, so write it out
// CHECK-NEXT:   16 | DEFINE_NEG(negate)
// CHECK-NEXT:      |            ^
// CHECK-NEXT:2 errors generated.
