//===- break_statements.cpp - AutoGraph reference test, ported ------------===//
//
// Break canonicalization: breaks in while and for, nested, loop-else via a
// flag. Ported from
// tensorflow/python/autograph/converters/break_statements_test.py: each Python
// test function is an AG_CONVERT function; Python ints become weak literals,
// tf.constant inputs typed tensors.
//
//===----------------------------------------------------------------------===//
#include "Harness.h"

#include <gtest/gtest.h>

using namespace ag::test;
using ag::Tensor;

AG_CONVERT Tensor while_loop(Tensor x) {
  std::vector<Tensor> v;
  while (x > 0) {
    x -= 1;
    if (x % 2 == 0)
      break;
    v.push_back(x);
  }
  return ag::stack(v, ag::Int32);
}
AG_CONVERT Tensor for_loop(Tensor a) {
  std::vector<Tensor> v;
  for (Tensor x : a) {
    x -= 1;
    if (x % 2 == 0)
      break;
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
        break;
      }
    }
    v.push_back(x);
  }
  return {ag::stack(v, ag::Int32), ag::stack(u, ag::Int32),
          ag::stack(w, ag::Int32)};
}
AG_CONVERT std::pair<Tensor, Tensor> nested_loops(Tensor x) {
  std::vector<Tensor> v, u;
  while (x > 0) {
    x -= 1;
    Tensor y = x;
    while (y > 0) {
      y -= 1;
      if (y % 2 == 0)
        break;
      u.push_back(y);
    }
    if (x == 0)
      break;
    v.push_back(x);
  }
  return {ag::stack(v, ag::Int32), ag::stack(u, ag::Int32)};
}
AG_CONVERT std::pair<Tensor, Tensor> loop_orelse(Tensor x) {
  std::vector<Tensor> v, u;
  while (x > 0) {
    x -= 1;
    Tensor y = x;
    Tensor broke = false;
    while (y > 1) {
      broke = true;
      break;
    }
    if (!broke) {
      u.push_back(y);
      break;
    }
    v.push_back(x);
  }
  return {ag::stack(v, ag::Int32), ag::stack(u, ag::Int32)};
}
AG_CONVERT Tensor multiple_correlated_breaks_with_side_effects(Tensor cond1) {
  std::vector<Tensor> lst;
  Tensor last = 0;
  while (true) {
    if (cond1) {
      lst.push_back(1);
      last = 1;
    } else {
      break;
    }
    if (last > 0)
      break;
  }
  return ag::stack(lst, ag::Int64);
}
AG_CONVERT Tensor do_while_break(Tensor x) {
  Tensor s = 0;
  do {
    s += x;
    if (s > 20)
      break;
    x += 3;
  } while (x < 10);
  return s;
}

TEST(AutoGraph, BreakStatements) {
  for (int n : {-1, 0, 1, 2, 3, 4, 5, 11})
    for (Tensor x : {s32(n), Tensor(n)}) {
      diff("while_loop", while_loop, x);
      diff("nested", nested, x);
      diff("nested_loops", nested_loops, x);
      diff("loop_orelse", loop_orelse, x);
    }
  for (int n : {-4, 0, 2, 9})
    for (Tensor x : scalars({n}))
      diff("do_while_break", do_while_break, x);
  for (std::vector<int> l :
       std::vector<std::vector<int>>{{}, {5, 4}, {2, 4, 6, 3}, {1}})
    diff("for_loop", for_loop, i32(l));
  for (bool c : {true, false})
    diff("multiple_correlated_breaks_with_side_effects",
         multiple_correlated_breaks_with_side_effects, Tensor(c));
}
