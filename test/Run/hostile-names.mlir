// Symbol names an outsider may write: quoted (`@"f"`), with escapes, with
// bytes that are not UTF-8. The input guard treats a quoted or non-ASCII
// function name as the name it is, so `(%x: t)` after it defines %x; before,
// it reported "'%x' is used before its definition" for every such graph.
// MLIR's parser then judges the name.
// RUN: split-file %s %t
// RUN: ag-run %t/quoted.mlir --feed x=2 | FileCheck %s --check-prefix=QUOTED
// RUN: ag-opt %t/quoted.mlir | FileCheck %s --check-prefix=QUOTED-OPT
// RUN: not ag-run %t/bytes.mlir --feed x=0 2>&1 | FileCheck %s --check-prefix=BYTES
// RUN: not ag-run %t/bare.mlir --feed x=1 2>&1 | FileCheck %s --check-prefix=BARE
// RUN: ag-run %t/dot.mlir --feed x=1 --dot %t/out.dot && FileCheck %s --check-prefix=DOT < %t/out.dot

// QUOTED: result0 = 4
// QUOTED-OPT: ag.func @"my func"
//--- quoted.mlir
ag.func @"my func"(%x: tensor<i64> loc("x")) -> tensor<i64> {
  %0 = ag.add %x, %x : tensor<i64>
  ag.return %0 : tensor<i64>
}

// The division by zero is reported at the file named by those bytes.
// BYTES: f{{.}}.cpp:3:3: error: integer division by zero
//--- bytes.mlir
ag.func @"\ff\fe"(%x: tensor<i64> loc("x")) -> tensor<i64> {
  %0 = ag.add %x, %x : tensor<i64> loc("\ed\a0\80"("f\ff.cpp":2:3))
  %1 = ag.div %0, %x : tensor<i64> loc("\ed\a0\80"("f\ff.cpp":3:3))
  ag.return %1 : tensor<i64>
}

// A bare name of non-ASCII bytes is MLIR's syntax error, not the guard's.
// BARE: bare.mlir:1:10: error: @ identifier expected to start with letter or '_'
// BARE-NOT: used before its definition
//--- bare.mlir
ag.func @ÿþ(%x: tensor<i64> loc("x")) -> tensor<i64> {
  ag.return %x : tensor<i64>
}

// --dot quotes a function name like every other label: a name with a quote
// must not end the graph's name and add statements (a Graphviz `image`
// attribute makes the renderer read a file).
// DOT: digraph "f\" {} digraph x { a [image=\"/etc/passwd\"] } digraph \"" {
// DOT-NOT: image="
//--- dot.mlir
ag.func @"f\" {} digraph x { a [image=\"/etc/passwd\"] } digraph \""(%x: tensor<i64> loc("x")) -> tensor<i64> {
  ag.return %x : tensor<i64>
}
