// RUN: not ag-convert %s -- -std=c++17 -I%ag_include 2>&1 | FileCheck %s --strict-whitespace --match-full-lines

#include <ag/ag.h>

AG_CONVERT
ag::Tensor f(ag::Tensor x) {
  if (x > 0)
    goto done;
  x = -x;
done:
  return x;
}

// CHECK:{{.*}}diag-goto.cpp:8:5: error: 'goto' and labels are not supported in a converted function
// CHECK-NEXT:    8 |     goto done;
// CHECK-NEXT:      |     ^~~~~~~~~
// CHECK-NEXT:{{.*}}diag-goto.cpp:10:1: error: 'goto' and labels are not supported in a converted function
// CHECK-NEXT:   10 | done:
// CHECK-NEXT:      | ^~~~
// CHECK-NEXT:2 errors generated.
