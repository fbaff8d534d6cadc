//===- basic_ifexp.cpp - AutoGraph reference test, ported -----------------===//
//
// Conditional expressions in and around staged ifs.
// Ported from tensorflow/python/autograph/tests/basic_ifexp_test.py: each
// Python test function is an AG_CONVERT function; Python ints become weak
// literals, tf.constant inputs typed tensors.
//
//===----------------------------------------------------------------------===//
#include "Harness.h"

#include <gtest/gtest.h>

using namespace ag::test;
using ag::Tensor;

AG_CONVERT Tensor consecutive_conds(Tensor x) {
  if (x > 0)
    x = x < 5 ? -x : x;
  else
    x = x < 5 ? -2 * x : 1;
  if (x > 0)
    x = x < 5 ? -x : x;
  else
    x = x < 5 ? (3 * x) : x;
  return x;
}
AG_CONVERT std::tuple<Tensor, Tensor, Tensor>
cond_with_multiple_values(Tensor x) {
  Tensor y, z;
  if (x > 0) {
    x = x < 5 ? -x : x;
    y = x < 5 ? 2 * x : x;
    z = y < 5 ? -y : y;
  } else {
    x = x < 5 ? 2 * x : x;
    y = x < 5 ? -x : x;
    z = y < 5 ? -y : y;
  }
  return {x, y, z};
}
AG_CONVERT Tensor ifexp_host_and_staged(Tensor x, int k) {
  Tensor r = k > 0 ? x : -x;
  r = x > 0 ? r * k : r + k;
  return r;
}
AG_CONVERT Tensor ifexp_literals(Tensor x) { return x > 0 ? 1 : 2.5; }
AG_CONVERT Tensor ifexp_nested(Tensor x) {
  return x > 0 ? (x > 3 ? x * 2 : x) : (x < -3 ? -x : 0);
}

TEST(AutoGraph, BasicIfexp) {
  for (int n : {-7, -1, 0, 1, 4, 5, 9})
    for (Tensor x : scalars({n})) {
      diff("consecutive_conds", consecutive_conds, x);
      diff("cond_with_multiple_values", cond_with_multiple_values, x);
      diff("ifexp_literals", ifexp_literals, x);
      diff("ifexp_nested", ifexp_nested, x);
      for (int k : {-2, 0, 3})
        diff("ifexp_host_and_staged", ifexp_host_and_staged, x, k);
    }
}
