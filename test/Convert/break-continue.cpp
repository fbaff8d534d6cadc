// break and continue in staged loops become flags (AutoGraph style): the rest of the body is guarded, the condition tests the break flag, a for's increment still runs after continue. while (true) left through a staged break is a staged loop.
// RUN: cd %S && ag-convert --twins-only break-continue.cpp -- -std=c++17 -I%ag_include | FileCheck %s
// RUN: ag-convert %s -- -std=c++17 -I%ag_include | %cxx -std=c++17 -fsyntax-only -Wall -Wextra -Werror -I%ag_include -x c++ -

#include <ag/ag.h>

AG_CONVERT
ag::Tensor firstAbove(ag::Tensor x, ag::Tensor limit) {
  ag::Tensor i = 0;
  while (true) {
    if (i * x > limit)
      break;
    i += 1;
  }
  return i;
}

AG_CONVERT
ag::Tensor sumOdd(ag::Tensor n) {
  ag::Tensor s = 0;
  for (ag::Tensor i = 0; i < n; ++i) {
    if (i % 2 == 0)
      continue;
    s += i;
  }
  return s;
}

// A break of the inner loop only stops the inner loop; its flag is local
// to the outer body.
AG_CONVERT
ag::Tensor pairs(ag::Tensor n) {
  ag::Tensor count = 0;
  ag::Tensor i = 0;
  while (i < n) {
    ag::Tensor j = 0;
    for (;;) {
      if (j >= i)
        break;
      count += 1;
      j += 1;
    }
    i += 1;
  }
  return count;
}

