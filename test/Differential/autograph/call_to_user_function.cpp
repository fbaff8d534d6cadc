//===- call_to_user_function.cpp - AutoGraph reference test, ported -------===//
//
// Calls through function variables, factories and references to AG_CONVERT
// functions. Ported from
// tensorflow/python/autograph/tests/call_to_user_function_test.py: each Python
// test function is an AG_CONVERT function; Python ints become weak literals,
// tf.constant inputs typed tensors.
//
//===----------------------------------------------------------------------===//
#include "Harness.h"

#include <gtest/gtest.h>

using namespace ag::test;
using ag::Tensor;

AG_CONVERT Tensor function_1(Tensor x) {
  if (x > 100)
    return x;
  return x * x * x;
}
AG_CONVERT Tensor function_2(Tensor x) { return -1 * x + 11; }
using Fn = Tensor (*)(Tensor);
Fn factory(int n) {
  if (n == 1)
    return function_1;
  return function_2;
}
AG_CONVERT Tensor static_fn(Tensor x) {
  Tensor a = function_1(x);
  Tensor b = function_2(x);
  return a + b;
}
AG_CONVERT Tensor factory_dynamic_fn(Tensor x) {
  Fn f = factory(1);
  Tensor a = f(x);
  f = factory(2);
  Tensor b = f(x);
  return a + b;
}
AG_CONVERT Tensor variable_dynamic_fn(Tensor x) {
  Fn f = function_1;
  Tensor a = f(x);
  f = &function_2;
  Tensor b = (*f)(x);
  return a + b;
}
AG_CONVERT Tensor reference_fn(Tensor x) {
  Tensor (&f)(Tensor) = function_1;
  return f(x);
}
AG_CONVERT Tensor call_in_loop(Tensor n) {
  Tensor s = 0;
  for (Tensor i = 0; i < n; ++i)
    s = s + function_1(i) - function_2(i);
  return s;
}
AG_CONVERT Tensor call_in_branch(Tensor x) {
  Tensor r;
  if (x > 0)
    r = function_1(x);
  else
    r = function_2(x);
  return r;
}

TEST(AutoGraph, CallToUserFunction) {
  for (int n : {-3, 0, 1, 2, 5, 101, 200})
    for (Tensor x : scalars({n})) {
      diff("static_fn", static_fn, x);
      diff("factory_dynamic_fn", factory_dynamic_fn, x);
      diff("variable_dynamic_fn", variable_dynamic_fn, x);
      diff("reference_fn", reference_fn, x);
      diff("call_in_branch", call_in_branch, x);
      if (n < 10)
        diff("call_in_loop", call_in_loop, x);
    }
}
