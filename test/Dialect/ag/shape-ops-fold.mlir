// RUN: ag-opt %s --canonicalize --split-input-file | FileCheck %s

// Folding of ag.concat, ag.slice and ag.gather.

// CHECK-LABEL: ag.func @constants
ag.func @constants() -> (tensor<2x3xi64>, tensor<3x3xi64>, tensor<2xi64>, tensor<2x2xi64>, tensor<2x2xf64>, tensor<2x4xi64>, tensor<2x2xi64>) {
  %m = ag.constant dense<[[1, 2, 3], [4, 5, 6]]> : tensor<2x3xi64>
  %r = ag.constant dense<[[7, 8, 9]]> : tensor<1x3xi64>
  // CHECK-DAG: ag.constant dense<{{\[\[}}1, 2, 3], [4, 5, 6], [7, 8, 9]]> : tensor<3x3xi64>
  %c0 = ag.concat %m, %r along 0 : tensor<2x3xi64>, tensor<1x3xi64>
  %k = ag.constant dense<[[10], [11]]> : tensor<2x1xi64>
  // CHECK-DAG: ag.constant dense<{{\[\[}}1, 2, 3, 10], [4, 5, 6, 11]]> : tensor<2x4xi64>
  %c1 = ag.concat %m, %k along 1 : tensor<2x3xi64>, tensor<2x1xi64>
  // CHECK-DAG: ag.constant dense<{{\[\[}}2, 3], [5, 6]]> : tensor<2x2xi64>
  %s = ag.slice %m [0, 1] to [2, 3] step [1, 1] : tensor<2x3xi64>
  // Every other row of the concatenation, reversed columns via gather.
  // CHECK-DAG: ag.constant dense<{{\[\[}}3, 1], [9, 7]]> : tensor<2x2xi64>
  %e = ag.slice %c0 [0, 0] to [3, 3] step [2, 1] : tensor<3x3xi64>
  %rev = ag.constant dense<[2, 0]> : tensor<2xi64>
  %g = ag.gather %e[%rev] along 1 : tensor<2x3xi64>, tensor<2xi64>
  // CHECK-DAG: ag.constant dense<[4, 1]> : tensor<2xi64>
  %col = ag.constant dense<[1, 0]> : tensor<2xi32>
  %m0 = ag.slice %m [0, 0] to [2, 1] step [1, 1] : tensor<2x3xi64>
  %f = ag.reshape %m0 : tensor<2x1xi64> to tensor<2xi64>
  %gf = ag.gather %f[%col] along 0 : tensor<2xi64>, tensor<2xi32>
  %splat = ag.constant dense<1.5> : tensor<4x4xf64>
  // CHECK-DAG: ag.constant dense<1.500000e+00> : tensor<2x2xf64>
  %ss = ag.slice %splat [1, 0] to [3, 4] step [1, 2] : tensor<4x4xf64>
  // CHECK-NOT: ag.concat
  // CHECK-NOT: ag.slice
  // CHECK-NOT: ag.gather
  %s2 = ag.slice %c1 [0, 0] to [2, 3] step [1, 1] : tensor<2x4xi64>
  ag.return %s2, %c0, %gf, %g, %ss, %c1, %s : tensor<2x3xi64>, tensor<3x3xi64>, tensor<2xi64>, tensor<2x2xi64>, tensor<2x2xf64>, tensor<2x4xi64>, tensor<2x2xi64>
}

// -----

