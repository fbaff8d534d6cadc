//===- loop_control_flow.cpp - AutoGraph reference test, ported -----------===//
//
// break and continue in single and nested loops, returns inside loops.
// Ported from tensorflow/python/autograph/tests/loop_control_flow_test.py: each
// Python test function is an AG_CONVERT function; Python ints become weak
// literals, tf.constant inputs typed tensors.
//
//===----------------------------------------------------------------------===//
#include "Harness.h"

#include <gtest/gtest.h>

using namespace ag::test;
using ag::Tensor;

AG_CONVERT Tensor continue_in_single_for(Tensor l) {
  Tensor s = 0;
  for (Tensor c : l) {
    if (c % 2 > 0)
      continue;
    s += c;
  }
  return s;
}
AG_CONVERT Tensor continue_in_single_while(Tensor x) {
  Tensor s = 0;
  while (x > 0) {
    x -= 1;
    if (x % 2 > 0)
      continue;
    s += x;
  }
  return s;
}
AG_CONVERT Tensor continue_in_inner_for(Tensor m) {
  Tensor s = 0;
  for (Tensor l : m)
    for (Tensor c : l) {
      if (c % 2 > 0)
        continue;
      s += c;
    }
  return s;
}
AG_CONVERT Tensor continue_in_inner_while(Tensor x, Tensor y) {
  Tensor s = 0;
  while (x > 0) {
    x -= 1;
    while (y > 0) {
      y -= 1;
      if ((x + y) % 2 > 0)
        continue;
      s += x + y;
    }
  }
  return s;
}
AG_CONVERT Tensor break_in_single_for(Tensor l) {
  Tensor s = 0;
  for (Tensor c : l) {
    if (c % 2 > 0)
      break;
    s += c;
  }
  return s;
}
AG_CONVERT Tensor unconditional_return_in_single_for(Tensor l) {
  Tensor s = 0;
  for (Tensor c : l) {
    s += c;
    return s;
  }
  return s;
}
AG_CONVERT Tensor effectively_unconditional_return_in_single_for(Tensor l) {
  Tensor s = 0;
  for (Tensor c : l) {
    s += c;
    if (c % 2 > 0)
      return s;
    else
      return -s;
  }
  return s;
}
AG_CONVERT Tensor unconditional_return_in_single_while(Tensor x) {
  Tensor s = 0;
  while (x > 0) {
    x -= 1;
    s += x;
    return s;
  }
  return s;
}
AG_CONVERT Tensor effectively_unconditional_return_in_single_while(Tensor x) {
  Tensor s = 0;
  while (x > 0) {
    x -= 1;
    s += x;
    if (x % 2 > 0)
      return s;
    else
      return -s;
  }
  return s;
}
AG_CONVERT Tensor break_in_single_while(Tensor x) {
  Tensor s = 0;
  while (x > 0) {
    x -= 1;
    if (x % 2 > 0)
      break;
    s += x;
  }
  return s;
}
AG_CONVERT Tensor break_in_inner_for(Tensor m) {
  Tensor s = 0;
  for (Tensor l : m)
    for (Tensor c : l) {
      if (c % 2 > 0)
        break;
      s += c;
    }
  return s;
}
AG_CONVERT Tensor break_in_inner_while(Tensor x, Tensor y) {
  Tensor s = 0;
  while (x > 0) {
    x -= 1;
    while (y > 0) {
      y -= 1;
      if ((x + y) % 2 == 0)
        break;
      s += x + y;
    }
  }
  return s;
}
AG_CONVERT Tensor break_continue_in_inner_for(Tensor m) {
  Tensor s = 0;
  for (Tensor l : m)
    for (Tensor c : l) {
      if (c % 2 > 0)
        break;
      else
        continue;
      s += c;
    }
  return s;
}
AG_CONVERT Tensor break_continue_in_inner_while(Tensor x, Tensor y) {
  Tensor s = 0;
  while (x > 0) {
    x -= 1;
    while (y > 0) {
      y -= 1;
      if ((x + y) % 2 > 0)
        break;
      else
        continue;
      s += x + y;
    }
  }
  return s;
}
AG_CONVERT Tensor break_followed_by_cond_in_single_for(Tensor x, int y) {
  for (int i = 0; i < y; ++i) {
    if (i == 2)
      break;
    if (x > 0)
      x -= 1;
  }
  return x;
}
AG_CONVERT Tensor break_followed_by_cond_in_single_for_t(Tensor x, Tensor y) {
  for (Tensor i = 0; i < y; ++i) {
    if (i == 2)
      break;
    if (x > 0)
      x -= 1;
  }
  return x;
}
AG_CONVERT Tensor break_followed_by_cond_in_single_while(Tensor x) {
  while (x > 0) {
    if (x == 2)
      break;
    if (x > 0)
      x -= 1;
  }
  return x;
}
AG_CONVERT std::pair<Tensor, Tensor> multiple_breaks_in_single_while(Tensor n) {
  Tensor s = 1;
  Tensor i = 0;
  while (i < n) {
    i += 1;
    if (i > 10 * n)
      break;
    if (i == n)
      break;
    s = s * 10 + i;
  }
  return {i, s};
}

