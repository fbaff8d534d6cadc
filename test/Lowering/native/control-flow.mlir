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

// ag.while -> scf.while carrying the fault flag; a fault ends the loop at
// its next condition.
// CHECK-LABEL: func.func @loop(%arg0: i64) -> (i64, i1)
// CHECK: %[[W:.*]]:2 = scf.while (%[[X:.*]] = %arg0, %[[F:.*]] = %{{.*}}) : (i64, i1) -> (i64, i1) {
// CHECK: %[[GO:.*]] = arith.cmpi ne, %[[X]]
// CHECK: %[[NOTF:.*]] = arith.xori %[[F]], %true
// CHECK: %[[C:.*]] = arith.andi %[[GO]], %[[NOTF]] : i1
// CHECK: scf.condition(%[[C]]) %[[X]], %[[F]] : i64, i1
// CHECK: } do {
// CHECK: ^bb0(%{{.*}}: i64, %{{.*}}: i1):
// CHECK: scf.yield
// CHECK: return %[[W]]#0, %[[W]]#1
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

// ag.for -> scf.while on (iv, carried, fault): a zero step faults, the
// direction follows the step's sign, an overflowing iv + step ends it.
// CHECK-LABEL: func.func @count(%arg0: i64, %arg1: i64, %arg2: i64) -> (i64, i1)
// CHECK: %[[Z:.*]] = arith.cmpi eq, %arg2, %c0_i64
// CHECK: %[[UP:.*]] = arith.cmpi sgt, %arg2, %c0_i64
// CHECK: scf.while (%[[IV:.*]] = %arg0, %{{.*}} = %{{.*}}, %{{.*}} = %{{.*}}) : (i64, i64, i1)
// CHECK: %[[LT:.*]] = arith.cmpi slt, %[[IV]], %arg1
// CHECK: %[[GT:.*]] = arith.cmpi sgt, %[[IV]], %arg1
// CHECK: arith.select %[[UP]], %[[LT]], %[[GT]]
// CHECK: } do {
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
