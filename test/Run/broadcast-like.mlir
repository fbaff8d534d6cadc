// ag.broadcast with `like` operands on the evaluator: the shape is the
// numpy broadcast of the fed (dynamic) shapes; shapes that do not
// broadcast are an evaluation error at the op naming both.
// RUN: ag-run %s --feed "x=[-1.0, 2.0, -3.0]" --feed "m=[[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]]" --feed "r=[10.0, 20.0]" | FileCheck %s
// RUN: ag-run %s --feed "x=[]" --feed "m=[[1.0, 2.0]]" --feed "r=[10.0]" | FileCheck %s --check-prefix=EDGE
// RUN: not ag-run %s --feed "x=[1.0]" --feed "m=[[1.0, 2.0]]" --feed "r=[1.0, 2.0, 3.0]" 2>&1 | FileCheck %s --check-prefix=BAD

ag.func @main(%x: tensor<?xf64> loc("x"), %m: tensor<?x?xf64> loc("m"), %r: tensor<?xf64> loc("r"))
    -> (tensor<?xf64>, tensor<?x?xf64>) {
  %zero = ag.constant dense<0.0> : tensor<f64>
  %pos = ag.cmp gt, %x, %zero : tensor<?xf64>, tensor<f64>
  %z = ag.broadcast %zero like %pos : tensor<f64> to tensor<?xf64> like tensor<?xi1> loc("w.cpp":3:10)
  %w = ag.select %pos, %z, %x : tensor<?xi1>, tensor<?xf64> loc("w")
  %rb = ag.broadcast %r like %m : tensor<?xf64> to tensor<?x?xf64> like tensor<?x?xf64> loc("w.cpp":4:10)
  %s = ag.add %m, %rb : tensor<?x?xf64> loc("s")
  ag.return %w, %s : tensor<?xf64>, tensor<?x?xf64>
}

// CHECK: result0 = [-1, 0, -3]
// CHECK-NEXT: result1 = {{\[\[}}11, 22], [13, 24], [15, 26]]

// A size-1 dimension broadcasts; an empty one stays empty.
// EDGE: result0 = []
// EDGE-NEXT: result1 = {{\[\[}}11, 12]]

// BAD: w.cpp:4:10: error: 'broadcast': shapes [3] and [1, 2] cannot be broadcast together
