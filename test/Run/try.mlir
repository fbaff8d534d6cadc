// ag.try: the body's results when nothing fails; when an op of the body
// fails, the handler's, with only the body's effects before the failure.
// RUN: ag-run %s --feed x=5 2>&1 | FileCheck %s --check-prefix=BODY
// RUN: ag-run %s --feed x=0 2>&1 | FileCheck %s --check-prefix=CAUGHT

// BODY: before
// BODY-NEXT: after 2
// BODY-NEXT: result0 = 2

// CAUGHT: before
// CAUGHT-NEXT: caught
// CAUGHT-NEXT: result0 = -1

ag.func @guarded(%x: tensor<i64> loc("x")) -> (tensor<i64>, !ag.token) {
  %ten = ag.constant dense<10> : tensor<i64>
  %minus = ag.constant dense<-1> : tensor<i64>
  %t0 = ag.token
  %r, %t = ag.try -> (tensor<i64>, !ag.token) {
    %t1 = ag.print %t0, "before\n"
    %q = ag.div %ten, %x : tensor<i64> loc("q")
    %t2 = ag.print %t1, "after {}\n", %q : tensor<i64>
    ag.yield %q, %t2 : tensor<i64>, !ag.token
  } catch {
  ^bb0(%what: !ag.host<"std::string">):
    %t3 = ag.print %t0, "caught\n"
    ag.yield %minus, %t3 : tensor<i64>, !ag.token
  } loc("r")
  ag.return %r, %t : tensor<i64>, !ag.token
}
