// A feed's brackets must spell its parameter's shape: a flat list for a
// matrix, a one-element list for a scalar, unbalanced or ragged brackets
// and text after the value were accepted (the elements were poured into the
// declared shape). Each is now an error naming the feed; so is a feed given
// twice (the last one won).
// RUN: ag-run %s --feed 'm=[[1, 2], [3, 4]]' --feed s=5 --feed 'v=[]' | FileCheck %s --check-prefix=OK
// RUN: not ag-run %s --feed 'm=[1, 2, 3, 4]' --feed s=5 --feed 'v=[]' 2>&1 | FileCheck %s --check-prefix=FLAT
// RUN: not ag-run %s --feed 'm=1, 2, 3, 4' --feed s=5 --feed 'v=[]' 2>&1 | FileCheck %s --check-prefix=COMMA
// RUN: not ag-run %s --feed 'm=[[1, 2], [3, 4]]' --feed 's=[5]' --feed 'v=[]' 2>&1 | FileCheck %s --check-prefix=SCALAR
// RUN: not ag-run %s --feed 'm=[[1, 2], [3, 4]]]' --feed s=5 --feed 'v=[]' 2>&1 | FileCheck %s --check-prefix=CLOSE
// RUN: not ag-run %s --feed 'm=[[1, 2], [3, 4]' --feed s=5 --feed 'v=[]' 2>&1 | FileCheck %s --check-prefix=OPEN
// RUN: not ag-run %s --feed 'm=[[1, 2], [3]]' --feed s=5 --feed 'v=[]' 2>&1 | FileCheck %s --check-prefix=RAGGED
// RUN: not ag-run %s --feed 'm=[[1, 2], [3, 4]]' --feed s=5 --feed 'v=[[], 1]' 2>&1 | FileCheck %s --check-prefix=MIXED
// RUN: not ag-run %s --feed 'm=[[1, 2], [3, 4]]' --feed s=5 --feed 'v=[1,]' 2>&1 | FileCheck %s --check-prefix=EMPTY
// RUN: not ag-run %s --feed 'm=[[1, 2], [3, 4]]' --feed s=5 --feed s=6 --feed 'v=[]' 2>&1 | FileCheck %s --check-prefix=TWICE

// OK: result0 = {{\[\[}}1, 2], [3, 4]]
// OK-NEXT: result1 = 5
// OK-NEXT: result2 = []
// FLAT: ag-run: error: the feed for 'm' has shape [4], but its type is int64[2, 2]
// COMMA: ag-run: error: the feed for 'm' has text after its value: ', 2, 3, 4'
// SCALAR: ag-run: error: the feed for 's' has shape [1], but its type is int64[]
// CLOSE: ag-run: error: the feed for 'm' has text after its value: ']'
// OPEN: ag-run: error: the feed for 'm' has an unmatched '['
// RAGGED: ag-run: error: the feed for 'm' is not rectangular: lists at depth 1 have 2 and 1 elements
// MIXED: ag-run: error: the feed for 'v' mixes lists and numbers at one depth
// EMPTY: ag-run: error: the feed for 'v' has an empty element before ']'
// TWICE: ag-run: error: --feed s is given twice

ag.func @f(%m: tensor<2x2xi64> loc("m"), %s: tensor<i64> loc("s"), %v: tensor<?xi64> loc("v")) -> (tensor<2x2xi64>, tensor<i64>, tensor<?xi64>) {
  ag.return %m, %s, %v : tensor<2x2xi64>, tensor<i64>, tensor<?xi64>
}
