// A variable merged after a staged if needs one dtype and one shape on both
// paths. Both branches are traced (whichever runs later), so this is a trace
// error: at the then assignment, with the else assignment and the if.
// REQUIRES: ag-convert, ag-runtime
// RUN: ag-convert %s -o %t.cpp -- -std=c++17 -I%ag_include %ag_driver
// RUN: %cxx -std=c++17 -I%ag_include %ag_driver %t.cpp -o %t %ag_link
// RUN: not %t 1 2>&1 | FileCheck %s -DFILE=%s --check-prefix=DTYPE --match-full-lines --strict-whitespace
// RUN: not %t 2 2>&1 | FileCheck %s -DFILE=%s --check-prefix=SHAPE --match-full-lines --strict-whitespace
// RUN: %t 3 | FileCheck %s --check-prefix=OK

#include "Driver.h"

AG_CONVERT
ag::Tensor halve(ag::Tensor x, int variant) {
  ag::Tensor y;
  if (x > 0)
    y = x / 2;
  else if (variant == 1)
    y = ag::cast(x, ag::DType::Float64) / 2;
  else if (variant == 2)
    y = ag::stack({x, x});
  else
    y = x * 0;
  return y;
}

int main(int argc, char **argv) {
  agtest::Options o = agtest::parse(argc, argv);
  int variant = static_cast<int>(o.ints.at(0));
  return agtest::run(
      o, [&] {
        // A typed argument (a literal would be weak and adopt float64).
        return ag::function(&halve)(ag::Tensor::full(ag::DType::Int64, {}, 7),
                                     variant);
      });
}

// OK:result = 3

// The else branch is itself an if on a host value, decided while tracing.
//      DTYPE:[[FILE]]:17:5: error: variable 'y' is int64[] after the then branch but float64[] after the else branch of this if; a variable merged after an if needs one dtype and shape
// DTYPE-NEXT:    y = x / 2;
// DTYPE-NEXT:    ^~~~~~~~~
// DTYPE-NEXT:[[FILE]]:19:5: note: 'y' is float64[] here
// DTYPE-NEXT:    y = ag::cast(x, ag::DType::Float64) / 2;
// DTYPE-NEXT:    ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~
// DTYPE-NEXT:[[FILE]]:16:3: note: the if is here
// DTYPE-NEXT:  if (x > 0)
// DTYPE-NEXT:  ^~~~~~~~~~
// DTYPE-NEXT:[[FILE]]:14:12: note: in 'halve'
// DTYPE-NEXT:ag::Tensor halve(ag::Tensor x, int variant) {
// DTYPE-NEXT:           ^
//  DTYPE-NOT:{{.}}

//      SHAPE:[[FILE]]:17:5: error: variable 'y' is int64[] after the then branch but int64[2] after the else branch of this if; a variable merged after an if needs one dtype and shape
// SHAPE-NEXT:    y = x / 2;
// SHAPE-NEXT:    ^~~~~~~~~
// SHAPE-NEXT:[[FILE]]:21:5: note: 'y' is int64[2] here
// SHAPE-NEXT:    y = ag::stack({x, x});
// SHAPE-NEXT:    ^~~~~~~~~~~~~~~~~~~~~
// SHAPE-NEXT:[[FILE]]:16:3: note: the if is here
// SHAPE-NEXT:  if (x > 0)
// SHAPE-NEXT:  ^~~~~~~~~~
// SHAPE-NEXT:[[FILE]]:14:12: note: in 'halve'
// SHAPE-NEXT:ag::Tensor halve(ag::Tensor x, int variant) {
// SHAPE-NEXT:           ^
//  SHAPE-NOT:{{.}}
