// RUN: ag-opt %s --ag-print-program -o /dev/null | FileCheck %s

// The op library lowers to one node each; dynamic dimensions are left to
// the kernels, which check them when the graph runs.

// CHECK-LABEL: program @library
// CHECK-NEXT: args(%0(m), %1(v))
// CHECK-NEXT: %2(p) = ag.matmul(%0(m), %1(v))
// CHECK-NEXT: %3(t) = ag.transpose(%0(m))
// CHECK-NEXT: %4(f) = ag.reshape(%0(m))
// CHECK-NEXT: %5(k) = ag.reduce(%0(m))
// CHECK-NEXT: results(%2(p), %3(t), %4(f), %5(k))

ag.func @library(%m: tensor<?x3xf64> loc("m"), %v: tensor<3xf64> loc("v")) -> (tensor<?xf64>, tensor<3x?xf64>, tensor<?xf64>, tensor<1x3xf64>) {
  %p = ag.matmul %m, %v : tensor<?x3xf64>, tensor<3xf64> loc("p")
  %t = ag.transpose %m [1, 0] : tensor<?x3xf64> loc("t")
  %f = ag.reshape %m : tensor<?x3xf64> to tensor<?xf64> loc("f")
  %k = ag.reduce max %m over [0] keepdims : tensor<?x3xf64> loc("k")
  ag.return %p, %t, %f, %k : tensor<?xf64>, tensor<3x?xf64>, tensor<?xf64>, tensor<1x3xf64>
}
