// A staged `return` inside a range-for over a host container (unrolled,
// each iteration guarded by the return flag) with a weak literal
// accumulator: the guard's else is the path that returned, whose variables
// nothing reads. The merge used to mark the accumulator path-weak from that
// path and the next iteration's `return s * -1` failed to trace ("eagerly
// 's' is still the int64 literal 0 when the if at line N takes its else
// branch").
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
#include <vector>

AG_CONVERT ag::Tensor sumUntilNegative(std::vector<ag::Tensor> xs) {
  ag::Tensor s = 0;
  for (const ag::Tensor &x : xs) {
    if (x < 0)
      return s * -1;
    s = s + x;
  }
  return s;
}

int main(int argc, char **argv) {
  bool g = argc > 1 && !std::strcmp(argv[1], "graph");
  std::vector<ag::Tensor> a = {ag::Tensor(1.5), ag::Tensor(2.5),
                               ag::Tensor(-1.0), ag::Tensor(4.0)};
  std::vector<ag::Tensor> b = {ag::Tensor(1.5), ag::Tensor(2.5),
                               ag::Tensor(1.0), ag::Tensor(4.0)};
  for (auto *v : {&a, &b})
    std::cout << (g ? ag::function(&sumUntilNegative)(*v) : sumUntilNegative(*v))
              << "\n";
}
// CHECK: -4
// CHECK-NEXT: 9
