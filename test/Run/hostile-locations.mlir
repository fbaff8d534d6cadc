// A graph file is data from anywhere: its locations can name any path. The
// error printer quotes a source line only from a regular file under a
// directory the user gave (--source-dir) or the graph file itself; never
// from other files (a secret), an endless device or a FIFO (which would
// block), and never follows the location to read anything else.
// RUN: rm -rf %t && mkdir -p %t/src %t/elsewhere && split-file %s %t
// RUN: echo 'SECRET-LINE-ONE' > %t/elsewhere/secret.txt
// RUN: echo '  int q = 100 / d;' > %t/src/div.cpp
// RUN: mkfifo %t/src/fifo.cpp
// RUN: sed -e 's|SECRET|%t/elsewhere/secret.txt|' -e 's|SRC|%t/src|' %t/graph.in > %t/graph.mlir

// Without --source-dir nothing is quoted, not even the user's source.
// RUN: not ag-run %t/graph.mlir --feed d=0 --fetch q 2>&1 | FileCheck %s --check-prefix=NONE
// NONE: {{.*}}secret.txt:1:1: error: integer division by zero
// NONE-NOT: SECRET-LINE-ONE
// RUN: not ag-run %t/graph.mlir --feed d=0 --fetch src 2>&1 | FileCheck %s --check-prefix=NOSRC
// NOSRC: {{.*}}src/div.cpp:1:11: error: integer division by zero
// NOSRC-NOT: int q

// With --source-dir, files under it are quoted; others still are not.
// RUN: not ag-run %t/graph.mlir --source-dir=%t/src --feed d=0 --fetch src 2>&1 | FileCheck %s --check-prefix=SRC
// SRC:      {{.*}}src/div.cpp:1:11: error: integer division by zero
// SRC-NEXT: {{^}}  int q = 100 / d;
// SRC-NEXT: {{^}}          ^
// RUN: not ag-run %t/graph.mlir --source-dir %t/src --feed d=0 --fetch q 2>&1 | FileCheck %s --check-prefix=NONE
// A `..` or a symlink out of the allowed directory does not escape it.
// RUN: ln -s %t/elsewhere/secret.txt %t/src/link.cpp
// RUN: not ag-run %t/graph.mlir --source-dir=%t/src --feed d=0 --fetch viaLink 2>&1 | FileCheck %s --check-prefix=NOQUOTE
// RUN: not ag-run %t/graph.mlir --source-dir=%t/src --feed d=0 --fetch dotdot 2>&1 | FileCheck %s --check-prefix=NOQUOTE
// NOQUOTE: error: integer division by zero
// NOQUOTE-NOT: SECRET-LINE-ONE

// Devices and FIFOs are never opened, even where allowed: the error comes
// at once (before the fix, /dev/zero was read forever and the FIFO blocked).
// RUN: not ag-run %t/graph.mlir --source-dir=/dev --feed d=0 --fetch zero 2>&1 | FileCheck %s --check-prefix=ZERO
// ZERO: /dev/zero:1:1: error: integer division by zero
// ZERO-NOT: {{.}}
// RUN: not ag-run %t/graph.mlir --source-dir=%t/src --feed d=0 --fetch fifo 2>&1 | FileCheck %s --check-prefix=FIFO
// FIFO: {{.*}}fifo.cpp:1:1: error: integer division by zero
// FIFO-NOT: {{.}}

// ag-opt does not quote other files either (MLIR's own printer would).
// RUN: sed -e 's|SECRET|%t/elsewhere/secret.txt|' %t/opt.in > %t/opt.mlir
// RUN: not ag-opt %t/opt.mlir 2>&1 | FileCheck %s --check-prefix=OPT
// OPT: {{.*}}secret.txt:1:1: error: 'ag.cast' op cannot change the shape
// OPT-NOT: SECRET-LINE-ONE

//--- opt.in
ag.func @f(%x: tensor<i64>) -> tensor<i64> {
  %y = ag.cast %x : tensor<i64> to tensor<2xf32> loc("SECRET":1:1)
  ag.return %x : tensor<i64>
}
//--- graph.in
ag.func @main(%d: tensor<i64> loc("d")) -> tensor<i64> {
  %h = ag.constant dense<100> : tensor<i64>
  %q = ag.div %h, %d : tensor<i64> loc("q"("SECRET":1:1))
  %s = ag.div %h, %d : tensor<i64> loc("src"("SRC/div.cpp":1:11))
  %l = ag.div %h, %d : tensor<i64> loc("viaLink"("SRC/link.cpp":1:1))
  %u = ag.div %h, %d : tensor<i64> loc("dotdot"("SRC/../elsewhere/secret.txt":1:1))
  %z = ag.div %h, %d : tensor<i64> loc("zero"("/dev/zero":1:1))
  %f = ag.div %h, %d : tensor<i64> loc("fifo"("SRC/fifo.cpp":1:1))
  ag.return %h : tensor<i64>
}
