// ag.concat on the buffered path: each operand copied, in order, at its
// offset along the axis of the result (kernels::concat). Dimensions that
// are contiguous on both sides merge, so a row-major block is one memcpy
// and a column block one memcpy per row; an empty operand copies nothing.
// RUN: ag-opt %s --ag-lower-to-arith | FileCheck %s --check-prefix=IR
// RUN: ag-run %s --backend=native --feed "a=[[1.5, -2, 3], [4, 5, 6]]" --feed "b=[[7], [8]]" --feed "e=[]" --feed "u=[true, false, true]" --stats 2>&1 | FileCheck %s --check-prefixes=CHECK,NATIVE
// RUN: ag-run %s --backend=interpreter --feed "a=[[1.5, -2, 3], [4, 5, 6]]" --feed "b=[[7], [8]]" --feed "e=[]" --feed "u=[true, false, true]" | FileCheck %s

// IR-LABEL: func.func @c(
// IR-SAME: -> i1 attributes {ag.buffered}
// Along axis 1: a row of a (3 f64) per iteration, then b's one element.
// IR: scf.for
// IR: %[[C24:.*]] = arith.constant 24 : i64
// IR: "llvm.intr.memcpy"(%{{.*}}, %{{.*}}, %[[C24]])
// IR: scf.for
// IR: llvm.load %{{.*}} : !llvm.ptr -> f64
// Along axis 0: a, nothing of e, a again: two blocks of 48 bytes.
// IR: %[[C48:.*]] = arith.constant 48 : i64
// IR-NEXT: llvm.getelementptr %arg0
// IR-NEXT: llvm.getelementptr %arg5
// IR-NEXT: "llvm.intr.memcpy"(%{{.*}}, %{{.*}}, %[[C48]])
// IR: arith.constant 48 : i64
// IR: "llvm.intr.memcpy"
// Bools: one byte each.
// IR: arith.constant 3 : i64
// IR: llvm.getelementptr %{{.*}} : (!llvm.ptr, i64) -> !llvm.ptr, i8
// IR-NOT: ag_native_alloc
// IR: return %{{.*}} : i1

// CHECK: result0 = {{\[\[}}1.5, -2, 3, 7], [4, 5, 6, 8]]
// CHECK: result1 = {{\[\[}}1.5, -2, 3], [4, 5, 6], [1.5, -2, 3], [4, 5, 6]]
// CHECK: result2 = [true, false, true, true, false, true]
// NATIVE: ops executed: 0,

ag.func @c(%a: tensor<2x3xf64> loc("a"), %b: tensor<2x1xf64> loc("b"),
           %e: tensor<0x3xf64> loc("e"), %u: tensor<3xi1> loc("u"))
    -> (tensor<2x4xf64>, tensor<4x3xf64>, tensor<6xi1>) {
  %c = ag.concat %a, %b along 1 : tensor<2x3xf64>, tensor<2x1xf64>
  %r = ag.concat %a, %e, %a along 0
      : tensor<2x3xf64>, tensor<0x3xf64>, tensor<2x3xf64>
  %v = ag.concat %u, %u along 0 : tensor<3xi1>, tensor<3xi1>
  ag.return %c, %r, %v : tensor<2x4xf64>, tensor<4x3xf64>, tensor<6xi1>
}
