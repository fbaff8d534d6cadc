// Budgets: an endless loop or an endlessly growing list ends in a located
// error at the loop or op that hit the limit, on register code and on the
// general evaluator (--verbose), from flags or the environment. The loops
// never end, so only the limit can stop them: nothing depends on timing.
// RUN: split-file %s %t
// RUN: not ag-run %t/endless.mlir --feed n=1 --max-iterations 1000 2>&1 | FileCheck %s --check-prefix=ITER
// RUN: not ag-run %t/endless.mlir --feed n=1 --max-iterations=1000 --verbose 2>&1 | FileCheck %s --check-prefix=ITER
// RUN: env AG_MAX_ITERATIONS=1000 not ag-run %t/endless.mlir --feed n=1 2>&1 | FileCheck %s --check-prefix=ITER
// RUN: not ag-run %t/endless.mlir --feed n=1 --timeout 0.05 2>&1 | FileCheck %s --check-prefix=TIME
// RUN: not ag-run %t/endless.mlir --feed n=1 --timeout 0.05 --verbose 2>&1 | FileCheck %s --check-prefix=TIME
// RUN: env AG_TIMEOUT=0.05 not ag-run %t/endless.mlir --feed n=1 2>&1 | FileCheck %s --check-prefix=TIME
// RUN: not ag-run %t/nested.mlir --feed n=1 --max-iterations 50 2>&1 | FileCheck %s --check-prefix=NESTED
// RUN: not ag-run %t/list.mlir --feed n=1 --max-memory 1M 2>&1 | FileCheck %s --check-prefix=MEM
// RUN: env AG_MAX_MEMORY=1M not ag-run %t/list.mlir --feed n=1 --verbose 2>&1 | FileCheck %s --check-prefix=MEM
// RUN: not ag-run %t/empty-list.mlir --feed n=1000000 --max-memory 1M 2>&1 | FileCheck %s --check-prefix=EMPTY
// RUN: not ag-run %t/endless.mlir --feed n=1 --max-iterations 0 2>&1 | FileCheck %s --check-prefix=USAGE
// RUN: not ag-run %t/endless.mlir --feed n=1 --timeout -1 2>&1 | FileCheck %s --check-prefix=USAGE-TIME
// RUN: not ag-run %t/endless.mlir --feed n=1 --max-memory 12X 2>&1 | FileCheck %s --check-prefix=USAGE-MEM

// ITER: e.cpp:4:3: error: this loop exceeded the iteration limit of 1000 (RunOptions::maxIterations, ag-run --max-iterations, AG_MAX_ITERATIONS)
// TIME: e.cpp:{{[0-9]+}}:{{[0-9]+}}: error: the evaluation exceeded its time limit of 0.05 s (RunOptions::timeout, ag-run --timeout, AG_TIMEOUT)
// The inner loop is endless; the note names the outer loop's iteration.
// NESTED: n.cpp:6:5: error: this loop exceeded the iteration limit of 50
// NESTED-NEXT: n.cpp:3:3: note: in iteration 1 of this loop
// MEM: l.cpp:6:7: error: this op exceeded the memory limit: {{[0-9]+}} bytes would be live, the limit is 1048576 (RunOptions::maxBytes, ag-run --max-memory, AG_MAX_MEMORY)
// MEM: l.cpp:4:3: note: in iteration {{[0-9]+}} of this loop
// Empty tensors have no element bytes, but each list element takes memory.
// EMPTY: e.cpp:7:7: error: this op exceeded the memory limit: {{[0-9]+}} bytes would be live, the limit is 1048576
// USAGE: ag-run: error: --max-iterations expects a positive integer, got '0'
// USAGE-TIME: ag-run: error: --timeout expects a positive number of seconds, got '-1'
// USAGE-MEM: ag-run: error: --max-memory expects a positive number of bytes, got '12X'

//--- endless.mlir
ag.func @f(%n: tensor<i64> loc("n")) -> tensor<i64> {
  %one = ag.constant dense<1> : tensor<i64>
  %w = ag.while (%i = %n) : (tensor<i64>) -> (tensor<i64>) {
    %t = ag.constant dense<true> : tensor<i1>
    ag.condition %t(%i : tensor<i64>)
  } do {
  ^bb0(%i: tensor<i64>):
    %i1 = ag.add %i, %one : tensor<i64> loc("e.cpp":5:7)
    ag.yield %i1 : tensor<i64>
  } loc("e.cpp":4:3)
  ag.return %w : tensor<i64>
}
//--- nested.mlir
ag.func @f(%n: tensor<i64> loc("n")) -> tensor<i64> {
  %zero = ag.constant dense<0> : tensor<i64>
  %one = ag.constant dense<1> : tensor<i64>
  %ten = ag.constant dense<10> : tensor<i64>
  %o = ag.for %k = %zero to %ten step %one iter_args(%acc = %n) -> (tensor<i64>) {
    %w = ag.while (%i = %acc) : (tensor<i64>) -> (tensor<i64>) {
      %go = ag.cmp gt, %i, %zero : tensor<i64>
      ag.condition %go(%i : tensor<i64>)
    } do {
    ^bb0(%i: tensor<i64>):
      %i1 = ag.add %i, %one : tensor<i64>
      ag.yield %i1 : tensor<i64>
    } loc("n.cpp":6:5)
    ag.yield %w : tensor<i64>
  } loc("n.cpp":3:3)
  ag.return %o : tensor<i64>
}
//--- list.mlir
ag.func @f(%n: tensor<i64> loc("n")) -> tensor<?xi64> {
  %one = ag.constant dense<1> : tensor<i64>
  %l0 = ag.list_new
  %w:2 = ag.while (%i = %n, %l = %l0) : (tensor<i64>, !ag.list) -> (tensor<i64>, !ag.list) {
    %t = ag.cmp ge, %i, %n : tensor<i64>
    ag.condition %t(%i, %l : tensor<i64>, !ag.list)
  } do {
  ^bb0(%i: tensor<i64>, %l: !ag.list):
    %i1 = ag.add %i, %one : tensor<i64>
    %l1 = ag.list_push %l, %i1 : tensor<i64> loc("l.cpp":6:7)
    ag.yield %i1, %l1 : tensor<i64>, !ag.list
  } loc("l.cpp":4:3)
  %s = ag.list_stack %w#1 : tensor<?xi64>
  ag.return %s : tensor<?xi64>
}
//--- empty-list.mlir
ag.func @f(%n: tensor<i64> loc("n")) -> tensor<?x0xf64> {
  %zero = ag.constant dense<0> : tensor<i64>
  %one = ag.constant dense<1> : tensor<i64>
  %e = ag.constant dense<> : tensor<0xf64>
  %l0 = ag.list_new
  %o = ag.for %k = %zero to %n step %one iter_args(%l = %l0) -> (!ag.list) {
    %l1 = ag.list_push %l, %e : tensor<0xf64> loc("e.cpp":7:7)
    ag.yield %l1 : !ag.list
  } loc("e.cpp":6:3)
  %s = ag.list_stack %o : tensor<?x0xf64>
  ag.return %s : tensor<?x0xf64>
}
