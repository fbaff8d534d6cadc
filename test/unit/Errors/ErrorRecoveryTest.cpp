//===- ErrorRecoveryTest.cpp - An error leaves ag::function usable --------===//
//
// An ag::Error from one call (evaluation or tracing) must not poison the
// next: the cached graph, its session (buffers, persisted values, effect
// tokens, loop counters) and the thread's tracer state all have to be as
// if the failed call had not happened. The twins are hand-written the way
// ag-convert writes them.
//
//===----------------------------------------------------------------------===//

#include "ag/ag.h"

#include "gtest/gtest.h"

#include <fstream>
#include <stdexcept>
#include <thread>

using namespace ag;

namespace {

constexpr const char *kSource =
    "ag::Tensor average(ag::Tensor total, ag::Tensor count) {\n" // 1
    "  ag::Tensor mean = total / count;\n"                       // 2
    "  return mean;\n"                                           // 3
    "}\n"                                                        // 4
    "ag::Tensor spread(ag::Tensor n, ag::Tensor d) {\n"          // 5
    "  ag::Tensor acc = 0;\n"                                    // 6
    "  for (ag::Tensor i = 0; i < n; i += 1)\n"                  // 7
    "    acc = acc + 60 % (d - i);\n"                            // 8
    "  return acc;\n"                                            // 9
    "}\n"                                                        // 10
    "ag::Tensor scaled(ag::Tensor x, int s) {\n"                 // 11
    "  ag::Tensor y = x * checkedScale(s);\n"                    // 12
    "  return y;\n"                                              // 13
    "}\n";                                                       // 14

const char *sourcePath() {
  static std::string path = [] {
    std::string p = ::testing::TempDir() + "ag_error_recovery.cpp";
    std::ofstream(p) << kSource;
    return p;
  }();
  return path.c_str();
}

Tensor average(Tensor total, Tensor count) { return total / count; }

Tensor twinAverage(Tensor total, Tensor count) {
  FunctionScope scope("average", sourcePath(), 1, 12, {"total", "count"});
  at({2, 21, 2, 33, "mean"});
  Tensor mean = total / count;
  return mean;
}
[[maybe_unused]] const bool averageRegistered = detail::registerTwin(
    reinterpret_cast<const void *>(&average),
    reinterpret_cast<const void *>(&twinAverage), "average", sourcePath(), 1);

Tensor spread(Tensor n, Tensor d) {
  Tensor acc = 0;
  for (Tensor i = 0; i < n; i += 1)
    acc = acc + 60 % (d - i);
  return acc;
}

Tensor twinSpread(Tensor n, Tensor d) {
  FunctionScope scope("spread", sourcePath(), 5, 12, {"n", "d"});
  at({6, 3, 6, 20, "acc"});
  Tensor acc = 0;
  at({7, 8, 7, 22, "i"});
  Tensor i = 0;
  while_(
      {7, 3, 8, 28}, {{"acc", acc}, {"i", i}},
      [&]() -> Tensor { return i < n; },
      [&] {
        at({8, 5, 8, 28, "acc"});
        acc = acc + 60 % (d - i);
        at({7, 33, 7, 38, "i"});
        i += 1;
      });
  return acc;
}
[[maybe_unused]] const bool spreadRegistered = detail::registerTwin(
    reinterpret_cast<const void *>(&spread),
    reinterpret_cast<const void *>(&twinSpread), "spread", sourcePath(), 5);

/// A plain helper (not converted): runs while tracing only.
int checkedScale(int s) {
  if (s > 2)
    throw std::invalid_argument("scale " + std::to_string(s) + " too large");
  return s;
}

Tensor scaled(Tensor x, int s) { return x * checkedScale(s); }

Tensor twinScaled(Tensor x, int s) {
  FunctionScope scope("scaled", sourcePath(), 11, 12, {"x"});
  at({12, 18, 12, 37, "y"});
  Tensor y = x * checkedScale(s);
  return y;
}
[[maybe_unused]] const bool scaledRegistered = detail::registerTwin(
    reinterpret_cast<const void *>(&scaled),
    reinterpret_cast<const void *>(&twinScaled), "scaled", sourcePath(), 11);

Tensor i64(int64_t v) { return Tensor(v); }

/// The rendered error of `call`, or "" if it did not throw ag::Error.
template <typename Fn> std::string errorOf(Fn &&call) {
  try {
    call();
  } catch (const Error &e) {
    return e.what();
  }
  return "";
}

TEST(ErrorRecovery, DivisionByZeroThenAGoodInput) {
  auto f = function(&average);
  std::string error = errorOf([&] { f(i64(10), i64(0)); });
  EXPECT_EQ(error, std::string(sourcePath()) +
                       ":2:21: error: integer division by zero\n"
                       "  ag::Tensor mean = total / count;\n"
                       "                    ^~~~~~~~~~~~~");
  // Same signature, so the same cached graph and session.
  EXPECT_EQ(f(i64(10), i64(4)).item<int64_t>(), 2);
  EXPECT_EQ(f.traceCount(), 1u);
  // The failure is not cached as a result, nor the good result as one for
  // the failing feeds.
  EXPECT_EQ(errorOf([&] { f(i64(10), i64(0)); }), error);
  EXPECT_EQ(f(i64(-9), i64(3)).item<int64_t>(), -3);
}

TEST(ErrorRecovery, LoopErrorKeepsNoIterationState) {
  auto f = function(&spread);
  // d - i is 0 in iteration d + 1.
  std::string third = errorOf([&] { f(i64(5), i64(2)); });
  EXPECT_NE(third.find("note: in iteration 3 of this loop"), std::string::npos)
      << third;
  EXPECT_EQ(f(i64(3), i64(9)).item<int64_t>(), 60 % 9 + 60 % 8 + 60 % 7);
  std::string second = errorOf([&] { f(i64(5), i64(1)); });
  EXPECT_NE(second.find("note: in iteration 2 of this loop"), std::string::npos)
      << second;
  EXPECT_EQ(errorOf([&] { f(i64(5), i64(2)); }), third);
  EXPECT_EQ(f(i64(2), i64(7)).item<int64_t>(), 60 % 7 + 60 % 6);
}

TEST(ErrorRecovery, ConcurrentCallsFailIndependently) {
  auto f = function(&average);
  std::vector<std::string> errors(4);
  std::vector<int64_t> results(4);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      for (int k = 0; k < 20; ++k) {
        if (t % 2)
          errors[t] = errorOf([&] { f(i64(t), i64(0)); });
        else
          results[t] = f(i64(100), i64(t + 1)).item<int64_t>();
      }
    });
  for (std::thread &thread : threads)
    thread.join();
  for (int t = 0; t < 4; ++t) {
    if (t % 2)
      EXPECT_NE(errors[t].find("integer division by zero"), std::string::npos);
    else
      EXPECT_EQ(results[t], 100 / (t + 1));
  }
}

