// A local std::vector<ag::Tensor> appended to under staged control flow
// becomes a staged list (an ag::TensorList in the twin): any use other than
// push_back/emplace_back statements and ag::stack(list), and any initializer
// other than empty braces, is an error at the use, with notes at the first
// staged append and at why its construct is staged.
// RUN: not ag-convert %s -- -std=c++17 -I%ag_include 2>&1 | FileCheck %s --strict-whitespace --match-full-lines

#include <ag/ag.h>
#include <vector>

ag::Tensor sum(const std::vector<ag::Tensor> &values);

AG_CONVERT
ag::Tensor reads(ag::Tensor x) {
  std::vector<ag::Tensor> parts;
  while (x > 1) {
    x = x / 2;
    parts.push_back(x);
  }
  ag::Tensor last = parts.back();
  for (const ag::Tensor &p : parts)
    x = x + p;
  x = x + parts[0] + sum(parts);
  parts.clear();
  return x + last + static_cast<double>(parts.size());
}

AG_CONVERT
ag::Tensor aliases(ag::Tensor x) {
  std::vector<ag::Tensor> parts = {x};
  if (x > 0)
    parts.emplace_back(x);
  std::vector<ag::Tensor> copy = parts;
  auto &alias = parts;
  auto *pointer = &parts;
  auto later = [&] { return ag::stack(parts); };
  return later();
}

AG_CONVERT
std::vector<ag::Tensor> returned(ag::Tensor x) {
  std::vector<ag::Tensor> parts;
  if (x > 0)
    parts.push_back(x);
  return parts;
}


