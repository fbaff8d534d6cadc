// RUN: ag-opt %s --ag-if-to-select --split-input-file | FileCheck %s
// RUN: ag-opt %s --ag-if-to-select=max-ops=1 --split-input-file | FileCheck %s --check-prefix=SMALL

// CHECK-LABEL: ag.func @pure_branches
// CHECK-SAME: (%[[C:.*]]: tensor<i1>, %[[X:.*]]: tensor<i64>, %[[Y:.*]]: tensor<i64>)
ag.func @pure_branches(%c: tensor<i1>, %x: tensor<i64>, %y: tensor<i64>) -> (tensor<i64>, tensor<i64>) {
  // Both regions run unconditionally; one select per result that differs.
  // CHECK-NOT: ag.if
  // CHECK: %[[S:.*]] = ag.add %[[X]], %[[Y]] : tensor<i64>
  // CHECK: %[[M:.*]] = ag.mul %[[X]], %[[S]] : tensor<i64>
  // CHECK: %[[D:.*]] = ag.sub %[[X]], %[[Y]] : tensor<i64>
  // CHECK: %[[R:.*]] = ag.select %[[C]], %[[M]], %[[D]] : tensor<i1>, tensor<i64>
  // CHECK: ag.return %[[R]], %[[X]]
  // SMALL-LABEL: ag.func @pure_branches
  // SMALL: ag.if
  %r:2 = ag.if %c -> (tensor<i64>, tensor<i64>) {
    %s = ag.add %x, %y : tensor<i64>
    %m = ag.mul %x, %s : tensor<i64>
    ag.yield %m, %x : tensor<i64>, tensor<i64>
  } else {
    %d = ag.sub %x, %y : tensor<i64>
    ag.yield %d, %x : tensor<i64>, tensor<i64>
  }
  ag.return %r#0, %r#1 : tensor<i64>, tensor<i64>
}

// -----

// `x != 0 && 10 / x > 2`: the division is guarded by the condition and must
// stay behind the branch.
// CHECK-LABEL: ag.func @guarded_division
ag.func @guarded_division(%x: tensor<i64>) -> tensor<i1> {
  %zero = ag.constant dense<0> : tensor<i64>
  %two = ag.constant dense<2> : tensor<i64>
  %ten = ag.constant dense<10> : tensor<i64>
  %nz = ag.cmp ne, %x, %zero : tensor<i64>
  // CHECK: ag.if
  // CHECK: ag.div
  // CHECK: } else {
  // CHECK-NOT: ag.select
  %r = ag.if %nz -> (tensor<i1>) {
    %q = ag.div %ten, %x : tensor<i64>
    %g = ag.cmp gt, %q, %two : tensor<i64>
    ag.yield %g : tensor<i1>
  } else {
    %f = ag.constant dense<false> : tensor<i1>
    ag.yield %f : tensor<i1>
  }
  ag.return %r : tensor<i1>
}

// -----

// A division by a constant that is neither 0 nor -1 cannot fail, and float
// division never does.
// CHECK-LABEL: ag.func @safe_division
ag.func @safe_division(%c: tensor<i1>, %x: tensor<i64>, %f: tensor<f32>) -> (tensor<i64>, tensor<f32>) {
  %two = ag.constant dense<2> : tensor<i64>
  // CHECK-NOT: ag.if
  // CHECK: ag.select
  // CHECK: ag.select
  %r:2 = ag.if %c -> (tensor<i64>, tensor<f32>) {
    %q = ag.div %x, %two : tensor<i64>
    ag.yield %q, %f : tensor<i64>, tensor<f32>
  } else {
    %g = ag.div %f, %f : tensor<f32>
    ag.yield %x, %g : tensor<i64>, tensor<f32>
  }
  ag.return %r#0, %r#1 : tensor<i64>, tensor<f32>
}

// -----

