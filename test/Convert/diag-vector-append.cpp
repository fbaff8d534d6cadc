// Only a local std::vector<ag::Tensor> variable can become a staged list: a
// parameter, a reference, a global or a static appended to under staged
// control flow is an error, and so is modifying a vector there other than by
// push_back/emplace_back.
// RUN: not ag-convert %s -- -std=c++17 -I%ag_include 2>&1 | FileCheck %s --strict-whitespace --match-full-lines

#include <ag/ag.h>
#include <vector>

std::vector<ag::Tensor> history;

AG_CONVERT
ag::Tensor f(ag::Tensor x, std::vector<ag::Tensor> byValue,
             std::vector<ag::Tensor> &out) {
  static std::vector<ag::Tensor> seen;
  std::vector<ag::Tensor> local;
  std::vector<ag::Tensor> &alias = local;
  std::vector<ag::Tensor> cleared;
  while (x > 1) {
    x = x / 2;
    byValue.push_back(x);
    out.push_back(x);
    history.emplace_back(x);
    seen.push_back(x);
    alias.push_back(x);
    cleared.clear();
  }
  return x;
}

// CHECK:{{.*}}diag-vector-append.cpp:21:5: error: appending to 'byValue' of type 'std::vector<ag::Tensor>' under staged control flow is not supported: only a local std::vector<ag::Tensor> variable (not a parameter, reference, global or static) appended to with push_back or emplace_back can become a staged list
// CHECK-NEXT:   21 |     byValue.push_back(x);
// CHECK-NEXT:      |     ^~~~~~~
// CHECK-NEXT:{{.*}}diag-vector-append.cpp:19:3: note: this loop is staged because its condition has type ag::Tensor
// CHECK-NEXT:   19 |   while (x > 1) {
// CHECK-NEXT:      |   ^
// CHECK-NEXT:{{.*}}diag-vector-append.cpp:22:5: error: appending to 'out' of type 'std::vector<ag::Tensor> &' under staged control flow is not supported: only a local std::vector<ag::Tensor> variable (not a parameter, reference, global or static) appended to with push_back or emplace_back can become a staged list
// CHECK-NEXT:   22 |     out.push_back(x);
// CHECK-NEXT:      |     ^~~
// CHECK-NEXT:{{.*}}diag-vector-append.cpp:19:3: note: this loop is staged because its condition has type ag::Tensor
// CHECK-NEXT:   19 |   while (x > 1) {
// CHECK-NEXT:      |   ^
// CHECK-NEXT:{{.*}}diag-vector-append.cpp:23:5: error: appending to 'history' of type 'std::vector<ag::Tensor>' under staged control flow is not supported: only a local std::vector<ag::Tensor> variable (not a parameter, reference, global or static) appended to with push_back or emplace_back can become a staged list
// CHECK-NEXT:   23 |     history.emplace_back(x);
// CHECK-NEXT:      |     ^~~~~~~
// CHECK-NEXT:{{.*}}diag-vector-append.cpp:19:3: note: this loop is staged because its condition has type ag::Tensor
// CHECK-NEXT:   19 |   while (x > 1) {
// CHECK-NEXT:      |   ^
// CHECK-NEXT:{{.*}}diag-vector-append.cpp:24:5: error: appending to 'seen' of type 'std::vector<ag::Tensor>' under staged control flow is not supported: only a local std::vector<ag::Tensor> variable (not a parameter, reference, global or static) appended to with push_back or emplace_back can become a staged list
// CHECK-NEXT:   24 |     seen.push_back(x);
// CHECK-NEXT:      |     ^~~~
// CHECK-NEXT:{{.*}}diag-vector-append.cpp:19:3: note: this loop is staged because its condition has type ag::Tensor
// CHECK-NEXT:   19 |   while (x > 1) {
// CHECK-NEXT:      |   ^
// CHECK-NEXT:{{.*}}diag-vector-append.cpp:25:5: error: appending to 'alias' of type 'std::vector<ag::Tensor> &' under staged control flow is not supported: only a local std::vector<ag::Tensor> variable (not a parameter, reference, global or static) appended to with push_back or emplace_back can become a staged list
// CHECK-NEXT:   25 |     alias.push_back(x);
// CHECK-NEXT:      |     ^~~~~
// CHECK-NEXT:{{.*}}diag-vector-append.cpp:19:3: note: this loop is staged because its condition has type ag::Tensor
// CHECK-NEXT:   19 |   while (x > 1) {
// CHECK-NEXT:      |   ^
// CHECK-NEXT:{{.*}}diag-vector-append.cpp:26:5: error: modifying 'cleared' of type 'std::vector<ag::Tensor>' under staged control flow is not supported: only a local std::vector<ag::Tensor> variable (not a parameter, reference, global or static) appended to with push_back or emplace_back can become a staged list
// CHECK-NEXT:   26 |     cleared.clear();
// CHECK-NEXT:      |     ^~~~~~~
// CHECK-NEXT:{{.*}}diag-vector-append.cpp:19:3: note: this loop is staged because its condition has type ag::Tensor
// CHECK-NEXT:   19 |   while (x > 1) {
// CHECK-NEXT:      |   ^
// CHECK-NEXT:{{.*}}diag-vector-append.cpp:23:5: error: modifying global variable 'history' in a converted function is not supported{{.*}}
// CHECK-NEXT:   23 |     history.emplace_back(x);
// CHECK-NEXT:      |     ^~~~~~~
// CHECK-NEXT:{{.*}}diag-vector-append.cpp:24:5: error: modifying static variable 'seen' in a converted function is not supported{{.*}}
// CHECK-NEXT:   24 |     seen.push_back(x);
// CHECK-NEXT:      |     ^~~~
// CHECK-NEXT:8 errors generated.
