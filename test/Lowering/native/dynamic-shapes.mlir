// Dynamic dimensions on the buffered path (issue 13): sizes come from the
// feeds when the function runs. Each ranked parameter's pointer is followed
// by its dimensions; each ranked result is a descriptor the code fills with
// a buffer it allocated (the buffer cache) and the result's dimensions.
// Each op computes its result's dimensions and checks its operands' as the
// kernel does; a mismatch is a fault, after which no more loops run, and
// the interpreter re-runs to report it at the op's line. The same graph
// runs natively (ops executed: 0) on feeds of several shapes with the
// interpreter's results.
// RUN: ag-opt %s --ag-lower-to-arith | FileCheck %s --check-prefix=IR
// RUN: ag-opt %s --ag-lower-to-llvm > /dev/null
// RUN: ag-run %s --backend=native --stats --feed "x=[[1.5, 2, 3], [4, 5, 6.25], [7, 8, -9]]" --feed "y=[10, 20, 30]" 2>&1 | FileCheck %s --check-prefixes=THREE,NATIVE
// RUN: ag-run %s --backend=interpreter --feed "x=[[1.5, 2, 3], [4, 5, 6.25], [7, 8, -9]]" --feed "y=[10, 20, 30]" | FileCheck %s --check-prefix=THREE
// RUN: ag-run %s --backend=native --stats --feed "x=[[0.5]]" --feed "y=[-2]" 2>&1 | FileCheck %s --check-prefixes=ONE,NATIVE
// RUN: ag-run %s --backend=interpreter --feed "x=[[0.5]]" --feed "y=[-2]" | FileCheck %s --check-prefix=ONE
// RUN: ag-run %s --backend=native --stats --feed "x=[[1, 2], [3, 4]]" --feed "y=[0.5, 0.25]" 2>&1 | FileCheck %s --check-prefixes=TWO,NATIVE
// RUN: ag-run %s --backend=interpreter --feed "x=[[1, 2], [3, 4]]" --feed "y=[0.5, 0.25]" | FileCheck %s --check-prefix=TWO
// RUN: ag-run %s --backend=native --stats --feed "x=[[1, 2, 3]]" --feed "y=[1, 2, 3]" 2>&1 | FileCheck %s --check-prefixes=ROW,NATIVE
// RUN: ag-run %s --backend=interpreter --feed "x=[[1, 2, 3]]" --feed "y=[1, 2, 3]" | FileCheck %s --check-prefix=ROW
// RUN: not ag-run %s --backend=native --feed "x=[[1, 2], [3, 4]]" --feed "y=[1, 2, 3]" 2>&1 | FileCheck %s --check-prefix=MISMATCH
// RUN: not ag-run %s --backend=interpreter --feed "x=[[1, 2], [3, 4]]" --feed "y=[1, 2, 3]" 2>&1 | FileCheck %s --check-prefix=MISMATCH

