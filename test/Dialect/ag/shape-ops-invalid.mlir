// RUN: ag-opt %s -split-input-file -verify-diagnostics

// The verifier rules of ag.concat, ag.slice, ag.gather and ag.broadcast.

ag.func @concat_dims(%a: tensor<2x3xf32>, %b: tensor<2x4xf32>) {
  // expected-error @+1 {{'tensor<2x3xf32>' and 'tensor<2x4xf32>' differ in dimension 1}}
  %0 = ag.concat %a, %b along 0 : tensor<2x3xf32>, tensor<2x4xf32>
  ag.return
}

// -----

ag.func @concat_types(%a: tensor<2xf32>, %b: tensor<2xf64>) {
  // expected-error @+1 {{operands must share the element type and rank of 'tensor<2xf32>'}}
  %0 = ag.concat %a, %b along 0 : tensor<2xf32>, tensor<2xf64>
  ag.return
}

// -----

ag.func @concat_axis(%a: tensor<2xf32>) {
  // expected-error @+1 {{axis 1 is out of range for rank 1}}
  %0 = ag.concat %a, %a along 1 : tensor<2xf32>, tensor<2xf32>
  ag.return
}

// -----

ag.func @concat_scalars(%a: tensor<f32>) {
  // expected-error @+1 {{cannot concatenate 0-d tensors}}
  %0 = ag.concat %a along 0 : tensor<f32>
  ag.return
}

// -----

ag.func @concat_overflow(%a: tensor<9223372036854775807xi1>) {
  // expected-error @+1 {{the result has more than 2^63 elements}}
  %0 = ag.concat %a, %a along 0 : tensor<9223372036854775807xi1>, tensor<9223372036854775807xi1>
  ag.return
}

// -----

ag.func @slice_out_of_range(%v: tensor<4xf64>) {
  // expected-error @+1 {{slice 2:9 is out of range for dimension 0 of 'tensor<4xf64>'}}
  %0 = ag.slice %v [2] to [9] step [1] : tensor<4xf64>
  ag.return
}

// -----

// Counted from the end, -6 is before the first element: out of range for a
// positive step (and for a negative one, where only -5 reaches there).
ag.func @slice_before_first(%v: tensor<4xf64>) {
  // expected-error @+1 {{slice -6:2 is out of range for dimension 0 of 'tensor<4xf64>'}}
  %0 = ag.slice %v [-6] to [2] step [1] : tensor<4xf64>
  ag.return
}

// -----

ag.func @slice_negative_step(%v: tensor<4xf64>) {
  // expected-error @+1 {{slice 4:0:-1 is out of range for dimension 0 of 'tensor<4xf64>'}}
  %0 = ag.slice %v [4] to [0] step [-1] : tensor<4xf64>
  ag.return
}

// -----

ag.func @slice_step(%v: tensor<4xf64>) {
  // expected-error @+1 {{slice 3:1:0 has a zero step, along dimension 0 of 'tensor<4xf64>'}}
  %0 = ag.slice %v [3] to [1] step [0] : tensor<4xf64>
  ag.return
}

// -----

ag.func @slice_dynamic_step(%v: tensor<?xf64>) {
  // expected-error @+1 {{slice 0::0 has a zero step, along dimension 0}}
  %0 = ag.slice %v [0] to [9223372036854775807] step [0] : tensor<?xf64>
  ag.return
}

// -----

ag.func @slice_rank(%m: tensor<2x3xf64>) {
  // expected-error @+1 {{needs one start, stop and step for each of the 2 dimensions of 'tensor<2x3xf64>'}}
  %0 = ag.slice %m [0] to [1] step [1] : tensor<2x3xf64>
  ag.return
}

// -----

ag.func @gather_axis(%m: tensor<2x3xf64>, %i: tensor<2xi64>) {
  // expected-error @+1 {{axis 2 is out of range for 'tensor<2x3xf64>'}}
  %0 = ag.gather %m[%i] along 2 : tensor<2x3xf64>, tensor<2xi64>
  ag.return
}

// -----

ag.func @gather_float_indices(%m: tensor<2x3xf64>, %i: tensor<2xf64>) {
  // expected-error @+1 {{operand #1 must be ranked tensor of 32-bit signless integer or 64-bit signless integer values}}
  %0 = ag.gather %m[%i] along 0 : tensor<2x3xf64>, tensor<2xf64>
  ag.return
}

// -----

ag.func @broadcast_dynamic_mismatch(%a: tensor<?x3xf32>) {
  // expected-error @+1 {{cannot broadcast 'tensor<?x3xf32>' to 'tensor<2x4xf32>'}}
  %0 = ag.broadcast %a : tensor<?x3xf32> to tensor<2x4xf32>
  ag.return
}

// -----

ag.func @broadcast_like_result(%s: tensor<f64>, %x: tensor<?xf64>) {
  // expected-error @+1 {{result type 'tensor<3xf64>' is not the broadcast shape of its operands: 'tensor<?xf64>'}}
  %0 = ag.broadcast %s like %x : tensor<f64> to tensor<3xf64> like tensor<?xf64>
  ag.return
}

// -----

ag.func @broadcast_like_mismatch(%a: tensor<2xf64>, %x: tensor<?x3xf64>) {
  // expected-error @+1 {{cannot broadcast 'tensor<2xf64>' like 'tensor<?x3xf64>'}}
  %0 = ag.broadcast %a like %x : tensor<2xf64> to tensor<?x3xf64> like tensor<?x3xf64>
  ag.return
}

// -----

ag.func @broadcast_like_element_type(%a: tensor<f32>, %x: tensor<?xf64>) {
  // expected-error @+1 {{cannot change the element type}}
  %0 = ag.broadcast %a like %x : tensor<f32> to tensor<?xf64> like tensor<?xf64>
  ag.return
}
