// Hostile print formats: a wide field is printed in full (it was cut to
// 127 characters, losing the value), a width or precision too large for
// snprintf (or for memory) is a located error (it printed nothing), and a
// `{%c}` of a control character is shown escaped like every other string a
// graph file can make ag print.
// RUN: split-file %s %t
// RUN: ag-run %t/wide.mlir --feed x=5 | FileCheck %s --strict-whitespace --check-prefix=WIDE
// RUN: not ag-run %t/huge-width.mlir --feed x=5 2>&1 | FileCheck %s --check-prefix=HUGEW
// RUN: not ag-run %t/huge-precision.mlir --feed x=5 2>&1 | FileCheck %s --check-prefix=HUGEP
// RUN: ag-run %t/char.mlir --feed x=27 | FileCheck %s --check-prefix=CHAR

// WIDE: {{^}}[{{ {200} {99}5}}] [{{0{200}0{99}5}}]{{$}}
// WIDE-NEXT: {{^}}[5.{{0{200}0{200}]$}}
// HUGEW: w.cpp:3:9: error: format conversion {%99999999999d} would print more than 65536 characters
// HUGEP: p.cpp:3:9: error: format conversion {%.100000f} would print more than 65536 characters
// CHAR: [\x1b] [\x1b[2J]

//--- wide.mlir
ag.func @f(%x: tensor<i64> loc("x")) -> (tensor<i64>, !ag.token) {
  %t0 = ag.token
  %t1 = ag.print %t0, "[{%300d}] [{%0300ld}]\n", %x, %x : tensor<i64>, tensor<i64>
  %f = ag.cast %x : tensor<i64> to tensor<f64>
  %t2 = ag.print %t1, "[{%.400f}]\n", %f : tensor<f64>
  ag.return %x, %t2 : tensor<i64>, !ag.token
}
//--- huge-width.mlir
ag.func @f(%x: tensor<i64> loc("x")) -> (tensor<i64>, !ag.token) {
  %t0 = ag.token
  %t1 = ag.print %t0, "[{%99999999999d}]\n", %x : tensor<i64> loc("w.cpp":3:9)
  ag.return %x, %t1 : tensor<i64>, !ag.token
}
//--- huge-precision.mlir
ag.func @f(%x: tensor<i64> loc("x")) -> (tensor<i64>, !ag.token) {
  %t0 = ag.token
  %f = ag.cast %x : tensor<i64> to tensor<f64>
  %t1 = ag.print %t0, "[{%.100000f}]\n", %f : tensor<f64> loc("p.cpp":3:9)
  ag.return %x, %t1 : tensor<i64>, !ag.token
}
//--- char.mlir
ag.func @f(%x: tensor<i64> loc("x")) -> (tensor<i64>, !ag.token) {
  %t0 = ag.token
  %t1 = ag.print %t0, "[{%c}] [{%c}[2J]\n", %x, %x : tensor<i64>, tensor<i64>
  ag.return %x, %t1 : tensor<i64>, !ag.token
}
