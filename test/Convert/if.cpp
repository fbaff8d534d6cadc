// Staged if/else: condition and branches become lambdas; Vars lists exactly the tensors assigned in a branch and read after the if (not branch locals), dead ones as ::ag::dead_ (restored, not merged). Host conditions stay C++.
// RUN: cd %S && ag-convert --twins-only if.cpp -- -std=c++17 -I%ag_include | FileCheck %s
// RUN: ag-convert %s -- -std=c++17 -I%ag_include | %cxx -std=c++17 -fsyntax-only -Wall -Wextra -Werror -I%ag_include -x c++ -

#include <ag/ag.h>

AG_CONVERT
ag::Tensor relu(ag::Tensor x, bool negate) {
  ag::Tensor y = x;
  ag::Tensor scratch = 0;
  if (x < 0) {
    ag::Tensor local = x * 0;
    y = local;
    scratch = 1;
  } else {
    y = y + 0;
  }
  if (negate)
    y = -y;
  return y;
}

// else-if chains nest; an if without else gets an empty else lambda.
AG_CONVERT
ag::Tensor clamp(ag::Tensor x, ag::Tensor lo, ag::Tensor hi) {
  ag::Tensor r = x;
  if (x < lo)
    r = lo;
  else if (x > hi)
    r = hi;
  if (r == 0)
    r += 1;
  return r;
}

// A variable overwritten right after the if is not merged.
AG_CONVERT
ag::Tensor overwritten(ag::Tensor x) {
  ag::Tensor t = x;
  if (x > 1)
    t = x * 2;
  t = x + 1;
  return t;
}

// CHECK-LABEL: static const char ag_source_file[] = "{{.*}}if.cpp";
// CHECK-NEXT: ag::Tensor ag_twin_relu(ag::Tensor x, bool negate) {
// CHECK-NEXT:   ::ag::FunctionScope ag_scope("relu", ag_source_file, 8, 12, {"x"});
// CHECK-NEXT:   ag::Tensor y = x;
// CHECK-NEXT:   ::ag::at({10, 24, 10, 24, "scratch"});
// CHECK-NEXT:   ag::Tensor scratch = 0;
// CHECK-NEXT:   ::ag::at({11, 3, 11, 12});
// CHECK-NEXT:   ::ag::if_(
// CHECK-NEXT:       {11, 3, 11, 12}, {{[{][{]}}"y", y}, ::ag::dead_("scratch", scratch)}, x < 0,
// CHECK-NEXT:       [&] {
// CHECK-NEXT:         ::ag::at({12, 24, 12, 28, "local"});
// CHECK-NEXT:         ag::Tensor local = x * 0;
// CHECK-NEXT:         y = local;
// CHECK-NEXT:         ::ag::at({14, 5, 14, 15, "scratch"});
// CHECK-NEXT:         scratch = 1;
// CHECK-NEXT:       },
// CHECK-NEXT:       [&] {
// CHECK-NEXT:         ::ag::at({16, 5, 16, 13, "y"});
// CHECK-NEXT:         y = y + 0;
// CHECK-NEXT:       });
// CHECK-NEXT:   if (negate) {
// CHECK-NEXT:     ::ag::at({19, 5, 19, 10, "y"});
// CHECK-NEXT:     y = -y;
// CHECK-NEXT:   }
// CHECK-NEXT: ::ag::detail::bind_({{[{][{]}}"y", y}, {"scratch", scratch}});
// CHECK-NEXT:   return y;
// CHECK-NEXT: }
// CHECK-NEXT: {{\[\[}}maybe_unused]] static const bool ag_registered_relu =
// CHECK-NEXT:     ::ag::detail::registerTwin(reinterpret_cast<const void *>(&relu),
// CHECK-NEXT:                                reinterpret_cast<const void *>(&ag_twin_relu),
// CHECK-NEXT:                                "relu", ag_source_file, 8);
// CHECK-LABEL: ag::Tensor ag_twin_clamp(ag::Tensor x, ag::Tensor lo, ag::Tensor hi) {
// CHECK-NEXT:   ::ag::FunctionScope ag_scope("clamp", ag_source_file, 25, 12,
// CHECK-NEXT:                                {"x", "lo", "hi"});
// CHECK-NEXT:   ag::Tensor r = x;
// CHECK-NEXT:   ::ag::at({27, 3, 27, 13});
// CHECK-NEXT:   ::ag::if_(
// CHECK-NEXT:       {27, 3, 27, 13}, {{[{][{]}}"r", r}}, x < lo, [&] { r = lo; },
// CHECK-NEXT:       [&] {
// CHECK-NEXT:         ::ag::at({29, 8, 29, 18});
// CHECK-NEXT:         ::ag::if_({29, 8, 29, 18}, {{[{][{]}}"r", r}}, x > hi, [&] { r = hi; });
// CHECK-NEXT:       });
// CHECK-NEXT:   ::ag::at({31, 3, 31, 13});
// CHECK-NEXT:   ::ag::if_({31, 3, 31, 13}, {{[{][{]}}"r", r}}, r == 0, [&] {
// CHECK-NEXT:         ::ag::at({32, 5, 32, 10, "r"});
// CHECK-NEXT:         r += 1;
// CHECK-NEXT:   });
// CHECK-NEXT: ::ag::detail::bind_({{[{][{]}}"r", r}});
// CHECK-NEXT:   return r;
// CHECK-NEXT: }
// CHECK-NEXT: {{\[\[}}maybe_unused]] static const bool ag_registered_clamp =
// CHECK-NEXT:     ::ag::detail::registerTwin(reinterpret_cast<const void *>(&clamp),
// CHECK-NEXT:                                reinterpret_cast<const void *>(&ag_twin_clamp),
// CHECK-NEXT:                                "clamp", ag_source_file, 25);
// CHECK-LABEL: ag::Tensor ag_twin_overwritten(ag::Tensor x) {
// CHECK-NEXT:   ::ag::FunctionScope ag_scope("overwritten", ag_source_file, 38, 12, {"x"});
// CHECK-NEXT:   ag::Tensor t = x;
// CHECK-NEXT:   ::ag::at({40, 3, 40, 12});
// CHECK-NEXT:   ::ag::if_({40, 3, 40, 12}, {::ag::dead_("t", t)}, x > 1, [&] {
// CHECK-NEXT:         ::ag::at({41, 5, 41, 13, "t"});
// CHECK-NEXT:         t = x * 2;
// CHECK-NEXT:   });
// CHECK-NEXT:   ::ag::at({42, 3, 42, 11, "t"});
// CHECK-NEXT:   t = x + 1;
// CHECK-NEXT: ::ag::detail::bind_({{[{][{]}}"t", t}});
// CHECK-NEXT:   return t;
// CHECK-NEXT: }
// CHECK-NEXT: {{\[\[}}maybe_unused]] static const bool ag_registered_overwritten =
// CHECK-NEXT:     ::ag::detail::registerTwin(
// CHECK-NEXT:         reinterpret_cast<const void *>(&overwritten),
// CHECK-NEXT:         reinterpret_cast<const void *>(&ag_twin_overwritten), "overwritten",
// CHECK-NEXT:         ag_source_file, 38);

// A file without nodes does not parse cereal.
// RUN: ag-convert %s -- -std=c++17 -I%ag_include | FileCheck %s --check-prefix=CODEC
// CODEC-NOT: #include <ag/{{Codec}}.h>