// An integer power with an exponent that may be negative fails when run: it
// stays behind the branch (the eager code never computes it when `c` is
// false).
// CHECK-LABEL: ag.func @guarded_integer_power
ag.func @guarded_integer_power(%c: tensor<i1>, %a: tensor<i64>, %b: tensor<i64>) -> tensor<i64> {
  %zero = ag.constant dense<0> : tensor<i64>
  // CHECK: ag.if
  // CHECK: ag.pow
  // CHECK-NOT: ag.select
  %r = ag.if %c -> (tensor<i64>) {
    %p = ag.pow %a, %b : tensor<i64>
    ag.yield %p : tensor<i64>
  } else {
    ag.yield %zero : tensor<i64>
  }
  ag.return %r : tensor<i64>
}

// -----

// A float power, or an integer one with a constant non-negative exponent,
// cannot fail.
// CHECK-LABEL: ag.func @safe_power
ag.func @safe_power(%c: tensor<i1>, %a: tensor<i64>, %f: tensor<f64>) -> (tensor<i64>, tensor<f64>) {
  %three = ag.constant dense<3> : tensor<i64>
  // CHECK-NOT: ag.if
  // CHECK: ag.select
  // CHECK: ag.select
  %r:2 = ag.if %c -> (tensor<i64>, tensor<f64>) {
    %p = ag.pow %a, %three : tensor<i64>
    ag.yield %p, %f : tensor<i64>, tensor<f64>
  } else {
    %g = ag.pow %f, %f : tensor<f64>
    ag.yield %a, %g : tensor<i64>, tensor<f64>
  }
  ag.return %r#0, %r#1 : tensor<i64>, tensor<f64>
}

// -----

// An index may be out of range: it stays guarded.
// CHECK-LABEL: ag.func @guarded_index
ag.func @guarded_index(%c: tensor<i1>, %v: tensor<3xf32>, %i: tensor<i64>, %d: tensor<f32>) -> tensor<f32> {
  // CHECK: ag.if
  %r = ag.if %c -> (tensor<f32>) {
    %e = ag.index %v[%i] : tensor<3xf32>
    ag.yield %e : tensor<f32>
  } else {
    ag.yield %d : tensor<f32>
  }
  ag.return %r : tensor<f32>
}

// -----

// Effects only run on the taken path.
// CHECK-LABEL: ag.func @effects
ag.func @effects(%c: tensor<i1>, %x: tensor<i64>) -> (tensor<i64>, !ag.token) {
  %t0 = ag.token
  // CHECK: ag.if
  // CHECK: ag.print
  %r:2 = ag.if %c -> (tensor<i64>, !ag.token) {
    %t1 = ag.print %t0, "{}", %x : tensor<i64>
    ag.yield %x, %t1 : tensor<i64>, !ag.token
  } else {
    ag.yield %x, %t0 : tensor<i64>, !ag.token
  }
  ag.return %r#0, %r#1 : tensor<i64>, !ag.token
}

// -----

// Nested ifs: the inner one becomes a select first, then the outer one.
// CHECK-LABEL: ag.func @nested
ag.func @nested(%c: tensor<i1>, %d: tensor<i1>, %x: tensor<i64>, %y: tensor<i64>) -> tensor<i64> {
  // CHECK-NOT: ag.if
  // CHECK: %[[IN:.*]] = ag.select %arg1, %{{.*}}, %arg3
  // CHECK: ag.select %arg0, %[[IN]], %arg3
  %r = ag.if %c -> (tensor<i64>) {
    %in = ag.if %d -> (tensor<i64>) {
      %s = ag.add %x, %y : tensor<i64>
      ag.yield %s : tensor<i64>
    } else {
      ag.yield %y : tensor<i64>
    }
    ag.yield %in : tensor<i64>
  } else {
    ag.yield %y : tensor<i64>
  }
  ag.return %r : tensor<i64>
}

// -----

