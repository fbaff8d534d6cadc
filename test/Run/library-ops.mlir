// The op library on the evaluator: constants built at run time (not folded:
// the inputs are fed), reduced, multiplied, transposed and reshaped.
// RUN: ag-run %s --feed k=2 | FileCheck %s

ag.func @main(%k: tensor<i64> loc("k")) -> (tensor<2xi64>, tensor<i64>, tensor<3x2xi64>, tensor<2xi64>) {
  %c = ag.constant dense<[[1, 5, -3], [4, 2, 6]]> : tensor<2x3xi64>
  %m = ag.mul %c, %k : tensor<2x3xi64>, tensor<i64>
  %s = ag.reduce sum %m over [1] : tensor<2x3xi64> loc("s")
  %a = ag.reduce argmax %m over [0, 1] : tensor<2x3xi64> loc("a")
  %t = ag.transpose %m [1, 0] : tensor<2x3xi64> loc("t")
  %v = ag.constant dense<[1, 1, 1]> : tensor<3xi64>
  %p = ag.matmul %m, %v : tensor<2x3xi64>, tensor<3xi64> loc("p")
  ag.return %s, %a, %t, %p : tensor<2xi64>, tensor<i64>, tensor<3x2xi64>, tensor<2xi64>
}

// CHECK: result0 = [6, 24]
// CHECK-NEXT: result1 = 5
// CHECK-NEXT: result2 = {{\[\[}}2, 8], [10, 4], [-6, 12]]
// CHECK-NEXT: result3 = [6, 24]
