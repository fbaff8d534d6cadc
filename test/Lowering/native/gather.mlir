// ag.gather on the buffered path (kernels::gather): every index checked
// first, then for each index and each row before the axis one block of
// the elements after it. An index outside [0, n) is a fault: nothing is
// copied, and the interpreter re-runs the graph to report it at the op's
// location, word for word as it does on its own. A 0-d index makes a 0-d
// result go through a stack slot.
// RUN: ag-opt %s --ag-lower-to-arith | FileCheck %s --check-prefix=IR
// RUN: ag-run %s --backend=native --feed "m=[[1.5, 2, 3], [4, 5, 6]]" --feed "i=[2, 0, 2, 1]" --feed "j=[[1], [0]]" --feed k=1 --stats 2>&1 | FileCheck %s --check-prefixes=CHECK,NATIVE
// RUN: ag-run %s --backend=interpreter --feed "m=[[1.5, 2, 3], [4, 5, 6]]" --feed "i=[2, 0, 2, 1]" --feed "j=[[1], [0]]" --feed k=1 | FileCheck %s
// RUN: not ag-run %s --backend=native --feed "m=[[1.5, 2, 3], [4, 5, 6]]" --feed "i=[2, 0, 3, 1]" --feed "j=[[1], [0]]" --feed k=1 2>&1 | FileCheck %s --check-prefix=BAD
// RUN: not ag-run %s --backend=interpreter --feed "m=[[1.5, 2, 3], [4, 5, 6]]" --feed "i=[2, 0, 3, 1]" --feed "j=[[1], [0]]" --feed k=1 2>&1 | FileCheck %s --check-prefix=BAD
// RUN: not ag-run %s --backend=native --feed "m=[[1.5, 2, 3], [4, 5, 6]]" --feed "i=[2, 0, 2, 1]" --feed "j=[[1], [0]]" --feed k=-1 2>&1 | FileCheck %s --check-prefix=NEG
// RUN: not ag-run %s --backend=interpreter --feed "m=[[1.5, 2, 3], [4, 5, 6]]" --feed "i=[2, 0, 2, 1]" --feed "j=[[1], [0]]" --feed k=-1 2>&1 | FileCheck %s --check-prefix=NEG

// IR-LABEL: func.func @g(
// IR-SAME: -> (f64, i1) attributes {ag.buffered}
// The check: 0 <= index < 3 for each of the 4 int32 indices, sign-extended.
// IR: %[[ANY:.*]] = scf.for %{{.*}} = %{{.*}} to %{{.*}} step %{{.*}} iter_args(%{{.*}} = %false{{.*}}) -> (i1)
// IR: llvm.load %{{.*}} : !llvm.ptr -> i32
// IR: arith.extsi %{{.*}} : i32 to i64
// IR: arith.cmpi slt
// IR: arith.cmpi sge
// IR: %[[FAULT:.*]] = arith.ori %false, %[[ANY]] : i1
// The copy only when every index is in range: an element per index and
// row (strides 4 and 3 on the two sides).
// IR: %[[OK:.*]] = arith.xori %[[ANY]], %true
// IR: scf.if %[[OK]] {
// IR: scf.for
// IR: scf.for
// IR: llvm.load %{{.*}} : !llvm.ptr -> f64
// Rows of m (three f64s) by i64 indices of shape 2x1: a memcpy each.
// IR: arith.constant 24 : i64
// IR: "llvm.intr.memcpy"
// A 0-d index: a 0-d result through a stack slot.
// IR: return %{{.*}}, %{{.*}} : f64, i1

// CHECK: result0 = {{\[\[}}3, 1.5, 3, 2], [6, 4, 6, 5]]
// CHECK: result1 = {{\[\[\[}}4, 5, 6]], {{\[\[}}1.5, 2, 3]]]
// CHECK: result2 = 2
// NATIVE: ops executed: 0,

// BAD: gather.mlir:[[@LINE+9]]:8: error: gather index 3 is out of range for dimension 1 of float64[2, 3] (size 3)
// BAD-NEXT: %a = ag.gather %m[%i] along 1
// BAD-NEXT: ^
// NEG: gather.mlir:[[@LINE+9]]:8: error: gather index -1 is out of range for dimension 0 of float64[6] (size 6)
// NEG-NEXT: %c = ag.gather %r[%k] along 0

ag.func @g(%m: tensor<2x3xf64> loc("m"), %i: tensor<4xi32> loc("i"),
           %j: tensor<2x1xi64> loc("j"), %k: tensor<i64> loc("k"))
    -> (tensor<2x4xf64>, tensor<2x1x3xf64>, tensor<f64>) {
  %a = ag.gather %m[%i] along 1 : tensor<2x3xf64>, tensor<4xi32>
  %b = ag.gather %m[%j] along 0 : tensor<2x3xf64>, tensor<2x1xi64>
  %r = ag.reshape %m : tensor<2x3xf64> to tensor<6xf64>
  %c = ag.gather %r[%k] along 0 : tensor<6xf64>, tensor<i64>
  ag.return %a, %b, %c : tensor<2x4xf64>, tensor<2x1x3xf64>, tensor<f64>
}
