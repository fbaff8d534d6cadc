// The same mistakes against a dimension known only when the graph runs (the
// length of a stacked list): an evaluation error at the user's line naming
// the shape. In-range slices with negative steps work (NEGSTEP).
// REQUIRES: ag-convert, ag-runtime
// RUN: ag-convert %s -o %t.cpp -- -std=c++17 -I%ag_include %ag_driver
// RUN: %cxx -std=c++17 -I%ag_include %ag_driver %t.cpp -o %t %ag_link
// RUN: %t 3 0 | FileCheck %s --check-prefix=OK
// RUN: not %t 3 1 2>&1 | FileCheck %s -DFILE=%s --check-prefix=SLICE
// RUN: not %t 3 2 2>&1 | FileCheck %s -DFILE=%s --check-prefix=GATHER
// RUN: not %t 3 3 2>&1 | FileCheck %s -DFILE=%s --check-prefix=BROADCAST
// RUN: not %t 4 4 2>&1 | FileCheck %s -DFILE=%s --check-prefix=CONCAT

#include "Driver.h"

AG_CONVERT
ag::Tensor model(ag::Tensor n, ag::Tensor which) {
  std::vector<ag::Tensor> rows;
  for (ag::Tensor i = 0; i < n; ++i)
    rows.push_back(ag::ones({3}) * i);
  ag::Tensor m = ag::stack(rows, ag::Float64, {3});
  ag::Tensor out = ag::sum(m.slice(1, 3), 0);
  out = out + ag::sum(ag::gather(m, ag::Tensor{0, 2}), 0);
  if (which == 1)
    out = out + ag::sum(m.slice(1, 4), 0);
  if (which == 2)
    out = out + ag::gather(m, n, 0);
  if (which == 3)
    out = out + ag::sum(ag::broadcast_to(ag::sum(m, 1), {2, 2}));
  if (which == 4)
    out = out + ag::sum(ag::concat({m, ag::transpose(m)}, 1), 1);
  if (which == 5) // rows 2, 0 and 2, 1, 0 (-4 is before the first row)
    out = out + m.slice(-1, ag::kEnd, -2)[0] + m.slice(2, -4, -1)[2];
  return out;
}

int main(int argc, char **argv) {
  agtest::Options o = agtest::parse(argc, argv);
  return agtest::run(
      o, [&] { return ag::function(&model)(o.arg(0), o.arg(1)); });
}

// OK:result = [5, 5, 5]

//      SLICE:[[FILE]]:24:5: error: slice 1:4 is out of range for dimension 0 of float64[3, 3]
// SLICE-NEXT:    out = out + ag::sum(m.slice(1, 4), 0);

// NEGSTEP:result = [7, 7, 7]

// GATHER:[[FILE]]:26:5: error: gather index 3 is out of range for dimension 0 of float64[3, 3] (size 3)

// BROADCAST:[[FILE]]:28:5: error: cannot broadcast [3] to [2, 2]

// CONCAT:[[FILE]]:30:5: error: concat along axis 1: float64[4, 3] and float64[3, 4] differ in another dimension

// The same results and diagnostics from the native backend:
// RUN: env AG_BACKEND=native %t 3 0 | FileCheck %s --check-prefix=OK
// RUN: env AG_BACKEND=native not %t 3 1 2>&1 | FileCheck %s -DFILE=%s --check-prefix=SLICE
// RUN: %t 3 5 | FileCheck %s --check-prefix=NEGSTEP
// RUN: env AG_BACKEND=native %t 3 5 | FileCheck %s --check-prefix=NEGSTEP
// RUN: env AG_BACKEND=native not %t 3 2 2>&1 | FileCheck %s -DFILE=%s --check-prefix=GATHER
// RUN: env AG_BACKEND=native not %t 3 3 2>&1 | FileCheck %s -DFILE=%s --check-prefix=BROADCAST
// RUN: env AG_BACKEND=native not %t 4 4 2>&1 | FileCheck %s -DFILE=%s --check-prefix=CONCAT
