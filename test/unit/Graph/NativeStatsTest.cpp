//===- NativeStatsTest.cpp - RunStats of the native backend ---------------===//
//
// RunStats counts what the native backend ran (issue 12): compiled calls,
// calls the interpreter ran instead, and why anything ran on the
// interpreter, so that a user can tell a native run from a silent
// fallback, which gives the same values.
//
//===----------------------------------------------------------------------===//

#include "ag/ag.h"

#include "gtest/gtest.h"

#include <cstdlib>
#include <map>
#include <string>

namespace {

using ag::RunOptions;
using ag::Tensor;

// Dynamic shapes on the buffered path: row sums plus y.
const char *kWhole = R"(
ag.func @f(%x: tensor<?x?xf64> loc("x"), %y: tensor<?xf64> loc("y"))
    -> tensor<?xf64> {
  %s = ag.reduce sum %x over [1] : tensor<?x?xf64>
  %a = ag.add %s, %y : tensor<?xf64> loc("f.cpp":3:7)
  ag.return %a : tensor<?xf64>
}
)";

// A stack (not native) beside a matmul + sum (one native region).
const char *kPartitioned = R"(
ag.func @g(%a: tensor<3x3xf64> loc("a"), %v: tensor<2xi64> loc("v"))
    -> (tensor<f64>, tensor<2x2xi64>) {
  %m = ag.matmul %a, %a : tensor<3x3xf64>, tensor<3x3xf64>
  %r = ag.reduce_sum %m : tensor<3x3xf64>
  %c = ag.stack %v, %v : tensor<2xi64> loc("g.cpp":9:5)
  ag.return %r, %c : tensor<f64>, tensor<2x2xi64>
}
)";

RunOptions on(RunOptions::Backend backend) {
  RunOptions options;
  options.backend = backend;
  return options;
}

std::map<std::string, Tensor> rows(int64_t n, int64_t m) {
  std::vector<double> x(static_cast<size_t>(n * 3), 1.5),
      y(static_cast<size_t>(m), 2.0);
  return {{"x", Tensor::fromVector(x, {n, 3})},
          {"y", Tensor::fromVector(y, {m})}};
}

bool backendFromEnvironment() {
  const char *env = std::getenv("AG_BACKEND");
  return env && *env;
}

TEST(NativeStats, WholeNativeRunCountsOneCall) {
  ag::Graph g = ag::Graph::parse(kWhole);
  for (int64_t n : {0, 1, 7}) {
    g.run({}, rows(n, n), on(RunOptions::Backend::Native));
    const ag::RunStats &s = g.lastRunStats();
    EXPECT_EQ(s.nativeCalls, 1u) << n;
    EXPECT_EQ(s.nativeFallbacks, 0u);
    EXPECT_TRUE(s.nativeReasons.empty());
    EXPECT_EQ(s.opsExecuted, 0u);
  }
}

TEST(NativeStats, FaultCountsAFallbackWithItsReason) {
  ag::Graph g = ag::Graph::parse(kWhole);
  // Rows sums of 2 and y of 3 do not broadcast: the native code faults and
  // the interpreter reports the error at the add.
  EXPECT_THROW(g.run({}, rows(2, 3), on(RunOptions::Backend::Native)),
               ag::Error);
  const ag::RunStats &s = g.lastRunStats();
  EXPECT_EQ(s.nativeCalls, 0u);
  EXPECT_EQ(s.nativeFallbacks, 1u);
  ASSERT_EQ(s.nativeReasons.size(), 1u);
  EXPECT_EQ(s.nativeReasons[0],
            "the native code faulted: the interpreter re-ran the graph");
  EXPECT_GT(s.opsExecuted, 0u);
}

TEST(NativeStats, PartitionedRunNamesTheInterpretedOp) {
  ag::Graph g = ag::Graph::parse(kPartitioned);
  std::vector<double> a(9, 0.5);
  std::map<std::string, Tensor> feeds = {
      {"a", Tensor::fromVector(a, {3, 3})},
      {"v", Tensor::fromVector(std::vector<int64_t>{1, 2}, {2})}};
  testing::internal::CaptureStderr(); // the compile's remarks
  g.run({}, feeds, on(RunOptions::Backend::Native));
  testing::internal::GetCapturedStderr();
  const ag::RunStats &s = g.lastRunStats();
  EXPECT_EQ(s.nativeCalls, 1u);
  EXPECT_EQ(s.nativeFallbacks, 0u);
  EXPECT_EQ(s.opsExecuted, 2u); // the host node and the stack
  ASSERT_EQ(s.nativeReasons.size(), 1u);
  EXPECT_EQ(s.nativeReasons[0], "g.cpp:9:5: remark: 'ag.stack' runs on the "
                                "interpreter; the 2 ops around it run "
                                "natively");
}

TEST(NativeStats, OptionsOnlyTheInterpreterHonoursAreAReason) {
  ag::Graph g = ag::Graph::parse(kWhole);
  RunOptions options = on(RunOptions::Backend::Native);
  options.maxIterations = 1000;
  g.run({}, rows(2, 2), options);
  const ag::RunStats &s = g.lastRunStats();
  EXPECT_EQ(s.nativeCalls, 0u);
  ASSERT_EQ(s.nativeReasons.size(), 1u);
  EXPECT_NE(s.nativeReasons[0].find("need the interpreter"), std::string::npos)
      << s.nativeReasons[0];
}

TEST(NativeStats, InterpreterBackendReportsNothing) {
  if (backendFromEnvironment())
    GTEST_SKIP() << "AG_BACKEND overrides the run's backend";
  ag::Graph g = ag::Graph::parse(kWhole);
  g.run({}, rows(2, 2), on(RunOptions::Backend::Interpreter));
  const ag::RunStats &s = g.lastRunStats();
  EXPECT_EQ(s.nativeCalls, 0u);
  EXPECT_EQ(s.nativeFallbacks, 0u);
  EXPECT_TRUE(s.nativeReasons.empty());
}

} // namespace
