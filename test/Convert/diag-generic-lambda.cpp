// A generic lambda is copied from its pattern, where a condition over its
// `auto` parameters reads as a host one; staged in an instantiation, it
// used to fail while tracing at the caller's line, with advice to annotate
// "the function containing this condition".
// RUN: not ag-convert %s -- -std=c++17 -I%ag_include 2>&1 | FileCheck %s --implicit-check-not=error:

#include <ag/ag.h>

AG_CONVERT
ag::Tensor f(ag::Tensor x, ag::Tensor y) {
  auto both = [&](auto a, auto b) -> ag::Tensor { return a > 0 && b > 0; };
  auto pick = [](auto a) { return a > 0 ? a : -a; };
  // Host instantiations are fine.
  auto twice = [](auto a) { return a > 0 ? 2 * a : a; };
  ag::Tensor r = twice(3) + pick(x);
  if (both(x, y))
    r = r + 1;
  return r;
}
// CHECK: diag-generic-lambda.cpp:11:58: error: the type of this '&&' condition depends on a template parameter and it is staged in 'operator()<ag::Tensor, ag::Tensor>'
// CHECK: diag-generic-lambda.cpp:12:35: error: the type of this '?:' condition depends on a template parameter and it is staged in 'operator()<ag::Tensor>'
