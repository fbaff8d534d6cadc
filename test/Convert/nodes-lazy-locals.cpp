// Locals holding node results (auto too) become ::ag::Lazy<T> (::ag::Tensor when arithmetic) and join the variable lists of staged if/while/for; member access becomes member_; a std::vector filled with node results in a host loop is a fan-out vector of lazy values.
// RUN: cd %S && ag-convert --twins-only nodes-lazy-locals.cpp -- -std=c++17 -I%ag_include | FileCheck %s
// RUN: ag-convert %s -- -std=c++17 -I%ag_include | %cxx -std=c++17 -fsyntax-only -Wall -Wextra -Werror -I%ag_include -x c++ -

#include <ag/ag.h>
#include <string>
#include <vector>

struct Shard { std::vector<double> values; };
struct Model { double weight; int steps; };

AG_NODE Shard makeShard(int seed);
AG_NODE Model train(const Shard &s, double rate);
AG_NODE Model merge(const std::vector<Model> &models);
AG_NODE double score(const Model &m, const Shard &s);
AG_NODE bool converged(const Model &m);
AG_NODE Model refine(const Model &m);

AG_CONVERT
ag::Tensor search(int shards, double rate) {
  std::vector<Model> models;
  for (int i = 0; i < shards; ++i) {
    auto shard = makeShard(i);
    models.push_back(train(shard, rate));
  }
  Model best = merge(models);
  double bestScore = 1e9;
  for (const Model &m : models) {
    auto s = score(m, makeShard(0));
    if (s < bestScore) {
      bestScore = s;
      best = m;
    }
  }
  while (!converged(best))
    best = refine(best);
  for (ag::Tensor k = 0; best.weight > 1.0 && k < 3; ++k)
    best = refine(best);
  int steps = best.steps;
  std::cout << "best " << best.weight << " after " << steps << "\n";
  return bestScore * steps;
}

// CHECK-LABEL: ag::Tensor ag_twin_search(int shards, double rate) {
// CHECK:        ::std::vector<::ag::Lazy<::Model>> models;
// CHECK-NEXT:   for (int i = 0; i < shards; ++i) {
// CHECK-NEXT:     ::ag::at({23, 18, 23, 29, "shard"});
// CHECK-NEXT:     ::ag::Lazy<::Shard> shard =
// CHECK-NEXT:         ::ag::detail::node_({23, 18, 23, 29, "shard"}, "makeShard",
// CHECK-NEXT:                             {{[{][{]}}22, 3, 22, 34}, {{[{][{]}}}}}, &::makeShard, i);
// CHECK-NEXT:     ::ag::at({24, 5, 24, 40});
// CHECK-NEXT:     models.push_back(::ag::detail::node_({24, 22, 24, 39}, "train",
// CHECK:        {{^  }$}}
// CHECK-NEXT:   ::ag::at({26, 16, 26, 28, "best"});
// CHECK-NEXT:   ::ag::Lazy<::Model> best =
// CHECK-NEXT:       ::ag::detail::node_({26, 16, 26, 28, "best"}, "merge", &::merge, models);
// CHECK-NEXT:   ::ag::Tensor bestScore = ::ag::Tensor(static_cast<double>(1e9));
// CHECK-NEXT:   for (const ::ag::Lazy<::Model> &m : models) {
// CHECK-NEXT:     ::ag::at({29, 14, 29, 35, "s"});
// CHECK-NEXT:     ::ag::Tensor s = ::ag::detail::node_(
// CHECK-NEXT:         {29, 14, 29, 35, "s"}, "score", {{[{][{]}}28, 3, 28, 31}, {{[{][{]}}}, {}}}, &::score,
// CHECK:              ::ag::detail::node_({29, 23, 29, 34}, "makeShard",
// CHECK:          ::ag::at({30, 5, 30, 22});
// CHECK-NEXT:     ::ag::if_({30, 5, 30, 22}, {{[{][{]}}"bestScore", bestScore}, {"best", best}},
// CHECK-NEXT:               s < bestScore, [&] {
// CHECK-NEXT:           bestScore = s;
// CHECK-NEXT:           best = m;
// CHECK-NEXT:               });
// CHECK-NEXT:   }
// CHECK-NEXT:   ::ag::while_(
// CHECK-NEXT:       {35, 3, 35, 25}, {{[{][{]}}"best", best}},
// CHECK-NEXT:       [&]() -> ::ag::Tensor {
// CHECK-NEXT:         return !::ag::detail::node_({35, 11, 35, 25}, "converged", &::converged,
// CHECK-NEXT:                                     best);
// CHECK-NEXT:       },
// CHECK:          ::ag::while_(
// CHECK-NEXT:       {37, 3, 37, 51}, {{[{][{]}}"best", best}, {"k", k}},
// CHECK:                return ::ag::detail::member_({37, 26, 37, 36}, best,
// CHECK-NEXT:                                             &::Model::weight, "weight") > 1.0;
// CHECK:        ::ag::Tensor steps =
// CHECK-NEXT:       ::ag::detail::member_({39, 15, 39, 24}, best, &::Model::steps, "steps");
// CHECK-NEXT:   ::ag::at({40, 3, 40, 67});
// CHECK-NEXT:   ::ag::print_({40, 3, 40, 67},
// CHECK-NEXT:                {"best ",
// CHECK-NEXT:                 ::ag::PrintArg::streamedAs<double>(::ag::detail::member_(
// CHECK-NEXT:                     {40, 27, 40, 37}, best, &::Model::weight, "weight")),
// CHECK-NEXT:                 " after ", ::ag::PrintArg::streamedAs<int>(steps), "\n"});
// CHECK-NEXT:   ::ag::at({41, 10, 41, 26});
// CHECK-NEXT: ::ag::detail::bind_(
// CHECK-NEXT: {{[{][{]}}"best", best}, {"bestScore", bestScore}, {"steps", steps}});
// CHECK-NEXT:   return bestScore * ::ag::detail::numberAs_<double>(steps);
