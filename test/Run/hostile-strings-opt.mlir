// ag-opt prints no control character a graph file put in a verifier's
// message, a location's file or name, or a quoted source line: those errors
// are printed by ag (escaped), not by MLIR's diagnostic printer, which
// wrote them raw (an invalid print format below recolored the terminal).
// RUN: rm -rf %t && split-file %s %t
// RUN: not ag-opt %t/format.mlir 2>&1 | FileCheck %s --check-prefix=FORMAT
// RUN: not ag-opt %t/format.mlir 2>&1 | od -An -c | FileCheck %s --check-prefix=RAW
// RUN: not ag-opt %t/location.mlir 2>&1 | FileCheck %s --check-prefix=LOC
// RUN: not ag-opt %t/location.mlir 2>&1 | od -An -c | FileCheck %s --check-prefix=RAW
// RUN: sed -e 's/ESC/\x1b/' %t/raw.in > %t/raw.mlir
// RUN: not ag-opt %t/raw.mlir 2>&1 | FileCheck %s --check-prefix=RAWLINE
// RUN: not ag-opt %t/raw.mlir 2>&1 | od -An -c | FileCheck %s --check-prefix=RAW
// An error without control characters keeps MLIR's printer.
// RUN: not ag-opt %t/plain.mlir 2>&1 | FileCheck %s --check-prefix=PLAIN

// FORMAT: format.mlir:2:9: error: 'ag.print' op placeholder '{:\x1b[31m}' must be '{}'
// RAW-NOT: 033
// RAW-NOT: 233
// LOC: \x1b[2Jevil\u009b31m.cpp:3:3: error: 'ag.cast' op cannot change the shape
// RAWLINE: raw.mlir:2:8: error: 'ag.cast' op cannot change the shape
// PLAIN: plain.mlir:2:8: error: 'ag.cast' op cannot change the shape
// RAWLINE-NEXT: // \x1b[2J raw
// PLAIN: note: see current operation

//--- format.mlir
ag.func @f(%t0: !ag.token, %x: tensor<i64>) -> !ag.token {
  %t1 = ag.print %t0, "{:\1b[31m} {}", %x : tensor<i64>
  ag.return %t1 : !ag.token
}
//--- location.mlir
ag.func @f(%x: tensor<i64>) -> tensor<2xf32> {
  %y = ag.cast %x : tensor<i64> to tensor<2xf32> loc("\1b[2Jevil\c2\9b31m.cpp":3:3)
  ag.return %y : tensor<2xf32>
}
//--- plain.mlir
ag.func @f(%x: tensor<i64>) -> tensor<2xf32> {
  %y = ag.cast %x : tensor<i64> to tensor<2xf32>
  ag.return %y : tensor<2xf32>
}
//--- raw.in
ag.func @f(%x: tensor<i64>) -> tensor<2xf32> {
  %y = ag.cast %x : tensor<i64> to tensor<2xf32> // ESC[2J raw
  ag.return %y : tensor<2xf32>
}
