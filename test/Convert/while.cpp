// Staged while: loop-carried variables are those assigned in the loop and read at its head or after it; variables local to the body are not carried.
// RUN: cd %S && ag-convert --twins-only while.cpp -- -std=c++17 -I%ag_include | FileCheck %s
// RUN: ag-convert %s -- -std=c++17 -I%ag_include | %cxx -std=c++17 -fsyntax-only -Wall -Wextra -Werror -I%ag_include -x c++ -

#include <ag/ag.h>

AG_CONVERT
ag::Tensor collatz(ag::Tensor a) {
  ag::Tensor counter = 0;
  while (a != 1) {
    if (a % 2 == 0)
      a = a / 2;
    else
      a = 3 * a + 1;
    counter += 1;
  }
  return counter;
}

// `t` is assigned before it is read in every iteration and dead after the
// loop: not carried. A host while loop is copied as is (unrolled at trace
// time).
AG_CONVERT
ag::Tensor gcd(ag::Tensor a, ag::Tensor b, int n) {
  ag::Tensor t = 0;
  while (b != 0) {
    t = b;
    b = a % b;
    a = t;
  }
  int k = 0;
  while (k < n) {
    a = a + 1;
    k++;
  }
  return a;
}

// CHECK-LABEL: static const char ag_source_file[] = "{{.*}}while.cpp";
// CHECK-NEXT: ag::Tensor ag_twin_collatz(ag::Tensor a) {
// CHECK-NEXT:   ::ag::FunctionScope ag_scope("collatz", ag_source_file, 8, 12, {"a"});
// CHECK-NEXT:   ::ag::at({9, 24, 9, 24, "counter"});
// CHECK-NEXT:   ag::Tensor counter = 0;
// CHECK-NEXT:   ::ag::while_(
// CHECK-NEXT:       {10, 3, 10, 15}, {{[{][{]}}"a", a}, {"counter", counter}},
// CHECK-NEXT:       [&]() -> ::ag::Tensor { return a != 1; },
// CHECK-NEXT:       [&] {
// CHECK-NEXT:         ::ag::at({11, 5, 11, 19});
// CHECK-NEXT:         ::ag::if_(
// CHECK-NEXT:             {11, 5, 11, 19}, {{[{][{]}}"a", a}}, a % 2 == 0,
// CHECK-NEXT:             [&] {
// CHECK-NEXT:               ::ag::at({12, 7, 12, 15, "a"});
// CHECK-NEXT:               a = a / 2;
// CHECK-NEXT:             },
// CHECK-NEXT:             [&] {
// CHECK-NEXT:               ::ag::at({14, 7, 14, 19, "a"});
// CHECK-NEXT:               a = 3 * a + 1;
// CHECK-NEXT:             });
// CHECK-NEXT:         ::ag::at({15, 5, 15, 16, "counter"});
// CHECK-NEXT:         counter += 1;
// CHECK-NEXT:       });
// CHECK-NEXT: ::ag::detail::bind_({{[{][{]}}"counter", counter}});
// CHECK-NEXT:   return counter;
// CHECK-NEXT: }
// CHECK-NEXT: {{\[\[}}maybe_unused]] static const bool ag_registered_collatz =
// CHECK-NEXT:     ::ag::detail::registerTwin(reinterpret_cast<const void *>(&collatz),
// CHECK-NEXT:                                reinterpret_cast<const void *>(&ag_twin_collatz),
// CHECK-NEXT:                                "collatz", ag_source_file, 8);
// CHECK-LABEL: ag::Tensor ag_twin_gcd(ag::Tensor a, ag::Tensor b, int n) {
// CHECK-NEXT:   ::ag::FunctionScope ag_scope("gcd", ag_source_file, 24, 12, {"a", "b"});
// CHECK-NEXT:   ::ag::at({25, 18, 25, 18, "t"});
// CHECK-NEXT:   ag::Tensor t = 0;
// CHECK-NEXT:   ::ag::while_(
// CHECK-NEXT:       {26, 3, 26, 15}, {{[{][{]}}"b", b}, {"a", a}, ::ag::dead_("t", t)},
// CHECK-NEXT:       [&]() -> ::ag::Tensor { return b != 0; },
// CHECK-NEXT:       [&] {
// CHECK-NEXT:         t = b;
// CHECK-NEXT:         ::ag::at({28, 5, 28, 13, "b"});
// CHECK-NEXT:         b = ::ag::sub_({28, 9, 28, 13}, a % b);
// CHECK-NEXT:         a = t;
// CHECK-NEXT:       });
// CHECK-NEXT:   int k = 0;
// CHECK-NEXT:   while (k < n) {
// CHECK-NEXT:     ::ag::at({33, 5, 33, 13, "a"});
// CHECK-NEXT:     a = a + 1;
// CHECK-NEXT:     k++;
// CHECK-NEXT:   }
// CHECK-NEXT: ::ag::detail::bind_({{[{][{]}}"t", t}});
// CHECK-NEXT:   return a;
// CHECK-NEXT: }
// CHECK-NEXT: {{\[\[}}maybe_unused]] static const bool ag_registered_gcd =
// CHECK-NEXT:     ::ag::detail::registerTwin(reinterpret_cast<const void *>(&gcd),
// CHECK-NEXT:                                reinterpret_cast<const void *>(&ag_twin_gcd),
// CHECK-NEXT:                                "gcd", ag_source_file, 24);
