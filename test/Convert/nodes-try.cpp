// A 'try' around node calls becomes a graph-level try (::ag::detail::try_): both parts are lambdas, the variables they assign are merged like an if's, and the caught exception is an ::ag::detail::Caught whose what() is a lazy std::string; catch (...) catches everything.
// RUN: cd %S && ag-convert --twins-only nodes-try.cpp -- -std=c++17 -I%ag_include | FileCheck %s
// RUN: ag-convert %s -- -std=c++17 -I%ag_include | %cxx -std=c++17 -fsyntax-only -Wall -Wextra -Werror -I%ag_include -x c++ -

#include <ag/ag.h>
#include <stdexcept>
#include <string>

struct Fit { double slope, loss; };

AG_NODE Fit fit(const std::string &path, double ridge);
AG_NODE_EFFECT void report(const std::string &what);
AG_NODE double penalty(std::string why);

AG_CONVERT
Fit guarded(std::string path, double ridge) {
  Fit best = fit("fallback", 0.0);
  try {
    best = fit(path, ridge);
  } catch (const std::exception &e) {
    report(e.what());
  }
  return best;
}
// CHECK-LABEL: ag_twin_guarded(
// CHECK:      ::ag::detail::try_(
// CHECK-NEXT:   {18, 3, 18, 5}, {{[{][{]}}"best", best}},
// CHECK-NEXT:   [&] {
// CHECK:          best = ::ag::detail::node_({19, 12, 19, 27}, "fit",
// CHECK-NEXT:         {{[{][{]}}}, {{[{][{]}}19, 16, 19, 19, "path"}, {}}}, &::fit,
// CHECK:        [&](const ::ag::detail::Caught &e) {
// CHECK:          ::ag::detail::effect_node_({21, 5, 21, 20}, "report", &::report,
// CHECK-NEXT:                                e.what());
// CHECK:        false);
// CHECK-NEXT: ::ag::detail::bind_({{[{][{]}}"best", best}});
// CHECK-NEXT: return best;

AG_CONVERT
ag::Tensor cost(std::string path) {
  double loss = 0;
  try {
    Fit f = fit(path, 1.0);
    loss = f.loss;
  } catch (...) {
    loss = 100;
  }
  return loss * 2;
}
// CHECK-LABEL: ag_twin_cost(
// CHECK:      ::ag::detail::try_(
// CHECK-NEXT:   {{[{][0-9]+}}, 3, {{[0-9]+}}, 5}, {{[{][{]}}"loss", loss}},
// CHECK:        ::ag::Lazy<::Fit> f = ::ag::detail::node_(
// The int 100 stored in the double `loss` is a double (numberAs_).
// CHECK:        [&](const ::ag::detail::Caught &) {
// CHECK-NEXT:     ::ag::at({{[{][0-9]+}}, 5, {{[0-9]+}}, 14, "loss"});
// CHECK-NEXT:     loss = ::ag::detail::numberAs_<double>(100);
// CHECK-NEXT:   },
// CHECK-NEXT:   true);

AG_CONVERT
ag::Tensor why(std::string path) {
  double p = 0;
  try {
    p = fit(path, 0.5).loss;
  } catch (const std::exception &err) {
    p = penalty(err.what());
  }
  return p;
}
// CHECK-LABEL: ag_twin_why(
// CHECK:        [&](const ::ag::detail::Caught &err) {
// CHECK:          p = ::ag::detail::node_({{[{][0-9]+}}, 9, {{[0-9]+}}, 27}, "penalty", &::penalty,
// CHECK-NEXT:                             err.what());
