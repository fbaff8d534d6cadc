// A sub-expression whose op can fail when the graph runs (integer / and %,
// a tensor index, ag::stack of a staged list) is wrapped in ::ag::sub_ with
// its own range, so an evaluation error's caret covers it rather than the
// whole statement. Division by a nonzero literal cannot fail and stays as
// written; so does an expression that is the statement's whole range.
// RUN: cd %S && ag-convert --twins-only fallible-subexpressions.cpp -- -std=c++17 -I%ag_include | FileCheck %s --strict-whitespace --match-full-lines
// RUN: ag-convert %s -- -std=c++17 -I%ag_include | %cxx -std=c++17 -fsyntax-only -Wall -Wextra -Werror -I%ag_include -x c++ -

#include <ag/ag.h>

#define HALF(x) ((x) / 2)

AG_CONVERT
ag::Tensor mix(ag::Tensor a, ag::Tensor b, ag::Tensor t) {
  ag::Tensor y = a + a / b;
  y = y + a % b * 3;
  y = y + a / 2 + a % 3 + a / 2.5;
  y = y + t[b] * 2;
  y += HALF(a);
  y /= b;
  ag::Tensor z = a / b;
  return z + y / 0;
}

// CHECK-LABEL:ag::Tensor ag_twin_mix(ag::Tensor a, ag::Tensor b, ag::Tensor t) {
// CHECK-NEXT:  ::ag::FunctionScope ag_scope("mix", ag_source_file, 14, 12, {"a", "b", "t"});
// CHECK-NEXT:  ::ag::at({15, 18, 15, 26, "y"});
// CHECK-NEXT:  ag::Tensor y = a + ::ag::sub_({15, 22, 15, 26}, a / b);
// CHECK-NEXT:  ::ag::at({16, 3, 16, 19, "y"});
// CHECK-NEXT:  y = y + ::ag::sub_({16, 11, 16, 15}, a % b) * 3;
// CHECK-NEXT:  ::ag::at({17, 3, 17, 33, "y"});
// CHECK-NEXT:  y = y + a / 2 + a % 3 + a / 2.5;
// CHECK-NEXT:  ::ag::at({18, 3, 18, 18, "y"});
// CHECK-NEXT:  y = y + ::ag::sub_({18, 11, 18, 14}, t[b]) * 2;
// CHECK-NEXT:  ::ag::at({19, 3, 19, 14, "y"});
// CHECK-NEXT:  y += HALF(a);
// CHECK-NEXT:  ::ag::at({20, 3, 20, 8, "y"});
// CHECK-NEXT:  y /= b;
// CHECK-NEXT:  ::ag::at({21, 18, 21, 22, "z"});
// CHECK-NEXT:  ag::Tensor z = a / b;
// CHECK-NEXT:  ::ag::at({22, 10, 22, 18});
// CHECK-NEXT:  ::ag::detail::bind_({{[{][{]}}"y", y}, {"z", z}});
// CHECK-NEXT:  return z + ::ag::sub_({22, 14, 22, 18}, y / 0);
// CHECK-NEXT:}
