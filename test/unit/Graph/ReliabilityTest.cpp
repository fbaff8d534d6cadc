//===- ReliabilityTest.cpp - Graphs as hostile or unlucky inputs meet them ===//
//
// Loaded graphs run repeatedly, budgets, cancellation, failures while other
// branches run, and many threads failing at once: every case ends in a value
// or a located ag::Error, and the graph stays usable afterwards.
//
//===----------------------------------------------------------------------===//

#include "ag/ag.h"
#include "ag/runtime/Evaluator.h"
#include "ag/runtime/Kernels.h"

#include "gtest/gtest.h"

#include <atomic>
#include <chrono>
#include <stdexcept>
#include <string>
#include <thread>
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
      EXPECT_TRUE(
          out["result1"].identical(n > 0 ? vec({1, 2, 3}) : vec({0, 0, 0})));
    }
  }
}

// An endless loop: only a budget or cancel() can end it.
constexpr const char *kEndless = R"(
ag.func @spin(%n: tensor<i64> loc("n")) -> tensor<i64> {
  %one = ag.constant dense<1> : tensor<i64>
  %z3 = ag.constant dense<0.0> : tensor<3xf64>
  %w:2 = ag.while (%i = %n, %v = %z3) : (tensor<i64>, tensor<3xf64>) -> (tensor<i64>, tensor<3xf64>) {
    %go = ag.cmp ge, %i, %n : tensor<i64>
    ag.condition %go(%i, %v : tensor<i64>, tensor<3xf64>)
  } do {
  ^bb0(%i: tensor<i64>, %v: tensor<3xf64>):
    %i1 = ag.add %i, %one : tensor<i64>
    ag.yield %i1, %v : tensor<i64>, tensor<3xf64>
  } loc("spin.cpp":4:3)
  ag.return %w#0 : tensor<i64>
}
)";

TEST(Reliability, IterationBudgetIsALocatedErrorOnBothPaths) {
  Graph g = Graph::parse(kEndless);
  for (bool scalarCode : {true, false}) {
    RunOptions options;
    options.maxIterations = 500;
    options.scalarCode = scalarCode;
    try {
      g.run({}, {{"n", Tensor(int64_t(1))}}, options);
      FAIL() << "an endless loop returned";
    } catch (const Error &e) {
      EXPECT_EQ(e.loc().file, "spin.cpp");
      EXPECT_EQ(e.loc().line, 4u);
      EXPECT_NE(e.message().find("iteration limit of 500"), std::string::npos)
          << e.message();
    }
  }
}

// A call's own cancel (RunControl, what Future::cancel sets) stops a loop
// already running on either interpreter path, not only the next node: the
// loops' budget polls read it as well as the session's flag.
TEST(Reliability, CallCancelStopsALoopInProgress) {
  // All scalars: the scalar path runs it as register code, which has no
  // per-node check, only the loop's budget polls.
  Graph g = Graph::parse(R"(
ag.func @spin(%n: tensor<i64> loc("n")) -> tensor<i64> {
  %one = ag.constant dense<1> : tensor<i64>
  %w = ag.while (%i = %n) : (tensor<i64>) -> tensor<i64> {
    %go = ag.cmp ge, %i, %n : tensor<i64>
    ag.condition %go(%i : tensor<i64>)
  } do {
  ^bb0(%i: tensor<i64>):
    %i1 = ag.add %i, %one : tensor<i64>
    ag.yield %i1 : tensor<i64>
  } loc("spin.cpp":4:3)
  ag.return %w : tensor<i64>
}
)");
  for (bool scalarCode : {true, false}) {
    RunOptions options;
    options.scalarCode = scalarCode;
    options.backend = RunOptions::Backend::Interpreter;
    options.control = std::make_shared<RunControl>();
    options.timeout = 20; // ends the run only if the cancel is ignored
    // Cancel once the run has started (total is set then), and again until
    // it ends: a cancel that comes before the loop starts stops the run at
    // its first node instead, which also passes.
    std::atomic<bool> done{false};
    std::thread canceller([&] {
      while (!done.load() && options.control->total.load() == 0)
        std::this_thread::yield();
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
      while (!done.load()) {
        options.control->cancelled = true;
        std::this_thread::yield();
      }
    });
    std::string message;
    try {
      g.run({}, {{"n", Tensor(int64_t(1))}}, options);
    } catch (const Error &e) {
      message = e.message();
    }
    done = true;
    canceller.join();
    EXPECT_NE(message.find("evaluation cancelled"), std::string::npos)
        << message;
  }
}

