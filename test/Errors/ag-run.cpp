// A graph saved by the program and evaluated by ag-run fails the same way:
// ag-run prints the same rendered diagnostic as ag::Error::what() in the
// program and exits non-zero; a good feed still runs.
// Feeds use the graph's input names, which the driver writes next to the
// saved graph (arg0, ... until ag-convert names the twin's parameters).
// REQUIRES: ag-convert, ag-runtime, ag-run
// RUN: ag-convert %s -o %t.cpp -- -std=c++17 -I%ag_include %ag_driver
// RUN: %cxx -std=c++17 -I%ag_include %ag_driver %t.cpp -o %t %ag_link
// RUN: %t --save %t.mlir 4 9 | FileCheck %s --check-prefix=OK
// RUN: ag-run %t.mlir --feed $(sed -n 1p %t.mlir.inputs)=4 --feed $(sed -n 2p %t.mlir.inputs)=9 | FileCheck %s --check-prefix=TOOL
// RUN: not %t 4 2 2> %t.program
// RUN: not ag-run --source-dir=%S %t.mlir --feed $(sed -n 1p %t.mlir.inputs)=4 --feed $(sed -n 2p %t.mlir.inputs)=2 > %t.stdout 2> %t.agrun
// RUN: FileCheck %s -DFILE=%s --match-full-lines --strict-whitespace < %t.agrun
// RUN: diff %t.program %t.agrun
// RUN: count 0 < %t.stdout
// RUN: not ag-run --source-dir=%S %t.mlir --feed $(sed -n 1p %t.mlir.inputs)=4 --feed $(sed -n 2p %t.mlir.inputs)=2 --threads 4 2>&1 | FileCheck %s -DFILE=%s --match-full-lines --strict-whitespace

#include "Driver.h"

AG_CONVERT
ag::Tensor spread(ag::Tensor n, ag::Tensor d) {
  ag::Tensor acc = 0;
  ag::Tensor k = 0;
  do {
    acc = acc + 60 / (d - k);
    k += 1;
  } while (k < n);
  return acc;
}

AG_CONVERT
ag::Tensor plan(ag::Tensor n, ag::Tensor d) {
  ag::Tensor p = spread(n, d) - 1;
  return p;
}

int main(int argc, char **argv) {
  agtest::Options o = agtest::parse(argc, argv);
  auto f = ag::function(&plan);
  return agtest::run(
      o, [&] { return f(o.arg(0), o.arg(1)); },
      [&] { return f.graph(o.arg(0), o.arg(1)); });
}

// 60/9 + 60/8 + 60/7 + 60/6 - 1 = 6 + 7 + 8 + 10 - 1
// OK:result = 30
// TOOL:result0 = 30

//      CHECK:[[FILE]]:25:17: error: integer division by zero
// CHECK-NEXT:    acc = acc + 60 / (d - k);
// CHECK-NEXT:                ^~~~~~~~~~~~
// CHECK-NEXT:[[FILE]]:24:3: note: in iteration 3 of this loop
// CHECK-NEXT:  do {
// CHECK-NEXT:  ^
// CHECK-NEXT:[[FILE]]:33:18: note: called from here
// CHECK-NEXT:  ag::Tensor p = spread(n, d) - 1;
// CHECK-NEXT:                 ^~~~~~~~~~~~~~~~
//  CHECK-NOT:{{.}}
