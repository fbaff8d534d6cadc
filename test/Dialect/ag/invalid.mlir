// RUN: ag-opt %s -split-input-file -verify-diagnostics

// One case per verifier rule of the ag dialect.

ag.func @binary_element_types(%a: tensor<i64>, %b: tensor<i32>) {
  // expected-error @+1 {{operand element types differ: 'tensor<i64>' vs 'tensor<i32>'}}
  %0 = ag.add %a, %b : tensor<i64>, tensor<i32>
  ag.return
}

// -----

ag.func @binary_shapes(%a: tensor<2xf32>, %b: tensor<3xf32>) {
  // expected-error @+1 {{operand shapes of 'tensor<2xf32>' and 'tensor<3xf32>' are incompatible}}
  %0 = ag.mul %a, %b : tensor<2xf32>, tensor<3xf32>
  ag.return
}

// -----

ag.func @arith_on_bool(%a: tensor<i1>) {
  // expected-error @+1 {{operand #0 must be ranked tensor of 32-bit signless integer or 64-bit signless integer or 32-bit float or 64-bit float values}}
  %0 = ag.add %a, %a : tensor<i1>
  ag.return
}

// -----

ag.func @dynamic_shape(%a: tensor<3xf32>) {
  // expected-error @+1 {{cannot broadcast to a dynamic shape without 'like' operands giving it at run time: 'tensor<3xf32>' to 'tensor<?x3xf32>'}}
  %0 = ag.broadcast %a : tensor<3xf32> to tensor<?x3xf32>
  ag.return
}

// -----

ag.func @unsupported_element(%a: tensor<3xf32>) {
  // expected-error @+1 {{result #0 must be ranked tensor of 1-bit signless integer or 32-bit signless integer or 64-bit signless integer or 32-bit float or 64-bit float values}}
  %0 = ag.cast %a : tensor<3xf32> to tensor<3xi16>
  ag.return
}

// -----

ag.func @logical_on_floats(%a: tensor<f64>) {
  // expected-error @+1 {{operand #0 must be ranked tensor of 1-bit signless integer or 32-bit signless integer or 64-bit signless integer values}}
  %0 = ag.and %a, %a : tensor<f64>
  ag.return
}

// -----

ag.func @exp_of_int(%a: tensor<i64>) {
  // expected-error @+1 {{must be ranked tensor of 32-bit float or 64-bit float values}}
  %0 = ag.exp %a : tensor<i64>
  ag.return
}

// -----

ag.func @cmp_types(%a: tensor<i64>, %b: tensor<f64>) {
  // expected-error @+1 {{operand element types differ}}
  %0 = ag.cmp lt, %a, %b : tensor<i64>, tensor<f64>
  ag.return
}

// -----

ag.func @cmp_result_type(%a: tensor<i64>) {
  // expected-error @+1 {{'ag.cmp' op result #0 must be ranked tensor of 1-bit signless integer values}}
  %0 = "ag.cmp"(%a, %a) {predicate = 2 : i64} : (tensor<i64>, tensor<i64>) -> tensor<i64>
  ag.return
}

// -----

ag.func @constant_type() {
  // expected-error @+1 {{result #0 must be ranked tensor}}
  %0 = ag.constant dense<1> : tensor<i8>
  ag.return
}

// -----

ag.func @select_cond_shape(%c: tensor<2xi1>, %a: tensor<3xf32>) {
  // expected-error @+1 {{condition of type 'tensor<2xi1>' must be 0-d or have the shape of the values 'tensor<3xf32>'}}
  %0 = ag.select %c, %a, %a : tensor<2xi1>, tensor<3xf32>
  ag.return
}

// -----

ag.func @select_value_types(%c: tensor<i1>, %a: tensor<f32>, %b: tensor<f64>) {
  // expected-error @+1 {{failed to verify that all of {true_value, false_value, result} have same type}}
  %0 = "ag.select"(%c, %a, %b) : (tensor<i1>, tensor<f32>, tensor<f64>) -> tensor<f32>
  ag.return
}

// -----

ag.func @cast_shape(%a: tensor<3xi64>) {
  // expected-error @+1 {{cannot change the shape: 'tensor<3xi64>' to 'tensor<4xf32>'}}
  %0 = ag.cast %a : tensor<3xi64> to tensor<4xf32>
  ag.return
}

// -----

