// Assignments and increments inside the right operand of a staged &&/||
// or a branch of a staged ?: happen only when that operand runs, as in C++:
// the twin passes the variables it assigns (tensors, staged numbers: a host
// `int` becomes one) to ::ag::and_/or_/cond_, which merge them after the
// expression like a staged if. They were rejected ("is modified in the
// right operand of a staged '&&'"), and a comma whose value is a staged
// number was "cannot be used this way".
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

// `++k` runs only for positive elements.
AG_CONVERT ag::Tensor count(ag::Tensor v, int n) {
  int k = 0;
  ag::Tensor hits = 0;
  for (ag::Tensor x : v)
    if (x > 0 && ++k < n)
      hits += x;
  return hits * 100 + k;
}
// TWIN-LABEL: ag_twin_count(
// TWIN: ::ag::and_(
// TWIN-NEXT: {26, 9, 26, 24}, {{[{][{]}}"k", k}},

// A tensor assigned in the right operand of ||, and of &&.
AG_CONVERT ag::Tensor sides(ag::Tensor a, ag::Tensor b) {
  ag::Tensor c = 0, d = 1;
  if ((a > b) || (c += 1) > 2)
    c = c + 10;
  bool both = a > 0 && (d = a * b) > 1;
  return c * 1000 + d * 10 + both;
}

// A staged ?: whose sides assign a number.
AG_CONVERT double choose(ag::Tensor a) {
  double s = 1.5;
  double r = a > 0 ? (s *= 2) : (s -= 1);
  long steps = 0;
  while (a > 1 || (++steps, a < -8)) {
    a = a / 2;
    ++steps;
  }
  return r * 10 + s + steps * 100;
}

// Each side of a staged ?: counts, in a comma whose value is the side's.
AG_CONVERT long collatz(ag::Tensor n0) {
  long n = n0.item<long>();
  long odd = 0, even = 0, steps = 0;
  while (n != 1 && steps < 200) {
    n = n % 2 ? (odd += 1, 3 * n + 1) : (even += 1, n / 2);
    ++steps;
  }
  return odd * 10000 + even * 10 + (n == 1);
}

int main(int argc, char **argv) {
  bool graph = argc > 1 && !std::strcmp(argv[1], "graph");
  for (ag::Tensor v : {ag::Tensor{1.0, -2.0, 3.0, 4.0, 5.0}, ag::Tensor{-1.0},
                       ag::Tensor{2.0, 2.0}}) {
    ag::Tensor r = graph ? ag::function(&count)(v, 3) : count(v, 3);
    std::printf("%s\n", ag::toString(r).c_str());
  }
  for (double a : {-20.0, -1.0, 0.0, 0.75, 2.0, 9.0}) {
    ag::Tensor r = graph ? ag::function(&sides)(ag::Tensor(a), ag::Tensor(0.5))
                         : sides(ag::Tensor(a), ag::Tensor(0.5));
    double c = graph ? ag::function(&choose)(ag::Tensor(a))
                     : choose(ag::Tensor(a));
    std::printf("%s %.17g\n", ag::toString(r).c_str(), c);
  }
  for (long n : {1L, 6L, 7L, 27L}) {
    long r = graph ? ag::function(&collatz)(ag::Tensor(n))
                   : collatz(ag::Tensor(n));
    std::printf("%ld\n", r);
  }
}

// CHECK: 404
// CHECK-NEXT: 0
// CHECK-NEXT: 402
// CHECK-NEXT: 1010 505.5
// CHECK-NEXT: 1010 105.5
// CHECK-NEXT: 1010 105.5
// CHECK-NEXT: 10003.75 133
// CHECK-NEXT: 10010 233
// CHECK-NEXT: 10046 533
// CHECK-NEXT: 1
// CHECK-NEXT: 20061
// CHECK-NEXT: 50111
// CHECK-NEXT: 410701
