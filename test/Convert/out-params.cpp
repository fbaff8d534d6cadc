// A tensor passed by non-const reference (an out-parameter) is read by the
// caller: assigned under staged control flow it is always merged/carried,
// even when the function itself never reads it again (globals: diag-globals).
// RUN: cd %S && ag-convert --twins-only out-params.cpp -- -std=c++17 -I%ag_include | FileCheck %s
// RUN: ag-convert %s -- -std=c++17 -I%ag_include | %cxx -std=c++17 -fsyntax-only -Wall -Wextra -Werror -I%ag_include -x c++ -

#include <ag/ag.h>

AG_CONVERT
void split(ag::Tensor x, ag::Tensor &pos, ag::Tensor &neg) {
  if (x > 0)
    pos = x;
  else
    neg = -x;
  while (x > 10)
    x = x - pos;
}


// CHECK-LABEL: static const char ag_source_file[] = "{{.*}}out-params.cpp";
// CHECK-NEXT: void ag_twin_split(ag::Tensor x, ag::Tensor &pos, ag::Tensor &neg) {
// CHECK-NEXT:   ::ag::FunctionScope ag_scope("split", ag_source_file, 10, 6,
// CHECK-NEXT:                                {"x", "pos", "neg"});
// CHECK-NEXT:   ::ag::at({11, 3, 11, 12});
// CHECK-NEXT:   ::ag::if_(
// CHECK-NEXT:       {11, 3, 11, 12}, {{[{][{]}}"pos", pos}, {"neg", neg}}, x > 0, [&] { pos = x; },
// CHECK-NEXT:       [&] {
// CHECK-NEXT:         ::ag::at({14, 5, 14, 12, "neg"});
// CHECK-NEXT:         neg = -x;
// CHECK-NEXT:       });
// CHECK-NEXT:   ::ag::while_(
// CHECK-NEXT:       {15, 3, 15, 15}, {{[{][{]}}"x", x}}, [&]() -> ::ag::Tensor { return x > 10; },
// CHECK-NEXT:       [&] {
// CHECK-NEXT:         ::ag::at({16, 5, 16, 15, "x"});
// CHECK-NEXT:         x = x - pos;
// CHECK-NEXT:       });
// CHECK-NEXT: }
// CHECK-NEXT: {{\[\[}}maybe_unused]] static const bool ag_registered_split =
// CHECK-NEXT:     ::ag::detail::registerTwin(reinterpret_cast<const void *>(&split),
// CHECK-NEXT:                                reinterpret_cast<const void *>(&ag_twin_split),
// CHECK-NEXT:                                "split", ag_source_file, 10);
