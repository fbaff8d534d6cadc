// Bool tensors travel as one byte per element, in and out, natively.
// RUN: ag-run %s --backend=native --feed "p=[true, false, true, false]" --feed "x=[5, -6, 7, 8]" --stats 2>&1 | FileCheck %s --check-prefixes=CHECK,NATIVE
// RUN: ag-run %s --backend=interpreter --feed "p=[true, false, true, false]" --feed "x=[5, -6, 7, 8]" | FileCheck %s
// CHECK: result0 = [1, -6, 1, 8]
// CHECK: result1 = [false, true, false, true]
// NATIVE: ops executed: 0,

ag.func @f(%p: tensor<?xi1> loc("p"), %x: tensor<?xi32> loc("x")) -> (tensor<?xi32>, tensor<?xi1>) {
  %n = ag.not %p : tensor<?xi1>
  %c = ag.cast %p : tensor<?xi1> to tensor<?xi32>
  %s = ag.select %n, %x, %c : tensor<?xi1>, tensor<?xi32>
  ag.return %s, %n : tensor<?xi32>, tensor<?xi1>
}
