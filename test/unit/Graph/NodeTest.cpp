//===- NodeTest.cpp - AG_NODE calls as lazy, parallel graph nodes ---------===//
//
// The twins below are written by hand the way ag-convert emits them for
// AG_NODE calls (docs/PIPELINES in the issue: node_, member_, get_, lazy
// locals in Vars lists, ag::Lazy<R> results).
//
//===----------------------------------------------------------------------===//
#include "ag/Node.h"
#include "ag/Codec.h" // what ag-convert adds to a file calling nodes
#include "ag/ag.h"

#include "gtest/gtest.h"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

using namespace ag;
using ag::detail::get_;
using ag::detail::member_;
using ag::detail::node_;

namespace {

constexpr const char *kSource =
    "Fit best_fit(std::string path, double ridge) {\n" // 1
    "  Table t = load(path);\n"                        // 2
    "  Table c = clean(t, 10.0);\n"                    // 3
    "  Fit best = fit(c, 0.0);\n"                      // 4
    "  Fit f = fit(c, ridge);\n"                       // 5
    "  if (f.loss < best.loss) best = f;\n"            // 6
    "  return best;\n"                                 // 7
    "}\n"                                              // 8
    "Counted chain(int n) {\n"                         // 9
    "  Counted v = make(n);\n"                         // 10
    "  for (int i = 0; i < 4; ++i) v = step(v);\n"     // 11
    "  return v;\n"                                    // 12
    "}\n";                                             // 13

const char *sourcePath() {
  static std::string path = [] {
    std::string p = ::testing::TempDir() + "ag_node_twins.cpp";
    std::ofstream(p) << kSource;
    return p;
  }();
  return path.c_str();
}

// --- The user's types and nodes ---------------------------------------------

struct Table {
  std::vector<double> x;
  bool operator==(const Table &o) const { return x == o.x; }
};
struct Fit {
  double slope = 0, loss = 0;
};

std::atomic<int> loads{0};

AG_NODE Table load(const std::string &path) {
  ++loads;
  if (path == "missing")
    throw std::runtime_error("cannot open '" + path + "'");
  if (path == "weird")
    throw 42;
  Table t;
  for (char c : path)
    t.x.push_back(static_cast<double>(c % 7));
  return t;
}
AG_NODE Table clean(const Table &t, double maxAbs) {
  Table out;
  for (double v : t.x)
    if (v <= maxAbs)
      out.x.push_back(v);
  return out;
}
AG_NODE Fit fit(const Table &t, double ridge) {
  double s = 0;
  for (double v : t.x)
    s += v;
  Fit f;
  f.slope = s / (t.x.size() + ridge);
  f.loss = (f.slope - 2) * (f.slope - 2) + ridge * 0.01;
  return f;
}

// --- best_fit: nodes, a member access, a staged condition on a node result

Fit best_fit(std::string path, double ridge) {
  Table t = load(path);
  Table c = clean(t, 10.0);
  Fit best = fit(c, 0.0);
  Fit f = fit(c, ridge);
  if (f.loss < best.loss)
    best = f;
  return best;
}

Lazy<Fit> twin_best_fit(std::string path, double ridge) {
  FunctionScope scope("best_fit", sourcePath(), 1, 5, {});
  at({2, 3, 2, 23, "t"});
  // As ag-convert writes it: the host argument named by its spelling.
  Lazy<Table> t = node_({2, 13, 2, 22, "t"}, "load",
                        {{}, {{2, 18, 2, 21, "path"}}}, &load, path);
  at({3, 3, 3, 27, "c"});
  Lazy<Table> c = node_({3, 13, 3, 26, "c"}, "clean", &clean, t, 10.0);
  at({4, 3, 4, 25, "best"});
  Lazy<Fit> best = node_({4, 14, 4, 24, "best"}, "fit", &fit, c, 0.0);
  at({5, 3, 5, 24, "f"});
  Lazy<Fit> f = node_({5, 11, 5, 23, "f"}, "fit", &fit, c, ridge);
  if_(
      {6, 3, 6, 36}, {{"best", best}},
      [&]() -> Tensor {
        return member_({6, 7, 6, 12}, f, &Fit::loss, "loss") <
               member_({6, 16, 6, 24}, best, &Fit::loss, "loss");
      },
      [&] {
        at({6, 27, 6, 34, "best"});
        best = f;
      },
      [&] {});
  return best;
}
[[maybe_unused]] const bool bestFitRegistered =
    detail::registerTwin(reinterpret_cast<const void *>(&best_fit),
                         reinterpret_cast<const void *>(&twin_best_fit),
                         "best_fit", sourcePath(), 1);

TEST(NodeTest, HostParametersAndResultMatchEager) {
  auto fn = ag::function(&best_fit);
  for (double ridge : {0.0, 3.0}) {
    for (std::string path : {"abcdef", "hello world"}) {
      Fit eager = best_fit(path, ridge);
      Fit graph = fn(path, ridge);
      EXPECT_EQ(graph.slope, eager.slope) << path << " " << ridge;
      EXPECT_EQ(graph.loss, eager.loss) << path << " " << ridge;
    }
  }
  // Host parameters are part of the trace key, compared with ==.
  EXPECT_EQ(fn.traceCount(), 4u);
  fn(std::string("abcdef"), 0.0);
  EXPECT_EQ(fn.traceCount(), 4u);
}

TEST(NodeTest, GraphShowsNodesAndHostTypes) {
  auto fn = ag::function(&best_fit);
  Graph g = fn.graph(std::string("abc"), 1.0);
  std::string text = g.mlir();
  EXPECT_NE(text.find("ag.node \"load\""), std::string::npos) << text;
  EXPECT_NE(text.find("Table\">"), std::string::npos) << text;
  EXPECT_NE(text.find(": !ag.host<"), std::string::npos) << text;
  // A path captured while tracing cannot be written to a file.
  try {
    g.save(::testing::TempDir() + "ag_node_graph.mlir");
    FAIL() << "expected an ag::Error";
  } catch (const Error &e) {
    // At the argument, named as the user wrote it, its type readable.
    EXPECT_EQ(e.loc().line, 2u);
    EXPECT_EQ(e.loc().col, 18u);
    EXPECT_NE(e.message().find("it holds 'path', a host value of type "
                               "std::string passed to node 'load'"),
              std::string::npos)
        << e.message();
  }
  EXPECT_NE(text.find("ag.host_constant"), std::string::npos) << text;
  std::string dot = g.dot();
  EXPECT_NE(dot.find("load"), std::string::npos) << dot;
  EXPECT_NE(dot.find(":2"), std::string::npos) << dot;
}

// --- Exceptions: located at the calling line, the session stays usable ----

TEST(NodeTest, ExceptionIsLocatedAndSessionReusable) {
  auto fn = ag::function(&best_fit);
  try {
    fn(std::string("missing"), 1.0);
    FAIL() << "expected an ag::Error";
  } catch (const Error &e) {
    EXPECT_EQ(e.loc().line, 2u);
    EXPECT_EQ(e.loc().col, 13u);
    EXPECT_NE(e.message().find("node 'load' threw std::runtime_error: "
                               "cannot open 'missing'"),
              std::string::npos)
        << e.message();
    EXPECT_NE(std::string(e.what()).find("load(path)"), std::string::npos)
        << e.what();
  }
  // A non-std::exception is still located and named.
  try {
    fn(std::string("weird"), 1.0);
    FAIL() << "expected an ag::Error";
  } catch (const Error &e) {
    EXPECT_EQ(e.loc().line, 2u);
    EXPECT_NE(e.message().find("an exception of type int"), std::string::npos)
        << e.message();
  }
  // Same function, same process: still works.
  Fit ok = fn(std::string("abcdef"), 1.0);
  EXPECT_EQ(ok.loss, best_fit("abcdef", 1.0).loss);
}

// --- Lifetime: values released right after their last consumer -----------

std::atomic<int> alive{0};
std::atomic<int> maxAliveSeen{0};
struct Counted {
  int value = 0;
  bool holds = false;
  Counted() = default;
  explicit Counted(int v) : value(v), holds(true) { ++alive; }
  Counted(const Counted &o) : value(o.value), holds(o.holds) {
    if (holds)
      ++alive;
  }
  Counted(Counted &&o) noexcept : value(o.value), holds(o.holds) {
    o.holds = false;
  }
  Counted &operator=(const Counted &o) {
    if (holds)
      --alive;
    value = o.value;
    holds = o.holds;
    if (holds)
      ++alive;
    return *this;
  }
  Counted &operator=(Counted &&o) noexcept {
    if (holds)
      --alive;
    value = o.value;
    holds = o.holds;
    o.holds = false;
    return *this;
  }
  ~Counted() {
    if (holds)
      --alive;
  }
};

void noteAlive() {
  int now = alive.load(), seen = maxAliveSeen.load();
  while (now > seen && !maxAliveSeen.compare_exchange_weak(seen, now)) {
  }
}

AG_NODE Counted make(int n) {
  noteAlive();
  return Counted(n);
}
AG_NODE Counted step(const Counted &c) {
  noteAlive();
  return Counted(c.value + 1);
}

Counted chain(int n) {
  Counted v = make(n);
  for (int i = 0; i < 4; ++i)
    v = step(v);
  return v;
}

Lazy<Counted> twin_chain(int n) {
  FunctionScope scope("chain", sourcePath(), 9, 9, {});
  at({10, 3, 10, 22, "v"});
  Lazy<Counted> v = node_({10, 15, 10, 21, "v"}, "make", &make, n);
  for (int i = 0; i < 4; ++i) { // a host loop: unrolled while tracing
    at({11, 33, 11, 44, "v"});
    v = node_({11, 37, 11, 43, "v"}, "step", &step, v);
  }
  return v;
}
[[maybe_unused]] const bool chainRegistered = detail::registerTwin(
    reinterpret_cast<const void *>(&chain),
    reinterpret_cast<const void *>(&twin_chain), "chain", sourcePath(), 9);

TEST(NodeTest, ValuesAreReleasedAfterTheirLastConsumer) {
  auto fn = ag::function(&chain);
  alive = 0;
  maxAliveSeen = 0;
  {
    Counted r = fn(10);
    EXPECT_EQ(r.value, 14);
    // Only the result is alive: every intermediate value was destroyed.
    EXPECT_EQ(alive.load(), 1);
  }
  EXPECT_EQ(alive.load(), 0);
  // When a step runs, only its input is alive (the chain of 5 values never
  // holds more than one at a time before the node's own result).
  EXPECT_EQ(maxAliveSeen.load(), 1);
}

// --- Multi-output: parts of a pair, each released after its consumers -----

AG_NODE std::pair<Counted, Counted> split(int n) {
  return {Counted(n), Counted(n * 2)};
}
AG_NODE int total(const Counted &a) {
  noteAlive();
  return a.value;
}

Tensor parts(int n) {
  auto [a, b] = split(n);
  return Tensor(total(a) + total(b));
}
Tensor twin_parts(int n) {
  FunctionScope scope("parts", sourcePath(), 9, 9, {});
  Lazy<std::pair<Counted, Counted>> tmp =
      node_({10, 3, 10, 10}, "split", &split, n);
  Lazy<Counted> a = get_<0>({10, 9, 10, 9, "a"}, tmp);
  Lazy<Counted> b = get_<1>({10, 12, 10, 12, "b"}, tmp);
  return node_({11, 10, 11, 17}, "total", &total, a) +
         node_({11, 21, 11, 28}, "total", &total, b);
}
[[maybe_unused]] const bool partsRegistered = detail::registerTwin(
    reinterpret_cast<const void *>(&parts),
    reinterpret_cast<const void *>(&twin_parts), "parts", sourcePath(), 9);

TEST(NodeTest, MultiOutputPartsAreReleased) {
  auto fn = ag::function(&parts);
  alive = 0;
  Tensor r = fn(5);
  EXPECT_EQ(r.elementAsDouble(0), parts(5).elementAsDouble(0));
  EXPECT_EQ(alive.load(), 0);
}

// --- Concurrency: independent nodes overlap (a rendezvous, not timing) ----

std::mutex rvMutex;
std::condition_variable rvCv;
int rvArrived = 0;

/// Waits until `n` calls are inside at once; false after 20 s alone.
AG_NODE int rendezvous(int n, int id) {
  (void)id; // only makes the two calls distinct (equal calls are one node)
  std::unique_lock<std::mutex> lock(rvMutex);
  ++rvArrived;
  rvCv.notify_all();
  return rvCv.wait_for(lock, std::chrono::seconds(20),
                       [&] { return rvArrived >= n; });
}

Tensor both() { return Tensor(rendezvous(2, 0) + rendezvous(2, 1)); }
Tensor twin_both() {
  FunctionScope scope("both", sourcePath(), 9, 9, {});
  Tensor a = node_({10, 3, 10, 10}, "rendezvous", &rendezvous, 2, 0);
  Tensor b = node_({10, 20, 10, 30}, "rendezvous", &rendezvous, 2, 1);
  return a + b;
}
[[maybe_unused]] const bool bothRegistered = detail::registerTwin(
    reinterpret_cast<const void *>(&both),
    reinterpret_cast<const void *>(&twin_both), "both", sourcePath(), 9);

TEST(NodeTest, IndependentNodesRunConcurrently) {
  auto fn = ag::function(&both);
  Graph g = fn.graph();
  RunOptions options;
  options.threads = 2;
  rvArrived = 0;
  std::map<std::string, Tensor> out = g.run({}, {}, options);
  // Each node returned true only if the other was inside at the same time.
  EXPECT_EQ(out.at("result0").elementAsDouble(0), 2.0);
}

// --- The fan-out guard ---------------------------------------------------

std::vector<Table> shards(int n) {
  std::vector<Table> out;
  for (int i = 0; i < n; ++i)
    out.push_back(load("s" + std::to_string(i)));
  return out;
}
AG_NODE double count(const std::vector<Table> &parts) {
  double n = 0;
  for (const Table &t : parts)
    n += static_cast<double>(t.x.size());
  return n;
}
Tensor fanout(int n) { return Tensor(count(shards(n))); }
Tensor twin_fanout(int n) {
  FunctionScope scope("fanout", sourcePath(), 9, 9, {});
  std::vector<Lazy<Table>> parts;
  for (int i = 0; i < n; ++i)
    parts.push_back(node_({11, 33, 11, 43}, "load",
                          {{11, 3, 11, 29}, {{11, 38, 11, 42, "i"}}}, &load,
                          "s" + std::to_string(i)));
  return node_({12, 10, 12, 20}, "count", &count, parts);
}
[[maybe_unused]] const bool fanoutRegistered = detail::registerTwin(
    reinterpret_cast<const void *>(&fanout),
    reinterpret_cast<const void *>(&twin_fanout), "fanout", sourcePath(), 9);

TEST(NodeTest, FanOutAndFanIn) {
  auto fn = ag::function(&fanout);
  EXPECT_EQ(fn(12).elementAsDouble(0), fanout(12).elementAsDouble(0));
}

TEST(NodeTest, FanOutGuardIsALocatedErrorBeforeAnyNodeRuns) {
  setenv("AG_MAX_FANOUT", "5", 1);
  auto fn = ag::function(&fanout);
  loads = 0;
  try {
    fn(6);
    FAIL() << "expected an ag::Error";
  } catch (const Error &e) {
    // At the loop that fans out, with a note at the call.
    EXPECT_EQ(e.loc().line, 11u);
    EXPECT_EQ(e.loc().col, 3u);
    EXPECT_NE(e.message().find("this loop adds more than 5 nodes"),
              std::string::npos)
        << e.message();
    ASSERT_FALSE(e.diagnostic().notes.empty());
    EXPECT_EQ(e.diagnostic().notes[0].loc.col, 33u);
    EXPECT_EQ(e.diagnostic().notes[0].message, "'load' is called here");
  }
  EXPECT_EQ(loads.load(), 0);
  EXPECT_EQ(fn(5).elementAsDouble(0), fanout(5).elementAsDouble(0));
  unsetenv("AG_MAX_FANOUT");
}

// --- Effect nodes: in program order, exactly once ------------------------

std::vector<int> journal;
AG_NODE_EFFECT void record(int v) { journal.push_back(v); }
Tensor effects(int n) {
  record(n);
  record(n + 1);
  return Tensor(n);
}
Tensor twin_effects(int n) {
  FunctionScope scope("effects", sourcePath(), 9, 9, {});
  ag::detail::effect_node_({10, 3, 10, 12}, "record", &record, n);
  ag::detail::effect_node_({11, 3, 11, 12}, "record", &record, n + 1);
  return Tensor(n);
}
[[maybe_unused]] const bool effectsRegistered = detail::registerTwin(
    reinterpret_cast<const void *>(&effects),
    reinterpret_cast<const void *>(&twin_effects), "effects", sourcePath(), 9);

TEST(NodeTest, EffectNodesRunInProgramOrder) {
  auto fn = ag::function(&effects);
  journal.clear();
  fn(3);
  fn(7);
  EXPECT_EQ(journal, (std::vector<int>{3, 4, 7, 8}));
}

// --- Arithmetic results: the dtype eager code gets (Tensor(int) is int64) ---

AG_NODE int countOf(int n) { return n * 3; }
AG_NODE float halfOf(int n) { return n / 2.0f; }
AG_NODE unsigned char smallOf(int n) { return static_cast<unsigned char>(n); }
Tensor intResult(int n) { return countOf(n) + smallOf(n); }
Tensor twin_intResult(int n) {
  FunctionScope scope("intResult", sourcePath(), 9, 9, {});
  return node_({10, 3, 10, 12}, "countOf", &countOf, n) +
         node_({10, 3, 10, 12}, "smallOf", &smallOf, n);
}
Tensor floatResult(int n) { return halfOf(n); }
Tensor twin_floatResult(int n) {
  FunctionScope scope("floatResult", sourcePath(), 9, 9, {});
  return node_({10, 3, 10, 12}, "halfOf", &halfOf, n);
}
[[maybe_unused]] const bool intResultRegistered =
    detail::registerTwin(reinterpret_cast<const void *>(&intResult),
                         reinterpret_cast<const void *>(&twin_intResult),
                         "intResult", sourcePath(), 9);
[[maybe_unused]] const bool floatResultRegistered =
    detail::registerTwin(reinterpret_cast<const void *>(&floatResult),
                         reinterpret_cast<const void *>(&twin_floatResult),
                         "floatResult", sourcePath(), 9);

TEST(NodeTest, ArithmeticResultsHaveTheEagerDType) {
  Tensor eager = intResult(5), graph = ag::function(&intResult)(5);
  EXPECT_EQ(eager.dtype(), DType::Int64);
  EXPECT_EQ(graph.dtype(), DType::Int64);
  EXPECT_TRUE(graph.identical(eager));
  Tensor eagerF = floatResult(5), graphF = ag::function(&floatResult)(5);
  EXPECT_EQ(graphF.dtype(), DType::Float32);
  EXPECT_TRUE(graphF.identical(eagerF));
}

// --- Retries: AG_NODE_RETRY calls a throwing node again ---------------------

std::atomic<int> flakyCalls{0}, failuresLeft{0};
AG_NODE int flaky(int n) {
  ++flakyCalls;
  if (failuresLeft-- > 0)
    throw std::runtime_error("transient failure");
  return n + 1;
}
AG_NODE_RETRY(flaky, 2);

Tensor retried(int n) { return flaky(n); }
Tensor twin_retried(int n) {
  FunctionScope scope("retried", sourcePath(), 9, 9, {});
  return node_({10, 3, 10, 12}, "flaky", &flaky, n);
}
[[maybe_unused]] const bool retriedRegistered = detail::registerTwin(
    reinterpret_cast<const void *>(&retried),
    reinterpret_cast<const void *>(&twin_retried), "retried", sourcePath(), 9);

TEST(NodeTest, RetriedNodeSucceedsWithinItsRetries) {
  auto fn = ag::function(&retried);
  flakyCalls = 0;
  failuresLeft = 2; // two failures, then success: within 2 retries
  EXPECT_EQ(fn(4).elementAsDouble(0), 5.0);
  EXPECT_EQ(flakyCalls.load(), 3);
}

TEST(NodeTest, RetriedNodeFailsAfterItsLastRetry) {
  auto fn = ag::function(&retried);
  flakyCalls = 0;
  failuresLeft = 3; // one failure more than the retries
  try {
    fn(4);
    ADD_FAILURE() << "expected an evaluation error";
  } catch (const Error &e) {
    EXPECT_NE(std::string(e.what()).find("transient failure"),
              std::string::npos)
        << e.what();
  }
  EXPECT_EQ(flakyCalls.load(), 3);
  failuresLeft = 0; // the session stays usable
  EXPECT_EQ(fn(4).elementAsDouble(0), 5.0);
}

// --- Tensor results: AG_NODE_TENSOR types them, checked when they run ------

AG_NODE Tensor ramp(int n) {
  std::vector<double> v;
  for (int i = 0; i < n; ++i)
    v.push_back(i);
  if (n == 7) // the wrong rank
    return Tensor::fromVector(v, {1, n});
  return Tensor::fromVector(v, {n});
}
AG_NODE_TENSOR(ramp, DType::Float64, -1);
AG_NODE Tensor undeclared(int n) { return Tensor(static_cast<double>(n)); }

Tensor rampSum(int n) { return ag::sum(ramp(n) * 2.0); }
Tensor twin_rampSum(int n) {
  FunctionScope scope("rampSum", sourcePath(), 9, 9, {});
  return ag::sum(node_({10, 3, 10, 12}, "ramp", &ramp, n) * 2.0);
}
[[maybe_unused]] const bool rampSumRegistered = detail::registerTwin(
    reinterpret_cast<const void *>(&rampSum),
    reinterpret_cast<const void *>(&twin_rampSum), "rampSum", sourcePath(), 9);

Tensor useUndeclared(int n) { return undeclared(n) + 1.0; }
Tensor twin_useUndeclared(int n) {
  FunctionScope scope("useUndeclared", sourcePath(), 9, 9, {});
  return node_({11, 5, 11, 12}, "undeclared", &undeclared, n) + 1.0;
}
[[maybe_unused]] const bool useUndeclaredRegistered =
    detail::registerTwin(reinterpret_cast<const void *>(&useUndeclared),
                         reinterpret_cast<const void *>(&twin_useUndeclared),
                         "useUndeclared", sourcePath(), 9);

TEST(NodeTest, TensorResultFeedsStagedOps) {
  auto fn = ag::function(&rampSum);
  for (int n : {3, 5}) // one graph for every length: the dim is '?'
    EXPECT_TRUE(fn(n).identical(rampSum(n))) << n;
  std::string text = fn.graph(3).mlir();
  EXPECT_NE(text.find("tensor<?xf64>"), std::string::npos) << text;
}

TEST(NodeTest, TensorResultOfAnotherTypeIsALocatedError) {
  auto fn = ag::function(&rampSum);
  try {
    fn(7);
    FAIL() << "expected an ag::Error";
  } catch (const Error &e) {
    EXPECT_EQ(e.loc().line, 10u);
    EXPECT_NE(e.message().find("node 'ramp' returned a tensor of type "
                               "float64[1, 7], but its AG_NODE_TENSOR "
                               "declaration says float64[?]"),
              std::string::npos)
        << e.message();
  }
  EXPECT_TRUE(fn(4).identical(rampSum(4))); // the session stays usable
}

TEST(NodeTest, UndeclaredTensorResultIsALocatedError) {
  try {
    ag::function (&useUndeclared)(2);
    FAIL() << "expected an ag::Error";
  } catch (const Error &e) {
    EXPECT_EQ(e.loc().line, 11u);
    EXPECT_EQ(e.loc().col, 5u);
    EXPECT_NE(e.message().find("AG_NODE_TENSOR(undeclared, "
                               "ag::DType::Float64, -1)"),
              std::string::npos)
        << e.message();
  }
}

// --- Move-only values: held in shared storage, never copied ----------------

std::atomic<int> buffersAlive{0};
struct Buffer {
  std::unique_ptr<std::vector<double>> data;
  explicit Buffer(int n) : data(std::make_unique<std::vector<double>>(n, 1.5)) {
    ++buffersAlive;
  }
  Buffer(Buffer &&o) noexcept : data(std::move(o.data)) { ++buffersAlive; }
  Buffer(const Buffer &) = delete;
  ~Buffer() { --buffersAlive; }
};
AG_NODE Buffer makeBuffer(int n) { return Buffer(n); }
AG_NODE double bufferSum(const Buffer &b) {
  double s = 0;
  for (double v : *b.data)
    s += v;
  return s;
}
AG_NODE std::vector<double> grow(std::vector<double> &&v) {
  v.push_back(1);
  return std::move(v);
}
AG_NODE std::vector<double> seed(int n) { return std::vector<double>(n, 2); }
AG_NODE double sizeOf(const std::vector<double> &v) {
  return static_cast<double>(v.size());
}

Tensor moveOnly(int n) {
  Buffer b = makeBuffer(n);
  std::vector<double> s = seed(n);
  return bufferSum(b) + bufferSum(b) + sizeOf(grow(std::move(s)));
}
Tensor twin_moveOnly(int n) {
  FunctionScope scope("moveOnly", sourcePath(), 9, 9, {});
  Lazy<Buffer> b = node_({10, 3, 10, 12}, "makeBuffer", &makeBuffer, n);
  Lazy<std::vector<double>> s = node_({10, 3, 10, 12}, "seed", &seed, n);
  return node_({11, 3, 11, 12}, "bufferSum", &bufferSum, b) +
         node_({11, 13, 11, 22}, "bufferSum", &bufferSum, b) +
         node_({11, 23, 11, 32}, "sizeOf", &sizeOf,
               node_({11, 33, 11, 42}, "grow", &grow, std::move(s)));
}
[[maybe_unused]] const bool moveOnlyRegistered =
    detail::registerTwin(reinterpret_cast<const void *>(&moveOnly),
                         reinterpret_cast<const void *>(&twin_moveOnly),
                         "moveOnly", sourcePath(), 9);

TEST(NodeTest, MoveOnlyValuesAreSharedNotCopied) {
  Tensor eager = moveOnly(4);
  // The graph moves the buffer into its storage once and destroys it after
  // its last consumer; an rvalue-reference parameter gets its own copy.
  Tensor graph = ag::function(&moveOnly)(4);
  EXPECT_TRUE(graph.identical(eager));
  EXPECT_EQ(eager.elementAsDouble(0), 1.5 * 4 * 2 + 5);
  EXPECT_EQ(buffersAlive.load(), 0);
}

// --- async: two pipelines at the same time ----------------------------------

std::mutex meetMutex;
std::condition_variable meetCv;
int arrived = 0;
// Returns `id` only if another call arrives while this one waits: proves the
// two calls run at the same time (no timing is measured).
AG_NODE int meetUp(int id) {
  std::unique_lock<std::mutex> lock(meetMutex);
  ++arrived;
  meetCv.notify_all();
  bool both = meetCv.wait_for(lock, std::chrono::seconds(30),
                              [] { return arrived >= 2; });
  return both ? id : -1;
}
Tensor meet(int id) { return meetUp(id) * 10; }
Tensor twin_meet(int id) {
  FunctionScope scope("meet", sourcePath(), 9, 9, {});
  return node_({10, 3, 10, 12}, "meetUp", &meetUp, id) * 10;
}
[[maybe_unused]] const bool meetRegistered = detail::registerTwin(
    reinterpret_cast<const void *>(&meet),
    reinterpret_cast<const void *>(&twin_meet), "meet", sourcePath(), 9);

TEST(NodeTest, AsyncCallsRunConcurrently) {
  arrived = 0;
  auto fn = ag::function(&meet);
  Future<Tensor> a = fn.async(1);
  Future<Tensor> b = fn.async(2);
  EXPECT_EQ(a.get().elementAsDouble(0), 10.0);
  EXPECT_EQ(b.get().elementAsDouble(0), 20.0);
  EXPECT_FALSE(a.valid());
}

TEST(NodeTest, AsyncErrorIsRethrownByGet) {
  Future<Fit> f = ag::function(&best_fit).async(std::string("missing"), 1.0);
  f.wait();
  EXPECT_TRUE(f.ready());
  try {
    f.get();
    FAIL() << "expected an ag::Error";
  } catch (const Error &e) {
    EXPECT_EQ(e.loc().line, 2u);
  }
  Fit ok = ag::function(&best_fit).async(std::string("abcdef"), 1.0).get();
  EXPECT_EQ(ok.loss, best_fit("abcdef", 1.0).loss);
}

// --- Graph-level try/catch (a converted `try` around node calls) -----------

std::vector<std::string> notes;
AG_NODE_EFFECT void note(const std::string &what) { notes.push_back(what); }

Fit guarded(std::string path) {
  Fit best{0, -1};
  try {
    best = fit(load(path), 0.0);
  } catch (const std::exception &e) {
    note(e.what());
  }
  return best;
}
Lazy<Fit> twin_guarded(std::string path) {
  FunctionScope scope("guarded", sourcePath(), 9, 9, {});
  Lazy<Fit> best = Fit{0, -1};
  ag::detail::try_(
      {10, 3, 10, 5}, {{"best", best}},
      [&] {
        at({11, 5, 11, 30, "best"});
        best = node_({11, 12, 11, 29, "best"}, "fit", &fit,
                     node_({11, 16, 11, 25}, "load", &load, path), 0.0);
      },
      [&](const ag::detail::Caught &e) {
        ag::detail::effect_node_({12, 5, 12, 18}, "note", &note, e.what());
      },
      /*catchAll=*/false);
  return best;
}
[[maybe_unused]] const bool guardedRegistered = detail::registerTwin(
    reinterpret_cast<const void *>(&guarded),
    reinterpret_cast<const void *>(&twin_guarded), "guarded", sourcePath(), 9);

Fit guardedAll(std::string path) {
  Fit best{0, -1};
  try {
    best = fit(load(path), 0.0);
  } catch (...) {
    best = Fit{0, -2};
  }
  return best;
}
Lazy<Fit> twin_guardedAll(std::string path) {
  FunctionScope scope("guardedAll", sourcePath(), 9, 9, {});
  Lazy<Fit> best = Fit{0, -1};
  ag::detail::try_(
      {10, 3, 10, 5}, {{"best", best}},
      [&] {
        best = node_({11, 12, 11, 29, "best"}, "fit", &fit,
                     node_({11, 16, 11, 25}, "load", &load, path), 0.0);
      },
      [&](const ag::detail::Caught &) {
        best = Fit{0, -2};
      },
      /*catchAll=*/true);
  return best;
}
[[maybe_unused]] const bool guardedAllRegistered =
    detail::registerTwin(reinterpret_cast<const void *>(&guardedAll),
                         reinterpret_cast<const void *>(&twin_guardedAll),
                         "guardedAll", sourcePath(), 9);

TEST(NodeTest, TryTakesTheBodyWhenNothingThrows) {
  notes.clear();
  Fit graph = ag::function(&guarded)(std::string("abcdef"));
  Fit eager = guarded("abcdef");
  EXPECT_EQ(graph.loss, eager.loss);
  EXPECT_EQ(graph.slope, eager.slope);
  EXPECT_TRUE(notes.empty());
}

TEST(NodeTest, TryRunsTheHandlerWithWhatWhenANodeThrows) {
  notes.clear();
  Fit eager = guarded("missing");
  std::vector<std::string> eagerNotes = notes;
  notes.clear();
  Fit graph = ag::function(&guarded)(std::string("missing"));
  EXPECT_EQ(graph.loss, -1);
  EXPECT_EQ(graph.loss, eager.loss);
  EXPECT_EQ(notes, eagerNotes);
  EXPECT_EQ(notes, std::vector<std::string>{"cannot open 'missing'"});
  // The graph shows the try and its handler's message argument.
  std::string mlir =
      ag::function(&guarded).graph(std::string("missing")).mlir();
  EXPECT_NE(mlir.find("ag.try"), std::string::npos) << mlir;
  EXPECT_NE(mlir.find("} catch {"), std::string::npos) << mlir;
}

TEST(NodeTest, TryOfStdExceptionLetsOtherExceptionsThrough) {
  // `throw 42` is no std::exception: eagerly it passes the catch, and in the
  // graph it stays the evaluation's located error.
  EXPECT_THROW(guarded("weird"), int);
  try {
    ag::function (&guarded)(std::string("weird"));
    FAIL() << "expected an ag::Error";
  } catch (const Error &e) {
    EXPECT_EQ(e.loc().line, 11u);
    EXPECT_NE(e.message().find("an exception of type int"), std::string::npos)
        << e.message();
  }
  // The session stays usable.
  EXPECT_EQ(ag::function(&guarded)(std::string("abc")).loss,
            guarded("abc").loss);
}

TEST(NodeTest, TryOfEverythingCatchesOtherExceptions) {
  EXPECT_EQ(guardedAll("weird").loss, -2);
  EXPECT_EQ(ag::function(&guardedAll)(std::string("weird")).loss, -2);
  EXPECT_EQ(ag::function(&guardedAll)(std::string("missing")).loss, -2);
  EXPECT_EQ(ag::function(&guardedAll)(std::string("abc")).loss,
            guardedAll("abc").loss);
}

// Effects in a try: those before the failing node happen, the rest do not,
// then the handler's (as eagerly).
AG_NODE double tableSize(const Table &t) {
  return static_cast<double>(t.x.size());
}
Tensor tryEffects(std::string path) {
  Tensor n = -1.0;
  try {
    record(1);
    n = tableSize(load(path));
    record(2);
  } catch (...) {
    record(9);
  }
  return n;
}
Tensor twin_tryEffects(std::string path) {
  FunctionScope scope("tryEffects", sourcePath(), 9, 9, {});
  Tensor n = -1.0;
  ag::detail::try_(
      {10, 3, 10, 5}, {{"n", n}},
      [&] {
        ag::detail::effect_node_({11, 5, 11, 14}, "record", &record, 1);
        n = node_({12, 9, 12, 30, "n"}, "tableSize", &tableSize,
                  node_({12, 19, 12, 29}, "load", &load, path));
        ag::detail::effect_node_({13, 5, 13, 14}, "record", &record, 2);
      },
      [&](const ag::detail::Caught &) {
        ag::detail::effect_node_({15, 5, 15, 14}, "record", &record, 9);
      },
      /*catchAll=*/true);
  return n;
}
[[maybe_unused]] const bool tryEffectsRegistered =
    detail::registerTwin(reinterpret_cast<const void *>(&tryEffects),
                         reinterpret_cast<const void *>(&twin_tryEffects),
                         "tryEffects", sourcePath(), 9);

TEST(NodeTest, TryRunsOnlyTheTakenPathsEffects) {
  for (std::string path : {"missing", "abcd"}) {
    journal.clear();
    Tensor eager = tryEffects(path);
    std::vector<int> eagerJournal = journal;
    journal.clear();
    Tensor graph = ag::function(&tryEffects)(path);
    EXPECT_TRUE(graph.identical(eager)) << path;
    EXPECT_EQ(journal, eagerJournal) << path;
  }
  EXPECT_EQ(journal, (std::vector<int>{1, 2}));
}

// Typed clauses (tryCatch_): the first clause whose type C++ would catch the
// node's exception with runs; one none matches propagates.
Tensor typedTry(std::string path) {
  Tensor n = 0.0;
  try {
    n = tableSize(load(path));
  } catch (const std::logic_error &) {
    n = -1.0;
  } catch (const std::runtime_error &e) {
    note(e.what());
    n = -2.0;
  }
  return n;
}
Tensor twin_typedTry(std::string path) {
  FunctionScope scope("typedTry", sourcePath(), 9, 9, {});
  Tensor n = 0.0;
  ag::detail::tryCatch_(
      {10, 3, 10, 5}, {{"n", n}},
      [&] {
        n = node_({11, 9, 11, 30, "n"}, "tableSize", &tableSize,
                  node_({11, 19, 11, 29}, "load", &load, path));
      },
      ag::detail::catch_<std::logic_error>(
          [&](const ag::detail::Caught &) { n = -1.0; }),
      ag::detail::catch_<std::runtime_error>([&](const ag::detail::Caught &e) {
        ag::detail::effect_node_({15, 5, 15, 16}, "note", &note, e.what());
        n = -2.0;
      }));
  return n;
}
[[maybe_unused]] const bool typedTryRegistered =
    detail::registerTwin(reinterpret_cast<const void *>(&typedTry),
                         reinterpret_cast<const void *>(&twin_typedTry),
                         "typedTry", sourcePath(), 9);

TEST(NodeTest, TryCatchesMatchTheExceptionsTypeInOrder) {
  notes.clear();
  EXPECT_EQ(ag::function(&typedTry)(std::string("missing")).item<double>(),
            -2.0);
  EXPECT_EQ(notes, std::vector<std::string>{"cannot open 'missing'"});
  EXPECT_EQ(typedTry("missing").item<double>(), -2.0);
  EXPECT_EQ(ag::function(&typedTry)(std::string("abc")).item<double>(),
            typedTry("abc").item<double>());
  // `throw 42` matches neither clause: the located error, as eagerly.
  EXPECT_THROW(typedTry("weird"), int);
  try {
    ag::function (&typedTry)(std::string("weird"));
    FAIL() << "expected an ag::Error";
  } catch (const Error &e) {
    EXPECT_EQ(e.loc().line, 11u);
  }
  std::string mlir =
      ag::function(&typedTry).graph(std::string("missing")).mlir();
  EXPECT_NE(mlir.find("catches [\"std::logic_error\", \"std::runtime_error\"]"),
            std::string::npos)
      << mlir;
}

// --- Future: progress and a call's own cancel --------------------------------

std::mutex gateMutex;
std::condition_variable gateCv;
bool gateOpen = false;
int gateEntered = 0;
// Blocks until the test opens the gate (a latch: no timing is measured).
AG_NODE int gated(int v) {
  std::unique_lock<std::mutex> lock(gateMutex);
  ++gateEntered;
  gateCv.notify_all();
  gateCv.wait(lock, [] { return gateOpen; });
  return v + 1;
}
Tensor gatedChain(int v) { return gated(gated(v)); }
Tensor twin_gatedChain(int v) {
  FunctionScope scope("gatedChain", sourcePath(), 9, 9, {});
  return node_({10, 10, 10, 30}, "gated", &gated,
               node_({10, 16, 10, 29}, "gated", &gated, v));
}
[[maybe_unused]] const bool gatedChainRegistered =
    detail::registerTwin(reinterpret_cast<const void *>(&gatedChain),
                         reinterpret_cast<const void *>(&twin_gatedChain),
                         "gatedChain", sourcePath(), 9);

void waitUntilEntered(int n) {
  std::unique_lock<std::mutex> lock(gateMutex);
  gateCv.wait(lock, [n] { return gateEntered >= n; });
}
void setGate(bool open) {
  std::lock_guard<std::mutex> lock(gateMutex);
  gateOpen = open;
  gateCv.notify_all();
}

TEST(NodeTest, FutureReportsProgress) {
  auto fn = ag::function(&gatedChain);
  fn.graph(1); // traced before: the call's progress starts at its run
  setGate(false);
  gateEntered = 0;
  Future<Tensor> f = fn.async(1);
  waitUntilEntered(1);
  Progress during = f.progress();
  EXPECT_EQ(during.total, 2u);
  EXPECT_EQ(during.done, 0u);
  setGate(true);
  EXPECT_EQ(f.get().elementAsDouble(0), 3.0);
  Progress after = f.progress();
  EXPECT_EQ(after.done, after.total);
  EXPECT_EQ(after.total, 2u);
}

TEST(NodeTest, FutureCancelStopsTheCallBeforeItsNextNode) {
  auto fn = ag::function(&gatedChain);
  setGate(false);
  gateEntered = 0;
  Future<Tensor> f = fn.async(5);
  waitUntilEntered(1);
  f.cancel();
  setGate(true); // the running node finishes; the next one never starts
  try {
    f.get();
    FAIL() << "expected an ag::Error";
  } catch (const Error &e) {
    EXPECT_NE(e.message().find("evaluation cancelled"), std::string::npos)
        << e.message();
  }
  EXPECT_EQ(gateEntered, 1);
  EXPECT_LT(f.progress().done, f.progress().total);
  // Only that call was cancelled: the next one runs.
  EXPECT_EQ(fn.async(5).get().elementAsDouble(0), 7.0);
}

} // namespace
