//===- cond_basic.cpp - AutoGraph reference test, ported ------------------===//
//
// Basic conditionals: one or two variables, branch-local variables, successive
// and nested ifs. Ported from
// tensorflow/python/autograph/tests/cond_basic_test.py: each Python test
// function is an AG_CONVERT function; Python ints become weak literals,
// tf.constant inputs typed tensors.
//
//===----------------------------------------------------------------------===//
#include "Harness.h"

#include <gtest/gtest.h>

using namespace ag::test;
using ag::Tensor;

AG_CONVERT Tensor if_one_var(Tensor n) {
  Tensor i = 0;
  if (i < n)
    i += 1;
  return i;
}
AG_CONVERT Tensor if_else_one_var(Tensor n) {
  Tensor i = 0;
  if (i < n)
    i += 1;
  else
    i += 2;
  return i;
}
AG_CONVERT std::tuple<Tensor, Tensor> if_two_vars(Tensor n) {
  Tensor i = 0;
  Tensor j = 1;
  if (i < n) {
    i += 1;
    j *= 10;
  }
  return {i, j};
}
AG_CONVERT std::tuple<Tensor, Tensor> if_else_two_vars(Tensor n) {
  Tensor i = 0;
  Tensor j = 1;
  if (i < n) {
    i += 1;
    j *= 10;
  } else {
    i += 2;
    j *= 20;
  }
  return {i, j};
}
AG_CONVERT Tensor if_else_creates_var(Tensor c) {
  Tensor i;
  if (c)
    i = 1;
  else
    i = 2;
  return i;
}
AG_CONVERT Tensor if_local_var(Tensor c) {
  Tensor i = 0;
  if (c) {
    Tensor j = 1;
    i = j + 1;
  }
  return i;
}
AG_CONVERT Tensor if_else_local_var(Tensor c) {
  Tensor i = 0;
  Tensor j;
  if (c) {
    j = 1;
  } else {
    j = 2;
    i = j + 1;
  }
  return i;
}
AG_CONVERT Tensor if_locally_modified_var(Tensor c) {
  Tensor i = 0;
  Tensor j = 2;
  if (c) {
    j = j + 1;
    i = j + 1;
  }
  return i;
}
AG_CONVERT Tensor successive_ifs(Tensor n1, Tensor n2) {
  Tensor s = 0;
  Tensor i = 0;
  if (i < n1) {
    s = s * 10 + i;
    i += 1;
  }
  i = 0;
  if (i < n2) {
    s = s * 10 + i;
    i += 1;
  }
  return s;
}
AG_CONVERT Tensor successive_if_elses(Tensor n1, Tensor n2) {
  Tensor s = 0;
  Tensor i = 0;
  if (i < n1) {
    s = s * 10 + i;
    i += 1;
  } else {
    s = s * 11 + i;
    i += 2;
  }
  i = 0;
  if (i < n2) {
    s = s * 10 + i;
    i += 1;
  } else {
    s = s * 11 + i;
    i += 2;
  }
  return s;
}
AG_CONVERT Tensor nested_ifs(Tensor n1, Tensor n2) {
  Tensor i = 0;
  Tensor l = 0;
  if (i < n1) {
    Tensor j = 0;
    Tensor s = 0;
    if (j < n2) {
      s = s * 10 + i * j;
      j += 1;
    }
    l = l * 1000 + s;
    i += 1;
  }
  return l;
}
AG_CONVERT Tensor nested_if_temporarily_undefined_return(Tensor c1, Tensor c2) {
  if (c1) {
    if (c2)
      return 1;
  }
  return 2;
}
AG_CONVERT Tensor nested_if_elses(Tensor n1, Tensor n2) {
  Tensor i = 0;
  Tensor l = 0;
  if (i < n1) {
    Tensor j = 0;
    Tensor s = 0;
    if (j < n2) {
      s = s * 10 + i * j;
      j += 1;
    } else {
      s = s * 11 + i * j;
      j += 2;
    }
    l = l * 1000 + s;
    i += 1;
  } else {
    Tensor j = 0;
    Tensor s = 0;
    if (j < n2) {
      s = s * 12 + i * j;
      j += 3;
    } else {
      s = s * 13 + i * j;
      j += 4;
    }
    l = l * 2000 + s;
    i += 1;
  }
  return l;
}

TEST(AutoGraph, CondBasic) {
  std::vector<Tensor> xs = scalars({0, 1, -1, 2});
  xs.push_back(Tensor(true));
  xs.push_back(Tensor(false));
  for (Tensor n : xs) {
    diff("if_one_var", if_one_var, n);
    diff("if_else_one_var", if_else_one_var, n);
    diff("if_two_vars", if_two_vars, n);
    diff("if_else_two_vars", if_else_two_vars, n);
    diff("if_else_creates_var", if_else_creates_var, n);
    diff("if_local_var", if_local_var, n);
    diff("if_else_local_var", if_else_local_var, n);
    diff("if_locally_modified_var", if_locally_modified_var, n);
    for (Tensor m : xs) {
      diff("successive_ifs", successive_ifs, n, m);
      diff("successive_if_elses", successive_if_elses, n, m);
      diff("nested_ifs", nested_ifs, n, m);
      diff("nested_if_elses", nested_if_elses, n, m);
      diff("nested_if_temporarily_undefined_return",
           nested_if_temporarily_undefined_return, n, m);
    }
  }
}
