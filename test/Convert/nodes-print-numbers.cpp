// A number the eager code holds as a C++ double, int or bool but the twin
// holds as a tensor (a node's result, a member of one, a local assigned under
// a staged condition) prints as std::cout prints that C++ type (6
// significant digits for a double), not as a tensor.
// RUN: cd %S && ag-convert --twins-only nodes-print-numbers.cpp -- -std=c++17 -I%ag_include | FileCheck %s
// RUN: ag-convert %s -- -std=c++17 -I%ag_include | %cxx -std=c++17 -fsyntax-only -Wall -Wextra -Werror -I%ag_include -x c++ -

#include <ag/ag.h>
#include <iostream>

struct Fit { double slope, loss; };
AG_NODE Fit fit(double ridge);
AG_NODE int count(const Fit &f);

AG_CONVERT
ag::Tensor report(double ridge) {
  Fit f = fit(ridge);
  double best = 0.0;
  if (f.loss > 1.0)
    best = f.slope;
  // CHECK: ::ag::print_(
  // CHECK-NEXT: {"loss ",
  // CHECK-NEXT: ::ag::PrintArg::streamedAs<double>(::ag::detail::member_(
  // CHECK-NEXT: f, &::Fit::loss, "loss")),
  // CHECK-NEXT: " best ", ::ag::PrintArg::streamedAs<double>(best), " n ",
  // CHECK-NEXT: ::ag::PrintArg::streamedAs<int>(::ag::detail::node_(
  // CHECK-NEXT: "count", &::count, f)),
  std::cout << "loss " << f.loss << " best " << best << " n " << count(f)
            << "\n";
  return ag::Tensor(best);
}
