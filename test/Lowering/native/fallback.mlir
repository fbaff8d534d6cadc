// An op the native backend does not know (here a staged list): it runs on
// the interpreter, with a remark on stderr naming the op (only when native
// was asked for); the sum of the list's dynamic shape runs natively.
// RUN: ag-run %s --backend=native --feed x=3 2>&1 | FileCheck %s
// RUN: ag-run %s --backend=auto --feed x=3 2>&1 | FileCheck %s --check-prefix=AUTO

// CHECK: fallback.mlir:[[@LINE+7]]:8: remark: 'ag.list_stack' runs on the interpreter; the 1 ops around it run natively
// CHECK: x = 3
// CHECK: result0 = 3
// AUTO-NOT: remark
ag.func @lists(%x: tensor<i64> loc("x")) -> (tensor<i64>, !ag.token) {
  %l0 = ag.list_new
  %l1 = ag.list_push %l0, %x : tensor<i64>
  %s = ag.list_stack %l1 : tensor<?xi64>
  %y = ag.reduce_sum %s : tensor<?xi64>
  %t0 = ag.token
  %t1 = ag.print %t0, "x = {}\n", %x : tensor<i64>
  ag.return %y, %t1 : tensor<i64>, !ag.token
}
