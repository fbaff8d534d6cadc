// RUN: ag-opt %s -split-input-file -verify-diagnostics

// Verifier rules of ag.set_index (t[i] = v).

ag.func @value_not_a_row(%m: tensor<2x3xf32>, %i: tensor<i64>,
                         %r: tensor<2xf32>) {
  // expected-error @+1 {{'ag.set_index' op value must have the row type 'tensor<3xf32>' of the source, got 'tensor<2xf32>'}}
  %0 = ag.set_index %m[%i], %r : tensor<2x3xf32>, tensor<2xf32>
  ag.return
}

// -----

ag.func @value_dtype(%m: tensor<2x3xf32>, %i: tensor<i64>,
                     %r: tensor<3xf64>) {
  // expected-error @+1 {{'ag.set_index' op value must have the row type 'tensor<3xf32>' of the source, got 'tensor<3xf64>'}}
  %0 = ag.set_index %m[%i], %r : tensor<2x3xf32>, tensor<3xf64>
  ag.return
}

// -----

ag.func @scalar_source(%a: tensor<f32>, %i: tensor<i64>, %x: tensor<f32>) {
  // expected-error @+1 {{'ag.set_index' op source must be a tensor of rank >= 1, got 'tensor<f32>'}}
  %0 = ag.set_index %a[%i], %x : tensor<f32>, tensor<f32>
  ag.return
}

// -----

ag.func @index_type(%m: tensor<3xf32>, %i: tensor<i32>, %x: tensor<f32>) {
  // expected-error @+1 {{operand #1 must be 0D tensor of 64-bit signless integer values}}
  %0 = "ag.set_index"(%m, %i, %x) : (tensor<3xf32>, tensor<i32>, tensor<f32>) -> tensor<3xf32>
  ag.return
}

// -----

ag.func @result_type(%m: tensor<3xf32>, %i: tensor<i64>, %x: tensor<f32>) {
  // expected-error @+1 {{all of {source, result} have same type}}
  %0 = "ag.set_index"(%m, %i, %x) : (tensor<3xf32>, tensor<i64>, tensor<f32>) -> tensor<3xf64>
  ag.return
}