TEST(AutoGraph, LoopControlFlow) {
  std::vector<std::vector<int>> lists = {
      {}, {1}, {1, 2}, {1, 2, 3}, {1, 2, 3, 4}, {-3, -2, 0, 5}};
  for (auto &l : lists) {
    std::vector<int64_t> l64(l.begin(), l.end());
    std::vector<double> ld(l.begin(), l.end());
    std::vector<float> lf(l.begin(), l.end());
    for (Tensor t : {i32(l), i64(l64), f64(ld), f32(lf)}) {
      diff("continue_in_single_for", continue_in_single_for, t);
      diff("break_in_single_for", break_in_single_for, t);
      if (!l.empty()) {
        diff("unconditional_return_in_single_for",
             unconditional_return_in_single_for, t);
        diff("effectively_unconditional_return_in_single_for",
             effectively_unconditional_return_in_single_for, t);
      }
    }
  }
  for (int n : {-1, 0, 1, 2, 3, 4, 7}) {
    for (Tensor t : scalars({n})) {
      diff("continue_in_single_while", continue_in_single_while, t);
      diff("break_in_single_while", break_in_single_while, t);
      diff("multiple_breaks_in_single_while", multiple_breaks_in_single_while,
           t);
      diff("break_followed_by_cond_in_single_while",
           break_followed_by_cond_in_single_while, t);
      diff("unconditional_return_in_single_while",
           unconditional_return_in_single_while, t);
      diff("effectively_unconditional_return_in_single_while",
           effectively_unconditional_return_in_single_while, t);
      for (int y : {0, 1, 3, 5}) {
        diff("break_followed_by_cond_in_single_for",
             break_followed_by_cond_in_single_for, t, y);
        diff("break_followed_by_cond_in_single_for_t",
             break_followed_by_cond_in_single_for_t, t, s32(y));
        diff("break_followed_by_cond_in_single_for_t",
             break_followed_by_cond_in_single_for_t, t, Tensor(y));
      }
    }
  }
  std::vector<std::vector<std::vector<int>>> ms = {
      {{}, {}}, {{1}, {2}}, {{1, 2}, {3, 4}}, {{1, 2, 3}, {4, 5, 6}}};
  for (auto &m : ms) {
    std::vector<int32_t> flat;
    for (auto &r : m)
      flat.insert(flat.end(), r.begin(), r.end());
    Tensor t = Tensor::fromVector(flat, {2, (int64_t)m[0].size()});
    Tensor tf = ag::cast(t, ag::Float64);
    for (Tensor x : {t, tf}) {
      diff("continue_in_inner_for", continue_in_inner_for, x);
      diff("break_in_inner_for", break_in_inner_for, x);
      diff("break_continue_in_inner_for", break_continue_in_inner_for, x);
    }
  }
  for (int m = -1; m <= 4; ++m)
    for (int n = -1; n <= 4; ++n)
      for (auto [a, b] :
           std::vector<std::pair<Tensor, Tensor>>{{s32(m), s32(n)},
                                                  {Tensor(m), Tensor(n)},
                                                  {s32(m), Tensor(n)},
                                                  {sf64(m), s64(n)}}) {
        diff("continue_in_inner_while", continue_in_inner_while, a, b);
        diff("break_in_inner_while", break_in_inner_while, a, b);
        diff("break_continue_in_inner_while", break_continue_in_inner_while, a,
             b);
      }
}
