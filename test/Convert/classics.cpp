// The classics of the differential suite convert and compile: Huber loss,
// power by squaring, Newton's square root (host loop, unrolled), bisection
// (do/while with a variable first assigned in the body), fizzbuzz-style
// counting (continue + ||), early return from a nested loop, do/while with
// break, for (;;) left by a staged return, ?: on a host condition.
// RUN: cd %S && ag-convert --twins-only classics.cpp -- -std=c++17 -I%ag_include | FileCheck %s
// RUN: ag-convert %s -- -std=c++17 -I%ag_include | %cxx -std=c++17 -fsyntax-only -Wall -Wextra -Werror -I%ag_include -x c++ -

#include <ag/ag.h>
#include <cmath>

namespace lib {
AG_CONVERT
static inline ag::Tensor huber(ag::Tensor r, double delta = 1.0) {
  ag::Tensor a = ag::abs(r);
  if (a <= delta)
    return 0.5 * r * r;
  else
    return delta * (a - 0.5 * delta);
}
} // namespace lib

AG_CONVERT
ag::Tensor ipow(ag::Tensor base, ag::Tensor exp) {
  ag::Tensor result = 1;
  while (exp > 0) {
    if (exp % 2 == 1)
      result *= base;
    base *= base;
    exp /= 2;
  }
  return result;
}

AG_CONVERT
ag::Tensor newton(ag::Tensor x) {
  ag::Tensor g = x / 2;
  for (int i = 0; i < 20; ++i)
    g = (g + x / g) / 2;
  return g;
}

AG_CONVERT
ag::Tensor bisect(ag::Tensor lo, ag::Tensor hi, ag::Tensor target) {
  ag::Tensor mid;
  do {
    mid = (lo + hi) / 2;
    if (mid * mid < target)
      lo = mid;
    else
      hi = mid;
  } while (hi - lo > 1e-6);
  return mid;
}

AG_CONVERT
ag::Tensor fizz(ag::Tensor n) {
  ag::Tensor count = 0;
  for (ag::Tensor i = 1; i <= n; i += 1) {
    if (i % 15 == 0)
      continue;
    if (i % 3 == 0 || i % 5 == 0)
      count += 1;
  }
  return count;
}

AG_CONVERT
ag::Tensor nestedReturn(ag::Tensor n) {
  ag::Tensor i = 0;
  while (i < n) {
    ag::Tensor j = 0;
    while (j < n) {
      if (i * j == 12)
        return i * 100 + j;
      j += 1;
    }
    i += 1;
  }
  return -1;
}

AG_CONVERT
ag::Tensor doBreak(ag::Tensor x) {
  do {
    x -= 3;
    if (x < 0)
      break;
    x -= 1;
  } while (x > 10);
  return x;
}

AG_CONVERT
auto bothBranches(ag::Tensor x) {
  ag::Tensor y;
  if (!(x > 0))
    y = -x;
  else
    y = x;
  for (;;) {
    if (y > 100)
      return y;
    y = y * 2;
  }
}

AG_CONVERT
ag::Tensor hostCond(ag::Tensor x, int n) {
  while (x > 0 && n < 5)
    x = x - n;
  ag::Tensor z = n > 2 ? x : x * 2;
  return z;
}

AG_CONVERT
void empty() {}

