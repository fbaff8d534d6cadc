// Staged ifs and loops inside the cases of a switch on a host value (the
// switch picks its case while tracing; each staged construct in the case is
// one call that stays inside it): fallthrough, a default in the middle, a
// case with braces and declarations, staged loops with their own break
// flags directly under a case label (the twin scopes them so that a later
// label does not jump past the flag's declaration), a switch in a staged
// loop, nested switches. Jumps that would leave the switch from staged
// control flow are diag-switch-body.cpp.
// REQUIRES: ag-runtime
// RUN: ag-convert %s -- -std=c++17 -I%ag_include > %t.cpp
// RUN: FileCheck --check-prefix=TWIN %s < %t.cpp
// RUN: %cxx -std=c++17 -Wall -Wextra -Werror -I%ag_include %t.cpp -o %t.exe -L%ag_obj/lib -lag -Wl,-rpath,%ag_obj/lib
// RUN: %t.exe eager > %t.eager
// RUN: %t.exe graph > %t.graph
// RUN: diff %t.eager %t.graph
// RUN: FileCheck %s < %t.graph

#include <ag/ag.h>
#include <cstdio>
#include <cstring>

enum Mode { Clamp = 0, Wrap = 1, Count = 2, Twice = 3 };

// fallthrough, default in the middle, braces with declarations, staged loop
// with its own break inside a case.
AG_CONVERT ag::Tensor process(ag::Tensor x, int mode) {
  ag::Tensor r = x;
  switch (mode) {
  case Twice:
    if (r < 0)
      r = -r;
    [[fallthrough]];
  case Clamp: {
    ag::Tensor hi = ag::Tensor(5.0);
    if (r > hi)
      r = hi;
    else if (r < -hi)
      r = -hi;
    break;
  }
  default:
    r = r + 1000;
    break;
  case Wrap:
    while (r >= 3.0) {
      r = r - 3.0;
      if (r < 1.0)
        break;
    }
    break;
  case Count: {
    ag::Tensor n = 0;
    for (ag::Tensor i = 0; i < r; i += 1) {
      if (i > 7)
        break;
      n += 1;
    }
    r = n;
  }
  }
  return r * 2;
}

// switch inside a staged loop, staged if in the cases
AG_CONVERT ag::Tensor machine(ag::Tensor steps) {
  ag::Tensor s = 0, acc = 0;
  int phase = 0;
  ag::Tensor k = 0;
  while (k < steps) {
    switch (phase) {
    case 0:
      if (acc > 10)
        acc = acc - 10;
      else
        acc = acc + 3;
      break;
    case 1:
      acc = acc * 2;
      break;
    }
    s += acc;
    k += 1;
  }
  return s;
}

// nested host switch with staged if innermost
AG_CONVERT ag::Tensor nested(ag::Tensor x, int a, int b) {
  ag::Tensor r = 0;
  switch (a) {
  case 0:
    switch (b) {
    case 0:
      if (x > 0) r = x; else r = -x;
      break;
    default:
      r = x * b;
    }
    break;
  default:
    if (x > a) r = x - a;
  }
  return r;
}

int main(int argc, char **argv) {
  bool graph = argc > 1 && !std::strcmp(argv[1], "graph");
#define RUN(f, ...) (graph ? ag::function(&f)(__VA_ARGS__) : f(__VA_ARGS__))
  for (double x : {-9.0, -2.0, 1.5, 4.0, 11.0})
    std::printf("process %g: %s %s %s %s %s\n", x,
                ag::toString(RUN(process, ag::Tensor(x), 0)).c_str(),
                ag::toString(RUN(process, ag::Tensor(x), 1)).c_str(),
                ag::toString(RUN(process, ag::Tensor(x), 2)).c_str(),
                ag::toString(RUN(process, ag::Tensor(x), 3)).c_str(),
                ag::toString(RUN(process, ag::Tensor(x), 7)).c_str());
  for (int n : {0, 1, 4, 9})
    std::printf("machine %d: %s\n", n,
                ag::toString(RUN(machine, ag::Tensor(n))).c_str());
  for (double x : {-3.0, 2.0})
    std::printf("nested %g: %s %s %s %s\n", x,
                ag::toString(RUN(nested, ag::Tensor(x), 0, 0)).c_str(),
                ag::toString(RUN(nested, ag::Tensor(x), 0, 4)).c_str(),
                ag::toString(RUN(nested, ag::Tensor(x), 1, 0)).c_str(),
                ag::toString(RUN(nested, ag::Tensor(x), 1, 4)).c_str());
}

// TWIN:      case Wrap: {
// TWIN-NEXT:   ::ag::Tensor ag_break_1 = false;
// TWIN-NEXT:   ::ag::while_(

// CHECK: process -9: -10 -18 0 10 1982
// CHECK-NEXT: process -2: -4 -4 0 4 1996
// CHECK-NEXT: process 1.5: 3 3 4 3 2003
// CHECK-NEXT: process 4: 8 2 8 8 2008
// CHECK-NEXT: process 11: 10 4 16 10 2022
// CHECK-NEXT: machine 0: 0
// CHECK-NEXT: machine 1: 3
// CHECK-NEXT: machine 4: 30
// CHECK-NEXT: machine 9: 57
// CHECK-NEXT: nested -3: 3 -12 0 0
// CHECK-NEXT: nested 2: 2 8 1 1
