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
    -> (tensor<3xf64>, tensor<?x2xf32>, tensor<?xi32>, tensor<4xf64>,
        tensor<0xi32>, tensor<0xi32>) {
  // CHECK: ag.slice %{{.*}} [2] to [5] step [1] : tensor<8xf64>
  %a = ag.slice %v [2] to [5] step [1] : tensor<8xf64>
  // CHECK: ag.slice %{{.*}} [0, 1] to [9223372036854775807, 4] step [2, 2] : tensor<?x4xf32>
  %b = ag.slice %m [0, 1] to [9223372036854775807, 4] step [2, 2] : tensor<?x4xf32>
  // Bounds of a dynamic dimension are checked when it runs; the length is
  // dynamic...
  %c = ag.slice %w [1] to [4] step [2] : tensor<?xi32>
  // ...unless both bounds count from the same end and are crossed.
  %e = ag.slice %w [4] to [1] step [1] : tensor<?xi32>
  %f = ag.slice %w [-4] to [-1] step [-1] : tensor<?xi32>
  // Negative bounds count from the end; the stop is exclusive.
  %d = ag.slice %v [-5] to [-1] step [1] : tensor<8xf64>
  ag.return %a, %b, %c, %d, %e, %f
      : tensor<3xf64>, tensor<?x2xf32>, tensor<?xi32>, tensor<4xf64>,
        tensor<0xi32>, tensor<0xi32>
}

// Negative steps, NumPy's way: x[2:8], x[-8:3], x[::-1] (stop
// 9223372036854775807 is NumPy's omitted stop), x[6:1:-2], x[-1:-9:-3] (-9
// is before the first element), x[1:5:-1] (empty) and x[7:-9:-1] on 8
// elements.
// CHECK-LABEL: ag.func @slice_numpy
ag.func @slice_numpy(%v: tensor<8xf64>)
    -> (tensor<6xf64>, tensor<3xf64>, tensor<8xf64>, tensor<3xf64>,
        tensor<3xf64>, tensor<0xf64>, tensor<8xf64>) {
  %a = ag.slice %v [2] to [8] step [1] : tensor<8xf64>
  %b = ag.slice %v [-8] to [3] step [1] : tensor<8xf64>
  // CHECK: ag.slice %{{.*}} [-1] to [9223372036854775807] step [-1] : tensor<8xf64>
  %c = ag.slice %v [-1] to [9223372036854775807] step [-1] : tensor<8xf64>
  %d = ag.slice %v [6] to [1] step [-2] : tensor<8xf64>
  %e = ag.slice %v [-1] to [-9] step [-3] : tensor<8xf64>
  %f = ag.slice %v [1] to [5] step [-1] : tensor<8xf64>
  %g = ag.slice %v [7] to [-9] step [-1] : tensor<8xf64>
  ag.return %a, %b, %c, %d, %e, %f, %g
      : tensor<6xf64>, tensor<3xf64>, tensor<8xf64>, tensor<3xf64>,
        tensor<3xf64>, tensor<0xf64>, tensor<8xf64>
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
