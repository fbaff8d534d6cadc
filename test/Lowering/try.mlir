// RUN: ag-opt %s --ag-print-program -o /dev/null | FileCheck %s

// An ag.try is one node with a sub-program per region; the handler's
// argument is the error's message.

// CHECK-LABEL: program @guarded
// CHECK: %[[R:[0-9]+]](r) = ag.try(
// CHECK-NEXT:   {
// CHECK-NEXT:     args()
// CHECK:          %{{[0-9]+}}(q) = ag.div(
// CHECK:        }
// CHECK-NEXT:   {
// CHECK-NEXT:     args(%0(what))
// CHECK:        }
// CHECK-NEXT: results(%[[R]](r))
ag.func @guarded(%x: tensor<i64> loc("x")) -> tensor<i64> {
  %zero = ag.constant dense<0> : tensor<i64>
  %r = ag.try -> (tensor<i64>) {
    %q = ag.div %x, %x : tensor<i64> loc("q")
    ag.yield %q : tensor<i64>
  } catch {
  ^bb0(%what: !ag.host<"std::string"> loc("what")):
    ag.yield %zero : tensor<i64>
  } loc("r")
  ag.return %r : tensor<i64>
}
