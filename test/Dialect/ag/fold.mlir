// RUN: ag-opt %s --canonicalize --split-input-file | FileCheck %s

// Constant folding follows C++ semantics per element type, and leaves
// anything that fails or is undefined at run time to the runtime.

// CHECK-LABEL: ag.func @integer_arith
ag.func @integer_arith() -> (tensor<i64>, tensor<i64>, tensor<i64>, tensor<i64>, tensor<i64>, tensor<i64>, tensor<i64>, tensor<i32>) {
  %a = ag.constant dense<7> : tensor<i64>
  %b = ag.constant dense<-2> : tensor<i64>
  %add = ag.add %a, %b : tensor<i64>
  %sub = ag.sub %a, %b : tensor<i64>
  %mul = ag.mul %a, %b : tensor<i64>
  // Truncation toward zero: 7 / -2 == -3, 7 % -2 == 1, -7 % 2 == -1.
  %div = ag.div %a, %b : tensor<i64>
  %rem = ag.rem %a, %b : tensor<i64>
  %na = ag.neg %a : tensor<i64>
  %two = ag.constant dense<2> : tensor<i64>
  %rem2 = ag.rem %na, %two : tensor<i64>
  %min = ag.min %a, %b : tensor<i64>
  // Wrap-around, as the hardware does: INT32_MAX + 1.
  %max32 = ag.constant dense<2147483647> : tensor<i32>
  %one32 = ag.constant dense<1> : tensor<i32>
  %wrap = ag.add %max32, %one32 : tensor<i32>
  // CHECK-DAG: %[[ADD:.*]] = ag.constant dense<5> : tensor<i64>
  // CHECK-DAG: %[[SUB:.*]] = ag.constant dense<9> : tensor<i64>
  // CHECK-DAG: %[[MUL:.*]] = ag.constant dense<-14> : tensor<i64>
  // CHECK-DAG: %[[DIV:.*]] = ag.constant dense<-3> : tensor<i64>
  // CHECK-DAG: %[[REM:.*]] = ag.constant dense<1> : tensor<i64>
  // CHECK-DAG: %[[REM2:.*]] = ag.constant dense<-1> : tensor<i64>
  // CHECK-DAG: %[[MIN:.*]] = ag.constant dense<-2> : tensor<i64>
  // CHECK-DAG: %[[WRAP:.*]] = ag.constant dense<-2147483648> : tensor<i32>
  // CHECK: ag.return %[[ADD]], %[[SUB]], %[[MUL]], %[[DIV]], %[[REM]], %[[REM2]], %[[MIN]], %[[WRAP]]
  ag.return %add, %sub, %mul, %div, %rem, %rem2, %min, %wrap : tensor<i64>, tensor<i64>, tensor<i64>, tensor<i64>, tensor<i64>, tensor<i64>, tensor<i64>, tensor<i32>
}

// -----

// CHECK-LABEL: ag.func @no_fold_runtime_errors
ag.func @no_fold_runtime_errors(%x: tensor<i64>) -> (tensor<i64>, tensor<i64>, tensor<i32>, tensor<i64>, tensor<i32>) {
  %a = ag.constant dense<7> : tensor<i64>
  %z = ag.constant dense<0> : tensor<i64>
  // CHECK: ag.div %{{.*}}, %{{.*}} : tensor<i64>
  %div = ag.div %a, %z : tensor<i64>
  // CHECK: ag.rem %{{.*}}, %{{.*}} : tensor<i64>
  %rem = ag.rem %a, %z : tensor<i64>
  %min = ag.constant dense<-2147483648> : tensor<i32>
  %m1 = ag.constant dense<-1> : tensor<i32>
  // INT_MIN / -1 overflows: a run-time error, not a constant.
  // CHECK: ag.div %{{.*}}, %{{.*}} : tensor<i32>
  %ov = ag.div %min, %m1 : tensor<i32>
  // A negative integer exponent is a run-time error (7 ** -1 is no integer).
  %neg = ag.constant dense<-1> : tensor<i64>
  // CHECK: ag.pow %{{.*}}, %{{.*}} : tensor<i64>
  %pow = ag.pow %a, %neg : tensor<i64>
  // A float outside the int32 range has no C++ conversion.
  %big = ag.constant dense<3.0e10> : tensor<f64>
  // CHECK: ag.cast %{{.*}} : tensor<f64> to tensor<i32>
  %cast = ag.cast %big : tensor<f64> to tensor<i32>
  ag.return %div, %rem, %ov, %pow, %cast : tensor<i64>, tensor<i64>, tensor<i32>, tensor<i64>, tensor<i32>
}

