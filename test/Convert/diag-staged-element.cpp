// An element of a std::vector<ag::Tensor> chosen by a number known only when
// the graph runs is read from the stacked elements (ag::detail::element_);
// modifying it, or binding a non-const reference to it, would change a
// temporary: an error at its line. Indexing a host container other than a
// std::vector<ag::Tensor> with such a number says what to do instead.
// RUN: not ag-convert %s -- -std=c++17 -I%ag_include 2>&1 | FileCheck %s --strict-whitespace --match-full-lines
// RUN: not ag-convert %s -- -std=c++17 -DHOST_VECTOR -I%ag_include 2>&1 | FileCheck %s --check-prefix=HOST

#include <ag/ag.h>
#include <vector>

#ifndef HOST_VECTOR
AG_CONVERT
ag::Tensor f(ag::Tensor x, std::vector<ag::Tensor> v) {
  int k = 0;
  if (x > 0)
    k = 2;
  v[k] = x;
  v.at(k) += 1.0;
  ag::Tensor &r = v[k];
  const ag::Tensor &fine = v[k];
  return x + r + fine;
}
// CHECK:{{.*}}diag-staged-element.cpp:18:3: error: modifying (or binding a non-const reference to) an element of a std::vector<ag::Tensor> chosen by a number known only when the graph runs (the twin reads the stacked elements; keep the values in an ag::Tensor and assign its row) is not supported in a converted function
// CHECK-NEXT:   18 |   v[k] = x;
// CHECK:{{.*}}diag-staged-element.cpp:19:3: error: modifying (or binding{{.*}}
// CHECK-NEXT:   19 |   v.at(k) += 1.0;
// CHECK:{{.*}}diag-staged-element.cpp:20:19: error: modifying (or binding{{.*}}
// CHECK-NEXT:   20 |   ag::Tensor &r = v[k];
// CHECK-NOT: error
// CHECK:3 errors generated.
#else
AG_CONVERT
ag::Tensor g(ag::Tensor x, std::vector<double> w) {
  int k = 0;
  while (x > 1) {
    x = x / 2;
    ++k;
  }
  return x * w[k];
}
// HOST: diag-staged-element.cpp:[[@LINE-2]]:16: error: this staged number (of type 'int') cannot be an operand of an operator of a host object: it exists only when the graph runs, not while tracing; index an ag::Tensor instead (ag::stack(v)[i] for a std::vector<ag::Tensor>)
#endif
