// Budgets on the native backend (issue 12): the compiled loops count
// their iterations against RunOptions::maxIterations and read the clock
// and the cancel flags every 1024 iterations of the function's loops, and a
// stop is the evaluator's diagnostic word for word: the same check prefixes
// on both backends. The loops never end, so only the limit can stop them.
// A run within its budgets is native code, not a fallback (budgets sent
// runs to the interpreter before; NativeStatsTest checks the runs that
// stop are native too).
// RUN: split-file %s %t
// RUN: ag-run %t/finite.mlir --feed n=999 --max-iterations 1000 --timeout 60 --backend=native --stats 2>&1 | FileCheck %s --check-prefix=STATS
// RUN: env AG_MAX_ITERATIONS=1000 AG_TIMEOUT=60 ag-run %t/finite.mlir --feed n=999 --backend=native --stats 2>&1 | FileCheck %s --check-prefix=STATS
// RUN: not ag-run %t/endless.mlir --feed n=1 --max-iterations 1000 2>&1 | FileCheck %s --check-prefix=ITER
// RUN: not ag-run %t/endless.mlir --feed n=1 --max-iterations 1000 --backend=native 2>&1 | FileCheck %s --check-prefix=ITER
// RUN: env AG_MAX_ITERATIONS=1000 not ag-run %t/endless.mlir --feed n=1 --backend=native 2>&1 | FileCheck %s --check-prefix=ITER
// RUN: not ag-run %t/endless.mlir --feed n=1 --timeout 0.05 2>&1 | FileCheck %s --check-prefix=TIME
// RUN: not ag-run %t/endless.mlir --feed n=1 --timeout 0.05 --backend=native 2>&1 | FileCheck %s --check-prefix=TIME
// RUN: env AG_TIMEOUT=0.05 not ag-run %t/endless.mlir --feed n=1 --backend=native 2>&1 | FileCheck %s --check-prefix=TIME
// RUN: not ag-run %t/for.mlir --feed n=1 --max-iterations 7 2>&1 | FileCheck %s --check-prefix=FOR
// RUN: not ag-run %t/for.mlir --feed n=1 --max-iterations 7 --backend=native 2>&1 | FileCheck %s --check-prefix=FOR
// RUN: not ag-run %t/nested.mlir --feed n=1 --max-iterations 50 2>&1 | FileCheck %s --check-prefix=NESTED
// RUN: not ag-run %t/nested.mlir --feed n=1 --max-iterations 50 --backend=native 2>&1 | FileCheck %s --check-prefix=NESTED
// RUN: not ag-run %t/nested.mlir --feed n=1 --timeout 0.05 2>&1 | FileCheck %s --check-prefix=NESTED-TIME
// RUN: not ag-run %t/nested.mlir --feed n=1 --timeout 0.05 --backend=native 2>&1 | FileCheck %s --check-prefix=NESTED-TIME
// 40 nested loops of 2 iterations each: no loop reaches the poll interval.
// RUN: not ag-run %t/deep.mlir --feed n=2 --timeout 0.05 --backend=native 2>&1 | FileCheck %s --check-prefix=DEEP
// Prints before the limit are written once, the last iteration's not.
// RUN: not ag-run %t/printing.mlir --feed n=1 --max-iterations 3 2>&1 | FileCheck %s --check-prefix=PRINT
// RUN: not ag-run %t/printing.mlir --feed n=1 --max-iterations 3 --backend=native 2>&1 | FileCheck %s --check-prefix=PRINT
// The limit is exact past the poll interval and after another loop took
// part of the countdown: 1500 prints, then the error.
// RUN: not ag-run %t/printing.mlir --feed n=1 --max-iterations 1500 2>&1 | FileCheck %s --check-prefix=EXACT
// RUN: not ag-run %t/printing.mlir --feed n=1 --max-iterations 1500 --backend=native 2>&1 | FileCheck %s --check-prefix=EXACT
// RUN: not ag-run %t/sequential.mlir --feed n=1000 --max-iterations 1500 2>&1 | FileCheck %s --check-prefix=EXACT
// RUN: not ag-run %t/sequential.mlir --feed n=1000 --max-iterations 1500 --backend=native 2>&1 | FileCheck %s --check-prefix=EXACT
// An outer loop exceeds while inner loops take most of the countdown; with
// a limit of 2 the inner loop exceeds first, in the outer one's first
// iteration.
// RUN: not ag-run %t/outer.mlir --feed n=5000 --max-iterations 1500 2>&1 | FileCheck %s --check-prefix=OUTER
// RUN: not ag-run %t/outer.mlir --feed n=5000 --max-iterations 1500 --backend=native 2>&1 | FileCheck %s --check-prefix=OUTER
// RUN: not ag-run %t/outer.mlir --feed n=5000 --max-iterations 2 2>&1 | FileCheck %s --check-prefix=INNER
// RUN: not ag-run %t/outer.mlir --feed n=5000 --max-iterations 2 --backend=native 2>&1 | FileCheck %s --check-prefix=INNER
// A loop of an inlined callee: the call and the caller's loop are notes.
// RUN: ag-opt --ag-optimize %t/call.mlir -o %t/call-opt.mlir --mlir-print-debuginfo
// RUN: not ag-run %t/call-opt.mlir --feed n=1 --max-iterations 50 2>&1 | FileCheck %s --check-prefix=CALL
// RUN: not ag-run %t/call-opt.mlir --feed n=1 --max-iterations 50 --backend=native 2>&1 | FileCheck %s --check-prefix=CALL
// RUN: not ag-run %t/call-opt.mlir --feed n=1 --timeout 0.05 2>&1 | FileCheck %s --check-prefix=CALL-TIME
// RUN: not ag-run %t/call-opt.mlir --feed n=1 --timeout 0.05 --backend=native 2>&1 | FileCheck %s --check-prefix=CALL-TIME
// A loop in a native region of a partitioned function (ag.stack stays on
// the interpreter).
// RUN: not ag-run %t/region.mlir --feed n=1 --max-iterations 1000 2>&1 | FileCheck %s --check-prefix=REGION
// RUN: not ag-run %t/region.mlir --feed n=1 --max-iterations 1000 --backend=native 2>&1 | FileCheck %s --check-prefix=REGION
// RUN: not ag-run %t/region.mlir --feed n=1 --timeout 0.05 2>&1 | FileCheck %s --check-prefix=REGION-TIME
// RUN: not ag-run %t/region.mlir --feed n=1 --timeout 0.05 --backend=native 2>&1 | FileCheck %s --check-prefix=REGION-TIME

