// RUN: ag-opt %s --canonicalize --split-input-file | FileCheck %s

// ag.min/ag.max are std::min/std::max, which are not commutative for -0.0
// vs +0.0 and for NaN: canonicalization must keep a constant lhs where it
// is (agsmith seed 100828: min(-0.0, x) turned into min(x, -0.0)).

// CHECK-LABEL: ag.func @constant_lhs_stays
ag.func @constant_lhs_stays(%x: tensor<f32>, %y: tensor<2xf64>) -> (tensor<f32>, tensor<2xf64>) {
  %nz = ag.constant dense<-0.0> : tensor<f32>
  %nan = ag.constant dense<0x7FF8000000000000> : tensor<2xf64>
  // CHECK: %[[NZ:.*]] = ag.constant dense<-0.000000e+00> : tensor<f32>
  // CHECK: ag.min %[[NZ]], %arg0 : tensor<f32>
  %m = ag.min %nz, %x : tensor<f32>
  // CHECK: ag.max %{{.*}}, %arg1 : tensor<2xf64>
  %n = ag.max %nan, %y : tensor<2xf64>
  ag.return %m, %n : tensor<f32>, tensor<2xf64>
}

// -----

// Folding: the first operand unless the second is smaller (larger); a NaN
// is the result only as the first operand.
// CHECK-LABEL: ag.func @fold_signed_zero_and_nan
ag.func @fold_signed_zero_and_nan() -> (tensor<f64>, tensor<f64>, tensor<f64>, tensor<f64>, tensor<f64>) {
  %nz = ag.constant dense<-0.0> : tensor<f64>
  %pz = ag.constant dense<0.0> : tensor<f64>
  %nan = ag.constant dense<0x7FF8000000000000> : tensor<f64>
  %one = ag.constant dense<1.0> : tensor<f64>
  %a = ag.min %nz, %pz : tensor<f64>
  %b = ag.min %pz, %nz : tensor<f64>
  %c = ag.max %nan, %one : tensor<f64>
  %d = ag.max %one, %nan : tensor<f64>
  %e = ag.min %one, %nan : tensor<f64>
  // CHECK-DAG: %[[NZ:.*]] = ag.constant dense<-0.000000e+00> : tensor<f64>
  // CHECK-DAG: %[[PZ:.*]] = ag.constant dense<0.000000e+00> : tensor<f64>
  // CHECK-DAG: %[[NAN:.*]] = ag.constant dense<0x7FF8000000000000> : tensor<f64>
  // CHECK-DAG: %[[ONE:.*]] = ag.constant dense<1.000000e+00> : tensor<f64>
  // CHECK: ag.return %[[NZ]], %[[PZ]], %[[NAN]], %[[ONE]], %[[ONE]]
  ag.return %a, %b, %c, %d, %e : tensor<f64>, tensor<f64>, tensor<f64>, tensor<f64>, tensor<f64>
}

// -----

// x - 0.0 is x, but x - (-0.0) is x + 0.0, which turns -0.0 into +0.0.
// CHECK-LABEL: ag.func @sub_negative_zero
ag.func @sub_negative_zero(%x: tensor<f64>) -> (tensor<f64>, tensor<f64>) {
  %nz = ag.constant dense<-0.0> : tensor<f64>
  %pz = ag.constant dense<0.0> : tensor<f64>
  // CHECK: %[[S:.*]] = ag.sub %arg0, %{{.*}} : tensor<f64>
  %s = ag.sub %x, %nz : tensor<f64>
  %t = ag.sub %x, %pz : tensor<f64>
  // CHECK: ag.return %[[S]], %arg0
  ag.return %s, %t : tensor<f64>, tensor<f64>
}
