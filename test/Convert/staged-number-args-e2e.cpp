// A converted function called from another with staged numbers for its
// number parameters (a value from item(), a number assigned under staged
// control flow, a node result) gets a staged twin, `ag_staged_f`: the same
// body with those parameters staged, so its conditions on them are staged
// too. Host arguments still call the plain twin. It used to be "this staged
// number cannot be passed to AG_CONVERT function ... for its host
// parameter". Eager and graph print the same bits.
// REQUIRES: ag-runtime
// RUN: ag-convert %s -- -std=c++17 -I%ag_include > %t.cpp
// RUN: FileCheck --check-prefix=TWIN %s < %t.cpp
// RUN: %cxx -std=c++17 -Wall -Wextra -Werror -I%ag_include %t.cpp -o %t.exe -L%ag_obj/lib -lag -Wl,-rpath,%ag_obj/lib
// RUN: %t.exe eager > %t.eager
// RUN: %t.exe graph > %t.graph
// RUN: diff %t.eager %t.graph
// RUN: FileCheck %s < %t.graph

#include <ag/ag.h>
#include <ag/Node.h>
#include <cstdio>
#include <cstring>

// Called before it is defined: both twins are declared first.
AG_CONVERT long distance(long a, long b);

AG_CONVERT long run(ag::Tensor x) {
  long s = ag::sum(x).item<long>();
  long m = ag::max(x).item<long>();
  // Staged, staged; staged and host; host only (the plain twin).
  return distance(s, m) + distance(m, 3) + distance(7, 2);
}
// TWIN-LABEL: {{^}}::ag::Tensor ag_staged_distance(::ag::Tensor a, ::ag::Tensor b);
// TWIN-LABEL: {{^}}::ag::Tensor ag_twin_run(ag::Tensor x) {
// TWIN: {{^}}  return ::ag::detail::numberAs_<long>(ag_staged_distance(s, m) +
// TWIN-NEXT: {{^}} ag_staged_distance(m, 3) +
// TWIN-NEXT: {{^}} ag_twin_distance(7, 2));

AG_CONVERT long distance(long a, long b) {
  if (a > b)
    return a - b;
  return b - a;
}
// TWIN-LABEL: {{^}}::ag::Tensor ag_twin_distance(long a, long b) {
// TWIN-NEXT: ag_scope("distance"
// TWIN-NEXT: {{^}}  if (a > b) {
// TWIN-LABEL: {{^}}::ag::Tensor ag_staged_distance(::ag::Tensor a, ::ag::Tensor b) {
// TWIN: {{^}} ::ag::Tensor a = ::ag::detail::numberAs_<long>(ag_param_a);
// TWIN: {{^}} ::ag::if_(

// C++ converts each argument to the parameter's type: a double to an int
// truncates, an int to a double widens; the staged twin converts as C++.
AG_CONVERT double scale(int steps, double factor, bool twice) {
  double r = steps * factor;
  for (int i = 0; i < steps; ++i)
    r = r + 0.5;
  if (twice)
    r = r * 2;
  return r;
}

AG_CONVERT double useScale(ag::Tensor x) {
  double mean = ag::mean(x).item<double>();
  int n = 0;
  while (mean > 1.0) { // n is a staged number: assigned in a staged loop
    mean = mean / 2;
    ++n;
  }
  return scale(mean * 10, n, n > 1) + scale(n, 0.25, false);
}

// A node result passed on.
struct Counts { long odd, even; };
AG_NODE Counts countParity(int n) {
  Counts c{0, 0};
  for (int i = 0; i < n; ++i)
    (i % 2 ? c.odd : c.even)++;
  return c;
}

AG_CONVERT long parity(int n) {
  Counts c = countParity(n);
  return distance(c.odd * 3, c.even);
}

int main(int argc, char **argv) {
  bool graph = argc > 1 && !std::strcmp(argv[1], "graph");
  for (int n : {1, 2, 5}) {
    ag::Tensor x = ag::arange(n) * 3 - 4;
    long r = graph ? ag::function(&run)(x) : run(x);
    std::printf("run %d: %ld\n", n, r);
    ag::Tensor y = ag::arange(n) * 2.5;
    double d = graph ? ag::function(&useScale)(y) : useScale(y);
    std::printf("useScale %d: %.17g\n", n, d);
    long p = graph ? ag::function(&parity)(n * 3) : parity(n * 3);
    std::printf("parity %d: %ld\n", n * 3, p);
  }
}
// CHECK: run 1: 12
// CHECK-NEXT: useScale 1: 0
// CHECK-NEXT: parity 3: 1
// CHECK-NEXT: run 2: 13
// CHECK-NEXT: useScale 2: 9.75
// CHECK-NEXT: parity 6: 6
// CHECK-NEXT: run 5: 12
// CHECK-NEXT: useScale 5: 44.25
// CHECK-NEXT: parity 15: 13
