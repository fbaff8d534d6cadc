// RUN: ag-opt %s --split-input-file | ag-opt --split-input-file | FileCheck %s --check-prefix=PRINT
// RUN: ag-opt %s --canonicalize --split-input-file | FileCheck %s --check-prefix=FOLD

// The elementwise ops of issue 13 round-trip, and fold through the same
// ag::sem definitions as the kernels (ag/semantics/ElementOps.h).

// PRINT-LABEL: ag.func @round_trip
// PRINT: ag.shl %arg0, %arg1 : tensor<3xi64>, tensor<i64>
// PRINT: ag.shr %arg0, %arg1 : tensor<3xi64>, tensor<i64>
// PRINT: ag.and %arg0, %arg0 : tensor<3xi64>
// PRINT: ag.bitnot %arg0 : tensor<3xi64>
// PRINT: ag.ceil %arg2 : tensor<3xf32>
// PRINT: ag.round %arg2 : tensor<3xf32>
// PRINT: ag.sin %arg2 : tensor<3xf32>
// PRINT: ag.cos %arg2 : tensor<3xf32>
// PRINT: ag.sigmoid %arg2 : tensor<3xf32>
// PRINT: ag.sign %arg0 : tensor<3xi64>
// PRINT: ag.isnan %arg2 : tensor<3xf32>
// PRINT: ag.isfinite %arg2 : tensor<3xf32>
ag.func @round_trip(%x: tensor<3xi64>, %k: tensor<i64>, %f: tensor<3xf32>) -> (tensor<3xi64>, tensor<3xi64>, tensor<3xi64>, tensor<3xi64>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xi64>, tensor<3xi1>, tensor<3xi1>) {
  %0 = ag.shl %x, %k : tensor<3xi64>, tensor<i64>
  %1 = ag.shr %x, %k : tensor<3xi64>, tensor<i64>
  %2 = ag.and %x, %x : tensor<3xi64>
  %3 = ag.bitnot %x : tensor<3xi64>
  %4 = ag.ceil %f : tensor<3xf32>
  %5 = ag.round %f : tensor<3xf32>
  %6 = ag.sin %f : tensor<3xf32>
  %7 = ag.cos %f : tensor<3xf32>
  %8 = ag.sigmoid %f : tensor<3xf32>
  %9 = ag.sign %x : tensor<3xi64>
  %10 = ag.isnan %f : tensor<3xf32>
  %11 = ag.isfinite %f : tensor<3xf32>
  ag.return %0, %1, %2, %3, %4, %5, %6, %7, %8, %9, %10, %11 : tensor<3xi64>, tensor<3xi64>, tensor<3xi64>, tensor<3xi64>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xi64>, tensor<3xi1>, tensor<3xi1>
}

// -----

// FOLD-LABEL: ag.func @fold_integer
ag.func @fold_integer() -> (tensor<i32>, tensor<i32>, tensor<i32>, tensor<i32>, tensor<i32>, tensor<i32>, tensor<i32>, tensor<i64>) {
  %a = ag.constant dense<-12> : tensor<i32>
  %b = ag.constant dense<10> : tensor<i32>
  %two = ag.constant dense<2> : tensor<i32>
  %one = ag.constant dense<1> : tensor<i32>
  %min = ag.constant dense<-2147483648> : tensor<i32>
  %and = ag.and %a, %b : tensor<i32>
  %or = ag.or %a, %b : tensor<i32>
  %xor = ag.xor %a, %b : tensor<i32>
  // >> is arithmetic; << wraps.
  %shr = ag.shr %a, %two : tensor<i32>
  %shl = ag.shl %min, %one : tensor<i32>
  %not = ag.bitnot %a : tensor<i32>
  %sign = ag.sign %a : tensor<i32>
  // Integer powers fold like the kernel (wrapping).
  %base = ag.constant dense<3> : tensor<i64>
  %exp = ag.constant dense<41> : tensor<i64>
  %pow = ag.pow %base, %exp : tensor<i64>
  // Equal constants are uniqued: and = shl = 0, or = xor = -2.
  // FOLD-DAG: %[[ZERO:.*]] = ag.constant dense<0> : tensor<i32>
  // FOLD-DAG: %[[M2:.*]] = ag.constant dense<-2> : tensor<i32>
  // FOLD-DAG: %[[SHR:.*]] = ag.constant dense<-3> : tensor<i32>
  // FOLD-DAG: %[[NOT:.*]] = ag.constant dense<11> : tensor<i32>
  // FOLD-DAG: %[[SIGN:.*]] = ag.constant dense<-1> : tensor<i32>
  // FOLD-DAG: %[[POW:.*]] = ag.constant dense<-420491770248316829> : tensor<i64>
  // FOLD: ag.return %[[ZERO]], %[[M2]], %[[M2]], %[[SHR]], %[[ZERO]], %[[NOT]], %[[SIGN]], %[[POW]]
  ag.return %and, %or, %xor, %shr, %shl, %not, %sign, %pow : tensor<i32>, tensor<i32>, tensor<i32>, tensor<i32>, tensor<i32>, tensor<i32>, tensor<i32>, tensor<i64>
}

