// Paths that leave through a return, break or continue are not reads, but
// every other path still counts: a case that breaks without assigning, a
// loop left through its condition, a branch that neither returns nor
// assigns.
// RUN: not ag-convert %s -- -std=c++17 -I%ag_include 2>&1 | FileCheck %s

#include <ag/ag.h>

AG_CONVERT
ag::Tensor switchBreaks(ag::Tensor x, int mode) {
  ag::Tensor z;
  switch (mode) {
  case 0:
    break;
  default:
    z = x;
  }
  if (x > 0)
    z = z + 1;
  return z;
}
// CHECK: diag-maybe-undefined-exits.cpp:20:10: error: staged variable 'z' may be undefined here: it has no value before the 'if' at line 18

AG_CONVERT
ag::Tensor continuePath(ag::Tensor x) {
  ag::Tensor z;
  for (ag::Tensor i = 0; i < x; i += 1) {
    if (i > 2)
      z = i;
    else
      continue;
  }
  return z;
}
// CHECK: diag-maybe-undefined-exits.cpp:33:10: error: staged variable 'z' may be undefined here: it has no value before the loop at line 27

AG_CONVERT
ag::Tensor returnsOnlyInNested(ag::Tensor x) {
  ag::Tensor z;
  if (x > 0) {
    if (x > 5)
      return x;
  } else {
    z = -x;
  }
  return z;
}
// CHECK: diag-maybe-undefined-exits.cpp:46:10: error: staged variable 'z' may be undefined here: it has no value before the 'if' at line 40

// The else branch leaves through a return or a continue: after it both
// flags are staged, so nothing says that path left.
AG_CONVERT
ag::Tensor mixedJumps(ag::Tensor n) {
  ag::Tensor last = -1;
  for (ag::Tensor i = 0; i < n; i += 1) {
    ag::Tensor q;
    if (i % 5 != 4) {
      q = i * i;
    } else {
      if (i > 8)
        return i;
      else
        continue;
    }
    last = q;
  }
  return last;
}
// CHECK: diag-maybe-undefined-exits.cpp:65:12: error: staged variable 'q' may be undefined here: it has no value before the 'if' at line 57
// CHECK: 4 errors generated.
