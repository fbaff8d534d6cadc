//===- ProfileTraceTest.cpp - The Chrome trace of a profiled run ----------===//
//
// RunOptions::profile writes a trace-event JSON: parsed here with llvm::json,
// it has one node slice per executed node (RunStats::opsExecuted), each
// with its source line, and every thread's slices nest (loop iterations and
// branches inside their loop or if, the loop body's nodes inside those) —
// on one worker and on several.
//
//===----------------------------------------------------------------------===//

#include "ag/ag.h"

#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"

#include "gtest/gtest.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <string>
#include <unistd.h>

using namespace ag;

namespace {

// Two independent loops of branches over 64-element vectors (heavy enough
// for the parallel evaluator), then their sum.
const char *kLoops = R"mlir(
ag.func @loops(%n: tensor<i64> loc("n"), %v: tensor<4096xf64> loc("v")) -> tensor<4096xf64> {
  %zero = ag.constant dense<0> : tensor<i64>
  %one = ag.constant dense<1> : tensor<i64>
  %a = ag.for %i = %zero to %n step %one iter_args(%x = %v) -> (tensor<4096xf64>) {
    %odd = ag.cmp eq, %i, %one : tensor<i64> loc("t.cpp":4:9)
    %next = ag.if %odd -> (tensor<4096xf64>) {
      %t = ag.add %x, %x : tensor<4096xf64> loc("x"("t.cpp":5:11))
      ag.yield %t : tensor<4096xf64>
    } else {
      %e = ag.mul %x, %x : tensor<4096xf64> loc("x"("t.cpp":7:11))
      ag.yield %e : tensor<4096xf64>
    } loc("t.cpp":4:5)
    ag.yield %next : tensor<4096xf64>
  } loc("a"("t.cpp":3:3))
  %b = ag.for %j = %zero to %n step %one iter_args(%y = %v) -> (tensor<4096xf64>) {
    %s = ag.sub %y, %v : tensor<4096xf64> loc("y"("t.cpp":11:7))
    ag.yield %s : tensor<4096xf64>
  } loc("b"("t.cpp":10:3))
  %r = ag.add %a, %b : tensor<4096xf64> loc("r"("t.cpp":13:5))
  ag.return %r : tensor<4096xf64>
}
)mlir";

struct Slice {
  std::string name, cat, source;
  int64_t tid = 0, start = 0, end = 0, bytes = -1;
};

/// Trace microseconds ("12.345") as integer nanoseconds.
int64_t nanos(const llvm::json::Value *v) {
  std::optional<double> d = v ? v->getAsNumber() : std::nullopt;
  return d ? static_cast<int64_t>(*d * 1000 + 0.5) : -1;
}

std::vector<Slice> readTrace(const std::string &path) {
  auto buffer = llvm::MemoryBuffer::getFile(path);
  EXPECT_TRUE(static_cast<bool>(buffer)) << path;
  if (!buffer)
    return {};
  llvm::Expected<llvm::json::Value> json =
      llvm::json::parse((*buffer)->getBuffer());
  if (!json) {
    ADD_FAILURE() << "not JSON: " << llvm::toString(json.takeError());
    return {};
  }
  const llvm::json::Array *events =
      json->getAsObject()->getArray("traceEvents");
  EXPECT_NE(events, nullptr);
  std::vector<Slice> slices;
  for (const llvm::json::Value &ev : *events) {
    const llvm::json::Object &o = *ev.getAsObject();
    if (o.getString("ph") != "X")
      continue;
    Slice s;
    s.name = o.getString("name").value_or("").str();
    s.cat = o.getString("cat").value_or("").str();
    s.tid = o.getInteger("tid").value_or(-1);
    s.start = nanos(o.get("ts"));
    s.end = s.start + nanos(o.get("dur"));
    if (const llvm::json::Object *args = o.getObject("args")) {
      s.source = args->getString("source").value_or("").str();
      s.bytes = args->getInteger("bytes").value_or(-1);
    }
    EXPECT_FALSE(s.name.empty());
    EXPECT_GE(s.tid, 0);
    EXPECT_GE(s.start, 0);
    EXPECT_GE(s.end, s.start);
    slices.push_back(std::move(s));
  }
  return slices;
}

