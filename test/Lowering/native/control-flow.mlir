// RUN: ag-opt %s --ag-lower-to-arith | FileCheck %s

// ag.if -> scf.if (only the taken branch runs); the fault flag leaves each
// region as an extra result.
// CHECK-LABEL: func.func @branch(%arg0: i1, %arg1: i64, %arg2: i64) -> (i64, i1)
// CHECK: %[[R:.*]]:2 = scf.if %arg0 -> (i64, i1) {
// CHECK: arith.divsi
// CHECK: scf.yield %{{.*}}, %{{.*}} : i64, i1
// CHECK: } else {
// CHECK: scf.yield %arg1, %{{.*}} : i64, i1
// CHECK: return %[[R]]#0, %[[R]]#1 : i64, i1
ag.func @branch(%c: tensor<i1>, %a: tensor<i64>, %b: tensor<i64>) -> tensor<i64> {
  %r = ag.if %c -> (tensor<i64>) {
    %q = ag.div %a, %b : tensor<i64>
    ag.yield %q : tensor<i64>
  } else {
    ag.yield %a : tensor<i64>
  }
  ag.return %r : tensor<i64>
}

// ag.while -> scf.while carrying the iteration count and the fault flag;
// a fault ends the loop at its next condition. Each iteration is counted
// before the condition, as the evaluator does (Budget::checkIteration),
// and a countdown shared by the function's loops (a stack cell LLVM
// promotes to a register, started by ag_native_first_poll) calls
// ag_native_poll when it reaches zero: it checks the iteration limit,
// the clock and the cancel flags, and returns the next countdown, 0 to
// stop (a fault).
// CHECK-LABEL: func.func @loop(%arg0: i64) -> (i64, i1)
// CHECK: %[[OUTER:.*]] = llvm.alloca %{{.*}} x i64
// CHECK: %[[FIRST:.*]] = call @ag_native_first_poll() : () -> i64
// CHECK: %[[TICKS:.*]] = llvm.alloca %{{.*}} x i64
// CHECK: llvm.store %[[FIRST]], %[[TICKS]]
// CHECK: %[[W:.*]]:3 = scf.while (%[[N:.*]] = %c0_i64, %[[X:.*]] = %arg0, %[[F:.*]] = %{{.*}}) : (i64, i64, i1) -> (i64, i64, i1) {
// CHECK: %[[N1:.*]] = arith.addi %[[N]], %c1
// CHECK: %[[LEFT0:.*]] = llvm.load %[[TICKS]]
// CHECK: %[[LEFT:.*]] = arith.subi %[[LEFT0]]
// CHECK: llvm.store %[[LEFT]], %[[TICKS]]
// CHECK: %[[DUE:.*]] = arith.cmpi eq, %[[LEFT]]
// CHECK: %[[STOP:.*]] = scf.if %[[DUE]] -> (i1) {
// CHECK: %[[FAULTED:.*]] = arith.extui %[[F]] : i1 to i64
// CHECK: %[[AGAIN:.*]] = func.call @ag_native_poll(%{{.*}}, %[[N1]], %[[OUTER]], %{{.*}}, %[[FAULTED]]) : (i64, i64, !llvm.ptr, i64, i64) -> i64
// CHECK: llvm.store %[[AGAIN]], %[[TICKS]]
// CHECK: arith.cmpi eq, %[[AGAIN]]
// CHECK: } else {
// CHECK: %[[F1:.*]] = arith.ori %[[F]], %[[STOP]] : i1
// CHECK: %[[GO:.*]] = arith.cmpi ne, %[[X]]
// CHECK: %[[NOTF:.*]] = arith.xori %[[F1]], %true
// CHECK: %[[C:.*]] = arith.andi %[[GO]], %[[NOTF]] : i1
// CHECK: scf.condition(%[[C]]) %[[N1]], %[[X]], %[[F1]] : i64, i64, i1
// CHECK: } do {
// CHECK: ^bb0(%{{.*}}: i64, %{{.*}}: i64, %{{.*}}: i1):
// CHECK: scf.yield
// CHECK: return %[[W]]#1, %[[W]]#2
ag.func @loop(%a: tensor<i64>) -> tensor<i64> {
  %one = ag.constant dense<1> : tensor<i64>
  %r = ag.while (%x = %a) : (tensor<i64>) -> tensor<i64> {
    %go = ag.cmp ne, %x, %one : tensor<i64>
    ag.condition %go(%x : tensor<i64>)
  } do {
  ^bb0(%x: tensor<i64>):
    %y = ag.sub %x, %one : tensor<i64>
    ag.yield %y : tensor<i64>
  }
  ag.return %r : tensor<i64>
}

