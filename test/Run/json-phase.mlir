// JSON diagnostics name the phase that failed: "parse" for text that is not
// valid MLIR (or that the input guard rejects), "verify" for a graph that
// parses but is malformed or cannot be lowered, "evaluation" for a run.
// (Before, every ag-run error said "evaluation".)
// RUN: rm -rf %t && split-file %s %t
// RUN: not ag-run %t/syntax.mlir --diagnostics=json 2>&1 | FileCheck %s --check-prefix=PARSE
// RUN: not ag-run %t/guard.mlir --diagnostics=json 2>&1 | FileCheck %s --check-prefix=PARSE
// RUN: not ag-run %t/types.mlir --diagnostics=json 2>&1 | FileCheck %s --check-prefix=VERIFY
// RUN: not ag-run %t/nofunc.mlir --diagnostics=json 2>&1 | FileCheck %s --check-prefix=VERIFY
// RUN: not ag-run %t/types.mlir --feed x=0 --diagnostics=json 2>&1 | FileCheck %s --check-prefix=VERIFY
// RUN: not ag-run %t/eval.mlir --feed x=0 --diagnostics=json 2>&1 | FileCheck %s --check-prefix=EVAL
// PARSE: {"severity":"error","phase":"parse"
// VERIFY: {"severity":"error","phase":"verify"
// EVAL: {"severity":"error","phase":"evaluation"

//--- syntax.mlir
ag.func @f(%x: tensor<i64>) -> tensor<i64> {
  %y = ag.add %x, : tensor<i64>
  ag.return %y : tensor<i64>
}
//--- guard.mlir
ag.func @f(%x: tensor<i64>) -> tensor<i64> {
  ag.return %y : tensor<i64>
}
//--- types.mlir
ag.func @f(%x: tensor<i64>) -> tensor<i64> {
  %y = ag.cast %x : tensor<i64> to tensor<2xf32>
  ag.return %x : tensor<i64>
}
//--- nofunc.mlir
module {}
//--- eval.mlir
ag.func @f(%x: tensor<i64>) -> tensor<i64> {
  %h = ag.constant dense<1> : tensor<i64>
  %y = ag.div %h, %x : tensor<i64>
  ag.return %y : tensor<i64>
}