ag.func @broadcast_shape(%a: tensor<3xf32>) {
  // expected-error @+1 {{cannot broadcast 'tensor<3xf32>' to 'tensor<3x2xf32>'}}
  %0 = ag.broadcast %a : tensor<3xf32> to tensor<3x2xf32>
  ag.return
}

// -----

ag.func @broadcast_element_type(%a: tensor<3xf32>) {
  // expected-error @+1 {{cannot change the element type}}
  %0 = ag.broadcast %a : tensor<3xf32> to tensor<2x3xf64>
  ag.return
}

// -----

ag.func @index_scalar(%a: tensor<f32>, %i: tensor<i64>) {
  // expected-error @+1 {{source must be a tensor of rank >= 1, got 'tensor<f32>'}}
  %0 = ag.index %a[%i] : tensor<f32>
  ag.return
}

// -----

ag.func @stack_types(%a: tensor<3xf32>, %b: tensor<2xf32>) {
  // expected-error @+1 {{requires all operands to have the same type}}
  %0 = "ag.stack"(%a, %b) : (tensor<3xf32>, tensor<2xf32>) -> tensor<2x3xf32>
  ag.return
}

// -----

ag.func @stack_empty() {
  // expected-error @+2 {{expects at least one input}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = "ag.stack"() : () -> tensor<0xf32>
  ag.return
}

// -----

ag.func @reduce_sum_result(%a: tensor<3xf32>) {
  // expected-error @+2 {{inferred type(s) 'tensor<f32>' are incompatible with return type(s) of operation 'tensor<3xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = "ag.reduce_sum"(%a) : (tensor<3xf32>) -> tensor<3xf32>
  ag.return
}

// -----

ag.func @print_token(%a: tensor<i64>) {
  // expected-error @+1 {{operand #0 must be }}
  %0 = "ag.print"(%a) {format = ""} : (tensor<i64>) -> !ag.token
  ag.return
}

// -----

ag.func @print_placeholders(%a: tensor<i64>) {
  %t = ag.token
  // expected-error @+1 {{format has 2 placeholder(s) but 1 value(s) are printed}}
  %t1 = ag.print %t, "{} and {}", %a : tensor<i64>
  ag.return
}

// -----

ag.func @print_unterminated(%a: tensor<i64>) {
  %t = ag.token
  // expected-error @+1 {{format has an unterminated '{' at offset 3}}
  %t1 = ag.print %t, "x: {", %a : tensor<i64>
  ag.return
}

// -----

ag.func @print_star_width(%a: tensor<i64>) {
  %t = ag.token
  // expected-error @+1 {{placeholder '{%*d}' must be '{}' or hold one printf conversion}}
  %t1 = ag.print %t, "{%*d}", %a : tensor<i64>
  ag.return
}

// -----

ag.func @print_spec(%a: tensor<i64>) {
  %t = ag.token
  // expected-error @+1 {{placeholder '{x}' must be '{}' or hold one printf conversion such as '{%.3f}' or '{%5d}'}}
  %t1 = ag.print %t, "{x}", %a : tensor<i64>
  ag.return
}

// -----

ag.func @assert_cond(%c: tensor<2xi1>) {
  %t = ag.token
  // expected-error @+1 {{operand #1 must be 0D tensor of 1-bit signless integer values}}
  %t1 = "ag.assert"(%t, %c) {message = "m"} : (!ag.token, tensor<2xi1>) -> !ag.token
  ag.return
}

// -----

ag.func @check_numerics_type(%x: tensor<f32>) {
  %t = ag.token
  // expected-error @+1 {{failed to verify that all of {input, result} have same type}}
  %y, %t1 = "ag.check_numerics"(%t, %x) {message = "m"} : (!ag.token, tensor<f32>) -> (tensor<f64>, !ag.token)
  ag.return
}

// -----

ag.func @if_cond_type(%c: tensor<i64>) {
  // expected-error @+1 {{operand #0 must be 0D tensor of 1-bit signless integer values}}
  "ag.if"(%c) ({
    ag.yield
  }, {
  }) : (tensor<i64>) -> ()
  ag.return
}

// -----

ag.func @if_no_else(%c: tensor<i1>, %a: tensor<i64>) {
  // expected-error @+1 {{'ag.if' op has 1 result(s), so it needs an else region}}
  %r = ag.if %c -> (tensor<i64>) {
    ag.yield %a : tensor<i64>
  }
  ag.return
}

// -----

