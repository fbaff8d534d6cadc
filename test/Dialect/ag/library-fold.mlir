// RUN: ag-opt %s --canonicalize --split-input-file | FileCheck %s

// Folding and canonicalization of the op library.

// CHECK-LABEL: ag.func @reduce_int_constants
ag.func @reduce_int_constants() -> (tensor<3xi64>, tensor<2xi64>, tensor<2xi64>, tensor<i64>, tensor<1x3xi64>, tensor<2xi1>, tensor<i32>) {
  %m = ag.constant dense<[[1, 5, -3], [4, 2, 6]]> : tensor<2x3xi64>
  // CHECK-DAG: ag.constant dense<[5, 7, 3]> : tensor<3xi64>
  %s = ag.reduce sum %m over [0] : tensor<2x3xi64>
  // CHECK-DAG: ag.constant dense<[-15, 48]> : tensor<2xi64>
  %p = ag.reduce prod %m over [1] : tensor<2x3xi64>
  // CHECK-DAG: ag.constant dense<[1, 2]> : tensor<2xi64>
  %a = ag.reduce argmax %m over [1] : tensor<2x3xi64>
  // The flattened position of the minimum.
  // CHECK-DAG: ag.constant dense<2> : tensor<i64>
  %i = ag.reduce argmin %m over [0, 1] : tensor<2x3xi64>
  // CHECK-DAG: ag.constant dense<{{\[\[}}4, 5, 6]]> : tensor<1x3xi64>
  %k = ag.reduce max %m over [0] keepdims : tensor<2x3xi64>
  %b = ag.constant dense<[[true, false], [false, false]]> : tensor<2x2xi1>
  // CHECK-DAG: ag.constant dense<[true, false]> : tensor<2xi1>
  %any = ag.reduce any %b over [1] : tensor<2x2xi1>
  // Wrapping, as the kernel: INT32_MAX + 1.
  %w = ag.constant dense<[2147483647, 1]> : tensor<2xi32>
  // CHECK-DAG: ag.constant dense<-2147483648> : tensor<i32>
  %ws = ag.reduce sum %w over [0] : tensor<2xi32>
  // CHECK-NOT: ag.reduce
  ag.return %s, %p, %a, %i, %k, %any, %ws : tensor<3xi64>, tensor<2xi64>, tensor<2xi64>, tensor<i64>, tensor<1x3xi64>, tensor<2xi1>, tensor<i32>
}

// -----

// Float sums depend on the kernel's order and stay; float max folds, and an
// empty max is left for the runtime to report.
// CHECK-LABEL: ag.func @reduce_float_constants
ag.func @reduce_float_constants() -> (tensor<f64>, tensor<f64>) {
  %v = ag.constant dense<[1.5, 0x7FF8000000000000, 2.0]> : tensor<3xf64>
  // CHECK-DAG: %[[NAN:.*]] = ag.constant dense<0x7FF8000000000000> : tensor<f64>
  // CHECK-DAG: %[[V:.*]] = ag.constant dense<[1.500000e+00, 0x7FF8000000000000, 2.000000e+00]>
  // CHECK: %[[S:.*]] = ag.reduce sum %[[V]] over [0] : tensor<3xf64>
  // CHECK: ag.return %[[S]], %[[NAN]]
  %s = ag.reduce sum %v over [0] : tensor<3xf64>
  %m = ag.reduce max %v over [0] : tensor<3xf64>
  ag.return %s, %m : tensor<f64>, tensor<f64>
}

// -----

// An integer sum over every axis is ag.reduce_sum; a float one keeps the
// eight partial sums of ag.reduce, which ag.reduce_sum's single pass would
// not reproduce bit for bit.
// CHECK-LABEL: ag.func @reduce_sum_all
// CHECK-SAME: (%[[X:.*]]: tensor<2x3xi64>, %[[F:.*]]: tensor<2x3xf64>)
ag.func @reduce_sum_all(%x: tensor<2x3xi64>, %f: tensor<2x3xf64>) -> (tensor<i64>, tensor<f64>) {
  // CHECK: ag.reduce_sum %[[X]] : tensor<2x3xi64>
  // CHECK: ag.reduce sum %[[F]] over [0, 1] : tensor<2x3xf64>
  %s = ag.reduce sum %x over [0, 1] : tensor<2x3xi64>
  %t = ag.reduce sum %f over [0, 1] : tensor<2x3xf64>
  ag.return %s, %t : tensor<i64>, tensor<f64>
}

