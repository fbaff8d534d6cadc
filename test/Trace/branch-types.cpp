// A variable merged after an if needs one dtype and rank (a dimension sized
// differently becomes dynamic); the error shows both assignments and the if.
// REQUIRES: ag-convert, ag-trace-driver
// RUN: ag-convert %s -o %t.cpp -- -std=c++17 -I%ag_include
// RUN: %cxx -std=c++17 -I%ag_include %t.cpp %ag_trace_link -o %t
// RUN: not %t pick bool float32 int32 2>&1 | FileCheck %s -DFILE=%s --check-prefix=DTYPE --match-full-lines --strict-whitespace
// RUN: not %t pick bool float32[3] float32 2>&1 | FileCheck %s -DFILE=%s --check-prefix=SHAPE

#include <ag/ag.h>

AG_CONVERT
ag::Tensor pick(ag::Tensor c, ag::Tensor a, ag::Tensor b) {
  ag::Tensor y;
  if (c)
    y = a * 2;
  else
    y = b + 1;
  return y;
}

// DTYPE:[[FILE]]:15:5: error: variable 'y' is float32[] after the then branch but int32[] after the else branch of this if; a variable merged after an if needs one dtype and shape
// DTYPE-NEXT:    y = a * 2;
// DTYPE-NEXT:    ^~~~~~~~~
// DTYPE-NEXT:[[FILE]]:17:5: note: 'y' is int32[] here
// DTYPE-NEXT:    y = b + 1;
// DTYPE-NEXT:    ^~~~~~~~~
// DTYPE-NEXT:[[FILE]]:14:3: note: the if is here
// DTYPE-NEXT:  if (c)
// DTYPE-NEXT:  ^~~~~~
// DTYPE-NEXT:[[FILE]]:12:12: note: in 'pick'
// DTYPE-NEXT:ag::Tensor pick(ag::Tensor c, ag::Tensor a, ag::Tensor b) {
// DTYPE-NEXT:           ^

// SHAPE: [[FILE]]:15:5: error: variable 'y' is float32[3] after the then branch but float32[] after the else branch of this if
