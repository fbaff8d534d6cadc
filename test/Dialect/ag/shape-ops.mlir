// RUN: ag-opt %s | ag-opt | FileCheck %s

// ag.concat, ag.slice and ag.gather round-trip with inferred result types,
// dynamic dimensions included; ag.broadcast accepts a dynamic input.

// CHECK-LABEL: ag.func @concat
ag.func @concat(%a: tensor<2x3xf32>, %b: tensor<2x1xf32>, %u: tensor<?xf64>,
                %v: tensor<4xf64>, %l: tensor<?x3xi64>, %m: tensor<2x3xi64>)
    -> (tensor<2x4xf32>, tensor<?xf64>, tensor<?x3xi64>) {
  // CHECK: ag.concat %{{.*}}, %{{.*}} along 1 : tensor<2x3xf32>, tensor<2x1xf32>
  %c = ag.concat %a, %b along 1 : tensor<2x3xf32>, tensor<2x1xf32>
  // CHECK: ag.concat %{{.*}}, %{{.*}} along 0 : tensor<?xf64>, tensor<4xf64>
  %d = ag.concat %u, %v along 0 : tensor<?xf64>, tensor<4xf64>
  %e = ag.concat %l, %m along 0 : tensor<?x3xi64>, tensor<2x3xi64>
  ag.return %c, %d, %e : tensor<2x4xf32>, tensor<?xf64>, tensor<?x3xi64>
}

// CHECK-LABEL: ag.func @slice
ag.func @slice(%v: tensor<8xf64>, %m: tensor<?x4xf32>, %w: tensor<?xi32>)
    -> (tensor<3xf64>, tensor<?x2xf32>, tensor<2xi32>, tensor<4xf64>) {
  // CHECK: ag.slice %{{.*}} [2] to [5] step [1] : tensor<8xf64>
  %a = ag.slice %v [2] to [5] step [1] : tensor<8xf64>
  // CHECK: ag.slice %{{.*}} [0, 1] to [9223372036854775807, 4] step [2, 2] : tensor<?x4xf32>
  %b = ag.slice %m [0, 1] to [9223372036854775807, 4] step [2, 2] : tensor<?x4xf32>
  // Non-negative bounds of a dynamic dimension give a static length.
  %c = ag.slice %w [1] to [4] step [2] : tensor<?xi32>
  // Negative bounds count from the end; the stop is exclusive.
  %d = ag.slice %v [-5] to [-1] step [1] : tensor<8xf64>
  ag.return %a, %b, %c, %d : tensor<3xf64>, tensor<?x2xf32>, tensor<2xi32>, tensor<4xf64>
}

// CHECK-LABEL: ag.func @gather
ag.func @gather(%t: tensor<10x4xf32>, %ids: tensor<?xi64>, %m: tensor<3x5xi64>,
                %j: tensor<2x2xi32>)
    -> (tensor<?x4xf32>, tensor<3x2x2xi64>) {
  // CHECK: ag.gather %{{.*}}[%{{.*}}] along 0 : tensor<10x4xf32>, tensor<?xi64>
  %rows = ag.gather %t[%ids] along 0 : tensor<10x4xf32>, tensor<?xi64>
  // CHECK: ag.gather %{{.*}}[%{{.*}}] along 1 : tensor<3x5xi64>, tensor<2x2xi32>
  %cols = ag.gather %m[%j] along 1 : tensor<3x5xi64>, tensor<2x2xi32>
  ag.return %rows, %cols : tensor<?x4xf32>, tensor<3x2x2xi64>
}

// CHECK-LABEL: ag.func @broadcast_dynamic
ag.func @broadcast_dynamic(%v: tensor<?xf64>) -> tensor<2x3xf64> {
  // CHECK: ag.broadcast %{{.*}} : tensor<?xf64> to tensor<2x3xf64>
  %b = ag.broadcast %v : tensor<?xf64> to tensor<2x3xf64>
  ag.return %b : tensor<2x3xf64>
}
