// A 'try' around node calls is a graph-level try; what it cannot do as the eager code does is an error at the user's line, in each of its catch clauses: a return/break/continue out of it, a use of the caught exception other than std::exception's what() passed to a node's std::string parameter, and a variable assigned in the try before its last statement and used after it (eagerly it keeps the value it had when a node failed).
// RUN: not ag-convert %s -- -std=c++17 -I%ag_include 2>&1 | FileCheck %s

#include <ag/ag.h>
#include <iostream>
#include <stdexcept>
#include <string>

struct Fit { double slope, loss; };
AG_NODE Fit fit(double ridge);
AG_NODE_EFFECT void report(const char *what);

AG_CONVERT
ag::Tensor secondClause(double r) {
  double loss = 0;
  try {
    loss = fit(r).loss;
  } catch (const std::runtime_error &e) {
    loss = 1;
  } catch (...) {
    return 2.0;
  }
  return loss;
}
// CHECK: diag-node-try.cpp:21:5: error: 'return' out of a 'try' around calls of AG_NODE functions is not supported
struct Oops { const char *what() const { return "oops"; } };
AG_NODE_EFFECT void note(const std::string &what);
AG_CONVERT ag::Tensor ownWhat(double r) {
  double loss = 0;
  try {
    loss = fit(r).loss;
  } catch (const Oops &e) {
    note(e.what()); // Oops::what, which the graph does not have
  }
  return loss;
}
// CHECK: diag-node-try.cpp:33:10: error: the caught exception 'e' exists only when the graph runs

AG_CONVERT
ag::Tensor jumps(double r) {
  try {
    Fit f = fit(r);
    return f.loss;
  } catch (...) {
    return 0.0;
  }
}
// CHECK: diag-node-try.cpp:43:5: error: 'return' out of a 'try' around calls of AG_NODE functions is not supported
// CHECK: diag-node-try.cpp:41:3: note: the 'try' around calls of AG_NODE functions is here
// CHECK: diag-node-try.cpp:45:5: error: 'return' out of a 'try'

AG_CONVERT
ag::Tensor caughtUses(double r) {
  double loss = 0;
  try {
    loss = fit(r).loss;
  } catch (const std::exception &e) {
    printf("%p\n", (void *)&e); // printf("%s", e.what()) is fine
    report(e.what());
  }
  return loss;
}
// CHECK: diag-node-try.cpp:58:29: error: the caught exception 'e' exists only when the graph runs: only its 'what()' can be used, passed to an AG_NODE function taking a std::string or printed with std::cout, printf, fprintf to stdout or stderr, puts or fputs
// CHECK: diag-node-try.cpp:59:12: error: the caught exception 'e' exists only when the graph runs

AG_CONVERT
ag::Tensor partial(double r) {
  double a = 0, b = 0;
  try {
    a = fit(r).loss;
    b = fit(r + 1).loss;
  } catch (...) {
    b = -1;
  }
  return a + b;
}
// CHECK: diag-node-try.cpp:70:5: error: variable 'a' is assigned in this 'try' and used after it: when a node fails after this assignment, the eager code keeps the value 'a' got here
// CHECK: diag-node-try.cpp:69:3: note: the 'try' around calls of AG_NODE functions is here
// CHECK-NOT: variable 'b'
