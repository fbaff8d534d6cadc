// A weak literal accumulator of a range-for over a tensor of static,
// non-zero length: the loop runs at least once, so there is no "runs no
// iteration" path on which the literal keeps its dtype. Such a path was
// assumed and `c > 0 ? s / c : s` (a staged ?: tracing both sides) failed
// to trace for every input: "eagerly 's' is still the int64 literal 0 when
// the loop at line N runs no iteration".
// REQUIRES: ag-runtime
// RUN: ag-convert %s -- -std=c++17 -I%ag_include > %t.cpp
// RUN: %cxx -std=c++17 -Wall -Wextra -Werror -I%ag_include %t.cpp -o %t.exe -L%ag_obj/lib -lag -Wl,-rpath,%ag_obj/lib
// RUN: %t.exe eager > %t.eager
// RUN: %t.exe graph > %t.graph
// RUN: diff %t.eager %t.graph
// RUN: FileCheck %s < %t.graph

#include <ag/ag.h>
#include <cstring>
#include <iostream>

AG_CONVERT ag::Tensor meanPositive(ag::Tensor v) {
  ag::Tensor s = 0, c = 0;
  for (ag::Tensor x : v) {
    if (x > 0) {
      s = s + x;
      c = c + 1;
    }
  }
  return c > 0 ? s / c : s * 1.5f;
}

int main(int argc, char **argv) {
  bool g = argc > 1 && !std::strcmp(argv[1], "graph");
  for (auto v : {ag::cast(ag::Tensor({3.0, -1.0, 4.0}), ag::DType::Float32),
                 ag::cast(ag::Tensor({-3.0, -1.0}), ag::DType::Float32)}) {
    ag::Tensor m = g ? ag::function(&meanPositive)(v) : meanPositive(v);
    std::cout << m << " " << ag::dtypeName(m.dtype()) << "\n";
  }
}
// CHECK: 3.5 float32
// CHECK-NEXT: 0 float32
