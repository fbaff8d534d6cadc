// An op that fails while tracing in the header of a host loop or switch (a
// for's init-statement or condition, a while's condition evaluated again
// after the body, a switch's init-statement) is located at that header,
// not at the statement before the loop (or the body's last statement).
// REQUIRES: ag-convert, ag-runtime
// RUN: ag-convert %s -o %t.cpp -- -std=c++17 -I%ag_include %ag_driver
// RUN: %cxx -std=c++17 -I%ag_include %ag_driver %t.cpp -o %t %ag_link
// RUN: not %t 1 2>&1 | FileCheck %s -DFILE=%s --check-prefix=FORINIT
// RUN: not %t 2 2>&1 | FileCheck %s -DFILE=%s --check-prefix=SWITCH
// RUN: not %t 3 2>&1 | FileCheck %s -DFILE=%s --check-prefix=WHILE
// RUN: not %t 4 2>&1 | FileCheck %s -DFILE=%s --check-prefix=FORCOND

#include "Driver.h"

AG_CONVERT
ag::Tensor forInit(ag::Tensor x) {
  ag::Tensor z = x + 1;
  for (ag::Tensor w = z * ag::Tensor({1, 2}) + ag::Tensor({1, 2, 3});;) {
    z = z + w;
    break;
  }
  return z;
}
// FORINIT: [[FILE]]:18:8: error: shapes [2] and [3] cannot be broadcast together

AG_CONVERT
ag::Tensor switchInit(ag::Tensor x) {
  ag::Tensor z = x + 1;
  switch (int k = (z * ag::Tensor({1, 2}) + ag::Tensor({1, 2, 3})).dim(0); k) {
  default:
    z = z + 1;
  }
  return z;
}
// SWITCH: [[FILE]]:29:10: error: shapes [2] and [3] cannot be broadcast together

// The condition fails on its second evaluation, after the body ran once.
AG_CONVERT
ag::Tensor whileCond(ag::Tensor x) {
  ag::Tensor z = x;
  int n = 0;
  while (n < (z + ag::Tensor({1, 2})).dim(0)) {
    n++;
    z = ag::Tensor({1, 2, 3});
  }
  return z + n;
}
// WHILE: [[FILE]]:42:10: error: shapes [3] and [2] cannot be broadcast together

AG_CONVERT
ag::Tensor forCond(ag::Tensor x) {
  ag::Tensor z = x;
  for (int n = 0; n < (z + ag::Tensor({1, 2})).dim(0); n++)
    z = ag::Tensor({1, 2, 3});
  return z;
}
// FORCOND: [[FILE]]:53:19: error: shapes [3] and [2] cannot be broadcast together

int main(int argc, char **argv) {
  agtest::Options o = agtest::parse(argc, argv);
  ag::Tensor x = 3;
  return agtest::run(o, [&] {
    switch (o.ints.at(0)) {
    case 1:
      return ag::function(&forInit)(x);
    case 2:
      return ag::function(&switchInit)(x);
    case 3:
      return ag::function(&whileCond)(x);
    default:
      return ag::function(&forCond)(x);
    }
  });
}
