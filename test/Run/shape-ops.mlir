// concat, slice, gather and broadcast on the evaluator with fed (dynamic)
// sizes and indices. A graph file may ask for anything: slice bounds,
// indices and shapes that do not fit are evaluation errors at the op, never
// a copy out of bounds (nor a clamped slice).
// RUN: ag-run %s --feed "x=[1.0, 2.0, 3.0, 4.0]" --feed "i=[3, 0]" | FileCheck %s
// RUN: not ag-run %s --feed "x=[1.0, 2.0]" --feed "i=[0]" 2>&1 | FileCheck %s --check-prefix=SLICE
// RUN: not ag-run %s --backend=native --feed "x=[1.0, 2.0]" --feed "i=[0]" 2>&1 | FileCheck %s --check-prefix=SLICE
// RUN: not ag-run %s --feed "x=[1.0, 2.0, 3.0, 4.0]" --feed "i=[4]" 2>&1 | FileCheck %s --check-prefix=GATHER
// RUN: not ag-run %s --feed "x=[1.0, 2.0, 3.0, 4.0]" --feed "i=[-9223372036854775808]" 2>&1 | FileCheck %s --check-prefix=GATHERMIN
// RUN: not ag-run %s --feed "x=[1.0, 2.0, 3.0]" --feed "i=[0]" 2>&1 | FileCheck %s --check-prefix=BROADCAST

ag.func @main(%x: tensor<?xf64> loc("x"), %i: tensor<?xi64> loc("i"))
    -> (tensor<?xf64>, tensor<?xf64>, tensor<?xf64>, tensor<2x4xf64>, tensor<?xf64>, tensor<?xf64>) {
  %tail = ag.slice %x [1] to [9223372036854775807] step [2] : tensor<?xf64> loc("tail")
  %mid = ag.slice %x [-3] to [3] step [1] : tensor<?xf64> loc("mid")
  %g = ag.gather %x[%i] along 0 : tensor<?xf64>, tensor<?xi64> loc("g")
  %b = ag.broadcast %x : tensor<?xf64> to tensor<2x4xf64> loc("b")
  %c = ag.concat %tail, %g, %x along 0 : tensor<?xf64>, tensor<?xf64>, tensor<?xf64> loc("c")
  %rev = ag.slice %x [-1] to [9223372036854775807] step [-1] : tensor<?xf64> loc("rev")
  ag.return %tail, %mid, %g, %b, %c, %rev : tensor<?xf64>, tensor<?xf64>, tensor<?xf64>, tensor<2x4xf64>, tensor<?xf64>, tensor<?xf64>
}

// CHECK: result0 = [2, 4]
// CHECK-NEXT: result1 = [2, 3]
// CHECK-NEXT: result2 = [4, 1]
// CHECK-NEXT: result3 = {{\[\[}}1, 2, 3, 4], [1, 2, 3, 4]]
// CHECK-NEXT: result4 = [2, 4, 4, 1, 1, 2, 3, 4]
// CHECK-NEXT: result5 = [4, 3, 2, 1]

// SLICE: error: slice -3:3 is out of range for dimension 0 of float64[2]
// GATHER: error: gather index 4 is out of range for dimension 0 of float64[4] (size 4)
// GATHERMIN: error: gather index -9223372036854775808 is out of range
// BROADCAST: error: cannot broadcast [3] to [2, 4]
