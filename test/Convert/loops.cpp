// do/while and classic for loops. A staged for becomes { init; while_(cond, { body; inc }) }; a host for stays a C++ loop (unrolled while tracing).
// RUN: cd %S && ag-convert --twins-only loops.cpp -- -std=c++17 -I%ag_include | FileCheck %s
// RUN: ag-convert %s -- -std=c++17 -I%ag_include | %cxx -std=c++17 -fsyntax-only -Wall -Wextra -Werror -I%ag_include -x c++ -

#include <ag/ag.h>

AG_CONVERT
ag::Tensor halve(ag::Tensor x) {
  ag::Tensor steps = 0;
  do {
    x = x / 2;
    steps++;
  } while (x > 1);
  return steps;
}

AG_CONVERT
ag::Tensor triangle(ag::Tensor n) {
  ag::Tensor sum = 0;
  for (ag::Tensor i = 1; i <= n; i += 1)
    sum += i;
  return sum;
}

AG_CONVERT
ag::Tensor power(ag::Tensor x, int n) {
  ag::Tensor r = 1;
  for (int i = 0; i < n; ++i)
    r *= x;
  return r;
}

// CHECK-LABEL: static const char ag_source_file[] = "{{.*}}loops.cpp";
// CHECK-NEXT: ag::Tensor ag_twin_halve(ag::Tensor x) {
// CHECK-NEXT:   ::ag::FunctionScope ag_scope("halve", ag_source_file, 8, 12, {"x"});
// CHECK-NEXT:   ::ag::at({9, 22, 9, 22, "steps"});
// CHECK-NEXT:   ag::Tensor steps = 0;
// CHECK-NEXT:   ::ag::do_while_(
// CHECK-NEXT:       {10, 3, 13, 16}, {{[{][{]}}"x", x}, {"steps", steps}},
// CHECK-NEXT:       [&] {
// CHECK-NEXT:         ::ag::at({11, 5, 11, 13, "x"});
// CHECK-NEXT:         x = x / 2;
// CHECK-NEXT:         ::ag::at({12, 5, 12, 11, "steps"});
// CHECK-NEXT:         steps++;
// CHECK-NEXT:       },
// CHECK-NEXT:       [&]() -> ::ag::Tensor { return x > 1; });
// CHECK-NEXT: ::ag::detail::bind_({{[{][{]}}"steps", steps}});
// CHECK-NEXT:   return steps;
// CHECK-NEXT: }
// CHECK-NEXT: {{\[\[}}maybe_unused]] static const bool ag_registered_halve =
// CHECK-NEXT:     ::ag::detail::registerTwin(reinterpret_cast<const void *>(&halve),
// CHECK-NEXT:                                reinterpret_cast<const void *>(&ag_twin_halve),
// CHECK-NEXT:                                "halve", ag_source_file, 8);
// CHECK-LABEL: ag::Tensor ag_twin_triangle(ag::Tensor n) {
// CHECK-NEXT:   ::ag::FunctionScope ag_scope("triangle", ag_source_file, 18, 12, {"n"});
// CHECK-NEXT:   ::ag::at({19, 20, 19, 20, "sum"});
// CHECK-NEXT:   ag::Tensor sum = 0;
// CHECK-NEXT:   {
// CHECK-NEXT:     ::ag::at({20, 23, 20, 23, "i"});
// CHECK-NEXT:     ag::Tensor i = 1;
// CHECK-NEXT:     ::ag::while_(
// CHECK-NEXT:         {20, 3, 20, 31}, {{[{][{]}}"sum", sum}, {"i", i}},
// CHECK-NEXT:         [&]() -> ::ag::Tensor { return i <= n; },
// CHECK-NEXT:         [&] {
// CHECK-NEXT:           ::ag::at({21, 5, 21, 12, "sum"});
// CHECK-NEXT:           sum += i;
// CHECK-NEXT:           ::ag::at({20, 34, 20, 39, "i"});
// CHECK-NEXT:           i += 1;
// CHECK-NEXT:         });
// CHECK-NEXT:   }
// CHECK-NEXT: ::ag::detail::bind_({{[{][{]}}"sum", sum}});
// CHECK-NEXT:   return sum;
// CHECK-NEXT: }
// CHECK-NEXT: {{\[\[}}maybe_unused]] static const bool ag_registered_triangle =
// CHECK-NEXT:     ::ag::detail::registerTwin(
// CHECK-NEXT:         reinterpret_cast<const void *>(&triangle),
// CHECK-NEXT:         reinterpret_cast<const void *>(&ag_twin_triangle), "triangle",
// CHECK-NEXT:         ag_source_file, 18);
// CHECK-LABEL: ag::Tensor ag_twin_power(ag::Tensor x, int n) {
// CHECK-NEXT:   ::ag::FunctionScope ag_scope("power", ag_source_file, 26, 12, {"x"});
// CHECK-NEXT:   ::ag::at({27, 18, 27, 18, "r"});
// CHECK-NEXT:   ag::Tensor r = 1;
// CHECK-NEXT:   for (int i = 0; i < n; ++i) {
// CHECK-NEXT:     ::ag::at({29, 5, 29, 10, "r"});
// CHECK-NEXT:     r *= x;
// CHECK-NEXT:   }
// CHECK-NEXT: ::ag::detail::bind_({{[{][{]}}"r", r}});
// CHECK-NEXT:   return r;
// CHECK-NEXT: }
// CHECK-NEXT: {{\[\[}}maybe_unused]] static const bool ag_registered_power =
// CHECK-NEXT:     ::ag::detail::registerTwin(reinterpret_cast<const void *>(&power),
// CHECK-NEXT:                                reinterpret_cast<const void *>(&ag_twin_power),
// CHECK-NEXT:                                "power", ag_source_file, 26);