ag.func @if_yield_types(%c: tensor<i1>, %a: tensor<i64>, %b: tensor<f64>) {
  // expected-error @+1 {{'ag.if' op 'else' region yield #0 has type 'tensor<f64>' but result list #0 has type 'tensor<i64>'}}
  %r = ag.if %c -> (tensor<i64>) {
    ag.yield %a : tensor<i64>
  } else {
    ag.yield %b : tensor<f64>
  }
  ag.return
}

// -----

ag.func @if_yield_count(%c: tensor<i1>, %a: tensor<i64>) {
  // expected-error @+1 {{'ag.if' op 'then' region yield has 0 value(s) but result list has 1}}
  %r = ag.if %c -> (tensor<i64>) {
  } else {
    ag.yield %a : tensor<i64>
  }
  ag.return
}

// -----

ag.func @if_region_args(%c: tensor<i1>, %a: tensor<i64>) {
  // expected-error @+1 {{'ag.if' op region #0 should have no arguments}}
  ag.if %c {
  ^bb0(%x: tensor<i64>):
    ag.yield
  }
  ag.return
}

// -----

ag.func @if_terminator(%c: tensor<i1>, %a: tensor<i64>) {
  // expected-error @+1 {{'ag.if' op regions must end in ag.yield}}
  ag.if %c {
    ag.return
  }
  ag.return
}

// -----

ag.func @while_before_args(%a: tensor<i64>, %c: tensor<i1>) {
  // expected-error @+1 {{'ag.while' op 'before' region argument list #0 has type 'tensor<f64>' but init list #0 has type 'tensor<i64>'}}
  %r = "ag.while"(%a) ({
  ^bb0(%x: tensor<f64>):
    ag.condition %c(%a : tensor<i64>)
  }, {
  ^bb0(%y: tensor<i64>):
    ag.yield %y : tensor<i64>
  }) : (tensor<i64>) -> tensor<i64>
  ag.return
}

// -----

ag.func @while_condition_types(%a: tensor<i64>, %c: tensor<i1>) {
  // expected-error @+1 {{'ag.while' op ag.condition forwarded list #0 has type 'tensor<i1>' but result list #0 has type 'tensor<i64>'}}
  %r = ag.while (%x = %a) : (tensor<i64>) -> tensor<i64> {
    ag.condition %c(%c : tensor<i1>)
  } do {
  ^bb0(%y: tensor<i64>):
    ag.yield %y : tensor<i64>
  }
  ag.return
}

// -----

ag.func @while_after_args(%a: tensor<i64>, %c: tensor<i1>) {
  // expected-error @+1 {{'ag.while' op 'after' region argument list has 2 value(s) but result list has 1}}
  %r = ag.while (%x = %a) : (tensor<i64>) -> tensor<i64> {
    ag.condition %c(%x : tensor<i64>)
  } do {
  ^bb0(%y: tensor<i64>, %z: tensor<i64>):
    ag.yield %y : tensor<i64>
  }
  ag.return
}

// -----

ag.func @while_carried_type_changes(%a: tensor<i64>, %c: tensor<i1>) {
  // expected-error @+1 {{'ag.while' op 'after' region yield #0 has type 'tensor<f64>' but init list #0 has type 'tensor<i64>'}}
  %r = ag.while (%x = %a) : (tensor<i64>) -> tensor<i64> {
    ag.condition %c(%x : tensor<i64>)
  } do {
  ^bb0(%y: tensor<i64>):
    %f = ag.cast %y : tensor<i64> to tensor<f64>
    ag.yield %f : tensor<f64>
  }
  ag.return
}

// -----

ag.func @while_before_terminator(%a: tensor<i64>, %c: tensor<i1>) {
  // expected-error @+1 {{'ag.while' op 'before' region must end in ag.condition}}
  %r = ag.while (%x = %a) : (tensor<i64>) -> tensor<i64> {
    ag.yield %x : tensor<i64>
  } do {
  ^bb0(%y: tensor<i64>):
    ag.yield %y : tensor<i64>
  }
  ag.return
}

// -----

ag.func @while_condition_cond(%a: tensor<i64>) {
  %r = ag.while (%x = %a) : (tensor<i64>) -> tensor<i64> {
    // expected-error @+1 {{operand #0 must be 0D tensor of 1-bit signless integer values}}
    "ag.condition"(%x, %x) : (tensor<i64>, tensor<i64>) -> ()
  } do {
  ^bb0(%y: tensor<i64>):
    ag.yield %y : tensor<i64>
  }
  ag.return
}

