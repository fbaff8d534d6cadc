// Staged numbers passed to `const T &` number parameters of another
// converted function (`const double &x`, as outsider code writes them) go to
// its staged twin like by-value ones: the twin takes them as ag::Tensor and
// shadows each with C++'s conversion to T. It used to be "this staged number
// cannot be passed to AG_CONVERT function 'lerp' for its host parameter 'a'".
// A non-const reference stays a host parameter. Eager and graph print the
// same bits.
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

AG_CONVERT double lerp(const double &a, const double &b, const double &t) {
  return a + (b - a) * t;
}
// TWIN-LABEL: ::ag::Tensor ag_staged_lerp(::ag::Tensor a, ::ag::Tensor b, ::ag::Tensor t) {
// TWIN: ::ag::Tensor a = ::ag::detail::numberAs_<double>(ag_param_a);

// A condition on a const & parameter is staged in the staged twin.
AG_CONVERT int bucket(const double &x, const int &nb) {
  int k = x * nb;
  if (k < 0)
    k = 0;
  if (k >= nb)
    k = nb - 1;
  return k;
}

AG_CONVERT double smooth(ag::Tensor v) {
  double prev = v[0].item<double>();
  double out = 0;
  for (ag::Tensor x : v) {
    prev = lerp(prev, x.item<double>(), 0.25);
    out += bucket(prev / 10, 4);
  }
  // Host arguments only: the plain twin.
  return out + prev + lerp(1.0, 3.0, 0.5);
}

int main(int argc, char **argv) {
  bool graph = argc > 1 && std::strcmp(argv[1], "graph") == 0;
  ag::Tensor v = {1.0, 8.0, 3.0, 12.0, -4.0, 7.5};
  std::printf("%.17g\n", graph ? ag::function(&smooth)(v) : smooth(v));
  std::printf("%d\n", graph ? ag::function(&bucket)(0.6, 4) : bucket(0.6, 4));
}
// CHECK: 11.9990234375
// CHECK-NEXT: 2
