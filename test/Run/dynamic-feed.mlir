// A parameter with a dimension the graph leaves open takes a feed of any
// size there; another rank is still a wrong feed.
// RUN: ag-run %s --feed "arg0=[1.5, 2.0, 3.0]" | FileCheck %s --check-prefix=THREE
// RUN: ag-run %s --feed "arg0=[4.0]" | FileCheck %s --check-prefix=ONE
// RUN: not ag-run %s --feed "arg0=[[1.0]]" 2>&1 | FileCheck %s --check-prefix=RANK

ag.func @total(%x: tensor<?xf64>) -> tensor<f64> {
  %s = ag.reduce_sum %x : tensor<?xf64>
  ag.return %s : tensor<f64>
}

// THREE: result0 = 6.5
// ONE: result0 = 4
// RANK: error: the feed for 'arg0' has shape [1, 1], but its type is float64[?]
