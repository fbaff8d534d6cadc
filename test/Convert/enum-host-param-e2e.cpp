// An enum parameter is a trace-time value like a number: ag::function and
// ag::method accept it (each value its own graph) and a switch or if on it
// picks the traced path. It was a static_assert ("parameters and results
// must be ag::Tensor, arithmetic host values, ...").
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

enum class Mode { Sum, Max, Count };
enum Scale : unsigned char { Unit = 1, Double = 2 };

AG_CONVERT ag::Tensor reduce(ag::Tensor events, Mode mode, Scale scale,
                             ag::Tensor limit) {
  ag::Tensor acc = 0.0;
  ag::Tensor i = 0;
  long n = events.shape()[0];
  do {
    ag::Tensor e = events[i];
    i = i + 1;
    if (e < 0)
      continue;
    switch (mode) {
    case Mode::Sum:
      acc = acc + e;
      break;
    case Mode::Max:
      acc = ag::max(acc, e);
      break;
    case Mode::Count:
      acc = acc + 1.0;
      break;
    }
    if (acc > limit)
      return acc * -1.0;
  } while (i < n);
  return scale == Double ? acc * 2.0 : acc;
}

struct Scaler {
  double factor;
  AG_CONVERT ag::Tensor apply(ag::Tensor x, Mode mode) const {
    if (mode == Mode::Count)
      return x * 0.0 + 1.0;
    return x * factor;
  }
};

int main(int argc, char **argv) {
  bool graph = argc > 1 && !std::strcmp(argv[1], "graph");
  ag::Tensor ev = {3.0, -1.0, 4.0, 1.0, -5.0, 9.0, 2.0, 6.0};
  auto fn = ag::function(&reduce);
  for (Mode m : {Mode::Sum, Mode::Max, Mode::Count})
    for (Scale s : {Unit, Double})
      for (double lim : {5.0, 100.0})
        std::cout << (graph ? fn(ev, m, s, ag::Tensor(lim))
                            : reduce(ev, m, s, ag::Tensor(lim)))
                  << " ";
  std::cout << "\n";
  // One graph per enum value: the value is part of the trace key.
  if (graph)
    std::cout << "traces " << fn.traceCount() << "\n";
  else
    std::cout << "traces 6\n";
  Scaler scaler{3.0};
  auto method = ag::method(scaler, &Scaler::apply);
  for (Mode m : {Mode::Sum, Mode::Count})
    std::cout << (graph ? method(ag::Tensor(2.0), m)
                        : scaler.apply(ag::Tensor(2.0), m))
              << " ";
  std::cout << "\n";
}

// CHECK: -7 25 -7 50 -9 9 -9 18 -6 6 -6 12
// CHECK-NEXT: traces 6
// CHECK-NEXT: 6 1
