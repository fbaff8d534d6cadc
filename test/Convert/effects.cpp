// Effects become ordered effect ops: assert on a staged condition (message
// from the literal, or the condition's text), every std::cout chain (std::endl
// is a newline), printf (t.item<T>() arguments are staged as casts to T) and puts, even of
// host values only (they must print at each evaluation, in order: host values
// are formatted by iostream while tracing), ag::print. A host assert stays.
// RUN: cd %S && ag-convert --twins-only effects.cpp -- -std=c++17 -I%ag_include | FileCheck %s
// RUN: ag-convert %s -- -std=c++17 -I%ag_include | %cxx -std=c++17 -fsyntax-only -Wall -Wextra -Werror -I%ag_include -x c++ -

#include <ag/ag.h>
#include <cassert>
#include <cstdio>
#include <iostream>

AG_CONVERT
ag::Tensor effects(ag::Tensor x, int n) {
  assert(x >= 0 && "x must be non-negative");
  assert(x < 100);
  assert(n >= 0);
  std::cout << "x = " << x << ' ' << n << std::endl;
  std::cout << "host only " << n << "\n";
  printf("x=%ld n=%d\n", x.item<long>(), n);
  printf("host %d\n", n);
  ag::print("x:", x);
  return x;
}

// Under staged control flow even host-only prints are staged: they must run
// when (and each time) evaluation takes the branch, not once while tracing.
AG_CONVERT
ag::Tensor branchy(ag::Tensor x, int n) {
  if (x > 0) {
    std::cout << "positive, n = " << n << '\n';
    printf("n=%d\n", n);
  }
  return x;
}

// A host switch is rebuilt (its prints staged); a lambda keeps its text but
// its prints are staged; a staged choice of text prints through a staged if_.
AG_CONVERT
ag::Tensor unusual(ag::Tensor a, int mode) {
  switch (mode) {
  case 0:
    std::cout << "zero\n";
    break;
  default:
    puts("other");
  }
  std::cout << (a > 0 ? "pos" : "neg") << ' ' << (a > 0 && a < 9) << '\n';
  printf("%s %d\n", a > 3 ? "big" : "small", mode);
  auto say = [&](int k) { std::cout << "k=" << k << "\n"; };
  say(1);
  return a;
}

