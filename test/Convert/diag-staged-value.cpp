// A staged ?:, && or || is an ag::Tensor in the twin: stored, passed or
// returned as a host value (or bound to a non-const reference) it is an
// error at the expression, not a twin that fails to compile or an error at
// the function header while tracing.
// RUN: not ag-convert %s -- -std=c++17 -I%ag_include 2>&1 | FileCheck %s

#include <ag/ag.h>

void use(int);

AG_CONVERT
ag::Tensor f(ag::Tensor a, ag::Tensor c, ag::Tensor x, ag::Tensor y) {
  int k = a > 0 ? 1 : 2;
  bool b = a > 0 && c > 0;
  auto d = a > 0 || c > 0;
  ag::Tensor &r = c > 0 ? x : y;
  use(a > 0 ? 3 : 4);
  k = (a > 1 && c > 1) + 1;
  ag::Tensor fine = a > 0 ? 1 : 2;
  const ag::Tensor &alsoFine = c > 0 ? x : y;
  if (a > 0 && !(c > 0 || x > 0))
    fine = fine + 1;
  return fine + alsoFine + r + k + b + d;
}

// CHECK: diag-staged-value.cpp:13:11: error: this '?:' has a staged condition, so its value is an ag::Tensor known only when the graph runs; it cannot initialize 'int' (make that an ag::Tensor, or a const reference)
// CHECK: diag-staged-value.cpp:14:12: error: this '&&' has a staged condition, {{.*}} it cannot initialize 'bool'
// CHECK: diag-staged-value.cpp:15:12: error: this '||' has a staged condition, {{.*}} it cannot initialize 'bool'
// CHECK: diag-staged-value.cpp:16:19: error: this '?:' {{.*}} it cannot initialize 'ag::Tensor &'
// CHECK: diag-staged-value.cpp:17:7: error: this '?:' {{.*}} it cannot be passed as 'int'
// CHECK: diag-staged-value.cpp:18:8: error: this '&&' {{.*}} it cannot be used as 'int'
// CHECK-NOT: error:
