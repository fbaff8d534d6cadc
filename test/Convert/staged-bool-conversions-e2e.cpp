// A tensor condition converted to a C++ bool outside a condition:
// `static_cast<bool>(t)`, `(bool)t`, `bool(t)`, `bool b(t)`, `bool b{t}`
// (ag::Tensor's operator bool is explicit, so `bool b = t;` is no C++).
// Eagerly each reads the scalar's truth, as `t.item<bool>()` does; in the
// twin each is that staged bool, usable under staged control flow. Before,
// each was "a staged value is used as a C++ 'bool' here".
// REQUIRES: ag-runtime
// RUN: ag-convert %s -- -std=c++17 -I%ag_include > %t.cpp
// RUN: %cxx -std=c++17 -Wall -Wextra -Werror -I%ag_include %t.cpp -o %t.exe -L%ag_obj/lib -lag -Wl,-rpath,%ag_obj/lib
// RUN: %t.exe eager > %t.eager
// RUN: %t.exe graph > %t.graph
// RUN: diff %t.eager %t.graph
// RUN: FileCheck %s < %t.graph

#include <ag/ag.h>
#include <cstdio>
#include <cstring>

AG_CONVERT long flags(ag::Tensor x) {
  long n = 0;
  if (static_cast<bool>(x > 1.0))
    n += 1;
  bool b(x > 2.0);
  if (b)
    n += 10;
  bool d{x > 4.0};
  if (d && !b)
    n += 1000; // never
  if ((bool)(x > 5.0) || bool(x < -5.0))
    n += 10000;
  bool e = static_cast<bool>(x < 0.0) || b;
  if (e)
    n += 100000;
  return n + d * 100;
}

// The bool assigned and counted in a staged loop.
AG_CONVERT int runs(ag::Tensor v) {
  int count = 0;
  bool prev = false;
  for (ag::Tensor e : v) {
    bool up(e > 0);
    if (up && !prev)
      ++count;
    prev = static_cast<bool>(e > 0);
  }
  std::printf("last %d\n", prev);
  return count;
}

int main(int argc, char **argv) {
  bool graph = argc > 1 && !std::strcmp(argv[1], "graph");
  for (double v : {-6.0, -1.0, 1.5, 2.5, 4.5, 5.5}) {
    ag::Tensor x(v);
    std::printf("%g %ld\n", v, graph ? ag::function(&flags)(x) : flags(x));
  }
  ag::Tensor v = {1.0, 2.0, -1.0, 3.0, -2.0, -3.0, 4.0};
  std::printf("runs %d\n", graph ? ag::function(&runs)(v) : runs(v));
}

// CHECK: -6 110000
// CHECK-NEXT: -1 100000
// CHECK-NEXT: 1.5 1
// CHECK-NEXT: 2.5 100011
// CHECK-NEXT: 4.5 100111
// CHECK-NEXT: 5.5 110111
// CHECK-NEXT: last 1
// CHECK-NEXT: runs 3
