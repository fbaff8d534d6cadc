//===- loop_with_function_call.cpp - AutoGraph reference test, ported -----===//
//
// Loops whose condition and body call AG_CONVERT functions and plain helpers.
// Ported from
// tensorflow/python/autograph/tests/loop_with_function_call_test.py: each
// Python test function is an AG_CONVERT function; Python ints become weak
// literals, tf.constant inputs typed tensors.
//
//===----------------------------------------------------------------------===//
#include "Harness.h"

#include <gtest/gtest.h>

using namespace ag::test;
using ag::Tensor;

AG_CONVERT Tensor body(Tensor s, Tensor i) {
  if (i % 2 == 0)
    return s + i;
  return s * 2;
}
AG_CONVERT Tensor cond(Tensor i, Tensor n) { return i < n; }
static Tensor plain_helper(Tensor a) { return a * 3 + 1; }

AG_CONVERT Tensor while_with_call_in_cond(Tensor n) {
  Tensor i = 0;
  Tensor s = 0;
  while (cond(i, n)) {
    s = body(s, i);
    i += 1;
  }
  return s;
}
AG_CONVERT Tensor for_with_call_in_body(Tensor l) {
  Tensor s = 0;
  for (Tensor i : l)
    s = body(s, i);
  return s;
}
AG_CONVERT Tensor while_with_plain_helper(Tensor n) {
  Tensor x = 1;
  while (x < n)
    x = plain_helper(x);
  return x;
}
AG_CONVERT Tensor recursive_like(Tensor n) {
  // a converted callee with its own staged loop, called in a staged loop
  Tensor total = 0;
  for (Tensor k = 0; k < n; ++k)
    total += while_with_call_in_cond(k);
  return total;
}

TEST(AutoGraph, LoopWithFunctionCall) {
  for (int n : {-1, 0, 1, 3, 6, 30})
    for (Tensor x : scalars({n})) {
      diff("while_with_call_in_cond", while_with_call_in_cond, x);
      diff("while_with_plain_helper", while_with_plain_helper, x);
      if (n < 10)
        diff("recursive_like", recursive_like, x);
    }
  for (std::vector<int> l :
       std::vector<std::vector<int>>{{}, {1}, {2, 3}, {-4, 5, 6}}) {
    std::vector<double> d(l.begin(), l.end());
    diff("for_with_call_in_body", for_with_call_in_body, i32(l));
    diff("for_with_call_in_body", for_with_call_in_body, f64(d));
  }
}
