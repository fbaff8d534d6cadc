// Unicode a graph file can make ag print: bidirectional overrides and
// isolates, zero-width characters ("Trojan Source", CVE-2021-42574: they
// reorder or hide what the terminal shows) and bytes that are not
// well-formed UTF-8 (a stray byte, an overlong form, a surrogate) are shown
// escaped in text output; JSON output writes U+FFFD for a stray byte, so it
// stays valid UTF-8. Other non-ASCII text (é, 日本) prints as it is.
// RUN: rm -rf %t && split-file %s %t
// RUN: not ag-run %t/names.mlir --feed x=1 2>&1 | FileCheck %s --check-prefix=NAMES
// RUN: not ag-run %t/div.mlir --feed x=1 2>&1 | FileCheck %s --check-prefix=DIV
// RUN: not ag-run %t/div.mlir --feed x=1 --diagnostics=json 2>&1 | FileCheck %s --check-prefix=JSON
// RUN: ag-run %t/print.mlir --feed x=1 | FileCheck %s --check-prefix=PRINT
// The raw bytes (octal: 342 200 256 is U+202E, 377 a stray byte) never
// reach the output.
// RUN: not ag-run %t/names.mlir --feed x=1 2>&1 | od -An -b | FileCheck %s --check-prefix=RAW
// RUN: not ag-run %t/div.mlir --feed x=1 2>&1 | od -An -b | FileCheck %s --check-prefix=RAW
// RUN: not ag-run %t/div.mlir --feed x=1 --diagnostics=json 2>&1 | od -An -b | FileCheck %s --check-prefix=RAW
// RUN: ag-run %t/print.mlir --feed x=1 | od -An -b | FileCheck %s --check-prefix=RAW

// NAMES: error: '\u202eevil\xff\xfe' has no parameter named 'x'
// NAMES: note: parameters: \u200b\u2066x\xed\xa0\x80
// DIV: \u202egpj.exe\xc0\x80.cpp:2:3: error: integer division by zero
// JSON: "file":"\\u202egpj.exe\\xc0\\x80.cpp"
// PRINT: [\u202e1\ufeff] é 日本 \xf4\x90\x80\x80
// RAW-NOT: 342 200 256
// RAW-NOT: 377

//--- names.mlir
ag.func @"\e2\80\aeevil\ff\fe"(%x: tensor<i64> loc("\e2\80\8b\e2\81\a6x\ed\a0\80")) -> tensor<i64> {
  ag.return %x : tensor<i64>
}
//--- div.mlir
ag.func @f(%x: tensor<i64> loc("x")) -> tensor<i64> {
  %z = ag.constant dense<0> : tensor<i64>
  %d = ag.div %x, %z : tensor<i64> loc("\e2\80\aegpj.exe\c0\80.cpp":2:3)
  ag.return %d : tensor<i64>
}
//--- print.mlir
ag.func @f(%x: tensor<i64> loc("x")) -> (tensor<i64>, !ag.token) {
  %t0 = ag.token
  %t1 = ag.print %t0, "[\e2\80\ae{}\ef\bb\bf] \c3\a9 \e6\97\a5\e6\9c\ac \f4\90\80\80\n", %x : tensor<i64>
  ag.return %x, %t1 : tensor<i64>, !ag.token
}
