// RUN: ag-opt %s --control-flow-sink --split-input-file | FileCheck %s --check-prefix=SINK
// RUN: ag-opt %s --sccp --split-input-file | FileCheck %s --check-prefix=SCCP

// Upstream passes that rely on the ag ops' RegionBranchOpInterface.

// control-flow-sink moves an op used by one branch only into it (ag.if runs
// each region at most once), so it is computed only when that branch is
// taken; loops are never sunk into.
// SINK-LABEL: ag.func @sink
// SINK-NEXT: ag.add
// SINK-NEXT: ag.for
// SINK: ag.if
// SINK-NEXT: ag.mul
// SINK: } else {
// SINK-NEXT: ag.sub
ag.func @sink(%c: tensor<i1>, %x: tensor<i64>, %n: tensor<i64>) -> (tensor<i64>, tensor<i64>) {
  %m = ag.mul %x, %x : tensor<i64>
  %s = ag.sub %x, %n : tensor<i64>
  %k = ag.add %x, %x : tensor<i64>
  %l = ag.for %i = %n to %n step %n iter_args(%a = %x) -> (tensor<i64>) {
    %b = ag.add %a, %k : tensor<i64>
    ag.yield %b : tensor<i64>
  }
  %r = ag.if %c -> (tensor<i64>) {
    ag.yield %m : tensor<i64>
  } else {
    ag.yield %s : tensor<i64>
  }
  ag.return %r, %l : tensor<i64>, tensor<i64>
}

// -----

// SCCP propagates constants through loop-carried values: %y is 5 on every
// iteration.
// SCCP-LABEL: ag.func @sccp
// SCCP: %[[FIVE:.*]] = ag.constant dense<5> : tensor<i64>
// SCCP: ag.return %{{.*}}, %[[FIVE]]
ag.func @sccp(%n: tensor<i64>) -> (tensor<i64>, tensor<i64>) {
  %zero = ag.constant dense<0> : tensor<i64>
  %five = ag.constant dense<5> : tensor<i64>
  %r:2 = ag.while (%i = %zero, %y = %five) : (tensor<i64>, tensor<i64>) -> (tensor<i64>, tensor<i64>) {
    %go = ag.cmp lt, %i, %n : tensor<i64>
    ag.condition %go(%i, %y : tensor<i64>, tensor<i64>)
  } do {
  ^bb0(%j: tensor<i64>, %z: tensor<i64>):
    %one = ag.constant dense<1> : tensor<i64>
    %j1 = ag.add %j, %one : tensor<i64>
    %z1 = ag.mul %z, %one : tensor<i64>
    ag.yield %j1, %z1 : tensor<i64>, tensor<i64>
  }
  ag.return %r#0, %r#1 : tensor<i64>, tensor<i64>
}
