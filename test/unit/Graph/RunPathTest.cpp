//===- RunPathTest.cpp - One run path for Graph::run/evaluate and ag-run --===//
//
// Graph::evaluate is what Graph::run and ag-run use (and what an
// ag::function call shares): lists come back as their elements, tokens as
// tokens, and every run, failed or not, leaves its counters.
//
//===----------------------------------------------------------------------===//

#include "ag/ag.h"
#include "ag/runtime/Kernels.h"

#include "gtest/gtest.h"

#include <string>

using namespace ag;

namespace {

// A list of i * i for i < n, pushed by a loop; its stack is the result; the
// list is fetchable by its name.
const char *kSquares = R"mlir(
ag.func @squares(%n: tensor<i64> loc("n")) -> tensor<?xi64> {
  %zero = ag.constant dense<0> : tensor<i64>
  %one = ag.constant dense<1> : tensor<i64>
  %empty = ag.list_new
  %sq = ag.for %j = %zero to %n step %one iter_args(%l = %empty) -> (!ag.list) {
    %jj = ag.mul %j, %j : tensor<i64>
    %l1 = ag.list_push %l, %jj : tensor<i64>
    ag.yield %l1 : !ag.list
  } loc("squares")
  %m = ag.list_stack %sq : tensor<?xi64>
  ag.return %m : tensor<?xi64>
}
)mlir";

std::vector<int64_t> values(const Tensor &t) {
  std::vector<int64_t> out;
  for (int64_t i = 0; i < t.numel(); ++i)
    out.push_back(t.data<int64_t>()[i]);
  return out;
}

TEST(GraphRunPath, ParametersNameTheirTypes) {
  Graph g = Graph::parse(kSquares);
  std::vector<Parameter> params = g.parameters();
  ASSERT_EQ(params.size(), 1u);
  EXPECT_EQ(params[0].name, "n");
  EXPECT_EQ(params[0].dtype, DType::Int64);
  EXPECT_TRUE(params[0].shape.empty());
}

TEST(GraphRunPath, EvaluateReturnsAListAsItsElements) {
  Graph g = Graph::parse(kSquares);
  auto out = g.evaluate({"squares"}, {{"n", Tensor(int64_t(4))}});
  ASSERT_EQ(out.count("squares"), 1u);
  const FetchedValue &v = out.at("squares");
  ASSERT_EQ(v.kind, FetchedValue::Kind::List);
  ASSERT_EQ(v.elements.size(), 4u);
  EXPECT_EQ(values(v.elements[3]), std::vector<int64_t>{9});
}

TEST(GraphRunPath, RunStacksWhatEvaluateReturns) {
  Graph g = Graph::parse(kSquares);
  auto out = g.run({"squares"}, {{"n", Tensor(int64_t(4))}});
  EXPECT_EQ(values(out.at("squares")), (std::vector<int64_t>{0, 1, 4, 9}));
  uint64_t ops = g.lastRunStats().opsExecuted;
  EXPECT_GT(ops, 0u);
  g.evaluate({"squares"}, {{"n", Tensor(int64_t(4))}});
  EXPECT_EQ(g.lastRunStats().opsExecuted, ops);
}

TEST(GraphRunPath, EvaluateEverythingNamesTheResults) {
  Graph g = Graph::parse(kSquares);
  auto out = g.evaluate({}, {{"n", Tensor(int64_t(3))}});
  ASSERT_EQ(out.size(), 1u);
  const FetchedValue &v = out.at("result0");
  ASSERT_EQ(v.kind, FetchedValue::Kind::Tensor);
  EXPECT_EQ(values(v.tensor), (std::vector<int64_t>{0, 1, 4}));
}

TEST(GraphRunPath, UnknownNamesAreErrorsOnEveryPath) {
  Graph g = Graph::parse(kSquares);
  EXPECT_THROW(g.evaluate({"sqares"}, {{"n", Tensor(int64_t(3))}}), Error);
  EXPECT_THROW(g.evaluate({}, {{"m", Tensor(int64_t(3))}}), Error);
  EXPECT_THROW(g.evaluate({}, {}), Error); // missing feed
  EXPECT_THROW(g.run({"sqares"}, {{"n", Tensor(int64_t(3))}}), Error);
}

TEST(GraphRunPath, AFailedRunLeavesItsCounters) {
  Graph g = Graph::parse(kSquares);
  RunOptions options;
  options.maxIterations = 2;
  EXPECT_THROW(g.evaluate({"squares"}, {{"n", Tensor(int64_t(100))}}, options),
               Error);
  EXPECT_GT(g.lastRunStats().opsExecuted, 0u);
}

} // namespace
