// --profile writes a Chrome trace (one slice per executed node, loop
// iterations and branches nested inside their loop or if, source lines on
// node slices); --profile-summary prints the slowest nodes with their source
// lines. AG_SCALAR_CODE=0 runs the loop on the general evaluator, so its
// iterations are slices too (register code would make it one slice).
// RUN: env AG_SCALAR_CODE=0 ag-run %s --feed n=3 --profile %t.json --stats 2> %t.stats | FileCheck %s --check-prefix=OUT
// RUN: python3 %S/Inputs/check_trace.py %t.json %t.stats | FileCheck %s --check-prefix=TRACE
// RUN: env AG_SCALAR_CODE=0 ag-run %s --feed n=3 --profile %t2.json --threads 2 --stats 2> %t2.stats
// RUN: python3 %S/Inputs/check_trace.py %t2.json %t2.stats | FileCheck %s --check-prefix=TRACE
// RUN: env AG_SCALAR_CODE=0 AG_PROFILE=%t3.json ag-run %s --feed n=3 --stats 2> %t3.stats
// RUN: python3 %S/Inputs/check_trace.py %t3.json %t3.stats | FileCheck %s --check-prefix=TRACE
// RUN: env AG_SCALAR_CODE=0 ag-run %s --feed n=3 --profile-summary 2>&1 | FileCheck %s --check-prefix=SUMMARY
// RUN: ag-run %s --feed n=3 --stats 2>&1 | FileCheck %s --check-prefix=STATS
// RUN: not ag-run %s --feed n=3 --profile %t.missing/dir/trace.json 2>&1 | FileCheck %s --check-prefix=UNWRITABLE

// OUT: result0 = 5

// 3 iterations of (cmp, if, add in the taken branch): 3 + 3 + 3, then the
// loop itself and the final add.
// TRACE: node slices: 11 (one per executed node)
// TRACE-NEXT: region slices: 6
// TRACE-NEXT: max nesting depth: 5
// TRACE-NEXT: node slices with a source line: 11
// TRACE-NEXT: region: else
// TRACE-NEXT: region: iteration 1
// TRACE-NEXT: region: iteration 2
// TRACE-NEXT: region: iteration 3
// TRACE-NEXT: region: then
// TRACE: node: ag.for acc at p.cpp:3:3 bytes 8
// TRACE: node: ag.add total at p.cpp:9:9 bytes 8

// SUMMARY: result0 = 5
// SUMMARY-NEXT: top 6 nodes by time (of {{[0-9.]+}} ms):
// SUMMARY-NEXT:   time ms      %    count  node
// SUMMARY-NEXT: {{^ +[0-9.]+ +[0-9.]+ +}}1  ag.for acc at p.cpp:3:3
// SUMMARY-DAG: {{^ +[0-9.]+ +[0-9.]+ +}}3  ag.cmp at p.cpp:4:9
// SUMMARY-DAG: {{^ +[0-9.]+ +[0-9.]+ +}}3  ag.if a at p.cpp:4:5
// SUMMARY-DAG: {{^ +[0-9.]+ +[0-9.]+ +}}1  ag.add a at p.cpp:5:11
// SUMMARY-DAG: {{^ +[0-9.]+ +[0-9.]+ +}}2  ag.add a at p.cpp:7:11
// SUMMARY-DAG: {{^ +[0-9.]+ +[0-9.]+ +}}1  ag.add total at p.cpp:9:9
// SUMMARY-NOT: {{.}}

// STATS: ops executed: {{[0-9]+}}, buffers released: {{[0-9]+}}, peak live bytes: {{[0-9]+}}, wall time: {{[0-9]+\.[0-9]+}} ms

// UNWRITABLE: error: cannot write the profile '{{.*}}trace.json': No such file or directory (RunOptions::profile, ag-run --profile, AG_PROFILE)
// UNWRITABLE-NOT: result0

ag.func @p(%n: tensor<i64> loc("n")) -> tensor<i64> {
  %zero = ag.constant dense<0> : tensor<i64>
  %one = ag.constant dense<1> : tensor<i64>
  %two = ag.constant dense<2> : tensor<i64>
  %acc = ag.for %i = %zero to %n step %one iter_args(%a = %zero) -> (tensor<i64>) {
    %odd = ag.cmp eq, %i, %one : tensor<i64> loc("p.cpp":4:9)
    %next = ag.if %odd -> (tensor<i64>) {
      %t = ag.add %a, %two : tensor<i64> loc("a"("p.cpp":5:11))
      ag.yield %t : tensor<i64>
    } else {
      %e = ag.add %a, %one : tensor<i64> loc("a"("p.cpp":7:11))
      ag.yield %e : tensor<i64>
    } loc("p.cpp":4:5)
    ag.yield %next : tensor<i64>
  } loc("acc"("p.cpp":3:3))
  %total = ag.add %acc, %one : tensor<i64> loc("total"("p.cpp":9:9))
  ag.return %total : tensor<i64>
}
