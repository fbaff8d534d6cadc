// An out-parameter and another reference parameter bound to the same
// variable (`ag::function(&step)(w, w, lr)`): eagerly the write to `w` is
// seen through `grad`, while the graph took both values at the call. Before
// this check the graph silently returned another value (w - 2 * lr * w
// against the eager w - lr * w - lr * (w - lr * w)); now ag::function
// refuses the call. A by-value parameter is a copy eagerly too: no error.
// REQUIRES: ag-runtime
// RUN: ag-convert %s -- -std=c++17 -I%ag_include > %t.cpp
// RUN: %cxx -std=c++17 -Wall -Wextra -Werror -I%ag_include %t.cpp -o %t.exe -L%ag_obj/lib -lag -Wl,-rpath,%ag_obj/lib
// RUN: %t.exe | FileCheck %s

#include <ag/ag.h>
#include <cstdio>

AG_CONVERT
void step(ag::Tensor &w, const ag::Tensor &grad, double lr) {
  w = w - lr * grad;
  if (ag::abs(grad) > 1)
    w = w - lr * grad;
}

AG_CONVERT
void clampTo(ag::Tensor &x, ag::Tensor bound) {
  if (x > bound)
    x = bound;
  x = x + bound;
}

int main() {
  ag::Tensor w = 3.0;
  try {
    ag::function(&step)(w, w, 0.25);
    printf("no error\n");
  } catch (const ag::Error &e) {
    printf("%s\n", e.what());
  }
  // CHECK: ag::function: argument 1 (an ag::Tensor& out-parameter) and argument 2 are the same variable; eagerly the function would see its writes to one through the other, while a graph takes each argument's value at the call: pass a copy
  ag::Tensor copy = w;
  ag::function(&step)(w, copy, 0.25);
  printf("%g\n", w.item<double>());
  // CHECK-NEXT: 1.5
  ag::Tensor y = 2.0;
  ag::function(&clampTo)(y, y);
  printf("%g\n", y.item<double>());
  // CHECK-NEXT: 4
}