// CHECK-LABEL: static const char ag_source_file[] = "{{.*}}classics.cpp";
// CHECK-NEXT: static inline ag::Tensor ag_twin_huber(ag::Tensor r, double delta = 1.0) {
// CHECK-NEXT:   ::ag::FunctionScope ag_scope("huber", ag_source_file, 14, 26, {"r"});
// CHECK-NEXT:   ::ag::Tensor ag_retval;
// CHECK-NEXT:   ::ag::Tensor ag_do_return = false;
// CHECK-NEXT:   ::ag::at({15, 18, 15, 27, "a"});
// CHECK-NEXT:   ag::Tensor a = ag::abs(r);
// CHECK-NEXT:   ::ag::at({16, 3, 16, 17});
// CHECK-NEXT:   ::ag::if_(
// CHECK-NEXT:       {16, 3, 16, 17},
// CHECK-NEXT:       {{[{][{]}}"ag_do_return", ag_do_return}, {"ag_retval", ag_retval}}, a <= delta,
// CHECK-NEXT:       [&] {
// CHECK-NEXT:         ::ag::at({17, 12, 17, 22, "ag_retval"});
// CHECK-NEXT:         ag_retval = 0.5 * r * r;
// CHECK-NEXT:         ag_do_return = true;
// CHECK-NEXT:       },
// CHECK-NEXT:       [&] {
// CHECK-NEXT:         ::ag::at({19, 12, 19, 36, "ag_retval"});
// CHECK-NEXT:         ag_retval = delta * (a - 0.5 * delta);
// CHECK-NEXT:         ag_do_return = true;
// CHECK-NEXT:       });
// CHECK-NEXT: ::ag::detail::bind_({{[{][{]}}"a", a}});
// CHECK-NEXT:   return ag_retval;
// CHECK-NEXT: }
// CHECK-NEXT: {{\[\[}}maybe_unused]] static const bool ag_registered_huber =
// CHECK-NEXT:     ::ag::detail::registerTwin(reinterpret_cast<const void *>(&huber),
// CHECK-NEXT:                                reinterpret_cast<const void *>(&ag_twin_huber),
// CHECK-NEXT:                                "huber", ag_source_file, 14);
// CHECK-LABEL: ag::Tensor ag_twin_ipow(ag::Tensor base, ag::Tensor exp) {
// CHECK-NEXT:   ::ag::FunctionScope ag_scope("ipow", ag_source_file, 24, 12, {"base", "exp"});
// CHECK-NEXT:   ::ag::at({25, 23, 25, 23, "result"});
// CHECK-NEXT:   ag::Tensor result = 1;
// CHECK-NEXT:   ::ag::while_(
// CHECK-NEXT:       {26, 3, 26, 16}, {{[{][{]}}"result", result}, {"base", base}, {"exp", exp}},
// CHECK-NEXT:       [&]() -> ::ag::Tensor { return exp > 0; },
// CHECK-NEXT:       [&] {
// CHECK-NEXT:         ::ag::at({27, 5, 27, 21});
// CHECK-NEXT:         ::ag::if_({27, 5, 27, 21}, {{[{][{]}}"result", result}}, exp % 2 == 1, [&] {
// CHECK-NEXT:               ::ag::at({28, 7, 28, 20, "result"});
// CHECK-NEXT:               result *= base;
// CHECK-NEXT:         });
// CHECK-NEXT:         ::ag::at({29, 5, 29, 16, "base"});
// CHECK-NEXT:         base *= base;
// CHECK-NEXT:         ::ag::at({30, 5, 30, 12, "exp"});
// CHECK-NEXT:         exp /= 2;
// CHECK-NEXT:       });
// CHECK-NEXT: ::ag::detail::bind_({{[{][{]}}"result", result}});
// CHECK-NEXT:   return result;
// CHECK-NEXT: }
// CHECK-NEXT: {{\[\[}}maybe_unused]] static const bool ag_registered_ipow =
// CHECK-NEXT:     ::ag::detail::registerTwin(reinterpret_cast<const void *>(&ipow),
// CHECK-NEXT:                                reinterpret_cast<const void *>(&ag_twin_ipow),
// CHECK-NEXT:                                "ipow", ag_source_file, 24);
// CHECK-LABEL: ag::Tensor ag_twin_newton(ag::Tensor x) {
// CHECK-NEXT:   ::ag::FunctionScope ag_scope("newton", ag_source_file, 36, 12, {"x"});
// CHECK-NEXT:   ::ag::at({37, 18, 37, 22, "g"});
// CHECK-NEXT:   ag::Tensor g = x / 2;
// CHECK-NEXT:   for (int i = 0; i < 20; ++i) {
// CHECK-NEXT:     ::ag::at({39, 5, 39, 23, "g"});
// CHECK-NEXT:     g = (g + ::ag::sub_({39, 14, 39, 18}, x / g)) / 2;
// CHECK-NEXT:   }
// CHECK-NEXT: ::ag::detail::bind_({{[{][{]}}"g", g}});
// CHECK-NEXT:   return g;
// CHECK-NEXT: }
// CHECK-NEXT: {{\[\[}}maybe_unused]] static const bool ag_registered_newton =
// CHECK-NEXT:     ::ag::detail::registerTwin(reinterpret_cast<const void *>(&newton),
// CHECK-NEXT:                                reinterpret_cast<const void *>(&ag_twin_newton),
// CHECK-NEXT:                                "newton", ag_source_file, 36);
// CHECK-LABEL: ag::Tensor ag_twin_bisect(ag::Tensor lo, ag::Tensor hi, ag::Tensor target) {
// CHECK-NEXT:   ::ag::FunctionScope ag_scope("bisect", ag_source_file, 44, 12,
// CHECK-NEXT:                                {"lo", "hi", "target"});
// CHECK-NEXT:   ag::Tensor mid;
// CHECK-NEXT:   ::ag::do_while_(
// CHECK-NEXT:       {46, 3, 52, 25}, {{[{][{]}}"mid", mid}, {"lo", lo}, {"hi", hi}},
// CHECK-NEXT:       [&] {
// CHECK-NEXT:         ::ag::at({47, 5, 47, 23, "mid"});
// CHECK-NEXT:         mid = (lo + hi) / 2;
// CHECK-NEXT:         ::ag::at({48, 5, 48, 27});
// CHECK-NEXT:         ::ag::if_(
// CHECK-NEXT:             {48, 5, 48, 27}, {{[{][{]}}"lo", lo}, {"hi", hi}}, mid * mid < target,
// CHECK-NEXT:             [&] { lo = mid; }, [&] { hi = mid; });
// CHECK-NEXT:       },
// CHECK-NEXT:       [&]() -> ::ag::Tensor { return hi - lo > 1e-6; });
// CHECK-NEXT: ::ag::detail::bind_({{[{][{]}}"mid", mid}});
// CHECK-NEXT:   return mid;
// CHECK-NEXT: }
// CHECK-NEXT: {{\[\[}}maybe_unused]] static const bool ag_registered_bisect =
// CHECK-NEXT:     ::ag::detail::registerTwin(reinterpret_cast<const void *>(&bisect),
// CHECK-NEXT:                                reinterpret_cast<const void *>(&ag_twin_bisect),
// CHECK-NEXT:                                "bisect", ag_source_file, 44);
// CHECK-LABEL: ag::Tensor ag_twin_fizz(ag::Tensor n) {
// CHECK-NEXT:   ::ag::FunctionScope ag_scope("fizz", ag_source_file, 57, 12, {"n"});
// CHECK-NEXT:   ::ag::at({58, 22, 58, 22, "count"});
// CHECK-NEXT:   ag::Tensor count = 0;
// CHECK-NEXT:   {
// CHECK-NEXT:     ::ag::at({59, 23, 59, 23, "i"});
// CHECK-NEXT:     ag::Tensor i = 1;
// CHECK-NEXT:     ::ag::while_(
// CHECK-NEXT:         {59, 3, 59, 31}, {{[{][{]}}"count", count}, {"i", i}},
// CHECK-NEXT:         [&]() -> ::ag::Tensor { return i <= n; },
// CHECK-NEXT:         [&] {
// CHECK-NEXT:           ::ag::Tensor ag_continue_1 = false;
// CHECK-NEXT:           ::ag::at({60, 5, 60, 20});
// CHECK-NEXT:           ::ag::if_({60, 5, 60, 20}, {{[{][{]}}"ag_continue_1", ag_continue_1}},
// CHECK-NEXT:                     i % 15 == 0, [&] { ag_continue_1 = true; });
// CHECK-NEXT:           ::ag::at({62, 5, 63, 16});
// CHECK-NEXT:           ::ag::if_(
// CHECK-NEXT:               {62, 5, 63, 16},
// CHECK-NEXT:               {{[{][{]}}"count", count}, {"ag_continue_1", ag_continue_1}},
// CHECK-NEXT:               !ag_continue_1,
// CHECK-NEXT:               [&] {
// CHECK-NEXT:                 ::ag::at({62, 5, 62, 33});
// CHECK-NEXT:                 ::ag::if_({62, 5, 62, 33}, {{[{][{]}}"count", count}},
// CHECK-NEXT:                           ::ag::or_(
// CHECK-NEXT:                           {62, 9, 62, 32},
// CHECK-NEXT:                           [&]() -> ::ag::Tensor { return i % 3 == 0; },
// CHECK-NEXT:                               [&]() -> ::ag::Tensor { return i % 5 == 0; }),
// CHECK-NEXT:                     [&] {
// CHECK-NEXT:                       ::ag::at({63, 7, 63, 16, "count"});
// CHECK-NEXT:                       count += 1;
// CHECK-NEXT:                           });
// CHECK-NEXT:               },
// CHECK-NEXT:               [&] { ag_continue_1 = true; });
// CHECK-NEXT:           ::ag::at({59, 34, 59, 39, "i"});
// CHECK-NEXT:           i += 1;
// CHECK-NEXT:         });
// CHECK-NEXT:   }
// CHECK-NEXT: ::ag::detail::bind_({{[{][{]}}"count", count}});
// CHECK-NEXT:   return count;
// CHECK-NEXT: }
// CHECK-NEXT: {{\[\[}}maybe_unused]] static const bool ag_registered_fizz =
// CHECK-NEXT:     ::ag::detail::registerTwin(reinterpret_cast<const void *>(&fizz),
// CHECK-NEXT:                                reinterpret_cast<const void *>(&ag_twin_fizz),
// CHECK-NEXT:                                "fizz", ag_source_file, 57);
// CHECK-LABEL: ag::Tensor ag_twin_nestedReturn(ag::Tensor n) {
// CHECK-NEXT:   ::ag::FunctionScope ag_scope("nestedReturn", ag_source_file, 69, 12, {"n"});
// CHECK-NEXT:   ::ag::Tensor ag_retval;
// CHECK-NEXT:   ::ag::Tensor ag_do_return = false;
// CHECK-NEXT:   ::ag::at({70, 18, 70, 18, "i"});
// CHECK-NEXT:   ag::Tensor i = 0;
// CHECK-NEXT:   ::ag::while_(
// CHECK-NEXT:       {71, 3, 71, 14},
// CHECK-NEXT:       {{[{][{]}}"i", i}, {"ag_do_return", ag_do_return}, {"ag_retval", ag_retval}},
// CHECK-NEXT:       [&]() -> ::ag::Tensor {
// CHECK-NEXT:         return ::ag::and_(
// CHECK-NEXT:             {71, 10, 71, 14}, [&]() -> ::ag::Tensor { return !ag_do_return; },
// CHECK-NEXT:             [&]() -> ::ag::Tensor { return i < n; });
// CHECK-NEXT:       },
// CHECK-NEXT:       [&] {
// CHECK-NEXT:         ::ag::at({72, 20, 72, 20, "j"});
// CHECK-NEXT:         ag::Tensor j = 0;
// CHECK-NEXT:         ::ag::while_(
// CHECK-NEXT:             {73, 5, 73, 16},
// CHECK-NEXT:             {{[{][{]}}"j", j},
// CHECK-NEXT:              {"ag_do_return", ag_do_return},
// CHECK-NEXT:              {"ag_retval", ag_retval}},
// CHECK-NEXT:             [&]() -> ::ag::Tensor {
// CHECK-NEXT:               return ::ag::and_(
// CHECK-NEXT:                   {73, 12, 73, 16},
// CHECK-NEXT:                   [&]() -> ::ag::Tensor { return !ag_do_return; },
// CHECK-NEXT:                   [&]() -> ::ag::Tensor { return j < n; });
// CHECK-NEXT:             },
// CHECK-NEXT:             [&] {
// CHECK-NEXT:               ::ag::at({74, 7, 74, 22});
// CHECK-NEXT:               ::ag::if_(
// CHECK-NEXT:                   {74, 7, 74, 22},
// CHECK-NEXT:                   {{[{][{]}}"ag_do_return", ag_do_return}, {"ag_retval", ag_retval}},
// CHECK-NEXT:                   i * j == 12, [&] {
// CHECK-NEXT:                     ::ag::at({75, 16, 75, 26, "ag_retval"});
// CHECK-NEXT:                     ag_retval = i * 100 + j;
// CHECK-NEXT:                     ag_do_return = true;
// CHECK-NEXT:                   });
// CHECK-NEXT:               ::ag::at({76, 7, 76, 12});
// CHECK-NEXT:               ::ag::if_(
// CHECK-NEXT:                   {76, 7, 76, 12},
// CHECK-NEXT:                   {{[{][{]}}"j", j},
// CHECK-NEXT:                    {"ag_do_return", ag_do_return},
// CHECK-NEXT:                    {"ag_retval", ag_retval}},
// CHECK-NEXT:                   !ag_do_return,
// CHECK-NEXT:                   [&] {
// CHECK-NEXT:                     ::ag::at({76, 7, 76, 12, "j"});
// CHECK-NEXT:                     j += 1;
// CHECK-NEXT:                   },
// CHECK-NEXT:                   [&] { ag_do_return = true; });
// CHECK-NEXT:             });
// CHECK-NEXT:         ::ag::at({78, 5, 78, 10});
// CHECK-NEXT:         ::ag::if_(
// CHECK-NEXT:             {78, 5, 78, 10},
// CHECK-NEXT:             {{[{][{]}}"i", i},
// CHECK-NEXT:              {"ag_do_return", ag_do_return},
// CHECK-NEXT:              {"ag_retval", ag_retval}},
// CHECK-NEXT:             !ag_do_return,
// CHECK-NEXT:             [&] {
// CHECK-NEXT:               ::ag::at({78, 5, 78, 10, "i"});
// CHECK-NEXT:               i += 1;
// CHECK-NEXT:             },
// CHECK-NEXT:             [&] { ag_do_return = true; });
// CHECK-NEXT:       });
// CHECK-NEXT:   ::ag::at({80, 3, 80, 11});
// CHECK-NEXT:   ::ag::if_({80, 3, 80, 11},
// CHECK-NEXT:       {{[{][{]}}"ag_do_return", ag_do_return}, {"ag_retval", ag_retval}},
// CHECK-NEXT:             !ag_do_return, [&] {
// CHECK-NEXT:         ::ag::at({80, 10, 80, 11, "ag_retval"});
// CHECK-NEXT:         ag_retval = -1;
// CHECK-NEXT:         ag_do_return = true;
// CHECK-NEXT:             });
// CHECK-NEXT: ::ag::detail::bind_({{[{][{]}}"i", i}});
// CHECK-NEXT:   return ag_retval;
// CHECK-NEXT: }
// CHECK-NEXT: {{\[\[}}maybe_unused]] static const bool ag_registered_nestedReturn =
// CHECK-NEXT:     ::ag::detail::registerTwin(
// CHECK-NEXT:         reinterpret_cast<const void *>(&nestedReturn),
// CHECK-NEXT:         reinterpret_cast<const void *>(&ag_twin_nestedReturn), "nestedReturn",
// CHECK-NEXT:         ag_source_file, 69);
// CHECK-LABEL: ag::Tensor ag_twin_doBreak(ag::Tensor x) {
// CHECK-NEXT:   ::ag::FunctionScope ag_scope("doBreak", ag_source_file, 84, 12, {"x"});
// CHECK-NEXT:   ::ag::Tensor ag_break_1 = false;
// CHECK-NEXT:   ::ag::do_while_(
// CHECK-NEXT:       {85, 3, 90, 17}, {{[{][{]}}"x", x}, {"ag_break_1", ag_break_1}},
// CHECK-NEXT:       [&] {
// CHECK-NEXT:         ::ag::at({86, 5, 86, 10, "x"});
// CHECK-NEXT:         x -= 3;
// CHECK-NEXT:         ::ag::at({87, 5, 87, 14});
// CHECK-NEXT:         ::ag::if_({87, 5, 87, 14}, {{[{][{]}}"ag_break_1", ag_break_1}}, x < 0,
// CHECK-NEXT:                   [&] { ag_break_1 = true; });
// CHECK-NEXT:         ::ag::at({89, 5, 89, 10});
// CHECK-NEXT:         ::ag::if_(
// CHECK-NEXT:             {89, 5, 89, 10}, {{[{][{]}}"x", x}, {"ag_break_1", ag_break_1}},
// CHECK-NEXT:             !ag_break_1,
// CHECK-NEXT:             [&] {
// CHECK-NEXT:               ::ag::at({89, 5, 89, 10, "x"});
// CHECK-NEXT:               x -= 1;
// CHECK-NEXT:             },
// CHECK-NEXT:             [&] { ag_break_1 = true; });
// CHECK-NEXT:       },
// CHECK-NEXT:       [&]() -> ::ag::Tensor {
// CHECK-NEXT:         return ::ag::and_(
// CHECK-NEXT:             {90, 12, 90, 17}, [&]() -> ::ag::Tensor { return !ag_break_1; },
// CHECK-NEXT:             [&]() -> ::ag::Tensor { return x > 10; });
// CHECK-NEXT:       });
// CHECK-NEXT:   return x;
// CHECK-NEXT: }
// CHECK-NEXT: {{\[\[}}maybe_unused]] static const bool ag_registered_doBreak =
// CHECK-NEXT:     ::ag::detail::registerTwin(reinterpret_cast<const void *>(&doBreak),
// CHECK-NEXT:                                reinterpret_cast<const void *>(&ag_twin_doBreak),
// CHECK-NEXT:                                "doBreak", ag_source_file, 84);
// CHECK-LABEL: auto ag_twin_bothBranches(ag::Tensor x) {
// CHECK-NEXT:   ::ag::FunctionScope ag_scope("bothBranches", ag_source_file, 95, 6, {"x"});
// CHECK-NEXT:   ::ag::Tensor ag_retval;
// CHECK-NEXT:   ::ag::Tensor ag_do_return = false;
// CHECK-NEXT:   ag::Tensor y;
// CHECK-NEXT:   ::ag::at({97, 3, 97, 15});
// CHECK-NEXT:   ::ag::if_(
// CHECK-NEXT:       {97, 3, 97, 15}, {{[{][{]}}"y", y}}, !(x > 0),
// CHECK-NEXT:       [&] {
// CHECK-NEXT:         ::ag::at({98, 5, 98, 10, "y"});
// CHECK-NEXT:         y = -x;
// CHECK-NEXT:       },
// CHECK-NEXT:       [&] { y = x; });
// CHECK-NEXT:   ::ag::while_(
// CHECK-NEXT:       {101, 3, 101, 5},
// CHECK-NEXT:       {{[{][{]}}"y", y}, {"ag_do_return", ag_do_return}, {"ag_retval", ag_retval}},
// CHECK-NEXT:       [&]() -> ::ag::Tensor { return !ag_do_return; },
// CHECK-NEXT:       [&] {
// CHECK-NEXT:         ::ag::at({102, 5, 102, 16});
// CHECK-NEXT:         ::ag::if_({102, 5, 102, 16},
// CHECK-NEXT:             {{[{][{]}}"ag_do_return", ag_do_return}, {"ag_retval", ag_retval}},
// CHECK-NEXT:                   y > 100, [&] {
// CHECK-NEXT:               ::ag::at({{[^}]*}}, "ag_retval"});
// CHECK-NEXT:               ag_retval = y;
// CHECK-NEXT:               ag_do_return = true;
// CHECK-NEXT:                   });
// CHECK-NEXT:         ::ag::at({104, 5, 104, 13});
// CHECK-NEXT:         ::ag::if_(
// CHECK-NEXT:             {104, 5, 104, 13},
// CHECK-NEXT:             {{[{][{]}}"y", y},
// CHECK-NEXT:              {"ag_do_return", ag_do_return},
// CHECK-NEXT:              {"ag_retval", ag_retval}},
// CHECK-NEXT:             !ag_do_return,
// CHECK-NEXT:             [&] {
// CHECK-NEXT:               ::ag::at({104, 5, 104, 13, "y"});
// CHECK-NEXT:               y = y * 2;
// CHECK-NEXT:             },
// CHECK-NEXT:             [&] { ag_do_return = true; });
// CHECK-NEXT:       });
// CHECK-NEXT: ::ag::detail::bind_({{[{][{]}}"y", y}});
// CHECK-NEXT:   return ag_retval;
// CHECK-NEXT: }
// CHECK-NEXT: {{\[\[}}maybe_unused]] static const bool ag_registered_bothBranches =
// CHECK-NEXT:     ::ag::detail::registerTwin(
// CHECK-NEXT:         reinterpret_cast<const void *>(&bothBranches),
// CHECK-NEXT:         reinterpret_cast<const void *>(&ag_twin_bothBranches), "bothBranches",
// CHECK-NEXT:         ag_source_file, 95);
// CHECK-LABEL: ag::Tensor ag_twin_hostCond(ag::Tensor x, int n) {
// CHECK-NEXT:   ::ag::FunctionScope ag_scope("hostCond", ag_source_file, 109, 12, {"x"});
// CHECK-NEXT:   ::ag::while_(
// CHECK-NEXT:       {110, 3, 110, 23}, {{[{][{]}}"x", x}},
// CHECK-NEXT:       [&]() -> ::ag::Tensor {
// CHECK-NEXT:         return ::ag::and_(
// CHECK-NEXT:             {110, 10, 110, 23}, [&]() -> ::ag::Tensor { return x > 0; },
// CHECK-NEXT:             [&]() -> ::ag::Tensor { return n < 5; });
// CHECK-NEXT:       },
// CHECK-NEXT:       [&] {
// CHECK-NEXT:         ::ag::at({111, 5, 111, 13, "x"});
// CHECK-NEXT:         x = x - n;
// CHECK-NEXT:       });
// CHECK-NEXT:   ::ag::at({112, 18, 112, 34, "z"});
// CHECK-NEXT:   ag::Tensor z = n > 2 ? x : x * 2;
// CHECK-NEXT: ::ag::detail::bind_({{[{][{]}}"z", z}});
// CHECK-NEXT:   return z;
// CHECK-NEXT: }
// CHECK-NEXT: {{\[\[}}maybe_unused]] static const bool ag_registered_hostCond =
// CHECK-NEXT:     ::ag::detail::registerTwin(
// CHECK-NEXT:         reinterpret_cast<const void *>(&hostCond),
// CHECK-NEXT:         reinterpret_cast<const void *>(&ag_twin_hostCond), "hostCond",
// CHECK-NEXT:         ag_source_file, 109);
// CHECK-LABEL: void ag_twin_empty() {
// CHECK-NEXT:   ::ag::FunctionScope ag_scope("empty", ag_source_file, 117, 6);
// CHECK-NEXT: }
// CHECK-NEXT: {{\[\[}}maybe_unused]] static const bool ag_registered_empty =
// CHECK-NEXT:     ::ag::detail::registerTwin(reinterpret_cast<const void *>(&empty),
// CHECK-NEXT:                                reinterpret_cast<const void *>(&ag_twin_empty),
// CHECK-NEXT:                                "empty", ag_source_file, 117);
