// Effects on staged values become ordered effect ops: assert (message from the literal, or the condition's text), std::cout chains (std::endl is a newline), printf with t.item<T>() arguments, ag::print. Host-only effects stay as written.
// RUN: cd %S && ag-convert --twins-only effects.cpp -- -std=c++17 -I%ag_include | FileCheck %s
// RUN: ag-convert %s -- -std=c++17 -I%ag_include | %cxx -std=c++17 -fsyntax-only -Wall -Wextra -Werror -I%ag_include -x c++ -

#include <ag/ag.h>
#include <cassert>
#include <cstdio>
#include <iostream>

AG_CONVERT
ag::Tensor effects(ag::Tensor x, int n) {
  assert(x >= 0 && "x must be non-negative");
  assert(x < 100);
  assert(n >= 0);
  std::cout << "x = " << x << ' ' << n << std::endl;
  std::cout << "host only " << n << "\n";
  printf("x=%ld n=%d\n", x.item<long>(), n);
  printf("host %d\n", n);
  ag::print("x:", x);
  return x;
}

// Under staged control flow even host-only prints are staged: they must run
// when (and each time) evaluation takes the branch, not once while tracing.
AG_CONVERT
ag::Tensor branchy(ag::Tensor x, int n) {
  if (x > 0) {
    std::cout << "positive, n = " << n << '\n';
    printf("n=%d\n", n);
  }
  return x;
}

// CHECK-LABEL: static const char ag_source_file[] = "{{.*}}effects.cpp";
// CHECK-NEXT: ag::Tensor ag_twin_effects(ag::Tensor x, int n) {
// CHECK-NEXT:   ::ag::FunctionScope ag_scope("effects", ag_source_file, 11, 12, {"x"});
// CHECK-NEXT:   ::ag::assert_({12, 10, 12, 43}, x >= 0, "x must be non-negative");
// CHECK-NEXT:   ::ag::assert_({13, 10, 13, 16}, x < 100, "x < 100");
// CHECK-NEXT:   assert(n >= 0);
// CHECK-NEXT:   ::ag::print_({15, 3, 15, 51}, {"x = ", x, " ", n, "\n"});
// CHECK-NEXT:   std::cout << "host only " << n << "\n";
// CHECK-NEXT:   ::ag::printf_({17, 3, 17, 43}, "x=%ld n=%d\n", {x, n});
// CHECK-NEXT:   printf("host %d\n", n);
// CHECK-NEXT:   ::ag::print_({19, 3, 19, 20}, {"x:", x, "\n"});
// CHECK-NEXT:   return x;
// CHECK-NEXT: }
// CHECK-NEXT: {{\[\[}}maybe_unused]] static const bool ag_registered_effects =
// CHECK-NEXT:     ::ag::detail::registerTwin(reinterpret_cast<const void *>(&effects),
// CHECK-NEXT:                                reinterpret_cast<const void *>(&ag_twin_effects),
// CHECK-NEXT:                                "effects", ag_source_file, 11);
// CHECK-LABEL: ag::Tensor ag_twin_branchy(ag::Tensor x, int n) {
// CHECK-NEXT:   ::ag::FunctionScope ag_scope("branchy", ag_source_file, 26, 12, {"x"});
// CHECK-NEXT:   ::ag::if_(
// CHECK-NEXT:       {27, 3, 27, 12}, {}, [&]() -> ::ag::Tensor { return x > 0; },
// CHECK-NEXT:       [&] {
// CHECK-NEXT:         ::ag::print_({28, 5, 28, 46}, {"positive, n = ", n, "\n"});
// CHECK-NEXT:         ::ag::printf_({29, 5, 29, 23}, "n=%d\n", {n});
// CHECK-NEXT:       },
// CHECK-NEXT:       [] {});
// CHECK-NEXT:   return x;
// CHECK-NEXT: }
// CHECK-NEXT: {{\[\[}}maybe_unused]] static const bool ag_registered_branchy =
// CHECK-NEXT:     ::ag::detail::registerTwin(reinterpret_cast<const void *>(&branchy),
// CHECK-NEXT:                                reinterpret_cast<const void *>(&ag_twin_branchy),
// CHECK-NEXT:                                "branchy", ag_source_file, 26);
