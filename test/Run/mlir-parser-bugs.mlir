// Inputs that crash MLIR 19's parser (upstream bugs, docs/security.md) are
// rejected with a located error before the parser sees them, by ag-run
// (Graph::load) and ag-opt alike. Before the guard, ag-run and ag-opt
// crashed with a segfault on forward.mlir and sparse.mlir.
// RUN: rm -rf %t && split-file %s %t
// RUN: not ag-run %t/forward.mlir --feed a=1 2>&1 | FileCheck %s --check-prefix=FORWARD
// RUN: not ag-opt %t/forward.mlir 2>&1 | FileCheck %s --check-prefix=FORWARD
// FORWARD: forward.mlir:2:14: error: '%c' is used before its definition
// RUN: not ag-run %t/sparse.mlir 2>&1 | FileCheck %s --check-prefix=SPARSE
// RUN: not ag-opt %t/sparse.mlir 2>&1 | FileCheck %s --check-prefix=SPARSE
// SPARSE: sparse.mlir:2:20: error: 'sparse' elements attributes are not accepted in graph files
// RUN: not ag-run %t/resource.mlir 2>&1 | FileCheck %s --check-prefix=RESOURCE
// RESOURCE: resource.mlir:2:20: error: 'dense_resource' elements attributes are not accepted
// RUN: not ag-run %t/body.mlir --feed a=1 2>&1 | FileCheck %s --check-prefix=BODY
// RUN: not ag-opt %t/body.mlir 2>&1 | FileCheck %s --check-prefix=BODY
// BODY: body.mlir:2:19: error: '%later' is used before its definition
// RUN: not ag-run %t/blob.mlir 2>&1 | FileCheck %s --check-prefix=BLOB
// BLOB: blob.mlir:5:1: error: file metadata ({-# ... #-}, resource blobs) is not accepted
// Names in comments and strings do not count; sibling regions may reuse one.
// RUN: ag-run %t/fine.mlir --feed a=2 | FileCheck %s --check-prefix=FINE
// RUN: ag-opt %t/fine.mlir | FileCheck %s --check-prefix=FINEOPT
// FINE: result0 = 3
// FINEOPT: ag.func @main

//--- forward.mlir
ag.func @main(%a: tensor<i64> loc("a")) -> tensor<i64> {
  %r = ag.if %c -> (tensor<i64>) {
    ag.yield %a : tensor<i64>
  } else {
    %c = ag.constant dense<true> : tensor<i1>
    ag.yield %a : tensor<i64>
  }
  ag.return %r : tensor<i64>
}
//--- sparse.mlir
ag.func @main() -> tensor<1xi64> {
  %c = ag.constant sparse<[[0]], [-0]> : tensor<1xi64>
  ag.return %c : tensor<1xi64>
}
//--- resource.mlir
ag.func @main() -> tensor<1xi64> {
  %c = ag.constant dense_resource<blob> : tensor<1xi64>
  ag.return %c : tensor<1xi64>
}
//--- body.mlir
ag.func @main(%a: tensor<i64>) -> tensor<i64> {
  %r = ag.add %a, %later : tensor<i64>
  %later = ag.add %a, %a : tensor<i64>
  ag.return %r ! : tensor<i64>
}
//--- blob.mlir
ag.func @main() -> tensor<i64> {
  %c = ag.constant dense<1> : tensor<i64>
  ag.return %c : tensor<i64>
}
{-#
  dialect_resources: { builtin: { blob: "0x0800000001000000" } }
#-}
//--- fine.mlir
// %later and sparse<1> in a comment, "%x" and "sparse<" in a string.
ag.func @main(%a: tensor<i64> loc("a")) -> tensor<i64> {
  %one = ag.constant dense<1> : tensor<i64> loc("%x sparse<")
  %big = ag.cmp gt, %a, %one : tensor<i64>
  %r = ag.if %big -> (tensor<i64>) {
    %v = ag.add %a, %one : tensor<i64>
    ag.yield %v : tensor<i64>
  } else {
    %v = ag.sub %a, %one : tensor<i64>
    ag.yield %v : tensor<i64>
  }
  ag.return %r : tensor<i64>
}