// -----

// CHECK-LABEL: ag.func @float_arith
ag.func @float_arith() -> (tensor<3xf32>, tensor<3xf32>, tensor<f64>, tensor<f64>, tensor<f64>, tensor<f64>) {
  %v = ag.constant dense<[1.0, 2.5, -1.0]> : tensor<3xf32>
  %s = ag.constant dense<2.0> : tensor<f32>
  // The 0-d operand broadcasts.
  %mul = ag.mul %v, %s : tensor<3xf32>, tensor<f32>
  %sub = ag.sub %s, %v : tensor<f32>, tensor<3xf32>
  %x = ag.constant dense<-7.5> : tensor<f64>
  %y = ag.constant dense<2.0> : tensor<f64>
  // fmod keeps the dividend's sign.
  %rem = ag.rem %x, %y : tensor<f64>
  %pow = ag.pow %y, %y : tensor<f64>
  %zero = ag.constant dense<0.0> : tensor<f64>
  // IEEE: 1 / 0 is +inf.
  %inf = ag.div %y, %zero : tensor<f64>
  %max = ag.max %x, %y : tensor<f64>
  // CHECK-DAG: %[[MUL:.*]] = ag.constant dense<[2.000000e+00, 5.000000e+00, -2.000000e+00]> : tensor<3xf32>
  // CHECK-DAG: %[[SUB:.*]] = ag.constant dense<[1.000000e+00, -5.000000e-01, 3.000000e+00]> : tensor<3xf32>
  // CHECK-DAG: %[[REM:.*]] = ag.constant dense<-1.500000e+00> : tensor<f64>
  // CHECK-DAG: %[[POW:.*]] = ag.constant dense<4.000000e+00> : tensor<f64>
  // CHECK-DAG: %[[INF:.*]] = ag.constant dense<0x7FF0000000000000> : tensor<f64>
  // CHECK-DAG: %[[MAX:.*]] = ag.constant dense<2.000000e+00> : tensor<f64>
  // CHECK: ag.return %[[MUL]], %[[SUB]], %[[REM]], %[[POW]], %[[INF]], %[[MAX]]
  ag.return %mul, %sub, %rem, %pow, %inf, %max : tensor<3xf32>, tensor<3xf32>, tensor<f64>, tensor<f64>, tensor<f64>, tensor<f64>
}

// -----

// CHECK-LABEL: ag.func @compare_and_logic
ag.func @compare_and_logic() -> (tensor<3xi1>, tensor<i1>, tensor<i1>, tensor<i1>, tensor<i1>, tensor<i1>) {
  %v = ag.constant dense<[1, 2, 3]> : tensor<3xi64>
  %two = ag.constant dense<2> : tensor<i64>
  %ge = ag.cmp ge, %v, %two : tensor<3xi64>, tensor<i64>
  %nan = ag.constant dense<0x7FC00000> : tensor<f32>
  // Comparisons with NaN are false, except ne.
  %eqnan = ag.cmp eq, %nan, %nan : tensor<f32>
  %nenan = ag.cmp ne, %nan, %nan : tensor<f32>
  %t = ag.constant dense<true> : tensor<i1>
  %f = ag.constant dense<false> : tensor<i1>
  %and = ag.and %t, %f : tensor<i1>
  %or = ag.or %t, %f : tensor<i1>
  %xor = ag.xor %t, %t : tensor<i1>
  // CHECK-DAG: %[[GE:.*]] = ag.constant dense<[false, true, true]> : tensor<3xi1>
  // CHECK-DAG: %[[F:.*]] = ag.constant dense<false> : tensor<i1>
  // CHECK-DAG: %[[T:.*]] = ag.constant dense<true> : tensor<i1>
  // CHECK: ag.return %[[GE]], %[[F]], %[[T]], %[[F]], %[[T]], %[[F]]
  ag.return %ge, %eqnan, %nenan, %and, %or, %xor : tensor<3xi1>, tensor<i1>, tensor<i1>, tensor<i1>, tensor<i1>, tensor<i1>
}

