// End to end: overloaded AG_CONVERT functions, one calling others (one of
// them defined later), each run through ag::function (picked with a cast)
// and compared with the eager original.
// REQUIRES: ag-runtime
// RUN: ag-convert %s -- -std=c++17 -I%ag_include > %t.cpp
// RUN: %cxx -std=c++17 -Wall -Wextra -Werror -I%ag_include %t.cpp -o %t.exe -L%ag_obj/lib -lag -Wl,-rpath,%ag_obj/lib
// RUN: %t.exe | FileCheck %s

#include <ag/ag.h>
#include <iostream>

AG_CONVERT ag::Tensor step(ag::Tensor x);

// `times` Collatz steps: a host loop, unrolled while tracing.
AG_CONVERT
ag::Tensor step(ag::Tensor x, int times) {
  for (int i = 0; i < times; ++i)
    x = step(x);
  return x;
}

AG_CONVERT
ag::Tensor step(ag::Tensor x) {
  if (x % 2 == 0)
    x /= 2;
  else
    x = 3 * x + 1;
  return x;
}

// Steps until 1 or `limit` steps: 1000 * steps + where it stopped.
AG_CONVERT
ag::Tensor step(ag::Tensor x, ag::Tensor limit) {
  ag::Tensor n = 0;
  while (x != 1 && n < limit) {
    x = step(x);
    n += 1;
  }
  return n * 1000 + step(x, 2);
}

int main() {
  using One = ag::Tensor (*)(ag::Tensor);
  using Times = ag::Tensor (*)(ag::Tensor, int);
  using Limit = ag::Tensor (*)(ag::Tensor, ag::Tensor);
  auto one = ag::function(static_cast<One>(&step));
  auto times = ag::function(static_cast<Times>(&step));
  auto limit = ag::function(static_cast<Limit>(&step));
  int bad = 0;
  for (long v = 1; v <= 40; ++v) {
    ag::Tensor x(v);
    bad += !step(x).identical(one(x));
    bad += !step(x, 5).identical(times(x, 5));
    bad += !step(x, ag::Tensor(12L)).identical(limit(x, ag::Tensor(12L)));
  }
  std::cout << "mismatches: " << bad << "\n";
  // CHECK: mismatches: 0
  std::cout << limit(ag::Tensor(27L), ag::Tensor(500L)) << "\n";
  // CHECK-NEXT: 111002
}
