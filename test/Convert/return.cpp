// return inside staged control flow: ag_retval/ag_do_return flags, the rest of the function guarded, loops stop on the flag, one final return.
// RUN: cd %S && ag-convert --twins-only return.cpp -- -std=c++17 -I%ag_include | FileCheck %s
// RUN: ag-convert %s -- -std=c++17 -I%ag_include | %cxx -std=c++17 -fsyntax-only -Wall -Wextra -Werror -I%ag_include -x c++ -

#include <ag/ag.h>
#include <iostream>

AG_CONVERT
ag::Tensor sign(ag::Tensor x) {
  if (x > 0)
    return 1;
  if (x < 0)
    return -1;
  return 0;
}

AG_CONVERT
ag::Tensor findDivisor(ag::Tensor n) {
  ag::Tensor d = 2;
  while (d * d <= n) {
    if (n % d == 0)
      return d;
    d += 1;
  }
  return n;
}

// A plain return before any staged construct stays a C++ return.
AG_CONVERT
ag::Tensor early(ag::Tensor x, int mode) {
  if (mode == 0)
    return x;
  if (x > 0)
    return x * mode;
  return -x;
}

// A void function: only the ag_do_return flag, no final return.
AG_CONVERT
void report(ag::Tensor x) {
  if (x < 0) {
    std::cout << "negative " << x << "\n";
    return;
  }
  std::cout << "non-negative " << x << "\n";
}

