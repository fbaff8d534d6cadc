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
