// One evaluation error class per graph, each rendered at the user's source
// line: out-of-range index, non-finite value in check_numerics, remainder by
// zero inside a taken branch. The session stays usable (ag-run exits 1).
// RUN: split-file %s %t
// RUN: sed -i 's|SRC|%S/Inputs/errors.cpp|g' %t/index.mlir %t/numerics.mlir %t/branch.mlir
// RUN: ag-run %t/index.mlir --feed 'rows=[[1,2],[3,4],[5,6]]' --feed i=2 | FileCheck %s --check-prefix=INDEX-OK
// RUN: not ag-run --source-dir=%S %t/index.mlir --feed 'rows=[[1,2],[3,4],[5,6]]' --feed i=3 2>&1 | FileCheck %s --check-prefix=INDEX -DSRC=%S/Inputs/errors.cpp --match-full-lines --strict-whitespace
// RUN: ag-run %t/numerics.mlir --feed 'x=[1,2]' --feed total=4 | FileCheck %s --check-prefix=NUM-OK
// RUN: not ag-run --source-dir=%S %t/numerics.mlir --feed 'x=[1,2]' --feed total=0 2>&1 | FileCheck %s --check-prefix=NUM -DSRC=%S/Inputs/errors.cpp --match-full-lines --strict-whitespace
// RUN: ag-run %t/branch.mlir --feed a=-7 --feed m=0 | FileCheck %s --check-prefix=BRANCH-OK
// RUN: not ag-run --source-dir=%S %t/branch.mlir --feed a=7 --feed m=0 2>&1 | FileCheck %s --check-prefix=BRANCH -DSRC=%S/Inputs/errors.cpp --match-full-lines --strict-whitespace

// INDEX-OK: result0 = 11
//      INDEX:[[SRC]]:3:20: error: index 3 is out of range for dimension 0 of size 3
// INDEX-NEXT:  ag::Tensor row = rows[i];
// INDEX-NEXT:                   ^~~~~~~
//  INDEX-NOT:{{.}}

// NUM-OK: result0 = [0.25, 0.5]
//      NUM:[[SRC]]:8:18: error: normalized: tensor has NaN or Inf values
// NUM-NEXT:  ag::Tensor y = ag::check_numerics(x / total, "normalized");
// NUM-NEXT:                 ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~
//  NUM-NOT:{{.}}

// The untaken branch would divide by zero: nothing happens.
// BRANCH-OK: result0 = 0
//      BRANCH:[[SRC]]:15:9: error: integer remainder by zero
// BRANCH-NEXT:    r = a % m;
// BRANCH-NEXT:        ^~~~~
//  BRANCH-NOT:{{.}}

//--- index.mlir
ag.func @pick(%rows: tensor<3x2xi64> loc("rows"), %i: tensor<i64> loc("i")) -> tensor<i64> {
  %row = ag.index %rows[%i] : tensor<3x2xi64> loc("row"(fused<"pick">["SRC":3:20, "SRC":3:26]))
  %s = ag.reduce_sum %row : tensor<2xi64> loc(fused<"pick">["SRC":4:10, "SRC":4:21])
  ag.return %s : tensor<i64>
}
//--- numerics.mlir
ag.func @normalize(%x: tensor<2xf64> loc("x"), %total: tensor<f64> loc("total")) -> (tensor<2xf64>, !ag.token) {
  %t0 = ag.token
  %q = ag.div %x, %total : tensor<2xf64>, tensor<f64> loc(fused<"normalize">["SRC":8:37, "SRC":8:45])
  %y, %t1 = ag.check_numerics %t0, %q, "normalized" : tensor<2xf64> loc("y"(fused<"normalize">["SRC":8:18, "SRC":8:60]))
  ag.return %y, %t1 : tensor<2xf64>, !ag.token
}
//--- branch.mlir
ag.func @parity(%a: tensor<i64> loc("a"), %m: tensor<i64> loc("m")) -> tensor<i64> {
  %zero = ag.constant dense<0> : tensor<i64>
  %pos = ag.cmp gt, %a, %zero : tensor<i64> loc(fused<"parity">["SRC":14:7, "SRC":14:11])
  %r = ag.if %pos -> (tensor<i64>) {
    %q = ag.rem %a, %m : tensor<i64> loc("r"(fused<"parity">["SRC":15:9, "SRC":15:13]))
    ag.yield %q : tensor<i64>
  } else {
    ag.yield %zero : tensor<i64>
  } loc(fused<"parity">["SRC":14:3])
  ag.return %r : tensor<i64>
}