/// The deepest nesting, failing the test if two slices of a thread overlap
/// without one containing the other.
size_t checkNesting(std::vector<Slice> slices) {
  std::sort(slices.begin(), slices.end(), [](const Slice &a, const Slice &b) {
    return std::tie(a.tid, a.start, b.end) < std::tie(b.tid, b.start, a.end);
  });
  size_t depth = 0;
  std::vector<const Slice *> open;
  for (const Slice &s : slices) {
    while (!open.empty() &&
           (open.back()->tid != s.tid || s.start >= open.back()->end))
      open.pop_back();
    if (!open.empty())
      EXPECT_LE(s.end, open.back()->end)
          << s.name << " overlaps " << open.back()->name;
    open.push_back(&s);
    depth = std::max(depth, open.size());
  }
  return depth;
}

class ProfileTrace : public ::testing::TestWithParam<int> {
protected:
  void SetUp() override {
    char name[] = "/tmp/ag-trace-XXXXXX.json";
    int fd = mkstemps(name, 5);
    ASSERT_GE(fd, 0);
    close(fd);
    path = name;
  }
  void TearDown() override { std::remove(path.c_str()); }
  std::string path;
};

TEST_P(ProfileTrace, OneNestedSlicePerExecutedNode) {
  Graph g = Graph::parse(kLoops);
  RunOptions options;
  options.threads = GetParam();
  options.profile = path;
  options.scalarCode = false;
  Tensor v = Tensor::full(DType::Float64, {4096}, 1.5);
  g.run({}, {{"n", Tensor(int64_t(3))}, {"v", v}}, options);
  const RunStats &st = g.lastRunStats();

  std::vector<Slice> slices = readTrace(path);
  size_t nodes = 0;
  std::map<std::string, int> regions;
  for (const Slice &s : slices) {
    if (s.cat == "node") {
      ++nodes;
      EXPECT_FALSE(s.source.empty()) << s.name << " has no source line";
      EXPECT_GE(s.bytes, 0) << s.name;
    } else {
      EXPECT_EQ(s.cat, "region");
      ++regions[s.name];
    }
  }
  // for a: 3 x (cmp, if, add or mul) + the loop; for b: 3 x sub + the
  // loop; the final add.
  EXPECT_EQ(nodes, st.opsExecuted);
  EXPECT_EQ(nodes, 3u * 3 + 1 + 3 + 1 + 1);
  EXPECT_EQ(regions["iteration 1"], 2);
  EXPECT_EQ(regions["iteration 3"], 2);
  EXPECT_EQ(regions["then"], 1);
  EXPECT_EQ(regions["else"], 2);
  // for > iteration > if > branch > add
  EXPECT_EQ(checkNesting(slices), 5u);
  auto r = std::find_if(slices.begin(), slices.end(),
                        [](const Slice &s) { return s.name == "ag.add r"; });
  ASSERT_NE(r, slices.end());
  EXPECT_EQ(r->source, "t.cpp:13:5");
  EXPECT_EQ(r->bytes, 4096 * 8);

  // The summary has the same nodes, slowest first.
  ASSERT_FALSE(st.profile.empty());
  for (size_t i = 1; i < st.profile.size(); ++i)
    EXPECT_GE(st.profile[i - 1].seconds, st.profile[i].seconds);
}

INSTANTIATE_TEST_SUITE_P(Workers, ProfileTrace, ::testing::Values(1, 2));

TEST(ProfileTraceErrors, UnwritableTraceFailsBeforeAnyNodeRuns) {
  Graph g = Graph::parse(kLoops);
  RunOptions options;
  options.profile = "/nonexistent-dir/trace.json";
  Tensor v = Tensor::full(DType::Float64, {4096}, 1.5);
  try {
    g.run({}, {{"n", Tensor(int64_t(3))}, {"v", v}}, options);
    FAIL() << "expected an error";
  } catch (const Error &e) {
    EXPECT_NE(std::string(e.what()).find("cannot write the profile "
                                         "'/nonexistent-dir/trace.json'"),
              std::string::npos)
        << e.what();
  }
  EXPECT_EQ(g.lastRunStats().opsExecuted, 0u);
}

} // namespace
