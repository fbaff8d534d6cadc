// RUN: ag-opt %s --ag-lower-to-arith | FileCheck %s

// Calls between lowered functions pass the callee's fault flag on.
// CHECK-LABEL: func.func private @half(%arg0: i64) -> (i64, i1)
// CHECK: arith.divsi
// CHECK-LABEL: func.func @caller(%arg0: i64) -> (i64, i1)
// CHECK: %[[R:.*]]:2 = call @half(%arg0) : (i64) -> (i64, i1)
// CHECK: %[[F:.*]] = arith.ori %{{.*}}, %[[R]]#1 : i1
// CHECK: return %{{.*}}, %[[F]] : i64, i1
ag.func private @half(%x: tensor<i64>) -> tensor<i64> {
  %three = ag.constant dense<3> : tensor<i64>
  %h = ag.div %x, %three : tensor<i64>
  ag.return %h : tensor<i64>
}
ag.func @caller(%x: tensor<i64>) -> tensor<i64> {
  %h = ag.call @half(%x) : (tensor<i64>) -> tensor<i64>
  %r = ag.add %h, %x : tensor<i64>
  ag.return %r : tensor<i64>
}
