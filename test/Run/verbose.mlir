// --verbose traces what is computed, each op as it runs and each buffer as
// it is released; --dot writes Graphviz with regions as clusters.
// RUN: ag-run %s --feed x=3 --fetch z --verbose --threads 1 2>&1 | FileCheck %s
// RUN: ag-run %s --feed x=3 --fetch z --dot %t.dot > /dev/null
// RUN: FileCheck %s --check-prefix=DOT < %t.dot

// CHECK: computing z
// CHECK-NEXT: running ag.add -> y at f.cpp:4:7
// CHECK-NEXT: released x (last consumer: ag.add at f.cpp:4:7)
// CHECK-NEXT: running ag.cmp at f.cpp:5:7
// CHECK-NEXT: running ag.if -> z at f.cpp:5:3
// CHECK-NEXT: running ag.mul -> z at f.cpp:6:9
// CHECK-NEXT: released y (last consumer: ag.if at f.cpp:5:3)
// CHECK-NEXT: released %{{[0-9]+}} (last consumer: ag.if at f.cpp:5:3)
// CHECK-NEXT: z = 16
// CHECK-NOT: unused

// DOT: digraph "f" {
// DOT: [shape=ellipse, label="x\ntensor<i64>"];
// DOT: [label="ag.add\ny\nf.cpp:4"];
// DOT: subgraph cluster_{{[0-9]+}} {
// DOT: label="ag.if then";
// DOT: -> n{{[0-9]+}};

ag.func @f(%x: tensor<i64> loc("x")) -> tensor<i64> {
  %one = ag.constant dense<1> : tensor<i64>
  %unused = ag.neg %x : tensor<i64> loc("unused"("f.cpp":3:7))
  %y = ag.add %x, %one : tensor<i64> loc("y"("f.cpp":4:7))
  %c = ag.cmp gt, %y, %one : tensor<i64> loc("f.cpp":5:7)
  %z = ag.if %c -> (tensor<i64>) {
    %m = ag.mul %y, %y : tensor<i64> loc("z"("f.cpp":6:9))
    ag.yield %m : tensor<i64>
  } else {
    ag.yield %y : tensor<i64>
  } loc("f.cpp":5:3)
  ag.return %z : tensor<i64>
}
