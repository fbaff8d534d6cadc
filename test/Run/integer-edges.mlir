// Integer edge values, the same on register code, the general evaluator
// (--verbose) and in the folder (docs/user-guide.md, "Integer edge cases"):
// neg/abs of INT64_MIN wrap to INT64_MIN like + - *; an ag.for whose next
// induction value would overflow ends (it is past any bound) instead of
// wrapping into another pass; a float outside the integer range (NaN, Inf,
// 1e300) cast to an integer is a located error (undefined in C++).
// RUN: split-file %s %t
// RUN: ag-run %t/edges.mlir --feed m=-9223372036854775808 --feed top=9223372036854775802 | FileCheck %s
// RUN: ag-run %t/edges.mlir --feed m=-9223372036854775808 --feed top=9223372036854775802 --verbose 2>/dev/null | FileCheck %s
// RUN: not ag-run %t/cast.mlir --feed x=nan 2>&1 | FileCheck %s --check-prefix=NAN
// RUN: not ag-run %t/cast.mlir --feed x=-inf 2>&1 | FileCheck %s --check-prefix=INF
// RUN: not ag-run %t/cast.mlir --feed x=1e300 2>&1 | FileCheck %s --check-prefix=BIG
// RUN: ag-run %t/cast.mlir --feed x=-9223372036854775808.0 | FileCheck %s --check-prefix=MIN

// CHECK: result0 = -9223372036854775808
// CHECK-NEXT: result1 = -9223372036854775808
// Iterations at top and top + 4; top + 8 would overflow: two, then stop.
// CHECK-NEXT: result2 = 2
// NAN: x.cpp:3:7: error: cannot cast nan to int64: it is outside the integer's range (undefined in C++)
// INF: x.cpp:3:7: error: cannot cast -inf to int64
// BIG: x.cpp:3:7: error: cannot cast 1e+300 to int64
// MIN: result0 = -9223372036854775808

//--- edges.mlir
ag.func @f(%m: tensor<i64> loc("m"), %top: tensor<i64> loc("top")) -> (tensor<i64>, tensor<i64>, tensor<i64>) {
  %zero = ag.constant dense<0> : tensor<i64>
  %one = ag.constant dense<1> : tensor<i64>
  %four = ag.constant dense<4> : tensor<i64>
  %max = ag.constant dense<9223372036854775807> : tensor<i64>
  %n = ag.neg %m : tensor<i64>
  %a = ag.abs %m : tensor<i64>
  %c = ag.for %i = %top to %max step %four iter_args(%k = %zero) -> (tensor<i64>) {
    %k1 = ag.add %k, %one : tensor<i64>
    ag.yield %k1 : tensor<i64>
  }
  ag.return %n, %a, %c : tensor<i64>, tensor<i64>, tensor<i64>
}
//--- cast.mlir
ag.func @f(%x: tensor<f64> loc("x")) -> tensor<i64> {
  %i = ag.cast %x : tensor<f64> to tensor<i64> loc("x.cpp":3:7)
  ag.return %i : tensor<i64>
}