// ag.for -> scf.while on (iv, count, carried, fault): a zero step faults,
// the direction follows the step's sign, an overflowing iv + step ends it.
// An iteration is counted once the condition held (at the body's start).
// CHECK-LABEL: func.func @count(%arg0: i64, %arg1: i64, %arg2: i64) -> (i64, i1)
// CHECK: %[[Z:.*]] = arith.cmpi eq, %arg2, %c0_i64
// CHECK: %[[UP:.*]] = arith.cmpi sgt, %arg2, %c0_i64
// CHECK: scf.while (%[[IV:.*]] = %arg0, %{{.*}} = %c0_i64{{.*}}, %{{.*}} = %{{.*}}, %{{.*}} = %{{.*}}) : (i64, i64, i64, i1)
// CHECK: %[[LT:.*]] = arith.cmpi slt, %[[IV]], %arg1
// CHECK: %[[GT:.*]] = arith.cmpi sgt, %[[IV]], %arg1
// CHECK: arith.select %[[UP]], %[[LT]], %[[GT]]
// CHECK: } do {
// CHECK: func.call @ag_native_poll
// CHECK: arith.addui_extended
// CHECK: arith.select %{{.*}}, %arg1, %{{.*}} : i64
ag.func @count(%lb: tensor<i64>, %ub: tensor<i64>, %step: tensor<i64>) -> tensor<i64> {
  %zero = ag.constant dense<0> : tensor<i64>
  %s = ag.for %i = %lb to %ub step %step iter_args(%acc = %zero) -> (tensor<i64>) {
    %n = ag.add %acc, %i : tensor<i64>
    ag.yield %n : tensor<i64>
  }
  ag.return %s : tensor<i64>
}

// Nested loops: a poll passes the enclosing loops' ids and counts,
// innermost first (for the notes "in iteration k of this loop").
// CHECK-LABEL: func.func @nested
// CHECK: %[[CHAIN:.*]] = llvm.alloca %{{.*}} x i64
// CHECK: scf.while
// CHECK: scf.if
// CHECK: arith.extui
// CHECK-NEXT: %[[OID:.*]] = arith.constant [[ID:[0-9]+]] : i64
// CHECK-NEXT: %[[NONE:.*]] = arith.constant 0 : i64
// CHECK-NEXT: func.call @ag_native_poll(%[[OID]], %{{.*}}, %{{.*}}, %[[NONE]], %{{.*}})
// CHECK: } do {
// CHECK: ^bb0(%[[OUTERN:[^:]*]]: i64,
// CHECK: scf.while
// CHECK: %[[ID2:.*]] = arith.constant [[ID]] : i64
// CHECK-NEXT: %[[AT0:.*]] = llvm.getelementptr %[[CHAIN]][0]
// CHECK-NEXT: llvm.store %[[ID2]], %[[AT0]]
// CHECK-NEXT: %[[AT1:.*]] = llvm.getelementptr %[[CHAIN]][1]
// CHECK-NEXT: llvm.store %[[OUTERN]], %[[AT1]]
// CHECK: %[[ONE:.*]] = arith.constant 1 : i64
// CHECK-NEXT: func.call @ag_native_poll(%{{.*}}, %{{.*}}, %[[CHAIN]], %[[ONE]], %{{.*}})
ag.func @nested(%a: tensor<i64>) -> tensor<i64> {
  %zero = ag.constant dense<0> : tensor<i64>
  %one = ag.constant dense<1> : tensor<i64>
  %r = ag.while (%x = %a) : (tensor<i64>) -> tensor<i64> {
    %go = ag.cmp gt, %x, %zero : tensor<i64>
    ag.condition %go(%x : tensor<i64>)
  } do {
  ^bb0(%x: tensor<i64>):
    %s = ag.for %i = %zero to %x step %one iter_args(%acc = %x) -> (tensor<i64>) {
      %d = ag.sub %acc, %one : tensor<i64>
      ag.yield %d : tensor<i64>
    }
    %y = ag.sub %x, %one : tensor<i64>
    ag.yield %y : tensor<i64>
  }
  ag.return %r : tensor<i64>
}
