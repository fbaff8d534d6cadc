// Range-for over a host container stays a C++ loop: it unrolls while tracing.
// RUN: cd %S && ag-convert --twins-only range-for.cpp -- -std=c++17 -I%ag_include | FileCheck %s
// RUN: ag-convert %s -- -std=c++17 -I%ag_include | %cxx -std=c++17 -fsyntax-only -Wall -Wextra -Werror -I%ag_include -x c++ -

#include <ag/ag.h>
#include <vector>

AG_CONVERT
ag::Tensor weighted(ag::Tensor x, std::vector<double> weights) {
  ag::Tensor acc = 0;
  for (double w : weights)
    acc = acc + w * x;
  for (const auto &w : weights) {
    if (acc > w)
      acc = acc - w;
  }
  return acc;
}

// CHECK-LABEL: static const char ag_source_file[] = "{{.*}}range-for.cpp";
// CHECK-NEXT: ag::Tensor ag_twin_weighted(ag::Tensor x, std::vector<double> weights) {
// CHECK-NEXT:   ::ag::FunctionScope ag_scope("weighted", ag_source_file, 9, 12, {"x"});
// CHECK-NEXT:   ::ag::at({10, 20, 10, 20, "acc"});
// CHECK-NEXT:   ag::Tensor acc = 0;
// CHECK-NEXT:   for (double w : weights) {
// CHECK-NEXT:     ::ag::at({12, 5, 12, 21, "acc"});
// CHECK-NEXT:     acc = acc + w * x;
// CHECK-NEXT:   }
// CHECK-NEXT:   for (const auto &w : weights) {
// CHECK-NEXT:     ::ag::at({14, 5, 14, 16});
// CHECK-NEXT:     ::ag::if_({14, 5, 14, 16}, {{[{][{]}}"acc", acc}}, acc > w, [&] {
// CHECK-NEXT:           ::ag::at({15, 7, 15, 19, "acc"});
// CHECK-NEXT:           acc = acc - w;
// CHECK-NEXT:     });
// CHECK-NEXT:   }
// CHECK-NEXT: ::ag::detail::bind_({{[{][{]}}"acc", acc}});
// CHECK-NEXT:   return acc;
// CHECK-NEXT: }
// CHECK-NEXT: {{\[\[}}maybe_unused]] static const bool ag_registered_weighted =
// CHECK-NEXT:     ::ag::detail::registerTwin(
// CHECK-NEXT:         reinterpret_cast<const void *>(&weighted),
// CHECK-NEXT:         reinterpret_cast<const void *>(&ag_twin_weighted), "weighted",
// CHECK-NEXT:         ag_source_file, 9);
