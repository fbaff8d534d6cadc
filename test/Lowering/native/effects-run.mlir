// The interpreter's effect tests (test/Run) on the native backend, checked
// against the same lines: prints once each in program order, only on taken
// paths; a failed assert's diagnostic; control characters escaped as the
// interpreter escapes them for a graph read from a file.
// RUN: ag-run --backend=native %S/../../Run/effects.mlir --feed x=3 | FileCheck %S/../../Run/effects.mlir --check-prefix=ALL
// RUN: not ag-run --backend=native %S/../../Run/effects.mlir --feed x=-1 2>&1 | FileCheck %S/../../Run/effects.mlir --check-prefix=ASSERT
// RUN: ag-run --backend=native %S/../../Run/hostile-strings.mlir --feed x=1 | FileCheck %S/../../Run/hostile-strings.mlir --check-prefix=PRINT
// RUN: ag-run --backend=native %S/../../Run/hostile-strings.mlir --feed x=1 | od -An -c | FileCheck %S/../../Run/hostile-strings.mlir --check-prefix=RAW
// RUN: not ag-run --backend=native %S/../../Run/hostile-strings.mlir --feed x=-1 2>&1 | FileCheck %S/../../Run/hostile-strings.mlir --check-prefix=ERR
// RUN: not ag-run --backend=native %S/../../Run/hostile-strings.mlir --feed x=-1 2>&1 | od -An -c | FileCheck %S/../../Run/hostile-strings.mlir --check-prefix=RAW

// Both graphs run natively (no remark).
// RUN: ag-run --backend=native %S/../../Run/effects.mlir --feed x=3 --stats 2>&1 | FileCheck %s
// CHECK-NOT: remark
// CHECK: ops executed: 0,
