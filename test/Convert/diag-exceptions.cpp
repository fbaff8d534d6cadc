// RUN: not ag-convert %s -- -std=c++17 -I%ag_include 2>&1 | FileCheck %s --strict-whitespace --match-full-lines

#include <ag/ag.h>
#include <stdexcept>

AG_CONVERT
ag::Tensor f(ag::Tensor x, int n) {
  if (n < 0)
    throw; // a rethrow: only `throw e;` is converted (throw-staged-e2e.cpp)
  try {
    x = x + n;
  } catch (...) {
  }
  return x;
}

AG_CONVERT
ag::Tensor g(ag::Tensor x) try {
  return x;
} catch (...) {
  return 0;
}

// CHECK:{{.*}}diag-exceptions.cpp:9:5: error: 'throw' is not supported in a converted function: exceptions cannot be staged
// CHECK-NEXT:    9 |     throw; // a rethrow: only `throw e;` is converted (throw-staged-e2e.cpp)
// CHECK-NEXT:      |     ^~~~~
// CHECK-NEXT:{{.*}}diag-exceptions.cpp:10:3: error: 'try' is not supported in a converted function: exceptions cannot be staged
// CHECK-NEXT:   10 |   try {
// CHECK-NEXT:      |   ^~~
// CHECK-NEXT:{{.*}}diag-exceptions.cpp:18:28: error: 'try' is not supported in a converted function: exceptions cannot be staged
// CHECK-NEXT:   18 | ag::Tensor g(ag::Tensor x) try {
// CHECK-NEXT:      |                            ^~~
// CHECK-NEXT:3 errors generated.
