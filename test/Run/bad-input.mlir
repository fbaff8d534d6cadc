// Bad feeds and fetches are errors that name the parameter or value, the
// expected and given type, and the close names.
// RUN: not ag-run %s --feed scale=2 --feed valuez=[1,2,3] 2>&1 | FileCheck %s --check-prefix=FEEDNAME
// RUN: not ag-run %s --feed scale=2 --feed values=[1,2] 2>&1 | FileCheck %s --check-prefix=COUNT
// RUN: not ag-run %s --feed values=[1,2,3] 2>&1 | FileCheck %s --check-prefix=MISSING
// RUN: not ag-run %s --feed scale=2 --feed values=[1,2,3] --fetch scaled_sum 2>&1 | FileCheck %s --check-prefix=FETCH
// RUN: not ag-run %s --feed scale=x 2>&1 | FileCheck %s --check-prefix=PARSE
// RUN: ag-run %s --feed scale=2 --feed values=[1,2,3] --fetch scaled,total | FileCheck %s --check-prefix=OK
// RUN: ag-run %s --feed scale=2 --fetch doubled | FileCheck %s --check-prefix=PARTIAL

// FEEDNAME: error: 'scaled_total' has no parameter named 'valuez'
// FEEDNAME-NEXT: note: did you mean 'values'?
// FEEDNAME-NEXT: note: parameters: scale, values

// COUNT: ag-run: error: the feed for 'values' has shape [2], but its type is float64[3]

// MISSING: error: missing feed for parameter 'scale'

// FETCH: error: 'scaled_total' has no value named 'scaled_sum'
// FETCH-NEXT: note: did you mean 'scaled', 'scale'?
// FETCH-NEXT: note: fetchable values: doubled, result0, scale, scaled, total, values

// PARSE: ag-run: error: 'x' in the feed for 'scale' is not a value of its type float64[]

// OK: scaled = [2, 4, 6]
// OK-NEXT: total = 12

// Values that do not depend on a parameter do not need its feed.
// PARTIAL: doubled = 4

ag.func @scaled_total(%scale: tensor<f64> loc("scale"),
                      %values: tensor<3xf64> loc("values")) -> tensor<f64> {
  %two = ag.constant dense<2.0> : tensor<f64>
  %doubled = ag.mul %scale, %two : tensor<f64> loc("doubled")
  %s = ag.mul %values, %scale : tensor<3xf64>, tensor<f64> loc("scaled")
  %t = ag.reduce_sum %s : tensor<3xf64> loc("total")
  ag.return %t : tensor<f64>
}
