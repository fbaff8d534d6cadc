// Element and row assignment: `t[i] = v`, `t[i] op= v`, `++t[i]`,
// `t[i][j] = v` assign the variable `t` (ag::Tensor::Element writes the row
// and rebinds t to an ag.set_index while tracing). So `t` is listed in the
// variables of the staged if/loop around the assignment (merged or carried
// like after `t = ...`), the statement gets its ::ag::at (named after `t`),
// and only reads of a row are wrapped in ::ag::sub_. ag::stack of a staged
// list with a declared element type stays as written.
// RUN: cd %S && ag-convert --twins-only element-assignment.cpp -- -std=c++17 -I%ag_include | FileCheck %s --strict-whitespace
// RUN: ag-convert %s -- -std=c++17 -I%ag_include | %cxx -std=c++17 -fsyntax-only -Wall -Wextra -Werror -I%ag_include -x c++ -

#include <ag/ag.h>
#include <vector>

AG_CONVERT
ag::Tensor prefix(ag::Tensor x, ag::Tensor n) {
  for (ag::Tensor i = 1; i < n; ++i)
    x[i] = x[i - 1] + x[i];
  return x;
}

AG_CONVERT
ag::Tensor swapped(ag::Tensor v, ag::Tensor i, ag::Tensor j) {
  if (v[i] > v[j]) {
    ag::Tensor tmp = v[i];
    v[i] = v[j];
    v[j] = tmp;
  }
  return v;
}

AG_CONVERT
ag::Tensor histogram(ag::Tensor n) {
  ag::Tensor h = {0, 0, 0};
  while (n > 0) {
    h[n % 3] += 1;
    ++h[0];
    n = n - 1;
  }
  return h;
}

AG_CONVERT
ag::Tensor nested(ag::Tensor m, ag::Tensor c) {
  if (c)
    m[0][1] = 5;
  return m;
}

AG_CONVERT
ag::Tensor evens(ag::Tensor v) {
  std::vector<ag::Tensor> out;
  for (ag::Tensor c : v)
    if (c % 2 == 0)
      out.push_back(c);
  return ag::stack(out, ag::Int64);
}

// CHECK-LABEL: ag::Tensor ag_twin_prefix(ag::Tensor x, ag::Tensor n) {
// CHECK:         {{\{}}{"x", x}, {"i", i}},
// CHECK:           ::ag::at({17, 5, 17, 26, "x"});
// CHECK-NEXT:      x[i] = ::ag::sub_({17, 12, 17, 19}, x[i - 1]) +
// CHECK-NEXT:             ::ag::sub_({17, 23, 17, 26}, x[i]);

// CHECK-LABEL: ag::Tensor ag_twin_swapped(ag::Tensor v, ag::Tensor i, ag::Tensor j) {
// CHECK:         {23, 3, 23, 18}, {{\{}}{"v", v}},
// CHECK:           ::ag::at({25, 5, 25, 15, "v"});
// CHECK-NEXT:      v[i] = ::ag::sub_({25, 12, 25, 15}, v[j]);
// CHECK-NEXT:      ::ag::at({26, 5, 26, 14, "v"});
// CHECK-NEXT:      v[j] = tmp;

// CHECK-LABEL: ag::Tensor ag_twin_histogram(ag::Tensor n) {
// CHECK:         {34, 3, 34, 14}, {{\{}}{"h", h}, {"n", n}},
// CHECK:           ::ag::at({35, 5, 35, 17, "h"});
// CHECK-NEXT:      h[n % 3] += 1;
// CHECK-NEXT:      ::ag::at({36, 5, 36, 10, "h"});
// CHECK-NEXT:      ++h[0];

// CHECK-LABEL: ag::Tensor ag_twin_nested(ag::Tensor m, ag::Tensor c) {
// CHECK:         ::ag::if_({44, 3, 44, 8}, {{\{}}{"m", m}}, c, [&] {
// CHECK:           ::ag::at({45, 5, 45, 15, "m"});
// CHECK-NEXT:      m[0][1] = 5;

// CHECK-LABEL: ag::Tensor ag_twin_evens(ag::Tensor v) {
// CHECK:         ::ag::TensorList out;
// CHECK:         return ag::stack(out, ag::Int64);
