//===- continue_statements.cpp - AutoGraph reference test, ported ---------===//
//
// Continue canonicalization: continues in while, for and do, nested, guarded.
// Ported from
// tensorflow/python/autograph/converters/continue_statements_test.py: each
// Python test function is an AG_CONVERT function; Python ints become weak
// literals, tf.constant inputs typed tensors.
//
//===----------------------------------------------------------------------===//
#include "Harness.h"

#include <gtest/gtest.h>

using namespace ag::test;
using ag::Tensor;

AG_CONVERT Tensor basic(Tensor x) {
  std::vector<Tensor> v;
  while (x > 0) {
    x -= 1;
    if (x % 2 == 0)
      continue;
    v.push_back(x);
  }
  return ag::stack(v, ag::Int32);
}
AG_CONVERT Tensor multiple_continues(Tensor x) {
  std::vector<Tensor> v;
  while (x > 0) {
    x -= 1;
    if (x > 1)
      continue;
    if (x > 2)
      continue;
    v.push_back(x);
  }
  return ag::stack(v, ag::Int32);
}
AG_CONVERT Tensor for_loop(Tensor a) {
  std::vector<Tensor> v;
  for (Tensor x : a) {
    x -= 1;
    if (x % 2 == 0)
      continue;
    v.push_back(x);
  }
  return ag::stack(v, ag::Int32);
}
AG_CONVERT Tensor nested_multiple_blocks_and_statements(Tensor x) {
  std::vector<Tensor> v;
  while (x > 0) {
    x -= 1;
    {
      if (x % 2 == 0)
        continue;
      { v.push_back(x); }
    }
    v.push_back(x);
    { v.push_back(x); }
    v.push_back(x);
  }
  return ag::stack(v, ag::Int32);
}
AG_CONVERT std::tuple<Tensor, Tensor, Tensor> nested(Tensor x) {
  std::vector<Tensor> v, u, w;
  while (x > 0) {
    x -= 1;
    if (x % 2 == 0) {
      if (x % 3 != 0) {
        u.push_back(x);
      } else {
        w.push_back(x);
        continue;
      }
    }
    v.push_back(x);
  }
  return {ag::stack(v, ag::Int32), ag::stack(u, ag::Int32),
          ag::stack(w, ag::Int32)};
}
static Tensor track(std::vector<Tensor> &y, Tensor z) {
  y.push_back(z);
  return z;
}
AG_CONVERT Tensor guarded_continues_counting(Tensor x) {
  // The side-effecting helper of the original, with a counter: how often
  // each guard was evaluated.
  Tensor calls = 0;
  Tensor s = 0;
  while (x > 0) {
    x -= 1;
    calls += 1;
    if (x > 1)
      continue;
    calls += 1;
    if (x > 2)
      continue;
    s = s * 10 + x;
  }
  return calls * 1000 + s;
}
AG_CONVERT Tensor continue_in_for_counter(Tensor n) {
  Tensor s = 0;
  for (Tensor i = 0; i < n; i += 1) {
    if (i % 3 == 0)
      continue;
    s += i;
  }
  return s;
}
AG_CONVERT Tensor continue_in_do_while(Tensor x) {
  Tensor s = 0;
  do {
    x -= 1;
    if (x % 2 == 0)
      continue;
    s += x;
  } while (x > 0);
  return s;
}

TEST(AutoGraph, ContinueStatements) {
  for (int n : {-1, 0, 1, 3, 4, 7})
    for (Tensor x : {s32(n), Tensor(n)}) {
      diff("basic", basic, x);
      diff("multiple_continues", multiple_continues, x);
      diff("nested_multiple_blocks_and_statements",
           nested_multiple_blocks_and_statements, x);
      diff("nested", nested, x);
      diff("guarded_continues_counting", guarded_continues_counting, x);
      diff("continue_in_for_counter", continue_in_for_counter, x);
      diff("continue_in_do_while", continue_in_do_while, x);
    }
  for (std::vector<int> l :
       std::vector<std::vector<int>>{{}, {1}, {2}, {1, 2, 3}})
    diff("for_loop", for_loop, i32(l));
}
