// A host number assigned under staged control flow becomes a staged number
// (host-number-promotion-e2e.cpp). What the graph cannot hold stays an error
// at its line: a 128-bit counter (unsigned and narrow integers are held in
// int64 and wrapped: unsigned-numbers-e2e.cpp), and a staged number used
// where C++ needs a host value (a built-in array's index, a container's
// size).
// RUN: not ag-convert %s -- -std=c++17 -I%ag_include 2>&1 | FileCheck %s --strict-whitespace --match-full-lines

#include <ag/ag.h>
#include <vector>

AG_CONVERT
ag::Tensor f(ag::Tensor x) {
  __int128 steps = 0;
  while (x > 1) {
    x = x / 2;
    steps++;
  }
  int k = 0;
  if (x > 0)
    k = 2;
  const double table[3] = {1.0, 2.0, 3.0};
  ag::Tensor a = table[k];
  std::vector<double> buf(k);
  return x + a;
}

// CHECK:{{.*}}diag-host-assigned.cpp:17:5: error: this staged number (of type '__int128') cannot be held in type '__int128': it exists only when the graph runs, not while tracing; the graph computes with bool, the C++ integer types up to 64 bits, float and double only; use one of those
// CHECK-NEXT:   17 |     steps++;
// CHECK-NEXT:      |     ^~~~~~~
// CHECK-NEXT:{{.*}}diag-host-assigned.cpp:23:24: error: this staged number (of type 'int') cannot be used this way: it exists only when the graph runs, not while tracing; do it in an AG_NODE function (its arguments may be node results)
// CHECK-NEXT:   23 |   ag::Tensor a = table[k];
// CHECK-NEXT:      |                        ^
// CHECK-NEXT:{{.*}}diag-host-assigned.cpp:24:27: error: this staged number (of type 'int') cannot be used to build this object: it exists only when the graph runs, not while tracing; do it in an AG_NODE function (its arguments may be node results)
// CHECK-NEXT:   24 |   std::vector<double> buf(k);
// CHECK-NEXT:      |                           ^
// CHECK-NEXT:3 errors generated.
