// The JSON form of a diagnostic (ag::Diagnostic::toJSON(), for tools and
// editors): valid JSON with the phase, message, the location (file, line,
// col, the range's end, enclosing function, variable) and every note.
// REQUIRES: ag-convert, ag-runtime
// RUN: ag-convert %s -o %t.cpp -- -std=c++17 -I%ag_include %ag_driver
// RUN: %cxx -std=c++17 -I%ag_include %ag_driver %t.cpp -o %t %ag_link
// RUN: not %t --json --save %t.mlir 0 > %t.json
// RUN: python3 -m json.tool %t.json | FileCheck %s -DFILE=%s --match-full-lines --strict-whitespace
// ag-run --diagnostics=json prints the same object (on stderr).
// RUN: not ag-run %t.mlir --feed $(sed -n 1p %t.mlir.inputs)=0 --diagnostics=json 2> %t.agrun.json
// RUN: diff %t.json %t.agrun.json
// RUN: not %t --json 2 > %t.trace.json
// RUN: python3 -m json.tool %t.trace.json | FileCheck %s -DFILE=%s --check-prefix=TRACE

#include "Driver.h"

AG_CONVERT
ag::Tensor share(ag::Tensor total, ag::Tensor parts) {
  ag::Tensor each = total / parts;
  return each;
}

AG_CONVERT
ag::Tensor split(ag::Tensor parts, int mode) {
  ag::Tensor s = share(120, parts);
  if (mode == 2)
    s = ag::Tensor::zeros(ag::DType::Int64, {3}) + ag::Tensor({1, 2, 3, 4});
  return s;
}

int main(int argc, char **argv) {
  agtest::Options o = agtest::parse(argc, argv);
  int mode = static_cast<int>(o.ints.at(0));
  auto f = ag::function(&split);
  ag::Tensor zero(int64_t(0));
  return agtest::run(
      o, [&] { return f(zero, mode); }, [&] { return f.graph(zero, mode); });
}

//      CHECK:{
// CHECK-NEXT:    "severity": "error",
// CHECK-NEXT:    "phase": "evaluation",
// CHECK-NEXT:    "message": "integer division by zero",
// CHECK-NEXT:    "location": {
// CHECK-NEXT:        "file": "[[FILE]]",
// CHECK-NEXT:        "line": 19,
// CHECK-NEXT:        "col": 21,
// CHECK-NEXT:        "endLine": 19,
// CHECK-NEXT:        "endCol": 33,
// CHECK-NEXT:        "function": "share",
// CHECK-NEXT:        "name": "each"
// CHECK-NEXT:    },
// CHECK-NEXT:    "notes": [
// CHECK-NEXT:        {
// CHECK-NEXT:            "message": "called from here",
// CHECK-NEXT:            "location": {
// CHECK-NEXT:                "file": "[[FILE]]",
// CHECK-NEXT:                "line": 25,
// CHECK-NEXT:                "col": 18,
// CHECK-NEXT:                "endLine": 25,
// CHECK-NEXT:                "endCol": 34,
// CHECK-NEXT:                "function": "split",
// CHECK-NEXT:                "name": ""
// CHECK-NEXT:            }
// CHECK-NEXT:        }
// CHECK-NEXT:    ]
// CHECK-NEXT:}

// A trace error in the same form, with the enclosing function in a note.
// TRACE:    "phase": "trace",
// TRACE:    "message": "shapes [3] and [4] cannot be broadcast together",
// TRACE:            "message": "in 'split'",