// CHECK-LABEL: static const char ag_source_file[] = "{{.*}}effects.cpp";
// CHECK-LABEL: ag::Tensor ag_twin_effects(ag::Tensor x, int n) {
// CHECK-NEXT:   ::ag::FunctionScope ag_scope("effects", ag_source_file, 15, 12, {"x"});
// CHECK-NEXT:   ::ag::at({16, 3, 16, 44});
// CHECK-NEXT:   ::ag::assert_({16, 10, 16, 43}, x >= 0, "x must be non-negative");
// CHECK-NEXT:   ::ag::at({17, 3, 17, 17});
// CHECK-NEXT:   ::ag::assert_({17, 10, 17, 16}, x < 100, "x < 100");
// CHECK-NEXT:   assert(n >= 0);
// CHECK-NEXT:   ::ag::print_({19, 3, 19, 51},
// CHECK-NEXT:                {"x = ", x, " ", ::ag::detail::streamText(n), "\n"});
// CHECK-NEXT:   ::ag::print_({20, 3, 20, 40},
// CHECK-NEXT:                {"host only ", ::ag::detail::streamText(n), "\n"});
// CHECK-NEXT:   ::ag::at({21, 3, 21, 43});
// CHECK-NEXT:   ::ag::printf_({21, 3, 21, 43}, "x=%ld n=%d\n",
// CHECK-NEXT:                 {::ag::cast(x, ::ag::DType::Int64), n});
// CHECK-NEXT:   ::ag::printf_({22, 3, 22, 24}, "host %d\n", {n});
// CHECK-NEXT:   ::ag::print_({23, 3, 23, 20}, {"x:", x, "\n"});
// CHECK-NEXT:   return x;
// CHECK-NEXT: }
// CHECK-NEXT: {{\[\[}}maybe_unused]] static const bool ag_registered_effects =
// CHECK-NEXT:     ::ag::detail::registerTwin(reinterpret_cast<const void *>(&effects),
// CHECK-NEXT:                                reinterpret_cast<const void *>(&ag_twin_effects),
// CHECK-NEXT:                                "effects", ag_source_file, 15);
// CHECK-NEXT: {{\[\[}}maybe_unused]] static const bool ag_positions_effects =
// CHECK-NEXT:     ::ag::detail::registerTensorPositions(
// CHECK-NEXT:         reinterpret_cast<const void *>(&effects), {"x"});
// CHECK-EMPTY:
// CHECK-LABEL: ag::Tensor ag_twin_branchy(ag::Tensor x, int n) {
// CHECK-NEXT:   ::ag::FunctionScope ag_scope("branchy", ag_source_file, 30, 12, {"x"});
// CHECK-NEXT:   ::ag::at({31, 3, 31, 12});
// CHECK-NEXT:   ::ag::if_({31, 3, 31, 12}, {}, x > 0, [&] {
// CHECK-NEXT:         ::ag::print_({32, 5, 32, 46},
// CHECK-NEXT:                      {"positive, n = ", ::ag::detail::streamText(n), "\n"});
// CHECK-NEXT:         ::ag::printf_({33, 5, 33, 23}, "n=%d\n", {n});
// CHECK-NEXT:   });
// CHECK-NEXT:   return x;
// CHECK-NEXT: }
// CHECK-NEXT: {{\[\[}}maybe_unused]] static const bool ag_registered_branchy =
// CHECK-NEXT:     ::ag::detail::registerTwin(reinterpret_cast<const void *>(&branchy),
// CHECK-NEXT:                                reinterpret_cast<const void *>(&ag_twin_branchy),
// CHECK-NEXT:                                "branchy", ag_source_file, 30);
// CHECK-NEXT: {{\[\[}}maybe_unused]] static const bool ag_positions_branchy =
// CHECK-NEXT:     ::ag::detail::registerTensorPositions(
// CHECK-NEXT:         reinterpret_cast<const void *>(&branchy), {"x"});
// CHECK-EMPTY:
// CHECK-LABEL: ag::Tensor ag_twin_unusual(ag::Tensor a, int mode) {
// CHECK-NEXT:   ::ag::FunctionScope ag_scope("unusual", ag_source_file, 41, 12, {"a"});
// CHECK-NEXT:   switch (mode) {
// CHECK-NEXT:   case 0:
// CHECK-NEXT:     ::ag::print_({44, 5, 44, 25}, {"zero\n"});
// CHECK-NEXT:     break;
// CHECK-NEXT:   default:
// CHECK-NEXT:     ::ag::print_({47, 5, 47, 17}, {"other", "\n"});
// CHECK-NEXT:   }
// CHECK-NEXT:   ::ag::at({49, 3, 49, 73});
// CHECK-NEXT:   ::ag::at({49, 17, 49, 37});
// CHECK-NEXT:   ::ag::if_(
// CHECK-NEXT:       {49, 17, 49, 37}, {}, a > 0,
// CHECK-NEXT:       [&] { ::ag::print_({49, 3, 49, 73}, {"pos"}); },
// CHECK-NEXT:       [&] { ::ag::print_({49, 3, 49, 73}, {"neg"}); });
// CHECK-NEXT:   ::ag::print_({49, 3, 49, 73}, {" "});
// CHECK-NEXT:   ::ag::at({49, 51, 49, 64});
// CHECK-NEXT:   ::ag::if_(
// CHECK-NEXT:       {49, 51, 49, 64}, {},
// CHECK-NEXT:       ::ag::and_(
// CHECK-NEXT:             {49, 51, 49, 64}, [&]() -> ::ag::Tensor { return a > 0; },
// CHECK-NEXT:           [&]() -> ::ag::Tensor { return a < 9; }),
// CHECK-NEXT:       [&] { ::ag::print_({49, 3, 49, 73}, {::ag::detail::streamText(true)}); },
// CHECK-NEXT:       [&] {
// CHECK-NEXT:         ::ag::print_({49, 3, 49, 73}, {::ag::detail::streamText(false)});
// CHECK-NEXT:       });
// CHECK-NEXT:   ::ag::print_({49, 3, 49, 73}, {"\n"});
// CHECK-NEXT:   ::ag::at({50, 3, 50, 50});
// CHECK-NEXT:   ::ag::at({50, 21, 50, 43});
// CHECK-NEXT:   ::ag::if_(
// CHECK-NEXT:       {50, 21, 50, 43}, {}, a > 3,
// CHECK-NEXT:       [&] { ::ag::printf_({50, 3, 50, 50}, "%s %d\n", {"big", mode}); },
// CHECK-NEXT:       [&] { ::ag::printf_({50, 3, 50, 50}, "%s %d\n", {"small", mode}); });
// CHECK-NEXT:   auto say = [&](int k) {
// CHECK-NEXT:     [&] {
// CHECK-NEXT:       ::ag::print_({51, 27, 51, 56}, {"k=", ::ag::detail::streamText(k), "\n"});
// CHECK-NEXT:     }();
// CHECK-NEXT:   };
// CHECK-NEXT:   say(1);
// CHECK-NEXT:   return a;
// CHECK-NEXT: }
// CHECK-NEXT: {{\[\[}}maybe_unused]] static const bool ag_registered_unusual =
// CHECK-NEXT:     ::ag::detail::registerTwin(reinterpret_cast<const void *>(&unusual),
// CHECK-NEXT:                                reinterpret_cast<const void *>(&ag_twin_unusual),
// CHECK-NEXT:                                "unusual", ag_source_file, 41);
