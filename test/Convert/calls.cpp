// Calls to other AG_CONVERT functions call their twins (a twin defined later is declared first); plain helpers are traced through unchanged.
// RUN: cd %S && ag-convert --twins-only calls.cpp -- -std=c++17 -I%ag_include | FileCheck %s
// RUN: ag-convert %s -- -std=c++17 -I%ag_include | %cxx -std=c++17 -fsyntax-only -Wall -Wextra -Werror -I%ag_include -x c++ -

#include <ag/ag.h>

ag::Tensor helper(ag::Tensor x) { return x * 3; }

AG_CONVERT
ag::Tensor square(ag::Tensor x) { return x * x; }

AG_CONVERT ag::Tensor later(ag::Tensor x);

AG_CONVERT
ag::Tensor caller(ag::Tensor x) {
  ag::Tensor y = square(x) + helper(x);
  if (y > 10)
    y = ::square(y) - later(y);
  return y;
}

AG_CONVERT
ag::Tensor later(ag::Tensor x) { return x - 1; }

// CHECK-LABEL: static const char ag_source_file[] = "{{.*}}calls.cpp";
// CHECK-NEXT: ag::Tensor ag_twin_square(ag::Tensor x) {
// CHECK-NEXT:   ::ag::FunctionScope ag_scope("square", ag_source_file, 10, 12, {"x"});
// CHECK-NEXT:   ::ag::at({10, 42, 10, 46});
// CHECK-NEXT:   return x * x;
// CHECK-NEXT: }
// CHECK-NEXT: {{\[\[}}maybe_unused]] static const bool ag_registered_square =
// CHECK-NEXT:     ::ag::detail::registerTwin(reinterpret_cast<const void *>(&square),
// CHECK-NEXT:                                reinterpret_cast<const void *>(&ag_twin_square),
// CHECK-NEXT:                                "square", ag_source_file, 10);
// CHECK-LABEL: ag::Tensor ag_twin_later(ag::Tensor x);
// CHECK-NEXT: ag::Tensor ag_twin_caller(ag::Tensor x) {
// CHECK-NEXT:   ::ag::FunctionScope ag_scope("caller", ag_source_file, 15, 12, {"x"});
// CHECK-NEXT:   ::ag::at({16, 18, 16, 38, "y"});
// CHECK-NEXT:   ag::Tensor y = ag_twin_square(x) + helper(x);
// CHECK-NEXT:   ::ag::at({17, 3, 17, 13});
// CHECK-NEXT:   ::ag::if_({17, 3, 17, 13}, {{[{][{]}}"y", y}}, y > 10, [&] {
// CHECK-NEXT:         ::ag::at({18, 5, 18, 30, "y"});
// CHECK-NEXT:         y = ::ag_twin_square(y) - ag_twin_later(y);
// CHECK-NEXT:   });
// CHECK-NEXT: ::ag::detail::bind_({{[{][{]}}"y", y}});
// CHECK-NEXT:   return y;
// CHECK-NEXT: }
// CHECK-NEXT: {{\[\[}}maybe_unused]] static const bool ag_registered_caller =
// CHECK-NEXT:     ::ag::detail::registerTwin(reinterpret_cast<const void *>(&caller),
// CHECK-NEXT:                                reinterpret_cast<const void *>(&ag_twin_caller),
// CHECK-NEXT:                                "caller", ag_source_file, 15);
// CHECK-LABEL: ag::Tensor ag_twin_later(ag::Tensor x) {
// CHECK-NEXT:   ::ag::FunctionScope ag_scope("later", ag_source_file, 23, 12, {"x"});
// CHECK-NEXT:   ::ag::at({23, 41, 23, 45});
// CHECK-NEXT:   return x - 1;
// CHECK-NEXT: }
// CHECK-NEXT: {{\[\[}}maybe_unused]] static const bool ag_registered_later =
// CHECK-NEXT:     ::ag::detail::registerTwin(reinterpret_cast<const void *>(&later),
// CHECK-NEXT:                                reinterpret_cast<const void *>(&ag_twin_later),
// CHECK-NEXT:                                "later", ag_source_file, 23);
