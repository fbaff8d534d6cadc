// RUN: not ag-convert %s -- -std=c++20 -I%ag_include 2>&1 | FileCheck %s --strict-whitespace --match-full-lines

#include <ag/ag.h>

AG_CONVERT
consteval int square(int x) { return x * x; }

// CHECK:{{.*}}diag-consteval.cpp:6:15: error: AG_CONVERT cannot be used on a consteval function 'square': compile-time evaluation cannot be staged
// CHECK-NEXT:    6 | consteval int square(int x) { return x * x; }
// CHECK-NEXT:      |               ^
// CHECK-NEXT:1 error generated.