TEST(ErrorRecovery, HelperExceptionWhileTracingThenAGoodSignature) {
  auto f = function(&scaled);
  try {
    f(i64(5), 3);
    FAIL() << "expected the helper's exception";
  } catch (const Error &e) {
    EXPECT_EQ(e.diagnostic().phase, Diagnostic::Phase::Trace);
    EXPECT_EQ(e.loc().line, 12u);
    EXPECT_EQ(e.loc().col, 18u);
    EXPECT_EQ(e.message(), "exception std::invalid_argument thrown while "
                           "tracing: scale 3 too large");
    ASSERT_EQ(e.notes().size(), 2u) << e.what();
    EXPECT_EQ(e.notes()[1].message, "in 'scaled'");
  }
  // The tracer is gone: tensors compute eagerly again on this thread.
  EXPECT_EQ((i64(2) + 3).item<int64_t>(), 5);
  // A signature whose trace succeeds, and the failed one again.
  EXPECT_EQ(f(i64(5), 2).item<int64_t>(), 10);
  EXPECT_THROW(f(i64(5), 3), Error);
  EXPECT_EQ(f(i64(7), 2).item<int64_t>(), 14);
}

TEST(ErrorRecovery, TraceErrorThenEvaluationErrorThenSuccess) {
  auto f = function(&average);
  // Shapes are static: [3] / [2] fails while tracing.
  Tensor three = Tensor::full(DType::Int64, {3}, 6);
  Tensor two = Tensor::full(DType::Int64, {2}, 2);
  std::string trace = errorOf([&] { f(three, two); });
  EXPECT_NE(trace.find("shapes [3] and [2] cannot be broadcast together"),
            std::string::npos)
      << trace;
  EXPECT_NE(errorOf([&] { f(i64(1), i64(0)); }).find("division by zero"),
            std::string::npos);
  Tensor r = f(three, Tensor::full(DType::Int64, {3}, 3));
  EXPECT_TRUE(r.identical(Tensor::full(DType::Int64, {3}, 2)));
}

} // namespace
