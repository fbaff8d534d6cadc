// RUN: ag-opt %s | ag-opt | FileCheck %s
// RUN: ag-opt %s --mlir-print-op-generic | ag-opt | FileCheck %s

// AG_NODE calls: !ag.host<"T"> values, ag.node (pure and effect, with a
// fan-in pack), ag.host_constant, and host values carried by ag.if and
// ag.for like tensors.

// CHECK-LABEL: ag.func @pipeline
// CHECK-SAME: (%[[P:.*]]: !ag.host<"std::string">, %[[C:.*]]: tensor<i1>) -> (!ag.host<"Fit">, !ag.token)
ag.func @pipeline(%p: !ag.host<"std::string">, %c: tensor<i1>)
    -> (!ag.host<"Fit">, !ag.token) {
  // CHECK: %[[T:.*]] = ag.node "load"(%[[P]]) : (!ag.host<"std::string">) -> !ag.host<"Table">
  %t = ag.node "load"(%p) : (!ag.host<"std::string">) -> !ag.host<"Table">
  // CHECK: %[[K:.*]] = ag.host_constant 7 {name = "path"} : !ag.host<"std::string">
  %k = ag.host_constant 7 {name = "path"} : !ag.host<"std::string">
  %u = ag.node "load"(%k) : (!ag.host<"std::string">) -> !ag.host<"Table">
  // CHECK: ag.node "concat"(%[[T]], %{{.*}}) {packs = array<i32: 2>}
  %all = ag.node "concat"(%t, %u) {packs = array<i32: 2>}
      : (!ag.host<"Table">, !ag.host<"Table">) -> !ag.host<"Table">
  %r = ag.constant dense<1.0> : tensor<f64>
  // CHECK: ag.node "fit"(%{{.*}}, %{{.*}}) : (!ag.host<"Table">, tensor<f64>) -> !ag.host<"Fit">
  %f = ag.node "fit"(%all, %r) : (!ag.host<"Table">, tensor<f64>) -> !ag.host<"Fit">
  // CHECK: ag.node "Fit.loss"(%{{.*}}) : (!ag.host<"Fit">) -> tensor<f64>
  %loss = ag.node "Fit.loss"(%f) : (!ag.host<"Fit">) -> tensor<f64>
  // CHECK: ag.if %[[C]] -> (!ag.host<"Fit">)
  %best = ag.if %c -> (!ag.host<"Fit">) {
    %g = ag.node "fit"(%t, %loss) : (!ag.host<"Table">, tensor<f64>) -> !ag.host<"Fit">
    ag.yield %g : !ag.host<"Fit">
  } else {
    ag.yield %f : !ag.host<"Fit">
  }
  %t0 = ag.token
  // CHECK: %{{.*}} = ag.node "report" effect(%{{.*}}, %{{.*}}) : (!ag.token, !ag.host<"Fit">) -> !ag.token
  %t1 = ag.node "report" effect(%t0, %best) : (!ag.token, !ag.host<"Fit">) -> !ag.token
  ag.return %best, %t1 : !ag.host<"Fit">, !ag.token
}

// An unused pure node is removed; an unused effect node is not.
// RUN: ag-opt %s --canonicalize | FileCheck %s --check-prefix=DCE
// DCE-LABEL: ag.func @dce
// DCE-NOT: "unused"
// DCE: ag.node "kept" effect
ag.func @dce(%p: !ag.host<"std::string">) -> !ag.token {
  %t = ag.node "unused"(%p) : (!ag.host<"std::string">) -> !ag.host<"Table">
  %t0 = ag.token
  %t1 = ag.node "kept" effect(%t0, %p) : (!ag.token, !ag.host<"std::string">) -> !ag.token
  ag.return %t1 : !ag.token
}
