// Fetching a loop-carried variable by name gives that variable's value after
// the loop. The loop's results are named after the carried variables, not
// after the op that computes the yielded value: here CSE merges `i += 1`
// with the `(i + 1)` of acc's statement, and naming the loop's `i` result
// after that op's statement made `acc` fetch the final `i`.
// REQUIRES: ag-convert, ag-runtime
// RUN: ag-convert %s -o %t.cpp -- -std=c++17 -I%ag_include
// RUN: %cxx -std=c++17 -I%ag_include %t.cpp -o %t %ag_link
// RUN: %t | FileCheck %s

#include <ag/ag.h>

#include <iostream>

AG_CONVERT
ag::Tensor poly(ag::Tensor x, ag::Tensor n) {
  ag::Tensor acc = 0.0;
  ag::Tensor i = 0;
  while (i < n) {
    if (i % 2 == 0)
      acc = acc + x * i;
    else
      acc = acc - x / (i + 1);
    i += 1;
  }
  return acc * 2.0;
}

int main() {
  ag::Graph graph = ag::function(&poly).graph(ag::Tensor(0.5), ag::Tensor(5));
  auto out = graph.run({"acc", "i"}, {{"x", 0.5}, {"n", 5}});
  ag::Tensor acc = 0.0, i = 0;
  // The eager values, computed the same way.
  for (; (i < 5).item<bool>(); i += 1)
    acc = (i % 2 == 0).item<bool>() ? acc + 0.5 * i : acc - 0.5 / (i + 1);
  // CHECK: acc 2.625 2.625
  std::cout << "acc " << out.at("acc") << " " << acc << "\n";
  // CHECK: i 5 5
  std::cout << "i " << out.at("i") << " " << i << "\n";
}
