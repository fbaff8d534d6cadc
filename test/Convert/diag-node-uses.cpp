// Uses of node results a twin cannot stage are errors at the use, saying which and why: passing one to a plain function, a C++ cast, storing it in a host object, calling a member function on it, printing a non-arithmetic one, choosing lazy structs with a staged ?:, using it in a lambda, returning it as a host number; and a 'return' out of a 'try' around node calls (a graph-level try only merges variables).
// RUN: not ag-convert %s -- -std=c++17 -I%ag_include 2>&1 | FileCheck %s

#include <ag/ag.h>
#include <cmath>
#include <stdexcept>
#include <string>
#include <vector>

struct Fit { double slope, loss; int rounds; };
AG_NODE Fit fit(double ridge);
AG_NODE std::string name(const Fit &f);
double plainScore(const Fit &f) { return f.loss; }
struct Holder { double loss; };

AG_CONVERT
ag::Tensor uses(ag::Tensor x, Holder &h) {
  Fit f = fit(0.1);
  double s = plainScore(f);
  double r = std::cbrt(f.loss);
  int n = (int)f.rounds; // a cast of a node number is a graph cast: fine
  h.loss = f.loss;
  std::size_t len = name(f).size();
  std::cout << name(f) << "\n";
  auto pick = [&] { return f.loss; };
  Fit g = x > 0 ? f : fit(1.0);
  Fit a = fit(1.0), b = fit(2.0); // several in one declaration: fine
  return x + s + r + n + len + pick();
}

AG_CONVERT
double hostResult(double ridge) { // a number: its twin returns a 0-d tensor
  Fit f = fit(ridge);
  return f.loss;
}

AG_CONVERT
ag::Tensor guarded(double ridge) {
  try {
    Fit f = fit(ridge);
    return f.loss;
  } catch (const std::exception &e) {
    return 0.0;
  }
}
// CHECK: {{.*}}diag-node-uses.cpp:19:25: error: this node result (of type 'Fit') cannot be passed to plain function 'plainScore': it exists only when the graph runs, not while tracing; the function runs while tracing, before any node has run; mark it AG_NODE
// CHECK: {{.*}}diag-node-uses.cpp:20:24: error: this node result (of type 'double') cannot be passed to library function 'cbrt': it exists only when the graph runs, not while tracing; the function runs while tracing, before any node has run; use an AG_NODE function of your own
// CHECK: {{.*}}diag-node-uses.cpp:22:12: error: this node result (of type 'double') cannot be assigned to this target: it exists only when the graph runs, not while tracing; only a local variable can hold it (a member or element of a host object would be written once, while tracing)
// CHECK: {{.*}}diag-node-uses.cpp:23:21: error: this node result (of type 'std::string' (aka 'basic_string<char>')) cannot be the object of a call of member function 'size': it exists only when the graph runs, not while tracing; the member function runs while tracing, before any node has run; do it in an AG_NODE function (its arguments may be node results)
// CHECK: {{.*}}diag-node-uses.cpp:24:16: error: this node result (of type 'std::string' (aka 'basic_string<char>')) cannot be printed: it exists only when the graph runs, not while tracing; print its arithmetic members, or print it in an AG_NODE_EFFECT function
// CHECK: {{.*}}diag-node-uses.cpp:26:19: error: this node result (of type 'Fit') cannot be chosen by a staged '?:': it exists only when the graph runs, not while tracing; the twin's '?:' chooses between ag::Tensor values; use an if
// CHECK: {{.*}}diag-node-uses.cpp:26:23: error: this node result (of type 'Fit') cannot be chosen by a staged '?:': it exists only when the graph runs, not while tracing; the twin's '?:' chooses between ag::Tensor values; use an if
// CHECK: {{.*}}diag-node-uses.cpp:25:28: error: this node result (of type 'Fit') cannot be used inside a lambda: it exists only when the graph runs, not while tracing; a lambda runs while tracing; write a loop, or an AG_NODE function
// CHECK: {{.*}}diag-node-uses.cpp:41:5: error: 'return' out of a 'try' around calls of AG_NODE functions is not supported: the 'try' becomes a graph-level try, which only merges variables; set a variable and test it after the 'try'
// CHECK: {{.*}}diag-node-uses.cpp:39:3: note: the 'try' around calls of AG_NODE functions is here
// CHECK: {{.*}}diag-node-uses.cpp:43:5: error: 'return' out of a 'try'
// CHECK: 10 errors generated.
