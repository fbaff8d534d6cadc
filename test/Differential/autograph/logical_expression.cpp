//===- logical_expression.cpp - AutoGraph reference test, ported ----------===//
//
// &&, || and comparisons on tensors, with short-circuit.
// Ported from tensorflow/python/autograph/tests/logical_expression_test.py:
// each Python test function is an AG_CONVERT function; Python ints become weak
// literals, tf.constant inputs typed tensors.
//
//===----------------------------------------------------------------------===//
#include "Harness.h"

#include <gtest/gtest.h>

using namespace ag::test;
using ag::Tensor;

AG_CONVERT Tensor composite_ors_with_callable(Tensor x, Tensor y, Tensor z) {
  auto z1 = [&] { return z; };
  return x || y || z1();
}
AG_CONVERT Tensor composite_ors(Tensor x, Tensor y, Tensor z) {
  return x || y || z;
}
AG_CONVERT Tensor composite_ands(Tensor x, Tensor y, Tensor z) {
  return x && y && z;
}
AG_CONVERT Tensor composite_mixed(Tensor x, Tensor y, Tensor z) {
  return x || y || (z && y && z);
}
AG_CONVERT Tensor equality(Tensor x, Tensor y) { return x == y; }
AG_CONVERT Tensor inequality(Tensor x, Tensor y) { return x != y; }
AG_CONVERT Tensor multiple_equality(Tensor x, Tensor y, Tensor z) {
  return x == y && y == z;
}
AG_CONVERT Tensor comparison(Tensor x, Tensor y, Tensor z) {
  return x < y && y < z;
}
AG_CONVERT Tensor guarded_division(Tensor a, Tensor b) {
  Tensor r = 0;
  if (b != 0 && a / b > 2)
    r = a / b;
  else if (b == 0 || a % b == 0)
    r = -1;
  return r;
}
AG_CONVERT Tensor not_and_or(Tensor a, Tensor b) {
  Tensor k = !(a > 0) || (b > 0 && !(a > b));
  return k;
}
AG_CONVERT Tensor bool_result_mixed_host(Tensor a, bool h) {
  return h && a > 0;
}
AG_CONVERT Tensor host_first_or(Tensor a, int h) { return h > 2 || a > 0; }

TEST(AutoGraph, LogicalExpression) {
  for (bool x : {false, true})
    for (bool y : {false, true})
      for (bool z : {false, true}) {
        Tensor X(x), Y(y), Z(z);
        diff("composite_ors", composite_ors, X, Y, Z);
        diff("composite_ands", composite_ands, X, Y, Z);
        diff("composite_mixed", composite_mixed, X, Y, Z);
        diff("composite_ors_with_callable", composite_ors_with_callable, X, Y,
             Z);
        diff("multiple_equality", multiple_equality, X, Y, Z);
      }
  std::vector<int> v = {-2, 0, 1, 2, 3, 7};
  for (int a : v)
    for (int b : v) {
      for (auto [A, B] :
           std::vector<std::pair<Tensor, Tensor>>{{s32(a), s32(b)},
                                                  {Tensor(a), Tensor(b)},
                                                  {sf64(a), Tensor(b)},
                                                  {s32(a), Tensor(b)},
                                                  {s64(a), s32(b)}}) {
        diff("equality", equality, A, B);
        diff("inequality", inequality, A, B);
        diff("guarded_division", guarded_division, A, B);
        diff("not_and_or", not_and_or, A, B);
        for (int c : {1, 2, 3})
          diff("comparison", comparison, A, B, Tensor(c));
      }
      diff("bool_result_mixed_host", bool_result_mixed_host, s32(a), b > 0);
      diff("host_first_or", host_first_or, s32(a), b);
    }
}