// -----

ag.func @condition_outside_while(%c: tensor<i1>) {
  // expected-error @+1 {{'ag.condition' op expects parent op 'ag.while'}}
  ag.condition %c
}

// -----

ag.func @while_type_count(%a: tensor<i64>, %c: tensor<i1>) {
  // expected-error @+1 {{expected as many input types as operands (expected 1 got 2)}}
  %r = ag.while (%x = %a) : (tensor<i64>, tensor<i64>) -> tensor<i64> {
    ag.condition %c(%x : tensor<i64>)
  } do {
  ^bb0(%y: tensor<i64>):
    ag.yield %y : tensor<i64>
  }
  ag.return
}

// -----

ag.func @for_bounds(%lb: tensor<i32>, %ub: tensor<i64>) {
  // expected-error @+1 {{operand #0 must be 0D tensor of 64-bit signless integer values}}
  "ag.for"(%lb, %ub, %ub) ({
  ^bb0(%i: tensor<i64>):
    ag.yield
  }) : (tensor<i32>, tensor<i64>, tensor<i64>) -> ()
  ag.return
}

// -----

ag.func @for_yield_type(%n: tensor<i64>, %a: tensor<f32>) {
  // expected-error @+1 {{'ag.for' op body yield #0 has type 'tensor<i64>' but init list #0 has type 'tensor<f32>'}}
  %r = ag.for %i = %n to %n step %n iter_args(%acc = %a) -> (tensor<f32>) {
    ag.yield %i : tensor<i64>
  }
  ag.return
}

// -----

ag.func @for_induction_var(%n: tensor<i64>) {
  // expected-error @+1 {{'ag.for' op body's first argument must be the induction variable of type 'tensor<i64>'}}
  "ag.for"(%n, %n, %n) ({
  ^bb0(%i: tensor<i32>):
    ag.yield
  }) : (tensor<i64>, tensor<i64>, tensor<i64>) -> ()
  ag.return
}

// -----

ag.func @for_iter_args(%n: tensor<i64>, %a: tensor<f32>) {
  // expected-error @+1 {{'ag.for' op body iter_args list has 0 value(s) but init list has 1}}
  %r = "ag.for"(%n, %n, %n, %a) ({
  ^bb0(%i: tensor<i64>):
    ag.yield %a : tensor<f32>
  }) : (tensor<i64>, tensor<i64>, tensor<i64>, tensor<f32>) -> tensor<f32>
  ag.return
}

// -----

ag.func @for_results(%n: tensor<i64>, %a: tensor<f32>) {
  // expected-error @+1 {{'ag.for' op result list #0 has type 'tensor<f64>' but init list #0 has type 'tensor<f32>'}}
  %r = "ag.for"(%n, %n, %n, %a) ({
  ^bb0(%i: tensor<i64>, %x: tensor<f32>):
    ag.yield %x : tensor<f32>
  }) : (tensor<i64>, tensor<i64>, tensor<i64>, tensor<f32>) -> tensor<f64>
  ag.return
}

// -----

ag.func @for_iter_args_count(%n: tensor<i64>, %a: tensor<f32>) {
  // expected-error @+1 {{expected as many result types as iter_args (expected 1 got 2)}}
  %r = ag.for %i = %n to %n step %n iter_args(%acc = %a) -> (tensor<f32>, tensor<f32>) {
    ag.yield %acc : tensor<f32>
  }
  ag.return
}

// -----

ag.func @yield_outside(%a: tensor<i64>) {
  // expected-error @+1 {{'ag.yield' op expects parent op to be one of 'ag.if, ag.while, ag.for, ag.try'}}
  ag.yield %a : tensor<i64>
}

// -----

// expected-error @+1 {{'ag.func' op argument #0 has type 'i64'; expected a ranked tensor of i1/i32/i64/f32/f64, !ag.token or !ag.host}}
ag.func @scalar_argument(%a: i64) {
  ag.return
}

// -----

// expected-error @+1 {{'ag.func' op result #0 has type 'memref<2xf32>'}}
ag.func private @bad_result() -> memref<2xf32>

// -----

ag.func @return_types(%a: tensor<i64>) -> tensor<f32> {
  // expected-error @+1 {{'ag.return' op operand list #0 has type 'tensor<i64>' but function result list #0 has type 'tensor<f32>'}}
  ag.return %a : tensor<i64>
}

