// Effects around native regions: prints stay interpreter nodes on the
// effect token, so they run once each, in program order, also when the
// region between them faults (the error then comes after the first line).
// RUN: ag-run %s --backend=native --feed n=10 --feed d=2 --feed v=[1,2] 2>&1 | FileCheck %s
// RUN: not ag-run %s --backend=native --feed n=10 --feed d=0 --feed v=[1,2] 2>&1 | FileCheck %s --check-prefix=FAULT
// RUN: not ag-run %s --backend=interpreter --feed n=10 --feed d=0 --feed v=[1,2] 2>&1 | FileCheck %s --check-prefix=FAULT

// One remark per cut: each print cuts the run of the loop and two adds.
// CHECK: partition-effects.mlir:[[@LINE+13]]:9: remark: 'ag.print' runs on the interpreter; the 3 ops around it run natively
// CHECK-NEXT: partition-effects.mlir:[[@LINE+22]]:9: remark: 'ag.print' runs on the interpreter; the 3 ops around it run natively
// CHECK-NEXT: start n=10
// CHECK-NEXT: total 22
// CHECK-NEXT: result0 = 22
// CHECK-NEXT: result1 = [1, 2, 1, 2]

// FAULT: start n=10
// FAULT-NEXT: partition-effects.mlir:[[@LINE+9]]:10: error: integer division by zero
// FAULT-NOT: total

ag.func @f(%n: tensor<i64> loc("n"), %d: tensor<i64> loc("d"), %v: tensor<2xi64> loc("v")) -> (tensor<i64>, tensor<4xi64>, !ag.token) {
  %t0 = ag.token
  %t1 = ag.print %t0, "start n={}\n", %n : tensor<i64>
  %zero = ag.constant dense<0> : tensor<i64>
  %one = ag.constant dense<1> : tensor<i64>
  %acc = ag.for %i = %zero to %n step %one iter_args(%a = %zero) -> (tensor<i64>) {
    %q = ag.div %i, %d : tensor<i64>
    %s = ag.add %a, %q : tensor<i64>
    ag.yield %s : tensor<i64>
  }
  %r = ag.add %acc, %one : tensor<i64>
  %r2 = ag.add %r, %one : tensor<i64>
  %t2 = ag.print %t1, "total {}\n", %r2 : tensor<i64>
  %c = ag.concat %v, %v along 0 : tensor<2xi64>, tensor<2xi64>
  ag.return %r2, %c, %t2 : tensor<i64>, tensor<4xi64>, !ag.token
}
