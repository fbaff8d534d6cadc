// A host parameter (int, double, bool) modified under staged control flow is
// rejected like a host local, with advice of its own: the twin keeps the
// function's parameter types (callers and ag::function pass a double), so it
// cannot become an ag::Tensor the way a lowered local could.
// RUN: not ag-convert %s -- -std=c++17 -I%ag_include 2>&1 | FileCheck %s

#include <ag/ag.h>

AG_CONVERT
ag::Tensor f(ag::Tensor x, double limit, int steps, bool flag) {
  while (x > limit)
    limit = limit + 0.5;
  if (x > 0)
    steps += 1;
  for (ag::Tensor r : x)
    flag = !flag;
  return limit + steps + flag;
}

// CHECK: diag-host-param-assigned.cpp:12:5: error: host parameter 'limit' of type 'double' is modified under staged control flow; it would be computed once while tracing, not at each evaluation (take it as an ag::Tensor, or copy it into an ag::Tensor local and modify that: the twin keeps the function's parameter types)
// CHECK: diag-host-param-assigned.cpp:11:3: note: this loop is staged because its condition has type ag::Tensor
// CHECK: diag-host-param-assigned.cpp:14:5: error: host parameter 'steps' of type 'int' is modified under staged control flow
// CHECK: diag-host-param-assigned.cpp:13:3: note: this 'if' is staged because its condition has type ag::Tensor
// CHECK: diag-host-param-assigned.cpp:16:5: error: host parameter 'flag' of type 'bool' is modified under staged control flow
// CHECK: diag-host-param-assigned.cpp:15:3: note: this loop is staged because
