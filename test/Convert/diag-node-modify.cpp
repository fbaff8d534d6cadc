// Modifying a part of a node result (a member, a binding) is an error at the
// use: in the twin it is a temporary graph value; a whole local is fine.
// RUN: not ag-convert %s -- -std=c++17 -I%ag_include 2>&1 | FileCheck %s

#include <ag/ag.h>
#include <utility>

struct Fit { double slope, loss; int rounds; };
AG_NODE Fit fit(double ridge);
AG_NODE std::pair<Fit, int> fitCounted(double ridge);

AG_CONVERT
ag::Tensor modify(double ridge) {
  Fit f = fit(ridge);
  f.loss = 0;
  ++f.rounds;
  auto [g, n] = fitCounted(ridge);
  n += 1;
  f = g;
  return f.loss;
}

// CHECK: {{.*}}diag-node-modify.cpp:15:3: error: this node result (of type 'double') cannot be modified: it exists only when the graph runs, not while tracing; only a whole local variable can be given a new value; compute the new value in an AG_NODE function
// CHECK-NEXT:   15 |   f.loss = 0;
// CHECK-NEXT:      |   ^~~~~~
// CHECK: {{.*}}diag-node-modify.cpp:16:5: error: this node result (of type 'int') cannot be modified
// CHECK: {{.*}}diag-node-modify.cpp:18:3: error: this node result (of type {{.*}}) cannot be modified
// CHECK-NOT: error
// CHECK: 3 errors generated.
