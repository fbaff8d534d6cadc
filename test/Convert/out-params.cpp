// A tensor passed by non-const reference (an out-parameter) is read by the
// caller: assigned under staged control flow it is always merged/carried,
// even when the function itself never reads it again. So is a global.
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

ag::Tensor total = 0;

AG_CONVERT
ag::Tensor accumulate(ag::Tensor x) {
  if (x > 0)
    total += x;
  return x;
}

// CHECK-LABEL: static const char ag_source_file[] = "{{.*}}out-params.cpp";
// CHECK-NEXT: void ag_twin_split(ag::Tensor x, ag::Tensor &pos, ag::Tensor &neg) {
// CHECK-NEXT:   ::ag::FunctionScope ag_scope("split", ag_source_file, 10, 6,
// CHECK-NEXT:                                {"x", "pos", "neg"});
// CHECK-NEXT:   ::ag::if_(
// CHECK-NEXT:       {11, 3, 11, 12}, {{[{][{]}}"pos", pos}, {"neg", neg}},
// CHECK-NEXT:       [&]() -> ::ag::Tensor { return x > 0; }, [&] { pos = x; },
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
// CHECK-LABEL: ag::Tensor ag_twin_accumulate(ag::Tensor x) {
// CHECK-NEXT:   ::ag::FunctionScope ag_scope("accumulate", ag_source_file, 22, 12, {"x"});
// CHECK-NEXT:   ::ag::if_(
// CHECK-NEXT:       {23, 3, 23, 12}, {{[{][{]}}"total", total}},
// CHECK-NEXT:       [&]() -> ::ag::Tensor { return x > 0; },
// CHECK-NEXT:       [&] {
// CHECK-NEXT:         ::ag::at({24, 5, 24, 14, "total"});
// CHECK-NEXT:         total += x;
// CHECK-NEXT:       },
// CHECK-NEXT:       [] {});
// CHECK-NEXT:   return x;
// CHECK-NEXT: }
// CHECK-NEXT: {{\[\[}}maybe_unused]] static const bool ag_registered_accumulate =
// CHECK-NEXT:     ::ag::detail::registerTwin(
// CHECK-NEXT:         reinterpret_cast<const void *>(&accumulate),
// CHECK-NEXT:         reinterpret_cast<const void *>(&ag_twin_accumulate), "accumulate",
// CHECK-NEXT:         ag_source_file, 22);
