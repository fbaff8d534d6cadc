// ag.slice on the buffered path: the input read from its first element
// with its strides times the steps (kernels::slice), negative bounds
// counted from the end; an empty result copies nothing, a 0-d input is
// its own slice. A slice whose elements are one block of its input (whole
// trailing rows) is that buffer from its first element, as a reshape is:
// the input's buffer then lives until the slice's last reader. Negative
// steps read backwards (negative strides).
// RUN: ag-opt %s --ag-lower-to-arith | FileCheck %s --check-prefix=IR
// RUN: ag-run %s --backend=native --feed "m=[[0, 1, 2, 3, 4], [10, 11, 12, 13, 14], [20, 21, 22, 23, 24], [30, 31, 32, 33, 34]]" --feed "v=[true, false, true, true]" --feed s=2.5 --stats 2>&1 | FileCheck %s --check-prefixes=CHECK,NATIVE
// RUN: ag-run %s --backend=interpreter --feed "m=[[0, 1, 2, 3, 4], [10, 11, 12, 13, 14], [20, 21, 22, 23, 24], [30, 31, 32, 33, 34]]" --feed "v=[true, false, true, true]" --feed s=2.5 | FileCheck %s

// IR-LABEL: func.func @s(
// IR-SAME: -> (f64, i1) attributes {ag.buffered}
// m[1::2, -5:4:3]: from element 5, strides 10 and 3.
// IR: %[[FIRST:.*]] = arith.constant 5 : i64
// IR: scf.for %[[I:.*]] =
// IR: %[[ROW:.*]] = arith.constant 10 : i64
// IR: arith.muli %[[I]], %[[ROW]] : i64
// IR: scf.for %[[J:.*]] =
// IR: %[[COL:.*]] = arith.constant 3 : i64
// IR: arith.muli %[[J]], %[[COL]] : i64
// IR: llvm.load %{{.*}} : !llvm.ptr -> i32
// m[1:3] (whole rows): m's buffer from element 5, no copy.
// IR-NOT: ag_native_alloc
// IR: %[[ROWS:.*]] = llvm.getelementptr %arg0[%c5_i64{{.*}}]
// IR-NOT: memcpy
// IR: llvm.getelementptr %[[ROWS]][%{{.*}}]
// IR: arith.addi
// v[-3::2] of bools: bytes.
// IR: llvm.load %{{.*}} : !llvm.ptr -> i8
// Rows of an intermediate: its buffer is freed after the slice's reader.
// IR: %[[W:.*]] = call @ag_native_alloc
// IR: arith.muli %{{.*}}, %{{.*}} : i32
// IR: %[[LAST:.*]] = llvm.getelementptr %[[W]][%c10_i64{{.*}}]
// IR-NOT: ag_native_free
// IR: llvm.getelementptr %[[LAST]][%{{.*}}]
// IR: arith.subi
// IR: call @ag_native_free(%[[W]])
// IR: arith.constant 19 : i64
// IR: arith.constant -10 : i64
// IR: arith.constant -2 : i64
// IR: return %{{.*}}, %{{.*}} : f64, i1

// CHECK: result0 = {{\[\[}}10, 13], [30, 33]]
// CHECK: result1 = {{\[\[}}11, 13, 15, 17, 19], [41, 43, 45, 47, 49]]
// CHECK: result2 = [false, true]
// CHECK: result3 = []
// CHECK: result4 = 2.5
// CHECK: result5 = {{\[\[}}399, 439, 481, 525, 571], [879, 939, 1001, 1065, 1131]]
// CHECK: result6 = {{\[\[}}34, 32, 30], [14, 12, 10]]
// CHECK: result7 = {{\[\[}}20, 21], [30, 31]]
// NATIVE: ops executed: 0,

ag.func @s(%m: tensor<4x5xi32> loc("m"), %v: tensor<4xi1> loc("v"),
           %s: tensor<f64> loc("s"))
    -> (tensor<2x2xi32>, tensor<2x5xi32>, tensor<2xi1>, tensor<0x5xi32>,
        tensor<f64>, tensor<2x5xi32>, tensor<2x3xi32>, tensor<2x2xi32>) {
  %a = ag.slice %m [1, -5] to [9223372036854775807, 4] step [2, 3]
      : tensor<4x5xi32>
  %r = ag.slice %m [1, 0] to [3, 9223372036854775807] step [1, 1]
      : tensor<4x5xi32>
  %one = ag.constant dense<[[1, 2, 3, 4, 5], [21, 22, 23, 24, 25]]>
      : tensor<2x5xi32>
  %b = ag.add %r, %one : tensor<2x5xi32>, tensor<2x5xi32>
  %c = ag.slice %v [-3] to [9223372036854775807] step [2] : tensor<4xi1>
  %e = ag.slice %m [2, 0] to [2, 9223372036854775807] step [1, 1]
      : tensor<4x5xi32>
  %t = ag.slice %s [] to [] step [] : tensor<f64>
  %w = ag.mul %m, %m : tensor<4x5xi32>
  %x = ag.slice %w [2, 0] to [4, 9223372036854775807] step [1, 1]
      : tensor<4x5xi32>
  %y = ag.sub %x, %one : tensor<2x5xi32>
  // m[::-2, :-6:-2] (-6 is before the first column): from element 19,
  // strides -10 and -2.
  %rv = ag.slice %m [-1, -1] to [9223372036854775807, -6] step [-2, -2]
      : tensor<4x5xi32>
  // m[2:4, -5:2]
  %cl = ag.slice %m [2, -5] to [4, 2] step [1, 1] : tensor<4x5xi32>
  ag.return %a, %b, %c, %e, %t, %y, %rv, %cl
      : tensor<2x2xi32>, tensor<2x5xi32>, tensor<2xi1>, tensor<0x5xi32>,
        tensor<f64>, tensor<2x5xi32>, tensor<2x3xi32>, tensor<2x2xi32>
}
