// Range-for forms the twin must keep: a C++20 init-statement (host and
// staged loops) and a structured binding.
// RUN: cd %S && ag-convert --twins-only range-for-forms.cpp -- -std=c++20 -I%ag_include | FileCheck %s
// RUN: ag-convert %s -- -std=c++20 -I%ag_include | %cxx -std=c++20 -fsyntax-only -Wall -Wextra -Werror -I%ag_include -x c++ -

#include <ag/ag.h>
#include <utility>
#include <vector>

AG_CONVERT
ag::Tensor forms(ag::Tensor a, ag::Tensor rows) {
  for (std::vector<int> v{1, 2, 3}; int k : v)
    a = a + k;
  std::vector<std::pair<int, double>> pairs{{1, 0.5}, {2, 1.5}};
  for (auto [k, w] : pairs)
    a = a + k * w;
  for (ag::Tensor s = 0; ag::Tensor row : rows)
    a = a + row + s;
  return a;
}

// CHECK-LABEL: static const char ag_source_file[] = "{{.*}}range-for-forms.cpp";
// CHECK-LABEL: ag::Tensor ag_twin_forms(ag::Tensor a, ag::Tensor rows) {
// CHECK-NEXT:   ::ag::FunctionScope ag_scope("forms", ag_source_file, 11, 12, {"a", "rows"});
// CHECK-NEXT:   for (std::vector<int> v{1, 2, 3}; int k : v) {
// CHECK-NEXT:     ::ag::at({13, 5, 13, 13, "a"});
// CHECK-NEXT:     a = a + k;
// CHECK-NEXT:   }
// CHECK-NEXT:   std::vector<std::pair<int, double>> pairs{{[{][{]}}1, 0.5}, {2, 1.5}};
// CHECK-NEXT:   for (auto [k, w] : pairs) {
// CHECK-NEXT:     ::ag::at({16, 5, 16, 17, "a"});
// CHECK-NEXT:     a = a + k * w;
// CHECK-NEXT:   }
// CHECK-NEXT:   {
// CHECK-NEXT:     ::ag::at({17, 23, 17, 23, "s"});
// CHECK-NEXT:     ag::Tensor s = 0;
// CHECK-NEXT:     ::ag::for_each_({17, 3, 17, 47}, {{[{][{]}}"a", a}}, rows,
// CHECK-NEXT:                     [&](const ::ag::Tensor &ag_row_1) {
// CHECK-NEXT:                       ::ag::Tensor row = ag_row_1;
// CHECK-NEXT:                       ::ag::at({18, 5, 18, 19, "a"});
// CHECK-NEXT:                       a = a + row + s;
// CHECK-NEXT:                     });
// CHECK-NEXT:   }
// CHECK-NEXT:   return a;
// CHECK-NEXT: }
// CHECK-NEXT: {{\[\[}}maybe_unused]] static const bool ag_registered_forms =
// CHECK-NEXT:     ::ag::detail::registerTwin(reinterpret_cast<const void *>(&forms),
// CHECK-NEXT:                                reinterpret_cast<const void *>(&ag_twin_forms),
// CHECK-NEXT:                                "forms", ag_source_file, 11);
