// A recursive ag.call is rejected when the graph is loaded, at the call,
// naming the cycle: the inliner leaves recursion in place and the evaluator
// has no calls, so "run the optimize pipeline" would not help. Mutual
// recursion, cycles through many functions and calls inside regions alike. A function called twice without a cycle is no
// recursion. The walk is iterative (a chain of 3,000 functions),
// and a long cycle names its first few functions.
// RUN: split-file %s %t
// RUN: not ag-run %t/self.mlir --feed x=1 2>&1 | FileCheck %s --check-prefix=SELF
// RUN: not ag-run %t/mutual.mlir --feed x=1 2>&1 | FileCheck %s --check-prefix=MUTUAL
// RUN: not ag-run %t/region.mlir --feed x=1 2>&1 | FileCheck %s --check-prefix=REGION
// RUN: not ag-run %t/diamond.mlir --feed x=1 2>&1 | FileCheck %s --check-prefix=DIAMOND
// RUN: ag-opt --ag-optimize %t/mutual.mlir -o %t/opt.mlir
// RUN: not ag-run %t/opt.mlir --feed x=1 2>&1 | FileCheck %s --check-prefix=OPT
// RUN: %python -c "n=3000; print('\n'.join('ag.func @f%%d(%%%%x: tensor<i64>) -> tensor<i64> {\n  %%%%y = ag.call @f%%d(%%%%x) : (tensor<i64>) -> tensor<i64>\n  ag.return %%%%y : tensor<i64>\n}' %% (i, (i + 1) %% n) for i in range(n)))" > %t/chain.mlir
// RUN: not ag-run %t/chain.mlir --feed x=1 2>&1 | FileCheck %s --check-prefix=CHAIN

// SELF: r.cpp:2:3: error: the graph recurses: @f calls itself; ag graphs cannot evaluate recursion: write it as a loop
//--- self.mlir
ag.func @f(%x: tensor<i64> loc("x")) -> tensor<i64> {
  %y = ag.call @f(%x) : (tensor<i64>) -> tensor<i64> loc("r.cpp":2:3)
  ag.return %y : tensor<i64>
}

// MUTUAL: r.cpp:2:3: error: the graph recurses: @f calls itself (via @g, @h); ag graphs cannot evaluate recursion: write it as a loop
// MUTUAL: r.cpp:6:3: note: @g calls @h here
// MUTUAL: r.cpp:9:3: note: @h calls @f here
//--- mutual.mlir
ag.func @f(%x: tensor<i64> loc("x")) -> tensor<i64> {
  %y = ag.call @g(%x) : (tensor<i64>) -> tensor<i64> loc("r.cpp":2:3)
  ag.return %y : tensor<i64>
}
ag.func @g(%x: tensor<i64>) -> tensor<i64> {
  %y = ag.call @h(%x) : (tensor<i64>) -> tensor<i64> loc("r.cpp":6:3)
  ag.return %y : tensor<i64>
}
ag.func @h(%x: tensor<i64>) -> tensor<i64> {
  %y = ag.call @f(%x) : (tensor<i64>) -> tensor<i64> loc("r.cpp":9:3)
  ag.return %y : tensor<i64>
}

// The recursion is in @g, reached from @f: @f itself is not part of it.
// REGION: r.cpp:12:5: error: the graph recurses: @g calls itself; ag graphs cannot evaluate recursion: write it as a loop
//--- region.mlir
ag.func @f(%x: tensor<i64> loc("x")) -> tensor<i64> {
  %y = ag.call @g(%x) : (tensor<i64>) -> tensor<i64> loc("r.cpp":2:3)
  ag.return %y : tensor<i64>
}
ag.func @g(%x: tensor<i64>) -> tensor<i64> {
  %zero = ag.constant dense<0> : tensor<i64>
  %c = ag.cmp gt, %x, %zero : tensor<i64>
  %r = ag.if %c -> (tensor<i64>) {
    %one = ag.constant dense<1> : tensor<i64>
    %d = ag.sub %x, %one : tensor<i64>
    %s = ag.call @g(%d) : (tensor<i64>) -> tensor<i64> loc("r.cpp":12:5)
    ag.yield %s : tensor<i64>
  } else {
    ag.yield %x : tensor<i64>
  }
  ag.return %r : tensor<i64>
}

// DIAMOND: diamond.mlir:2:8: error: cannot evaluate a call to @g: run the optimize pipeline (it inlines calls) before lowering
//--- diamond.mlir
ag.func @f(%x: tensor<i64> loc("x")) -> tensor<i64> {
  %a = ag.call @g(%x) : (tensor<i64>) -> tensor<i64>
  %b = ag.call @h(%x) : (tensor<i64>) -> tensor<i64>
  %c = ag.add %a, %b : tensor<i64>
  ag.return %c : tensor<i64>
}
ag.func @g(%x: tensor<i64>) -> tensor<i64> {
  %y = ag.call @h(%x) : (tensor<i64>) -> tensor<i64>
  ag.return %y : tensor<i64>
}
ag.func @h(%x: tensor<i64>) -> tensor<i64> {
  ag.return %x : tensor<i64>
}

// After inlining (@h into @g) the cycle is shorter but
// still named.
// OPT: error: the graph recurses: @{{[fgh]}} calls itself

// CHAIN: error: the graph recurses: @f0 calls itself (via @f1, @f2, @f3, @f4, @f5, @f6, @f7, @f8 and 2991 more functions); ag graphs
// CHAIN-COUNT-8: note: @f{{[0-9]+}} calls
// CHAIN-NOT: note
