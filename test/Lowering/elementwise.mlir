// RUN: ag-opt %s --ag-print-program -o /dev/null | FileCheck %s

// Constants become program constants, each op one node naming its kernel,
// slots the source variables they hold; a large tensor is "heavy".

// CHECK-LABEL: program @elementwise
// CHECK-NEXT: args(%0(x), %1(v))
// CHECK-NEXT: const %2 = 2
// CHECK-NEXT: %3(y) = ag.mul(%0(x), %2)
// CHECK-NEXT: %4(z) = ag.add(%3(y), %0(x))
// CHECK-NEXT: %5 = ag.cast(%4(z))
// CHECK-NEXT: %6(w) = ag.mul(%1(v), %5) heavy
// CHECK-NEXT: results(%4(z), %6(w))

ag.func @elementwise(%x: tensor<i64> loc("x"), %v: tensor<40000xf64> loc("v")) -> (tensor<i64>, tensor<40000xf64>) {
  %two = ag.constant dense<2> : tensor<i64>
  %y = ag.mul %x, %two : tensor<i64> loc("y")
  %z = ag.add %y, %x : tensor<i64> loc("z")
  %f = ag.cast %z : tensor<i64> to tensor<f64>
  %w = ag.mul %v, %f : tensor<40000xf64>, tensor<f64> loc("w")
  ag.return %z, %w : tensor<i64>, tensor<40000xf64>
}