// IR-LABEL: func.func @f(
// IR-SAME: %[[X:[a-z0-9]+]]: !llvm.ptr, %[[XR:[a-z0-9]+]]: i64, %[[XC:[a-z0-9]+]]: i64, %[[Y:[a-z0-9]+]]: !llvm.ptr, %[[YN:[a-z0-9]+]]: i64,
// IR-SAME: %[[R0:[a-z0-9]+]]: !llvm.ptr, %{{[a-z0-9]+}}: !llvm.ptr, %{{[a-z0-9]+}}: !llvm.ptr, %{{[a-z0-9]+}}: !llvm.ptr, %{{[a-z0-9]+}}: !llvm.ptr)
// IR-SAME: -> (f64, i1) attributes {ag.buffered, ag.dynamic_shapes}
// The row sums: a buffer of rows * 8 bytes; whether each row is summed in
// eight partial sums is the kernel's choice, the same here.
// IR: %[[BYTES:.*]] = arith.muli %[[XR]], %c8_i64
// IR: %[[S:.*]] = call @ag_native_alloc(%[[BYTES]])
// IR: scf.for %{{.*}} = %{{.*}} to %[[XR]]
// The max over the rows checks that there is a row.
// IR: arith.cmpi eq, %[[XR]], %c0_i64
// The add checks that the row sums and y have one length or that one of
// them is 1 (the kernels broadcast dynamic extents: numpy's rule); from
// the first fault on, the ops' loops are skipped.
// IR: arith.cmpi eq, %[[XR]], %[[YN]]
// IR: %[[N:.*]] = arith.select %{{.*}}, %[[YN]], %[[XR]] : i64
// IR: scf.if %{{.*}} -> (i1) {
// Results: the buffer the add allocated and its dimensions into the
// descriptor.
// IR: llvm.store %{{.*}}, %[[R0]] : !llvm.ptr, !llvm.ptr
// IR: %[[D0:.*]] = llvm.getelementptr %[[R0]][1]
// IR: llvm.store %[[N]], %[[D0]]
// IR: return

// THREE: result0 = [16.5, 35.25, 36]
// THREE: result1 = {{\[\[}}15, 40, 90], [40, 100, 187.5], [70, 160, -270]]
// THREE: result2 = [2, 2, 1]
// THREE: result3 = 3.0833333333333335
// THREE: result4 = {{\[\[}}372.5, 822.5, -385], [822.5, 1831.875, -607.5], [-385, -607.5, 4200]]
// THREE: result5 = [7, 8, 6.25]
// ONE: result0 = [-1.5]
// ONE: result1 = {{\[\[}}-1]]
// ONE: result2 = [0]
// ONE: result3 = 0.5
// ONE: result4 = {{\[\[}}-0.5]]
// ONE: result5 = [0.5]
// TWO: result0 = [3.5, 7.25]
// TWO: result1 = {{\[\[}}0.5, 0.5], [1.5, 1]]
// TWO: result2 = [1, 1]
// TWO: result3 = 2.5
// TWO: result4 = {{\[\[}}1.5, 3.5], [3.5, 8.5]]
// TWO: result5 = [3, 4]
// One row: its sum broadcasts against y.
// ROW: result0 = [7, 8, 9]
// ROW: result1 = {{\[\[}}1, 4, 9]]
// ROW: result2 = [2]
// ROW: result3 = 2
// ROW: result4 = {{\[\[}}36]]
// ROW: result5 = [1, 2, 3]
// NATIVE: ops executed: 0,
// MISMATCH: dynamic-shapes.mlir:[[@LINE+5]]:8: error: 'add': shapes [2] and [3] cannot be broadcast together
ag.func @f(%x: tensor<?x?xf64> loc("x"), %y: tensor<?xf64> loc("y"))
    -> (tensor<?xf64>, tensor<?x?xf64>, tensor<?xi64>, tensor<f64>, tensor<?x?xf64>, tensor<?xf64>) {
  %s = ag.reduce sum %x over [1] : tensor<?x?xf64>
  %m = ag.reduce max %x over [0] : tensor<?x?xf64>
  %a = ag.add %s, %y : tensor<?xf64>
  %b = ag.broadcast %y like %x : tensor<?xf64> to tensor<?x?xf64> like tensor<?x?xf64>
  %c = ag.mul %b, %x : tensor<?x?xf64>
  %i = ag.reduce argmax %x over [1] : tensor<?x?xf64>
  %mean = ag.reduce mean %x over [0, 1] : tensor<?x?xf64>
  %t = ag.transpose %c [1, 0] : tensor<?x?xf64>
  %mm = ag.matmul %x, %t : tensor<?x?xf64>, tensor<?x?xf64>
  ag.return %a, %c, %i, %mean, %mm, %m : tensor<?xf64>, tensor<?x?xf64>, tensor<?xi64>, tensor<f64>, tensor<?x?xf64>, tensor<?xf64>
}