// -----

// CHECK-LABEL: ag.func @reduce_of_broadcast_scalar
// CHECK-SAME: (%[[S:.*]]: tensor<i64>, %[[F:.*]]: tensor<f64>)
ag.func @reduce_of_broadcast_scalar(%s: tensor<i64>, %f: tensor<f64>) -> (tensor<i64>, tensor<3xf64>, tensor<i64>) {
  %b = ag.broadcast %s : tensor<i64> to tensor<4x3xi64>
  // CHECK-DAG: %[[N:.*]] = ag.constant dense<12> : tensor<i64>
  // CHECK-DAG: %[[T:.*]] = ag.mul %[[S]], %[[N]] : tensor<i64>
  %sum = ag.reduce_sum %b : tensor<4x3xi64>
  %fb = ag.broadcast %f : tensor<f64> to tensor<4x3xf64>
  // CHECK-DAG: %[[M:.*]] = ag.broadcast %[[F]] : tensor<f64> to tensor<3xf64>
  %max = ag.reduce max %fb over [0] : tensor<4x3xf64>
  // CHECK-DAG: %[[N4:.*]] = ag.constant dense<4> : tensor<i64>
  // CHECK-DAG: %[[T4:.*]] = ag.mul %[[S]], %[[N4]] : tensor<i64>
  %b1 = ag.broadcast %s : tensor<i64> to tensor<4xi64>
  %s1 = ag.reduce sum %b1 over [0] : tensor<4xi64>
  // CHECK: ag.return %[[T]], %[[M]], %[[T4]]
  ag.return %sum, %max, %s1 : tensor<i64>, tensor<3xf64>, tensor<i64>
}

// -----

// CHECK-LABEL: ag.func @transposes
// CHECK-SAME: (%[[X:.*]]: tensor<2x3x4xf64>)
ag.func @transposes(%x: tensor<2x3x4xf64>) -> (tensor<2x3x4xf64>, tensor<3x4x2xf64>, tensor<3x2xi64>) {
  %t1 = ag.transpose %x [1, 0, 2] : tensor<2x3x4xf64>
  %t2 = ag.transpose %t1 [1, 0, 2] : tensor<3x2x4xf64>
  // transpose of transpose: one transpose with the composed permutation.
  // CHECK-DAG: %[[T:.*]] = ag.transpose %[[X]] [1, 2, 0] : tensor<2x3x4xf64>
  %t3 = ag.transpose %t1 [0, 2, 1] : tensor<3x2x4xf64>
  %c = ag.constant dense<[[1, 2, 3], [4, 5, 6]]> : tensor<2x3xi64>
  // CHECK-DAG: %[[C:.*]] = ag.constant dense<{{\[\[}}1, 4], [2, 5], [3, 6]]> : tensor<3x2xi64>
  %ct = ag.transpose %c [1, 0] : tensor<2x3xi64>
  // CHECK: ag.return %[[X]], %[[T]], %[[C]]
  ag.return %t2, %t3, %ct : tensor<2x3x4xf64>, tensor<3x4x2xf64>, tensor<3x2xi64>
}

// -----

// CHECK-LABEL: ag.func @reshapes
// CHECK-SAME: (%[[X:.*]]: tensor<2x3xf64>)
ag.func @reshapes(%x: tensor<2x3xf64>) -> (tensor<3x2xf64>, tensor<2x3xf64>, tensor<3x2xi64>) {
  %r1 = ag.reshape %x : tensor<2x3xf64> to tensor<6xf64>
  // reshape of reshape reshapes the original.
  // CHECK-DAG: %[[R:.*]] = ag.reshape %[[X]] : tensor<2x3xf64> to tensor<3x2xf64>
  %r2 = ag.reshape %r1 : tensor<6xf64> to tensor<3x2xf64>
  %r3 = ag.reshape %r1 : tensor<6xf64> to tensor<2x3xf64>
  %c = ag.constant dense<[1, 2, 3, 4, 5, 6]> : tensor<6xi64>
  // CHECK-DAG: %[[C:.*]] = ag.constant dense<{{\[\[}}1, 2], [3, 4], [5, 6]]> : tensor<3x2xi64>
  %cr = ag.reshape %c : tensor<6xi64> to tensor<3x2xi64>
  // CHECK: ag.return %[[R]], %[[X]], %[[C]]
  ag.return %r2, %r3, %cr : tensor<3x2xf64>, tensor<2x3xf64>, tensor<3x2xi64>
}
