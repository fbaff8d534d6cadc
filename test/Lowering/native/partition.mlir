// Per-region fallback: a function the native backend declines as a whole
// (here for an ag.stack) still runs its runs of native ops as machine
// code, each independent part of a run one host node of the interpreter's
// program. Before it, the whole graph ran on the interpreter (6 ops); now
// the matmul, exp and sum run natively as one node (4 ops executed).
// RUN: ag-run %s --backend=native --stats --feed a=[[1,0,0,0],[0,1,0,0],[0,0,1,0],[0,0,0,0.5]] --feed x=[1,2,3] 2>&1 | FileCheck %s
// RUN: ag-run %s --backend=interpreter --stats --feed a=[[1,0,0,0],[0,1,0,0],[0,0,1,0],[0,0,0,0.5]] --feed x=[1,2,3] 2>&1 | FileCheck %s --check-prefix=INTERP
// RUN: ag-run %s --backend=auto --stats --feed a=[[1,0,0,0],[0,1,0,0],[0,0,1,0],[0,0,0,0.5]] --feed x=[1,2,3] 2>&1 | FileCheck %s --check-prefix=INTERP

// Laziness: fetching result1 runs neither the native region nor the
// interpreter's ops it does not need.
// RUN: ag-run %s --backend=native --stats --fetch=result1 --feed a=[[1,0,0,0],[0,1,0,0],[0,0,1,0],[0,0,0,0.5]] --feed x=[1,2,3] 2>&1 | FileCheck %s --check-prefix=LAZY
// A value computed inside a region is fetched from the interpreter.
// RUN: ag-run %s --backend=native --fetch=e --feed a=[[1,0,0,0],[0,1,0,0],[0,0,1,0],[0,0,0,0.5]] --feed x=[1,2,3] 2>&1 | FileCheck %s --check-prefix=INNER

// CHECK: partition.mlir:[[@LINE+20]]:8: remark: 'ag.stack' runs on the interpreter; the 3 ops around it run natively
// CHECK: result0 = 21.438870902064874
// CHECK: result1 = {{\[\[}}4, 16, 36], [4, 16, 36]]
// CHECK: ops executed: 4,

// INTERP-NOT: remark
// INTERP: result0 = 21.438870902064874
// INTERP: result1 = {{\[\[}}4, 16, 36], [4, 16, 36]]
// INTERP: ops executed: 6,

// LAZY: result1 = {{\[\[}}4, 16, 36], [4, 16, 36]]
// LAZY: ops executed: 3,

// INNER: e = {{\[\[}}2.718281828459045, 1, 1, 1],

ag.func @mix(%a: tensor<4x4xf64> loc("a"), %x: tensor<3xf64> loc("x")) -> (tensor<f64>, tensor<2x3xf64>) {
  %m = ag.matmul %a, %a : tensor<4x4xf64>, tensor<4x4xf64> loc("m")
  %e = ag.exp %m : tensor<4x4xf64> loc("e")
  %s = ag.reduce_sum %e : tensor<4x4xf64>
  %y = ag.add %x, %x : tensor<3xf64>
  %t = ag.stack %y, %y : tensor<3xf64>
  %u = ag.mul %t, %t : tensor<2x3xf64>
  ag.return %s, %u : tensor<f64>, tensor<2x3xf64>
}
