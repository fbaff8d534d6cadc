//===- loop_basic.cpp - AutoGraph reference test, ported ------------------===//
//
// Basic loops; TensorArray becomes a std::vector pushed under staged loops.
// Ported from tensorflow/python/autograph/tests/loop_basic_test.py: each Python
// test function is an AG_CONVERT function; Python ints become weak literals,
// tf.constant inputs typed tensors.
//
//===----------------------------------------------------------------------===//
#include "Harness.h"

#include <gtest/gtest.h>

using namespace ag::test;
using ag::Tensor;

AG_CONVERT Tensor while_one_var(Tensor n) {
  Tensor i = 0;
  while (i < n)
    i = i * 10 + 1;
  return i;
}
AG_CONVERT Tensor for_one_var(Tensor l) {
  Tensor i = 0;
  for (Tensor e : l)
    i = e;
  return i;
}
AG_CONVERT Tensor while_two_vars(Tensor n) {
  Tensor s = 0;
  Tensor i = 0;
  while (i < n) {
    s = s * 10 + i;
    i += 1;
  }
  return s;
}
AG_CONVERT Tensor for_two_vars(Tensor l) {
  Tensor s = 0;
  for (Tensor i : l)
    s = s * 10 + i;
  return s;
}
AG_CONVERT Tensor successive_while_loops(Tensor n1, Tensor n2) {
  Tensor s = 0;
  Tensor i = 0;
  while (i < n1) {
    s = s * 10 + i;
    i += 1;
  }
  i = 0;
  while (i < n2) {
    s = s * 10 + i;
    i += 1;
  }
  return s;
}
AG_CONVERT Tensor successive_for_loops(Tensor l1, Tensor l2) {
  Tensor s = 0;
  for (Tensor i : l1)
    s = s * 10 + i;
  for (Tensor i : l2)
    s = s * 10 + i;
  return s;
}
AG_CONVERT Tensor nested_while_loops(Tensor n1, Tensor n2) {
  Tensor i = 0;
  std::vector<Tensor> l;
  while (i < n1) {
    Tensor j = 0;
    Tensor s = 0;
    while (j < n2) {
      s = s * 10 + i * j;
      j += 1;
    }
    l.push_back(s);
    i += 1;
  }
  return ag::stack(l, ag::Int32);
}
AG_CONVERT Tensor nested_for_loops(Tensor m) {
  std::vector<Tensor> l;
  for (Tensor i : m) {
    Tensor s = 0;
    for (Tensor j : i)
      s = s * 10 + j;
    l.push_back(s);
  }
  return ag::stack(l, ag::Int32);
}
AG_CONVERT Tensor while_else_staged_flag(Tensor x, Tensor y) {
  Tensor s = 0;
  Tensor broke = false;
  while (x > 0) {
    x -= 1;
    if (x > y) {
      broke = true;
      break;
    }
    s += x;
  }
  if (!broke)
    s = -100;
  return s;
}

TEST(AutoGraph, LoopBasic) {
  for (int n : {-1, 0, 1, 2, 3})
    for (Tensor x : scalars({n})) {
      diff("while_one_var", while_one_var, x);
      diff("while_two_vars", while_two_vars, x);
      if (n > 0)
        for (Tensor y : scalars({0, 2})) {
          diff("successive_while_loops", successive_while_loops, x, y);
          diff("while_else_staged_flag", while_else_staged_flag, x, y);
        }
    }
  for (int a = 0; a <= 2; ++a)
    for (int b = 0; b <= 2; ++b) {
      diff("nested_while_loops", nested_while_loops, s32(a), s32(b));
      diff("nested_while_loops64", nested_while_loops, Tensor(a), Tensor(b));
    }
  std::vector<std::vector<int>> lists = {{}, {1}, {1, 2}, {-5, 7, 0}};
  for (auto &l : lists) {
    std::vector<double> ld(l.begin(), l.end());
    for (Tensor t : {i32(l), f64(ld)}) {
      diff("for_one_var", for_one_var, t);
      diff("for_two_vars", for_two_vars, t);
      if (!l.empty())
        for (auto &l2 : lists)
          diff("successive_for_loops", successive_for_loops, t, i32(l2));
    }
  }
  std::vector<std::pair<std::vector<int32_t>, std::vector<int64_t>>> ms = {
      {{}, {1, 0}},     {{}, {2, 0}},     {{1}, {1, 1}},
      {{1, 2}, {2, 1}}, {{1, 2}, {1, 2}}, {{1, 2, 3, 4}, {2, 2}}};
  for (auto &[v, s] : ms)
    diff("nested_for_loops", nested_for_loops, Tensor::fromVector(v, s));
}
