// A variable fetched by name from a traced graph is the value it holds where
// the function returns, as eagerly. Names used to come from the statement
// an op was traced in, so each of these fetched another value silently:
// a loop result named after a CSE'd subexpression, a top-level `acc = y;`
// (no new op), `i += 1` merged with the `(i + 1)` of acc's statement, an if
// turned into a select whose else branch was computed last.
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

AG_CONVERT
ag::Tensor rebind(ag::Tensor x) {
  ag::Tensor acc = x * 2;
  ag::Tensor y = x + 1;
  ag::Tensor z = acc + 1;
  acc = y;
  return acc - 3 + z;
}

AG_CONVERT
ag::Tensor merged(ag::Tensor x) {
  ag::Tensor i = x * 5;
  ag::Tensor acc = x - x / (i + 1);
  i += 1;
  return acc * i;
}

AG_CONVERT
ag::Tensor selected(ag::Tensor x) {
  ag::Tensor y = 0;
  if (x > 0)
    y = x * 2;
  else
    y = x * 3;
  ag::Tensor z = y + 1;
  {
    ag::Tensor inner = z * 2;
    z = inner;
  }
  return z;
}

template <typename F>
void show(F *f, ag::Tensor arg, std::vector<std::string> names) {
  ag::Graph graph = ag::function(f).graph(arg);
  auto out = graph.run(names, {{"x", arg}});
  for (const std::string &name : names)
    std::cout << name << "=" << out.at(name) << " ";
  std::cout << "\n";
}

int main() {
  ag::Graph graph = ag::function(&poly).graph(ag::Tensor(0.5), ag::Tensor(5));
  auto out = graph.run({"acc", "i"}, {{"x", 0.5}, {"n", 5}});
  // CHECK: acc=2.625 i=5
  std::cout << "acc=" << out.at("acc") << " i=" << out.at("i") << "\n";
  // CHECK-NEXT: acc=11 y=11 z=21
  show(&rebind, 10, {"acc", "y", "z"});
  // CHECK-NEXT: acc=10 i=51
  show(&merged, 10, {"acc", "i"});
  // CHECK-NEXT: y=20 z=42
  show(&selected, 10, {"y", "z"});
  // CHECK-NEXT: y=-30 z=-58
  show(&selected, -10, {"y", "z"});
  // Not in scope where the function returns: not a name of the graph.
  try {
    show(&selected, 10, {"inner"});
  } catch (const ag::Error &e) {
    // CHECK-NEXT: error: 'selected' has no value named 'inner'
    std::cout << e.what() << "\n";
  }
}
