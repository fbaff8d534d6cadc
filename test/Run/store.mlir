// --store keeps the fetched value (and every AG_NODE result) across runs and
// processes: the second run reads it and runs no node; another feed computes
// again. Each run is recorded in <dir>/runs. An unusable store is an error
// before anything runs; a store of a newer format is refused.
// RUN: rm -rf %t && mkdir -p %t
// RUN: ag-run %s --feed a=27 --fetch counter --store %t/s --stats 2>&1 | FileCheck %s --check-prefix=FIRST
// RUN: ag-run %s --feed a=27 --fetch counter --store %t/s --stats 2>&1 | FileCheck %s --check-prefix=SECOND
// RUN: env AG_STORE=%t/s ag-run %s --feed a=6 --fetch counter --stats 2>&1 | FileCheck %s --check-prefix=OTHER
// RUN: cat %t/s/FORMAT | FileCheck %s --check-prefix=FORMAT
// RUN: FileCheck %s --check-prefix=RECORD1 < %t/s/runs/000001.json
// RUN: FileCheck %s --check-prefix=RECORD2 < %t/s/runs/000002.json
// RUN: touch %t/file
// RUN: not ag-run %s --feed a=27 --fetch counter --store %t/file/s 2>&1 | FileCheck %s --check-prefix=UNWRITABLE
// RUN: mkdir -p %t/new && echo "ag-store 4" > %t/new/FORMAT
// RUN: not ag-run %s --feed a=27 --fetch counter --store %t/new 2>&1 | FileCheck %s --check-prefix=NEWER

// FIRST: counter = 111
// FIRST: store: run 1, nodes cached: 0, values read: 0, values written: 1
// SECOND: counter = 111
// SECOND: ops executed: 0
// SECOND: store: run 2, nodes cached: 1, values read: 1, values written: 0
// OTHER: counter = 8
// OTHER: store: run 3, nodes cached: 0, values read: 0, values written: 1
// FORMAT: ag-store 3

// RECORD1: {"format": 1, "id": 1, "program": "collatz", "start": "{{[0-9-]+T[0-9:.]+Z}}", "end": "{{[0-9-]+T[0-9:.]+Z}}", "status": "ok", "error": null,
// RECORD1-NEXT: "outputs": {"counter": "[[KEY:[0-9a-f]{32}]]"},
// RECORD1-NEXT: "stats": {"executed": {{[0-9]+}}, "cached": 0, "stored": 1},
// RECORD1-NEXT: "nodes": [
// RECORD1-NEXT: {"name": "counter", "variable": "counter", "op": "ag.while", "location": "{{.*}}", "status": "ran", "seconds": {{[0-9.]+}}, "thread": {{[0-9]+}}, "bytes": {{[1-9][0-9]*}}, "key": "[[KEY]]"}
// RECORD2: "outputs": {"counter": "{{[0-9a-f]+}}"},
// RECORD2: "status": "cached"

// UNWRITABLE: error: cannot create the store directory '{{.*}}file/s': Not a directory (RunOptions::store, ag-run --store, AG_STORE)
// NEWER: error: the store '{{.*}}new' was made by a newer ag (format 4; this ag reads format 3 and older)

ag.func @collatz(%a: tensor<i64> loc("a")) -> tensor<i64> {
  %zero = ag.constant dense<0> : tensor<i64>
  %one = ag.constant dense<1> : tensor<i64>
  %r:2 = ag.while (%x = %a, %n = %zero) : (tensor<i64>, tensor<i64>)
                                      -> (tensor<i64>, tensor<i64>) {
    %go = ag.cmp ne, %x, %one : tensor<i64>
    ag.condition %go(%x, %n : tensor<i64>, tensor<i64>)
  } do {
  ^bb0(%x: tensor<i64> loc("a_last"), %n: tensor<i64> loc("counter")):
    %two = ag.constant dense<2> : tensor<i64>
    %m = ag.rem %x, %two : tensor<i64>
    %even = ag.cmp eq, %m, %zero : tensor<i64>
    %next = ag.if %even -> (tensor<i64>) {
      %h = ag.div %x, %two : tensor<i64>
      ag.yield %h : tensor<i64>
    } else {
      %three = ag.constant dense<3> : tensor<i64>
      %t = ag.mul %three, %x : tensor<i64>
      %u = ag.add %t, %one : tensor<i64>
      ag.yield %u : tensor<i64>
    }
    %n1 = ag.add %n, %one : tensor<i64> loc("counter")
    ag.yield %next, %n1 : tensor<i64>, tensor<i64>
  }
  ag.return %r#1 : tensor<i64>
}
