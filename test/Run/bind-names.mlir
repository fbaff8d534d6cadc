// A traced graph (ag.bind on its ag.func) is fetched by the names ag.bind
// gives, never by its locations' names: `acc` is the second add although
// the first one's location names it too. A malformed ag.bind is an error
// at its op, never a crash.
// RUN: split-file %s %t
// RUN: ag-run %t/bound.mlir --feed x=3 --fetch acc,y | FileCheck %s --check-prefix=BOUND
// RUN: not ag-run %t/bound.mlir --feed x=3 --fetch tmp 2>&1 | FileCheck %s --check-prefix=UNBOUND
// RUN: not ag-run %t/malformed.mlir --feed x=3 2>&1 | FileCheck %s --check-prefix=BAD
// RUN: not ag-run %t/count.mlir --feed x=3 --fetch a 2>&1 | FileCheck %s --check-prefix=COUNT

// BOUND: acc = 9
// BOUND-NEXT: y = 9

// UNBOUND: error: 'f' has no value named 'tmp'

// BAD: error: 'ag.bind' must be an array with one array of variable names per result

// One list per result, not three for one: an error at the add, never a
// graph whose names are silently dropped.
// COUNT: count.mlir:2:8: error: 'ag.bind' must be an array with one array of variable names per result (3 for 1)

//--- bound.mlir
ag.func @f(%x: tensor<i64> loc("x")) -> tensor<i64> attributes {ag.bind} {
  %c = ag.constant dense<3> : tensor<i64>
  %0 = ag.add %x, %c : tensor<i64> loc("acc"("f.cpp":2:3))
  %1 = ag.add %0, %c {ag.bind = [["acc", "y"]]} : tensor<i64> loc("tmp"("f.cpp":3:3))
  %2 = ag.mul %0, %1 : tensor<i64>
  ag.return %2 : tensor<i64>
}

//--- malformed.mlir
ag.func @f(%x: tensor<i64> loc("x")) -> tensor<i64> attributes {ag.bind} {
  %0 = ag.add %x, %x {ag.bind = [[1]]} : tensor<i64>
  ag.return %0 : tensor<i64>
}

//--- count.mlir
ag.func @f(%x: tensor<i64> loc("x")) -> tensor<i64> attributes {ag.bind} {
  %0 = ag.add %x, %x {ag.bind = [["a"], ["b"], ["c"]]} : tensor<i64>
  ag.return %0 : tensor<i64>
}
