// RUN: ag-opt %s | ag-opt | FileCheck %s

// The op library round-trips: ag.reduce, ag.matmul, ag.transpose,
// ag.reshape, with inferred result types (dynamic dimensions flow through).

// CHECK-LABEL: ag.func @reductions
ag.func @reductions(%m: tensor<2x3xf64>, %b: tensor<?x4xi1>, %v: tensor<?xf32>)
    -> (tensor<2xf64>, tensor<1x3xf64>, tensor<?xi1>, tensor<i64>, tensor<f64>) {
  // CHECK: ag.reduce sum %{{.*}} over [1] : tensor<2x3xf64>
  %s = ag.reduce sum %m over [1] : tensor<2x3xf64>
  // CHECK: ag.reduce max %{{.*}} over [0] keepdims : tensor<2x3xf64>
  %k = ag.reduce max %m over [0] keepdims : tensor<2x3xf64>
  // CHECK: ag.reduce any %{{.*}} over [1] : tensor<?x4xi1>
  %a = ag.reduce any %b over [1] : tensor<?x4xi1>
  // CHECK: ag.reduce argmax %{{.*}} over [0] : tensor<?xf32>
  %i = ag.reduce argmax %v over [0] : tensor<?xf32>
  // CHECK: ag.reduce mean %{{.*}} over [0, 1] : tensor<2x3xf64>
  %mean = ag.reduce mean %m over [0, 1] : tensor<2x3xf64>
  ag.return %s, %k, %a, %i, %mean : tensor<2xf64>, tensor<1x3xf64>, tensor<?xi1>, tensor<i64>, tensor<f64>
}

// CHECK-LABEL: ag.func @linalg
ag.func @linalg(%a: tensor<2x3xf64>, %b: tensor<3x4xf64>, %u: tensor<3xf64>,
                %x: tensor<5x2x3xi32>, %y: tensor<5x3x?xi32>, %l: tensor<?x3xf64>)
    -> (tensor<2x4xf64>, tensor<f64>, tensor<2xf64>, tensor<5x2x?xi32>, tensor<?xf64>) {
  // CHECK: ag.matmul %{{.*}}, %{{.*}} : tensor<2x3xf64>, tensor<3x4xf64>
  %c = ag.matmul %a, %b : tensor<2x3xf64>, tensor<3x4xf64>
  // CHECK: ag.matmul %{{.*}}, %{{.*}} : tensor<3xf64>
  %d = ag.matmul %u, %u : tensor<3xf64>
  %e = ag.matmul %a, %u : tensor<2x3xf64>, tensor<3xf64>
  %f = ag.matmul %x, %y : tensor<5x2x3xi32>, tensor<5x3x?xi32>
  %g = ag.matmul %l, %u : tensor<?x3xf64>, tensor<3xf64>
  ag.return %c, %d, %e, %f, %g : tensor<2x4xf64>, tensor<f64>, tensor<2xf64>, tensor<5x2x?xi32>, tensor<?xf64>
}

// CHECK-LABEL: ag.func @shapes
ag.func @shapes(%m: tensor<2x3x4xf32>, %l: tensor<?x3xf64>)
    -> (tensor<4x2x3xf32>, tensor<6x4xf32>, tensor<?xf64>) {
  // CHECK: ag.transpose %{{.*}} [2, 0, 1] : tensor<2x3x4xf32>
  %t = ag.transpose %m [2, 0, 1] : tensor<2x3x4xf32>
  // CHECK: ag.reshape %{{.*}} : tensor<2x3x4xf32> to tensor<6x4xf32>
  %r = ag.reshape %m : tensor<2x3x4xf32> to tensor<6x4xf32>
  // CHECK: ag.reshape %{{.*}} : tensor<?x3xf64> to tensor<?xf64>
  %f = ag.reshape %l : tensor<?x3xf64> to tensor<?xf64>
  ag.return %t, %r, %f : tensor<4x2x3xf32>, tensor<6x4xf32>, tensor<?xf64>
}
