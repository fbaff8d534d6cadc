// Every string a graph file can make ag print (file names, variable and
// function names, assert messages, print formats) reaches the terminal with
// its control characters escaped: a graph cannot recolor the terminal, set
// its title or hide text with escape sequences.
// RUN: ag-run %s --feed x=1 | FileCheck %s --check-prefix=PRINT
// RUN: ag-run %s --feed x=1 | od -An -c | FileCheck %s --check-prefix=RAW
// RUN: not ag-run %s --feed x=-1 2>&1 | FileCheck %s --check-prefix=ERR
// RUN: not ag-run %s --feed x=-1 2>&1 | od -An -c | FileCheck %s --check-prefix=RAW
// RUN: ag-run %s --feed x=1 --verbose 2>&1 | od -An -c | FileCheck %s --check-prefix=RAW
// RUN: not ag-run %s --feed x=-1 --diagnostics=json 2>&1 | FileCheck %s --check-prefix=JSON

// PRINT: x is \x1b[2J\x1b]0;owned\x07 1
// RAW-NOT: 033
// RAW-NOT: 007
// ERR: /tmp/\x1b[31mevil.cpp:40:8: error: assertion failed: bad \x1b[8mhidden\x1b[0m
// JSON: "message":"assertion failed: bad \u001b[8mhidden\u001b[0m"

ag.func @main(%x: tensor<i64> loc("x")) -> (tensor<i64>, !ag.token) {
  %t0 = ag.token
  %zero = ag.constant dense<0> : tensor<i64>
  %t1 = ag.print %t0, "x is \1b[2J\1b]0;owned\07 {}\n", %x : tensor<i64>
  %ok = ag.cmp ge, %x, %zero : tensor<i64> loc("ok\1b[1m")
  %t2 = ag.assert %t1, %ok, "bad \1b[8mhidden\1b[0m" loc("/tmp/\1b[31mevil.cpp":40:8)
  ag.return %x, %t2 : tensor<i64>, !ag.token
}
