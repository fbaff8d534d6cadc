// RUN: ag-opt %s | ag-opt | FileCheck %s
// RUN: ag-opt %s --mlir-print-op-generic | ag-opt | FileCheck %s

// ag.set_index (t[i] = v) and ag.list_stack with a declared element type
// parse, verify and print back to the same form.

// CHECK-LABEL: ag.func @set_rows
// CHECK-SAME: (%[[M:.*]]: tensor<2x3xf32>, %[[R:.*]]: tensor<3xf32>, %[[I:.*]]: tensor<i64>, %[[V:.*]]: tensor<?xi64>, %[[X:.*]]: tensor<i64>)
ag.func @set_rows(%m: tensor<2x3xf32>, %r: tensor<3xf32>, %i: tensor<i64>,
                  %v: tensor<?xi64>, %x: tensor<i64>)
    -> (tensor<2x3xf32>, tensor<?xi64>) {
  // CHECK: %[[M2:.*]] = ag.set_index %[[M]][%[[I]]], %[[R]] : tensor<2x3xf32>, tensor<3xf32>
  %m2 = ag.set_index %m[%i], %r : tensor<2x3xf32>, tensor<3xf32>
  // CHECK: %[[V2:.*]] = ag.set_index %[[V]][%[[I]]], %[[X]] : tensor<?xi64>, tensor<i64>
  %v2 = ag.set_index %v[%i], %x : tensor<?xi64>, tensor<i64>
  // CHECK: ag.return %[[M2]], %[[V2]]
  ag.return %m2, %v2 : tensor<2x3xf32>, tensor<?xi64>
}

// CHECK-LABEL: ag.func @declared_stack
ag.func @declared_stack() -> (tensor<?x2xf64>, tensor<?xi64>) {
  %l = ag.list_new
  // CHECK: ag.list_stack %{{.*}} declared : tensor<?x2xf64>
  %a = ag.list_stack %l declared : tensor<?x2xf64>
  // CHECK: ag.list_stack %{{.*}} : tensor<?xi64>
  %b = ag.list_stack %l : tensor<?xi64>
  ag.return %a, %b : tensor<?x2xf64>, tensor<?xi64>
}
