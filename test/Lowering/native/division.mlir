// RUN: ag-opt %s --ag-lower-to-arith | FileCheck %s

// Integer division and remainder truncate (divsi/remsi) and never trap: a
// zero divisor or MIN / -1 sets the fault flag (the last result) and
// divides by 1 instead, so the caller re-runs the interpreter to report it.

// CHECK-LABEL: func.func @div_i64(%arg0: i64, %arg1: i64) -> (i64, i1)
// CHECK-DAG: %[[FALSE:.*]] = arith.constant false
// CHECK-DAG: %[[ZERO:.*]] = arith.constant 0 : i64
// CHECK-DAG: %[[M1:.*]] = arith.constant -1 : i64
// CHECK-DAG: %[[MIN:.*]] = arith.constant -9223372036854775808 : i64
// CHECK: %[[ISZ:.*]] = arith.cmpi eq, %arg1, %[[ZERO]] : i64
// CHECK: %[[ISM1:.*]] = arith.cmpi eq, %arg1, %[[M1]] : i64
// CHECK: %[[ISMIN:.*]] = arith.cmpi eq, %arg0, %[[MIN]] : i64
// CHECK: %[[OVF:.*]] = arith.andi %[[ISM1]], %[[ISMIN]] : i1
// CHECK: %[[BAD:.*]] = arith.ori %[[ISZ]], %[[OVF]] : i1
// CHECK: %[[FAULT:.*]] = arith.ori %[[FALSE]], %[[BAD]] : i1
// CHECK: %[[SAFE:.*]] = arith.select %[[BAD]], %{{.*}}, %arg1 : i64
// CHECK: %[[Q:.*]] = arith.divsi %arg0, %[[SAFE]] : i64
// CHECK: return %[[Q]], %[[FAULT]] : i64, i1
ag.func @div_i64(%a: tensor<i64>, %b: tensor<i64>) -> tensor<i64> {
  %q = ag.div %a, %b : tensor<i64>
  ag.return %q : tensor<i64>
}

// CHECK-LABEL: func.func @rem_i32(%arg0: i32, %arg1: i32) -> (i32, i1)
// CHECK: arith.constant -2147483648 : i32
// CHECK: arith.remsi %arg0, %{{.*}} : i32
ag.func @rem_i32(%a: tensor<i32>, %b: tensor<i32>) -> tensor<i32> {
  %r = ag.rem %a, %b : tensor<i32>
  ag.return %r : tensor<i32>
}

// Floats follow IEEE 754: no fault; the remainder is fmod (LLVM's frem).
// CHECK-LABEL: func.func @float_div_rem(%arg0: f64, %arg1: f64) -> (f64, f64, i1)
// CHECK-NEXT: %[[FALSE:.*]] = arith.constant false
// CHECK-NEXT: %[[Q:.*]] = arith.divf %arg0, %arg1 : f64
// CHECK-NEXT: %[[R:.*]] = arith.remf %arg0, %arg1 : f64
// CHECK-NEXT: return %[[Q]], %[[R]], %[[FALSE]] : f64, f64, i1
ag.func @float_div_rem(%a: tensor<f64>, %b: tensor<f64>) -> (tensor<f64>, tensor<f64>) {
  %q = ag.div %a, %b : tensor<f64>
  %r = ag.rem %a, %b : tensor<f64>
  ag.return %q, %r : tensor<f64>, tensor<f64>
}

// By a constant power of two the division is shifts, never a fault (the
// register code's DivPow2I64; LLVM would keep an sdiv, which makes a select
// over it a mispredicted branch): bias a negative dividend by 2^k - 1, shift,
// and the remainder is a - (q << k), with the dividend's sign.
// CHECK-LABEL: func.func @div_rem_pow2(%arg0: i64) -> (i64, i64, i1)
// CHECK-NOT: arith.divsi
// CHECK-NOT: arith.remsi
// CHECK: %[[SIGN:.*]] = arith.shrsi %arg0, %{{.*}} : i64
// CHECK: %[[BIAS:.*]] = arith.andi %[[SIGN]], %{{.*}} : i64
// CHECK: %[[B:.*]] = arith.addi %arg0, %[[BIAS]] : i64
// CHECK: %[[Q:.*]] = arith.shrsi %[[B]], %{{.*}} : i64
// CHECK: %[[BACK:.*]] = arith.shli %{{.*}}, %{{.*}} : i64
// CHECK: %[[R:.*]] = arith.subi %arg0, %[[BACK]] : i64
// CHECK: return %[[Q]], %[[R]], %{{.*}} : i64, i64, i1
ag.func @div_rem_pow2(%a: tensor<i64>) -> (tensor<i64>, tensor<i64>) {
  %two = ag.constant dense<2> : tensor<i64>
  %eight = ag.constant dense<8> : tensor<i64>
  %q = ag.div %a, %two : tensor<i64>
  %r = ag.rem %a, %eight : tensor<i64>
  ag.return %q, %r : tensor<i64>, tensor<i64>
}

// 1 and the minimum value are not 2^k with k >= 1: the general path.
// CHECK-LABEL: func.func @div_one_min(%arg0: i32) -> (i32, i32, i1)
// CHECK: arith.divsi
// CHECK: arith.divsi
ag.func @div_one_min(%a: tensor<i32>) -> (tensor<i32>, tensor<i32>) {
  %one = ag.constant dense<1> : tensor<i32>
  %min = ag.constant dense<-2147483648> : tensor<i32>
  %q = ag.div %a, %one : tensor<i32>
  %r = ag.div %a, %min : tensor<i32>
  ag.return %q, %r : tensor<i32>, tensor<i32>
}
