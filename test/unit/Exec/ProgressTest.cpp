//===- ProgressTest.cpp - The progress line and the per-node profile -----===//
//
// A run lasting longer than RunOptions::progressAfter shows a progress line
// on stderr when stderr is a terminal, never otherwise nor with
// AG_PROGRESS=0, and clears it at the end. Programs are built by hand: a
// host node waits until the line has appeared (or a long time has passed),
// so no test depends on how fast the machine is.
//
//===----------------------------------------------------------------------===//

#include "ag/runtime/Evaluator.h"

#include "../Runtime/Terminal.h"

#include "gtest/gtest.h"

#include <chrono>
#include <cstdio>
#include <functional>
#include <sstream>
#include <thread>

using namespace ag;
using namespace ag::exec;
using ag::test::ScopedEnv;
using ag::test::StderrOnATerminal;

namespace {

/// x -> host.wait(x) at f.cpp:7:3 -> y = x + 1 at f.cpp:8:5; `wait` runs
/// inside the host node.
std::shared_ptr<Program> waitingProgram(std::function<void()> wait,
                                        SlotId &result) {
  auto p = std::make_shared<Program>();
  SlotInfo argInfo;
  argInfo.name = "x";
  SlotId x = p->addArgument(argInfo);
  auto at = [](unsigned line, unsigned col) {
    auto src = std::make_shared<NodeSource>();
    src->loc.file = "f.cpp";
    src->loc.line = line;
    src->loc.col = col;
    return src;
  };
  Node host;
  host.kind = NodeKind::Host;
  host.operands = {x};
  host.host = [wait](const std::vector<Value> &v) {
    wait();
    return std::vector<Value>{v[0]};
  };
  SlotInfo waited;
  waited.name = "w";
  host.results = {p->addSlot(waited)};
  host.opName = "host.wait";
  host.source = at(7, 3);
  SlotId w = host.results[0];
  p->addNode(std::move(host));
  Node add;
  add.kind = NodeKind::Binary;
  add.op = OpKind::Add;
  add.operands = {w, p->addConstant(Tensor(int64_t(1)))};
  SlotInfo yInfo;
  yInfo.name = "y";
  result = p->addSlot(yInfo);
  add.results = {result};
  add.opName = "ag.add";
  add.source = at(8, 5);
  p->addNode(std::move(add));
  p->addResult(result);
  p->finalize();
  return p;
}

RunOptions showAtOnce() {
  RunOptions options;
  options.progressAfter = 0;
  return options;
}

TEST(Progress, ShownOnATerminalAndCleared) {
  StderrOnATerminal terminal;
  ASSERT_TRUE(terminal.active()) << "no pseudo-terminal to test on";
  ScopedEnv progress("AG_PROGRESS", nullptr);
  std::string seen;
  SlotId y;
  // The node finishes once the line is there (or after 30 s, which fails).
  auto p = waitingProgram(
      [&] {
        for (int i = 0; i < 300 && seen.find("nodes") == std::string::npos; ++i)
          seen += terminal.read(100);
      },
      y);
  Session s(p);
  auto out = s.run({y}, {Tensor(int64_t(41))}, showAtOnce());
  EXPECT_EQ(out[0].tensor().item<int64_t>(), 42);
  seen += terminal.read();
  EXPECT_NE(seen.find("ag: 0/2 nodes"), std::string::npos) << seen;
  EXPECT_NE(seen.find("host.wait at f.cpp:7:3"), std::string::npos) << seen;
  // Cleared at the end: the last thing written erases the line.
  EXPECT_EQ(seen.substr(seen.size() - 4), "\r\x1b[K") << seen;
}

/// Runs the waiting program with the node sleeping `ms`, returns what
/// reached stderr.
std::string runSleeping(StderrOnATerminal &terminal, int ms,
                        const RunOptions &options) {
  SlotId y;
  auto p = waitingProgram(
      [ms] { std::this_thread::sleep_for(std::chrono::milliseconds(ms)); }, y);
  Session s(p);
  auto out = s.run({y}, {Tensor(int64_t(1))}, options);
  EXPECT_EQ(out[0].tensor().item<int64_t>(), 2);
  return terminal.read();
}

TEST(Progress, OffWithAgProgressZero) {
  StderrOnATerminal terminal;
  ASSERT_TRUE(terminal.active()) << "no pseudo-terminal to test on";
  ScopedEnv progress("AG_PROGRESS", "0");
  EXPECT_EQ(runSleeping(terminal, 600, showAtOnce()), "");
}

TEST(Progress, OffForANegativeDelay) {
  StderrOnATerminal terminal;
  ASSERT_TRUE(terminal.active()) << "no pseudo-terminal to test on";
  ScopedEnv progress("AG_PROGRESS", nullptr);
  RunOptions options;
  options.progressAfter = -1;
  EXPECT_EQ(runSleeping(terminal, 600, options), "");
}

TEST(Progress, NeverWhenStderrIsNotATerminal) {
  ScopedEnv progress("AG_PROGRESS", nullptr);
  // stderr on a file, whatever the test runner gave us.
  std::FILE *file = std::tmpfile();
  ASSERT_NE(file, nullptr);
  std::fflush(stderr);
  int saved = dup(STDERR_FILENO);
  dup2(fileno(file), STDERR_FILENO);
  SlotId y;
  auto p = waitingProgram(
      [] { std::this_thread::sleep_for(std::chrono::milliseconds(600)); }, y);
  Session s(p);
  s.run({y}, {Tensor(int64_t(1))}, showAtOnce());
  std::fflush(stderr);
  dup2(saved, STDERR_FILENO);
  close(saved);
  EXPECT_EQ(std::ftell(file), 0L);
  std::fclose(file);
}

TEST(Profile, SummaryNamesNodesAndLines) {
  SlotId y;
  auto p = waitingProgram([] {}, y);
  Session s(p);
  RunOptions options;
  options.profileSummary = true;
  s.run({y}, {Tensor(int64_t(1))}, options);
  const RunStats &st = s.lastRunStats();
  ASSERT_EQ(st.profile.size(), 2u);
  EXPECT_GT(st.seconds, 0);
  for (const NodeProfile &np : st.profile) {
    EXPECT_EQ(np.count, 1u);
    EXPECT_TRUE(np.location == "f.cpp:7:3" || np.location == "f.cpp:8:5");
  }
  std::ostringstream os;
  printProfileSummary(os, st);
  EXPECT_NE(os.str().find("ag.add y at f.cpp:8:5"), std::string::npos)
      << os.str();
  EXPECT_NE(os.str().find("host.wait w at f.cpp:7:3"), std::string::npos)
      << os.str();

  // Not profiled: no per-node figures, the wall time still.
  s.run({y}, {Tensor(int64_t(2))});
  EXPECT_TRUE(s.lastRunStats().profile.empty());
  EXPECT_GT(s.lastRunStats().seconds, 0);
}

/// A chain of `before` adds, a host node sleeping `sleep` at f.cpp:9:1,
/// then `after` adds.
std::shared_ptr<Program> slowInTheMiddle(int before, int after,
                                         std::chrono::milliseconds sleep,
                                         SlotId &result) {
  auto p = std::make_shared<Program>();
  SlotInfo argInfo;
  argInfo.name = "x";
  SlotId v = p->addArgument(argInfo);
  SlotId one = p->addConstant(Tensor(int64_t(1)));
  auto add = [&](int count) {
    for (int i = 0; i < count; ++i) {
      Node node;
      node.kind = NodeKind::Binary;
      node.op = OpKind::Add;
      node.operands = {v, one};
      node.results = {p->addSlot(SlotInfo())};
      node.opName = "ag.add";
      v = node.results[0];
      p->addNode(std::move(node));
    }
  };
  add(before);
  Node host;
  host.kind = NodeKind::Host;
  host.operands = {v};
  host.host = [sleep](const std::vector<Value> &in) {
    std::this_thread::sleep_for(sleep);
    return std::vector<Value>{in[0]};
  };
  host.results = {p->addSlot(SlotInfo())};
  host.opName = "host.sleep";
  auto src = std::make_shared<NodeSource>();
  src->loc.file = "f.cpp";
  src->loc.line = 9;
  src->loc.col = 1;
  host.source = src;
  v = host.results[0];
  p->addNode(std::move(host));
  add(after);
  result = v;
  p->addResult(result);
  p->finalize();
  return p;
}

// Past a thread's first nodes the summary samples: the slow node far beyond
// them still comes first, and every node's count stays exact.
TEST(Profile, SampledSummaryFindsTheSlowNode) {
  SlotId y;
  auto p = slowInTheMiddle(2000, 2000, std::chrono::milliseconds(200), y);
  Session s(p);
  RunOptions options;
  options.threads = 1;
  options.progressAfter = -1;
  options.profileSummary = true;
  for (int run = 0; run < 2; ++run) { // the second run reuses the tables
    auto out = s.run({y}, {Tensor(int64_t(1))}, options);
    EXPECT_EQ(out[0].tensor().item<int64_t>(), 4001);
    const RunStats &st = s.lastRunStats();
    ASSERT_FALSE(st.profile.empty());
    EXPECT_EQ(st.profile[0].op, "host.sleep");
    EXPECT_EQ(st.profile[0].location, "f.cpp:9:1");
    EXPECT_GT(st.profile[0].seconds, 0);
    for (const NodeProfile &np : st.profile)
      EXPECT_EQ(np.count, 1u) << np.op;
  }
}

} // namespace
