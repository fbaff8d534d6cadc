// RUN: ag-opt %s --ag-lower-to-arith | FileCheck %s

// Each op mirrors its functor in include/ag/semantics/ElementOps.h.

// Integer + - * wrap: no overflow flags.
// CHECK-LABEL: func.func @wrap(%arg0: i32, %arg1: i32) -> (i32, i1)
// CHECK: %[[S:.*]] = arith.addi %arg0, %arg1 : i32
// CHECK-NEXT: %[[D:.*]] = arith.subi %[[S]], %arg1 : i32
// CHECK-NEXT: %[[P:.*]] = arith.muli %[[D]], %arg0 : i32
// CHECK-NEXT: return %[[P]]
ag.func @wrap(%a: tensor<i32>, %b: tensor<i32>) -> tensor<i32> {
  %s = ag.add %a, %b : tensor<i32>
  %d = ag.sub %s, %b : tensor<i32>
  %p = ag.mul %d, %a : tensor<i32>
  ag.return %p : tensor<i32>
}

// std::min is `b < a ? b : a`, std::max `a < b ? b : a`: the first operand
// wins ties (±0) and a NaN second operand.
// CHECK-LABEL: func.func @minmax(%arg0: f64, %arg1: f64) -> (f64, f64, i1)
// CHECK: %[[LT:.*]] = arith.cmpf olt, %arg1, %arg0 : f64
// CHECK-NEXT: %[[MIN:.*]] = arith.select %[[LT]], %arg1, %arg0 : f64
// CHECK-NEXT: %[[LT2:.*]] = arith.cmpf olt, %arg0, %arg1 : f64
// CHECK-NEXT: %[[MAX:.*]] = arith.select %[[LT2]], %arg1, %arg0 : f64
// CHECK-NEXT: return %[[MIN]], %[[MAX]]
ag.func @minmax(%a: tensor<f64>, %b: tensor<f64>) -> (tensor<f64>, tensor<f64>) {
  %m = ag.min %a, %b : tensor<f64>
  %n = ag.max %a, %b : tensor<f64>
  ag.return %m, %n : tensor<f64>, tensor<f64>
}

// CHECK-LABEL: func.func @minmax_int
// CHECK: arith.cmpi slt, %arg1, %arg0 : i64
// CHECK: arith.cmpi slt, %arg0, %arg1 : i64
ag.func @minmax_int(%a: tensor<i64>, %b: tensor<i64>) -> (tensor<i64>, tensor<i64>) {
  %m = ag.min %a, %b : tensor<i64>
  %n = ag.max %a, %b : tensor<i64>
  ag.return %m, %n : tensor<i64>, tensor<i64>
}

// Comparisons: ordered for floats except `!=` (true for a NaN), signed for
// integers, unsigned for bool (false < true).
// CHECK-LABEL: func.func @compare
// CHECK: arith.cmpf oeq, %arg0, %arg1 : f32
// CHECK: arith.cmpf une, %arg0, %arg1 : f32
// CHECK: arith.cmpf ole, %arg0, %arg1 : f32
// CHECK: arith.cmpi sgt, %arg2, %arg3 : i64
// CHECK: arith.cmpi ult, %arg4, %arg5 : i1
ag.func @compare(%a: tensor<f32>, %b: tensor<f32>, %i: tensor<i64>, %j: tensor<i64>, %p: tensor<i1>, %q: tensor<i1>)
    -> (tensor<i1>, tensor<i1>, tensor<i1>, tensor<i1>, tensor<i1>) {
  %0 = ag.cmp eq, %a, %b : tensor<f32>
  %1 = ag.cmp ne, %a, %b : tensor<f32>
  %2 = ag.cmp le, %a, %b : tensor<f32>
  %3 = ag.cmp gt, %i, %j : tensor<i64>
  %4 = ag.cmp lt, %p, %q : tensor<i1>
  ag.return %0, %1, %2, %3, %4 : tensor<i1>, tensor<i1>, tensor<i1>, tensor<i1>, tensor<i1>
}

// Shifts: a count below 0 or not below the width faults; >> is arithmetic.
// CHECK-LABEL: func.func @shifts
// CHECK-DAG: %[[W:.*]] = arith.constant 64 : i64
// CHECK: arith.cmpi slt, %arg1
// CHECK: arith.cmpi sge, %arg1, %[[W]]
// CHECK: arith.shli
// CHECK: arith.shrsi
ag.func @shifts(%a: tensor<i64>, %n: tensor<i64>) -> (tensor<i64>, tensor<i64>) {
  %l = ag.shl %a, %n : tensor<i64>
  %r = ag.shr %a, %n : tensor<i64>
  ag.return %l, %r : tensor<i64>, tensor<i64>
}

// Integer pow: square-and-multiply in a loop; a negative exponent faults.
// CHECK-LABEL: func.func @ipow
// CHECK: arith.cmpi slt, %arg1
// CHECK: scf.while
// CHECK: arith.cmpi sgt
// CHECK: scf.condition
// CHECK: arith.muli
// CHECK: arith.muli
// CHECK: arith.shrsi
ag.func @ipow(%a: tensor<i64>, %n: tensor<i64>) -> tensor<i64> {
  %p = ag.pow %a, %n : tensor<i64>
  ag.return %p : tensor<i64>
}

// Transcendental functions call the ag::sem functors (ag_<op>_f32/_f64,
// bound by NativeFunction); sqrt, floor, ceil, round are exact instructions.
// CHECK-LABEL: func.func @math
// CHECK: call @ag_exp_f64(%arg0) : (f64) -> f64
// CHECK: call @ag_log_f32(%arg1) : (f32) -> f32
// CHECK: call @ag_pow_f64(
// CHECK: math.sqrt
// CHECK: math.round
ag.func @math(%x: tensor<f64>, %y: tensor<f32>) -> (tensor<f64>, tensor<f32>, tensor<f64>, tensor<f64>, tensor<f64>) {
  %0 = ag.exp %x : tensor<f64>
  %1 = ag.log %y : tensor<f32>
  %2 = ag.pow %x, %x : tensor<f64>
  %3 = ag.sqrt %x : tensor<f64>
  %4 = ag.round %x : tensor<f64>
  ag.return %0, %1, %2, %3, %4 : tensor<f64>, tensor<f32>, tensor<f64>, tensor<f64>, tensor<f64>
}

// sign(±0) and sign(NaN) are x itself; isnan is `uno`; isfinite |x| < inf.
// CHECK-LABEL: func.func @predicates
// CHECK: arith.cmpf ogt
// CHECK: arith.cmpf olt
// CHECK: arith.select
// CHECK: arith.select
// CHECK: arith.cmpf uno, %arg0, %arg0 : f64
// CHECK: math.absf
// CHECK: arith.cmpf olt
ag.func @predicates(%x: tensor<f64>) -> (tensor<f64>, tensor<i1>, tensor<i1>) {
  %s = ag.sign %x : tensor<f64>
  %n = ag.isnan %x : tensor<f64>
  %f = ag.isfinite %x : tensor<f64>
  ag.return %s, %n, %f : tensor<f64>, tensor<i1>, tensor<i1>
}

// The functors are declared once, at the end of the module.
// CHECK-DAG: func.func private @ag_exp_f64(f64) -> f64
// CHECK-DAG: func.func private @ag_log_f32(f32) -> f32
