// RUN: ag-opt %s --ag-lower-to-arith 2>&1 >/dev/null | FileCheck %s --check-prefix=REMARK
// RUN: ag-opt %s --ag-lower-to-arith 2>/dev/null | FileCheck %s
// RUN: not ag-opt %s --ag-lower-to-llvm 2>&1 | FileCheck %s --check-prefix=LLVM

// What the lowering does not know stays an ag.func, with a remark naming
// the op; so does a function calling a declined one. Never a crash.

// REMARK: decline.mlir:[[@LINE+2]]:9: remark: 'ag.list_new' is not supported on tensors by the native backend yet: @lists stays on the interpreter
ag.func @lists(%x: tensor<i64>) -> tensor<?xi64> {
  %l0 = ag.list_new
  %l1 = ag.list_push %l0, %x : tensor<i64>
  %s = ag.list_stack %l1 : tensor<?xi64>
  ag.return %s : tensor<?xi64>
}

// Effects run natively in scalar functions only (effects.mlir).
// REMARK: decline.mlir:[[@LINE+3]]:9: remark: 'ag.print' is an effect, which the native backend runs in functions on 0-d values only: @vector_print stays on the interpreter
ag.func private @vector_print(%x: tensor<3xf64>) -> (tensor<3xf64>, !ag.token) {
  %t0 = ag.token
  %t1 = ag.print %t0, "x = {}\n", %x : tensor<3xf64>
  ag.return %x, %t1 : tensor<3xf64>, !ag.token
}

// Tensors: elementwise ops, reductions, matmul, broadcast, reshape,
// transpose, concat, slice and gather only (ranked.mlir, reductions.mlir,
// axis-reductions.mlir, concat.mlir, ...).
// REMARK: decline.mlir:[[@LINE+3]]:8: remark: 'ag.stack' is not supported on tensors by the native backend yet: @vector stays on the interpreter
ag.func private @vector(%x: tensor<3xf64>) -> tensor<f64> {
  %y = ag.add %x, %x : tensor<3xf64>
  %t = ag.stack %y, %y : tensor<3xf64>
  %s = ag.reduce_sum %t : tensor<2x3xf64>
  ag.return %s : tensor<f64>
}

// REMARK: decline.mlir:[[@LINE+2]]:8: remark: 'ag.call' is not supported on tensors by the native backend yet: @calls_vector stays on the interpreter
ag.func @calls_vector(%x: tensor<3xf64>) -> tensor<f64> {
  %s = ag.call @vector(%x) : (tensor<3xf64>) -> tensor<f64>
  ag.return %s : tensor<f64>
}

// The rest lowers.
// CHECK: ag.func @lists
// CHECK: func.func @fine(%arg0: i64) -> (i64, i1)
ag.func @fine(%x: tensor<i64>) -> tensor<i64> {
  %y = ag.mul %x, %x : tensor<i64>
  ag.return %y : tensor<i64>
}

// LLVM: error: some ag.funcs cannot be lowered to LLVM (see the remarks)

// A scalar function calling a declined one is declined too.
// REMARK: decline.mlir:[[@LINE+2]]:8: remark: 'ag.reduce_sum' is not supported by the native backend yet: @sum stays on the interpreter
ag.func private @sum(%x: tensor<i64>) -> tensor<i64> {
  %s = ag.reduce_sum %x : tensor<i64>
  ag.return %s : tensor<i64>
}
// REMARK: decline.mlir:[[@LINE+2]]:8: remark: @scalar_caller stays on the interpreter: it calls @sum, which does
ag.func @scalar_caller(%x: tensor<i64>) -> tensor<i64> {
  %y = ag.call @sum(%x) : (tensor<i64>) -> tensor<i64>
  ag.return %y : tensor<i64>
}