// -----

// CHECK-LABEL: ag.func @unary
ag.func @unary() -> (tensor<i64>, tensor<i64>, tensor<f64>, tensor<f64>, tensor<f64>, tensor<f64>, tensor<f64>, tensor<i1>) {
  %a = ag.constant dense<-5> : tensor<i64>
  %neg = ag.neg %a : tensor<i64>
  %abs = ag.abs %a : tensor<i64>
  %x = ag.constant dense<4.0> : tensor<f64>
  %sqrt = ag.sqrt %x : tensor<f64>
  %zero = ag.constant dense<0.0> : tensor<f64>
  %exp = ag.exp %zero : tensor<f64>
  %log = ag.log %x : tensor<f64>
  %tanh = ag.tanh %zero : tensor<f64>
  %y = ag.constant dense<-2.5> : tensor<f64>
  %floor = ag.floor %y : tensor<f64>
  %t = ag.constant dense<true> : tensor<i1>
  %not = ag.not %t : tensor<i1>
  // CHECK-DAG: %[[FIVE:.*]] = ag.constant dense<5> : tensor<i64>
  // CHECK-DAG: %[[SQRT:.*]] = ag.constant dense<2.000000e+00> : tensor<f64>
  // CHECK-DAG: %[[EXP:.*]] = ag.constant dense<1.000000e+00> : tensor<f64>
  // CHECK-DAG: %[[LOG:.*]] = ag.constant dense<1.3862943611198906> : tensor<f64>
  // CHECK-DAG: %[[TANH:.*]] = ag.constant dense<0.000000e+00> : tensor<f64>
  // CHECK-DAG: %[[FLOOR:.*]] = ag.constant dense<-3.000000e+00> : tensor<f64>
  // CHECK-DAG: %[[NOT:.*]] = ag.constant dense<false> : tensor<i1>
  // CHECK: ag.return %[[FIVE]], %[[FIVE]], %[[SQRT]], %[[EXP]], %[[LOG]], %[[TANH]], %[[FLOOR]], %[[NOT]]
  ag.return %neg, %abs, %sqrt, %exp, %log, %tanh, %floor, %not : tensor<i64>, tensor<i64>, tensor<f64>, tensor<f64>, tensor<f64>, tensor<f64>, tensor<f64>, tensor<i1>
}

// -----

// CHECK-LABEL: ag.func @casts
ag.func @casts() -> (tensor<2xi32>, tensor<3xi1>, tensor<f32>, tensor<i64>) {
  %f = ag.constant dense<[2.9, -2.9]> : tensor<2xf64>
  // Truncation toward zero.
  %i = ag.cast %f : tensor<2xf64> to tensor<2xi32>
  %v = ag.constant dense<[0, 3, -1]> : tensor<3xi64>
  // To i1 means != 0.
  %b = ag.cast %v : tensor<3xi64> to tensor<3xi1>
  %t = ag.constant dense<true> : tensor<i1>
  %one = ag.cast %t : tensor<i1> to tensor<f32>
  %big = ag.constant dense<4294967297> : tensor<i64>
  %same = ag.cast %big : tensor<i64> to tensor<i64>
  // CHECK-DAG: %[[I:.*]] = ag.constant dense<[2, -2]> : tensor<2xi32>
  // CHECK-DAG: %[[B:.*]] = ag.constant dense<[false, true, true]> : tensor<3xi1>
  // CHECK-DAG: %[[ONE:.*]] = ag.constant dense<1.000000e+00> : tensor<f32>
  // CHECK-DAG: %[[BIG:.*]] = ag.constant dense<4294967297> : tensor<i64>
  // CHECK: ag.return %[[I]], %[[B]], %[[ONE]], %[[BIG]]
  ag.return %i, %b, %one, %same : tensor<2xi32>, tensor<3xi1>, tensor<f32>, tensor<i64>
}

