// Structured bindings of a node's pair/tuple become a lazy temporary and get_<I> per name; a converted function returning a host type has a twin returning ::ag::Lazy<R> (also through a staged return), called directly or with callTwinAs through the registry.
// RUN: cd %S && ag-convert --twins-only nodes-bindings.cpp -- -std=c++17 -I%ag_include -I%S/Inputs | FileCheck %s
// RUN: ag-convert %s -- -std=c++17 -I%ag_include -I%S/Inputs | %cxx -std=c++17 -fsyntax-only -Wall -Wextra -Werror -I%ag_include -I%S/Inputs -x c++ -

#include "node-report.h"
#include <tuple>
#include <utility>
#include <vector>

struct Table {
  std::vector<double> x;
};
struct Fit {
  double slope, loss;
};

AG_NODE std::pair<Table, Table> split(const Table &t, double fraction);
AG_NODE std::tuple<Fit, int> fitCounted(const Table &t);
AG_NODE Summary summarize(const Fit &f, const Table &test);

AG_CONVERT
Summary evaluate(const Table &all, double fraction) {
  auto [train, test] = split(all, fraction);
  const auto &[fit, rounds] = fitCounted(train);
  if (fit.loss > rounds)
    return summarize(fit, test);
  return summarize(fit, train);
}

AG_CONVERT
ag::Tensor bestOf(const Table &all) {
  Summary mine = evaluate(all, 0.8);
  Summary theirs = summarizeElsewhere(2.0);
  return mine.best + theirs.best;
}

// CHECK-LABEL: ::ag::Lazy<::Summary> ag_twin_evaluate(const Table &all, double fraction) {
// CHECK:        ::ag::Lazy<::Summary> ag_retval = ::ag::detail::lazySlot_<::Summary>();
// CHECK-NEXT:   ::ag::Tensor ag_do_return = false;
// CHECK-NEXT:   ::ag::at({23, 3, 23, 44});
// CHECK-NEXT:   auto ag_parts_1 = ::ag::detail::node_({23, 24, 23, 43}, "split",
// CHECK-NEXT:       {{[{][{]}}}, {{[{][{]}}23, 30, 23, 32, "all"}, {}}},
// CHECK:        auto train = ::ag::detail::get_<0>({23, 9, 23, 13, "train"}, ag_parts_1);
// CHECK-NEXT:   auto test = ::ag::detail::get_<1>({23, 16, 23, 19, "test"}, ag_parts_1);
// CHECK-NEXT:   ::ag::at({24, 3, 24, 48});
// CHECK-NEXT:   auto ag_parts_2 =
// CHECK-NEXT:       ::ag::detail::node_({24, 31, 24, 47}, "fitCounted", &::fitCounted, train);
// CHECK-NEXT:   auto fit = ::ag::detail::get_<0>({24, 16, 24, 18, "fit"}, ag_parts_2);
// CHECK-NEXT:   auto rounds = ::ag::detail::get_<1>({24, 21, 24, 26, "rounds"}, ag_parts_2);
// CHECK-NEXT:   ::ag::at({25, 3, 25, 24});
// CHECK-NEXT:   ::ag::if_({25, 3, 25, 24},
// CHECK-NEXT:             {{[{][{]}}"ag_do_return", ag_do_return}, {"ag_retval", ag_retval}},
// CHECK-NEXT:             ::ag::detail::member_({25, 7, 25, 14}, fit, &::Fit::loss, "loss") >
// CHECK-NEXT:                 ::ag::detail::numberAs_<double>(rounds),
// CHECK:              ag_retval = ::ag::detail::node_({26, 12, 26, 31}, "summarize",
// CHECK-NEXT:                                         &::summarize, fit, test);
// CHECK:        return ag_retval;
// CHECK-NEXT: }
// CHECK-LABEL: ag::Tensor ag_twin_bestOf(const Table &all) {
// CHECK:        ::ag::Lazy<::Summary> mine = ag_twin_evaluate(all, 0.8);
// CHECK-NEXT:   ::ag::at({33, 20, 33, 42, "theirs"});
// CHECK-NEXT:   ::ag::Lazy<::Summary> theirs =
// CHECK-NEXT:       ::ag::detail::callTwinAs<::ag::Lazy<::Summary>>(
// CHECK-NEXT:           &summarizeElsewhere, "summarizeElsewhere", 2.0);
// CHECK-NEXT:   ::ag::at({34, 10, 34, 32});
// CHECK-NEXT:   ::ag::detail::bind_({{[{][{]}}"mine", mine}, {"theirs", theirs}});
// CHECK-NEXT:   return ::ag::detail::member_({34, 10, 34, 18}, mine, &::Summary::best,
// CHECK-NEXT:                                "best") +
// CHECK-NEXT:          ::ag::detail::member_({34, 22, 34, 32}, theirs, &::Summary::best,
// CHECK-NEXT:                                "best");
