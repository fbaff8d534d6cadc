// Colour: clang's palette when forced (AG_FORCE_COLOR=1, as a terminal
// would get), none when NO_COLOR is set (it wins over forcing), none by
// default when piped. ag::Error::what() is never coloured: it is what gets
// logged. lit sets NO_COLOR=1 for every test, so each RUN line sets its own.
// REQUIRES: ag-convert, ag-runtime, ag-run
// RUN: ag-convert %s -o %t.cpp -- -std=c++17 -I%ag_include %ag_driver
// RUN: %cxx -std=c++17 -I%ag_include %ag_driver %t.cpp -o %t %ag_link
// RUN: %t --save %t.mlir 2 | FileCheck %s --check-prefix=OK
// RUN: env -u NO_COLOR AG_FORCE_COLOR=1 not %t --color 0 2>&1 | sed 's/\x1b/<ESC>/g' | FileCheck %s -DFILE=%s --check-prefix=COLOR --match-full-lines --strict-whitespace
// RUN: env -u NO_COLOR AG_FORCE_COLOR=1 not ag-run --source-dir=%S %t.mlir --feed $(sed -n 1p %t.mlir.inputs)=0 2>&1 | sed 's/\x1b/<ESC>/g' | FileCheck %s -DFILE=%s --check-prefix=COLOR --match-full-lines --strict-whitespace
// RUN: env NO_COLOR=1 AG_FORCE_COLOR=1 not %t --color 0 2>&1 | sed 's/\x1b/<ESC>/g' | FileCheck %s -DFILE=%s --check-prefix=PLAIN --match-full-lines --strict-whitespace
// RUN: env NO_COLOR=1 AG_FORCE_COLOR=1 not ag-run --source-dir=%S %t.mlir --feed $(sed -n 1p %t.mlir.inputs)=0 2>&1 | sed 's/\x1b/<ESC>/g' | FileCheck %s -DFILE=%s --check-prefix=PLAIN --match-full-lines --strict-whitespace
// RUN: env -u NO_COLOR -u AG_FORCE_COLOR not %t --color 0 2>&1 | sed 's/\x1b/<ESC>/g' | FileCheck %s -DFILE=%s --check-prefix=PLAIN --match-full-lines --strict-whitespace
// RUN: env -u NO_COLOR -u AG_FORCE_COLOR not ag-run --source-dir=%S %t.mlir --feed $(sed -n 1p %t.mlir.inputs)=0 2>&1 | sed 's/\x1b/<ESC>/g' | FileCheck %s -DFILE=%s --check-prefix=PLAIN --match-full-lines --strict-whitespace
// RUN: env -u NO_COLOR AG_FORCE_COLOR=1 not %t 0 2>&1 | sed 's/\x1b/<ESC>/g' | FileCheck %s -DFILE=%s --check-prefix=PLAIN --match-full-lines --strict-whitespace

#include "Driver.h"

AG_CONVERT
ag::Tensor perItem(ag::Tensor count) {
  ag::Tensor each = 100 / count;
  return each;
}

AG_CONVERT
ag::Tensor budget(ag::Tensor count) {
  ag::Tensor b = perItem(count) + 5;
  return b;
}

int main(int argc, char **argv) {
  agtest::Options o = agtest::parse(argc, argv);
  auto f = ag::function(&budget);
  return agtest::run(
      o, [&] { return f(o.arg(0)); }, [&] { return f.graph(o.arg(0)); });
}

// OK:result = 55

//      COLOR:<ESC>[1m[[FILE]]:21:21: <ESC>[1;31merror: <ESC>[0m<ESC>[1minteger division by zero<ESC>[0m
// COLOR-NEXT:  ag::Tensor each = 100 / count;
// COLOR-NEXT:                    <ESC>[1;32m^~~~~~~~~~~<ESC>[0m
// COLOR-NEXT:<ESC>[1m[[FILE]]:27:18: <ESC>[1;30mnote: <ESC>[0m<ESC>[1mcalled from here<ESC>[0m
// COLOR-NEXT:  ag::Tensor b = perItem(count) + 5;
// COLOR-NEXT:                 <ESC>[1;32m^~~~~~~~~~~~~~~~~~<ESC>[0m
//  COLOR-NOT:{{.}}

//      PLAIN:[[FILE]]:21:21: error: integer division by zero
// PLAIN-NEXT:  ag::Tensor each = 100 / count;
// PLAIN-NEXT:                    ^~~~~~~~~~~
// PLAIN-NEXT:[[FILE]]:27:18: note: called from here
// PLAIN-NEXT:  ag::Tensor b = perItem(count) + 5;
// PLAIN-NEXT:                 ^~~~~~~~~~~~~~~~~~
//  PLAIN-NOT:{{.}}
