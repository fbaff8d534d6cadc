// A host condition computed from a tensor's value with elementAsDouble()
// cannot be staged; one computed with item<T>() is a number of the graph,
// so its condition is staged (test/Convert/number-result-e2e.cpp).
// RUN: not ag-convert %s -- -std=c++17 -I%ag_include 2>&1 | FileCheck %s --strict-whitespace --match-full-lines

#include <ag/ag.h>

AG_CONVERT
ag::Tensor f(ag::Tensor x) {
  if (x.item<long>() > 0)
    x = -x;
  while (x.elementAsDouble(0) < 10)
    x = x * 2;
  return x;
}

// CHECK:{{.*}}diag-item-condition.cpp:12:10: error: the condition of this loop reads a host value out of a tensor with 'elementAsDouble()': it cannot be staged (the tensor has no value while tracing); compare the ag::Tensor itself
// CHECK-NEXT:   12 |   while (x.elementAsDouble(0) < 10)
// CHECK-NEXT:      |          ^~~~~~~~~~~~~~~~~~~~
// CHECK-NEXT:1 error generated.
