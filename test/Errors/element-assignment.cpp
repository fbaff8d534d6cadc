// `t[i] = v` on a variable assigns its row (ag::Tensor::Element). A row of a
// const tensor or of a temporary is a plain ag::Tensor copy: assigning to it
// or updating it would silently change nothing, so it does not compile, with
// a message saying why.
// RUN: not %cxx -std=c++17 -fsyntax-only -I%ag_include -DCONST %s 2>&1 | FileCheck %s --check-prefix=CONST
// RUN: not %cxx -std=c++17 -fsyntax-only -I%ag_include -DTEMPORARY %s 2>&1 | FileCheck %s --check-prefix=TEMPORARY
// RUN: not %cxx -std=c++17 -fsyntax-only -I%ag_include -DINCREMENT %s 2>&1 | FileCheck %s --check-prefix=INCREMENT
// RUN: %cxx -std=c++17 -fsyntax-only -I%ag_include %s

#include <ag/ag.h>

ag::Tensor f(const ag::Tensor &c, ag::Tensor t, ag::Tensor v) {
#if defined(CONST)
  c[1] = v;
  // CONST: static assertion failed{{.*}}: assigning to a temporary ag::Tensor (such as a row of a const or temporary tensor) would change a copy
#elif defined(TEMPORARY)
  (t + v)[0] += v;
  // TEMPORARY: static assertion failed{{.*}}: updating a temporary ag::Tensor (such as (a + b) += v) would change a copy: ag::Tensor has value semantics
#elif defined(INCREMENT)
  ++(t * 2);
  // INCREMENT: static assertion failed{{.*}}: updating a temporary ag::Tensor (such as ++(a + b)) would change a copy: ag::Tensor has value semantics
#endif
  // Rows of variables are assigned; named rows are copies.
  t[0] = v;
  t[0][1] += v;
  ++t[1];
  t[1]--;
  ag::Tensor row = t[0];
  auto copy = t[1];
  copy = v;
  copy += v;
  row = v;
  return t + row + copy + c;
}
