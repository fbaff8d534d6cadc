// The user's own #line directives are honoured: locations in the twin, and
// the #line directives around it, use the presumed file and line.
// RUN: ag-convert %s -- -std=c++17 -I%ag_include | FileCheck %s
// RUN: ag-convert %s -- -std=c++17 -I%ag_include | %cxx -std=c++17 -fsyntax-only -Wall -Wextra -Werror -I%ag_include -x c++ -

#include <ag/ag.h>

#line 100 "generated.cpp"
AG_CONVERT
ag::Tensor neg(ag::Tensor x) {
  if (x > 0)
    x = -x;
  return x;
}
int after = 0;

// CHECK: #line 101 "generated.cpp"
// CHECK-NEXT: ag::Tensor ag_twin_neg(ag::Tensor x) {
// CHECK-NEXT:   ::ag::FunctionScope ag_scope("neg", "generated.cpp", 101, 12, {"x"});
// CHECK-NEXT:   ::ag::at({102, 3, 102, 12});
// CHECK-NEXT:   ::ag::if_({102, 3, 102, 12}, {{[{][{]}}"x", x}}, x > 0, [&] {
// CHECK:   "neg", "generated.cpp", 101);
// CHECK-NEXT: {{\[\[}}maybe_unused]] static const bool ag_positions_neg =
// CHECK-NEXT:     ::ag::detail::registerTensorPositions(reinterpret_cast<const void *>(&neg),
// CHECK-NEXT:                                           {"x"});
// CHECK-NEXT: AG_END_TWIN
// CHECK-NEXT: #line 106 "generated.cpp"
// CHECK-NEXT: int after = 0;
