// A staged '?:' whose sides have different dtypes or shapes is an error at
// the '?:' that names both types, not a "variable '?:'" of an 'if'.
// REQUIRES: ag-convert, ag-runtime
// RUN: ag-convert %s -o %t.cpp -- -std=c++17 -I%ag_include %ag_driver
// RUN: %cxx -std=c++17 -I%ag_include %ag_driver %t.cpp -o %t %ag_link
// RUN: not %t 1 2>&1 | FileCheck %s -DFILE=%s --check-prefix=DTYPE --match-full-lines --strict-whitespace
// RUN: not %t 2 2>&1 | FileCheck %s -DFILE=%s --check-prefix=SHAPE --match-full-lines --strict-whitespace

#include "Driver.h"

AG_CONVERT
ag::Tensor pick(ag::Tensor x, ag::Tensor f) { return x > 0 ? x : f; }

AG_CONVERT
ag::Tensor row(ag::Tensor x, ag::Tensor v) {
  ag::Tensor r = x > 0 ? v : x;
  return r;
}

int main(int argc, char **argv) {
  agtest::Options o = agtest::parse(argc, argv);
  ag::Tensor x = ag::Tensor::full(ag::DType::Int32, {}, 5);
  ag::Tensor f = ag::Tensor::full(ag::DType::Float32, {}, 2.5);
  ag::Tensor v = ag::Tensor::full(ag::DType::Int32, {2}, 1);
  return agtest::run(o, [&] {
    return o.ints.at(0) == 1 ? ag::function(&pick)(x, f)
                             : ag::function(&row)(x, v);
  });
}

//      DTYPE:[[FILE]]:12:54: error: the sides of this '?:' are int32[] and float32[]; a staged '?:' gives one dtype and shape (cast one side with ag::cast)
// DTYPE-NEXT:ag::Tensor pick(ag::Tensor x, ag::Tensor f) { return x > 0 ? x : f; }
// DTYPE-NEXT:                                                     ^~~~~~~~~~~~~
// DTYPE-NEXT:[[FILE]]:12:12: note: in 'pick'
// DTYPE-NEXT:ag::Tensor pick(ag::Tensor x, ag::Tensor f) { return x > 0 ? x : f; }
// DTYPE-NEXT:           ^
//  DTYPE-NOT:{{.}}

//      SHAPE:[[FILE]]:16:18: error: the sides of this '?:' are int32[2] and int32[]; a staged '?:' gives one dtype and shape
// SHAPE-NEXT:  ag::Tensor r = x > 0 ? v : x;
// SHAPE-NEXT:                 ^~~~~~~~~~~~~
// SHAPE-NEXT:[[FILE]]:15:12: note: in 'row'
// SHAPE-NEXT:ag::Tensor row(ag::Tensor x, ag::Tensor v) {
// SHAPE-NEXT:           ^
//  SHAPE-NOT:{{.}}
