// The division by zero of divide-by-zero.mlir in a function the native
// backend declines as a whole (a stack): the loop runs natively as a
// region of its own, faults, and re-runs on the interpreter, which reports
// the fault word for word as a whole interpreter run does: location, loop
// iteration, call chain.
// RUN: sed 's|SRC|%S/../../Run/Inputs/countdown.cpp|g' %s > %t.mlir
// RUN: ag-run --backend=native %t.mlir --feed n=5 --feed v=[1,2] 2>&1 | FileCheck %s --check-prefix=OK
// RUN: not ag-run --backend=native --source-dir=%S/../../Run %t.mlir --feed n=8 --feed v=[1,2] 2>&1 | FileCheck %s -DSRC=%S/../../Run/Inputs/countdown.cpp --match-full-lines --strict-whitespace --check-prefixes=CHECK,REMARK
// RUN: not ag-run --backend=native --source-dir=%S/../../Run %t.mlir --feed n=8 --feed v=[1,2] --threads 4 2>&1 | FileCheck %s -DSRC=%S/../../Run/Inputs/countdown.cpp --match-full-lines --strict-whitespace --check-prefixes=CHECK,REMARK
// RUN: not ag-run --backend=interpreter --source-dir=%S/../../Run %t.mlir --feed n=8 --feed v=[1,2] 2>&1 | FileCheck %s -DSRC=%S/../../Run/Inputs/countdown.cpp --match-full-lines --strict-whitespace

// OK: remark: 'ag.stack' runs on the interpreter; the 2 ops around it run natively
// OK: result0 = 44
// OK: result1 = {{\[\[}}1, 2], [1, 2]]

//     REMARK:{{.*}}: remark: 'ag.stack' runs on the interpreter; the 2 ops around it run natively
//      CHECK:[[SRC]]:7:17: error: integer division by zero
// CHECK-NEXT:    acc = acc + 10 / (5 - i);
// CHECK-NEXT:                ^~~~~~~~~~~~
// CHECK-NEXT:[[SRC]]:6:3: note: in iteration 6 of this loop
// CHECK-NEXT:  for (ag::Tensor i = 0; i < n; i += 1) {
// CHECK-NEXT:  ^
// CHECK-NEXT:[[SRC]]:13:10: note: called from here
// CHECK-NEXT:  return countdown(n) * 2;
// CHECK-NEXT:         ^~~~~~~~~~~~
//  CHECK-NOT:{{.}}

#div = loc(fused<"countdown">["SRC":7:17, "SRC":7:28])
#loop = loc(fused<"countdown">["SRC":6:3])
#call = loc(fused<"caller">["SRC":13:10, "SRC":13:21])
ag.func @caller(%n: tensor<i64> loc("n"), %v: tensor<2xi64> loc("v")) -> (tensor<i64>, tensor<2x2xi64>) {
  %zero = ag.constant dense<0> : tensor<i64>
  %one = ag.constant dense<1> : tensor<i64>
  %two = ag.constant dense<2> : tensor<i64>
  %acc = ag.for %i = %zero to %n step %one iter_args(%a = %zero) -> (tensor<i64>) {
    %ten = ag.constant dense<10> : tensor<i64>
    %five = ag.constant dense<5> : tensor<i64>
    %d = ag.sub %five, %i : tensor<i64> loc(callsite(#loop at #call))
    %q = ag.div %ten, %d : tensor<i64> loc(callsite(#div at #call))
    %s = ag.add %a, %q : tensor<i64> loc(callsite("acc"(#div) at #call))
    ag.yield %s : tensor<i64>
  } loc(callsite(#loop at #call))
  %r = ag.mul %acc, %two : tensor<i64> loc(#call)
  %c = ag.stack %v, %v : tensor<2xi64> loc("SRC":14:3)
  ag.return %r, %c : tensor<i64>, tensor<2x2xi64>
}
