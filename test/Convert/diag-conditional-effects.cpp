// An operand of a staged &&, || or ?: runs only on some paths. Tensors,
// staged numbers and pairs of tensors it assigns are merged after it like a
// staged if's (conditional-effects-e2e.cpp); any other variable it modifies
// (a host struct, a container) would be modified on every path in the
// graph: an error at the modified operand. A staged ?: assigned to would
// modify a temporary. The always-evaluated parts (the left operand, the
// condition) may modify anything.
// RUN: not ag-convert %s -- -std=c++17 -I%ag_include 2>&1 | FileCheck %s --strict-whitespace --match-full-lines

#include <ag/ag.h>
#include <vector>

struct Counter {
  int count = 0;
};

AG_CONVERT
ag::Tensor f(ag::Tensor a, ag::Tensor b, ag::Tensor c) {
  ag::Tensor x = 0, y = 0;
  int calls = 0;
  Counter s;
  std::vector<int> seen;
  if (a > 0 && (b = c) > 0)
    x = 1;
  ag::Tensor t = a > 1 ? x += 1 : y;
  (a > 2 ? x : y) += 5;
  ag::Tensor u = a < 0 || ++calls > 2;
  ag::Tensor v = a < 0 ? ag::Tensor(s.count++) : b;
  ag::Tensor w = (x = a) > 0 && b > 0; // left operand: always evaluated
  ag::Tensor z = a > 3 && (seen.push_back(1), b > 0);
  return x + y + t + u + v + w + z;
}

// CHECK:{{.*}}diag-conditional-effects.cpp:26:4: error: a staged '?:' cannot be assigned to or modified: in the graph it is a new value, not one of its operands (use a staged if)
// CHECK-NEXT:   26 |   (a > 2 ? x : y) += 5;
// CHECK-NEXT:      |    ^~~~~~~~~~~~~
// CHECK-NEXT:{{.*}}diag-conditional-effects.cpp:28:37: error: 's' is modified in a branch of a staged '?:', which runs only on some paths; the graph cannot keep that effect conditional (assign before the expression, or use a staged if)
// CHECK-NEXT:   28 |   ag::Tensor v = a < 0 ? ag::Tensor(s.count++) : b;
// CHECK-NEXT:      |                                     ^
// CHECK-NEXT:{{.*}}diag-conditional-effects.cpp:30:28: error: 'seen' is modified in the right operand of a staged '&&', which runs only on some paths; the graph cannot keep that effect conditional (assign before the expression, or use a staged if)
// CHECK-NEXT:   30 |   ag::Tensor z = a > 3 && (seen.push_back(1), b > 0);
// CHECK-NEXT:      |                            ^~~~
// CHECK-NEXT:3 errors generated.
