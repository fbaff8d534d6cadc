// A call of a converted function defined in another file goes through the
// registry (ag::detail::callTwin: a missing twin is a run-time error at the
// call, not a link error); one defined in this file, even later, calls its
// twin directly. Namespaced callees are named from the global namespace,
// overloaded ones picked by a cast; a void call gets its ::ag::at too.
// RUN: cd %S && ag-convert --twins-only cross-file-calls.cpp -- -std=c++17 -I%ag_include -I%S/Inputs | FileCheck %s
// RUN: ag-convert %s -- -std=c++17 -I%ag_include -I%S/Inputs | %cxx -std=c++17 -fsyntax-only -Wall -Wextra -Werror -I%ag_include -I%S/Inputs -x c++ -

#include <external-convert.h>
#include <cross-file-decls.h>

AG_CONVERT ag::Tensor later(ag::Tensor x);

AG_CONVERT
ag::Tensor caller(ag::Tensor x) {
  ag::Tensor y = externalTwice(x) + later(x);
  if (y > 10)
    y = geo::scale(y, 3) - geo::scale(y, x);
  using namespace geo;
  y = y > 0 ? shift(y) : ::externalTwice(-y);
  report(y);
  return y;
}

AG_CONVERT
ag::Tensor later(ag::Tensor x) { return x - 1; }

// CHECK-LABEL: static const char ag_source_file[] = "{{.*}}cross-file-calls.cpp";
// CHECK-NEXT: ag::Tensor ag_twin_later(ag::Tensor x);
// CHECK-NEXT: ag::Tensor ag_twin_caller(ag::Tensor x) {
// CHECK-NEXT:   ::ag::FunctionScope ag_scope("caller", ag_source_file, 15, 12, {"x"});
// CHECK-NEXT:   ::ag::at({16, 18, 16, 44, "y"});
// CHECK-NEXT:   ag::Tensor y = ::ag::detail::callTwin(&externalTwice, "externalTwice", x) +
// CHECK-NEXT:                  ag_twin_later(x);
// CHECK-NEXT:   ::ag::at({17, 3, 17, 13});
// CHECK-NEXT:   ::ag::if_({17, 3, 17, 13}, {{[{][{]}}"y", y}}, y > 10, [&] {
// CHECK-NEXT:         ::ag::at({18, 5, 18, 43, "y"});
// CHECK-NEXT:         y = ::ag::detail::callTwin(
// CHECK-NEXT:                 static_cast<::ag::Tensor (*)(::ag::Tensor, int)>(&::geo::scale),
// CHECK-NEXT:                 "geo::scale", y, 3) -
// CHECK-NEXT:             ::ag::detail::callTwin(
// CHECK-NEXT:             static_cast<::ag::Tensor (*)(::ag::Tensor, const ::ag::Tensor &)>(
// CHECK-NEXT:                 &::geo::scale),
// CHECK-NEXT:                 "geo::scale", y, x);
// CHECK-NEXT:   });
// CHECK-NEXT:   using namespace geo;
// CHECK-NEXT:   ::ag::at({20, 3, 20, 44, "y"});
// CHECK-NEXT:   y = ::ag::cond_(
// CHECK-NEXT:       {20, 7, 20, 44}, [&]() -> ::ag::Tensor { return y > 0; },
// CHECK-NEXT:       [&]() -> ::ag::Tensor {
// CHECK-NEXT:         return ::ag::detail::callTwin(&::geo::shift, "geo::shift", y);
// CHECK-NEXT:       },
// CHECK-NEXT:       [&]() -> ::ag::Tensor {
// CHECK-NEXT:         return ::ag::detail::callTwin(&externalTwice, "externalTwice", -y);
// CHECK-NEXT:       });
// CHECK-NEXT:   ::ag::at({21, 3, 21, 11});
// CHECK-NEXT:   ::ag::detail::callTwin(&report, "report", y);
// CHECK-NEXT: ::ag::detail::bind_({{[{][{]}}"y", y}});
// CHECK-NEXT:   return y;
// CHECK-NEXT: }
// CHECK-NEXT: {{\[\[}}maybe_unused]] static const bool ag_registered_caller =
// CHECK-NEXT:     ::ag::detail::registerTwin(reinterpret_cast<const void *>(&caller),
// CHECK-NEXT:                                reinterpret_cast<const void *>(&ag_twin_caller),
// CHECK-NEXT:                                "caller", ag_source_file, 15);
// CHECK-LABEL: ag::Tensor ag_twin_later(ag::Tensor x) {
// CHECK-NEXT:   ::ag::FunctionScope ag_scope("later", ag_source_file, 26, 12, {"x"});
// CHECK-NEXT:   ::ag::at({26, 41, 26, 45});
// CHECK-NEXT:   return x - 1;
// CHECK-NEXT: }
// CHECK-NEXT: {{\[\[}}maybe_unused]] static const bool ag_registered_later =
// CHECK-NEXT:     ::ag::detail::registerTwin(reinterpret_cast<const void *>(&later),
// CHECK-NEXT:                                reinterpret_cast<const void *>(&ag_twin_later),
// CHECK-NEXT:                                "later", ag_source_file, 26);
