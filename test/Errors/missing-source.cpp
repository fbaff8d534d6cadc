// A graph evaluated where its source file cannot be read (another machine,
// a deleted checkout): the diagnostic keeps file:line:col, the message and
// every note, and drops only the source lines and carets.
// REQUIRES: ag-convert, ag-runtime, ag-run
// RUN: rm -rf %t.dir && mkdir -p %t.dir && cp %s %t.dir/moved.cpp
// RUN: ag-convert %t.dir/moved.cpp -o %t.cpp -- -std=c++17 -I%ag_include %ag_driver
// RUN: %cxx -std=c++17 -I%ag_include %ag_driver %t.cpp -o %t %ag_link
// RUN: %t --save %t.mlir 3 | FileCheck %s --check-prefix=OK
// RUN: not ag-run --source-dir=%t.dir %t.mlir --feed $(sed -n 1p %t.mlir.inputs)=0 2>&1 | FileCheck %s -DFILE=%t.dir/moved.cpp --check-prefix=READABLE
// RUN: rm %t.dir/moved.cpp
// RUN: not ag-run --source-dir=%t.dir %t.mlir --feed $(sed -n 1p %t.mlir.inputs)=0 2>&1 | FileCheck %s -DFILE=%t.dir/moved.cpp --match-full-lines --strict-whitespace
// RUN: not %t 0 2>&1 | FileCheck %s -DFILE=%t.dir/moved.cpp --match-full-lines --strict-whitespace

#include "Driver.h"

AG_CONVERT
ag::Tensor reciprocal(ag::Tensor x) {
  ag::Tensor r = 1000 / x;
  return r;
}

AG_CONVERT
ag::Tensor twice(ag::Tensor x) {
  ag::Tensor t = reciprocal(x) * 2;
  return t;
}

int main(int argc, char **argv) {
  agtest::Options o = agtest::parse(argc, argv);
  auto f = ag::function(&twice);
  return agtest::run(
      o, [&] { return f(o.arg(0)); }, [&] { return f.graph(o.arg(0)); });
}

// OK:result = 666

// While the file is there, the snippet is shown.
//      READABLE:[[FILE]]:18:18: error: integer division by zero
// READABLE-NEXT:  ag::Tensor r = 1000 / x;

//      CHECK:[[FILE]]:18:18: error: integer division by zero
// CHECK-NEXT:[[FILE]]:24:18: note: called from here
//  CHECK-NOT:{{.}}
