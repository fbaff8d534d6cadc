// An integer division by zero inside a buffered function's loop is a
// fault: the interpreter re-runs the graph and reports the error at the
// op's location, as it does on its own.
// RUN: not ag-run %s --backend=native --feed "y=[[1, 2, 3], [4, 5, 6]]" --feed s=0 2>&1 | FileCheck %s --check-prefix=DIV
// RUN: not ag-run %s --backend=interpreter --feed "y=[[1, 2, 3], [4, 5, 6]]" --feed s=0 2>&1 | FileCheck %s --check-prefix=DIV
// RUN: ag-run %s --backend=native --feed "y=[[1, 2, 3], [4, 5, 6]]" --feed s=2 --stats 2>&1 | FileCheck %s --check-prefix=OK

// DIV: axis-reductions-fault.mlir:[[@LINE+6]]:8: error: integer division by zero
// OK: result0 = [2, 7]
// OK: ops executed: 0,

ag.func @f(%y: tensor<2x3xi64> loc("y"), %s: tensor<i64> loc("s"))
    -> tensor<2xi64> {
  %q = ag.div %y, %s : tensor<2x3xi64>, tensor<i64>
  %r = ag.reduce sum %q over [1] : tensor<2x3xi64>
  ag.return %r : tensor<2xi64>
}