// CHECK-LABEL: static const char ag_source_file[] = "{{.*}}break-continue.cpp";
// CHECK-NEXT: ag::Tensor ag_twin_firstAbove(ag::Tensor x, ag::Tensor limit) {
// CHECK-NEXT:   ::ag::FunctionScope ag_scope("firstAbove", ag_source_file, 8, 12,
// CHECK-NEXT:                                {"x", "limit"});
// CHECK-NEXT:   ::ag::at({9, 18, 9, 18, "i"});
// CHECK-NEXT:   ag::Tensor i = 0;
// CHECK-NEXT:   ::ag::Tensor ag_break_1 = false;
// CHECK-NEXT:   ::ag::while_(
// CHECK-NEXT:       {10, 3, 10, 13}, {{[{][{]}}"i", i}, {"ag_break_1", ag_break_1}},
// CHECK-NEXT:       [&]() -> ::ag::Tensor { return !ag_break_1; },
// CHECK-NEXT:       [&] {
// CHECK-NEXT:         ::ag::at({11, 5, 11, 22});
// CHECK-NEXT:         ::ag::if_({11, 5, 11, 22}, {{[{][{]}}"ag_break_1", ag_break_1}}, i * x > limit,
// CHECK-NEXT:                   [&] { ag_break_1 = true; });
// CHECK-NEXT:         ::ag::at({13, 5, 13, 10});
// CHECK-NEXT:         ::ag::if_(
// CHECK-NEXT:             {13, 5, 13, 10}, {{[{][{]}}"i", i}, {"ag_break_1", ag_break_1}},
// CHECK-NEXT:             !ag_break_1,
// CHECK-NEXT:             [&] {
// CHECK-NEXT:               ::ag::at({13, 5, 13, 10, "i"});
// CHECK-NEXT:               i += 1;
// CHECK-NEXT:             },
// CHECK-NEXT:             [&] { ag_break_1 = true; });
// CHECK-NEXT:       });
// CHECK-NEXT: ::ag::detail::bind_({{[{][{]}}"i", i}});
// CHECK-NEXT:   return i;
// CHECK-NEXT: }
// CHECK-NEXT: {{\[\[}}maybe_unused]] static const bool ag_registered_firstAbove =
// CHECK-NEXT:     ::ag::detail::registerTwin(
// CHECK-NEXT:         reinterpret_cast<const void *>(&firstAbove),
// CHECK-NEXT:         reinterpret_cast<const void *>(&ag_twin_firstAbove), "firstAbove",
// CHECK-NEXT:         ag_source_file, 8);
// CHECK-LABEL: ag::Tensor ag_twin_sumOdd(ag::Tensor n) {
// CHECK-NEXT:   ::ag::FunctionScope ag_scope("sumOdd", ag_source_file, 19, 12, {"n"});
// CHECK-NEXT:   ::ag::at({20, 18, 20, 18, "s"});
// CHECK-NEXT:   ag::Tensor s = 0;
// CHECK-NEXT:   {
// CHECK-NEXT:     ::ag::at({21, 23, 21, 23, "i"});
// CHECK-NEXT:     ag::Tensor i = 0;
// CHECK-NEXT:     ::ag::while_(
// CHECK-NEXT:         {21, 3, 21, 30}, {{[{][{]}}"s", s}, {"i", i}},
// CHECK-NEXT:         [&]() -> ::ag::Tensor { return i < n; },
// CHECK-NEXT:         [&] {
// CHECK-NEXT:           ::ag::Tensor ag_continue_1 = false;
// CHECK-NEXT:           ::ag::at({22, 5, 22, 19});
// CHECK-NEXT:           ::ag::if_({22, 5, 22, 19}, {{[{][{]}}"ag_continue_1", ag_continue_1}},
// CHECK-NEXT:                     i % 2 == 0, [&] { ag_continue_1 = true; });
// CHECK-NEXT:           ::ag::at({24, 5, 24, 10});
// CHECK-NEXT:           ::ag::if_(
// CHECK-NEXT:               {24, 5, 24, 10}, {{[{][{]}}"s", s}, {"ag_continue_1", ag_continue_1}},
// CHECK-NEXT:               !ag_continue_1,
// CHECK-NEXT:               [&] {
// CHECK-NEXT:                 ::ag::at({24, 5, 24, 10, "s"});
// CHECK-NEXT:                 s += i;
// CHECK-NEXT:               },
// CHECK-NEXT:               [&] { ag_continue_1 = true; });
// CHECK-NEXT:           ::ag::at({21, 33, 21, 35, "i"});
// CHECK-NEXT:           ++i;
// CHECK-NEXT:         });
// CHECK-NEXT:   }
// CHECK-NEXT: ::ag::detail::bind_({{[{][{]}}"s", s}});
// CHECK-NEXT:   return s;
// CHECK-NEXT: }
// CHECK-NEXT: {{\[\[}}maybe_unused]] static const bool ag_registered_sumOdd =
// CHECK-NEXT:     ::ag::detail::registerTwin(reinterpret_cast<const void *>(&sumOdd),
// CHECK-NEXT:                                reinterpret_cast<const void *>(&ag_twin_sumOdd),
// CHECK-NEXT:                                "sumOdd", ag_source_file, 19);
// CHECK-LABEL: ag::Tensor ag_twin_pairs(ag::Tensor n) {
// CHECK-NEXT:   ::ag::FunctionScope ag_scope("pairs", ag_source_file, 32, 12, {"n"});
// CHECK-NEXT:   ::ag::at({33, 22, 33, 22, "count"});
// CHECK-NEXT:   ag::Tensor count = 0;
// CHECK-NEXT:   ::ag::at({34, 18, 34, 18, "i"});
// CHECK-NEXT:   ag::Tensor i = 0;
// CHECK-NEXT:   ::ag::while_(
// CHECK-NEXT:       {35, 3, 35, 14}, {{[{][{]}}"count", count}, {"i", i}},
// CHECK-NEXT:       [&]() -> ::ag::Tensor { return i < n; },
// CHECK-NEXT:       [&] {
// CHECK-NEXT:         ::ag::at({36, 20, 36, 20, "j"});
// CHECK-NEXT:         ag::Tensor j = 0;
// CHECK-NEXT:         ::ag::Tensor ag_break_1 = false;
// CHECK-NEXT:         ::ag::while_(
// CHECK-NEXT:             {37, 5, 37, 7},
// CHECK-NEXT:             {{[{][{]}}"count", count}, {"j", j}, {"ag_break_1", ag_break_1}},
// CHECK-NEXT:             [&]() -> ::ag::Tensor { return !ag_break_1; },
// CHECK-NEXT:             [&] {
// CHECK-NEXT:               ::ag::at({38, 7, 38, 17});
// CHECK-NEXT:               ::ag::if_({38, 7, 38, 17}, {{[{][{]}}"ag_break_1", ag_break_1}}, j >= i,
// CHECK-NEXT:                         [&] { ag_break_1 = true; });
// CHECK-NEXT:               ::ag::at({40, 7, 41, 12});
// CHECK-NEXT:               ::ag::if_(
// CHECK-NEXT:                   {40, 7, 41, 12},
// CHECK-NEXT:                   {{[{][{]}}"count", count}, {"j", j}, {"ag_break_1", ag_break_1}},
// CHECK-NEXT:                   !ag_break_1,
// CHECK-NEXT:                   [&] {
// CHECK-NEXT:                     ::ag::at({40, 7, 40, 16, "count"});
// CHECK-NEXT:                     count += 1;
// CHECK-NEXT:                     ::ag::at({41, 7, 41, 12, "j"});
// CHECK-NEXT:                     j += 1;
// CHECK-NEXT:                   },
// CHECK-NEXT:                   [&] { ag_break_1 = true; });
// CHECK-NEXT:             });
// CHECK-NEXT:         ::ag::at({43, 5, 43, 10, "i"});
// CHECK-NEXT:         i += 1;
// CHECK-NEXT:       });
// CHECK-NEXT: ::ag::detail::bind_({{[{][{]}}"count", count}, {"i", i}});
// CHECK-NEXT:   return count;
// CHECK-NEXT: }
// CHECK-NEXT: {{\[\[}}maybe_unused]] static const bool ag_registered_pairs =
// CHECK-NEXT:     ::ag::detail::registerTwin(reinterpret_cast<const void *>(&pairs),
// CHECK-NEXT:                                reinterpret_cast<const void *>(&ag_twin_pairs),
// CHECK-NEXT:                                "pairs", ag_source_file, 32);