// CHECK-LABEL: static const char ag_source_file[] = "{{.*}}return.cpp";
// CHECK-NEXT: ag::Tensor ag_twin_sign(ag::Tensor x) {
// CHECK-NEXT:   ::ag::FunctionScope ag_scope("sign", ag_source_file, 9, 12, {"x"});
// CHECK-NEXT:   ::ag::Tensor ag_retval;
// CHECK-NEXT:   ::ag::Tensor ag_do_return = false;
// CHECK-NEXT:   ::ag::at({10, 3, 10, 12});
// CHECK-NEXT:   ::ag::if_({10, 3, 10, 12},
// CHECK-NEXT:             {{[{][{]}}"ag_do_return", ag_do_return}, {"ag_retval", ag_retval}}, x > 0,
// CHECK-NEXT:       [&] {
// CHECK-NEXT:         ::ag::at({11, 12, 11, 12, "ag_retval"});
// CHECK-NEXT:         ag_retval = 1;
// CHECK-NEXT:         ag_do_return = true;
// CHECK-NEXT:             });
// CHECK-NEXT:   ::ag::at({12, 3, 14, 10});
// CHECK-NEXT:   ::ag::if_(
// CHECK-NEXT:       {12, 3, 14, 10},
// CHECK-NEXT:       {{[{][{]}}"ag_do_return", ag_do_return}, {"ag_retval", ag_retval}}, !ag_do_return,
// CHECK-NEXT:       [&] {
// CHECK-NEXT:         ::ag::at({12, 3, 12, 12});
// CHECK-NEXT:         ::ag::if_({12, 3, 12, 12},
// CHECK-NEXT:       {{[{][{]}}"ag_do_return", ag_do_return}, {"ag_retval", ag_retval}},
// CHECK-NEXT:                   x < 0, [&] {
// CHECK-NEXT:               ::ag::at({13, 12, 13, 13, "ag_retval"});
// CHECK-NEXT:               ag_retval = -1;
// CHECK-NEXT:               ag_do_return = true;
// CHECK-NEXT:                   });
// CHECK-NEXT:         ::ag::at({14, 3, 14, 10});
// CHECK-NEXT:         ::ag::if_({14, 3, 14, 10},
// CHECK-NEXT:             {{[{][{]}}"ag_do_return", ag_do_return}, {"ag_retval", ag_retval}},
// CHECK-NEXT:                   !ag_do_return, [&] {
// CHECK-NEXT:               ::ag::at({14, 10, 14, 10, "ag_retval"});
// CHECK-NEXT:               ag_retval = 0;
// CHECK-NEXT:               ag_do_return = true;
// CHECK-NEXT:                   });
// CHECK-NEXT:       });
// CHECK-NEXT:   return ag_retval;
// CHECK-NEXT: }
// CHECK-NEXT: {{\[\[}}maybe_unused]] static const bool ag_registered_sign =
// CHECK-NEXT:     ::ag::detail::registerTwin(reinterpret_cast<const void *>(&sign),
// CHECK-NEXT:                                reinterpret_cast<const void *>(&ag_twin_sign),
// CHECK-NEXT:                                "sign", ag_source_file, 9);
// CHECK-LABEL: ag::Tensor ag_twin_findDivisor(ag::Tensor n) {
// CHECK-NEXT:   ::ag::FunctionScope ag_scope("findDivisor", ag_source_file, 18, 12, {"n"});
// CHECK-NEXT:   ::ag::Tensor ag_retval;
// CHECK-NEXT:   ::ag::Tensor ag_do_return = false;
// CHECK-NEXT:   ::ag::at({19, 18, 19, 18, "d"});
// CHECK-NEXT:   ag::Tensor d = 2;
// CHECK-NEXT:   ::ag::while_(
// CHECK-NEXT:       {20, 3, 20, 19},
// CHECK-NEXT:       {{[{][{]}}"d", d}, {"ag_do_return", ag_do_return}, {"ag_retval", ag_retval}},
// CHECK-NEXT:       [&]() -> ::ag::Tensor {
// CHECK-NEXT:         return ::ag::and_(
// CHECK-NEXT:             {20, 10, 20, 19}, [&]() -> ::ag::Tensor { return !ag_do_return; },
// CHECK-NEXT:             [&]() -> ::ag::Tensor { return d * d <= n; });
// CHECK-NEXT:       },
// CHECK-NEXT:       [&] {
// CHECK-NEXT:         ::ag::at({21, 5, 21, 19});
// CHECK-NEXT:         ::ag::if_({21, 5, 21, 19},
// CHECK-NEXT:             {{[{][{]}}"ag_do_return", ag_do_return}, {"ag_retval", ag_retval}},
// CHECK-NEXT:                   ::ag::sub_({21, 9, 21, 13}, n % d) == 0, [&] {
// CHECK-NEXT:               ::ag::at({{[^}]*}}, "ag_retval"});
// CHECK-NEXT:               ag_retval = d;
// CHECK-NEXT:               ag_do_return = true;
// CHECK-NEXT:                   });
// CHECK-NEXT:         ::ag::at({23, 5, 23, 10});
// CHECK-NEXT:         ::ag::if_(
// CHECK-NEXT:             {23, 5, 23, 10},
// CHECK-NEXT:             {{[{][{]}}"d", d},
// CHECK-NEXT:              {"ag_do_return", ag_do_return},
// CHECK-NEXT:              {"ag_retval", ag_retval}},
// CHECK-NEXT:             !ag_do_return,
// CHECK-NEXT:             [&] {
// CHECK-NEXT:               ::ag::at({23, 5, 23, 10, "d"});
// CHECK-NEXT:               d += 1;
// CHECK-NEXT:             },
// CHECK-NEXT:             [&] { ag_do_return = true; });
// CHECK-NEXT:       });
// CHECK-NEXT:   ::ag::at({25, 3, 25, 10});
// CHECK-NEXT:   ::ag::if_({25, 3, 25, 10},
// CHECK-NEXT:       {{[{][{]}}"ag_do_return", ag_do_return}, {"ag_retval", ag_retval}},
// CHECK-NEXT:             !ag_do_return, [&] {
// CHECK-NEXT:         ::ag::at({{[^}]*}}, "ag_retval"});
// CHECK-NEXT:         ag_retval = n;
// CHECK-NEXT:         ag_do_return = true;
// CHECK-NEXT:             });
// CHECK-NEXT: ::ag::detail::bind_({{[{][{]}}"d", d}});
// CHECK-NEXT:   return ag_retval;
// CHECK-NEXT: }
// CHECK-NEXT: {{\[\[}}maybe_unused]] static const bool ag_registered_findDivisor =
// CHECK-NEXT:     ::ag::detail::registerTwin(
// CHECK-NEXT:         reinterpret_cast<const void *>(&findDivisor),
// CHECK-NEXT:         reinterpret_cast<const void *>(&ag_twin_findDivisor), "findDivisor",
// CHECK-NEXT:         ag_source_file, 18);
// CHECK-LABEL: ag::Tensor ag_twin_early(ag::Tensor x, int mode) {
// CHECK-NEXT:   ::ag::FunctionScope ag_scope("early", ag_source_file, 30, 12, {"x"});
// CHECK-NEXT:   ::ag::Tensor ag_retval;
// CHECK-NEXT:   ::ag::Tensor ag_do_return = false;
// CHECK-NEXT:   if (mode == 0) {
// CHECK-NEXT:     return x;
// CHECK-NEXT:   }
// CHECK-NEXT:   ::ag::at({33, 3, 33, 12});
// CHECK-NEXT:   ::ag::if_({33, 3, 33, 12},
// CHECK-NEXT:             {{[{][{]}}"ag_do_return", ag_do_return}, {"ag_retval", ag_retval}}, x > 0,
// CHECK-NEXT:       [&] {
// CHECK-NEXT:         ::ag::at({34, 12, 34, 19, "ag_retval"});
// CHECK-NEXT:         ag_retval = x * mode;
// CHECK-NEXT:         ag_do_return = true;
// CHECK-NEXT:             });
// CHECK-NEXT:   ::ag::at({35, 3, 35, 11});
// CHECK-NEXT:   ::ag::if_({35, 3, 35, 11},
// CHECK-NEXT:       {{[{][{]}}"ag_do_return", ag_do_return}, {"ag_retval", ag_retval}},
// CHECK-NEXT:             !ag_do_return, [&] {
// CHECK-NEXT:         ::ag::at({35, 10, 35, 11, "ag_retval"});
// CHECK-NEXT:         ag_retval = -x;
// CHECK-NEXT:         ag_do_return = true;
// CHECK-NEXT:             });
// CHECK-NEXT:   return ag_retval;
// CHECK-NEXT: }
// CHECK-NEXT: {{\[\[}}maybe_unused]] static const bool ag_registered_early =
// CHECK-NEXT:     ::ag::detail::registerTwin(reinterpret_cast<const void *>(&early),
// CHECK-NEXT:                                reinterpret_cast<const void *>(&ag_twin_early),
// CHECK-NEXT:                                "early", ag_source_file, 30);
// CHECK-LABEL: void ag_twin_report(ag::Tensor x) {
// CHECK-NEXT:   ::ag::FunctionScope ag_scope("report", ag_source_file, 40, 6, {"x"});
// CHECK-NEXT:   ::ag::Tensor ag_do_return = false;
// CHECK-NEXT:   ::ag::at({41, 3, 41, 12});
// CHECK-NEXT:   ::ag::if_({41, 3, 41, 12}, {{[{][{]}}"ag_do_return", ag_do_return}}, x < 0, [&] {
// CHECK-NEXT:         ::ag::print_({42, 5, 42, 41}, {"negative ", x, "\n"});
// CHECK-NEXT:         ag_do_return = true;
// CHECK-NEXT:   });
// CHECK-NEXT:   ::ag::at({45, 3, 45, 43});
// CHECK-NEXT:   ::ag::if_({45, 3, 45, 43}, {}, !ag_do_return,
// CHECK-NEXT:             [&] { ::ag::print_({45, 3, 45, 43}, {"non-negative ", x, "\n"}); });
// CHECK-NEXT: }
// CHECK-NEXT: {{\[\[}}maybe_unused]] static const bool ag_registered_report =
// CHECK-NEXT:     ::ag::detail::registerTwin(reinterpret_cast<const void *>(&report),
// CHECK-NEXT:                                reinterpret_cast<const void *>(&ag_twin_report),
// CHECK-NEXT:                                "report", ag_source_file, 40);
