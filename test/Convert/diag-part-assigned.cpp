// Assigning to an element or pointee of an outer object, or to a
// structured binding, under staged control flow cannot be expressed as a
// carried variable: an error, not silently wrong code. (A member of a
// pair, tuple or struct of tensors is merged part by part:
// composite-merge-e2e.cpp.)
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

AG_CONVERT
ag::Tensor g(ag::Tensor x, ag::Tensor *out) {
  auto [a, b] = std::pair<ag::Tensor, ag::Tensor>(x, x);
  while (x > 0) {
    *out = x;
    a = a + 1;
    x -= 1;
  }
  return a + b;
}

// CHECK:{{.*}}diag-part-assigned.cpp:17:5: error: assigning to 'arr' or to part of it (element, member, pointee, binding) under staged control flow is not supported; use a separate ag::Tensor variable
// CHECK-NEXT:   17 |     arr[1] += 1;
// CHECK-NEXT:      |     ^~~~~~
// CHECK-NEXT:{{.*}}diag-part-assigned.cpp:15:3: note: this 'if' is staged because its condition has type ag::Tensor
// CHECK-NEXT:   15 |   if (x > 0) {
// CHECK-NEXT:      |   ^
// CHECK-NEXT:{{.*}}diag-part-assigned.cpp:26:5: error: assigning to 'out' or to part of it (element, member, pointee, binding) under staged control flow is not supported; use a separate ag::Tensor variable
// CHECK-NEXT:   26 |     *out = x;
// CHECK-NEXT:      |     ^~~~
// CHECK-NEXT:{{.*}}diag-part-assigned.cpp:25:3: note: this loop is staged because its condition has type ag::Tensor
// CHECK-NEXT:   25 |   while (x > 0) {
// CHECK-NEXT:      |   ^
// CHECK-NEXT:{{.*}}diag-part-assigned.cpp:27:5: error: assigning to 'a' or to part of it (element, member, pointee, binding) under staged control flow is not supported; use a separate ag::Tensor variable
// CHECK-NEXT:   27 |     a = a + 1;
// CHECK-NEXT:      |     ^
// CHECK-NEXT:{{.*}}diag-part-assigned.cpp:25:3: note: this loop is staged because its condition has type ag::Tensor
// CHECK-NEXT:   25 |   while (x > 0) {
// CHECK-NEXT:      |   ^
// CHECK-NEXT:3 errors generated.