// STATS: result0 = 999
// STATS: ops executed: 0,
// STATS-NEXT: native: 1 compiled calls, 0 run by the interpreter instead
// STATS-NOT: interpreter:
// ITER: e.cpp:4:3: error: this loop exceeded the iteration limit of 1000 (RunOptions::maxIterations, ag-run --max-iterations, AG_MAX_ITERATIONS)
// ITER-NOT: note
// TIME: e.cpp:4:3: error: the evaluation exceeded its time limit of 0.05 s (RunOptions::timeout, ag-run --timeout, AG_TIMEOUT) in iteration {{[0-9]+}} of this loop
// TIME-NOT: note
// FOR: o.cpp:5:3: error: this loop exceeded the iteration limit of 7 (RunOptions::maxIterations, ag-run --max-iterations, AG_MAX_ITERATIONS)
// NESTED: n.cpp:6:5: error: this loop exceeded the iteration limit of 50
// NESTED-NEXT: n.cpp:3:3: note: in iteration 1 of this loop
// NESTED-TIME: n.cpp:6:5: error: the evaluation exceeded its time limit of 0.05 s (RunOptions::timeout, ag-run --timeout, AG_TIMEOUT) in iteration {{[0-9]+}} of this loop
// NESTED-TIME-NEXT: n.cpp:3:3: note: in iteration 1 of this loop
// DEEP: d.cpp:{{[0-9]+}}:3: error: the evaluation exceeded its time limit of 0.05 s (RunOptions::timeout, ag-run --timeout, AG_TIMEOUT) in iteration {{[12]}} of this loop
// DEEP: d.cpp:2:3: note: in iteration {{[12]}} of this loop
// PRINT: i = 1
// PRINT-NEXT: i = 2
// PRINT-NEXT: i = 3
// PRINT-NEXT: p.cpp:4:3: error: this loop exceeded the iteration limit of 3
// EXACT-COUNT-1500: i = {{[0-9]+}}
// EXACT-NEXT: p.cpp:4:3: error: this loop exceeded the iteration limit of 1500
// OUTER-COUNT-1500: k = {{[0-9]+}}
// OUTER-NEXT: o.cpp:2:3: error: this loop exceeded the iteration limit of 1500
// OUTER-NOT: note
// INNER-NOT: k =
// INNER: o.cpp:3:5: error: this loop exceeded the iteration limit of 2
// INNER-NEXT: o.cpp:2:3: note: in iteration 1 of this loop
// CALL: g.cpp:3:3: error: this loop exceeded the iteration limit of 50
// CALL-NEXT: f.cpp:7:10: note: called from here
// CALL-NEXT: f.cpp:6:3: note: in iteration 1 of this loop
// CALL-TIME: g.cpp:3:3: error: the evaluation exceeded its time limit of 0.05 s (RunOptions::timeout, ag-run --timeout, AG_TIMEOUT) in iteration {{[0-9]+}} of this loop
// CALL-TIME-NEXT: f.cpp:7:10: note: called from here
// CALL-TIME-NEXT: f.cpp:6:3: note: in iteration 1 of this loop
// REGION: r.cpp:5:3: error: this loop exceeded the iteration limit of 1000
// REGION-TIME: r.cpp:5:3: error: the evaluation exceeded its time limit of 0.05 s (RunOptions::timeout, ag-run --timeout, AG_TIMEOUT) in iteration {{[0-9]+}} of this loop

