// Overloaded AG_CONVERT functions: each overload gets its own twin,
// `ag_twin_<name>` for the first, then `_1`, `_2`... in declaration order
// (skipping a name another function's twin already has), and is registered
// under its own address, picked out of `&f` by the twin's type (noexcept is
// accepted). Calls resolve to the twin of the overload Clang chose.
// RUN: cd %S && ag-convert --twins-only overloads.cpp -- -std=c++17 -I%ag_include | FileCheck %s
// RUN: ag-convert %s -- -std=c++17 -I%ag_include | %cxx -std=c++17 -fsyntax-only -Wall -Wextra -Werror -I%ag_include -x c++ -

#include <ag/ag.h>

// Not converted, but makes `&f` ambiguous for the first registration too.
inline int f(int x) { return x; }
AG_CONVERT ag::Tensor f(ag::Tensor x, ag::Tensor y);
AG_CONVERT ag::Tensor f(ag::Tensor x, ag::Tensor y, int k);

AG_CONVERT
ag::Tensor f(ag::Tensor x) noexcept { return f(x, x + f(1)); }

AG_CONVERT
ag::Tensor f_1(ag::Tensor x) { return x; }

AG_CONVERT
ag::Tensor f(ag::Tensor x, ag::Tensor y, int k) { return k * (x + y); }

namespace ns {
AG_CONVERT
ag::Tensor f(ag::Tensor x) { return ::f(x, x, 3); }
} // namespace ns

AG_CONVERT
ag::Tensor f(ag::Tensor x, ag::Tensor y) {
  if (x > y)
    return ns::f(x - y);
  return f(y, x, 2) + f_1(x);
}

// CHECK-LABEL: static const char ag_source_file[] = "{{.*}}overloads.cpp";
// CHECK-NEXT: ag::Tensor ag_twin_f_3(ag::Tensor x, ag::Tensor y);
// CHECK-NEXT: ag::Tensor ag_twin_f(ag::Tensor x) {
// CHECK-NEXT:   ::ag::FunctionScope ag_scope("f", ag_source_file, 17, 12, {"x"});
// CHECK-NEXT:   ::ag::at({17, 46, 17, 59});
// CHECK-NEXT:   return ag_twin_f_3(x, x + f(1));
// CHECK-NEXT: }
// CHECK-NEXT: {{\[\[}}maybe_unused]] static const bool ag_registered_f = ::ag::detail::registerTwin(
// CHECK-NEXT:     reinterpret_cast<const void *>(static_cast<decltype(&ag_twin_f)>(&f)),
// CHECK-NEXT:     reinterpret_cast<const void *>(&ag_twin_f), "f", ag_source_file, 17);
// CHECK-LABEL: ag::Tensor ag_twin_f_1(ag::Tensor x) {
// CHECK-NEXT:   ::ag::FunctionScope ag_scope("f_1", ag_source_file, 20, 12, {"x"});
// CHECK-NEXT:   return x;
// CHECK-NEXT: }
// CHECK-NEXT: {{\[\[}}maybe_unused]] static const bool ag_registered_f_1 =
// CHECK-NEXT:     ::ag::detail::registerTwin(reinterpret_cast<const void *>(&f_1),
// CHECK-NEXT:                                reinterpret_cast<const void *>(&ag_twin_f_1),
// CHECK-NEXT:                                "f_1", ag_source_file, 20);
// CHECK-LABEL: ag::Tensor ag_twin_f_2(ag::Tensor x, ag::Tensor y, int k) {
// CHECK-NEXT:   ::ag::FunctionScope ag_scope("f", ag_source_file, 23, 12, {"x", "y"});
// CHECK-NEXT:   ::ag::at({23, 58, 23, 68});
// CHECK-NEXT:   return k * (x + y);
// CHECK-NEXT: }
// CHECK-NEXT: {{\[\[}}maybe_unused]] static const bool ag_registered_f_2 =
// CHECK-NEXT:     ::ag::detail::registerTwin(
// CHECK-NEXT:         reinterpret_cast<const void *>(static_cast<decltype(&ag_twin_f_2)>(&f)),
// CHECK-NEXT:         reinterpret_cast<const void *>(&ag_twin_f_2), "f", ag_source_file, 23);
// CHECK-LABEL: ag::Tensor ag_twin_f(ag::Tensor x) {
// CHECK-NEXT:   ::ag::FunctionScope ag_scope("f", ag_source_file, 27, 12, {"x"});
// CHECK-NEXT:   ::ag::at({27, 37, 27, 48});
// CHECK-NEXT:   return ::ag_twin_f_2(x, x, 3);
// CHECK-NEXT: }
// CHECK-NEXT: {{\[\[}}maybe_unused]] static const bool ag_registered_f = ::ag::detail::registerTwin(
// CHECK-NEXT:     reinterpret_cast<const void *>(&f),
// CHECK-NEXT:     reinterpret_cast<const void *>(&ag_twin_f), "f", ag_source_file, 27);
// CHECK-LABEL: ag::Tensor ag_twin_f_3(ag::Tensor x, ag::Tensor y) {
// CHECK-NEXT:   ::ag::FunctionScope ag_scope("f", ag_source_file, 31, 12, {"x", "y"});
// CHECK-NEXT:   ::ag::Tensor ag_retval;
// CHECK-NEXT:   ::ag::Tensor ag_do_return = false;
// CHECK-NEXT:   ::ag::at({32, 3, 32, 12});
// CHECK-NEXT:   ::ag::if_({32, 3, 32, 12},
// CHECK-NEXT:             {{[{][{]}}"ag_do_return", ag_do_return}, {"ag_retval", ag_retval}}, x > y,
// CHECK-NEXT:       [&] {
// CHECK-NEXT:         ::ag::at({33, 12, 33, 23, "ag_retval"});
// CHECK-NEXT:         ag_retval = ns::ag_twin_f(x - y);
// CHECK-NEXT:         ag_do_return = true;
// CHECK-NEXT:             });
// CHECK-NEXT:   ::ag::at({34, 3, 34, 28});
// CHECK-NEXT:   ::ag::if_({34, 3, 34, 28},
// CHECK-NEXT:       {{[{][{]}}"ag_do_return", ag_do_return}, {"ag_retval", ag_retval}},
// CHECK-NEXT:             !ag_do_return, [&] {
// CHECK-NEXT:         ::ag::at({34, 10, 34, 28, "ag_retval"});
// CHECK-NEXT:         ag_retval = ag_twin_f_2(y, x, 2) + ag_twin_f_1(x);
// CHECK-NEXT:         ag_do_return = true;
// CHECK-NEXT:             });
// CHECK-NEXT:   return ag_retval;
// CHECK-NEXT: }
// CHECK-NEXT: {{\[\[}}maybe_unused]] static const bool ag_registered_f_3 =
// CHECK-NEXT:     ::ag::detail::registerTwin(
// CHECK-NEXT:         reinterpret_cast<const void *>(static_cast<decltype(&ag_twin_f_3)>(&f)),
// CHECK-NEXT:         reinterpret_cast<const void *>(&ag_twin_f_3), "f", ag_source_file, 31);
