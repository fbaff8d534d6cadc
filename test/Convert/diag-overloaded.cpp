// RUN: not ag-convert %s -- -std=c++17 -I%ag_include 2>&1 | FileCheck %s --strict-whitespace --match-full-lines

#include <ag/ag.h>

AG_CONVERT
ag::Tensor f(ag::Tensor x) { return x; }

AG_CONVERT
ag::Tensor f(ag::Tensor x, ag::Tensor y) { return x + y; }

// CHECK:{{.*}}diag-overloaded.cpp:9:12: error: overloaded AG_CONVERT functions are not supported yet: 'f' is declared more than once with a body
// CHECK-NEXT:    9 | ag::Tensor f(ag::Tensor x, ag::Tensor y) { return x + y; }
// CHECK-NEXT:      |            ^
// CHECK-NEXT:1 error generated.
