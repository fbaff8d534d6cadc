// A graph that does not parse or does not verify: MLIR diagnostics at the
// graph file's line, exit 1, and nothing is executed.
// RUN: split-file %s %t
// RUN: not ag-run %t/syntax.mlir --feed x=1 2>&1 | FileCheck %s --check-prefix=SYNTAX
// RUN: not ag-run %t/types.mlir --feed x=1 2>&1 | FileCheck %s --check-prefix=TYPES
// RUN: not ag-run %t/unknown.mlir --feed x=1 2>&1 | FileCheck %s --check-prefix=UNKNOWN
// RUN: not ag-run %t/nofunc.mlir 2>&1 | FileCheck %s --check-prefix=NOFUNC
// RUN: not ag-run %t/does-not-exist.mlir 2>&1 | FileCheck %s --check-prefix=MISSING

// SYNTAX: syntax.mlir:3:18: error: expected SSA operand
// SYNTAX-NEXT: %y = ag.add %x, : tensor<i64>
// SYNTAX-NEXT: {{^}}                 ^
// SYNTAX-NOT: EXECUTED

// TYPES: types.mlir:4:8: error: 'ag.cast' op cannot change the shape: 'tensor<i64>' to 'tensor<2xf32>'
// TYPES-NOT: note
// TYPES-NOT: EXECUTED

// UNKNOWN: unknown.mlir:3:8: error: cannot evaluate a call to @g: run the optimize pipeline (it inlines calls) before lowering
// UNKNOWN-NOT: EXECUTED

// NOFUNC: nofunc.mlir:1:1: error: the graph has no ag.func with a body
// NOFUNC-NOT: note

// MISSING: error: cannot read graph '{{.*}}does-not-exist.mlir'

//--- syntax.mlir
ag.func @f(%x: tensor<i64>) -> tensor<i64> {
  %t0 = ag.print %t0, "EXECUTED\n"
  %y = ag.add %x, : tensor<i64>
  ag.return %y : tensor<i64>
}
//--- types.mlir
ag.func @f(%x: tensor<i64>) -> (tensor<i64>, !ag.token) {
  %t0 = ag.token
  %t1 = ag.print %t0, "EXECUTED\n"
  %y = ag.cast %x : tensor<i64> to tensor<2xf32>
  ag.return %y, %t1 : tensor<2xf32>, !ag.token
}
//--- unknown.mlir
ag.func @f(%x: tensor<i64>) -> tensor<i64> {
  %t0 = ag.token
  %y = ag.call @g(%x) : (tensor<i64>) -> tensor<i64>
  %t1 = ag.print %t0, "EXECUTED\n"
  ag.return %y : tensor<i64>
}
ag.func @g(%x: tensor<i64>) -> tensor<i64> {
  ag.return %x : tensor<i64>
}
//--- nofunc.mlir
module {}