// -----

// CHECK-LABEL: ag.func @select_and_shapes
ag.func @select_and_shapes(%x: tensor<3xf32>, %y: tensor<3xf32>) -> (tensor<3xf32>, tensor<3xi64>, tensor<2x3xf32>, tensor<2xi64>, tensor<i64>, tensor<2x2xi64>, tensor<i64>, tensor<2xi64>) {
  %t = ag.constant dense<true> : tensor<i1>
  // A constant condition picks a value.
  %s = ag.select %t, %x, %y : tensor<i1>, tensor<3xf32>
  %mask = ag.constant dense<[true, false, true]> : tensor<3xi1>
  %a = ag.constant dense<[1, 2, 3]> : tensor<3xi64>
  %b = ag.constant dense<[10, 20, 30]> : tensor<3xi64>
  %pick = ag.select %mask, %a, %b : tensor<3xi1>, tensor<3xi64>
  %h = ag.constant dense<0.5> : tensor<f32>
  %bc = ag.broadcast %h : tensor<f32> to tensor<2x3xf32>
  %m = ag.constant dense<[[1, 2], [3, 4]]> : tensor<2x2xi64>
  %one = ag.constant dense<1> : tensor<i64>
  %row = ag.index %m[%one] : tensor<2x2xi64>
  %sum = ag.reduce_sum %m : tensor<2x2xi64>
  %st = ag.stack %row, %row : tensor<2xi64>
  // Out of range: the runtime reports it.
  %five = ag.constant dense<5> : tensor<i64>
  %oob = ag.index %a[%five] : tensor<3xi64>
  %fv = ag.constant dense<[1.0, 2.0]> : tensor<2xf64>
  // CHECK-DAG: %[[PICK:.*]] = ag.constant dense<[1, 20, 3]> : tensor<3xi64>
  // CHECK-DAG: %[[BC:.*]] = ag.constant dense<5.000000e-01> : tensor<2x3xf32>
  // CHECK-DAG: %[[ROW:.*]] = ag.constant dense<[3, 4]> : tensor<2xi64>
  // CHECK-DAG: %[[SUM:.*]] = ag.constant dense<10> : tensor<i64>
  // CHECK-DAG: %[[ST:.*]] = ag.constant dense<{{\[\[}}3, 4], [3, 4]]> : tensor<2x2xi64>
  // CHECK-DAG: %[[OOB:.*]] = ag.index %{{.*}}[%{{.*}}] : tensor<3xi64>
  // CHECK: ag.return %arg0, %[[PICK]], %[[BC]], %[[ROW]], %[[SUM]], %[[ST]], %[[OOB]], %[[ROW]]
  ag.return %s, %pick, %bc, %row, %sum, %st, %oob, %row : tensor<3xf32>, tensor<3xi64>, tensor<2x3xf32>, tensor<2xi64>, tensor<i64>, tensor<2x2xi64>, tensor<i64>, tensor<2xi64>
}

// -----

