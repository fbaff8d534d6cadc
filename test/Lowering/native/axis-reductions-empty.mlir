// Empty tensors on the buffered path, as kernels::reduce: a sum of no
// elements is 0, a product 1, a mean the kernel's NaN; a min, max, argmin
// or argmax along a non-empty axis of an empty tensor is empty (along an
// empty axis of a static shape the verifier rejects it).
// RUN: ag-run %s --backend=native --feed "x=[[], []]" --stats 2>&1 | FileCheck %s --check-prefixes=CHECK,NATIVE
// RUN: ag-run %s --backend=interpreter --feed "x=[[], []]" | FileCheck %s

// CHECK: result0 = [0, 0]
// CHECK: result1 = [nan, nan]
// CHECK: result2 = [1, 1]
// CHECK: result3 = []
// CHECK: result4 = []
// CHECK: result5 = {{\[\[}}]]
// CHECK: result6 = 0
// NATIVE: ops executed: 0,

ag.func @e(%x: tensor<2x0xf64> loc("x"))
    -> (tensor<2xf64>, tensor<2xf64>, tensor<2xf64>, tensor<0xf64>,
        tensor<0xi64>, tensor<1x0xf64>, tensor<f64>) {
  %s = ag.reduce sum %x over [1] : tensor<2x0xf64>
  %m = ag.reduce mean %x over [1] : tensor<2x0xf64>
  %p = ag.reduce prod %x over [1] : tensor<2x0xf64>
  %mx = ag.reduce max %x over [0] : tensor<2x0xf64>
  %am = ag.reduce argmax %x over [0] : tensor<2x0xf64>
  %mn = ag.reduce min %x over [0] keepdims : tensor<2x0xf64>
  %all = ag.reduce_sum %x : tensor<2x0xf64>
  ag.return %s, %m, %p, %mx, %am, %mn, %all
      : tensor<2xf64>, tensor<2xf64>, tensor<2xf64>, tensor<0xf64>,
        tensor<0xi64>, tensor<1x0xf64>, tensor<f64>
}
