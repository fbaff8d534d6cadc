// Division and remainder by constant powers of two (lowered to shifts)
// give C++'s truncating results on both backends, for negative dividends
// and the minimum value too.
// RUN: ag-run %s --backend=native --feed a=-7 --feed b=-2147483648 | FileCheck %s --check-prefix=NEG
// RUN: ag-run %s --backend=interpreter --feed a=-7 --feed b=-2147483648 | FileCheck %s --check-prefix=NEG
// RUN: ag-run %s --backend=native --feed a=9223372036854775807 --feed b=2147483647 | FileCheck %s --check-prefix=POS
// RUN: ag-run %s --backend=interpreter --feed a=9223372036854775807 --feed b=2147483647 | FileCheck %s --check-prefix=POS
// RUN: ag-run %s --backend=native --feed a=-9223372036854775808 --feed b=-1 | FileCheck %s --check-prefix=MIN
// RUN: ag-run %s --backend=interpreter --feed a=-9223372036854775808 --feed b=-1 | FileCheck %s --check-prefix=MIN

// NEG: result0 = -3
// NEG: result1 = -1
// NEG: result2 = -1
// NEG: result3 = -7
// NEG: result4 = -536870912
// NEG: result5 = 0
// POS: result0 = 4611686018427387903
// POS: result1 = 1
// POS: result2 = 2305843009213693951
// POS: result3 = 4611686018427387903
// POS: result4 = 536870911
// POS: result5 = 1073741823
// MIN: result0 = -4611686018427387904
// MIN: result1 = 0
// MIN: result2 = -2305843009213693952
// MIN: result3 = 0
// MIN: result4 = 0
// MIN: result5 = -1

ag.func @f(%a: tensor<i64> loc("a"), %b: tensor<i32> loc("b"))
    -> (tensor<i64>, tensor<i64>, tensor<i64>, tensor<i64>, tensor<i32>,
        tensor<i32>) {
  %two = ag.constant dense<2> : tensor<i64>
  %four = ag.constant dense<4> : tensor<i64>
  %eight = ag.constant dense<8> : tensor<i64>
  %big = ag.constant dense<4611686018427387904> : tensor<i64>
  %i4 = ag.constant dense<4> : tensor<i32>
  %i1 = ag.constant dense<1073741824> : tensor<i32>
  %q2 = ag.div %a, %two : tensor<i64>
  %r2 = ag.rem %a, %two : tensor<i64>
  %q4 = ag.div %a, %four : tensor<i64>
  %r8 = ag.rem %a, %big : tensor<i64>
  %qi = ag.div %b, %i4 : tensor<i32>
  %ri = ag.rem %b, %i1 : tensor<i32>
  ag.return %q2, %r2, %q4, %r8, %qi, %ri
      : tensor<i64>, tensor<i64>, tensor<i64>, tensor<i64>, tensor<i32>,
        tensor<i32>
}
