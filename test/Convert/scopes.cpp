// Compound assignment, ++/--, block scopes and shadowing: ordinary C++ in the twin; only the Vars lists need care (the shadowing inner variable is local to its block and not listed).
// RUN: cd %S && ag-convert --twins-only scopes.cpp -- -std=c++17 -I%ag_include | FileCheck %s
// RUN: ag-convert %s -- -std=c++17 -I%ag_include | %cxx -std=c++17 -fsyntax-only -Wall -Wextra -Werror -I%ag_include -x c++ -

#include <ag/ag.h>

AG_CONVERT
ag::Tensor scopes(ag::Tensor x) {
  ag::Tensor a = x;
  {
    ag::Tensor b = a * 2;
    a -= b;
  }
  while (a < 10) {
    ag::Tensor a = 100; // shadows the outer a: the loop must still carry x
    x++;
    a--;
    if (x > a)
      x /= 2;
  }
  --a;
  return a + x;
}

// CHECK-LABEL: static const char ag_source_file[] = "{{.*}}scopes.cpp";
// CHECK-NEXT: ag::Tensor ag_twin_scopes(ag::Tensor x) {
// CHECK-NEXT:   ::ag::FunctionScope ag_scope("scopes", ag_source_file, 8, 12, {"x"});
// CHECK-NEXT:   ag::Tensor a = x;
// CHECK-NEXT:   {
// CHECK-NEXT:     ::ag::at({11, 20, 11, 24, "b"});
// CHECK-NEXT:     ag::Tensor b = a * 2;
// CHECK-NEXT:     ::ag::at({12, 5, 12, 10, "a"});
// CHECK-NEXT:     a -= b;
// CHECK-NEXT:   }
// CHECK-NEXT:   ::ag::while_(
// CHECK-NEXT:       {14, 3, 14, 15}, {{[{][{]}}"x", x}}, [&]() -> ::ag::Tensor { return a < 10; },
// CHECK-NEXT:       [&] {
// CHECK-NEXT:         ::ag::at({15, 20, 15, 22, "a"});
// CHECK-NEXT:         ag::Tensor a = 100;
// CHECK-NEXT:         ::ag::at({16, 5, 16, 7, "x"});
// CHECK-NEXT:         x++;
// CHECK-NEXT:         ::ag::at({17, 5, 17, 7, "a"});
// CHECK-NEXT:         a--;
// CHECK-NEXT:         ::ag::at({18, 5, 18, 14});
// CHECK-NEXT:         ::ag::if_({18, 5, 18, 14}, {{[{][{]}}"x", x}}, x > a, [&] {
// CHECK-NEXT:               ::ag::at({19, 7, 19, 12, "x"});
// CHECK-NEXT:               x /= 2;
// CHECK-NEXT:         });
// CHECK-NEXT:       });
// CHECK-NEXT:   ::ag::at({21, 3, 21, 5, "a"});
// CHECK-NEXT:   --a;
// CHECK-NEXT:   ::ag::at({22, 10, 22, 14});
// CHECK-NEXT: ::ag::detail::bind_({{[{][{]}}"a", a}});
// CHECK-NEXT:   return a + x;
// CHECK-NEXT: }
// CHECK-NEXT: {{\[\[}}maybe_unused]] static const bool ag_registered_scopes =
// CHECK-NEXT:     ::ag::detail::registerTwin(reinterpret_cast<const void *>(&scopes),
// CHECK-NEXT:                                reinterpret_cast<const void *>(&ag_twin_scopes),
// CHECK-NEXT:                                "scopes", ag_source_file, 8);
