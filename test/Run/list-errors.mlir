// list_stack fails at its source line: on an empty list with the message of
// eager ag::stack of an empty std::vector, and on an element whose type is
// not the one the result type names (index and both types, "?" for the
// dynamic dim). Sequential and --threads 2 report the same.
// RUN: split-file %s %t
// RUN: sed -i 's|SRC|%S/Inputs/lists.cpp|g' %t/empty.mlir %t/mixed.mlir
// RUN: ag-run %t/empty.mlir --feed n=2 | FileCheck %s --check-prefix=EMPTY-OK
// RUN: not ag-run --source-dir=%S %t/empty.mlir --feed n=0 2>&1 | FileCheck %s --check-prefix=EMPTY -DSRC=%S/Inputs/lists.cpp --match-full-lines --strict-whitespace
// RUN: not ag-run --source-dir=%S %t/empty.mlir --feed n=0 --threads 2 2>&1 | FileCheck %s --check-prefix=EMPTY -DSRC=%S/Inputs/lists.cpp --match-full-lines --strict-whitespace
// RUN: ag-run %t/mixed.mlir --feed wide=false | FileCheck %s --check-prefix=MIXED-OK
// RUN: not ag-run --source-dir=%S %t/mixed.mlir --feed wide=true 2>&1 | FileCheck %s --check-prefix=MIXED -DSRC=%S/Inputs/lists.cpp --match-full-lines --strict-whitespace
// RUN: not ag-run --source-dir=%S %t/mixed.mlir --feed wide=true --threads 2 2>&1 | FileCheck %s --check-prefix=MIXED -DSRC=%S/Inputs/lists.cpp --match-full-lines --strict-whitespace

// EMPTY-OK: result0 = {{\[\[}}0, 0, 0], [1, 2, 3]]
//      EMPTY:[[SRC]]:6:10: error: stack of no tensors
// EMPTY-NEXT:  return ag::stack(rows);
// EMPTY-NEXT:         ^~~~~~~~~~~~~~~
//  EMPTY-NOT:{{.}}

// MIXED-OK: result0 = {{\[\[}}1, 2, 3]]
//      MIXED:[[SRC]]:14:10: error: cannot stack list element 1 of type int64[2] as float64[3] (the result is float64[?, 3])
// MIXED-NEXT:  return ag::stack(rows);
// MIXED-NEXT:         ^~~~~~~~~~~~~~~
//  MIXED-NOT:{{.}}

//--- empty.mlir
ag.func @rows(%n: tensor<i64> loc("n")) -> tensor<?x3xf64> {
  %zero = ag.constant dense<0> : tensor<i64>
  %one = ag.constant dense<1> : tensor<i64>
  %row = ag.constant dense<[1.0, 2.0, 3.0]> : tensor<3xf64>
  %l0 = ag.list_new loc("rows"(fused<"rows">["SRC":3:3]))
  %l = ag.for %i = %zero to %n step %one iter_args(%acc = %l0) -> (!ag.list) {
    %f = ag.cast %i : tensor<i64> to tensor<f64>
    %x = ag.mul %row, %f : tensor<3xf64>, tensor<f64> loc(fused<"rows">["SRC":5:20, "SRC":5:52])
    %acc1 = ag.list_push %acc, %x : tensor<3xf64> loc("rows"(fused<"rows">["SRC":5:5, "SRC":5:53]))
    ag.yield %acc1 : !ag.list
  } loc(fused<"rows">["SRC":4:3])
  %m = ag.list_stack %l : tensor<?x3xf64> loc(fused<"rows">["SRC":6:10, "SRC":6:24])
  ag.return %m : tensor<?x3xf64>
}
//--- mixed.mlir
ag.func @mixed(%wide: tensor<i1> loc("wide")) -> tensor<?x3xf64> {
  %a = ag.constant dense<[1.0, 2.0, 3.0]> : tensor<3xf64>
  %b = ag.constant dense<[1, 2]> : tensor<2xi64>
  %l0 = ag.list_new loc("rows"(fused<"mixed">["SRC":10:3]))
  %l1 = ag.list_push %l0, %a : tensor<3xf64> loc("rows"(fused<"mixed">["SRC":11:3, "SRC":11:46]))
  %l = ag.if %wide -> (!ag.list) {
    %l2 = ag.list_push %l1, %b : tensor<2xi64> loc("rows"(fused<"mixed">["SRC":13:5, "SRC":13:38]))
    ag.yield %l2 : !ag.list
  } else {
    ag.yield %l1 : !ag.list
  } loc(fused<"mixed">["SRC":12:3])
  %m = ag.list_stack %l : tensor<?x3xf64> loc(fused<"mixed">["SRC":14:10, "SRC":14:24])
  ag.return %m : tensor<?x3xf64>
}