//--- finite.mlir
ag.func @f(%n: tensor<i64> loc("n")) -> tensor<i64> {
  %zero = ag.constant dense<0> : tensor<i64>
  %one = ag.constant dense<1> : tensor<i64>
  %w = ag.while (%i = %zero) : (tensor<i64>) -> (tensor<i64>) {
    %go = ag.cmp lt, %i, %n : tensor<i64>
    ag.condition %go(%i : tensor<i64>)
  } do {
  ^bb0(%i: tensor<i64>):
    %i1 = ag.add %i, %one : tensor<i64>
    ag.yield %i1 : tensor<i64>
  } loc("c.cpp":4:3)
  ag.return %w : tensor<i64>
}
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
//--- for.mlir
ag.func @f(%n: tensor<i64> loc("n")) -> tensor<i64> {
  %zero = ag.constant dense<0> : tensor<i64>
  %one = ag.constant dense<1> : tensor<i64>
  %big = ag.constant dense<1000000000000> : tensor<i64>
  %o = ag.for %k = %zero to %big step %one iter_args(%acc = %n) -> (tensor<i64>) {
    %a = ag.add %acc, %k : tensor<i64>
    ag.yield %a : tensor<i64>
  } loc("o.cpp":5:3)
  ag.return %o : tensor<i64>
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
//--- deep.mlir
ag.func @f(%n: tensor<i64> loc("n")) -> tensor<i64> {
  %z = ag.constant dense<0> : tensor<i64>
  %o = ag.constant dense<1> : tensor<i64>
  %r0 = ag.for %j0 = %z to %n step %o iter_args(%a0 = %z) -> (tensor<i64>) {
    %r1 = ag.for %j1 = %z to %n step %o iter_args(%a1 = %z) -> (tensor<i64>) {
      %r2 = ag.for %j2 = %z to %n step %o iter_args(%a2 = %z) -> (tensor<i64>) {
        %r3 = ag.for %j3 = %z to %n step %o iter_args(%a3 = %z) -> (tensor<i64>) {
          %r4 = ag.for %j4 = %z to %n step %o iter_args(%a4 = %z) -> (tensor<i64>) {
            %r5 = ag.for %j5 = %z to %n step %o iter_args(%a5 = %z) -> (tensor<i64>) {
              %r6 = ag.for %j6 = %z to %n step %o iter_args(%a6 = %z) -> (tensor<i64>) {
                %r7 = ag.for %j7 = %z to %n step %o iter_args(%a7 = %z) -> (tensor<i64>) {
                  %r8 = ag.for %j8 = %z to %n step %o iter_args(%a8 = %z) -> (tensor<i64>) {
                    %r9 = ag.for %j9 = %z to %n step %o iter_args(%a9 = %z) -> (tensor<i64>) {
                      %r10 = ag.for %j10 = %z to %n step %o iter_args(%a10 = %z) -> (tensor<i64>) {
                        %r11 = ag.for %j11 = %z to %n step %o iter_args(%a11 = %z) -> (tensor<i64>) {
                          %r12 = ag.for %j12 = %z to %n step %o iter_args(%a12 = %z) -> (tensor<i64>) {
                            %r13 = ag.for %j13 = %z to %n step %o iter_args(%a13 = %z) -> (tensor<i64>) {
                              %r14 = ag.for %j14 = %z to %n step %o iter_args(%a14 = %z) -> (tensor<i64>) {
                                %r15 = ag.for %j15 = %z to %n step %o iter_args(%a15 = %z) -> (tensor<i64>) {
                                  %r16 = ag.for %j16 = %z to %n step %o iter_args(%a16 = %z) -> (tensor<i64>) {
                                    %r17 = ag.for %j17 = %z to %n step %o iter_args(%a17 = %z) -> (tensor<i64>) {
                                      %r18 = ag.for %j18 = %z to %n step %o iter_args(%a18 = %z) -> (tensor<i64>) {
                                        %r19 = ag.for %j19 = %z to %n step %o iter_args(%a19 = %z) -> (tensor<i64>) {
                                          %r20 = ag.for %j20 = %z to %n step %o iter_args(%a20 = %z) -> (tensor<i64>) {
                                            %r21 = ag.for %j21 = %z to %n step %o iter_args(%a21 = %z) -> (tensor<i64>) {
                                              %r22 = ag.for %j22 = %z to %n step %o iter_args(%a22 = %z) -> (tensor<i64>) {
                                                %r23 = ag.for %j23 = %z to %n step %o iter_args(%a23 = %z) -> (tensor<i64>) {
                                                  %r24 = ag.for %j24 = %z to %n step %o iter_args(%a24 = %z) -> (tensor<i64>) {
                                                    %r25 = ag.for %j25 = %z to %n step %o iter_args(%a25 = %z) -> (tensor<i64>) {
                                                      %r26 = ag.for %j26 = %z to %n step %o iter_args(%a26 = %z) -> (tensor<i64>) {
                                                        %r27 = ag.for %j27 = %z to %n step %o iter_args(%a27 = %z) -> (tensor<i64>) {
                                                          %r28 = ag.for %j28 = %z to %n step %o iter_args(%a28 = %z) -> (tensor<i64>) {
                                                            %r29 = ag.for %j29 = %z to %n step %o iter_args(%a29 = %z) -> (tensor<i64>) {
                                                              %r30 = ag.for %j30 = %z to %n step %o iter_args(%a30 = %z) -> (tensor<i64>) {
                                                                %r31 = ag.for %j31 = %z to %n step %o iter_args(%a31 = %z) -> (tensor<i64>) {
                                                                  %r32 = ag.for %j32 = %z to %n step %o iter_args(%a32 = %z) -> (tensor<i64>) {
                                                                    %r33 = ag.for %j33 = %z to %n step %o iter_args(%a33 = %z) -> (tensor<i64>) {
                                                                      %r34 = ag.for %j34 = %z to %n step %o iter_args(%a34 = %z) -> (tensor<i64>) {
                                                                        %r35 = ag.for %j35 = %z to %n step %o iter_args(%a35 = %z) -> (tensor<i64>) {
                                                                          %r36 = ag.for %j36 = %z to %n step %o iter_args(%a36 = %z) -> (tensor<i64>) {
                                                                            %r37 = ag.for %j37 = %z to %n step %o iter_args(%a37 = %z) -> (tensor<i64>) {
                                                                              %r38 = ag.for %j38 = %z to %n step %o iter_args(%a38 = %z) -> (tensor<i64>) {
                                                                                %r39 = ag.for %j39 = %z to %n step %o iter_args(%a39 = %z) -> (tensor<i64>) {
                                                                                  %s = ag.add %a39, %o : tensor<i64> loc("d.cpp":42:5)
                                                                                  ag.yield %s : tensor<i64>
                                                                                } loc("d.cpp":41:3)
                                                                              ag.yield %r39 : tensor<i64>
                                                                              } loc("d.cpp":40:3)
                                                                            ag.yield %r38 : tensor<i64>
                                                                            } loc("d.cpp":39:3)
                                                                          ag.yield %r37 : tensor<i64>
                                                                          } loc("d.cpp":38:3)
                                                                        ag.yield %r36 : tensor<i64>
                                                                        } loc("d.cpp":37:3)
                                                                      ag.yield %r35 : tensor<i64>
                                                                      } loc("d.cpp":36:3)
                                                                    ag.yield %r34 : tensor<i64>
                                                                    } loc("d.cpp":35:3)
                                                                  ag.yield %r33 : tensor<i64>
                                                                  } loc("d.cpp":34:3)
                                                                ag.yield %r32 : tensor<i64>
                                                                } loc("d.cpp":33:3)
                                                              ag.yield %r31 : tensor<i64>
                                                              } loc("d.cpp":32:3)
                                                            ag.yield %r30 : tensor<i64>
                                                            } loc("d.cpp":31:3)
                                                          ag.yield %r29 : tensor<i64>
                                                          } loc("d.cpp":30:3)
                                                        ag.yield %r28 : tensor<i64>
                                                        } loc("d.cpp":29:3)
                                                      ag.yield %r27 : tensor<i64>
                                                      } loc("d.cpp":28:3)
                                                    ag.yield %r26 : tensor<i64>
                                                    } loc("d.cpp":27:3)
                                                  ag.yield %r25 : tensor<i64>
                                                  } loc("d.cpp":26:3)
                                                ag.yield %r24 : tensor<i64>
                                                } loc("d.cpp":25:3)
                                              ag.yield %r23 : tensor<i64>
                                              } loc("d.cpp":24:3)
                                            ag.yield %r22 : tensor<i64>
                                            } loc("d.cpp":23:3)
                                          ag.yield %r21 : tensor<i64>
                                          } loc("d.cpp":22:3)
                                        ag.yield %r20 : tensor<i64>
                                        } loc("d.cpp":21:3)
                                      ag.yield %r19 : tensor<i64>
                                      } loc("d.cpp":20:3)
                                    ag.yield %r18 : tensor<i64>
                                    } loc("d.cpp":19:3)
                                  ag.yield %r17 : tensor<i64>
                                  } loc("d.cpp":18:3)
                                ag.yield %r16 : tensor<i64>
                                } loc("d.cpp":17:3)
                              ag.yield %r15 : tensor<i64>
                              } loc("d.cpp":16:3)
                            ag.yield %r14 : tensor<i64>
                            } loc("d.cpp":15:3)
                          ag.yield %r13 : tensor<i64>
                          } loc("d.cpp":14:3)
                        ag.yield %r12 : tensor<i64>
                        } loc("d.cpp":13:3)
                      ag.yield %r11 : tensor<i64>
                      } loc("d.cpp":12:3)
                    ag.yield %r10 : tensor<i64>
                    } loc("d.cpp":11:3)
                  ag.yield %r9 : tensor<i64>
                  } loc("d.cpp":10:3)
                ag.yield %r8 : tensor<i64>
                } loc("d.cpp":9:3)
              ag.yield %r7 : tensor<i64>
              } loc("d.cpp":8:3)
            ag.yield %r6 : tensor<i64>
            } loc("d.cpp":7:3)
          ag.yield %r5 : tensor<i64>
          } loc("d.cpp":6:3)
        ag.yield %r4 : tensor<i64>
        } loc("d.cpp":5:3)
      ag.yield %r3 : tensor<i64>
      } loc("d.cpp":4:3)
    ag.yield %r2 : tensor<i64>
    } loc("d.cpp":3:3)
  ag.yield %r1 : tensor<i64>
  } loc("d.cpp":2:3)
  ag.return %r0 : tensor<i64>
}
//--- printing.mlir
ag.func @f(%n: tensor<i64> loc("n")) -> (tensor<i64>, !ag.token) {
  %one = ag.constant dense<1> : tensor<i64>
  %t0 = ag.token
  %w:2 = ag.while (%i = %n, %t = %t0) : (tensor<i64>, !ag.token) -> (tensor<i64>, !ag.token) {
    %c = ag.constant dense<true> : tensor<i1>
    ag.condition %c(%i, %t : tensor<i64>, !ag.token)
  } do {
  ^bb0(%i: tensor<i64>, %t: !ag.token):
    %t1 = ag.print %t, "i = {}\n", %i : tensor<i64> loc("p.cpp":5:5)
    %i1 = ag.add %i, %one : tensor<i64>
    ag.yield %i1, %t1 : tensor<i64>, !ag.token
  } loc("p.cpp":4:3)
  ag.return %w#0, %w#1 : tensor<i64>, !ag.token
}
//--- sequential.mlir
ag.func @f(%n: tensor<i64> loc("n")) -> (tensor<i64>, !ag.token) {
  %zero = ag.constant dense<0> : tensor<i64>
  %one = ag.constant dense<1> : tensor<i64>
  %s = ag.for %k = %zero to %n step %one iter_args(%acc = %zero) -> (tensor<i64>) {
    %a = ag.add %acc, %k : tensor<i64>
    ag.yield %a : tensor<i64>
  } loc("p.cpp":2:3)
  %t0 = ag.token
  %w:2 = ag.while (%i = %s, %t = %t0) : (tensor<i64>, !ag.token) -> (tensor<i64>, !ag.token) {
    %c = ag.constant dense<true> : tensor<i1>
    ag.condition %c(%i, %t : tensor<i64>, !ag.token)
  } do {
  ^bb0(%i: tensor<i64>, %t: !ag.token):
    %t1 = ag.print %t, "i = {}\n", %i : tensor<i64> loc("p.cpp":5:5)
    %i1 = ag.add %i, %one : tensor<i64>
    ag.yield %i1, %t1 : tensor<i64>, !ag.token
  } loc("p.cpp":4:3)
  ag.return %w#0, %w#1 : tensor<i64>, !ag.token
}
//--- outer.mlir
ag.func @f(%n: tensor<i64> loc("n")) -> (tensor<i64>, !ag.token) {
  %zero = ag.constant dense<0> : tensor<i64>
  %one = ag.constant dense<1> : tensor<i64>
  %three = ag.constant dense<3> : tensor<i64>
  %t0 = ag.token
  %o:2 = ag.for %k = %zero to %n step %one iter_args(%acc = %zero, %t = %t0) -> (tensor<i64>, !ag.token) {
    %s = ag.for %j = %zero to %three step %one iter_args(%a = %acc) -> (tensor<i64>) {
      %a1 = ag.add %a, %j : tensor<i64>
      ag.yield %a1 : tensor<i64>
    } loc("o.cpp":3:5)
    %t1 = ag.print %t, "k = {}\n", %k : tensor<i64> loc("o.cpp":4:5)
    ag.yield %s, %t1 : tensor<i64>, !ag.token
  } loc("o.cpp":2:3)
  ag.return %o#0, %o#1 : tensor<i64>, !ag.token
}
//--- call.mlir
ag.func @f(%n: tensor<i64> loc("n")) -> tensor<i64> {
  %zero = ag.constant dense<0> : tensor<i64>
  %one = ag.constant dense<1> : tensor<i64>
  %ten = ag.constant dense<10> : tensor<i64>
  %o = ag.for %k = %zero to %ten step %one iter_args(%acc = %n) -> (tensor<i64>) {
    %y = ag.call @g(%acc) : (tensor<i64>) -> tensor<i64> loc("f.cpp":7:10)
    ag.yield %y : tensor<i64>
  } loc("f.cpp":6:3)
  ag.return %o : tensor<i64>
}
ag.func private @g(%x: tensor<i64>) -> tensor<i64> {
  %one = ag.constant dense<1> : tensor<i64>
  %w = ag.while (%i = %x) : (tensor<i64>) -> (tensor<i64>) {
    %c = ag.constant dense<true> : tensor<i1>
    ag.condition %c(%i : tensor<i64>)
  } do {
  ^bb0(%i: tensor<i64>):
    %i1 = ag.add %i, %one : tensor<i64>
    ag.yield %i1 : tensor<i64>
  } loc("g.cpp":3:3)
  ag.return %w : tensor<i64>
}
//--- region.mlir
ag.func @f(%n: tensor<i64> loc("n")) -> (tensor<i64>, tensor<2xi64>) {
  %one = ag.constant dense<1> : tensor<i64>
  %w = ag.while (%i = %n) : (tensor<i64>) -> (tensor<i64>) {
    %t = ag.constant dense<true> : tensor<i1>
    ag.condition %t(%i : tensor<i64>)
  } do {
  ^bb0(%i: tensor<i64>):
    %i1 = ag.add %i, %one : tensor<i64>
    ag.yield %i1 : tensor<i64>
  } loc("r.cpp":5:3)
  %s = ag.stack %n, %n : tensor<i64> loc("r.cpp":9:3)
  ag.return %w, %s : tensor<i64>, tensor<2xi64>
}
