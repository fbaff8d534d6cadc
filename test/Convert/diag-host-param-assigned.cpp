// A host reference parameter (int &, double &, bool &) modified under staged
// control flow is rejected: the caller's variable would change once, while
// tracing. (A by-value number parameter becomes an ag::Tensor in the twin,
// like a local: promoted-params-e2e.cpp.)
// RUN: not ag-convert %s -- -std=c++17 -I%ag_include 2>&1 | FileCheck %s

#include <ag/ag.h>

AG_CONVERT
ag::Tensor f(ag::Tensor x, double &limit, int &steps, bool &flag) {
  while (x > limit)
    limit = limit + 0.5;
  if (x > 0)
    steps += 1;
  for (ag::Tensor r : x)
    flag = !flag;
  return limit + steps + flag;
}

// CHECK: diag-host-param-assigned.cpp:12:5: error: host parameter 'limit' of type 'double &' is modified under staged control flow; it would be computed once while tracing, not at each evaluation (the caller's variable cannot follow the graph: take an ag::Tensor & instead, or return the new value)
// CHECK: diag-host-param-assigned.cpp:11:3: note: this loop is staged because its condition has type ag::Tensor
// CHECK: diag-host-param-assigned.cpp:14:5: error: host parameter 'steps' of type 'int &' is modified under staged control flow
// CHECK: diag-host-param-assigned.cpp:13:3: note: this 'if' is staged because its condition has type ag::Tensor
// CHECK: diag-host-param-assigned.cpp:16:5: error: host parameter 'flag' of type 'bool &' is modified under staged control flow
// CHECK: diag-host-param-assigned.cpp:15:3: note: this loop is staged because
