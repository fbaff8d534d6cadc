// ag.try with typed clauses: a failing op of the graph is an ag::Error
// (a std::exception), so `catch (...)` takes it, as its index says; a
// catch type no library registered is an error naming it.
// RUN: rm -rf %t && split-file %s %t
// RUN: ag-run %t/main.mlir --feed x=0 2>&1 | FileCheck %s --check-prefix=CAUGHT
// RUN: ag-run %t/main.mlir --feed x=5 2>&1 | FileCheck %s --check-prefix=BODY
// RUN: not ag-run %t/unknown.mlir --feed x=0 2>&1 | FileCheck %s --check-prefix=UNKNOWN

// CAUGHT: caught by clause 0
// CAUGHT-NEXT: result0 = -1
// BODY: result0 = 2
// UNKNOWN: error: catch type 'MyError' is not registered in this process

//--- main.mlir
ag.func @guarded(%x: tensor<i64> loc("x")) -> (tensor<i64>, !ag.token) {
  %ten = ag.constant dense<10> : tensor<i64>
  %minus = ag.constant dense<-1> : tensor<i64>
  %t0 = ag.token
  %r, %t = ag.try catches ["..."] -> (tensor<i64>, !ag.token) {
    %q = ag.div %ten, %x : tensor<i64> loc("q")
    ag.yield %q, %t0 : tensor<i64>, !ag.token
  } catch {
  ^bb0(%what: !ag.host<"std::string">, %clause: tensor<i64>):
    %t3 = ag.print %t0, "caught by clause {}\n", %clause : tensor<i64>
    ag.yield %minus, %t3 : tensor<i64>, !ag.token
  } loc("r")
  ag.return %r, %t : tensor<i64>, !ag.token
}

//--- unknown.mlir
ag.func @guarded(%x: tensor<i64> loc("x")) -> tensor<i64> {
  %ten = ag.constant dense<10> : tensor<i64>
  %r = ag.try catches ["MyError", "..."] -> (tensor<i64>) {
    %q = ag.div %ten, %x : tensor<i64>
    ag.yield %q : tensor<i64>
  } catch {
  ^bb0(%what: !ag.host<"std::string">, %clause: tensor<i64>):
    ag.yield %clause : tensor<i64>
  }
  ag.return %r : tensor<i64>
}