// CHECK:{{.*}}diag-staged-list-use.cpp:20:21: error: 'parts' is appended to under staged control flow, so it becomes a staged list in the graph; only push_back, emplace_back and ag::stack('parts') are supported on it
// CHECK-NEXT:   20 |   ag::Tensor last = parts.back();
// CHECK-NEXT:      |                     ^~~~~
// CHECK-NEXT:{{.*}}diag-staged-list-use.cpp:18:5: note: appended to under staged control flow here
// CHECK-NEXT:   18 |     parts.push_back(x);
// CHECK-NEXT:      |     ^~~~~~~~~~~~~~~~~~
// CHECK-NEXT:{{.*}}diag-staged-list-use.cpp:16:3: note: this loop is staged because its condition has type ag::Tensor
// CHECK-NEXT:   16 |   while (x > 1) {
// CHECK-NEXT:      |   ^
// CHECK-NEXT:{{.*}}diag-staged-list-use.cpp:21:30: error: 'parts' is appended to under staged control flow, so it becomes a staged list in the graph; only push_back, emplace_back and ag::stack('parts') are supported on it
// CHECK-NEXT:   21 |   for (const ag::Tensor &p : parts)
// CHECK-NEXT:      |                              ^~~~~
// CHECK-NEXT:{{.*}}diag-staged-list-use.cpp:18:5: note: appended to under staged control flow here
// CHECK-NEXT:   18 |     parts.push_back(x);
// CHECK-NEXT:      |     ^~~~~~~~~~~~~~~~~~
// CHECK-NEXT:{{.*}}diag-staged-list-use.cpp:16:3: note: this loop is staged because its condition has type ag::Tensor
// CHECK-NEXT:   16 |   while (x > 1) {
// CHECK-NEXT:      |   ^
// CHECK-NEXT:{{.*}}diag-staged-list-use.cpp:23:11: error: 'parts' is appended to under staged control flow, so it becomes a staged list in the graph; only push_back, emplace_back and ag::stack('parts') are supported on it
// CHECK-NEXT:   23 |   x = x + parts[0] + sum(parts);
// CHECK-NEXT:      |           ^~~~~
// CHECK-NEXT:{{.*}}diag-staged-list-use.cpp:18:5: note: appended to under staged control flow here
// CHECK-NEXT:   18 |     parts.push_back(x);
// CHECK-NEXT:      |     ^~~~~~~~~~~~~~~~~~
// CHECK-NEXT:{{.*}}diag-staged-list-use.cpp:16:3: note: this loop is staged because its condition has type ag::Tensor
// CHECK-NEXT:   16 |   while (x > 1) {
// CHECK-NEXT:      |   ^
// CHECK-NEXT:{{.*}}diag-staged-list-use.cpp:23:26: error: 'parts' is appended to under staged control flow, so it becomes a staged list in the graph; only push_back, emplace_back and ag::stack('parts') are supported on it
// CHECK-NEXT:   23 |   x = x + parts[0] + sum(parts);
// CHECK-NEXT:      |                          ^~~~~
// CHECK-NEXT:{{.*}}diag-staged-list-use.cpp:18:5: note: appended to under staged control flow here
// CHECK-NEXT:   18 |     parts.push_back(x);
// CHECK-NEXT:      |     ^~~~~~~~~~~~~~~~~~
// CHECK-NEXT:{{.*}}diag-staged-list-use.cpp:16:3: note: this loop is staged because its condition has type ag::Tensor
// CHECK-NEXT:   16 |   while (x > 1) {
// CHECK-NEXT:      |   ^
// CHECK-NEXT:{{.*}}diag-staged-list-use.cpp:24:3: error: 'parts' is appended to under staged control flow, so it becomes a staged list in the graph; only push_back, emplace_back and ag::stack('parts') are supported on it
// CHECK-NEXT:   24 |   parts.clear();
// CHECK-NEXT:      |   ^~~~~
// CHECK-NEXT:{{.*}}diag-staged-list-use.cpp:18:5: note: appended to under staged control flow here
// CHECK-NEXT:   18 |     parts.push_back(x);
// CHECK-NEXT:      |     ^~~~~~~~~~~~~~~~~~
// CHECK-NEXT:{{.*}}diag-staged-list-use.cpp:16:3: note: this loop is staged because its condition has type ag::Tensor
// CHECK-NEXT:   16 |   while (x > 1) {
// CHECK-NEXT:      |   ^
// CHECK-NEXT:{{.*}}diag-staged-list-use.cpp:25:41: error: 'parts' is appended to under staged control flow, so it becomes a staged list in the graph; only push_back, emplace_back and ag::stack('parts') are supported on it
// CHECK-NEXT:   25 |   return x + last + static_cast<double>(parts.size());
// CHECK-NEXT:      |                                         ^~~~~
// CHECK-NEXT:{{.*}}diag-staged-list-use.cpp:18:5: note: appended to under staged control flow here
// CHECK-NEXT:   18 |     parts.push_back(x);
// CHECK-NEXT:      |     ^~~~~~~~~~~~~~~~~~
// CHECK-NEXT:{{.*}}diag-staged-list-use.cpp:16:3: note: this loop is staged because its condition has type ag::Tensor
// CHECK-NEXT:   16 |   while (x > 1) {
// CHECK-NEXT:      |   ^
// CHECK-NEXT:{{.*}}diag-staged-list-use.cpp:30:27: error: 'parts' is appended to under staged control flow, so it becomes a staged list in the graph; it must be declared empty, without an initializer or with empty braces
// CHECK-NEXT:   30 |   std::vector<ag::Tensor> parts = {x};
// CHECK-NEXT:      |                           ^       ~~~
// CHECK-NEXT:{{.*}}diag-staged-list-use.cpp:32:5: note: appended to under staged control flow here
// CHECK-NEXT:   32 |     parts.emplace_back(x);
// CHECK-NEXT:      |     ^~~~~~~~~~~~~~~~~~~~~
// CHECK-NEXT:{{.*}}diag-staged-list-use.cpp:31:3: note: this 'if' is staged because its condition has type ag::Tensor
// CHECK-NEXT:   31 |   if (x > 0)
// CHECK-NEXT:      |   ^
// CHECK-NEXT:{{.*}}diag-staged-list-use.cpp:33:34: error: 'parts' is appended to under staged control flow, so it becomes a staged list in the graph; only push_back, emplace_back and ag::stack('parts') are supported on it
// CHECK-NEXT:   33 |   std::vector<ag::Tensor> copy = parts;
// CHECK-NEXT:      |                                  ^~~~~
// CHECK-NEXT:{{.*}}diag-staged-list-use.cpp:32:5: note: appended to under staged control flow here
// CHECK-NEXT:   32 |     parts.emplace_back(x);
// CHECK-NEXT:      |     ^~~~~~~~~~~~~~~~~~~~~
// CHECK-NEXT:{{.*}}diag-staged-list-use.cpp:31:3: note: this 'if' is staged because its condition has type ag::Tensor
// CHECK-NEXT:   31 |   if (x > 0)
// CHECK-NEXT:      |   ^
// CHECK-NEXT:{{.*}}diag-staged-list-use.cpp:34:17: error: 'parts' is appended to under staged control flow, so it becomes a staged list in the graph; only push_back, emplace_back and ag::stack('parts') are supported on it
// CHECK-NEXT:   34 |   auto &alias = parts;
// CHECK-NEXT:      |                 ^~~~~
// CHECK-NEXT:{{.*}}diag-staged-list-use.cpp:32:5: note: appended to under staged control flow here
// CHECK-NEXT:   32 |     parts.emplace_back(x);
// CHECK-NEXT:      |     ^~~~~~~~~~~~~~~~~~~~~
// CHECK-NEXT:{{.*}}diag-staged-list-use.cpp:31:3: note: this 'if' is staged because its condition has type ag::Tensor
// CHECK-NEXT:   31 |   if (x > 0)
// CHECK-NEXT:      |   ^
// CHECK-NEXT:{{.*}}diag-staged-list-use.cpp:35:20: error: 'parts' is appended to under staged control flow, so it becomes a staged list in the graph; only push_back, emplace_back and ag::stack('parts') are supported on it
// CHECK-NEXT:   35 |   auto *pointer = &parts;
// CHECK-NEXT:      |                    ^~~~~
// CHECK-NEXT:{{.*}}diag-staged-list-use.cpp:32:5: note: appended to under staged control flow here
// CHECK-NEXT:   32 |     parts.emplace_back(x);
// CHECK-NEXT:      |     ^~~~~~~~~~~~~~~~~~~~~
// CHECK-NEXT:{{.*}}diag-staged-list-use.cpp:31:3: note: this 'if' is staged because its condition has type ag::Tensor
// CHECK-NEXT:   31 |   if (x > 0)
// CHECK-NEXT:      |   ^
// CHECK-NEXT:{{.*}}diag-staged-list-use.cpp:36:39: error: 'parts' is appended to under staged control flow, so it becomes a staged list in the graph; it cannot be used inside a lambda
// CHECK-NEXT:   36 |   auto later = [&] { return ag::stack(parts); };
// CHECK-NEXT:      |                                       ^~~~~
// CHECK-NEXT:{{.*}}diag-staged-list-use.cpp:32:5: note: appended to under staged control flow here
// CHECK-NEXT:   32 |     parts.emplace_back(x);
// CHECK-NEXT:      |     ^~~~~~~~~~~~~~~~~~~~~
// CHECK-NEXT:{{.*}}diag-staged-list-use.cpp:31:3: note: this 'if' is staged because its condition has type ag::Tensor
// CHECK-NEXT:   31 |   if (x > 0)
// CHECK-NEXT:      |   ^
// CHECK-NEXT:{{.*}}diag-staged-list-use.cpp:45:10: error: 'parts' is appended to under staged control flow, so it becomes a staged list in the graph; only push_back, emplace_back and ag::stack('parts') are supported on it
// CHECK-NEXT:   45 |   return parts;
// CHECK-NEXT:      |          ^~~~~
// CHECK-NEXT:{{.*}}diag-staged-list-use.cpp:44:5: note: appended to under staged control flow here
// CHECK-NEXT:   44 |     parts.push_back(x);
// CHECK-NEXT:      |     ^~~~~~~~~~~~~~~~~~
// CHECK-NEXT:{{.*}}diag-staged-list-use.cpp:43:3: note: this 'if' is staged because its condition has type ag::Tensor
// CHECK-NEXT:   43 |   if (x > 0)
// CHECK-NEXT:      |   ^
// CHECK-NEXT:12 errors generated.
