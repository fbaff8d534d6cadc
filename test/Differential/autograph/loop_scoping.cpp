//===- loop_scoping.cpp - AutoGraph reference test, ported ----------------===//
//
// Variables scoped in loop bodies, reused and altered iterates.
// Ported from tensorflow/python/autograph/tests/loop_scoping_test.py: each
// Python test function is an AG_CONVERT function; Python ints become weak
// literals, tf.constant inputs typed tensors.
//
//===----------------------------------------------------------------------===//
#include "Harness.h"

#include <gtest/gtest.h>

#include <functional>

using namespace ag::test;
using ag::Tensor;

AG_CONVERT Tensor for_with_local_var(Tensor l) {
  Tensor s = 0;
  for (Tensor i : l) {
    Tensor x = i + 2;
    s = s * 10 + x;
  }
  return s;
}
AG_CONVERT Tensor while_with_local_var(Tensor x) {
  Tensor s = 0;
  while (x > 0) {
    Tensor y = x + 2;
    s = s * 10 + y;
    x -= 1;
  }
  return s;
}
AG_CONVERT Tensor for_initializes_local_var(Tensor l) {
  Tensor s = 0;
  Tensor x = 0;
  for (Tensor i : l) {
    if (i == l[0])
      x = 0;
    else
      x += 1;
    s = s * 10 + x;
  }
  return s;
}
AG_CONVERT Tensor while_initializes_local_var(Tensor x) {
  Tensor s = 0;
  Tensor y = 0;
  while (x > 0) {
    if (x > 0)
      y = 0;
    else
      y += 1;
    s = s * 10 + y;
    x -= 1;
  }
  return s;
}
AG_CONVERT std::pair<Tensor, Tensor> for_reuses_iterate(Tensor l) {
  Tensor i = 7;
  Tensor s = 0;
  for (Tensor e : l) {
    i = e;
    s = s * 10 + i;
  }
  return {i, s};
}
AG_CONVERT std::pair<Tensor, Tensor> for_alters_iterate(Tensor l) {
  Tensor i = 7;
  Tensor s = 0;
  for (Tensor e : l) {
    i = e;
    i = 3 * i + 1;
    s = s * 10 + i;
  }
  return {i, s};
}
AG_CONVERT std::pair<Tensor, Tensor> for_alters_counter(Tensor n) {
  Tensor s = 0;
  Tensor i = 0;
  for (i = 0; i < n; i += 1) {
    s = s * 10 + i;
    if (i == 1)
      i += 1;
  }
  return {i, s};
}
AG_CONVERT Tensor shadowing_in_loop(Tensor n) {
  Tensor x = 100;
  Tensor s = 0;
  for (Tensor i = 0; i < n; ++i) {
    Tensor x = i * 2;
    {
      Tensor x = -1;
      s += x;
    }
    s += x;
  }
  return s + x;
}
AG_CONVERT std::vector<Tensor> for_with_lambda_iter_local_var(Tensor l) {
  std::vector<std::function<Tensor()>> fns;
  std::vector<Tensor> results;
  for (int k = 0; k < l.dim(0); ++k) {
    Tensor i = l[k];
    fns.push_back([i] { return i + i; });
  }
  for (auto &f : fns)
    results.push_back(f());
  return results;
}

TEST(AutoGraph, LoopScoping) {
  for (std::vector<int> l :
       std::vector<std::vector<int>>{{}, {1}, {1, 2}, {3, 3, 1}, {-1, 0, 5}}) {
    std::vector<double> d(l.begin(), l.end());
    for (Tensor t : {i32(l), f64(d)}) {
      diff("for_with_local_var", for_with_local_var, t);
      diff("for_initializes_local_var", for_initializes_local_var, t);
      diff("for_reuses_iterate", for_reuses_iterate, t);
      diff("for_alters_iterate", for_alters_iterate, t);
    }
  }
  for (int n : {-1, 0, 1, 2, 4})
    for (Tensor x : scalars({n})) {
      diff("while_with_local_var", while_with_local_var, x);
      diff("while_initializes_local_var", while_initializes_local_var, x);
      diff("for_alters_counter", for_alters_counter, x);
      diff("shadowing_in_loop", shadowing_in_loop, x);
    }
  for (std::vector<int> l : std::vector<std::vector<int>>{{1}, {1, 2}}) {
    Tensor t = i32(l);
    auto e = for_with_lambda_iter_local_var(t);
    auto g = ag::function(&for_with_lambda_iter_local_var)(t);
    ASSERT_EQ(e.size(), g.size());
    for (size_t k = 0; k < e.size(); ++k)
      EXPECT_TRUE(matches(e[k], g[k]))
          << describe(e[k]) << " vs " << describe(g[k]);
  }
}
