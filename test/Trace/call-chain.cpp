// An error two converted calls deep shows the chain of calls, innermost
// first; the graph of a good call locates inlined ops with call sites.
// REQUIRES: ag-convert, ag-trace-driver
// RUN: ag-convert %s -o %t.cpp -- -std=c++17 -I%ag_include
// RUN: %cxx -std=c++17 -I%ag_include %t.cpp %ag_trace_link -o %t
// RUN: not %t outer float32 2>&1 | FileCheck %s -DFILE=%s --match-full-lines --strict-whitespace
// RUN: %t --locations outer int64 | FileCheck %s -DFILE=%s --check-prefix=LOC

#include <ag/ag.h>

AG_CONVERT
ag::Tensor inner(ag::Tensor x) {
  ag::Tensor k = ag::Tensor::zeros(ag::DType::Int64, {});
  while (k < 3)
    k = k + x;
  return k;
}

AG_CONVERT
ag::Tensor middle(ag::Tensor x) {
  ag::Tensor m = inner(x) * 2;
  return m;
}

AG_CONVERT
ag::Tensor outer(ag::Tensor x) {
  ag::Tensor r = middle(x) + 1;
  return r;
}

// CHECK:[[FILE]]:15:5: error: loop-carried variable 'k' changes type in the loop: it is int64[] before the loop and float32[] after an iteration
// CHECK-NEXT:    k = k + x;
// CHECK-NEXT:    ^~~~~~~~~
// CHECK-NEXT:[[FILE]]:13:18: note: 'k' is int64[] here
// CHECK-NEXT:  ag::Tensor k = ag::Tensor::zeros(ag::DType::Int64, {});
// CHECK-NEXT:                 ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~
// CHECK-NEXT:[[FILE]]:14:3: note: the loop is here
// CHECK-NEXT:  while (k < 3)
// CHECK-NEXT:  ^~~~~~~~~~~~
// CHECK-NEXT:[[FILE]]:12:12: note: in 'inner'
// CHECK-NEXT:ag::Tensor inner(ag::Tensor x) {
// CHECK-NEXT:           ^
// CHECK-NEXT:[[FILE]]:21:18: note: called from here
// CHECK-NEXT:  ag::Tensor m = inner(x) * 2;
// CHECK-NEXT:                 ^~~~~~~~~~~~
// CHECK-NEXT:[[FILE]]:20:12: note: in 'middle'
// CHECK-NEXT:ag::Tensor middle(ag::Tensor x) {
// CHECK-NEXT:           ^
// CHECK-NEXT:[[FILE]]:27:18: note: called from here
// CHECK-NEXT:  ag::Tensor r = middle(x) + 1;
// CHECK-NEXT:                 ^~~~~~~~~~~~~
// CHECK-NEXT:[[FILE]]:26:12: note: in 'outer'
// CHECK-NEXT:ag::Tensor outer(ag::Tensor x) {
// CHECK-NEXT:           ^

// The loop body's add is named k, in inner, called from middle, called from
// outer.
// LOC: ag.add loc(callsite("k"(fused<"inner">["[[FILE]]":15:5, "[[FILE]]":15:13]) at callsite(fused<"middle">["[[FILE]]":21:18, "[[FILE]]":21:29] at fused<"outer">["[[FILE]]":27:18, "[[FILE]]":27:30])))
// LOC: ag.mul loc(callsite("m"(fused<"middle">["[[FILE]]":21:18, "[[FILE]]":21:29]) at fused<"outer">["[[FILE]]":27:18, "[[FILE]]":27:30]))
// LOC: ag.add loc("r"(fused<"outer">["[[FILE]]":27:18, "[[FILE]]":27:30]))
// LOC: ag.func loc(fused<"outer">["[[FILE]]":26:12])
// The parameter is named after the source (ag-convert passes the names).
// LOC-NEXT: ^arg0 loc("x")
