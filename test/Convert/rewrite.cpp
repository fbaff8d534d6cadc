// The whole rewritten TU: every original line kept, each twin inserted after
// its function between AG_BEGIN_TWIN/AG_END_TWIN and #line directives (the
// twin maps to the function's line, what follows maps back to the original
// line); -o writes the same text to a file; two runs are byte-identical.
// RUN: ag-convert %s -- -std=c++17 -I%ag_include > %t.stdout
// RUN: FileCheck %s --strict-whitespace --match-full-lines < %t.stdout
// RUN: ag-convert -o %t.out.cpp %s -- -std=c++17 -I%ag_include | count 0
// RUN: cmp %t.stdout %t.out.cpp
// RUN: ag-convert %s -- -std=c++17 -I%ag_include | cmp %t.stdout -
// RUN: %cxx -std=c++17 -fsyntax-only -Wall -Wextra -Werror -I%ag_include %t.out.cpp

#include <ag/ag.h>

AG_CONVERT
ag::Tensor twice(ag::Tensor x) { return x * 2; }
int afterTwice = 1; // same line as nothing: the twin goes after this line

namespace math {
AG_CONVERT
ag::Tensor absolute(ag::Tensor x) {
  if (x < 0)
    x = -x;
  return x;
} // trailing comment kept

} // namespace math

int main() { return afterTwice - 1; }

// CHECK:static const char ag_source_file[] = "{{.*}}rewrite.cpp";
// CHECK-NEXT:#line 1 "{{.*}}rewrite.cpp"
// CHECK-NEXT:// The whole rewritten TU: every original line kept, each twin inserted after
// CHECK:#include <ag/ag.h>
// CHECK-EMPTY:
// CHECK-NEXT:AG_CONVERT
// CHECK-NEXT:ag::Tensor twice(ag::Tensor x) { if (::ag::detail::tracing()) return ::ag::detail::callTwin(&::twice, "twice", static_cast<decltype(x) &&>(x)); return x * 2; }
// CHECK-NEXT:AG_BEGIN_TWIN
// CHECK-NEXT:#line 15 "{{.*}}rewrite.cpp"
// CHECK-NEXT:ag::Tensor ag_twin_twice(ag::Tensor x) {
// CHECK-NEXT:  ::ag::FunctionScope ag_scope("twice", ag_source_file, 15, 12, {"x"});
// CHECK-NEXT:  ::ag::at({15, 41, 15, 45});
// CHECK-NEXT:  return x * 2;
// CHECK-NEXT:}
// CHECK-NEXT:{{\[\[}}maybe_unused]] static const bool ag_registered_twice =
// CHECK-NEXT:    ::ag::detail::registerTwin(reinterpret_cast<const void *>(&twice),
// CHECK-NEXT:                               reinterpret_cast<const void *>(&ag_twin_twice),
// CHECK-NEXT:                               "twice", ag_source_file, 15);
// CHECK-NEXT:{{\[\[}}maybe_unused]] static const bool ag_positions_twice =
// CHECK-NEXT:    ::ag::detail::registerTensorPositions(
// CHECK-NEXT:        reinterpret_cast<const void *>(&twice), {"x"});
// CHECK-NEXT:AG_END_TWIN
// CHECK-NEXT:#line 16 "{{.*}}rewrite.cpp"
// CHECK-NEXT:int afterTwice = 1; // same line as nothing: the twin goes after this line
// CHECK-EMPTY:
// CHECK-NEXT:namespace math {
// CHECK-NEXT:AG_CONVERT
// CHECK-NEXT:ag::Tensor absolute(ag::Tensor x) { if (::ag::detail::tracing()) return ::ag::detail::callTwin(&::math::absolute, "absolute", static_cast<decltype(x) &&>(x));
// CHECK-NEXT:  if (x < 0)
// CHECK-NEXT:    x = -x;
// CHECK-NEXT:  return x;
// CHECK-NEXT:}
// CHECK-NEXT:AG_BEGIN_TWIN
// CHECK-NEXT:#line 20 "{{.*}}rewrite.cpp"
// CHECK-NEXT:ag::Tensor ag_twin_absolute(ag::Tensor x) {
// CHECK:}
// CHECK-NEXT:{{\[\[}}maybe_unused]] static const bool ag_registered_absolute =
// CHECK:AG_END_TWIN
// CHECK-NEXT:#line 24 "{{.*}}rewrite.cpp"
// CHECK-NEXT:  // trailing comment kept
// CHECK-EMPTY:
// CHECK-NEXT:} // namespace math
// CHECK-EMPTY:
// CHECK-NEXT:int main() { return afterTwice - 1; }

// RUN: not ag-convert -o %t.two.cpp %s %s -- -std=c++17 -I%ag_include 2>&1 | FileCheck %s --check-prefix=TWO
// TWO: ag-convert: error: -o needs exactly one source file (each becomes its own TU)
