// A splat constant is a few bytes of graph text however large its type: it
// is checked against the memory limit before it is made, at load. Before,
// splat.mlir (155 bytes) had ag-run allocate and fill 8 GB for minutes.
// RUN: split-file %s %t
// RUN: not ag-run --max-memory 1G %t/splat.mlir 2>&1 | FileCheck %s --check-prefix=SPLAT
// RUN: not ag-run --max-memory 1G %t/hex.mlir 2>&1 | FileCheck %s --check-prefix=HEX
// RUN: not ag-run --max-memory 1M %t/two.mlir 2>&1 | FileCheck %s --check-prefix=TWO
// RUN: ag-run --max-memory 1M %t/fits.mlir | FileCheck %s --check-prefix=FITS

// SPLAT: c.cpp:2:3: error: this constant needs 8000000000 bytes, more than the memory limit leaves for the graph's constants (LoadOptions::maxBytes, ag-run --max-memory)
//--- splat.mlir
ag.func @f() -> tensor<1000000000xi64> {
  %c = ag.constant dense<7> : tensor<1000000000xi64> loc("c.cpp":2:3)
  ag.return %c : tensor<1000000000xi64>
}

// HEX: hex.mlir:2:8: error: this constant needs 8000000000 bytes
//--- hex.mlir
ag.func @f() -> tensor<1000000000xi64> {
  %c = ag.constant dense<"0x0102030405060708"> : tensor<1000000000xi64>
  ag.return %c : tensor<1000000000xi64>
}

// The limit is for all constants together: the second one does not fit.
// TWO: two.mlir:3:8: error: this constant needs 800000 bytes
//--- two.mlir
ag.func @f() -> (tensor<100000xf64>, tensor<100000xf64>) {
  %a = ag.constant dense<1.0> : tensor<100000xf64>
  %b = ag.constant dense<2.0> : tensor<100000xf64>
  ag.return %a, %b : tensor<100000xf64>, tensor<100000xf64>
}

// FITS: result0 = [1, 1, 1
//--- fits.mlir
ag.func @f() -> tensor<1000xf64> {
  %a = ag.constant dense<1.0> : tensor<1000xf64>
  ag.return %a : tensor<1000xf64>
}
