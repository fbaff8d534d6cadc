// RUN: ag-opt %s --ag-print-program -o /dev/null | FileCheck %s

// An ag.if is one node with a sub-program per region; values from outside a
// region are its captures.

// The if's operands: the condition, then the captures of both regions.
// CHECK-LABEL: program @guarded
// CHECK-NEXT: args(%0(x))
// CHECK-NEXT: const %1 = 0
// CHECK-NEXT: const %2 = 1
// CHECK-NEXT: %3(pos) = ag.cmp(%0(x), %1)
// CHECK-NEXT: %4(r) = ag.if(%3(pos), %0(x), %2, %0(x), %1)
// CHECK-NEXT:   {
// CHECK-NEXT:     args()
// CHECK-NEXT:     capture %0(x) <- outer %0
// CHECK-NEXT:     capture %1 <- outer %2
// CHECK-NEXT:     %2(a) = ag.add(%0(x), %1)
// CHECK-NEXT:     results(%2(a))
// CHECK-NEXT:   }
// CHECK-NEXT:   {
// CHECK-NEXT:     args()
// CHECK-NEXT:     capture %0(x) <- outer %0
// CHECK-NEXT:     capture %1 <- outer %1
// CHECK-NEXT:     %2(q) = ag.div(%0(x), %1)
// CHECK-NEXT:     results(%2(q))
// CHECK-NEXT:   }
// CHECK-NEXT: results(%4(r))

ag.func @guarded(%x: tensor<i64> loc("x")) -> tensor<i64> {
  %zero = ag.constant dense<0> : tensor<i64>
  %one = ag.constant dense<1> : tensor<i64>
  %pos = ag.cmp gt, %x, %zero : tensor<i64> loc("pos")
  %r = ag.if %pos -> (tensor<i64>) {
    %a = ag.add %x, %one : tensor<i64> loc("a")
    ag.yield %a : tensor<i64>
  } else {
    %q = ag.div %x, %zero : tensor<i64> loc("q")
    ag.yield %q : tensor<i64>
  } loc("r")
  ag.return %r : tensor<i64>
}
