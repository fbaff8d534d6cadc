// Lists are values: pushing twice onto one list version gives two lists
// that share the old elements and differ in the new one, and the version
// pushed onto still has its old length. The two loops each start by pushing
// onto the same version %l1; with --threads 2 they run as parallel tasks
// and race for the in-place append (one wins, the other copies).
// RUN: ag-run %s --threads 1 | FileCheck %s
// RUN: ag-run %s --verbose 2>/dev/null | FileCheck %s
// RUN: ag-run %s --threads 2 | FileCheck %s
// RUN: ag-run %s --threads 4 | FileCheck %s

// %l1 itself, then the straight-line pushes onto it
// CHECK: result0 = [1, 2]
// CHECK-NEXT: result1 = [1, 2, 3]
// CHECK-NEXT: result2 = [1, 2, 4]
// pushes onto the older %l0 after %l1 exists
// CHECK-NEXT: result3 = [1, 5]
// the loops: 10 + j and 20 + j for j < 3
// CHECK-NEXT: result4 = [1, 2, 10, 11, 12]
// CHECK-NEXT: result5 = [1, 2, 20, 21, 22]

ag.func @twice() -> (tensor<?xi64>, tensor<?xi64>, tensor<?xi64>, tensor<?xi64>, tensor<?xi64>, tensor<?xi64>) {
  %zero = ag.constant dense<0> : tensor<i64>
  %one = ag.constant dense<1> : tensor<i64>
  %two = ag.constant dense<2> : tensor<i64>
  %three = ag.constant dense<3> : tensor<i64>
  %four = ag.constant dense<4> : tensor<i64>
  %five = ag.constant dense<5> : tensor<i64>
  %ten = ag.constant dense<10> : tensor<i64>
  %twenty = ag.constant dense<20> : tensor<i64>
  %empty = ag.list_new
  %l0 = ag.list_push %empty, %one : tensor<i64>
  %l1 = ag.list_push %l0, %two : tensor<i64>
  %a = ag.list_push %l1, %three : tensor<i64>
  %b = ag.list_push %l1, %four : tensor<i64>
  %c = ag.list_push %l0, %five : tensor<i64>

  %la = ag.for %j = %zero to %three step %one iter_args(%l = %l1) -> (!ag.list) {
    %x = ag.add %j, %ten : tensor<i64>
    %l2 = ag.list_push %l, %x : tensor<i64>
    ag.yield %l2 : !ag.list
  }
  %lb = ag.for %j = %zero to %three step %one iter_args(%l = %l1) -> (!ag.list) {
    %x = ag.add %j, %twenty : tensor<i64>
    %l2 = ag.list_push %l, %x : tensor<i64>
    ag.yield %l2 : !ag.list
  }

  %s1 = ag.list_stack %l1 : tensor<?xi64>
  %sa = ag.list_stack %a : tensor<?xi64>
  %sb = ag.list_stack %b : tensor<?xi64>
  %sc = ag.list_stack %c : tensor<?xi64>
  %sla = ag.list_stack %la : tensor<?xi64>
  %slb = ag.list_stack %lb : tensor<?xi64>
  ag.return %s1, %sa, %sb, %sc, %sla, %slb : tensor<?xi64>, tensor<?xi64>, tensor<?xi64>, tensor<?xi64>, tensor<?xi64>, tensor<?xi64>
}
