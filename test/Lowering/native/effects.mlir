// Effects in native code: prints through the runtime callback, in program
// order and only while no fault was reached; failed asserts and
// check_numerics are faults, which the interpreter then reports (without
// printing again what native code printed).
// RUN: ag-opt %s --ag-lower-to-arith | FileCheck %s --check-prefix=IR
// RUN: ag-opt %s --ag-lower-to-llvm -o /dev/null
// RUN: ag-run %s --backend=native --feed n=3 --stats 2>&1 | FileCheck %s --check-prefixes=OUT,NATIVE
// RUN: ag-run %s --backend=interpreter --feed n=3 | FileCheck %s --check-prefix=OUT
// RUN: not ag-run %s --backend=native --feed n=7 2>&1 | FileCheck %s --check-prefix=FAIL -DFILE=%s --match-full-lines --strict-whitespace
// RUN: not ag-run %s --backend=interpreter --feed n=7 2>&1 | FileCheck %s --check-prefix=FAIL -DFILE=%s --match-full-lines --strict-whitespace

// The spec: each operand's ag::DType as a byte (int64, float64, bool), then
// the format.
// IR-DAG: llvm.mlir.global internal constant @ag_print_spec_0("\02\04\00k = {}, {%.2f}, {}\0A")
// IR-DAG: llvm.mlir.global internal constant @ag_print_spec_1("\02sum = {}\0A")
// IR-LABEL: func.func @count(%arg0: i64) -> (i64, i1, i1)
// Stack slots in the entry block, not in the loop:
// IR: llvm.alloca %{{.*}} x i64
// IR: %[[SLOTS:.*]] = llvm.alloca %{{.*}} x i64
// IR: scf.while
// IR: } do {
// The iteration's budget check (control-flow.mlir) may raise the fault:
// IR: %[[F:.*]] = arith.ori %arg{{[0-9]+}}, %{{.*}} : i1
// IR: %[[OK:.*]] = arith.xori %[[F]], %{{.*}} : i1
// IR-NEXT: %[[PRINTED:.*]] = scf.if %[[OK]] -> (i1) {
// IR: llvm.store %{{.*}}, %{{.*}} : i64, !llvm.ptr
// IR: llvm.store %{{.*}}, %{{.*}} : f64, !llvm.ptr
// IR: llvm.store %{{.*}}, %{{.*}} : i8, !llvm.ptr
// IR: %[[FAILED:.*]] = func.call @ag_native_print(%{{.*}}, %{{.*}}, %[[SLOTS]], %{{.*}}) : (!llvm.ptr, i64, !llvm.ptr, i64) -> i1
// IR-NEXT: scf.yield %[[FAILED]] : i1
// IR-NEXT: } else {
// IR: %[[AFTER:.*]] = arith.ori %[[F]], %[[PRINTED]] : i1
// The assert is a fault:
// IR: %[[LT:.*]] = arith.cmpi slt
// IR-NEXT: %{{.*}} = arith.constant true
// IR-NEXT: %[[NOT:.*]] = arith.xori %[[LT]]
// IR-NEXT: arith.ori %[[AFTER]], %[[NOT]] : i1
// IR: func.func private @ag_native_print(!llvm.ptr, i64, !llvm.ptr, i64) -> i1

// Every print once, in order, from native code (no interpreter op ran):
// OUT:      k = 0, 0.00, true
// OUT-NEXT: k = 1, 0.50, false
// OUT-NEXT: k = 2, 1.00, true
// OUT-NEXT: sum = 3
// OUT-NEXT: result0 = 3
// NATIVE: ops executed: 0,

// The assert fails when k = 5: the lines before it are printed once, then
// the interpreter's diagnostic.
//      FAIL:k = 0, 0.00, true
// FAIL-NEXT:k = 1, 0.50, false
// FAIL-NEXT:k = 2, 1.00, true
// FAIL-NEXT:k = 3, 1.50, false
// FAIL-NEXT:k = 4, 2.00, true
// FAIL-NEXT:k = 5, 2.50, false
// FAIL-NEXT:[[FILE]]:{{[0-9]+}}:11: error: assertion failed: k stays below 5
// FAIL-NEXT:    %t2 = ag.assert %t1, %ok, "k stays below 5"
// FAIL-NEXT:          ^
// FAIL-NEXT:[[FILE]]:{{[0-9]+}}:10: note: in iteration 6 of this loop
// FAIL-NEXT:  %r:2 = ag.for {{.*}}
// FAIL-NEXT:         ^
//  FAIL-NOT:{{.}}

ag.func @count(%n: tensor<i64> loc("n")) -> (tensor<i64>, !ag.token) {
  %zero = ag.constant dense<0> : tensor<i64>
  %one = ag.constant dense<1> : tensor<i64>
  %five = ag.constant dense<5> : tensor<i64>
  %half = ag.constant dense<0.5> : tensor<f64>
  %t0 = ag.token
  %r:2 = ag.for %k = %zero to %n step %one iter_args(%s = %zero, %t = %t0) -> (tensor<i64>, !ag.token) {
    %x = ag.cast %k : tensor<i64> to tensor<f64>
    %h = ag.mul %x, %half : tensor<f64>
    %two = ag.constant dense<2> : tensor<i64>
    %m = ag.rem %k, %two : tensor<i64>
    %even = ag.cmp eq, %m, %zero : tensor<i64>
    %t1 = ag.print %t, "k = {}, {%.2f}, {}\n", %k, %h, %even : tensor<i64>, tensor<f64>, tensor<i1>
    %ok = ag.cmp lt, %k, %five : tensor<i64>
    %t2 = ag.assert %t1, %ok, "k stays below 5"
    %s1 = ag.add %s, %k : tensor<i64>
    ag.yield %s1, %t2 : tensor<i64>, !ag.token
  }
  %t3 = ag.print %r#1, "sum = {}\n", %r#0 : tensor<i64>
  ag.return %r#0, %t3 : tensor<i64>, !ag.token
}
