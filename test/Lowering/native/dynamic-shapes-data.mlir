// Concat, gather and slice with dynamic dimensions on the buffered path:
// the concat checks the operands' other dimensions and copies rows of
// run-time length (a memcpy each); the gather checks each index against
// the run-time extent of its axis; the slice resolves its bounds against
// the run-time extents (sem::resolveSlice: from the end when negative,
// backwards for a negative step), and a bound out of range is the
// interpreter's error. Same graph, feeds of several shapes, the
// interpreter's results and errors (native runs: ops executed 0).
// RUN: ag-opt %s --ag-lower-to-arith | FileCheck %s --check-prefix=IR
// RUN: ag-run %s --backend=native --stats --feed "x=[[1, 2], [3, 4]]" --feed "y=[[5], [6]]" --feed "i=[1, 0, 1]" 2>&1 | FileCheck %s --check-prefixes=TWO,NATIVE
// RUN: ag-run %s --backend=interpreter --feed "x=[[1, 2], [3, 4]]" --feed "y=[[5], [6]]" --feed "i=[1, 0, 1]" | FileCheck %s --check-prefix=TWO
// RUN: ag-run %s --backend=native --stats --feed "x=[[1], [2], [3]]" --feed "y=[[5], [6], [7]]" --feed "i=[]" 2>&1 | FileCheck %s --check-prefixes=EMPTY,NATIVE
// RUN: ag-run %s --backend=interpreter --feed "x=[[1], [2], [3]]" --feed "y=[[5], [6], [7]]" --feed "i=[]" | FileCheck %s --check-prefix=EMPTY
// RUN: not ag-run %s --backend=native --feed "x=[[1, 2], [3, 4]]" --feed "y=[[5], [6], [7]]" --feed "i=[1]" 2>&1 | FileCheck %s --check-prefix=ROWS
// RUN: not ag-run %s --backend=interpreter --feed "x=[[1, 2], [3, 4]]" --feed "y=[[5], [6], [7]]" --feed "i=[1]" 2>&1 | FileCheck %s --check-prefix=ROWS
// RUN: not ag-run %s --backend=native --feed "x=[[1, 2, 3]]" --feed "y=[[5]]" --feed "i=[0]" 2>&1 | FileCheck %s --check-prefix=SLICE
// RUN: not ag-run %s --backend=interpreter --feed "x=[[1, 2, 3]]" --feed "y=[[5]]" --feed "i=[0]" 2>&1 | FileCheck %s --check-prefix=SLICE
// RUN: not ag-run %s --backend=native --feed "x=[[1, 2]]" --feed "y=[[5, 6, 7]]" --feed "i=[0, 1]" 2>&1 | FileCheck %s --check-prefix=INDEX
// RUN: not ag-run %s --backend=interpreter --feed "x=[[1, 2]]" --feed "y=[[5, 6, 7]]" --feed "i=[0, 1]" 2>&1 | FileCheck %s --check-prefix=INDEX

// IR-LABEL: func.func @g(
// IR-SAME: %{{[a-z0-9]+}}: !llvm.ptr, %[[XR:[a-z0-9]+]]: i64, %{{[a-z0-9]+}}: i64, %{{[a-z0-9]+}}: !llvm.ptr, %[[YR:[a-z0-9]+]]: i64,
// IR-SAME: attributes {ag.buffered, ag.dynamic_shapes}
// IR: arith.cmpi eq, %[[XR]], %[[YR]]
// IR: "llvm.intr.memcpy"
// IR: "llvm.intr.memcpy"
// IR: arith.cmpi sge, %{{.*}}, %[[XR]] : i64
// The slice's start -2 counts from the end of the concat's rows.
// IR: arith.addi %[[XR]], %c-2_i64
// IR: arith.maxsi

// TWO: result0 = {{\[\[}}1, 2, 5], [3, 4, 6]]
// TWO: result1 = {{\[\[}}3, 4, 6], [1, 2, 5], [3, 4, 6]]
// TWO: result2 = {{\[\[}}2], [4]]
// TWO: result3 = {{\[\[}}4], [2]]
// EMPTY: result0 = {{\[\[}}1, 5], [2, 6], [3, 7]]
// EMPTY: result1 = []
// EMPTY: result2 = {{\[\[}}6], [7]]
// EMPTY: result3 = {{\[\[}}3], [2], [1]]
// NATIVE: ops executed: 0,
// NATIVE: native: 1 compiled calls, 0 run by the interpreter instead
// One row: the start -2 is before it.
// SLICE: dynamic-shapes-data.mlir:[[@LINE+8]]:8: error: slice -2: is out of range for dimension 0 of float64[1, 4]
// ROWS: dynamic-shapes-data.mlir:[[@LINE+5]]:8: error: concat along axis 1: float64[2, 2] and float64[3, 1] differ in another dimension
// INDEX: dynamic-shapes-data.mlir:[[@LINE+5]]:8: error: gather index 1 is out of range for dimension 0 of float64[1, 5] (size 1)
ag.func @g(%x: tensor<?x?xf64> loc("x"), %y: tensor<?x?xf64> loc("y"),
           %i: tensor<?xi64> loc("i"))
    -> (tensor<?x?xf64>, tensor<?x?xf64>, tensor<?x?xf64>, tensor<?x?xf64>) {
  %c = ag.concat %x, %y along 1 : tensor<?x?xf64>, tensor<?x?xf64>
  %g = ag.gather %c[%i] along 0 : tensor<?x?xf64>, tensor<?xi64>
  %s = ag.slice %c [-2, 1] to [9223372036854775807, 9223372036854775807] step [1, 2]
      : tensor<?x?xf64>
  // x[::-1, -2::-2]
  %r = ag.slice %c [-1, -2] to [9223372036854775807, 9223372036854775807] step [-1, -2]
      : tensor<?x?xf64>
  ag.return %c, %g, %s, %r
      : tensor<?x?xf64>, tensor<?x?xf64>, tensor<?x?xf64>, tensor<?x?xf64>
}