TEST(Reliability, CancelFromAnotherThreadStopsTheRunAndTheGraphStaysUsable) {
  Graph g = Graph::parse(kEndless);
  for (bool scalarCode : {true, false}) {
    std::atomic<bool> done{false};
    // Cancelling before the run starts does nothing, so keep cancelling
    // until it has ended: no timing assumption.
    std::thread canceller([&] {
      while (!done.load()) {
        g.cancel();
        std::this_thread::yield();
      }
    });
    RunOptions options;
    options.scalarCode = scalarCode;
    std::string message;
    try {
      g.run({}, {{"n", Tensor(int64_t(1))}}, options);
    } catch (const Error &e) {
      message = e.message();
      // At the loop, or the op of it that was running.
      EXPECT_TRUE(e.loc().known());
    }
    done = true;
    canceller.join();
    EXPECT_NE(message.find("evaluation cancelled"), std::string::npos)
        << message;
  }
  // A cancel() with no run in progress does not affect the next run: that
  // one runs until its own budget stops it.
  g.cancel();
  RunOptions options;
  options.maxIterations = 100;
  try {
    g.run({}, {{"n", Tensor(int64_t(1))}}, options);
    FAIL() << "an endless loop returned";
  } catch (const Error &e) {
    EXPECT_NE(e.message().find("iteration limit of 100"), std::string::npos)
        << e.message();
  }
}

// The endless loop (declined by the native backend: it carries a tensor)
// beside a matmul the native backend compiles as a region of its own: the
// run is the partitioned program's session, which cancel() must reach too.
constexpr const char *kEndlessBesideNative = R"(
ag.func @spin(%n: tensor<i64> loc("n"), %a: tensor<4x4xf64> loc("a"))
    -> (tensor<i64>, tensor<f64>) {
  %one = ag.constant dense<1> : tensor<i64>
  %z3 = ag.constant dense<0.0> : tensor<3xf64>
  %m = ag.matmul %a, %a : tensor<4x4xf64>, tensor<4x4xf64>
  %s = ag.reduce_sum %m : tensor<4x4xf64>
  %w:2 = ag.while (%i = %n, %v = %z3) : (tensor<i64>, tensor<3xf64>) -> (tensor<i64>, tensor<3xf64>) {
    %go = ag.cmp ge, %i, %n : tensor<i64>
    ag.condition %go(%i, %v : tensor<i64>, tensor<3xf64>)
  } do {
  ^bb0(%i: tensor<i64>, %v: tensor<3xf64>):
    %i1 = ag.add %i, %one : tensor<i64>
    ag.yield %i1, %v : tensor<i64>, tensor<3xf64>
  } loc("spin.cpp":4:3)
  ag.return %w#0, %s : tensor<i64>, tensor<f64>
}
)";

TEST(Reliability, CancelReachesARunWithNativeRegions) {
  Graph g = Graph::parse(kEndlessBesideNative);
  RunOptions options;
  options.backend = RunOptions::Backend::Native;
  std::atomic<bool> done{false};
  std::thread canceller([&] {
    while (!done.load()) {
      g.cancel();
      std::this_thread::yield();
    }
  });
  std::string message;
  try {
    g.run({},
          {{"n", Tensor(int64_t(1))},
           {"a", Tensor::fromVector(std::vector<double>(16, 0.5), {4, 4})}},
          options);
  } catch (const Error &e) {
    message = e.message();
  }
  done = true;
  canceller.join();
  EXPECT_NE(message.find("evaluation cancelled"), std::string::npos) << message;
}

