// A tensor a loop assigns and then iterates over with a range-for is not
// read through an alias: the range-for's implicit `__range` reference reads
// it once, at the loop's start. So `w` below is dead after the outer loop
// and is not carried (it used to be, conservatively). And a carried value
// the rest of the graph never reads — what the converter still carries
// when it cannot prove a variable dead — evaluates: the evaluator took it
// for a wanted region result left empty ("internal error: a region of
// 'ag.if' yielded no value", agsmith seeds 100227, 100997, 101185).
// REQUIRES: ag-runtime
// RUN: ag-convert --twins-only %s -- -std=c++17 -I%ag_include | FileCheck %s --check-prefix=TWIN
// RUN: ag-convert %s -- -std=c++17 -I%ag_include > %t.cpp
// RUN: %cxx -std=c++17 -Wall -Wextra -Werror -I%ag_include %t.cpp -o %t.exe -L%ag_obj/lib -lag -Wl,-rpath,%ag_obj/lib
// RUN: %t.exe | FileCheck %s

#include <ag/ag.h>
#include <iostream>

// TWIN-LABEL: ag_twin_firstScaledAbove(
// TWIN: ::ag::for_each_(
// TWIN-NEXT: {{[{][0-9, ]+[}]}},
// TWIN-NEXT: {::ag::dead_("w", w),
AG_CONVERT
ag::Tensor firstScaledAbove(ag::Tensor v, ag::Tensor x) {
  ag::Tensor w = v;
  for (ag::Tensor e : v) {
    w = v * e;
    for (ag::Tensor u : w)
      if (u > x)
        return u;
  }
  return x;
}

// A reference to `w` makes it live everywhere after (the analysis does not
// follow aliases), so both loops carry it, but the graph never reads it
// after the outer loop.
// TWIN-LABEL: ag_twin_carriedUnread(
// TWIN: ::ag::for_each_(
// TWIN-NEXT: {{[{][0-9, ]+[}]}},
// TWIN-NEXT: {{[{][{]}}"w", w},
// TWIN-NEXT: {"c", c},
AG_CONVERT
ag::Tensor carriedUnread(ag::Tensor v, ag::Tensor x) {
  ag::Tensor w = v, c = 0;
  const ag::Tensor &first = w;
  x = x + first[0] * 0;
  for (ag::Tensor e : v) {
    w = v * e;
    c = c + 1;
    do {
      c = c + 1;
      break;
    } while (c < 10);
    for (ag::Tensor u : w)
      if (u > x)
        return u + c;
  }
  return x;
}

int main() {
  auto v = ag::Tensor::fromVector<double>({1, 2, 3, 5}, {4});
  auto g = ag::function(&firstScaledAbove);
  auto h = ag::function(&carriedUnread);
  // CHECK: 1 1 3 3
  // CHECK-NEXT: 1 1 3 3
  // CHECK-NEXT: 3 3 5 5
  // CHECK-NEXT: 10 10 14 14
  // CHECK-NEXT: 100 100 100 100
  for (double x : {-1.0, 0.5, 2.0, 9.0, 100.0}) {
    ag::Tensor a = x;
    std::cout << firstScaledAbove(v, a) << " " << g(v, a) << " "
              << carriedUnread(v, a) << " " << h(v, a) << "\n";
  }
}
