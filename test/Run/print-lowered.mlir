// ag-run --print-lowered (Graph::loweredMlir): the graph as the native
// backend lowers it, without running it; a declined function stays an
// ag.func after a remark naming the op.
// RUN: split-file %s %t
// RUN: ag-run %t/loop.mlir --print-lowered | FileCheck %s --check-prefix=LOOP
// RUN: ag-run %t/loop.mlir --print-lowered --feed n=3 | FileCheck %s --check-prefix=LOOP
// RUN: ag-run %t/stack.mlir --print-lowered | FileCheck %s --check-prefix=STACK

// LOOP: func.func @f(%arg0: i64) -> (i64, i1)
// LOOP: call @ag_native_first_poll()
// LOOP: scf.while
// LOOP: func.call @ag_native_poll
// LOOP-NOT: result0 =
// STACK: // s.cpp:3:8: remark: 'ag.stack' {{.*}}@f stays on the interpreter
// STACK: ag.func @f

//--- loop.mlir
ag.func @f(%n: tensor<i64> loc("n")) -> tensor<i64> {
  %zero = ag.constant dense<0> : tensor<i64>
  %one = ag.constant dense<1> : tensor<i64>
  %s = ag.for %k = %zero to %n step %one iter_args(%acc = %zero) -> (tensor<i64>) {
    %a = ag.add %acc, %k : tensor<i64>
    ag.yield %a : tensor<i64>
  }
  ag.return %s : tensor<i64>
}
//--- stack.mlir
ag.func @f(%x: tensor<3xf64> loc("x")) -> tensor<2x3xf64> {
  %t = ag.stack %x, %x : tensor<3xf64> loc("s.cpp":3:8)
  ag.return %t : tensor<2x3xf64>
}
