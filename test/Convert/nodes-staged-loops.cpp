// Lazy locals are carried by a staged range-for over a tensor (for_each_) and a do/while whose condition reads a node result; a node's number is a tensor (auto too).
// RUN: cd %S && ag-convert --twins-only nodes-staged-loops.cpp -- -std=c++17 -I%ag_include | FileCheck %s
// RUN: ag-convert %s -- -std=c++17 -I%ag_include | %cxx -std=c++17 -fsyntax-only -Wall -Wextra -Werror -I%ag_include -x c++ -

#include <ag/ag.h>
#include <vector>

struct Stats { double sum, sumSq; long n; };
AG_NODE Stats accumulate(const Stats &s, const ag::Tensor &row);
AG_NODE double scaleOf(const Stats &s);
AG_NODE Stats shrink(Stats s);

AG_CONVERT
ag::Tensor standardize(ag::Tensor x) {
  Stats acc{0, 0, 0};
  for (ag::Tensor row : x)
    acc = accumulate(acc, row);
  do {
    acc = shrink(acc);
  } while (acc.sum > 100);
  auto y = x * scaleOf(acc);
  return y + acc.n;
}

// CHECK-LABEL: ag::Tensor ag_twin_standardize(ag::Tensor x) {
// CHECK:        ::ag::Lazy<::Stats> acc = ::Stats{0, 0, 0};
// CHECK-NEXT:   ::ag::for_each_({16, 3, 16, 26}, {{[{][{]}}"acc", acc}}, x,
// CHECK:            acc = ::ag::detail::node_({17, 11, 17, 30}, "accumulate",
// CHECK-NEXT:                                 &::accumulate, acc, row);
// CHECK:        ::ag::do_while_(
// CHECK-NEXT:       {18, 3, 20, 24}, {{[{][{]}}"acc", acc}},
// CHECK:            return ::ag::detail::member_({20, 12, 20, 18}, acc, &::Stats::sum,
// CHECK-NEXT:                                      "sum") > 100;
// CHECK:        auto y =
// CHECK-NEXT:       x * ::ag::detail::node_({21, 16, 21, 27}, "scaleOf", &::scaleOf, acc);
// CHECK:        return y + ::ag::detail::member_({22, 14, 22, 18}, acc, &::Stats::n, "n");
