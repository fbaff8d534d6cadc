// A host variable assigned under staged control flow would be computed once
// at trace time. A local number assigned under a staged condition becomes an
// ag::Tensor in the twin (promoted-locals-e2e.cpp); what stays an error, with
// a note saying why the construct is staged: the host induction variable of
// a loop staged only because it leaves through a staged 'break', and a
// local the converter cannot stage (a std::string).
// RUN: not ag-convert %s -- -std=c++17 -I%ag_include 2>&1 | FileCheck %s --strict-whitespace --match-full-lines

#include <ag/ag.h>
#include <string>

AG_CONVERT
ag::Tensor f(ag::Tensor x) {
  std::string state = "small";
  if (x > 1)
    state = "large";
  for (int i = 0; i < 10; ++i) {
    if (x > 100)
      break;
    x = x * 2;
  }
  return x + static_cast<int>(state.size());
}

// CHECK:{{.*}}diag-host-assigned.cpp:16:5: error: host variable 'state' of type 'std::string' (aka 'basic_string<char>') is modified under staged control flow; it would be computed once while tracing, not at each evaluation (make it an ag::Tensor)
// CHECK-NEXT:   16 |     state = "large";
// CHECK-NEXT:      |     ^~~~~
// CHECK-NEXT:{{.*}}diag-host-assigned.cpp:15:3: note: this 'if' is staged because its condition has type ag::Tensor
// CHECK-NEXT:   15 |   if (x > 1)
// CHECK-NEXT:      |   ^
// CHECK-NEXT:{{.*}}diag-host-assigned.cpp:17:29: error: host variable 'i' of type 'int' is modified under staged control flow; it would be computed once while tracing, not at each evaluation (make it an ag::Tensor)
// CHECK-NEXT:   17 |   for (int i = 0; i < 10; ++i) {
// CHECK-NEXT:      |                             ^
// CHECK-NEXT:{{.*}}diag-host-assigned.cpp:17:3: note: this loop is staged because it leaves through a staged 'break', 'continue' or 'return'
// CHECK-NEXT:   17 |   for (int i = 0; i < 10; ++i) {
// CHECK-NEXT:      |   ^
// CHECK-NEXT:2 errors generated.
