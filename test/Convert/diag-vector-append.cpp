// RUN: not ag-convert %s -- -std=c++17 -I%ag_include 2>&1 | FileCheck %s --strict-whitespace --match-full-lines

#include <ag/ag.h>
#include <vector>

AG_CONVERT
ag::Tensor f(ag::Tensor x) {
  std::vector<ag::Tensor> parts;
  parts.push_back(x); // host code: fine
  while (x > 1) {
    x = x / 2;
    parts.push_back(x);
  }
  return ag::stack(parts);
}

// CHECK:{{.*}}diag-vector-append.cpp:12:5: error: appending to 'parts' of type 'std::vector<ag::Tensor>' under staged control flow is not supported yet
// CHECK-NEXT:   12 |     parts.push_back(x);
// CHECK-NEXT:      |     ^~~~~
// CHECK-NEXT:{{.*}}diag-vector-append.cpp:10:3: note: this loop is staged because its condition has type ag::Tensor
// CHECK-NEXT:   10 |   while (x > 1) {
// CHECK-NEXT:      |   ^
// CHECK-NEXT:1 error generated.
