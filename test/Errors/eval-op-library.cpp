// The same mistakes with a dimension known only when the graph runs (the
// length of a stacked list): an evaluation error at the user's line naming
// both shapes (issue 13).
// REQUIRES: ag-convert, ag-runtime
// RUN: ag-convert %s -o %t.cpp -- -std=c++17 -I%ag_include %ag_driver
// RUN: %cxx -std=c++17 -I%ag_include %ag_driver %t.cpp -o %t %ag_link
// RUN: %t 3 0 | FileCheck %s --check-prefix=OK
// RUN: not %t 2 1 2>&1 | FileCheck %s -DFILE=%s --check-prefix=MATMUL
// RUN: not %t 5 2 2>&1 | FileCheck %s -DFILE=%s --check-prefix=RESHAPE
// RUN: not %t 0 3 2>&1 | FileCheck %s -DFILE=%s --check-prefix=EMPTY

#include "Driver.h"

AG_CONVERT
ag::Tensor model(ag::Tensor n, ag::Tensor which) {
  std::vector<ag::Tensor> rows;
  for (ag::Tensor i = 0; i < n; ++i)
    rows.push_back(ag::ones({3}) * i);
  ag::Tensor m = ag::stack(rows, ag::Float64, {3});
  ag::Tensor out = ag::sum(m, 0);
  if (which == 1)
    out = out + ag::matmul(ag::ones({3}), m);
  if (which == 2)
    out = out + ag::sum(ag::reshape(m, {4, 3}), 0);
  if (which == 3)
    out = out + ag::max(m, ag::axis(0));
  return out;
}

int main(int argc, char **argv) {
  agtest::Options o = agtest::parse(argc, argv);
  return agtest::run(
      o, [&] { return ag::function(&model)(o.arg(0), o.arg(1)); });
}

// OK:result = [3, 3, 3]

//      MATMUL:[[FILE]]:22:5: error: matmul of float64[3] and float64[2, 3]: inner dimensions 3 and 2 differ
// MATMUL-NEXT:    out = out + ag::matmul(ag::ones({3}), m);

// RESHAPE:[[FILE]]:24:5: error: cannot reshape float64[5, 3] (15 elements) to [4, 3] (12 elements)

// EMPTY:[[FILE]]:26:5: error: max of an empty extent: float64[0, 3] has size 0 along axis 0

// The same diagnostics from the native backend (its fault makes the
// interpreter re-run and report at the same line):
// RUN: env AG_BACKEND=native %t 3 0 | FileCheck %s --check-prefix=OK
// RUN: env AG_BACKEND=native not %t 2 1 2>&1 | FileCheck %s -DFILE=%s --check-prefix=MATMUL
// RUN: env AG_BACKEND=native not %t 5 2 2>&1 | FileCheck %s -DFILE=%s --check-prefix=RESHAPE
// RUN: env AG_BACKEND=native not %t 0 3 2>&1 | FileCheck %s -DFILE=%s --check-prefix=EMPTY
