// A host number (int, long, bool, float, double local) assigned under a
// staged if or loop becomes a staged number, as AutoGraph makes a Python int
// a loop variable: a counter in a staged while, the induction variable of a
// loop staged by a staged break, a bound set in a staged if (flags and
// accumulators: promoted-locals-e2e.cpp). The
// twin holds it as a weak 0-d tensor, and C++'s conversions become casts. A
// std::vector<ag::Tensor> indexed by such a number reads its elements
// stacked (ag::detail::element_). These were "host variable ... is modified
// under staged control flow" errors. Eager and graph print the same bits.
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
#include <iostream>
#include <vector>

// A count returned as an int, divided and reduced with C++'s truncation.
AG_CONVERT
int halvings(ag::Tensor x) {
  int n = 0;
  while (x > 1) {
    x = x - 3;
    n -= 1;
  }
  int q = n / 2;
  int r = n % 2;
  printf("n=%d q=%d r=%d\n", n, q, r);
  return q * 10 + r;
}

// The induction variable of a loop staged by its break indexes the vector.
AG_CONVERT
double first_over(std::vector<ag::Tensor> v, double limit) {
  double found = -1;
  for (int i = 0; i < (int)v.size(); ++i) {
    if (v[i] > limit) {
      found = v.at(i).item<double>() + i;
      break;
    }
  }
  std::cout << "found=" << found << "\n";
  return found;
}

// A promoted count bounds a second loop.
AG_CONVERT
ag::Tensor chain(ag::Tensor x) {
  long n = 1;
  if (x > 0)
    n = 3;
  ag::Tensor y = 0.0;
  for (long i = 0; i < n; ++i)
    y = y + i * 0.5;
  return y;
}

int main(int argc, char **argv) {
  bool graph = argc > 1 && !std::strcmp(argv[1], "graph");
  for (double v : {-3.0, 0.5, 7.0, 1000.0}) {
    int b = graph ? ag::function(&halvings)(v) : halvings(v);
    ag::Tensor c = graph ? ag::function(&chain)(v) : chain(v);
    std::cout << b << " " << c << "\n";
  }
  std::vector<ag::Tensor> xs = {ag::Tensor(1.5), ag::Tensor(4.0),
                                ag::Tensor(9.0)};
  for (double limit : {2.0, 5.0, 100.0})
    std::cout << (graph ? ag::function(&first_over)(xs, limit)
                        : first_over(xs, limit))
              << "\n";
}
// TWIN: found = ::ag::detail::number_(
// TWIN-NEXT: ::ag::detail::element_(

// CHECK: n=0 q=0 r=0
// CHECK-NEXT: 0 0
// CHECK: n=-333 q=-166 r=-1
// CHECK-NEXT: -1661 1.5
// CHECK-NEXT: found=5
// CHECK-NEXT: 5
// CHECK-NEXT: found=11
// CHECK-NEXT: 11
// CHECK-NEXT: found=-1
// CHECK-NEXT: -1