// -----

// A shift count out of range, and a negative integer exponent, are errors
// at run time: never folded.
// FOLD-LABEL: ag.func @no_fold_errors
ag.func @no_fold_errors() -> (tensor<i64>, tensor<i64>, tensor<i64>) {
  %x = ag.constant dense<1> : tensor<i64>
  %big = ag.constant dense<64> : tensor<i64>
  %neg = ag.constant dense<-1> : tensor<i64>
  // FOLD: ag.shl
  %a = ag.shl %x, %big : tensor<i64>
  // FOLD: ag.shr
  %b = ag.shr %x, %neg : tensor<i64>
  // FOLD: ag.pow
  %c = ag.pow %x, %neg : tensor<i64>
  ag.return %a, %b, %c : tensor<i64>, tensor<i64>, tensor<i64>
}

// -----

// FOLD-LABEL: ag.func @fold_float
ag.func @fold_float() -> (tensor<3xf64>, tensor<3xf64>, tensor<3xf64>, tensor<3xi1>, tensor<3xi1>, tensor<f64>, tensor<f64>, tensor<f64>) {
  %v = ag.constant dense<[-2.5, 0x7FF8000000000000, 0x7FF0000000000000]> : tensor<3xf64>
  %ceil = ag.ceil %v : tensor<3xf64>
  %round = ag.round %v : tensor<3xf64>
  %sign = ag.sign %v : tensor<3xf64>
  %nan = ag.isnan %v : tensor<3xf64>
  %fin = ag.isfinite %v : tensor<3xf64>
  %zero = ag.constant dense<0.0> : tensor<f64>
  %sin = ag.sin %zero : tensor<f64>
  %cos = ag.cos %zero : tensor<f64>
  %sig = ag.sigmoid %zero : tensor<f64>
  // FOLD-DAG: %[[CEIL:.*]] = ag.constant dense<[-2.000000e+00, 0x7FF8000000000000, 0x7FF0000000000000]> : tensor<3xf64>
  // FOLD-DAG: %[[ROUND:.*]] = ag.constant dense<[-3.000000e+00, 0x7FF8000000000000, 0x7FF0000000000000]> : tensor<3xf64>
  // FOLD-DAG: %[[SIGN:.*]] = ag.constant dense<[-1.000000e+00, 0x7FF8000000000000, 1.000000e+00]> : tensor<3xf64>
  // FOLD-DAG: %[[NAN:.*]] = ag.constant dense<[false, true, false]> : tensor<3xi1>
  // FOLD-DAG: %[[FIN:.*]] = ag.constant dense<[true, false, false]> : tensor<3xi1>
  // FOLD-DAG: %[[ZERO:.*]] = ag.constant dense<0.000000e+00> : tensor<f64>
  // FOLD-DAG: %[[ONE:.*]] = ag.constant dense<1.000000e+00> : tensor<f64>
  // FOLD-DAG: %[[HALF:.*]] = ag.constant dense<5.000000e-01> : tensor<f64>
  // FOLD: ag.return %[[CEIL]], %[[ROUND]], %[[SIGN]], %[[NAN]], %[[FIN]], %[[ZERO]], %[[ONE]], %[[HALF]]
  ag.return %ceil, %round, %sign, %nan, %fin, %sin, %cos, %sig : tensor<3xf64>, tensor<3xf64>, tensor<3xf64>, tensor<3xi1>, tensor<3xi1>, tensor<f64>, tensor<f64>, tensor<f64>
}
