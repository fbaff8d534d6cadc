// A converted caller passing a staged number to another converted
// function's number parameter calls its staged twin
// (staged-number-args-e2e.cpp). When the callee's body needs that parameter
// while tracing (a shape, a container's size), converting
// it with the parameter staged fails: the errors are in its body, and one at
// the call says why the parameter was staged. A callee reached through the
// twin registry (defined later in another namespace) has no staged twin: the
// argument is an error.
// RUN: not ag-convert %s -- -std=c++17 -I%ag_include 2>&1 | FileCheck %s

#include <ag/ag.h>
#include <vector>

AG_CONVERT ag::Tensor ramp(int n, double step) {
  ag::Tensor z = ag::zeros({n});
  // CHECK-DAG: diag-staged-number-args.cpp:[[@LINE-1]]:29: error: this staged number (of type 'int') cannot be used to build this object
  std::vector<double> buf(n);
  // CHECK-DAG: diag-staged-number-args.cpp:[[@LINE-1]]:27: error: this staged number (of type 'int') cannot be used to build this object
  return z + step;
}

// An unsigned parameter staged is fine (unsigned-numbers-e2e.cpp).
AG_CONVERT unsigned twice(unsigned k) { return k * 2; }

namespace other {
AG_CONVERT double half(double v);
}

AG_CONVERT ag::Tensor caller(ag::Tensor x) {
  int n = ag::sum(x).item<int>();
  ag::Tensor plain = ramp(4, 0.5); // host arguments: the plain twin
  double h = other::half(n);
  // CHECK-DAG: diag-staged-number-args.cpp:[[@LINE-1]]:26: error: this staged number (of type 'int') cannot be passed to AG_CONVERT function 'half' for its host parameter 'v'
  return ramp(n, 0.5) + twice(n) + h + plain;
  // CHECK-DAG: diag-staged-number-args.cpp:[[@LINE-1]]:10: error: cannot call 'ramp' with a number known only when the graph runs: with its number parameters staged, its body does not convert (errors above); pass values known while tracing, or make 'ramp' an AG_NODE function
  // CHECK-NOT: 'twice'
  // CHECK: 4 errors generated.
}

namespace other {
AG_CONVERT double half(double v) { return v / 2; }
}
