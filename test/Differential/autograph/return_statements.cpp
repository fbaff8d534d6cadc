//===- return_statements.cpp - AutoGraph reference test, ported -----------===//
//
// Single-return canonicalization: early, nested, superfluous and void returns.
// Ported from tensorflow/python/autograph/converters/return_statements_test.py:
// each Python test function is an AG_CONVERT function; Python ints become weak
// literals, tf.constant inputs typed tensors.
//
//===----------------------------------------------------------------------===//
#include "Harness.h"

#include <gtest/gtest.h>

using namespace ag::test;
using ag::Tensor;

AG_CONVERT Tensor straightline(Tensor x) { return x * x; }
AG_CONVERT Tensor superfluous_returns(Tensor x) {
  Tensor retval = 1;
  return retval;
  retval = 2;
  return retval;
}
AG_CONVERT Tensor conditional(Tensor x) {
  if (x > 0)
    return x;
  else
    return x * x;
}
AG_CONVERT Tensor conditional_missing_else_then_default(Tensor x) {
  if (x > 0)
    return x;
  return x * x;
}
AG_CONVERT Tensor conditional_else_only_then_default(Tensor x) {
  if (x < 0)
    x *= x;
  else
    return x;
  return x;
}
AG_CONVERT Tensor conditional_nested(Tensor x) {
  if (x > 0) {
    if (x < 5)
      return x;
    else
      return x * x;
  } else {
    return x * x * x;
  }
}
AG_CONVERT void no_return(Tensor x) { x *= x; }
AG_CONVERT Tensor for_loop(Tensor n) {
  for (Tensor i = 0; i < n; ++i)
    return 1;
  return 0;
}
AG_CONVERT Tensor while_loop(Tensor n) {
  Tensor i = 0;
  Tensor s = 0;
  while (i < n) {
    i += 1;
    s += i;
    if (s > 4)
      return s;
  }
  return -1;
}
AG_CONVERT void null_return(Tensor n, Tensor &out) {
  out = 0;
  if (n > 4) {
    out = 1;
    return;
  }
  out = 2;
  return;
}
AG_CONVERT Tensor nested_multiple_withs_stacked(Tensor x) {
  std::vector<Tensor> v;
  while (x > 0) {
    x -= 1;
    {
      if (x % 2 == 0)
        return ag::stack(v, ag::Int32);
    }
    { v.push_back(x); }
    v.push_back(x);
  }
  return ag::stack(v, ag::Int32);
}
AG_CONVERT Tensor multiple_returns_in_nested_scope(Tensor a) {
  std::vector<Tensor> v;
  for (Tensor x : a) {
    x -= 1;
    if (x > 100)
      return ag::stack(v, ag::Int32);
    return ag::stack(v, ag::Int32);
    v.push_back(x);
  }
  return ag::stack(v, ag::Int32);
}

TEST(AutoGraph, ReturnStatements) {
  for (int n : {-2, 0, 1, 2, 4, 5, 6})
    for (Tensor x : scalars({n})) {
      diff("straightline", straightline, x);
      diff("superfluous_returns", superfluous_returns, x);
      diff("conditional", conditional, x);
      diff("conditional_missing_else_then_default",
           conditional_missing_else_then_default, x);
      diff("conditional_else_only_then_default",
           conditional_else_only_then_default, x);
      diff("conditional_nested", conditional_nested, x);
      diff("for_loop", for_loop, x);
      diff("while_loop", while_loop, x);
      {
        Tensor e, g;
        null_return(x, e);
        ag::function (&null_return)(x, g);
        EXPECT_TRUE(matches(e, g)) << describe(e) << " vs " << describe(g);
        no_return(x);
        ag::function (&no_return)(x);
      }
    }
  for (int n : {0, 1, 3, 4, 7}) {
    diff("nested_multiple_withs_stacked", nested_multiple_withs_stacked,
         s32(n));
  }
  for (std::vector<int> l :
       std::vector<std::vector<int>>{{}, {1}, {2}, {1, 2, 3}, {200}})
    diff("multiple_returns_in_nested_scope", multiple_returns_in_nested_scope,
         i32(l));
}
