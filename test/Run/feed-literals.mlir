// A feed is parsed as a literal of the parameter's own type: nothing is
// silently truncated, wrapped or rounded through a double.
// RUN: not ag-run %s --feed n=2.5 2>&1 | FileCheck %s --check-prefix=FRACTION
// RUN: not ag-run %s --feed n=true 2>&1 | FileCheck %s --check-prefix=BOOL
// RUN: not ag-run %s --feed n=1e3 2>&1 | FileCheck %s --check-prefix=EXPONENT
// RUN: ag-run %s --feed n=9007199254740993 --feed small=0 --feed flag=1 --feed x=2 --fetch result0 | FileCheck %s --check-prefix=EXACT
// RUN: not ag-run %s --feed n=1 --feed small=3000000000 2>&1 | FileCheck %s --check-prefix=WRAP
// RUN: ag-run %s --feed n=-4 --feed small=-7 --feed flag=false --feed x=0.1 | FileCheck %s --check-prefix=OK
// A float literal too large for the type is not rounded to infinity; a
// literal infinity is fine.
// RUN: not ag-run %s --feed n=1 --feed small=0 --feed flag=1 --feed x=1e400 2>&1 | FileCheck %s --check-prefix=RANGE
// RUN: ag-run %s --feed n=1 --feed small=0 --feed flag=1 --feed x=-inf --fetch result3 | FileCheck %s --check-prefix=INF

// FRACTION: ag-run: error: '2.5' in the feed for 'n' is not a value of its type int64[]
// BOOL: ag-run: error: 'true' in the feed for 'n' is not a value of its type int64[]
// EXPONENT: ag-run: error: '1e3' in the feed for 'n' is not a value of its type int64[]
// EXACT: result0 = 9007199254740994
// WRAP: ag-run: error: '3000000000' in the feed for 'small' is not a value of its type int32[]
// OK: result0 = -3
// OK: result1 = -6
// OK: result2 = true
// OK: result3 = 0.1
// RANGE: ag-run: error: '1e400' in the feed for 'x' is out of the range of its type float64[]
// INF: result3 = -inf

ag.func @f(%n: tensor<i64> loc("n"), %small: tensor<i32> loc("small"),
           %flag: tensor<i1> loc("flag"), %x: tensor<f64> loc("x"))
    -> (tensor<i64>, tensor<i32>, tensor<i1>, tensor<f64>) {
  %one = ag.constant dense<1> : tensor<i64>
  %n1 = ag.add %n, %one : tensor<i64>
  %one32 = ag.constant dense<1> : tensor<i32>
  %s1 = ag.add %small, %one32 : tensor<i32>
  %t = ag.not %flag : tensor<i1>
  ag.return %n1, %s1, %t, %x : tensor<i64>, tensor<i32>, tensor<i1>, tensor<f64>
}
