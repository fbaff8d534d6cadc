// A local std::vector<ag::Tensor> appended to under staged control flow
// becomes a staged list (an ag::TensorList in the twin): any use other than
// push_back/emplace_back statements, ag::stack(list), a range-for and reads
// of size(), empty() and elements (staged-list-reads-e2e.cpp), and any
// initializer other than empty braces, is an error at the use, with notes at
// the first staged append and at why its construct is staged.
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


// CHECK:{{.*}}diag-staged-list-use.cpp:24:26: error: 'parts' is appended to under staged control flow, so it becomes a staged list in the graph; only push_back, emplace_back, ag::stack('parts'), a range-for over it, and reading size(), empty(), [i], at(i), front() and back() are supported on it
// CHECK-NEXT:   24 |   x = x + parts[0] + sum(parts);
// CHECK-NEXT:      |                          ^~~~~
// CHECK-NEXT:{{.*}}diag-staged-list-use.cpp:19:5: note: appended to under staged control flow here
// CHECK-NEXT:   19 |     parts.push_back(x);
// CHECK-NEXT:      |     ^~~~~~~~~~~~~~~~~~
// CHECK-NEXT:{{.*}}diag-staged-list-use.cpp:17:3: note: this loop is staged because its condition has type ag::Tensor
// CHECK-NEXT:   17 |   while (x > 1) {
// CHECK-NEXT:      |   ^
// CHECK-NEXT:{{.*}}diag-staged-list-use.cpp:25:3: error: 'parts' is appended to under staged control flow, so it becomes a staged list in the graph; only push_back, emplace_back, ag::stack('parts'), a range-for over it, and reading size(), empty(), [i], at(i), front() and back() are supported on it
// CHECK-NEXT:   25 |   parts.clear();
// CHECK-NEXT:      |   ^~~~~
// CHECK-NEXT:{{.*}}diag-staged-list-use.cpp:19:5: note: appended to under staged control flow here
// CHECK-NEXT:   19 |     parts.push_back(x);
// CHECK-NEXT:      |     ^~~~~~~~~~~~~~~~~~
// CHECK-NEXT:{{.*}}diag-staged-list-use.cpp:17:3: note: this loop is staged because its condition has type ag::Tensor
// CHECK-NEXT:   17 |   while (x > 1) {
// CHECK-NEXT:      |   ^
// CHECK-NEXT:{{.*}}diag-staged-list-use.cpp:31:27: error: 'parts' is appended to under staged control flow, so it becomes a staged list in the graph; it must be declared empty, without an initializer or with empty braces
// CHECK-NEXT:   31 |   std::vector<ag::Tensor> parts = {x};
// CHECK-NEXT:      |                           ^       ~~~
// CHECK-NEXT:{{.*}}diag-staged-list-use.cpp:33:5: note: appended to under staged control flow here
// CHECK-NEXT:   33 |     parts.emplace_back(x);
// CHECK-NEXT:      |     ^~~~~~~~~~~~~~~~~~~~~
// CHECK-NEXT:{{.*}}diag-staged-list-use.cpp:32:3: note: this 'if' is staged because its condition has type ag::Tensor
// CHECK-NEXT:   32 |   if (x > 0)
// CHECK-NEXT:      |   ^
// CHECK-NEXT:{{.*}}diag-staged-list-use.cpp:34:34: error: 'parts' is appended to under staged control flow, so it becomes a staged list in the graph; only push_back, emplace_back, ag::stack('parts'), a range-for over it, and reading size(), empty(), [i], at(i), front() and back() are supported on it
// CHECK-NEXT:   34 |   std::vector<ag::Tensor> copy = parts;
// CHECK-NEXT:      |                                  ^~~~~
// CHECK-NEXT:{{.*}}diag-staged-list-use.cpp:33:5: note: appended to under staged control flow here
// CHECK-NEXT:   33 |     parts.emplace_back(x);
// CHECK-NEXT:      |     ^~~~~~~~~~~~~~~~~~~~~
// CHECK-NEXT:{{.*}}diag-staged-list-use.cpp:32:3: note: this 'if' is staged because its condition has type ag::Tensor
// CHECK-NEXT:   32 |   if (x > 0)
// CHECK-NEXT:      |   ^
// CHECK-NEXT:{{.*}}diag-staged-list-use.cpp:35:17: error: 'parts' is appended to under staged control flow, so it becomes a staged list in the graph; only push_back, emplace_back, ag::stack('parts'), a range-for over it, and reading size(), empty(), [i], at(i), front() and back() are supported on it
// CHECK-NEXT:   35 |   auto &alias = parts;
// CHECK-NEXT:      |                 ^~~~~
// CHECK-NEXT:{{.*}}diag-staged-list-use.cpp:33:5: note: appended to under staged control flow here
// CHECK-NEXT:   33 |     parts.emplace_back(x);
// CHECK-NEXT:      |     ^~~~~~~~~~~~~~~~~~~~~
// CHECK-NEXT:{{.*}}diag-staged-list-use.cpp:32:3: note: this 'if' is staged because its condition has type ag::Tensor
// CHECK-NEXT:   32 |   if (x > 0)
// CHECK-NEXT:      |   ^
// CHECK-NEXT:{{.*}}diag-staged-list-use.cpp:36:20: error: 'parts' is appended to under staged control flow, so it becomes a staged list in the graph; only push_back, emplace_back, ag::stack('parts'), a range-for over it, and reading size(), empty(), [i], at(i), front() and back() are supported on it
// CHECK-NEXT:   36 |   auto *pointer = &parts;
// CHECK-NEXT:      |                    ^~~~~
// CHECK-NEXT:{{.*}}diag-staged-list-use.cpp:33:5: note: appended to under staged control flow here
// CHECK-NEXT:   33 |     parts.emplace_back(x);
// CHECK-NEXT:      |     ^~~~~~~~~~~~~~~~~~~~~
// CHECK-NEXT:{{.*}}diag-staged-list-use.cpp:32:3: note: this 'if' is staged because its condition has type ag::Tensor
// CHECK-NEXT:   32 |   if (x > 0)
// CHECK-NEXT:      |   ^
// CHECK-NEXT:{{.*}}diag-staged-list-use.cpp:37:39: error: 'parts' is appended to under staged control flow, so it becomes a staged list in the graph; it cannot be used inside a lambda
// CHECK-NEXT:   37 |   auto later = [&] { return ag::stack(parts); };
// CHECK-NEXT:      |                                       ^~~~~
// CHECK-NEXT:{{.*}}diag-staged-list-use.cpp:33:5: note: appended to under staged control flow here
// CHECK-NEXT:   33 |     parts.emplace_back(x);
// CHECK-NEXT:      |     ^~~~~~~~~~~~~~~~~~~~~
// CHECK-NEXT:{{.*}}diag-staged-list-use.cpp:32:3: note: this 'if' is staged because its condition has type ag::Tensor
// CHECK-NEXT:   32 |   if (x > 0)
// CHECK-NEXT:      |   ^
// CHECK-NEXT:{{.*}}diag-staged-list-use.cpp:46:10: error: 'parts' is appended to under staged control flow, so it becomes a staged list in the graph; only push_back, emplace_back, ag::stack('parts'), a range-for over it, and reading size(), empty(), [i], at(i), front() and back() are supported on it
// CHECK-NEXT:   46 |   return parts;
// CHECK-NEXT:      |          ^~~~~
// CHECK-NEXT:{{.*}}diag-staged-list-use.cpp:45:5: note: appended to under staged control flow here
// CHECK-NEXT:   45 |     parts.push_back(x);
// CHECK-NEXT:      |     ^~~~~~~~~~~~~~~~~~
// CHECK-NEXT:{{.*}}diag-staged-list-use.cpp:44:3: note: this 'if' is staged because its condition has type ag::Tensor
// CHECK-NEXT:   44 |   if (x > 0)
// CHECK-NEXT:      |   ^
// CHECK-NEXT:8 errors generated.
