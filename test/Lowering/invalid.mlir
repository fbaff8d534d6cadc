// RUN: not ag-opt %s --ag-print-program -o /dev/null 2>&1 | FileCheck %s

// A function the runtime cannot evaluate is an error at the op, not a crash
// or a partial program.

// CHECK: invalid.mlir:[[@LINE+6]]:8: error: cannot evaluate a call to @helper: run the optimize pipeline (it inlines calls) before lowering
ag.func private @helper(%x: tensor<i64>) -> tensor<i64> {
  ag.return %x : tensor<i64>
}

ag.func @caller(%x: tensor<i64>) -> tensor<i64> {
  %y = ag.call @helper(%x) : (tensor<i64>) -> tensor<i64>
  ag.return %y : tensor<i64>
}
