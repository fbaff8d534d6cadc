// `t[i] = v` would assign to a copy of the row (ag::Tensor has value
// semantics; operator[] returns a new tensor) and silently change nothing,
// eagerly and in a graph. Assigning to or updating a temporary tensor does
// not compile, with a message saying why; assigning to a variable still does.
// RUN: not %cxx -std=c++17 -fsyntax-only -I%ag_include -DASSIGN %s 2>&1 | FileCheck %s --check-prefix=ASSIGN
// RUN: not %cxx -std=c++17 -fsyntax-only -I%ag_include -DUPDATE %s 2>&1 | FileCheck %s --check-prefix=UPDATE
// RUN: not %cxx -std=c++17 -fsyntax-only -I%ag_include -DINCREMENT %s 2>&1 | FileCheck %s --check-prefix=INCREMENT
// RUN: %cxx -std=c++17 -fsyntax-only -I%ag_include %s

#include <ag/ag.h>

ag::Tensor f(ag::Tensor t, ag::Tensor v) {
#if defined(ASSIGN)
  t[1] = v;
  // ASSIGN: static assertion failed: assigning to a temporary ag::Tensor (such as t[i] = v) would change a copy, not t
#elif defined(UPDATE)
  t[0][1] += v;
  // UPDATE: static assertion failed: updating a temporary ag::Tensor (such as t[i] += v) would change a copy, not t
#elif defined(INCREMENT)
  ++t[0];
  // INCREMENT: static assertion failed: updating a temporary ag::Tensor (such as ++t[i]) would change a copy, not t
#endif
  // Variables (and rows copied into them) are assigned as usual.
  ag::Tensor row = t[0];
  row = v;
  row += v;
  ++row;
  t = row;
  return t;
}
