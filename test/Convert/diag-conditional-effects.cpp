// An operand of a staged &&, || or ?: that runs only on some paths is traced
// unconditionally, so a modification inside it would happen on every path
// in the graph: an error at the modified operand. A staged ?: assigned to
// would modify a temporary. The always-evaluated parts (the left operand,
// the condition) may modify variables.
// RUN: not ag-convert %s -- -std=c++17 -I%ag_include 2>&1 | FileCheck %s --strict-whitespace --match-full-lines

#include <ag/ag.h>

struct Counter {
  int count = 0;
};

AG_CONVERT
ag::Tensor f(ag::Tensor a, ag::Tensor b, ag::Tensor c) {
  ag::Tensor x = 0, y = 0;
  int calls = 0;
  Counter s;
  if (a > 0 && (b = c) > 0)
    x = 1;
  ag::Tensor t = a > 1 ? x += 1 : y;
  (a > 2 ? x : y) += 5;
  ag::Tensor u = a < 0 || ++calls > 2;
  ag::Tensor v = a < 0 ? ag::Tensor(s.count++) : b;
  ag::Tensor w = (x = a) > 0 && b > 0; // left operand: always evaluated
  return x + y + t + u + v + w;
}

// CHECK:{{.*}}diag-conditional-effects.cpp:19:17: error: 'b' is modified in the right operand of a staged '&&', which runs only on some paths; the graph cannot keep that effect conditional (assign before the expression, or use a staged if)
// CHECK-NEXT:   19 |   if (a > 0 && (b = c) > 0)
// CHECK-NEXT:      |                 ^
// CHECK-NEXT:{{.*}}diag-conditional-effects.cpp:21:26: error: 'x' is modified in a branch of a staged '?:', which runs only on some paths; the graph cannot keep that effect conditional (assign before the expression, or use a staged if)
// CHECK-NEXT:   21 |   ag::Tensor t = a > 1 ? x += 1 : y;
// CHECK-NEXT:      |                          ^
// CHECK-NEXT:{{.*}}diag-conditional-effects.cpp:22:4: error: a staged '?:' cannot be assigned to or modified: in the graph it is a new value, not one of its operands (use a staged if)
// CHECK-NEXT:   22 |   (a > 2 ? x : y) += 5;
// CHECK-NEXT:      |    ^~~~~~~~~~~~~
// CHECK-NEXT:{{.*}}diag-conditional-effects.cpp:23:29: error: 'calls' is modified in the right operand of a staged '||', which runs only on some paths; the graph cannot keep that effect conditional (assign before the expression, or use a staged if)
// CHECK-NEXT:   23 |   ag::Tensor u = a < 0 || ++calls > 2;
// CHECK-NEXT:      |                             ^~~~~
// CHECK-NEXT:{{.*}}diag-conditional-effects.cpp:24:37: error: 's' is modified in a branch of a staged '?:', which runs only on some paths; the graph cannot keep that effect conditional (assign before the expression, or use a staged if)
// CHECK-NEXT:   24 |   ag::Tensor v = a < 0 ? ag::Tensor(s.count++) : b;
// CHECK-NEXT:      |                                     ^
// CHECK-NEXT:5 errors generated.
