// RUN: ag-opt %s --ag-lower-to-arith --split-input-file --verify-diagnostics | FileCheck %s

// Elementwise ops on tensors of one shape become one loop over the
// elements (the chain fused): a pointer per ranked parameter and result,
// the element count last. 0-d ops run before the loop, in order.
// CHECK-LABEL: func.func @chain(%arg0: !llvm.ptr, %arg1: f64, %arg2: !llvm.ptr, %arg3: i64) -> i1
// CHECK-SAME: ag.elementwise
// CHECK: %[[K:.*]] = arith.constant 1.5
// CHECK: %[[S:.*]] = arith.mulf %arg1, %arg1 : f64
// CHECK: %[[LOOP:.*]] = scf.for %[[I:.*]] = %{{.*}} to %arg3 step %{{.*}} iter_args(%[[F:.*]] = %{{.*}}) -> (i1) : i64 {
// CHECK-NEXT: %[[P:.*]] = llvm.getelementptr %arg0[%[[I]]] : (!llvm.ptr, i64) -> !llvm.ptr, f64
// CHECK-NEXT: %[[X:.*]] = llvm.load %[[P]] : !llvm.ptr -> f64
// CHECK-NEXT: %[[A:.*]] = arith.mulf %[[X]], %[[K]] : f64
// CHECK-NEXT: %[[B:.*]] = arith.addf %[[A]], %[[S]] : f64
// CHECK-NEXT: %[[C:.*]] = arith.divf %[[B]], %[[X]] : f64
// CHECK-NEXT: %[[Q:.*]] = llvm.getelementptr %arg2[%[[I]]] : (!llvm.ptr, i64) -> !llvm.ptr, f64
// CHECK-NEXT: llvm.store %[[C]], %[[Q]] : f64, !llvm.ptr
// CHECK-NEXT: scf.yield %[[F]] : i1
// CHECK: return %[[LOOP]] : i1
ag.func @chain(%x: tensor<?xf64>, %s: tensor<f64>) -> tensor<?xf64> {
  %k = ag.constant dense<1.5> : tensor<f64>
  %s2 = ag.mul %s, %s : tensor<f64>
  %a = ag.mul %x, %k : tensor<?xf64>, tensor<f64>
  %b = ag.add %a, %s2 : tensor<?xf64>, tensor<f64>
  %c = ag.div %b, %x : tensor<?xf64>
  ag.return %c : tensor<?xf64>
}

// -----

// Integer division faults per element (the flag is or-ed over the loop);
// bools are bytes in memory; a 0-d result comes back as a value.
// CHECK-LABEL: func.func @ints(%arg0: !llvm.ptr, %arg1: !llvm.ptr, %arg2: i64, %arg3: !llvm.ptr, %arg4: i64) -> (i64, i1)
// CHECK: scf.for
// CHECK: llvm.load %{{.*}} : !llvm.ptr -> i64
// CHECK: llvm.load %{{.*}} : !llvm.ptr -> i64
// CHECK: arith.constant 1 : i64
// CHECK: arith.addi
// CHECK: arith.divsi
// CHECK: arith.cmpi slt
// CHECK: arith.extui %{{.*}} : i1 to i8
// CHECK: llvm.store %{{.*}} : i8, !llvm.ptr
ag.func @ints(%a: tensor<3x2xi64>, %b: tensor<3x2xi64>, %n: tensor<i64>) -> (tensor<3x2xi1>, tensor<i64>) {
  %one = ag.constant dense<1> : tensor<3x2xi64>
  %p = ag.add %a, %one : tensor<3x2xi64>
  %q = ag.div %p, %b : tensor<3x2xi64>
  %lt = ag.cmp lt, %q, %n : tensor<3x2xi64>, tensor<i64>
  ag.return %lt, %n : tensor<3x2xi1>, tensor<i64>
}

// -----

// Anything else stays on the interpreter, with a remark naming the op
// (returned full reductions lower: reductions.mlir).
ag.func @reduce(%x: tensor<4xf64>) -> tensor<2x4xf64> {
  // expected-remark @+1 {{'ag.stack' is not supported on tensors by the native backend yet: @reduce stays on the interpreter}}
  %t = ag.stack %x, %x : tensor<4xf64>
  ag.return %t : tensor<2x4xf64>
}

// -----

// Tensors of several shapes take the buffered path, dynamic ones too
// (dynamic-shapes.mlir).
// CHECK: func.func @shapes({{.*}}) -> i1 attributes {ag.buffered, ag.dynamic_shapes}
ag.func @shapes(%x: tensor<?xf64>, %y: tensor<1x?xf64>) -> tensor<?xf64> {
  ag.return %x : tensor<?xf64>
}
