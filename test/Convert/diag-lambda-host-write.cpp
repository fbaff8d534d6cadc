// A lambda declared before a staged construct and called inside it runs
// once while tracing: a host variable it writes through a capture (by
// reference, or a mutable lambda's copy) would change once, not at each
// evaluation. Before this check, `count` below returned x + 1 for every x
// as a graph (x + (x > 0) eagerly), and the mutable counter and the
// accumulator were silently wrong too. Writes to no capture, reads, and
// calls outside staged control flow stay fine.
// RUN: not ag-convert %s -- -std=c++17 -I%ag_include 2>&1 | FileCheck %s --strict-whitespace --match-full-lines

#include <ag/ag.h>

AG_CONVERT
ag::Tensor count(ag::Tensor x) {
  int n = 0;
  auto bump = [&]() { n += 1; };
  bump();
  if (x > 0)
    bump();
  return x + n;
}

AG_CONVERT
ag::Tensor sum(ag::Tensor x) {
  double total = 0;
  auto add = [&total](double v) { total += v; };
  auto twice = [](ag::Tensor y) { return y * 2; };
  for (ag::Tensor i = 0; i < x; i += 1)
    x = twice(x) - 1 + (add(0.5), 0);
  return x * total;
}

AG_CONVERT
ag::Tensor calls(ag::Tensor x) {
  int k = 0;
  auto next = [k]() mutable { return ++k; };
  while (x > 0)
    x = x - next();
  return x;
}

// CHECK:{{.*}}diag-lambda-host-write.cpp:15:23: error: lambda 'bump' modifies captured host variable 'n' and is called under staged control flow; the write would happen once while tracing, not at each evaluation (return the new value from the lambda and assign it at the call)
// CHECK-NEXT:   15 |   auto bump = [&]() { n += 1; };
// CHECK-NEXT:      |                       ^
// CHECK-NEXT:{{.*}}diag-lambda-host-write.cpp:18:5: note: 'bump' is called here, under staged control flow
// CHECK-NEXT:   18 |     bump();
// CHECK-NEXT:      |     ^~~~
// CHECK-NEXT:{{.*}}diag-lambda-host-write.cpp:17:3: note: this 'if' is staged because its condition has type ag::Tensor
// CHECK-NEXT:   17 |   if (x > 0)
// CHECK-NEXT:      |   ^
// CHECK-NEXT:{{.*}}diag-lambda-host-write.cpp:25:35: error: lambda 'add' modifies captured host variable 'total' and is called under staged control flow; the write would happen once while tracing, not at each evaluation (return the new value from the lambda and assign it at the call)
// CHECK-NEXT:   25 |   auto add = [&total](double v) { total += v; };
// CHECK-NEXT:      |                                   ^~~~~
// CHECK-NEXT:{{.*}}diag-lambda-host-write.cpp:28:25: note: 'add' is called here, under staged control flow
// CHECK-NEXT:   28 |     x = twice(x) - 1 + (add(0.5), 0);
// CHECK-NEXT:      |                         ^~~
// CHECK-NEXT:{{.*}}diag-lambda-host-write.cpp:27:3: note: this loop is staged because its condition has type ag::Tensor
// CHECK-NEXT:   27 |   for (ag::Tensor i = 0; i < x; i += 1)
// CHECK-NEXT:      |   ^
// CHECK-NEXT:{{.*}}diag-lambda-host-write.cpp:35:40: error: lambda 'next' modifies captured host variable 'k' and is called under staged control flow; the write would happen once while tracing, not at each evaluation (return the new value from the lambda and assign it at the call)
// CHECK-NEXT:   35 |   auto next = [k]() mutable { return ++k; };
// CHECK-NEXT:      |                                        ^
// CHECK-NEXT:{{.*}}diag-lambda-host-write.cpp:37:13: note: 'next' is called here, under staged control flow
// CHECK-NEXT:   37 |     x = x - next();
// CHECK-NEXT:      |             ^~~~
// CHECK-NEXT:{{.*}}diag-lambda-host-write.cpp:36:3: note: this loop is staged because its condition has type ag::Tensor
// CHECK-NEXT:   36 |   while (x > 0)
// CHECK-NEXT:      |   ^
// CHECK-NEXT:3 errors generated.
