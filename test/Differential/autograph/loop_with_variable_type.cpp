//===- loop_with_variable_type.cpp - AutoGraph reference test, ported -----===//
//
// Loops whose carried variable changes shape (same rank): the changed
// dimensions become dynamic in the graph. Ported from
// tensorflow/python/autograph/tests/loop_with_variable_type_test.py; the
// shape_invariants of the Python tests are not needed (nor expressible):
// tf.concat becomes ag::concat, the namedtuple of
// for_with_nested_variable_shape_inside_if a second tensor. Left out: the
// tf.pad tests (padding by the current size needs m.dim(0), which is an
// error at that line while tracing once the size is dynamic), SparseTensor
// and datasets (no counterpart).
//
//===----------------------------------------------------------------------===//
#include "Harness.h"

#include <gtest/gtest.h>

using namespace ag::test;
using ag::Tensor;

static Tensor one(const Tensor &i) { return ag::reshape(i, {1}); }

AG_CONVERT Tensor while_with_variable_shape_growing_vector(Tensor n) {
  Tensor v = Tensor({0, 0});
  Tensor i = 0;
  while (i < n) {
    v = ag::concat({v, one(i)}, 0);
    i += 1;
  }
  return v;
}
AG_CONVERT Tensor for_with_variable_shape_growing_vector(Tensor l) {
  Tensor v = Tensor({0, 0});
  for (Tensor i : l)
    v = ag::concat({v, one(i)}, 0);
  return v;
}
AG_CONVERT Tensor while_with_variable_shape_growing_matrix_rows(Tensor n) {
  Tensor m = ag::zeros({1, 1}, ag::Int64);
  Tensor i = 0;
  while (i < n) {
    m = ag::concat({m, ag::reshape(i, {1, 1})}, 0);
    i += 1;
  }
  return m;
}
AG_CONVERT Tensor for_with_variable_shape_growing_matrix_cols(Tensor l) {
  Tensor m = ag::zeros({1, 2}, ag::Int64);
  for (Tensor i : l)
    m = ag::concat({m, ag::reshape(i, {1, 1})}, 1);
  return m;
}
AG_CONVERT Tensor while_with_variable_shape_inside_if(Tensor n) {
  Tensor v = Tensor({0, 0});
  Tensor i = 0;
  if (n > 1) {
    while (i < n) {
      v = ag::concat({v, one(i)}, 0);
      i += 1;
    }
  } else {
    v = Tensor({1, 2, 3});
  }
  return v;
}
AG_CONVERT Tensor for_with_nested_variable_shape_inside_if(Tensor n) {
  Tensor t = Tensor({0});
  Tensor v = Tensor({0, 0});
  if (n > 1) {
    for (Tensor i : ag::arange(5)) {
      if (i >= n)
        break;
      v = ag::concat({v, one(i)}, 0);
      t = t + 1;
    }
  } else {
    v = Tensor({1, 2, 3});
    t = Tensor({3});
  }
  return v * 10 + t;
}
AG_CONVERT Tensor while_with_variable_shape_and_break(Tensor n) {
  Tensor v = Tensor({0, 0});
  Tensor i = 0;
  if (n > 1) {
    while (i < n) {
      v = ag::concat({v, one(i)}, 0);
      i += 1;
      if (i > 3)
        break;
    }
  } else {
    v = Tensor({1, 2, 3});
  }
  return v;
}

TEST(AutoGraph, LoopWithVariableType) {
  for (int n : {0, 1, 2, 5}) {
    for (Tensor x : {s32(n), s64(n), Tensor(n)}) {
      diff("while_with_variable_shape_growing_vector",
           while_with_variable_shape_growing_vector, x);
      diff("while_with_variable_shape_growing_matrix_rows",
           while_with_variable_shape_growing_matrix_rows, x);
      diff("while_with_variable_shape_inside_if",
           while_with_variable_shape_inside_if, x);
      diff("for_with_nested_variable_shape_inside_if",
           for_with_nested_variable_shape_inside_if, x);
      diff("while_with_variable_shape_and_break",
           while_with_variable_shape_and_break, x);
    }
    diff("for_with_variable_shape_growing_vector",
         for_with_variable_shape_growing_vector, ag::arange(n));
    diff("for_with_variable_shape_growing_matrix_cols",
         for_with_variable_shape_growing_matrix_cols, ag::arange(n));
  }
}
