// RUN: ag-opt %s -split-input-file -verify-diagnostics

// The verifier rules of the op library.

ag.func @reduce_axis_range(%m: tensor<2x3xf64>) {
  // expected-error @+1 {{axes [2] must be sorted, distinct and in [0, 2)}}
  %0 = ag.reduce sum %m over [2] : tensor<2x3xf64>
  ag.return
}

// -----

ag.func @reduce_axes_unsorted(%m: tensor<2x3xf64>) {
  // expected-error @+1 {{axes [1, 0] must be sorted, distinct and in [0, 2)}}
  %0 = ag.reduce sum %m over [1, 0] : tensor<2x3xf64>
  ag.return
}

// -----

ag.func @reduce_sum_bool(%m: tensor<3xi1>) {
  // expected-error @+1 {{sum needs a number tensor (cast i1 first)}}
  %0 = ag.reduce sum %m over [0] : tensor<3xi1>
  ag.return
}

// -----

ag.func @reduce_mean_int(%m: tensor<3xi64>) {
  // expected-error @+1 {{mean needs a float tensor}}
  %0 = ag.reduce mean %m over [0] : tensor<3xi64>
  ag.return
}

// -----

ag.func @reduce_any_number(%m: tensor<3xf32>) {
  // expected-error @+1 {{any needs an i1 tensor}}
  %0 = ag.reduce any %m over [0] : tensor<3xf32>
  ag.return
}

// -----

ag.func @reduce_arg_two_axes(%m: tensor<2x3x4xf32>) {
  // expected-error @+1 {{argmax takes one axis or all of them, got [0, 1]}}
  %0 = ag.reduce argmax %m over [0, 1] : tensor<2x3x4xf32>
  ag.return
}

// -----

ag.func @reduce_max_empty(%m: tensor<0x3xf32>) {
  // expected-error @+1 {{max of an empty extent: dimension 0 has size 0}}
  %0 = ag.reduce max %m over [0] : tensor<0x3xf32>
  ag.return
}

// -----

ag.func @matmul_inner(%a: tensor<2x3xf64>, %b: tensor<4x5xf64>) {
  // expected-error @+1 {{inner dimensions 3 and 4 differ}}
  %0 = ag.matmul %a, %b : tensor<2x3xf64>, tensor<4x5xf64>
  ag.return
}

// -----

ag.func @matmul_batch(%a: tensor<2x2x3xf64>, %b: tensor<3x3x5xf64>) {
  // expected-error @+1 {{batch dimensions 2 and 3 differ}}
  %0 = ag.matmul %a, %b : tensor<2x2x3xf64>, tensor<3x3x5xf64>
  ag.return
}

// -----

ag.func @matmul_rank(%a: tensor<f64>, %b: tensor<3xf64>) {
  // expected-error @+1 {{operands must have rank 1 to 3}}
  %0 = ag.matmul %a, %b : tensor<f64>, tensor<3xf64>
  ag.return
}

// -----

ag.func @matmul_types(%a: tensor<3xf64>, %b: tensor<3xf32>) {
  // expected-error @+1 {{operands must have one element type}}
  %0 = ag.matmul %a, %b : tensor<3xf64>, tensor<3xf32>
  ag.return
}

// -----

ag.func @transpose_perm(%m: tensor<2x3xf64>) {
  // expected-error @+1 {{[0, 0] is not a permutation of the 2 dimensions of 'tensor<2x3xf64>'}}
  %0 = ag.transpose %m [0, 0] : tensor<2x3xf64>
  ag.return
}

// -----

ag.func @reshape_count(%m: tensor<2x3xf64>) {
  // expected-error @+1 {{cannot reshape 'tensor<2x3xf64>' (6 elements) to 'tensor<4xf64>' (4 elements)}}
  %0 = ag.reshape %m : tensor<2x3xf64> to tensor<4xf64>
  ag.return
}

// -----

ag.func @reshape_two_dynamic(%m: tensor<?x3xf64>) {
  // expected-error @+1 {{at most one result dimension may be dynamic, got 'tensor<?x?xf64>'}}
  %0 = ag.reshape %m : tensor<?x3xf64> to tensor<?x?xf64>
  ag.return
}

// -----

ag.func @reshape_element(%m: tensor<6xf64>) {
  // expected-error @+1 {{element types differ}}
  %0 = ag.reshape %m : tensor<6xf64> to tensor<6xf32>
  ag.return
}
