// A number chosen by a staged condition (`int k = t > 0 ? 1 : 2;`, `bool ok
// = t > 0 && u < 1;`, `auto`), or a staged ?:, && or || used in arithmetic
// (`(d < 0 ? -d : d) * 0.75`), is a staged number: the variable is an
// ag::Tensor in the twin, computed with C++'s conversions, and it may be
// passed to another converted function's number parameter (its staged
// twin). These used to be errors ("this '?:' has a staged condition ... it
// cannot initialize 'int'", "... cannot be used as 'double'"). Eager and
// graph print the same bits.
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

AG_CONVERT double weight(int k, bool strong) {
  double w = k * 0.5;
  if (strong)
    w = w * 2;
  return w;
}

AG_CONVERT double choose(ag::Tensor t, ag::Tensor u) {
  int k = t > 0 ? 1 : 2;
  bool ok = t > 0 && u < 1;
  auto either = t > 3 || u > 3;
  double z = (t > 0 ? 1.0 : 2.0) * 3 + -(u < 0 ? 1 : 0);
  long c = 0;
  if (ok)
    c = k * 3;
  float f = !(u > t) ? 0.25f : 4;
  k = (t > 1 && u > 1) + k;
  return z + c + f + weight(u > 2 ? 3 : 5, ok || k == 2) + weight(2, false) +
         ok + either * 100 + k * 1000;
}

AG_CONVERT double magnitude(ag::Tensor t) {
  double d = ag::sum(t).item<double>();
  double a = d < 0 ? -d : d;
  return a * 0.75 + (d < 0 ? -d : d) * 0.25 + (d > 1 ? d : 1.0 / 3);
}

int main(int argc, char **argv) {
  bool graph = argc > 1 && !std::strcmp(argv[1], "graph");
  for (double a : {-1.0, 0.5, 3.5})
    for (double b : {-2.0, 0.5, 4.0}) {
      ag::Tensor t(a), u(b);
      double r = graph ? ag::function(&choose)(t, u) : choose(t, u);
      double m = graph ? ag::function(&magnitude)(t * ag::ones({2}) + u)
                       : magnitude(t * ag::ones({2}) + u);
      std::printf("%g %g: %.17g %.17g\n", a, b, r, m);
    }
}
// CHECK: -1 -2: 2011.25 6.333333333333333
// CHECK-NEXT: -1 0.5: 2016 1.3333333333333333
// CHECK-NEXT: -1 4: 2114 12
// CHECK-NEXT: 0.5 -2: 1012.25 3.3333333333333335
// CHECK-NEXT: 0.5 0.5: 1013.25 4
// CHECK-NEXT: 0.5 4: 1109.5 18
// CHECK-NEXT: 3.5 -2: 1112.25 6
// CHECK-NEXT: 3.5 0.5: 1113.25 16
// CHECK-NEXT: 3.5 4: 2111 30
