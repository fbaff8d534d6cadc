// RUN: ag-opt %s --ag-lower-to-arith | FileCheck %s

// sem::Cast: static_cast, `!= 0` to bool (unordered for floats: NaN is
// true), and a float whose truncation is outside [MIN, -MIN) faults.

// CHECK-LABEL: func.func @to_int(%arg0: f64) -> (i32, i1)
// CHECK: %[[T:.*]] = math.trunc %arg0 : f64
// CHECK: %[[GE:.*]] = arith.cmpf oge, %[[T]], %{{.*}} : f64
// CHECK: %[[LT:.*]] = arith.cmpf olt, %[[T]], %{{.*}} : f64
// CHECK: %[[OK:.*]] = arith.andi %[[GE]], %[[LT]] : i1
// CHECK: %[[SAFE:.*]] = arith.select %[[OK]], %arg0, %{{.*}} : f64
// CHECK: arith.fptosi %[[SAFE]] : f64 to i32
ag.func @to_int(%x: tensor<f64>) -> tensor<i32> {
  %i = ag.cast %x : tensor<f64> to tensor<i32>
  ag.return %i : tensor<i32>
}

// CHECK-LABEL: func.func @others
// CHECK: arith.cmpf une, %arg0, %{{.*}} : f32
// CHECK: arith.extf %arg0 : f32 to f64
// CHECK: arith.uitofp %arg1 : i1 to f64
// CHECK: arith.extui %arg1 : i1 to i64
// CHECK: arith.trunci %arg2 : i64 to i32
// CHECK: arith.sitofp %arg2 : i64 to f32
// CHECK: arith.cmpi ne, %arg2, %{{.*}} : i64
ag.func @others(%f: tensor<f32>, %b: tensor<i1>, %i: tensor<i64>)
    -> (tensor<i1>, tensor<f64>, tensor<f64>, tensor<i64>, tensor<i32>, tensor<f32>, tensor<i1>) {
  %0 = ag.cast %f : tensor<f32> to tensor<i1>
  %1 = ag.cast %f : tensor<f32> to tensor<f64>
  %2 = ag.cast %b : tensor<i1> to tensor<f64>
  %3 = ag.cast %b : tensor<i1> to tensor<i64>
  %4 = ag.cast %i : tensor<i64> to tensor<i32>
  %5 = ag.cast %i : tensor<i64> to tensor<f32>
  %6 = ag.cast %i : tensor<i64> to tensor<i1>
  ag.return %0, %1, %2, %3, %4, %5, %6 : tensor<i1>, tensor<f64>, tensor<f64>, tensor<i64>, tensor<i32>, tensor<f32>, tensor<i1>
}
