// A member of a local aggregate struct of tensors (nested structs, pairs)
// assigned under a staged if or loop, or the whole struct assigned there:
// the twin merges (carries) it field by field, each like a tensor variable
// (`s.total`, `s.range.first`). It was rejected ("assigning to 's' or to
// part of it ... under staged control flow is not supported"). A struct
// with number fields stays an error (diag-host-assigned.cpp).
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
#include <utility>

struct Acc {
  ag::Tensor total;
  ag::Tensor count;
  std::pair<ag::Tensor, ag::Tensor> range;
};

AG_CONVERT ag::Tensor positives(ag::Tensor v) {
  Acc s{ag::Tensor(0.0), ag::Tensor(0), {v[0], v[0]}};
  for (ag::Tensor t : v) {
    if (t > 0) {
      s.total += t;
      s.count = s.count + 1;
    }
    if (t < s.range.first)
      s.range.first = t;
    else if (t > s.range.second)
      s.range.second = t;
  }
  return s.total * 100 + s.count + s.range.second - s.range.first;
}
// TWIN-LABEL: ag_twin_positives(
// TWIN: {{[{][{]}}"s.total", (s).total},
// TWIN-NEXT: {"s.count", (s).count},
// TWIN-NEXT: {"s.range.first", ::std::get<0>((s).range)},
// TWIN-NEXT: {"s.range.second", ::std::get<1>((s).range)}},

struct Best {
  ag::Tensor value;
  ag::Tensor index;
};

// The whole struct assigned in a staged while, returned as a result.
AG_CONVERT Best largest(ag::Tensor v) {
  Best b = {v[0], ag::Tensor(0)};
  ag::Tensor i = 1;
  while (i < v.dim(0)) {
    if (v[i] > b.value)
      b = {v[i], i};
    i += 1;
  }
  return b;
}

int main(int argc, char **argv) {
  bool graph = argc > 1 && !std::strcmp(argv[1], "graph");
  for (ag::Tensor v : {ag::Tensor{1.0, -2.0, 3.0}, ag::Tensor{-1.0},
                       ag::Tensor{2.0, 5.0, 4.0, -7.5, 5.5}}) {
    ag::Tensor r = graph ? ag::function(&positives)(v) : positives(v);
    Best b = graph ? ag::function(&largest)(v) : largest(v);
    std::printf("%s %s %s\n", ag::toString(r).c_str(),
                ag::toString(b.value).c_str(), ag::toString(b.index).c_str());
  }
}

// CHECK: 407 3 2
// CHECK-NEXT: 0 -1 0
// CHECK-NEXT: 1667 5.5 4
