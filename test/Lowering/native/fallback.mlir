// Effects are not lowered yet: the graph runs on the interpreter, with a
// remark on stderr naming the op (only when native was asked for).
// RUN: ag-run %s --backend=native --feed x=3 2>&1 | FileCheck %s
// RUN: ag-run %s --backend=auto --feed x=3 2>&1 | FileCheck %s --check-prefix=AUTO

// CHECK: fallback.mlir:[[@LINE+5]]:9: remark: 'ag.token' is not supported by the native backend yet: @effects stays on the interpreter
// CHECK: x = 3
// CHECK: result0 = 9
// AUTO-NOT: remark
ag.func @effects(%x: tensor<i64> loc("x")) -> (tensor<i64>, !ag.token) {
  %t0 = ag.token
  %t1 = ag.print %t0, "x = {}\n", %x : tensor<i64>
  %y = ag.mul %x, %x : tensor<i64>
  ag.return %y, %t1 : tensor<i64>, !ag.token
}
