// RUN: ag-opt %s --ag-print-program -o /dev/null | FileCheck %s

// ag.while: a node with a condition and a body sub-program over the carried
// values; ag.for: a node with one body over the index and carried values.

// The while's operands: its inits, then the captures of its regions; the
// condition region yields the condition and the carried values.
// CHECK-LABEL: program @collatz
// CHECK-NEXT: args(%0(a))
// CHECK-NEXT: const %1 = 0
// CHECK-NEXT: const %2 = 1
// CHECK-NEXT: %3(a), %4 = ag.while(%0(a), %1, %2, %2) heavy
// CHECK-NEXT:   {
// CHECK-NEXT:     args(%0, %1)
// CHECK-NEXT:     capture %2 <- outer %2
// CHECK-NEXT:     %3 = ag.cmp(%0, %2)
// CHECK-NEXT:     results(%3, %0, %1)
// CHECK-NEXT:   }
// CHECK-NEXT:   {
// CHECK-NEXT:     args(%0, %1)
// CHECK-NEXT:     capture %4 <- outer %2
// CHECK-NEXT:     const %2 = 2
// CHECK-NEXT:     %3 = ag.div(%0, %2)
// CHECK-NEXT:     %5 = ag.add(%1, %4)
// CHECK-NEXT:     results(%3, %5)
// CHECK-NEXT:   }
// CHECK-NEXT: results(%4)

// The for's operands: lower bound, upper bound, step, inits; its body's
// arguments: the index, then the carried values.
// CHECK-LABEL: program @sum
// CHECK-NEXT: args(%0(n))
// CHECK-NEXT: const %1 = 0
// CHECK-NEXT: const %2 = 1
// CHECK-NEXT: %3(total) = ag.for(%1, %0(n), %2, %1) heavy
// CHECK-NEXT:   {
// CHECK-NEXT:     args(%0, %1)
// CHECK-NEXT:     %2 = ag.add(%1, %0)
// CHECK-NEXT:     results(%2)
// CHECK-NEXT:   }
// CHECK-NEXT: results(%3(total))

ag.func @collatz(%a: tensor<i64> loc("a")) -> tensor<i64> {
  %zero = ag.constant dense<0> : tensor<i64>
  %one = ag.constant dense<1> : tensor<i64>
  %r:2 = ag.while (%x = %a, %n = %zero) : (tensor<i64>, tensor<i64>)
                                      -> (tensor<i64>, tensor<i64>) {
    %go = ag.cmp ne, %x, %one : tensor<i64>
    ag.condition %go(%x, %n : tensor<i64>, tensor<i64>)
  } do {
  ^bb0(%x: tensor<i64>, %n: tensor<i64>):
    %two = ag.constant dense<2> : tensor<i64>
    %h = ag.div %x, %two : tensor<i64>
    %n1 = ag.add %n, %one : tensor<i64>
    ag.yield %h, %n1 : tensor<i64>, tensor<i64>
  } loc("counter")
  ag.return %r#1 : tensor<i64>
}

ag.func @sum(%n: tensor<i64> loc("n")) -> tensor<i64> {
  %zero = ag.constant dense<0> : tensor<i64>
  %one = ag.constant dense<1> : tensor<i64>
  %s = ag.for %i = %zero to %n step %one iter_args(%acc = %zero) -> (tensor<i64>) {
    %acc1 = ag.add %acc, %i : tensor<i64>
    ag.yield %acc1 : tensor<i64>
  } loc("total")
  ag.return %s : tensor<i64>
}
