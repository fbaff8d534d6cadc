// RUN: ag-opt %s | ag-opt | FileCheck %s
// RUN: ag-opt %s --mlir-print-op-generic | ag-opt | FileCheck %s

// ag.try: a graph-level try/catch around node calls. The handler's argument
// is the error's message; both regions yield the merged values and the
// effect token.

// CHECK-LABEL: ag.func @guarded
ag.func @guarded(%p: !ag.host<"std::string">, %t0: !ag.token,
                 %fallback: !ag.host<"Fit">) -> (!ag.host<"Fit">, !ag.token) {
  // CHECK: %{{.*}}:2 = ag.try -> (!ag.host<"Fit">, !ag.token) {
  // CHECK: ag.node "fit"
  // CHECK: ag.yield %{{.*}}, %{{.*}} : !ag.host<"Fit">, !ag.token
  // CHECK: } catch {
  // CHECK: ^bb0(%[[W:.*]]: !ag.host<"std::string">):
  // CHECK: ag.node "note" effect(%{{.*}}, %[[W]])
  %f, %t1 = ag.try -> (!ag.host<"Fit">, !ag.token) {
    %a = ag.node "fit"(%p) : (!ag.host<"std::string">) -> !ag.host<"Fit">
    ag.yield %a, %t0 : !ag.host<"Fit">, !ag.token
  } catch {
  ^bb0(%what: !ag.host<"std::string">):
    %t2 = ag.node "note" effect(%t0, %what) : (!ag.token, !ag.host<"std::string">) -> !ag.token
    ag.yield %fallback, %t2 : !ag.host<"Fit">, !ag.token
  }
  ag.return %f, %t1 : !ag.host<"Fit">, !ag.token
}

// catch (...) is `all`; a try without results needs no yields.
// CHECK-LABEL: ag.func @everything
// CHECK: ag.try all {
// CHECK: } catch {
ag.func @everything(%p: !ag.host<"std::string">) {
  ag.try all {
    %a = ag.node "fit"(%p) : (!ag.host<"std::string">) -> !ag.host<"Fit">
  } catch {
  ^bb0(%what: !ag.host<"std::string">):
  }
  ag.return
}

// Typed clauses: `catches` names each clause's type ("..." for catch (...));
// the handler's second argument is the index of the clause that matched.
// CHECK-LABEL: ag.func @typed
// CHECK: ag.try catches ["std::out_of_range", "Overflow", "..."] -> (tensor<i64>) {
// CHECK: } catch {
// CHECK: ^bb0(%{{.*}}: !ag.host<"std::string">, %{{.*}}: tensor<i64>):
ag.func @typed(%p: !ag.host<"std::string">) -> tensor<i64> {
  %zero = ag.constant dense<0> : tensor<i64>
  %r = ag.try catches ["std::out_of_range", "Overflow", "..."] -> (tensor<i64>) {
    %a = ag.node "fit"(%p) : (!ag.host<"std::string">) -> !ag.host<"Fit">
    ag.yield %zero : tensor<i64>
  } catch {
  ^bb0(%what: !ag.host<"std::string">, %clause: tensor<i64>):
    ag.yield %clause : tensor<i64>
  }
  ag.return %r : tensor<i64>
}
