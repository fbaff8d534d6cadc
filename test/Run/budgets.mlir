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
// 40 nested loops of 2 iterations each: 2^40 in all, none reaching the
// poll interval by itself. The clock is read every 1024 iterations of the
// run, not of one loop (it was per loop: this ran past its deadline).
// RUN: not ag-run %t/deep.mlir --feed n=2 --timeout 0.05 2>&1 | FileCheck %s --check-prefix=DEEP
// RUN: env AG_SCALAR_CODE=0 not ag-run %t/deep.mlir --feed n=2 --timeout 0.05 2>&1 | FileCheck %s --check-prefix=DEEP
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
// DEEP: error: the evaluation exceeded its time limit of 0.05 s
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
