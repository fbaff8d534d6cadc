// Range-for over a staged tensor iterates its first dimension in the graph:
// ag::for_each_ with the loop variable as the lambda's parameter (a copy
// when the body may modify it). Breaks guard the rest of the iterations.
// RUN: cd %S && ag-convert --twins-only range-for-tensor.cpp -- -std=c++17 -I%ag_include -I%S/Inputs | FileCheck %s
// RUN: ag-convert %s -- -std=c++17 -I%ag_include -I%S/Inputs | %cxx -std=c++17 -fsyntax-only -Wall -Wextra -Werror -I%ag_include -I%S/Inputs -x c++ -

#include <ag/ag.h>
#include <tensor-rows.h>

AG_CONVERT
ag::Tensor rowSum(ag::Tensor m) {
  ag::Tensor acc = 0;
  for (const ag::Tensor &row : m)
    acc = acc + ag::sum(row);
  for (ag::Tensor row : m) {
    row = row * 2;
    if (ag::sum(row) > 100)
      break;
    acc = acc - ag::sum(row);
  }
  return acc;
}

// CHECK-LABEL: static const char ag_source_file[] = "{{.*}}range-for-tensor.cpp";
// CHECK-NEXT: ag::Tensor ag_twin_rowSum(ag::Tensor m) {
// CHECK-NEXT:   ::ag::FunctionScope ag_scope("rowSum", ag_source_file, 11, 12, {"m"});
// CHECK-NEXT:   ::ag::at({12, 20, 12, 20, "acc"});
// CHECK-NEXT:   ag::Tensor acc = 0;
// CHECK-NEXT:   ::ag::for_each_({13, 3, 13, 33}, {{[{][{]}}"acc", acc}}, m,
// CHECK-NEXT:                   [&](const ::ag::Tensor &row) {
// CHECK-NEXT:                     ::ag::at({14, 5, 14, 28, "acc"});
// CHECK-NEXT:                     acc = acc + ag::sum(row);
// CHECK-NEXT:                   });
// CHECK-NEXT:   ::ag::Tensor ag_break_1 = false;
// CHECK-NEXT:   ::ag::for_each_(
// CHECK-NEXT:       {15, 3, 15, 26}, {{[{][{]}}"acc", acc}, {"ag_break_1", ag_break_1}}, m,
// CHECK-NEXT:       [&](const ::ag::Tensor &ag_row_2) {
// CHECK-NEXT:         ::ag::Tensor row = ag_row_2;
// CHECK-NEXT:         ::ag::at({15, 28, 20, 3});
// CHECK-NEXT:         ::ag::if_({15, 28, 20, 3}, {{[{][{]}}"acc", acc}, {"ag_break_1", ag_break_1}},
// CHECK-NEXT:                   !ag_break_1, [&] {
// CHECK-NEXT:               ::ag::at({16, 5, 16, 17, "row"});
// CHECK-NEXT:               row = row * 2;
// CHECK-NEXT:                     ::ag::at({17, 5, 17, 27});
// CHECK-NEXT:                     ::ag::if_({17, 5, 17, 27}, {{[{][{]}}"ag_break_1", ag_break_1}},
// CHECK-NEXT:                               ag::sum(row) > 100, [&] { ag_break_1 = true; });
// CHECK-NEXT:                     ::ag::at({19, 5, 19, 28});
// CHECK-NEXT:               ::ag::if_(
// CHECK-NEXT:                         {19, 5, 19, 28},
// CHECK-NEXT:                         {{[{][{]}}"acc", acc}, {"ag_break_1", ag_break_1}}, !ag_break_1,
// CHECK-NEXT:                   [&] {
// CHECK-NEXT:                     ::ag::at({19, 5, 19, 28, "acc"});
// CHECK-NEXT:                     acc = acc - ag::sum(row);
// CHECK-NEXT:                   },
// CHECK-NEXT:                   [&] { ag_break_1 = true; });
// CHECK-NEXT:                   });
// CHECK-NEXT:       });
// CHECK-NEXT: ::ag::detail::bind_({{[{][{]}}"acc", acc}});
// CHECK-NEXT:   return acc;
// CHECK-NEXT: }
// CHECK-NEXT: {{\[\[}}maybe_unused]] static const bool ag_registered_rowSum =
// CHECK-NEXT:     ::ag::detail::registerTwin(reinterpret_cast<const void *>(&rowSum),
// CHECK-NEXT:                                reinterpret_cast<const void *>(&ag_twin_rowSum),
// CHECK-NEXT:                                "rowSum", ag_source_file, 11);
