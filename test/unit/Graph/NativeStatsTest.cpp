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

#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <map>
#include <string>
#include <thread>

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
  options.profileSummary = true;
  g.run({}, rows(2, 2), options);
  const ag::RunStats &s = g.lastRunStats();
  EXPECT_EQ(s.nativeCalls, 0u);
  ASSERT_EQ(s.nativeReasons.size(), 1u);
  EXPECT_NE(s.nativeReasons[0].find("need the interpreter"), std::string::npos)
      << s.nativeReasons[0];
}

// Budgets and cancellation are honoured by the native loops themselves
// (they went to the interpreter before). A loop counting to n.
const char *kCount = R"(
ag.func @f(%n: tensor<i64> loc("n")) -> tensor<i64> {
  %zero = ag.constant dense<0> : tensor<i64>
  %one = ag.constant dense<1> : tensor<i64>
  %w = ag.while (%i = %zero) : (tensor<i64>) -> (tensor<i64>) {
    %go = ag.cmp lt, %i, %n : tensor<i64>
    ag.condition %go(%i : tensor<i64>)
  } do {
  ^bb0(%i: tensor<i64>):
    %i1 = ag.add %i, %one : tensor<i64>
    ag.yield %i1 : tensor<i64>
  } loc("c.cpp":4:3)
  ag.return %w : tensor<i64>
}
)";

// The same loop in a function partitioned around an ag.stack.
const char *kCountPartitioned = R"(
ag.func @f(%n: tensor<i64> loc("n")) -> (tensor<i64>, tensor<2xi64>) {
  %zero = ag.constant dense<0> : tensor<i64>
  %one = ag.constant dense<1> : tensor<i64>
  %w = ag.while (%i = %zero) : (tensor<i64>) -> (tensor<i64>) {
    %go = ag.cmp lt, %i, %n : tensor<i64>
    ag.condition %go(%i : tensor<i64>)
  } do {
  ^bb0(%i: tensor<i64>):
    %i1 = ag.add %i, %one : tensor<i64>
    ag.yield %i1 : tensor<i64>
  } loc("c.cpp":4:3)
  %s = ag.stack %n, %n : tensor<i64> loc("c.cpp":9:3)
  ag.return %w, %s : tensor<i64>, tensor<2xi64>
}
)";

std::map<std::string, Tensor> count(int64_t n) { return {{"n", Tensor(n)}}; }

/// Runs `g` on n until it throws; the error, which must have come from
/// native code.
ag::Error stopped(ag::Graph &g, int64_t n, const RunOptions &options) {
  try {
    g.run({}, count(n), options);
  } catch (const ag::Error &e) {
    EXPECT_EQ(g.lastRunStats().nativeCalls, 1u);
    EXPECT_EQ(g.lastRunStats().nativeFallbacks, 0u);
    return e;
  }
  ADD_FAILURE() << "the run did not stop";
  return ag::Error(ag::Diagnostic());
}

TEST(NativeStats, BudgetsRunNatively) {
  for (const char *text : {kCount, kCountPartitioned}) {
    ag::Graph g = ag::Graph::parse(text);
    RunOptions options = on(RunOptions::Backend::Native);
    options.maxIterations = 1000;
    options.timeout = 60;
    testing::internal::CaptureStderr(); // the partition's remark
    std::map<std::string, Tensor> out = g.run({}, count(999), options);
    testing::internal::GetCapturedStderr();
    EXPECT_EQ(out.at("result0").item<int64_t>(), 999);
    const ag::RunStats &s = g.lastRunStats();
    EXPECT_EQ(s.nativeCalls, 1u);
    EXPECT_EQ(s.nativeFallbacks, 0u);
  }
}

TEST(NativeStats, IterationLimitStopsNativeCode) {
  for (const char *text : {kCount, kCountPartitioned}) {
    ag::Graph g = ag::Graph::parse(text);
    RunOptions options = on(RunOptions::Backend::Native);
    options.maxIterations = 1000;
    testing::internal::CaptureStderr();
    ag::Error e = stopped(g, 5000, options);
    testing::internal::GetCapturedStderr();
    EXPECT_EQ(e.message(), "this loop exceeded the iteration limit of 1000 "
                           "(RunOptions::maxIterations, ag-run "
                           "--max-iterations, AG_MAX_ITERATIONS)");
    EXPECT_EQ(e.loc().line, 4u);
    EXPECT_EQ(e.diagnostic().catchAs, ag::Diagnostic::Catch::None);
  }
}

TEST(NativeStats, TimeoutStopsNativeCode) {
  for (const char *text : {kCount, kCountPartitioned}) {
    ag::Graph g = ag::Graph::parse(text);
    RunOptions options = on(RunOptions::Backend::Native);
    options.timeout = 0.02;
    testing::internal::CaptureStderr();
    ag::Error e = stopped(g, INT64_MAX, options);
    testing::internal::GetCapturedStderr();
    EXPECT_EQ(e.message().rfind("the evaluation exceeded its time limit of "
                                "0.02 s (RunOptions::timeout, ag-run "
                                "--timeout, AG_TIMEOUT) in iteration ",
                                0),
              0u)
        << e.message();
  }
}

TEST(NativeStats, GraphCancelStopsNativeCode) {
  for (const char *text : {kCount, kCountPartitioned}) {
    ag::Graph g = ag::Graph::parse(text);
    RunOptions options = on(RunOptions::Backend::Native);
    options.timeout = 60; // only if cancel() is ignored
    std::atomic<bool> done{false};
    // Each run clears the flag first: cancel until the run ends.
    std::thread canceller([&] {
      while (!done.load()) {
        g.cancel();
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
      }
    });
    testing::internal::CaptureStderr();
    ag::Error e = stopped(g, INT64_MAX, options);
    testing::internal::GetCapturedStderr();
    done = true;
    canceller.join();
    EXPECT_EQ(e.message().rfind("evaluation cancelled in iteration ", 0), 0u)
        << e.message();
  }
}

TEST(NativeStats, CallCancelStopsNativeCode) {
  ag::Graph g = ag::Graph::parse(kCount);
  RunOptions options = on(RunOptions::Backend::Native);
  options.timeout = 60; // only if the cancel is ignored
  options.control = std::make_shared<ag::RunControl>();
  std::thread canceller([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    options.control->cancelled = true;
  });
  ag::Error e = stopped(g, INT64_MAX, options);
  canceller.join();
  EXPECT_EQ(e.message().rfind("evaluation cancelled in iteration ", 0), 0u)
      << e.message();
}

TEST(NativeStats, ARunControlCountsTheNativeRunAsOneStep) {
  ag::Graph g = ag::Graph::parse(kCount);
  RunOptions options = on(RunOptions::Backend::Native);
  options.control = std::make_shared<ag::RunControl>();
  g.run({}, count(10), options);
  EXPECT_EQ(g.lastRunStats().nativeCalls, 1u);
  EXPECT_EQ(options.control->total.load(), 1u);
  EXPECT_EQ(options.control->done.load(), 1u);
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
