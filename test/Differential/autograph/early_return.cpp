//===- early_return.cpp - AutoGraph reference test, ported ----------------===//
//
// Multiple returns, some in conditionals (try/finally and context managers
// become blocks). Ported from
// tensorflow/python/autograph/tests/early_return_test.py: each Python test
// function is an AG_CONVERT function; Python ints become weak literals,
// tf.constant inputs typed tensors.
//
//===----------------------------------------------------------------------===//
#include "Harness.h"

#include <gtest/gtest.h>

using namespace ag::test;
using ag::Tensor;

AG_CONVERT Tensor return_with_default(Tensor x) {
  if (x > 0) {
    std::cout << "x " << x << "\n";
    return x;
  }
  return x * x;
}
AG_CONVERT Tensor return_dependent_on_local(Tensor c) {
  Tensor t = 1;
  if (c)
    return t;
  t = ag::stack({t, t});
  return ag::sum(t);
}
AG_CONVERT Tensor nested_ifs(Tensor x) {
  if (x > 0) {
    if (x < 5)
      return x;
    else
      return x * x;
  } else {
    return x * x * x;
  }
}
AG_CONVERT Tensor possible_return_before_loop(Tensor c1, Tensor c2, Tensor n) {
  if (c1) {
    if (c2)
      return 1;
  }
  for (Tensor i = 0; i < n; ++i) {
  }
  return 2;
}
AG_CONVERT Tensor possible_return_before_host_loop(Tensor c1, Tensor c2,
                                                   int n) {
  if (c1) {
    if (c2)
      return 1;
  }
  for (int i = 0; i < n; ++i) {
  }
  return 2;
}
AG_CONVERT Tensor nested_ifs_in_blocks(Tensor x) {
  {
    if (x > 0) {
      if (x < 5) {
        { return x; }
      } else {
        return x * x;
      }
    } else {
      return x * x * x;
    }
  }
}
AG_CONVERT Tensor unreachable_return(Tensor x) {
  {
    if (x > 0) {
      if (x < 5) {
        { return x; }
      } else {
        return x * x;
      }
    } else {
      return x * x * x;
    }
  }
  return x * x * x * x;
}
AG_CONVERT Tensor return_with_default_in_block(Tensor x) {
  {
    if (x > 0)
      return 1;
    return 0;
  }
}
AG_CONVERT Tensor return_in_loop_with_state(Tensor x) {
  Tensor acc = 0;
  while (true) {
    acc += x;
    if (acc > 10)
      return acc;
    if (x <= 0)
      return -acc;
  }
}

TEST(AutoGraph, EarlyReturn) {
  for (int n : {-1, 0, 1, 3, 5, 6})
    for (Tensor x : scalars({n})) {
      diff("return_with_default", return_with_default, x);
      diff("nested_ifs", nested_ifs, x);
      diff("nested_ifs_in_blocks", nested_ifs_in_blocks, x);
      diff("unreachable_return", unreachable_return, x);
      diff("return_with_default_in_block", return_with_default_in_block, x);
      diff("return_in_loop_with_state", return_in_loop_with_state, x);
    }
  for (bool c : {true, false}) {
    diff("return_dependent_on_local", return_dependent_on_local, Tensor(c));
    for (bool c2 : {true, false})
      for (int n : {0, 1, 2}) {
        diff("possible_return_before_loop", possible_return_before_loop,
             Tensor(c), Tensor(c2), Tensor(n));
        diff("possible_return_before_loop32", possible_return_before_loop,
             Tensor(c), Tensor(c2), s32(n));
        diff("possible_return_before_host_loop",
             possible_return_before_host_loop, Tensor(c), Tensor(c2), n);
      }
  }
}