TEST(Reliability, MemoryBudgetIsALocatedError) {
  Graph g = Graph::parse(R"(
ag.func @big(%x: tensor<f64> loc("x")) -> tensor<1000000xf64> {
  %b = ag.broadcast %x : tensor<f64> to tensor<1000000xf64> loc("big.cpp":2:5)
  ag.return %b : tensor<1000000xf64>
}
)");
  RunOptions options;
  options.maxBytes = 1000;
  try {
    g.run({}, {{"x", Tensor(1.0)}}, options);
    FAIL() << "8 MB fit in a 1000-byte budget";
  } catch (const Error &e) {
    EXPECT_EQ(e.loc().file, "big.cpp");
    EXPECT_NE(e.message().find("memory limit"), std::string::npos);
  }
  auto out = g.run({}, {{"x", Tensor(2.0)}});
  EXPECT_EQ(out["result0"].numel(), 1000000);
}

// Shapes whose element or byte count does not fit in 63 bits are errors
// wherever a tensor is made, never a wrapped size.
TEST(Reliability, OverflowingShapesAreErrorsEagerly) {
  int64_t big = int64_t(1) << 62;
  EXPECT_THROW(Tensor::zeros(DType::Float64, {big, 4}), Error);
  EXPECT_THROW(Tensor::zeros(DType::Float64, {int64_t(1) << 61}), Error);
  EXPECT_THROW(Tensor::zeros(DType::Int64, {-1}), Error);
  EXPECT_THROW(numElements({big, big}), Error);
  Tensor a = Tensor::zeros(DType::Float64, {1});
  EXPECT_THROW(kernels::broadcastTo(a, {big, 2}), Error);
}

// --- faults under concurrency ----------------------------------------------

/// Four heavy host nodes in parallel; the one at line 3 fails.
std::shared_ptr<exec::Program> parallelHostProgram(std::atomic<int> &ran) {
  using namespace exec;
  auto p = std::make_shared<Program>();
  SlotInfo info;
  info.name = "x";
  SlotId x = p->addArgument(info);
  Node sum;
  sum.kind = NodeKind::Stack;
  for (unsigned i = 0; i < 4; ++i) {
    Node n;
    n.kind = NodeKind::Host;
    n.heavy = true;
    n.operands = {x};
    n.results = {p->addSlot()};
    n.opName = "host" + std::to_string(i);
    auto src = std::make_shared<NodeSource>();
    src->loc.file = "par.cpp";
    src->loc.line = i + 1;
    src->loc.col = 3;
    n.source = src;
    n.host = [i, &ran](const std::vector<Value> &in) -> std::vector<Value> {
      ++ran;
      if (i == 2 && in[0].tensor().elementAsDouble(0) < 0)
        throw std::runtime_error("negative input");
      return {Value(kernels::unary(OpKind::Neg, in[0].tensor()))};
    };
    sum.operands.push_back(n.results[0]);
    p->addNode(std::move(n));
  }
  sum.results = {p->addSlot()};
  sum.opName = "ag.stack";
  SlotId out = sum.results[0];
  p->addNode(std::move(sum));
  p->addResult(out);
  p->finalize();
  return p;
}

TEST(Reliability, KernelFailingWhileOtherBranchesRunInParallel) {
  std::atomic<int> ran{0};
  exec::Session s(parallelHostProgram(ran));
  RunOptions options;
  options.threads = 4;
  exec::SlotId out = s.program().results()[0];
  for (int round = 0; round < 50; ++round) {
    try {
      s.run({out}, {Tensor(-1.0)}, options);
      FAIL() << "the failing branch did not fail";
    } catch (const Error &e) {
      EXPECT_EQ(e.loc().file, "par.cpp");
      EXPECT_EQ(e.loc().line, 3u);
      EXPECT_EQ(e.message(), "negative input");
    }
    auto good = s.run({out}, {Tensor(2.0)}, options);
    EXPECT_TRUE(good[0].tensor().identical(
        Tensor::fromVector(std::vector<double>{-2, -2, -2, -2}, {4})));
  }
}

