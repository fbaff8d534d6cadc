// ag::function calls through a function pointer, which has no default
// arguments: leaving one out is one clear compile error, not a cascade.
// RUN: not %cxx -std=c++17 -fsyntax-only -I%ag_include %s 2>&1 | FileCheck %s

#include <ag/ag.h>

ag::Tensor scaled(ag::Tensor x, double k = 2.0);

int main() { return ag::function(&scaled)(6).rank(); }

// CHECK: error: static assertion failed: ag::function: wrong number of arguments (default arguments are not part of a function pointer: pass every argument)
// CHECK-NOT: error:
