// A value undefined on some path. ag-convert rejects what it can see (a
// variable assigned on only some paths and read after: test/Convert/
// diag-maybe-undefined.cpp); what it cannot see is a plain helper returning
// a value-less ag::Tensor. Tracing catches it: on one path of a staged if
// (both assignments and the if are shown), or where it is used.
// REQUIRES: ag-convert, ag-runtime
// RUN: ag-convert %s -o %t.cpp -- -std=c++17 -I%ag_include %ag_driver
// RUN: %cxx -std=c++17 -I%ag_include %ag_driver %t.cpp -o %t %ag_link
// RUN: %t 0 4 | FileCheck %s --check-prefix=OK
// RUN: not %t 0 9 2>&1 | FileCheck %s -DFILE=%s --check-prefix=BRANCH --match-full-lines --strict-whitespace
// RUN: not %t 1 9 2>&1 | FileCheck %s -DFILE=%s --check-prefix=USE --match-full-lines --strict-whitespace

#include "Driver.h"

// A host-side table: no entry (a default ag::Tensor) past the end.
ag::Tensor calibration(int64_t sensor) {
  if (sensor < 5)
    return ag::Tensor(0.5 * static_cast<double>(sensor));
  return ag::Tensor();
}

AG_CONVERT
ag::Tensor corrected(ag::Tensor x, int64_t sensor) {
  ag::Tensor offset;
  if (x > 100)
    offset = x / 10.0;
  else
    offset = calibration(sensor);
  return x - offset;
}

AG_CONVERT
ag::Tensor scaled(ag::Tensor x, int64_t sensor) {
  ag::Tensor factor = calibration(sensor);
  ag::Tensor y = x * factor;
  return y;
}

int main(int argc, char **argv) {
  agtest::Options o = agtest::parse(argc, argv);
  int64_t sensor = o.ints.at(1);
  ag::Tensor x(int64_t(50));
  if (o.ints.at(0) == 0)
    return agtest::run(
        o, [&] { return ag::function(&corrected)(x, sensor); });
  return agtest::run(o, [&] { return ag::function(&scaled)(x, sensor); });
}

// OK:result = 48

//      BRANCH:[[FILE]]:26:5: error: variable 'offset' is assigned in the then branch of this if but has no value in the else branch (nor before the if)
// BRANCH-NEXT:    offset = x / 10.0;
// BRANCH-NEXT:    ^~~~~~~~~~~~~~~~~
// BRANCH-NEXT:[[FILE]]:28:5: note: 'offset' is assigned no value here
// BRANCH-NEXT:    offset = calibration(sensor);
// BRANCH-NEXT:    ^~~~~~~~~~~~~~~~~~~~~~~~~~~~
// BRANCH-NEXT:[[FILE]]:25:3: note: the if is here
// BRANCH-NEXT:  if (x > 100)
// BRANCH-NEXT:  ^~~~~~~~~~~~
// BRANCH-NEXT:[[FILE]]:23:12: note: in 'corrected'
// BRANCH-NEXT:ag::Tensor corrected(ag::Tensor x, int64_t sensor) {
// BRANCH-NEXT:           ^
//  BRANCH-NOT:{{.}}

//      USE:[[FILE]]:35:18: error: use of an undefined tensor (a variable declared without a value)
// USE-NEXT:  ag::Tensor y = x * factor;
// USE-NEXT:                 ^~~~~~~~~~
// USE-NEXT:[[FILE]]:33:12: note: in 'scaled'
// USE-NEXT:ag::Tensor scaled(ag::Tensor x, int64_t sensor) {
// USE-NEXT:           ^
//  USE-NOT:{{.}}