// Algebraic identities that keep the operand's type.
// CHECK-LABEL: ag.func @identities
// CHECK-SAME: (%[[X:.*]]: tensor<3xi64>, %[[F:.*]]: tensor<f32>, %[[P:.*]]: tensor<i1>, %[[C:.*]]: tensor<i1>, %[[V:.*]]: tensor<3xf32>)
ag.func @identities(%x: tensor<3xi64>, %f: tensor<f32>, %p: tensor<i1>, %c: tensor<i1>, %v: tensor<3xf32>) -> (tensor<3xi64>, tensor<3xi64>, tensor<f32>, tensor<f32>, tensor<i1>, tensor<i1>, tensor<i1>, tensor<3xi64>, tensor<i1>, tensor<f32>, tensor<3xf32>) {
  %zero = ag.constant dense<0> : tensor<i64>
  %one = ag.constant dense<1> : tensor<i64>
  %fone = ag.constant dense<1.0> : tensor<f32>
  %fzero = ag.constant dense<0.0> : tensor<f32>
  %t = ag.constant dense<true> : tensor<i1>
  %add0 = ag.add %x, %zero : tensor<3xi64>, tensor<i64>
  %mul1 = ag.mul %x, %one : tensor<3xi64>, tensor<i64>
  %div1 = ag.div %f, %fone : tensor<f32>
  %sub0 = ag.sub %f, %fzero : tensor<f32>
  %and = ag.and %p, %t : tensor<i1>
  %or = ag.or %p, %t : tensor<i1>
  %notnot0 = ag.not %p : tensor<i1>
  %notnot = ag.not %notnot0 : tensor<i1>
  %negneg0 = ag.neg %x : tensor<3xi64>
  %negneg = ag.neg %negneg0 : tensor<3xi64>
  %same = ag.select %c, %p, %p : tensor<i1>, tensor<i1>
  // x + 0.0 is not x for x = -0.0: kept.
  // CHECK: %[[FADD:.*]] = ag.add %[[F]], %{{.*}} : tensor<f32>
  %fadd = ag.add %f, %fzero : tensor<f32>
  // Broadcasting the 0-d x to a vector is not the identity: kept.
  %ones = ag.constant dense<1.0> : tensor<3xf32>
  // CHECK: %[[BC:.*]] = ag.mul %[[F]], %{{.*}} : tensor<f32>, tensor<3xf32>
  %bcast = ag.mul %f, %ones : tensor<f32>, tensor<3xf32>
  // CHECK: ag.return %[[X]], %[[X]], %[[F]], %[[F]], %[[P]], %{{.*}}, %[[P]], %[[X]], %[[P]], %[[FADD]], %[[BC]]
  ag.return %add0, %mul1, %div1, %sub0, %and, %or, %notnot, %negneg, %same, %fadd, %bcast : tensor<3xi64>, tensor<3xi64>, tensor<f32>, tensor<f32>, tensor<i1>, tensor<i1>, tensor<i1>, tensor<3xi64>, tensor<i1>, tensor<f32>, tensor<3xf32>
}

// -----

// CHECK-LABEL: ag.func @assert_true
ag.func @assert_true(%c: tensor<i1>) -> !ag.token {
  %t0 = ag.token
  %true = ag.constant dense<true> : tensor<i1>
  // CHECK-NOT: ag.assert %{{.*}}, %{{.*}}, "always"
  %t1 = ag.assert %t0, %true, "always"
  // CHECK: ag.assert %{{.*}}, %{{.*}}, "maybe"
  %t2 = ag.assert %t1, %c, "maybe"
  ag.return %t2 : !ag.token
}

// -----

// min/max are std::min/std::max (a NaN is the result only as the first
// operand), and abs wraps at INT_MIN, as the runtime kernels do.
// CHECK-LABEL: ag.func @like_the_kernels
ag.func @like_the_kernels() -> (tensor<f32>, tensor<f32>, tensor<i32>) {
  %nan = ag.constant dense<0x7FC00000> : tensor<f32>
  %one = ag.constant dense<1.0> : tensor<f32>
  %min = ag.min %one, %nan : tensor<f32>
  %max = ag.max %nan, %one : tensor<f32>
  %int_min = ag.constant dense<-2147483648> : tensor<i32>
  %abs = ag.abs %int_min : tensor<i32>
  // CHECK-DAG: %[[ONE:.*]] = ag.constant dense<1.000000e+00> : tensor<f32>
  // CHECK-DAG: %[[NAN:.*]] = ag.constant dense<0x7FC00000> : tensor<f32>
  // CHECK-DAG: %[[ABS:.*]] = ag.constant dense<-2147483648> : tensor<i32>
  // CHECK: ag.return %[[ONE]], %[[NAN]], %[[ABS]]
  ag.return %min, %max, %abs : tensor<f32>, tensor<f32>, tensor<i32>
}