// A nested loop is control flow the select cannot express.
// CHECK-LABEL: ag.func @nested_loop
ag.func @nested_loop(%c: tensor<i1>, %n: tensor<i64>) -> tensor<i64> {
  // CHECK: ag.if
  %r = ag.if %c -> (tensor<i64>) {
    %l = ag.for %i = %n to %n step %n iter_args(%a = %n) -> (tensor<i64>) {
      ag.yield %i : tensor<i64>
    }
    ag.yield %l : tensor<i64>
  } else {
    ag.yield %n : tensor<i64>
  }
  ag.return %r : tensor<i64>
}

// -----

// A branch that pushes onto a list stays an ag.if: ag.select takes tensors,
// and only the taken branch may grow the list.
// CHECK-LABEL: ag.func @list_branch
// CHECK: ag.if
// CHECK: ag.list_push
// CHECK-NOT: ag.select
// SMALL-LABEL: ag.func @list_branch
// SMALL: ag.if
ag.func @list_branch(%c: tensor<i1>, %x: tensor<i64>) -> tensor<?xi64> {
  %l0 = ag.list_new
  %l1 = ag.if %c -> (!ag.list) {
    %l2 = ag.list_push %l0, %x : tensor<i64>
    ag.yield %l2 : !ag.list
  } else {
    ag.yield %l0 : !ag.list
  }
  %m = ag.list_stack %l1 : tensor<?xi64>
  ag.return %m : tensor<?xi64>
}

// -----

// `if (ag::isfinite(x)) r = ag::cast(x, ag::Int64);`: a float-to-integer
// cast fails for NaN, an infinity or a value outside the integer's range,
// so it stays behind its guard; casts that cannot fail (to float, to i1,
// of a constant in range) are speculated.
// CHECK-LABEL: ag.func @guarded_cast
ag.func @guarded_cast(%c: tensor<i1>, %x: tensor<f64>, %i: tensor<i64>) -> (tensor<i64>, tensor<f32>) {
  // CHECK: ag.if
  // CHECK: ag.cast %{{.*}} : tensor<f64> to tensor<i64>
  %zero = ag.constant dense<0> : tensor<i64>
  %r = ag.if %c -> (tensor<i64>) {
    %n = ag.cast %x : tensor<f64> to tensor<i64>
    ag.yield %n : tensor<i64>
  } else {
    ag.yield %zero : tensor<i64>
  }
  // CHECK: ag.select
  %k = ag.constant dense<2.5e9> : tensor<f64>
  %s = ag.if %c -> (tensor<f32>) {
    %f = ag.cast %i : tensor<i64> to tensor<f32>
    %n = ag.cast %k : tensor<f64> to tensor<i64>
    %g = ag.cast %n : tensor<i64> to tensor<f32>
    %h = ag.add %f, %g : tensor<f32>
    ag.yield %h : tensor<f32>
  } else {
    %b = ag.cast %x : tensor<f64> to tensor<i1>
    %f = ag.cast %b : tensor<i1> to tensor<f32>
    ag.yield %f : tensor<f32>
  }
  ag.return %r, %s : tensor<i64>, tensor<f32>
}

// -----

// Results with a dynamic dimension stay an ag.if: the branches may give
// them different sizes when the graph runs (a variable a staged loop or
// branch resizes), and an elementwise select would then fail.
// CHECK-LABEL: ag.func @dynamic_shapes
// CHECK: ag.if
// CHECK-NOT: ag.select
// SMALL-LABEL: ag.func @dynamic_shapes
// SMALL: ag.if
ag.func @dynamic_shapes(%c: tensor<i1>, %x: tensor<2xi64>, %y: tensor<3xi64>) -> tensor<?xi64> {
  %r = ag.if %c -> (tensor<?xi64>) {
    %a = ag.cast %x : tensor<2xi64> to tensor<?xi64>
    ag.yield %a : tensor<?xi64>
  } else {
    %b = ag.cast %y : tensor<3xi64> to tensor<?xi64>
    ag.yield %b : tensor<?xi64>
  }
  ag.return %r : tensor<?xi64>
}
