//===- nested_control_flow.cpp - AutoGraph reference test, ported ---------===//
//
// Arbitrarily nested if, while and for.
// Ported from tensorflow/python/autograph/tests/nested_control_flow_test.py:
// each Python test function is an AG_CONVERT function; Python ints become weak
// literals, tf.constant inputs typed tensors.
//
//===----------------------------------------------------------------------===//
#include "Harness.h"

#include <gtest/gtest.h>

using namespace ag::test;
using ag::Tensor;

AG_CONVERT Tensor independent_ifs(Tensor x, Tensor y) {
  Tensor z = 0;
  if (x > 0)
    if (y > 0)
      z = x + y;
  return z;
}
AG_CONVERT std::pair<Tensor, Tensor> dependent_inner_if(Tensor x) {
  Tensor y = 0;
  if (x > 0) {
    y = -2 * x;
    if (y > 0)
      x = -3 * x;
  } else {
    y = 4 * x;
  }
  return {x, y};
}
AG_CONVERT std::pair<Tensor, Tensor> dependent_imbalanced_inner_if(Tensor x) {
  Tensor y = 0;
  if (x > 0) {
    if (x < 3) {
      y = -2 * x;
      x = -3 * x;
    }
  }
  return {x, y};
}
AG_CONVERT Tensor independent_inner_for(Tensor a, Tensor b) {
  Tensor p = 0;
  for (Tensor _ : a) {
    Tensor tmp = b;
    for (Tensor j : tmp)
      p += j;
  }
  return p;
}
AG_CONVERT Tensor independent_inner_while(Tensor a, Tensor b) {
  Tensor p = 0;
  while (a > 0) {
    Tensor tmp = b;
    while (tmp > 0) {
      p += 1;
      tmp -= 1;
    }
    a -= 1;
  }
  return p;
}
AG_CONVERT Tensor dependent_inner_for(Tensor a, Tensor b) {
  Tensor r = 1;
  Tensor s = 0;
  for (Tensor _ : a) {
    r += s;
    Tensor tmp = b;
    for (Tensor j : tmp)
      s += j;
  }
  return r;
}
AG_CONVERT Tensor dependent_inner_while(Tensor a, Tensor b) {
  Tensor r = 1;
  while (a > 0) {
    r += 1;
    Tensor tmp = b;
    while (tmp > 0) {
      a -= 1;
      tmp -= 1;
    }
    a -= 1;
  }
  return r;
}
AG_CONVERT Tensor if_in_for(Tensor a) {
  Tensor k = 0;
  for (Tensor i : a) {
    if (i % 2 > 0) {
      Tensor j = i / 2;
      k += j;
    }
  }
  return k;
}
AG_CONVERT Tensor while_with_continue_in_block(Tensor x) {
  Tensor z = 0;
  while (x > 0) {
    {
      x = x - 1;
      if (x < 5)
        continue;
      z = z + 1;
    }
  }
  return z;
}
AG_CONVERT Tensor while_break_in_block(Tensor x) {
  Tensor z = 0;
  while (x > 0) {
    {
      x = x - 1;
      if (x < 5)
        break;
      z = z + 1;
    }
  }
  return z;
}
TEST(AutoGraph, NestedControlFlow) {
  for (int x : {-1, 0, 1, 2, 3, 5})
    for (Tensor a : scalars({x})) {
      diff("dependent_inner_if", dependent_inner_if, a);
      diff("dependent_imbalanced_inner_if", dependent_imbalanced_inner_if, a);
      for (Tensor b : scalars({-1, 1}))
        diff("independent_ifs", independent_ifs, a, b);
    }
  for (int a = 0; a <= 4; ++a)
    for (int b = 0; b <= 4; ++b) {
      std::vector<std::pair<Tensor, Tensor>> ab = {{s32(a), s32(b)},
                                                   {Tensor(a), Tensor(b)},
                                                   {s64(a), s32(b)},
                                                   {sf32(a), Tensor(b)}};
      for (auto &[x, y] : ab) {
        diff("independent_inner_while", independent_inner_while, x, y);
        diff("dependent_inner_while", dependent_inner_while, x, y);
      }
      std::vector<int32_t> ra(a), rb(b);
      for (int i = 0; i < a; ++i)
        ra[i] = i;
      for (int i = 0; i < b; ++i)
        rb[i] = i;
      diff("independent_inner_for", independent_inner_for, i32(ra), i32(rb));
      diff("dependent_inner_for", dependent_inner_for, i32(ra), i32(rb));
      diff("if_in_for", if_in_for, i32(ra));
      std::vector<double> rbd(rb.begin(), rb.end());
      diff("dependent_inner_for_f", dependent_inner_for, i32(ra), f64(rbd));
      diff("if_in_for_f", if_in_for, f64(rbd));
    }
  for (int x : {-2, 0, 4, 5, 6, 10})
    for (Tensor a : scalars({x})) {
      diff("while_with_continue_in_block", while_with_continue_in_block, a);
      diff("while_break_in_block", while_break_in_block, a);
    }
  for (int n : {1, 2, 3})
    for (Tensor a : scalars({n})) {
    }
  for (Tensor a : scalars({0, -1})) {
  }
}
