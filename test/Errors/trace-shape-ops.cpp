// concat, slice, gather and broadcast_to with shapes known at trace time: a
// bad argument is a trace-time error at the user's line naming the shapes.
// REQUIRES: ag-convert, ag-runtime
// RUN: ag-convert %s -o %t.cpp -- -std=c++17 -I%ag_include %ag_driver
// RUN: %cxx -std=c++17 -I%ag_include %ag_driver %t.cpp -o %t %ag_link
// RUN: %t 0 | FileCheck %s --check-prefix=OK
// RUN: not %t 1 2>&1 | FileCheck %s -DFILE=%s --check-prefix=SLICE
// RUN: not %t 2 2>&1 | FileCheck %s -DFILE=%s --check-prefix=GATHER
// RUN: not %t 3 2>&1 | FileCheck %s -DFILE=%s --check-prefix=CONCAT
// RUN: not %t 4 2>&1 | FileCheck %s -DFILE=%s --check-prefix=BROADCAST
// RUN: not %t 5 2>&1 | FileCheck %s -DFILE=%s --check-prefix=STEP

#include "Driver.h"

AG_CONVERT
ag::Tensor fine(ag::Tensor m, ag::Tensor v) {
  ag::Tensor both = ag::concat({m, ag::broadcast_to(v, {1, 3})});
  return ag::sum(ag::gather(both, ag::Tensor{2, 0}), 0) + m.slice(1, 2)[0];
}

AG_CONVERT
ag::Tensor badSlice(ag::Tensor m, ag::Tensor v) {
  return ag::slice(m, {0, 1}, {2, 5});
}

AG_CONVERT
ag::Tensor badGather(ag::Tensor m, ag::Tensor v) {
  return ag::gather(m, ag::Tensor{0, 2});
}

AG_CONVERT
ag::Tensor badConcat(ag::Tensor m, ag::Tensor v) {
  return ag::concat({m, v});
}

AG_CONVERT
ag::Tensor badBroadcast(ag::Tensor m, ag::Tensor v) {
  return ag::broadcast_to(m, {3, 3});
}

AG_CONVERT
ag::Tensor badStep(ag::Tensor m, ag::Tensor v) {
  return v.slice(2, 0, 0);
}

int main(int argc, char **argv) {
  agtest::Options o = agtest::parse(argc, argv);
  ag::Tensor m = ag::reshape(ag::linspace(1, 6, 6), {2, 3});
  ag::Tensor v = ag::ones({3});
  ag::Tensor (*cases[])(ag::Tensor, ag::Tensor) = {
      &fine, &badSlice, &badGather, &badConcat, &badBroadcast, &badStep};
  auto f = cases[o.ints.at(0)];
  return agtest::run(o, [&] { return ag::function(f)(m, v); });
}

// OK:result = [6, 8, 10]

//      SLICE:[[FILE]]:23:10: error: slice 1:5 is out of range for dimension 1 of float64[2, 3]
// SLICE-NEXT:  return ag::slice(m, {0, 1}, {2, 5});
// SLICE-NEXT:         ^~~~~~~~~~~~~~~~~~~~~~~~~~~~
// SLICE-NEXT:[[FILE]]:22:12: note: in 'badSlice'

//      GATHER:[[FILE]]:28:10: error: gather index 2 is out of range for dimension 0 of float64[2, 3] (size 2)
// GATHER-NEXT:  return ag::gather(m, ag::Tensor{0, 2});

// CONCAT:[[FILE]]:33:10: error: concat along axis 0: float64[2, 3] and float64[3] differ in another dimension

// BROADCAST:[[FILE]]:38:10: error: cannot broadcast float64[2, 3] to [3, 3]: each dimension, aligned from the right, must equal the target's or be 1

// STEP:[[FILE]]:43:10: error: slice 2:0:0 has a zero step, along dimension 0 of float64[3]
