// The twin rebinds loop-carried and branch-merged variables, so their
// address or a non-const reference to them must not escape.
// RUN: not ag-convert %s -- -std=c++17 -I%ag_include 2>&1 | FileCheck %s --strict-whitespace --match-full-lines

#include <ag/ag.h>

void consume(ag::Tensor *p);

AG_CONVERT
ag::Tensor f(ag::Tensor x) {
  ag::Tensor acc = 0;
  while (x > 0) {
    acc += x;
    x -= 1;
  }
  consume(&acc);
  return acc;
}

AG_CONVERT
ag::Tensor g(ag::Tensor x) {
  ag::Tensor y = 1;
  if (x > 0)
    y = x;
  ag::Tensor &alias = y;
  const ag::Tensor &view = y; // const: fine
  return alias + view;
}

// Only read through the pointer after the if: 'x' is merged all the same.
AG_CONVERT
ag::Tensor h(ag::Tensor n, ag::Tensor m) {
  ag::Tensor x = m;
  const ag::Tensor *p = &x;
  if (n > 0)
    x = x * 3;
  return *p;
}

// CHECK:{{.*}}diag-escape.cpp:16:11: error: taking the address of 'acc' is not supported: it is carried by a staged loop, so the twin rebinds it
// CHECK-NEXT:   16 |   consume(&acc);
// CHECK-NEXT:      |           ^~~~
// CHECK-NEXT:{{.*}}diag-escape.cpp:12:3: note: staged loop here
// CHECK-NEXT:   12 |   while (x > 0) {
// CHECK-NEXT:      |   ^
// CHECK-NEXT:{{.*}}diag-escape.cpp:25:15: error: binding non-const reference 'alias' to 'y' is not supported: 'y' is merged after a staged 'if', so the twin rebinds it
// CHECK-NEXT:   25 |   ag::Tensor &alias = y;
// CHECK-NEXT:      |               ^       ~
// CHECK-NEXT:{{.*}}diag-escape.cpp:23:3: note: staged 'if' here
// CHECK-NEXT:   23 |   if (x > 0)
// CHECK-NEXT:      |   ^
// CHECK-NEXT:{{.*}}diag-escape.cpp:34:25: error: taking the address of 'x' is not supported: it is merged after a staged 'if', so the twin rebinds it
// CHECK-NEXT:   34 |   const ag::Tensor *p = &x;
// CHECK-NEXT:      |                         ^~
// CHECK-NEXT:{{.*}}diag-escape.cpp:35:3: note: staged 'if' here
// CHECK-NEXT:   35 |   if (n > 0)
// CHECK-NEXT:      |   ^
// CHECK-NEXT:3 errors generated.
