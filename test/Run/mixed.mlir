// A loop that prints (so it runs on the general path) around an all-scalar
// ag.if (which runs as register code): both kinds of execution interleave
// per iteration, with the same values as the verbose (all general) path.
// RUN: ag-run %s --feed a=6 | FileCheck %s
// RUN: ag-run %s --feed a=6 --verbose 2>/dev/null | FileCheck %s

// CHECK: step 1: 6
// CHECK-NEXT: step 2: 3
// CHECK-NEXT: step 3: 10
// CHECK-NEXT: step 4: 5
// CHECK-NEXT: step 5: 16
// CHECK-NEXT: step 6: 8
// CHECK-NEXT: step 7: 4
// CHECK-NEXT: step 8: 2
// CHECK-NEXT: result0 = 8

ag.func @collatz(%a: tensor<i64> loc("a")) -> (tensor<i64>, !ag.token) {
  %t0 = ag.token
  %zero = ag.constant dense<0> : tensor<i64>
  %one = ag.constant dense<1> : tensor<i64>
  %two = ag.constant dense<2> : tensor<i64>
  %three = ag.constant dense<3> : tensor<i64>
  %r:3 = ag.while (%x = %a, %n = %zero, %t = %t0) : (tensor<i64>, tensor<i64>, !ag.token) -> (tensor<i64>, tensor<i64>, !ag.token) {
    %go = ag.cmp ne, %x, %one : tensor<i64>
    ag.condition %go(%x, %n, %t : tensor<i64>, tensor<i64>, !ag.token)
  } do {
  ^bb0(%x: tensor<i64>, %n: tensor<i64>, %t: !ag.token):
    %n1 = ag.add %n, %one : tensor<i64>
    %t1 = ag.print %t, "step {}: {}\n", %n1, %x : tensor<i64>, tensor<i64>
    %m = ag.rem %x, %two : tensor<i64>
    %even = ag.cmp eq, %m, %zero : tensor<i64>
    %next = ag.if %even -> (tensor<i64>) {
      %h = ag.div %x, %two : tensor<i64>
      ag.yield %h : tensor<i64>
    } else {
      %u = ag.mul %three, %x : tensor<i64>
      %v = ag.add %u, %one : tensor<i64>
      ag.yield %v : tensor<i64>
    }
    ag.yield %next, %n1, %t1 : tensor<i64>, tensor<i64>, !ag.token
  }
  ag.return %r#1, %r#2 : tensor<i64>, !ag.token
}
