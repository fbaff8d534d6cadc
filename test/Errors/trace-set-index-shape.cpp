// Assigning a value of another shape to a row (not 0-d, which fills it):
// a trace-time error at the statement naming both shapes.
// REQUIRES: ag-convert, ag-runtime
// RUN: ag-convert %s -o %t.cpp -- -std=c++17 -I%ag_include %ag_driver
// RUN: %cxx -std=c++17 -I%ag_include %ag_driver %t.cpp -o %t %ag_link
// RUN: %t 2 | FileCheck %s --check-prefix=OK
// RUN: not %t 3 2>&1 | FileCheck %s -DFILE=%s --match-full-lines --strict-whitespace

#include "Driver.h"

AG_CONVERT
ag::Tensor replace(ag::Tensor table, ag::Tensor row) {
  table[1] = row;
  return table;
}

int main(int argc, char **argv) {
  agtest::Options o = agtest::parse(argc, argv);
  ag::Tensor table = ag::Tensor::zeros(ag::DType::Float64, {2, 2});
  ag::Tensor row = ag::Tensor::full(ag::DType::Int64, {o.ints.at(0)}, 7);
  return agtest::run(o, [&] { return ag::function(&replace)(table, row); });
}

// OK:result = {{\[\[}}0, 0], [7, 7]]

//      CHECK:[[FILE]]:13:3: error: cannot assign int64[3] to a row of a float64[2, 2] tensor: the value must have the row's shape [2] or be 0-d
// CHECK-NEXT:  table[1] = row;
// CHECK-NEXT:  ^~~~~~~~~~~~~~
