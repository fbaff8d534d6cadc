// ?:, && and || with a staged operand keep short-circuit: ag::cond_, ag::and_, ag::or_ take lambdas. ! on a tensor is an ordinary operator; host && stays C++.
// RUN: cd %S && ag-convert --twins-only logical.cpp -- -std=c++17 -I%ag_include | FileCheck %s
// RUN: ag-convert %s -- -std=c++17 -I%ag_include | %cxx -std=c++17 -fsyntax-only -Wall -Wextra -Werror -I%ag_include -x c++ -

#include <ag/ag.h>

AG_CONVERT
ag::Tensor safeRatio(ag::Tensor x, bool enabled, bool verbose) {
  ag::Tensor r = 0;
  if (x != 0 && 10 / x > 2)
    r = 10 / x;
  if (x < -5 || !(x < 5))
    r = r - 1;
  if (enabled && verbose)
    r = r + 0;
  ag::Tensor s = x > 0 ? x : -x;
  ag::Tensor both = (x > 0 && r > 0) || enabled;
  return r + s + both;
}

// CHECK-LABEL: static const char ag_source_file[] = "{{.*}}logical.cpp";
// CHECK-NEXT: ag::Tensor ag_twin_safeRatio(ag::Tensor x, bool enabled, bool verbose) {
// CHECK-NEXT:   ::ag::FunctionScope ag_scope("safeRatio", ag_source_file, 8, 12, {"x"});
// CHECK-NEXT:   ::ag::at({9, 18, 9, 18, "r"});
// CHECK-NEXT:   ag::Tensor r = 0;
// CHECK-NEXT:   ::ag::at({10, 3, 10, 27});
// CHECK-NEXT:   ::ag::if_({10, 3, 10, 27}, {{[{][{]}}"r", r}},
// CHECK-NEXT:             ::ag::and_(
// CHECK-NEXT:             {10, 7, 10, 26}, [&]() -> ::ag::Tensor { return x != 0; },
// CHECK-NEXT:             [&]() -> ::ag::Tensor {
// CHECK-NEXT:               return ::ag::sub_({10, 17, 10, 22}, 10 / x) > 2;
// CHECK-NEXT:                 }),
// CHECK-NEXT:       [&] {
// CHECK-NEXT:         ::ag::at({11, 5, 11, 14, "r"});
// CHECK-NEXT:         r = ::ag::sub_({11, 9, 11, 14}, 10 / x);
// CHECK-NEXT:             });
// CHECK-NEXT:   ::ag::at({12, 3, 12, 25});
// CHECK-NEXT:   ::ag::if_({12, 3, 12, 25}, {{[{][{]}}"r", r}},
// CHECK-NEXT:             ::ag::or_(
// CHECK-NEXT:             {12, 7, 12, 24}, [&]() -> ::ag::Tensor { return x < -5; },
// CHECK-NEXT:                 [&]() -> ::ag::Tensor { return !(x < 5); }),
// CHECK-NEXT:       [&] {
// CHECK-NEXT:         ::ag::at({13, 5, 13, 13, "r"});
// CHECK-NEXT:         r = r - 1;
// CHECK-NEXT:             });
// CHECK-NEXT:   if (enabled && verbose) {
// CHECK-NEXT:     ::ag::at({15, 5, 15, 13, "r"});
// CHECK-NEXT:     r = r + 0;
// CHECK-NEXT:   }
// CHECK-NEXT:   ::ag::at({16, 18, 16, 31, "s"});
// CHECK-NEXT:   ag::Tensor s = ::ag::cond_(
// CHECK-NEXT:       {16, 18, 16, 31}, [&]() -> ::ag::Tensor { return x > 0; },
// CHECK-NEXT:       [&]() -> ::ag::Tensor { return x; },
// CHECK-NEXT:       [&]() -> ::ag::Tensor { return -x; });
// CHECK-NEXT:   ::ag::at({17, 21, 17, 47, "both"});
// CHECK-NEXT:   ag::Tensor both = ::ag::or_(
// CHECK-NEXT:       {17, 21, 17, 47},
// CHECK-NEXT:       [&]() -> ::ag::Tensor {
// CHECK-NEXT:         return (::ag::and_(
// CHECK-NEXT:             {17, 22, 17, 35}, [&]() -> ::ag::Tensor { return x > 0; },
// CHECK-NEXT:             [&]() -> ::ag::Tensor { return r > 0; }));
// CHECK-NEXT:       },
// CHECK-NEXT:       [&]() -> ::ag::Tensor { return enabled; });
// CHECK-NEXT:   ::ag::at({18, 10, 18, 21});
// CHECK-NEXT: ::ag::detail::bind_({{[{][{]}}"r", r}, {"s", s}, {"both", both}});
// CHECK-NEXT:   return r + s + both;
// CHECK-NEXT: }
// CHECK-NEXT: {{\[\[}}maybe_unused]] static const bool ag_registered_safeRatio =
// CHECK-NEXT:     ::ag::detail::registerTwin(
// CHECK-NEXT:         reinterpret_cast<const void *>(&safeRatio),
// CHECK-NEXT:         reinterpret_cast<const void *>(&ag_twin_safeRatio), "safeRatio",
// CHECK-NEXT:         ag_source_file, 8);