// A twin written the way ag-convert writes one: a / b, at line 1.
Tensor divide(Tensor a, Tensor b) { return a / b; }
Tensor twinDivide(Tensor a, Tensor b) {
  FunctionScope scope("divide", "divide.cpp", 1, 1, {"a", "b"});
  at({1, 10, 1, 15, "q"});
  Tensor q = a / b;
  return q;
}
[[maybe_unused]] const bool divideRegistered = detail::registerTwin(
    reinterpret_cast<const void *>(&divide),
    reinterpret_cast<const void *>(&twinDivide), "divide", "divide.cpp", 1);

TEST(Reliability, ErrorsInEightThreadsCallingOneFunction) {
  auto g = function(&divide);
  std::atomic<int> errors{0}, wrong{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t)
    threads.emplace_back([&, t] {
      for (int64_t i = 0; i < 300; ++i) {
        int64_t d = (i + t) % 3; // every third call divides by zero
        try {
          Tensor q = g(Tensor(int64_t(100 + i)), Tensor(d));
          if (d == 0 || !q.identical(Tensor(int64_t((100 + i) / d))))
            ++wrong;
        } catch (const Error &e) {
          if (d != 0 || e.loc().file != "divide.cpp" ||
              e.message() != "integer division by zero")
            ++wrong;
          ++errors;
        }
      }
    });
  for (std::thread &t : threads)
    t.join();
  EXPECT_EQ(wrong.load(), 0);
  EXPECT_EQ(errors.load(), 8 * 100);
  EXPECT_TRUE(
      g(Tensor(int64_t(9)), Tensor(int64_t(2))).identical(Tensor(int64_t(4))));
  EXPECT_EQ(g.traceCount(), 1u);
}

// Under ASan the dialect's instrumented type constructors (an !ag.host name
// copied into the context) could start a slab of the context's type
// allocator and poison it whole; uninstrumented libMLIR then placed a
// FunctionType in that slab without unpoisoning it, and the parser's
// instrumented dyn_cast<FunctionType> read it: a use-after-poison in
// NodeOp::parse on a valid graph (the graph fuzzer's report, each time
// right after it made a new context). Long, distinct host type names fill
// slabs fast; each load gets a new context. The ASan build therefore runs
// with allow_user_poisoning=0 (cmake/AsanDefaults.cpp, docs/security.md).
TEST(Reliability, HostTypesAndFunctionTypesShareTheContextAllocator) {
  std::string text = "ag.func @f(%x: tensor<f64>) -> tensor<f64> {\n";
  std::string prev = "%x", prevType = "tensor<f64>";
  for (int i = 0; i < 64; ++i) {
    std::string type = "!ag.host<\"T" + std::to_string(i) +
                       std::string(200 + 97 * (i % 7), 'a' + i % 26) + "\">";
    std::string value = "%h" + std::to_string(i);
    text += "  " + value + " = ag.node \"make" + std::to_string(i) + "\"(" +
            prev + ") : (" + prevType + ") -> " + type + "\n";
    prev = value;
    prevType = type;
  }
  text += "  ag.return %x : tensor<f64>\n}\n";
  for (int load = 0; load < 3; ++load) {
    try {
      Graph::parse(text, "hosts.mlir");
      ADD_FAILURE() << "the graph's nodes are not registered";
    } catch (const Error &e) {
      EXPECT_EQ(e.loc().file, "hosts.mlir");
      EXPECT_EQ(e.loc().line, 2u);
      EXPECT_NE(e.message().find("'make0' is not registered"),
                std::string::npos)
          << e.message();
    }
  }
}

} // namespace
