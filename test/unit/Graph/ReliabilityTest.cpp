//===- ReliabilityTest.cpp - Graphs as hostile or unlucky inputs meet them ===//
//
// Loaded graphs run repeatedly, budgets, cancellation, failures while other
// branches run, and many threads failing at once: every case ends in a value
// or a located ag::Error, and the graph stays usable afterwards.
//
//===----------------------------------------------------------------------===//

#include "ag/ag.h"

#include "gtest/gtest.h"

#include <string>
#include <vector>

using namespace ag;

namespace {

Tensor vec(std::vector<double> v) {
  int64_t n = static_cast<int64_t>(v.size());
  return Tensor::fromVector(std::move(v), {n});
}

// An ag.if yielding a constant of its region, and a while yielding an outer
// tensor: right on the first run of a loaded graph, undefined on later ones
// before region slots bound once were kept for the frame's lifetime.
constexpr const char *kRegionValues = R"(
ag.func @f(%x: tensor<3xf64> loc("x"), %n: tensor<i64> loc("n")) -> (tensor<2xi64>, tensor<3xf64>) {
  %zero = ag.constant dense<0> : tensor<i64>
  %one = ag.constant dense<1> : tensor<i64>
  %z3 = ag.constant dense<0.0> : tensor<3xf64>
  %p = ag.cmp gt, %n, %zero : tensor<i64>
  %r = ag.if %p -> (tensor<2xi64>) {
    %k = ag.constant dense<[4, 5]> : tensor<2xi64>
    ag.yield %k : tensor<2xi64>
  } else {
    %k = ag.constant dense<[6, 7]> : tensor<2xi64>
    ag.yield %k : tensor<2xi64>
  }
  %w:2 = ag.while (%y = %z3, %i = %zero) : (tensor<3xf64>, tensor<i64>) -> (tensor<3xf64>, tensor<i64>) {
    %go = ag.cmp lt, %i, %n : tensor<i64>
    ag.condition %go(%y, %i : tensor<3xf64>, tensor<i64>)
  } do {
  ^bb0(%y: tensor<3xf64>, %i: tensor<i64>):
    %i1 = ag.add %i, %one : tensor<i64>
    ag.yield %x, %i1 : tensor<3xf64>, tensor<i64>
  }
  ag.return %r, %w#0 : tensor<2xi64>, tensor<3xf64>
}
)";

TEST(Reliability, LoadedGraphYieldsRegionValuesOnEveryRun) {
  Graph g = Graph::parse(kRegionValues);
  for (int run = 0; run < 4; ++run) {
    for (int64_t n : {3, 1, 0, 2}) {
      auto out = g.run({}, {{"x", vec({1, 2, 3})}, {"n", Tensor(n)}});
      ASSERT_TRUE(out["result0"].defined()) << "run " << run << ", n " << n;
      ASSERT_TRUE(out["result1"].defined()) << "run " << run << ", n " << n;
      EXPECT_TRUE(out["result0"].identical(Tensor::fromVector(
          std::vector<int64_t>{n > 0 ? 4 : 6, n > 0 ? 5 : 7}, {2})));
      EXPECT_TRUE(out["result1"].identical(n > 0 ? vec({1, 2, 3})
                                                 : vec({0, 0, 0})));
    }
  }
}

} // namespace
