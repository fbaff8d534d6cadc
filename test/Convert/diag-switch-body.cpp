// A host switch may hold staged ifs and loops (switch-staged-e2e.cpp), but a
// break, continue or return under staged control flow must not leave it: the
// rest of the switch, across its case labels, would have to be staged.
// RUN: not ag-convert %s -- -std=c++17 -I%ag_include 2>&1 | FileCheck %s --strict-whitespace --match-full-lines

#include <ag/ag.h>

AG_CONVERT
ag::Tensor breaks(ag::Tensor x, int mode) {
  switch (mode) {
  case 0:
    if (x > 0)
      break;
    x = -x;
    break;
  default:
    break;
  }
  return x;
}

AG_CONVERT
ag::Tensor continues(ag::Tensor x, int mode) {
  ag::Tensor i = 0;
  while (i < x) {
    i += 1;
    switch (mode) {
    case 0:
      if (i > 3)
        continue;
      x = x - 1;
    }
  }
  return x;
}

AG_CONVERT
ag::Tensor returns(ag::Tensor x, int mode) {
  switch (mode) {
  case 0:
    if (x > 0)
      return x;
    break;
  }
  return -x;
}

// CHECK:{{.*}}diag-switch-body.cpp:13:7: error: 'break' under staged control flow cannot leave a 'switch' or its case (the rest of the switch would have to be staged); use if/else for this choice
// CHECK-NEXT:   13 |       break;
// CHECK-NEXT:      |       ^
// CHECK-NEXT:{{.*}}diag-switch-body.cpp:30:9: error: 'continue' under staged control flow cannot leave a 'switch' or its case (the rest of the switch would have to be staged); use if/else for this choice
// CHECK-NEXT:   30 |         continue;
// CHECK-NEXT:      |         ^
// CHECK-NEXT:{{.*}}diag-switch-body.cpp:42:7: error: 'return' under staged control flow cannot leave a 'switch' or its case (the rest of the switch would have to be staged); use if/else for this choice
// CHECK-NEXT:   42 |       return x;
// CHECK-NEXT:      |       ^
// CHECK-NEXT:3 errors generated.
