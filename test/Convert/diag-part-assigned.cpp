// Assigning to an element or member of an outer object under staged control
// flow cannot be expressed as a carried variable: an error, not silently
// wrong code.
// RUN: not ag-convert %s -- -std=c++17 -I%ag_include 2>&1 | FileCheck %s --strict-whitespace --match-full-lines

#include <ag/ag.h>
#include <utility>

AG_CONVERT
ag::Tensor f(ag::Tensor x) {
  std::pair<ag::Tensor, ag::Tensor> p(x, x);
  ag::Tensor arr[2] = {x, x};
  if (x > 0) {
    p.first = x * 2;
    arr[1] += 1;
  }
  return p.first + arr[1];
}

// CHECK:{{.*}}diag-part-assigned.cpp:14:5: error: assigning to an element or member of 'p' under staged control flow is not supported; use a separate ag::Tensor variable
// CHECK-NEXT:   14 |     p.first = x * 2;
// CHECK-NEXT:      |     ^~~~~~~
// CHECK-NEXT:{{.*}}diag-part-assigned.cpp:13:3: note: this 'if' is staged because its condition has type ag::Tensor
// CHECK-NEXT:   13 |   if (x > 0) {
// CHECK-NEXT:      |   ^
// CHECK-NEXT:{{.*}}diag-part-assigned.cpp:15:5: error: assigning to an element or member of 'arr' under staged control flow is not supported; use a separate ag::Tensor variable
// CHECK-NEXT:   15 |     arr[1] += 1;
// CHECK-NEXT:      |     ^~~~~~
// CHECK-NEXT:{{.*}}diag-part-assigned.cpp:13:3: note: this 'if' is staged because its condition has type ag::Tensor
// CHECK-NEXT:   13 |   if (x > 0) {
// CHECK-NEXT:      |   ^
// CHECK-NEXT:2 errors generated.