// -----

ag.func @return_count(%a: tensor<i64>) -> (tensor<i64>, !ag.token) {
  // expected-error @+1 {{'ag.return' op operand list has 1 value(s) but function result list has 2}}
  ag.return %a : tensor<i64>
}

// -----

ag.func @call_unknown(%a: tensor<i64>) {
  // expected-error @+1 {{'ag.call' op 'nowhere' does not reference an ag.func}}
  %r = ag.call @nowhere(%a) : (tensor<i64>) -> tensor<i64>
  ag.return
}

// -----

ag.func private @callee(tensor<i64>) -> tensor<i64>
ag.func @call_operands(%a: tensor<f32>) {
  // expected-error @+1 {{'ag.call' op operand list #0 has type 'tensor<f32>' but callee's argument list #0 has type 'tensor<i64>'}}
  %r = ag.call @callee(%a) : (tensor<f32>) -> tensor<i64>
  ag.return
}

// -----

ag.func private @callee(tensor<i64>) -> tensor<i64>
ag.func @call_results(%a: tensor<i64>) {
  // expected-error @+1 {{'ag.call' op result list has 2 value(s) but callee's result list has 1}}
  %r:2 = ag.call @callee(%a) : (tensor<i64>) -> (tensor<i64>, tensor<i64>)
  ag.return
}

// -----

// expected-note @+1 {{prior use here}}
ag.func @token_operand(%a: tensor<i64>) {
  %t = ag.token
  // expected-error @+1 {{use of value '%a' expects different type than prior uses: '!ag.token' vs 'tensor<i64>'}}
  %t1 = ag.assert %a, %a, "m"
  ag.return
}

// -----

ag.func @unknown_predicate(%a: tensor<i64>) {
  // expected-error @+1 {{expected string or keyword containing one of the following enum values for attribute 'predicate' [eq, ne, lt, le, gt, ge]}}
  %0 = ag.cmp less, %a, %a : tensor<i64>
  ag.return
}

// -----

// Lists live inside a function: twins take and return tensors.
// expected-error @+1 {{'ag.func' op argument #0 has type '!ag.list'}}
ag.func @list_argument(%l: !ag.list) {
  ag.return
}

// -----

ag.func @list_stack_static() {
  %l = ag.list_new
  // expected-error @+1 {{'ag.list_stack' op result must be a tensor whose first dimension is dynamic (the number of elements), got 'tensor<2x3xf64>'}}
  %m = ag.list_stack %l : tensor<2x3xf64>
  ag.return
}

// -----

ag.func @list_stack_scalar() {
  %l = ag.list_new
  // expected-error @+1 {{'ag.list_stack' op result must be a tensor whose first dimension is dynamic (the number of elements), got 'tensor<f64>'}}
  %m = ag.list_stack %l : tensor<f64>
  ag.return
}

// -----

ag.func @list_push_list() {
  %l = ag.list_new
  // expected-error @+1 {{custom op 'ag.list_push' invalid kind of type specified}}
  %m = ag.list_push %l, %l : !ag.list
  ag.return
}

// -----

ag.func @dim_range(%a: tensor<2x3xf64>) {
  // expected-error @+1 {{'ag.dim' op dimension 2 is out of range for 'tensor<2x3xf64>'}}
  %n = ag.dim %a, 2 : tensor<2x3xf64>
  ag.return
}

// -----

ag.func @dim_negative(%a: tensor<2x3xf64>) {
  // expected-error @+1 {{'ag.dim' op dimension -1 is out of range for 'tensor<2x3xf64>'}}
  %n = ag.dim %a, -1 : tensor<2x3xf64>
  ag.return
}

// -----

ag.func @shift_of_float(%x: tensor<f32>) -> tensor<f32> {
  // expected-error @+1 {{operand #0 must be ranked tensor of 32-bit signless integer or 64-bit signless integer values}}
  %r = ag.shl %x, %x : tensor<f32>
  ag.return %r : tensor<f32>
}

// -----

ag.func @bitnot_of_bool(%x: tensor<i1>) -> tensor<i1> {
  // expected-error @+1 {{operand #0 must be ranked tensor of 32-bit signless integer or 64-bit signless integer values}}
  %r = ag.bitnot %x : tensor<i1>
  ag.return %r : tensor<i1>
}
