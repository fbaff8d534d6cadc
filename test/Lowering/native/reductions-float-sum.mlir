// A float sum or mean over every element adds the first n - n % 8 elements
// into eight partial sums and the rest one by one, as the kernel does
// (sumContiguous): a first loop takes eight elements per iteration, the
// partial sums are combined ((p0 + p1) + (p2 + p3)) + ((p4 + p5) + (p6 + p7)),
// and the element loop adds the tail. The feeds make the order visible: a
// plain left-to-right sum of the first x gives 2, the kernel's order 8
// (of the sixteen: 169.3 and 0).
// RUN: ag-opt %s --ag-lower-to-arith | FileCheck %s --check-prefix=IR
// RUN: ag-run %s --backend=native --feed "x=[1e16, 1, 1, 1, 1, 1, 1, 1, -1e16, 1, 1]" --stats 2>&1 | FileCheck %s --check-prefixes=CHECK,NATIVE --implicit-check-not=failed
// RUN: ag-run %s --backend=interpreter --feed "x=[1e16, 1, 1, 1, 1, 1, 1, 1, -1e16, 1, 1]" | FileCheck %s
// RUN: ag-run %s --backend=native --feed "x=[0.1, 0.2, 0.3]" --stats 2>&1 | FileCheck %s --check-prefixes=SHORT,NATIVE
// RUN: ag-run %s --backend=interpreter --feed "x=[0.1, 0.2, 0.3]" | FileCheck %s --check-prefix=SHORT
// RUN: ag-run %s --backend=native --feed "x=[0.1, 0.7, 1e20, 3, 5, 7, 11, -1e20, 13, 17, 19, 23, 29, 31, 37, 0.3]" --stats 2>&1 | FileCheck %s --check-prefixes=EIGHT,NATIVE
// RUN: ag-run %s --backend=interpreter --feed "x=[0.1, 0.7, 1e20, 3, 5, 7, 11, -1e20, 13, 17, 19, 23, 29, 31, 37, 0.3]" | FileCheck %s --check-prefix=EIGHT
// RUN: ag-run %s --backend=native --feed "x=[]" --stats 2>&1 | FileCheck %s --check-prefixes=EMPTY,NATIVE
// RUN: ag-run %s --backend=interpreter --feed "x=[]" | FileCheck %s --check-prefix=EMPTY

// IR-LABEL: func.func @s(
// IR: %[[END:.*]] = arith.andi %{{.*}}, %c-8_i64 : i64
// IR: scf.for %{{.*}} = %{{.*}} to %[[END]] step %c8_i64 iter_args({{.*}}) -> (i1, f64, f64, f64, f64, f64, f64, f64, f64, f64, f64, f64, f64, f64, f64, f64, f64, f32, f32, f32, f32, f32, f32, f32, f32)
// IR: scf.for %{{.*}} = %[[END]] to %{{.*}} step %c1_i64 iter_args({{.*}}) -> (i1, f64, f64, f32)
// IR: arith.divf

// CHECK: result0 = 8
// CHECK: result1 = 0.7272727272727273
// CHECK: result2 = 2
// SHORT: result0 = 0.6000000000000001
// SHORT: result1 = 0.20000000000000004
// SHORT: result2 = 0.6
// EIGHT: result0 = 0{{$}}
// EIGHT: result1 = 0{{$}}
// EIGHT: result2 = 0{{$}}
// EMPTY: result0 = 0
// EMPTY: result1 = nan
// EMPTY: result2 = 0
// NATIVE: ops executed: 0,

ag.func @s(%x: tensor<?xf64> loc("x")) -> (tensor<f64>, tensor<f64>, tensor<f32>) {
  %sum = ag.reduce sum %x over [0] : tensor<?xf64>
  %mean = ag.reduce mean %x over [0] : tensor<?xf64>
  %x32 = ag.cast %x : tensor<?xf64> to tensor<?xf32>
  %sum32 = ag.reduce sum %x32 over [0] : tensor<?xf32>
  ag.return %sum, %mean, %sum32 : tensor<f64>, tensor<f64>, tensor<f32>
}
