// Elementwise chains on tensors run natively (ops executed: 0) with the
// interpreter's results; a mismatch of dynamic shapes, an integer division
// by zero and an unsupported op go to the interpreter, which reports them.
// RUN: ag-run %s --backend=native --feed "x=[1.5, -2.0, 3.0]" --feed "y=[2, 0, -7]" --feed s=4 --stats 2>&1 | FileCheck %s
// RUN: ag-run %s --backend=interpreter --feed "x=[1.5, -2.0, 3.0]" --feed "y=[2, 0, -7]" --feed s=4 | FileCheck %s --check-prefix=SAME
// RUN: ag-run %s --backend=native --feed "x=[]" --feed "y=[]" --feed s=4 | FileCheck %s --check-prefix=EMPTY
// RUN: not ag-run %s --backend=native --feed "x=[1.0, 2.0]" --feed "y=[1, 2, 3]" --feed s=4 2>&1 | FileCheck %s --check-prefix=SHAPE
// RUN: not ag-run %s --backend=native --feed "x=[1.0, 2.0]" --feed "y=[1, 2]" --feed s=0 2>&1 | FileCheck %s --check-prefix=DIV

// CHECK: result0 = [3.125, 5, 18.5]
// CHECK: result1 = [false, true, true]
// CHECK: result2 = [0, 0, -1]
// CHECK: result3 = 16
// CHECK: ops executed: 0,
// SAME: result0 = [3.125, 5, 18.5]
// SAME: result1 = [false, true, true]
// SAME: result2 = [0, 0, -1]
// SAME: result3 = 16
// EMPTY: result0 = []
// EMPTY: result3 = 16
// SHAPE: error
// DIV: ranked-run.mlir:[[@LINE+9]]:8: error: integer division by zero

ag.func @f(%x: tensor<?xf64> loc("x"), %y: tensor<?xi64> loc("y"),
           %s: tensor<i64> loc("s"))
    -> (tensor<?xf64>, tensor<?xi1>, tensor<?xi64>, tensor<i64>) {
  %two = ag.constant dense<2.0> : tensor<f64>
  %s2 = ag.mul %s, %s : tensor<i64>
  %a = ag.mul %x, %x : tensor<?xf64>
  %b = ag.add %a, %x : tensor<?xf64>
  %q = ag.div %y, %s : tensor<?xi64>, tensor<i64>
  %yf = ag.cast %y : tensor<?xi64> to tensor<?xf64>
  %c = ag.sub %b, %yf : tensor<?xf64>
  %d = ag.div %c, %two : tensor<?xf64>, tensor<f64>
  %e = ag.add %d, %a : tensor<?xf64>
  %four = ag.constant dense<4.0> : tensor<f64>
  %pos = ag.cmp gt, %e, %four : tensor<?xf64>, tensor<f64>
  ag.return %e, %pos, %q, %s2 : tensor<?xf64>, tensor<?xi1>, tensor<?xi64>, tensor<i64>
}
