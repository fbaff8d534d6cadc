// A weak literal keeps its own dtype eagerly until it meets a typed value, so
// after a staged if or loop its dtype can depend on the path taken. The graph
// gives such a variable the typed path's dtype; where that changes a value
// the eager code computes on the other path, tracing stops at the use (or at
// the literal, for a returned value). These were silently different values.
// REQUIRES: ag-convert, ag-runtime
// RUN: ag-convert %s -o %t.cpp -- -std=c++17 -I%ag_include %ag_driver
// RUN: %cxx -std=c++17 -I%ag_include %ag_driver %t.cpp -o %t %ag_link
// RUN: not %t 0 2>&1 | FileCheck %s -DFILE=%s --check-prefix=BRANCH --match-full-lines
// RUN: not %t 1 2>&1 | FileCheck %s -DFILE=%s --check-prefix=RETURN --match-full-lines
// RUN: not %t 2 2>&1 | FileCheck %s -DFILE=%s --check-prefix=FIRST --match-full-lines
// RUN: not %t 3 2>&1 | FileCheck %s -DFILE=%s --check-prefix=ROUNDED --match-full-lines
// RUN: not %t 5 2>&1 | FileCheck %s -DFILE=%s --check-prefix=TERNARY --match-full-lines
// RUN: %t 4 | FileCheck %s --check-prefix=OK

#include "Driver.h"

AG_CONVERT
ag::Tensor pathWeak(ag::Tensor v, int variant) {
  if (variant == 0) {
    ag::Tensor x = 3;
    if (v[0] > 0)
      x = 2.5;
    return x / 2; // 1 eagerly when v[0] <= 0, 1.5 in a float64 graph
  }
  if (variant == 1) {
    ag::Tensor s = 0.1; // 0.1 eagerly for an empty v: not a float32
    for (ag::Tensor c : v)
      s = s + c;
    return s;
  }
  if (variant == 2) {
    ag::Tensor x = 3;
    ag::Tensor y = 0.0;
    ag::Tensor i = 0;
    while (i < 2) {
      y = y + x / 2; // int64 division in the first iteration
      x = x * 0.5;
      i = i + 1;
    }
    return y;
  }
  if (variant == 3) {
    ag::Tensor best = -1e300;
    for (ag::Tensor c : v)
      if (c > best)
        best = c;
    return best + 0.0; // a float64 -1e300 when no element is greater
  }
  if (variant == 5) {
    ag::Tensor y = v[1] > 0 ? ag::Tensor(v[0]) : 7;
    return y / 2; // 3 eagerly (int64) when v[1] <= 0
  }
  // Exact on every path: the weak 0 is 0 as a float32 too.
  ag::Tensor s = 0;
  for (ag::Tensor c : v)
    s = s + c;
  return s * 2;
}

int main(int argc, char **argv) {
  agtest::Options o = agtest::parse(argc, argv);
  int variant = static_cast<int>(o.ints.at(0));
  return agtest::run(o, [&] {
    ag::Tensor v = ag::cast(ag::Tensor({1.5, -2.0}), ag::Float32);
    // A declared dynamic length: the loops may run no iteration (a static
    // non-zero length would rule that path out).
    return ag::function(&pathWeak, {ag::spec(ag::Float32, {ag::dyn})})(
        v, variant);
  });
}

// OK:result = -1

//      BRANCH:[[FILE]]:24:12: error: eagerly 'x' is still the int64 literal 3 when the if at line 22 takes its else branch, and there this gives int64 1, not float64 1.5 as in the graph; give the literal the dtype it has on the other path (3.0 for 3, 0.5f for 0.5) or ag::cast it
// BRANCH-NEXT:    return x / 2; // 1 eagerly when v[0] <= 0, 1.5 in a float64 graph
// BRANCH-NEXT:           ^~~~~
// BRANCH-NEXT:[[FILE]]:21:20: note: 'x' gets that value here

//      RETURN:[[FILE]]:27:20: error: the function returns this value, but eagerly 's' is still the float64 literal 0.1 when the loop at line 28 runs no iteration, which is not exactly float32 (its dtype on the other path and in the graph); give the literal the dtype it has on the other path (3.0 for 3, 0.5f for 0.5) or ag::cast it
// RETURN-NEXT:    ag::Tensor s = 0.1; // 0.1 eagerly for an empty v: not a float32

//      FIRST:[[FILE]]:37:7: error: eagerly 'x' is still the int64 literal 3 in the first iteration of the loop at line 36, and there this gives int64 1, not float64 1.5 as in the graph; give the literal the dtype it has on the other path (3.0 for 3, 0.5f for 0.5) or ag::cast it
// FIRST-NEXT:      y = y + x / 2; // int64 division in the first iteration

//      ROUNDED:[[FILE]]:48:12: error: eagerly 'best' is still the float64 literal -1e+300 when the loop at line 45 runs no iteration, and there this gives float64 -1e+300, not float32 -inf as in the graph; give the literal the dtype it has on the other path (3.0 for 3, 0.5f for 0.5) or ag::cast it
// ROUNDED-NEXT:    return best + 0.0; // a float64 -1e300 when no element is greater

//      TERNARY:[[FILE]]:52:12: error: eagerly the value of the '?:' is still the int64 literal 7 when the ?: at line 51 takes its else branch, and there this gives int64 3, not float32 3.5 as in the graph; give the literal the dtype it has on the other path (3.0 for 3, 0.5f for 0.5) or ag::cast it
// TERNARY-NEXT:    return y / 2; // 3 eagerly (int64) when v[1] <= 0
