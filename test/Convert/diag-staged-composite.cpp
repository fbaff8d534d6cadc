// A local struct or pair whose number part holds a staged value is held
// part by part as tensors in the twin (staged-composite-numbers-e2e.cpp):
// using it as a whole, or initializing it from anything but a braced list
// or one value per part, is an error at its line.
// RUN: not ag-convert %s -- -std=c++17 -I%ag_include 2>&1 | FileCheck %s

#include <ag/ag.h>
#include <utility>

struct Acc {
  double sum;
  int n;
};
double finish(const Acc &a);
Acc start();

AG_CONVERT double f(ag::Tensor x) {
  Acc a{};
  Acc b = start();
  if (x > 0) {
    a.sum += x.item<double>();
    b.n = 2;
  }
  return finish(a) + b.n;
}

// CHECK-DAG: diag-staged-composite.cpp:19:7: error: initializing 'b' other than with {...} or one value per part
// CHECK-DAG: diag-staged-composite.cpp:24:17: error: using 'a' as a whole: a number part of it holds a value known only when the graph runs
