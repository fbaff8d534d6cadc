// RUN: ag-opt %s --ag-lower-to-llvm | FileCheck %s

// The whole pipeline: what mlir::ExecutionEngine compiles.
// CHECK-LABEL: llvm.func @collatz(%arg0: i64) -> !llvm.struct<(i64, i1)>
// CHECK-NOT: ag.
// CHECK-NOT: scf.
// By the constant 2: shifts, no srem or sdiv (division.mlir).
// CHECK-NOT: llvm.srem
// CHECK-NOT: llvm.sdiv
// CHECK: llvm.ashr
// CHECK: llvm.return
ag.func @collatz(%a: tensor<i64>) -> tensor<i64> {
  %zero = ag.constant dense<0> : tensor<i64>
  %one = ag.constant dense<1> : tensor<i64>
  %r:2 = ag.while (%x = %a, %n = %zero) : (tensor<i64>, tensor<i64>)
                                      -> (tensor<i64>, tensor<i64>) {
    %go = ag.cmp ne, %x, %one : tensor<i64>
    ag.condition %go(%x, %n : tensor<i64>, tensor<i64>)
  } do {
  ^bb0(%x: tensor<i64>, %n: tensor<i64>):
    %two = ag.constant dense<2> : tensor<i64>
    %m = ag.rem %x, %two : tensor<i64>
    %even = ag.cmp eq, %m, %zero : tensor<i64>
    %next = ag.if %even -> (tensor<i64>) {
      %h = ag.div %x, %two : tensor<i64>
      ag.yield %h : tensor<i64>
    } else {
      %three = ag.constant dense<3> : tensor<i64>
      %t = ag.mul %three, %x : tensor<i64>
      %u = ag.add %t, %one : tensor<i64>
      ag.yield %u : tensor<i64>
    }
    %n1 = ag.add %n, %one : tensor<i64>
    ag.yield %next, %n1 : tensor<i64>, tensor<i64>
  }
  ag.return %r#1 : tensor<i64>
}