// Negative steps fold: m[::-1, ::-2], a reversed vector (stop -5 is before
// its first element), m[-1:-3:-1, 1:2] and an empty m[0:1:-1].
// CHECK-LABEL: ag.func @negative_steps
ag.func @negative_steps() -> (tensor<2x2xi64>, tensor<4xf32>, tensor<2x1xi64>, tensor<0x3xi64>) {
  %m = ag.constant dense<[[1, 2, 3], [4, 5, 6]]> : tensor<2x3xi64>
  %v = ag.constant dense<[1.0, 2.0, 3.0, 4.0]> : tensor<4xf32>
  // CHECK-DAG: ag.constant dense<{{\[\[}}6, 4], [3, 1]]> : tensor<2x2xi64>
  %a = ag.slice %m [-1, -1] to [9223372036854775807, 9223372036854775807] step [-1, -2] : tensor<2x3xi64>
  // CHECK-DAG: ag.constant dense<[4.000000e+00, 3.000000e+00, 2.000000e+00, 1.000000e+00]> : tensor<4xf32>
  %r = ag.slice %v [3] to [-5] step [-1] : tensor<4xf32>
  // CHECK-DAG: ag.constant dense<{{\[\[}}5], [2]]> : tensor<2x1xi64>
  %c = ag.slice %m [-1, 1] to [-3, 2] step [-1, 1] : tensor<2x3xi64>
  // CHECK-DAG: ag.constant dense<> : tensor<0x3xi64>
  %e = ag.slice %m [0, 0] to [1, 3] step [-1, 1] : tensor<2x3xi64>
  // CHECK-NOT: ag.slice
  ag.return %a, %r, %c, %e : tensor<2x2xi64>, tensor<4xf32>, tensor<2x1xi64>, tensor<0x3xi64>
}

// -----

// A slice taking everything and a one-operand concat fold away; an
// out-of-range constant gather index is left for the runtime to report.
// CHECK-LABEL: ag.func @identities
// CHECK-SAME: (%[[V:.*]]: tensor<4xf64>, %[[T:.*]]: tensor<3x2xf32>)
ag.func @identities(%v: tensor<4xf64>, %t: tensor<3x2xf32>) -> (tensor<4xf64>, tensor<4xf64>, tensor<1x2xf32>) {
  %a = ag.slice %v [0] to [9223372036854775807] step [1] : tensor<4xf64>
  %b = ag.concat %a along 0 : tensor<4xf64>
  %i = ag.constant dense<[3]> : tensor<1xi64>
  // CHECK: %[[G:.*]] = ag.gather %[[T]][%{{.*}}] along 0
  %g = ag.gather %t[%i] along 0 : tensor<3x2xf32>, tensor<1xi64>
  // CHECK: ag.return %[[V]], %[[V]], %[[G]]
  ag.return %a, %b, %g : tensor<4xf64>, tensor<4xf64>, tensor<1x2xf32>
}

// -----

// Integer matmul of constants folds, wrapping as the kernel does; a float
// product keeps the kernel's summation order and stays.
// CHECK-LABEL: ag.func @matmul_constants
ag.func @matmul_constants() -> (tensor<2x2xi64>, tensor<2xi32>, tensor<i32>, tensor<2x1x2xi64>, tensor<f64>) {
  %a = ag.constant dense<[[1, 2, 3], [4, 5, 6]]> : tensor<2x3xi64>
  %b = ag.constant dense<[[1, 0], [0, 1], [1, 1]]> : tensor<3x2xi64>
  // CHECK-DAG: ag.constant dense<{{\[\[}}4, 5], [10, 11]]> : tensor<2x2xi64>
  %c = ag.matmul %a, %b : tensor<2x3xi64>, tensor<3x2xi64>
  %m = ag.constant dense<[[2147483647, 1], [1, 1]]> : tensor<2x2xi32>
  %v = ag.constant dense<[1, 1]> : tensor<2xi32>
  // CHECK-DAG: ag.constant dense<[-2147483648, 2]> : tensor<2xi32>
  %mv = ag.matmul %m, %v : tensor<2x2xi32>, tensor<2xi32>
  // CHECK-DAG: ag.constant dense<2> : tensor<i32>
  %d = ag.matmul %v, %v : tensor<2xi32>
  %batch = ag.constant dense<[[[1, 2]], [[3, 4]]]> : tensor<2x1x2xi64>
  %i = ag.constant dense<[[1, 0], [0, 1]]> : tensor<2x2xi64>
  // CHECK-DAG: ag.constant dense<{{\[\[\[}}1, 2]], {{\[\[}}3, 4]]]> : tensor<2x1x2xi64>
  %bm = ag.matmul %batch, %i : tensor<2x1x2xi64>, tensor<2x2xi64>
  %f = ag.constant dense<[0.1, 0.2]> : tensor<2xf64>
  // CHECK: ag.matmul %{{.*}}, %{{.*}} : tensor<2xf64>
  %fd = ag.matmul %f, %f : tensor<2xf64>
  ag.return %c, %mv, %d, %bm, %fd : tensor<2x2xi64>, tensor<2xi32>, tensor<i32>, tensor<2x1x2xi64>, tensor<f64>
}
