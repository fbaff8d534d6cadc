// switch on a value read out of a staged tensor cannot be staged.
// RUN: not ag-convert %s -- -std=c++17 -I%ag_include 2>&1 | FileCheck %s --strict-whitespace --match-full-lines

#include <ag/ag.h>

AG_CONVERT
ag::Tensor f(ag::Tensor x) {
  switch (x.item<int>()) {
  case 0:
    return x;
  default:
    return -x;
  }
}

// CHECK:{{.*}}diag-switch.cpp:8:3: error: 'switch' on a staged value is not supported; use if/else on the ag::Tensor instead
// CHECK-NEXT:    8 |   switch (x.item<int>()) {
// CHECK-NEXT:      |   ^       ~~~~~~~~~~~~~
// CHECK-NEXT:1 error generated.
