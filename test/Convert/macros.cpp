// Macros: a condition or statement that is a whole macro expansion is copied
// as written (the macro expands in the twin too).
// RUN: cd %S && ag-convert --twins-only macros.cpp -- -std=c++17 -I%ag_include | FileCheck %s
// RUN: ag-convert %s -- -std=c++17 -I%ag_include | %cxx -std=c++17 -fsyntax-only -Wall -Wextra -Werror -I%ag_include -x c++ -

#include <ag/ag.h>

#define NEG(v) v = -v
#define POSITIVE(v) (v > 0)

AG_CONVERT
ag::Tensor useMacros(ag::Tensor x) {
  if (POSITIVE(x))
    NEG(x);
  while (POSITIVE(x) && x < 3)
    x += 1;
  return x;
}

// CHECK-LABEL: static const char ag_source_file[] = "{{.*}}macros.cpp";
// CHECK-NEXT: ag::Tensor ag_twin_useMacros(ag::Tensor x) {
// CHECK-NEXT:   ::ag::FunctionScope ag_scope("useMacros", ag_source_file, 12, 12, {"x"});
// CHECK-NEXT:   ::ag::at({13, 3, 13, 18});
// CHECK-NEXT:   ::ag::if_({13, 3, 13, 18}, {{[{][{]}}"x", x}}, POSITIVE(x), [&] {
// CHECK-NEXT:         ::ag::at({14, 5, 14, 10, "x"});
// CHECK-NEXT:         NEG(x);
// CHECK-NEXT:   });
// CHECK-NEXT:   ::ag::while_(
// CHECK-NEXT:       {15, 3, 15, 29}, {{[{][{]}}"x", x}},
// CHECK-NEXT:       [&]() -> ::ag::Tensor {
// CHECK-NEXT:         return ::ag::and_(
// CHECK-NEXT:             {15, 10, 15, 29}, [&]() -> ::ag::Tensor { return POSITIVE(x); },
// CHECK-NEXT:             [&]() -> ::ag::Tensor { return x < 3; });
// CHECK-NEXT:       },
// CHECK-NEXT:       [&] {
// CHECK-NEXT:         ::ag::at({16, 5, 16, 10, "x"});
// CHECK-NEXT:         x += 1;
// CHECK-NEXT:       });
// CHECK-NEXT:   return x;
// CHECK-NEXT: }
// CHECK-NEXT: {{\[\[}}maybe_unused]] static const bool ag_registered_useMacros =
// CHECK-NEXT:     ::ag::detail::registerTwin(
// CHECK-NEXT:         reinterpret_cast<const void *>(&useMacros),
// CHECK-NEXT:         reinterpret_cast<const void *>(&ag_twin_useMacros), "useMacros",
// CHECK-NEXT:         ag_source_file, 12);
