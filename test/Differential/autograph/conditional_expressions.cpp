//===- conditional_expressions.cpp - AutoGraph reference test, ported -----===//
//
// Conditional expressions: nested, in assignments and conditions, guarded
// division. Ported from
// tensorflow/python/autograph/converters/conditional_expressions_test.py: each
// Python test function is an AG_CONVERT function; Python ints become weak
// literals, tf.constant inputs typed tensors.
//
//===----------------------------------------------------------------------===//
#include "Harness.h"

#include <gtest/gtest.h>

using namespace ag::test;
using ag::Tensor;

AG_CONVERT Tensor basic(Tensor x) { return x > 0 ? 1 : 0; }
AG_CONVERT Tensor nested_orelse(Tensor x) {
  return x > 0 ? x * x : (x < -5 ? 2 * x : 0);
}
AG_CONVERT Tensor in_assignment(Tensor x) {
  Tensor y = x > 1 ? x - 1 : x + 1;
  y += y > 3 ? 10 : -10;
  return y;
}
AG_CONVERT Tensor host_condition(Tensor x, int k) {
  return k > 0 ? x * k : x - k;
}
AG_CONVERT Tensor in_loop(Tensor n) {
  Tensor s = 0;
  for (Tensor i = 0; i < n; ++i)
    s = s + (i % 2 == 0 ? i : -i);
  return s;
}
AG_CONVERT Tensor guarded(Tensor a, Tensor b) { return b != 0 ? a / b : a; }
AG_CONVERT Tensor as_condition(Tensor x) {
  Tensor r = 0;
  if (x > 0 ? x < 10 : x > -10)
    r = 1;
  return r;
}

TEST(AutoGraph, ConditionalExpressions) {
  for (int n : {-7, -1, 0, 1, 2, 5, 12})
    for (Tensor x : scalars({n})) {
      diff("basic", basic, x);
      diff("nested_orelse", nested_orelse, x);
      diff("in_assignment", in_assignment, x);
      diff("as_condition", as_condition, x);
      for (int k : {-1, 0, 2})
        diff("host_condition", host_condition, x, k);

      if (n < 10)
        diff("in_loop", in_loop, x);
      for (Tensor b : scalars({0, 3, -2}))
        if (b.dtype() == x.dtype())
          diff("guarded", guarded, x, b);
    }
}
