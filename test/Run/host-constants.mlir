// An ag.host_constant names a value of the process that traced the graph:
// a loaded graph cannot have it. The error names the id as written (the
// attribute is signed: it was printed as 9223372036854775808) and the
// variable, at the op's location; nothing is executed.
// RUN: split-file %s %t
// RUN: not ag-run %t/negative.mlir 2>&1 | FileCheck %s --check-prefix=NEG
// RUN: not ag-run %t/positive.mlir 2>&1 | FileCheck %s --check-prefix=POS
// RUN: not ag-run %t/unnamed.mlir 2>&1 | FileCheck %s --check-prefix=UNNAMED

// NEG: h.cpp:2:3: error: host constant -9223372036854775808 ('path') does not exist in this process: a graph holding host values captured while tracing cannot be loaded elsewhere
// NEG-NOT: EXECUTED
//--- negative.mlir
ag.func @f() -> (!ag.host<"std::string">, !ag.token) {
  %t0 = ag.token
  %t1 = ag.print %t0, "EXECUTED\n"
  %k = ag.host_constant -9223372036854775808 {name = "path"} : !ag.host<"std::string"> loc("h.cpp":2:3)
  ag.return %k, %t1 : !ag.host<"std::string">, !ag.token
}

// POS: h.cpp:3:3: error: host constant 18446744 ('n') does not exist in this process
//--- positive.mlir
ag.func @f() -> !ag.host<"int"> {
  %k = ag.host_constant 18446744 {name = "n"} : !ag.host<"int"> loc("h.cpp":3:3)
  ag.return %k : !ag.host<"int">
}

// UNNAMED: error: host constant -1 does not exist in this process
//--- unnamed.mlir
ag.func @f() -> !ag.host<"int"> {
  %k = ag.host_constant -1 : !ag.host<"int">
  ag.return %k : !ag.host<"int">
}
