// Full reductions of the element loop's values are accumulators the loop
// carries, combined in the kernel's order (one pass over the elements), so
// native results equal the interpreter's bit for bit. A min or max of no
// elements faults: the interpreter re-runs and reports it.
// RUN: ag-opt %s --ag-lower-to-arith | FileCheck %s --check-prefix=IR
// RUN: ag-run %s --backend=native --feed "x=[1.5, -2.25, 3.0, 0.5]" --feed "y=[4, -9, 7, 2]" --feed "b=[true, false, true, true]" --stats 2>&1 | FileCheck %s --check-prefixes=CHECK,NATIVE
// RUN: ag-run %s --backend=interpreter --feed "x=[1.5, -2.25, 3.0, 0.5]" --feed "y=[4, -9, 7, 2]" --feed "b=[true, false, true, true]" | FileCheck %s
// RUN: not ag-run %s --backend=native --feed "x=[]" --feed "y=[]" --feed "b=[]" 2>&1 | FileCheck %s --check-prefix=EMPTY

// IR-LABEL: func.func @r(
// IR-SAME: ag.elementwise
// IR: scf.for %[[I:.*]] = %{{.*}} to %{{.*}} step %{{.*}} iter_args(%{{.*}} = %{{.*}}, %[[S:.*]] = %{{.*}}, %[[P:.*]] = %{{.*}}, %[[MN:.*]] = %{{.*}}, %{{.*}} = %{{.*}}, %{{.*}} = %{{.*}}, %{{.*}} = %{{.*}}, %{{.*}} = %{{.*}}, %{{.*}} = %{{.*}}) -> (i1, f64, f64, f64, f64, i64, i64, i1, i1)
// IR: arith.addf %[[S]], %{{.*}} : f64
// IR: arith.mulf %[[P]], %{{.*}} : f64
// IR: arith.select %{{.*}}, %{{.*}}, %[[MN]] : f64

// CHECK: result0 = 16.5625
// CHECK: result1 = -5.0625
// CHECK: result2 = -2.25
// CHECK: result3 = 3
// CHECK: result4 = 4
// CHECK: result5 = -9
// CHECK: result6 = true
// CHECK: result7 = false
// NATIVE: ops executed: 0,
// EMPTY: reductions.mlir:[[@LINE+9]]:9: error: min of an empty extent

ag.func @r(%x: tensor<?xf64> loc("x"), %y: tensor<?xi64> loc("y"),
           %b: tensor<?xi1> loc("b"))
    -> (tensor<f64>, tensor<f64>, tensor<f64>, tensor<f64>, tensor<i64>,
        tensor<i64>, tensor<i1>, tensor<i1>) {
  %x2 = ag.mul %x, %x : tensor<?xf64>
  %s = ag.reduce_sum %x2 : tensor<?xf64>
  %p = ag.reduce prod %x over [0] : tensor<?xf64>
  %mn = ag.reduce min %x over [0] : tensor<?xf64>
  %mx = ag.reduce max %x over [0] : tensor<?xf64>
  %ys = ag.reduce sum %y over [0] : tensor<?xi64>
  %ymin = ag.reduce min %y over [0] : tensor<?xi64>
  %any = ag.reduce any %b over [0] : tensor<?xi1>
  %all = ag.reduce all %b over [0] : tensor<?xi1>
  ag.return %s, %p, %mn, %mx, %ys, %ymin, %any, %all
      : tensor<f64>, tensor<f64>, tensor<f64>, tensor<f64>, tensor<i64>,
        tensor<i64>, tensor<i1>, tensor<i1>
}
