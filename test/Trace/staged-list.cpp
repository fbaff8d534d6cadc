// A std::vector<ag::Tensor> appended to in a staged loop and under a staged
// if is an !ag.list value: created before the loop, carried by it, merged by
// the if, stacked into a tensor whose first dimension is dynamic. A stacked
// list iterated by a range-for takes its trip count from ag.dim.
// REQUIRES: ag-convert, ag-trace-driver
// RUN: ag-convert %s -o %t.cpp -- -std=c++17 -I%ag_include
// RUN: %cxx -std=c++17 -I%ag_include %t.cpp %ag_trace_link -o %t
// RUN: %t evens int64 | FileCheck %s
// RUN: %t evens int64 | ag-opt --ag-optimize | FileCheck %s --check-prefix=OPT

#include <ag/ag.h>

#include <vector>

AG_CONVERT
ag::Tensor evens(ag::Tensor x) {
  std::vector<ag::Tensor> found;
  while (x > 1) {
    x = x / 2;
    if (x % 2 == 0)
      found.push_back(x);
  }
  ag::Tensor total = 0;
  for (ag::Tensor e : ag::stack(found))
    total += e;
  return total;
}

// CHECK-LABEL: ag.func @evens(%arg0: tensor<i64>) -> tensor<i64>
//       CHECK:   %[[EMPTY:.*]] = ag.list_new
//       CHECK:   %[[LOOP:.*]]:2 = ag.while (%{{.*}} = %arg0, %[[L:.*]] = %[[EMPTY]]) : (tensor<i64>, !ag.list) -> (tensor<i64>, !ag.list)
//       CHECK:     %[[MERGED:.*]] = ag.if %{{.*}} -> (!ag.list) {
//  CHECK-NEXT:       %[[PUSHED:.*]] = ag.list_push %{{.*}}, %{{.*}} : tensor<i64>
//  CHECK-NEXT:       ag.yield %[[PUSHED]] : !ag.list
//  CHECK-NEXT:     } else {
//  CHECK-NEXT:       ag.yield %{{.*}} : !ag.list
//       CHECK:     ag.yield %{{.*}}, %[[MERGED]] : tensor<i64>, !ag.list
//       CHECK:   %[[STACKED:.*]] = ag.list_stack %[[LOOP]]#1 : tensor<?xi64>
//  CHECK-NEXT:   %[[ROWS:.*]] = ag.dim %[[STACKED]], 0 : tensor<?xi64>
//       CHECK:   ag.for %{{.*}} = %{{.*}} to %[[ROWS]] step
//       CHECK:     ag.index %[[STACKED]][%{{.*}}] : tensor<?xi64>

// The optimizer keeps the list ops (the if yields a list: no select).
// OPT: ag.list_new
// OPT: ag.if
// OPT: ag.list_push
// OPT: ag.list_stack
// OPT-NOT: ag.select
