// A source Clang cannot parse: Clang's own errors, exit 1, no output.
// RUN: not ag-convert %s -- -std=c++17 -I%ag_include > %t.out 2> %t.err
// RUN: FileCheck %s < %t.err
// RUN: count 0 < %t.out

#include <ag/ag.h>

AG_CONVERT
ag::Tensor f(ag::Tensor x) {
  return x + undeclared;
}
// CHECK: {{.*}}diag-parse-error.cpp:[[# @LINE-2]]:14: error: use of undeclared identifier 'undeclared'
