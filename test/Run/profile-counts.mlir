// The summary's counts are exact past a thread's first 64 nodes, where time
// is sampled: a sequential frame counts each execution of its plan, a
// parallel frame each node, and a frame an error cut short the nodes that
// ran (the failing one included). A failed run prints its summary too.
// AG_SCALAR_CODE=0: the loops run on the general evaluator, node by node.
// RUN: env AG_SCALAR_CODE=0 ag-run %s --feed n=400 --feed k=1000 --profile-summary 2>&1 | FileCheck %s --check-prefix=DONE
// RUN: env AG_SCALAR_CODE=0 ag-run %s --feed n=400 --feed k=1000 --profile-summary --threads 2 2>&1 | FileCheck %s --check-prefix=DONE
// RUN: env AG_SCALAR_CODE=0 not ag-run %s --feed n=400 --feed k=300 --profile-summary --threads 1 2>&1 | FileCheck %s --check-prefix=CUT

// DONE: result0 = 79801
// DONE-NEXT: top 8 nodes by time (of {{[0-9.]+}} ms):
// DONE-NEXT:   time ms      %    count  node
// DONE-DAG: {{^ +[0-9.]+ +[0-9.]+ +}}1  ag.for acc at p.cpp:3:3
// DONE-DAG: {{^ +[0-9.]+ +[0-9.]+ +}}400  ag.sub d at p.cpp:4:9
// DONE-DAG: {{^ +[0-9.]+ +[0-9.]+ +}}400  ag.div q at p.cpp:5:9
// DONE-DAG: {{^ +[0-9.]+ +[0-9.]+ +}}400  ag.add a at p.cpp:6:9
// DONE-DAG: {{^ +[0-9.]+ +[0-9.]+ +}}1  ag.for bcc at p.cpp:8:3
// DONE-DAG: {{^ +[0-9.]+ +[0-9.]+ +}}400  ag.mul e at p.cpp:9:9
// DONE-DAG: {{^ +[0-9.]+ +[0-9.]+ +}}400  ag.add b at p.cpp:10:9
// DONE-DAG: {{^ +[0-9.]+ +[0-9.]+ +}}1  ag.add total at p.cpp:12:9
// DONE-NOT: {{.}}

// One loop fails in its 301st iteration. One thread, so that the other
// loop has not started (with two, whether it ran depends on scheduling);
// the final add never runs:
// CUT: p.cpp:5:9: error: integer division by zero
// CUT-NEXT: p.cpp:3:3: note: in iteration 301 of this loop
// CUT-NEXT: top 4 nodes by time (of {{[0-9.]+}} ms):
// CUT-NEXT:   time ms      %    count  node
// CUT-DAG: {{^ +[0-9.]+ +[0-9.]+ +}}1  ag.for acc at p.cpp:3:3
// CUT-DAG: {{^ +[0-9.]+ +[0-9.]+ +}}301  ag.sub d at p.cpp:4:9
// CUT-DAG: {{^ +[0-9.]+ +[0-9.]+ +}}301  ag.div q at p.cpp:5:9
// CUT-DAG: {{^ +[0-9.]+ +[0-9.]+ +}}300  ag.add a at p.cpp:6:9
// CUT-NOT: {{.}}

ag.func @p(%n: tensor<i64> loc("n"), %k: tensor<i64> loc("k")) -> tensor<i64> {
  %zero = ag.constant dense<0> : tensor<i64>
  %one = ag.constant dense<1> : tensor<i64>
  %acc = ag.for %i = %zero to %n step %one iter_args(%a = %zero) -> (tensor<i64>) {
    %d = ag.sub %i, %k : tensor<i64> loc("d"("p.cpp":4:9))
    %q = ag.div %one, %d : tensor<i64> loc("q"("p.cpp":5:9))
    %s = ag.add %a, %q : tensor<i64> loc("a"("p.cpp":6:9))
    ag.yield %s : tensor<i64>
  } loc("acc"("p.cpp":3:3))
  %bcc = ag.for %j = %zero to %n step %one iter_args(%b = %one) -> (tensor<i64>) {
    %e = ag.mul %j, %one : tensor<i64> loc("e"("p.cpp":9:9))
    %t = ag.add %b, %e : tensor<i64> loc("b"("p.cpp":10:9))
    ag.yield %t : tensor<i64>
  } loc("bcc"("p.cpp":8:3))
  %total = ag.add %acc, %bcc : tensor<i64> loc("total"("p.cpp":12:9))
  ag.return %total : tensor<i64>
}
