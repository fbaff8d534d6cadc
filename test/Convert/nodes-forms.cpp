// Forms an outsider writes: a fan-out vector read by index and by range-for, std::move into a node, a const reference to a lazy local, a default-constructed lazy local assigned later, a host if, a staged ?: and a bool of node results in promoted locals, effect nodes in a host loop and under a staged if.
// RUN: cd %S && ag-convert --twins-only nodes-forms.cpp -- -std=c++17 -I%ag_include | FileCheck %s
// RUN: ag-convert %s -- -std=c++17 -I%ag_include | %cxx -std=c++17 -fsyntax-only -Wall -Wextra -Werror -I%ag_include -x c++ -

#include <ag/ag.h>
#include <string>
#include <utility>
#include <vector>

struct Table { std::vector<double> x; };
struct Fit { double slope, loss; };
AG_NODE Table load(int shard);
AG_NODE Fit fit(const Table &t, double ridge);
AG_NODE Table merge(Table a, const Table &b);
AG_NODE_EFFECT void show(const Fit &f, const std::string &label);

AG_CONVERT
ag::Tensor edge(int shards, bool useRidge) {
  std::vector<Table> parts;
  for (int i = 0; i < shards; ++i)
    parts.push_back(load(i));
  Table total = parts[0];
  for (std::size_t i = 1; i < parts.size(); ++i)
    total = merge(std::move(total), parts[i]);
  const auto &alias = total;
  Fit best;
  best = fit(alias, 0.0);
  if (useRidge)
    best = fit(total, 1.0);
  double penalty = best.loss > 1 ? 1.0 : 0.5;
  double acc = 0;
  for (const Table &p : parts) {
    auto f = fit(p, 0.1);
    acc += f.loss * penalty;
    show(f, "shard");
  }
  bool good = best.loss < acc;
  if (good)
    show(best, "best");
  return acc;
}

// CHECK-LABEL: ag::Tensor ag_twin_edge(int shards, bool useRidge) {
// CHECK:        ::ag::Lazy<::Table> total = parts[0];
// CHECK:            total = ::ag::detail::node_({24, 13, 24, 45}, "merge",
// CHECK-NEXT:           {{[{][{]}}23, 3, 23, 48}, {{[{][{]}}}, {}}}, &::merge,
// CHECK:        const ::ag::Lazy<::Table> &alias = total;
// CHECK-NEXT:   ::ag::Lazy<::Fit> best = ::Fit();
// A staged ?: stored in a double is a weak number again (keepNumber_).
// CHECK:        ::ag::Tensor penalty = ::ag::detail::keepNumber_<double>(::ag::cond_(
// CHECK:        ::ag::Tensor acc = ::ag::Tensor(static_cast<double>(0));
// CHECK-NEXT:   for (const ::ag::Lazy<::Table> &p : parts) {
// CHECK:          {{[{][{]}}32, 3, 32, 30}, {{[{][{]}}}, {35, 13, 35, 19, "\"shard\""}}}, &::show, f,
// CHECK:        ::ag::Tensor good = ::ag::detail::keepNumber_<bool>(
// CHECK-NEXT:       ::ag::detail::member_({37, 15, 37, 23}, best, &::Fit::loss, "loss") <
// CHECK-NEXT:       acc);
// CHECK-NEXT:   ::ag::at({38, 3, 38, 11});
// CHECK-NEXT:   ::ag::if_({38, 3, 38, 11}, {}, good, [&] {
