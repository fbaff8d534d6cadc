// Bad arguments to the op library with shapes known at trace time: a
// trace-time error at the user's line naming the shapes (issue 13).
// REQUIRES: ag-convert, ag-runtime
// RUN: ag-convert %s -o %t.cpp -- -std=c++17 -I%ag_include %ag_driver
// RUN: %cxx -std=c++17 -I%ag_include %ag_driver %t.cpp -o %t %ag_link
// RUN: %t 0 | FileCheck %s --check-prefix=OK
// RUN: not %t 1 2>&1 | FileCheck %s -DFILE=%s --check-prefix=AXIS
// RUN: not %t 2 2>&1 | FileCheck %s -DFILE=%s --check-prefix=MATMUL
// RUN: not %t 3 2>&1 | FileCheck %s -DFILE=%s --check-prefix=RESHAPE
// RUN: not %t 4 2>&1 | FileCheck %s -DFILE=%s --check-prefix=PERM
// RUN: not %t 5 2>&1 | FileCheck %s -DFILE=%s --check-prefix=EMPTY

#include "Driver.h"

AG_CONVERT
ag::Tensor fine(ag::Tensor m, ag::Tensor v) {
  return ag::sum(ag::matmul(m, v)) + ag::max(m) + ag::sum(ag::reshape(m, {3, -1}), 0);
}

AG_CONVERT
ag::Tensor badAxis(ag::Tensor m, ag::Tensor v) {
  return ag::sum(m, 2);
}

AG_CONVERT
ag::Tensor badMatmul(ag::Tensor m, ag::Tensor v) {
  return ag::matmul(v, m);
}

AG_CONVERT
ag::Tensor badReshape(ag::Tensor m, ag::Tensor v) {
  return ag::reshape(m, {4, -1});
}

AG_CONVERT
ag::Tensor badPermutation(ag::Tensor m, ag::Tensor v) {
  return ag::transpose(m, {1, 1});
}

AG_CONVERT
ag::Tensor emptyMax(ag::Tensor m, ag::Tensor v) {
  return ag::max(ag::zeros({0, 3}) + v, ag::axis(0));
}

int main(int argc, char **argv) {
  agtest::Options o = agtest::parse(argc, argv);
  ag::Tensor m = ag::reshape(ag::linspace(1, 6, 6), {2, 3});
  ag::Tensor v = ag::ones({3});
  ag::Tensor (*cases[])(ag::Tensor, ag::Tensor) = {
      &fine, &badAxis, &badMatmul, &badReshape, &badPermutation, &emptyMax};
  auto f = cases[o.ints.at(0)];
  return agtest::run(o, [&] { return ag::function(f)(m, v); });
}

// OK:result = [36, 39]

//      AXIS:[[FILE]]:22:10: error: sum: axis 2 is out of range for float64[2, 3] (valid: -2 to 1)
// AXIS-NEXT:  return ag::sum(m, 2);
// AXIS-NEXT:         ^~~~~~~~~~~~~
// AXIS-NEXT:[[FILE]]:21:12: note: in 'badAxis'

//      MATMUL:[[FILE]]:27:10: error: matmul of float64[3] and float64[2, 3]: inner dimensions 3 and 2 differ
// MATMUL-NEXT:  return ag::matmul(v, m);

// RESHAPE:[[FILE]]:32:10: error: cannot reshape float64[2, 3] (6 elements) to [4, -1]

// PERM:[[FILE]]:37:10: error: transpose: [1, 1] is not a permutation of the 2 dimensions of float64[2, 3]

// EMPTY:[[FILE]]:42:10: error: max of an empty extent: float64[0, 3] has size 0 along axis 0
