//===- EvaluatorTest.cpp - Lazy evaluation of hand-built Programs ---------===//
//
// Programs are built by hand (no MLIR) so these tests pin the evaluator's
// semantics: laziness, release of intermediates, persistence, effects,
// determinism across worker counts and located errors.
//
//===----------------------------------------------------------------------===//

#include "ag/runtime/Evaluator.h"

#include "gtest/gtest.h"

#include <atomic>
#include <sstream>

using namespace ag;
using namespace ag::exec;

namespace {

/// Small helpers so each test reads like the graph it builds.
struct Builder {
  Program &p;
  /// Mark slots as typed int64 scalars (as the lowering would), which lets
  /// the evaluator compile all-scalar control flow to register code.
  bool typed = false;

  SlotId arg(const std::string &name, DType dtype = DType::Int64,
             Shape shape = {}) {
    SlotInfo info;
    info.name = name;
    info.typed = typed;
    info.dtype = dtype;
    info.shape = std::move(shape);
    return p.addArgument(std::move(info));
  }
  SlotId slot(const std::string &name = {}, bool token = false) {
    SlotInfo info;
    info.name = name;
    info.isToken = token;
    info.typed = typed;
    return p.addSlot(std::move(info));
  }
  static std::shared_ptr<const NodeSource> at(unsigned line, unsigned col,
                                              const std::string &name = {}) {
    auto src = std::make_shared<NodeSource>();
    src->loc.file = "f.cpp";
    src->loc.line = line;
    src->loc.col = col;
    src->loc.name = name;
    return src;
  }
  SlotId node(NodeKind kind, OpKind op, std::vector<SlotId> operands,
              const std::string &name = {}, unsigned line = 1,
              bool heavy = false) {
    Node n;
    n.kind = kind;
    n.op = op;
    n.operands = std::move(operands);
    SlotId r = slot(name);
    if (isComparison(op) && kind == NodeKind::Binary)
      p.slot(r).dtype = DType::Bool;
    n.results = {r};
    n.opName = std::string("ag.") + opKindName(op);
    n.source = at(line, 3, name);
    n.heavy = heavy;
    p.addNode(std::move(n));
    return r;
  }
  SlotId binary(OpKind op, SlotId a, SlotId b, const std::string &name = {},
                unsigned line = 1, bool heavy = false) {
    return node(NodeKind::Binary, op, {a, b}, name, line, heavy);
  }
  SlotId unary(OpKind op, SlotId a, const std::string &name = {},
               unsigned line = 1) {
    return node(NodeKind::Unary, op, {a}, name, line);
  }
  SlotId constant(Tensor t) { return p.addConstant(std::move(t)); }
  SlotId token() {
    Node n;
    n.kind = NodeKind::Token;
    SlotId r = slot("", true);
    n.results = {r};
    n.opName = "ag.token";
    p.addNode(std::move(n));
    return r;
  }
  SlotId print(SlotId tok, const std::string &format, std::vector<SlotId> args,
               unsigned line = 1) {
    Node n;
    n.kind = NodeKind::Print;
    n.operands = {tok};
    n.operands.insert(n.operands.end(), args.begin(), args.end());
    n.text = format;
    SlotId r = slot("", true);
    n.results = {r};
    n.opName = "ag.print";
    n.source = at(line, 3);
    p.addNode(std::move(n));
    return r;
  }
  /// A host node counting how often it ran, passing its input through.
  SlotId counted(SlotId in, std::shared_ptr<std::atomic<int>> counter) {
    Node n;
    n.kind = NodeKind::Host;
    n.operands = {in};
    n.host = [counter](const std::vector<Value> &v) {
      ++*counter;
      return std::vector<Value>{v[0]};
    };
    SlotId r = slot();
    n.results = {r};
    n.opName = "host.count";
    p.addNode(std::move(n));
    return r;
  }
};

int64_t asInt(const Value &v) { return v.tensor().item<int64_t>(); }

SlotInfo typedScalar(bool typed) {
  SlotInfo info;
  info.typed = typed;
  return info;
}

std::vector<Tensor> feeds(std::initializer_list<Tensor> values) {
  return std::vector<Tensor>(values);
}

/// a -> x = a + 1, y = a * 2 (unused by z), z = x * x
struct Diamond {
  std::shared_ptr<Program> p = std::make_shared<Program>();
  SlotId a, x, y, z;
  Diamond() {
    Builder b{*p};
    a = b.arg("a");
    SlotId one = b.constant(Tensor(int64_t(1)));
    SlotId two = b.constant(Tensor(int64_t(2)));
    x = b.binary(OpKind::Add, a, one, "x");
    y = b.binary(OpKind::Mul, a, two, "y");
    z = b.binary(OpKind::Mul, x, x, "z");
    p->addResult(z);
    p->addResult(y);
    p->finalize();
  }
};

TEST(Evaluator, RunsOnlyWhatTheFetchNeeds) {
  Diamond d;
  Session s(d.p);
  auto out = s.run({d.z}, feeds({Tensor(int64_t(4))}));
  EXPECT_EQ(asInt(out[0]), 25);
  EXPECT_EQ(s.lastRunStats().opsExecuted, 2u); // x and z, never y
  out = s.run({d.y}, feeds({Tensor(int64_t(4))}));
  EXPECT_EQ(asInt(out[0]), 8);
  EXPECT_EQ(s.lastRunStats().opsExecuted, 1u);
}

TEST(Evaluator, FetchingAnArgumentRunsNothing) {
  Diamond d;
  Session s(d.p);
  auto out = s.run({d.a}, feeds({Tensor(int64_t(4))}));
  EXPECT_EQ(asInt(out[0]), 4);
  EXPECT_EQ(s.lastRunStats().opsExecuted, 0u);
}

TEST(Evaluator, MissingFeedIsAnErrorOnlyWhenNeeded) {
  auto p = std::make_shared<Program>();
  Builder b{*p};
  SlotId a = b.arg("a");
  SlotId c = b.arg("c");
  SlotId x = b.unary(OpKind::Neg, a, "x");
  p->addResult(x);
  p->addResult(c);
  p->finalize();
  Session s(p);
  EXPECT_EQ(asInt(s.run({x}, feeds({Tensor(int64_t(3)), Tensor()}))[0]), -3);
  try {
    s.run({c}, feeds({Tensor(int64_t(3)), Tensor()}));
    FAIL() << "expected a missing-feed error";
  } catch (const Error &e) {
    EXPECT_NE(std::string(e.message()).find("missing feed for parameter 'c'"),
              std::string::npos);
  }
}

/// if (a > 0) r = a + 1; else r = counted(a / zero);
struct Branchy {
  std::shared_ptr<Program> p = std::make_shared<Program>();
  std::shared_ptr<std::atomic<int>> elseRuns =
      std::make_shared<std::atomic<int>>(0);
  SlotId a, r;
  Branchy() {
    Builder b{*p};
    a = b.arg("a");
    SlotId zero = b.constant(Tensor(int64_t(0)));
    SlotId cond = b.binary(OpKind::Gt, a, zero, "cond");

    auto thenR = std::make_unique<Program>();
    {
      Builder t{*thenR};
      SlotId ia = thenR->addCapture(a);
      SlotId one = t.constant(Tensor(int64_t(1)));
      thenR->addResult(t.binary(OpKind::Add, ia, one, "r", 5));
    }
    auto elseR = std::make_unique<Program>();
    {
      Builder e{*elseR};
      SlotId ia = elseR->addCapture(a);
      SlotId z = elseR->addCapture(zero);
      SlotId q = e.binary(OpKind::Div, ia, z, "q", 7);
      elseR->addResult(e.counted(q, elseRuns));
    }
    Node n;
    n.kind = NodeKind::If;
    n.operands = {cond, a, zero};
    n.numExplicitOperands = 1;
    r = b.slot("r");
    n.results = {r};
    n.opName = "ag.if";
    n.source = Builder::at(4, 3);
    n.regions.push_back(std::move(thenR));
    n.regions.push_back(std::move(elseR));
    p->addNode(std::move(n));
    p->addResult(r);
    p->finalize();
  }
};

TEST(Evaluator, UntakenBranchNeverRuns) {
  Branchy g;
  Session s(g.p);
  auto out = s.run({g.r}, feeds({Tensor(int64_t(41))}));
  EXPECT_EQ(asInt(out[0]), 42);
  EXPECT_EQ(*g.elseRuns, 0);
  // cmp, if, add inside the then-region.
  EXPECT_EQ(s.lastRunStats().opsExecuted, 3u);
}

TEST(Evaluator, ErrorInTakenBranchIsLocatedAndSessionStaysUsable) {
  Branchy g;
  Session s(g.p);
  try {
    s.run({g.r}, feeds({Tensor(int64_t(-3))}));
    FAIL() << "expected division by zero";
  } catch (const Error &e) {
    EXPECT_EQ(e.diagnostic().phase, Diagnostic::Phase::Evaluation);
    EXPECT_EQ(e.loc().file, "f.cpp");
    EXPECT_EQ(e.loc().line, 7u);
    EXPECT_NE(e.message().find("division by zero"), std::string::npos)
        << e.message();
  }
  EXPECT_EQ(*g.elseRuns, 0);
  auto out = s.run({g.r}, feeds({Tensor(int64_t(1))}));
  EXPECT_EQ(asInt(out[0]), 2);
}

TEST(Evaluator, ReleasesIntermediatesAfterTheirLastConsumer) {
  // A chain v -> t1 -> t2 -> t3 -> t4 of 1000-element tensors: at most the
  // input and two links are alive at once.
  auto p = std::make_shared<Program>();
  Builder b{*p};
  SlotId v = b.arg("v", DType::Float64, {1000});
  SlotId prev = v;
  for (int i = 0; i < 4; ++i)
    prev = b.unary(OpKind::Neg, prev, "t" + std::to_string(i + 1));
  p->addResult(prev);
  p->finalize();
  Session s(p);
  std::vector<double> data(1000, 1.5);
  auto out = s.run({prev}, feeds({Tensor::fromVector(data, {1000})}));
  EXPECT_EQ(out[0].tensor().elementAsDouble(999), 1.5);
  const RunStats &st = s.lastRunStats();
  EXPECT_EQ(st.opsExecuted, 4u);
  // v, t1, t2, t3 released; t4 is the fetch and stays.
  EXPECT_EQ(st.buffersReleased, 4u);
  EXPECT_LE(st.peakLiveBytes, 2 * 1000 * sizeof(double));
  EXPECT_GE(st.peakLiveBytes, 1000 * sizeof(double));
}

TEST(Evaluator, PersistedValuesAreNotRecomputedUntilAFeedChanges) {
  Diamond d;
  Session s(d.p);
  s.persist(d.x);
  EXPECT_EQ(asInt(s.run({d.z}, feeds({Tensor(int64_t(4))}))[0]), 25);
  EXPECT_EQ(s.lastRunStats().opsExecuted, 2u);
  // x is cached: fetching it runs nothing, z needs only its own node.
  EXPECT_EQ(asInt(s.run({d.x}, feeds({Tensor(int64_t(4))}))[0]), 5);
  EXPECT_EQ(s.lastRunStats().opsExecuted, 0u);
  EXPECT_EQ(asInt(s.run({d.z}, feeds({Tensor(int64_t(4))}))[0]), 25);
  EXPECT_EQ(s.lastRunStats().opsExecuted, 1u);
  // A different feed invalidates the cache.
  EXPECT_EQ(asInt(s.run({d.x}, feeds({Tensor(int64_t(6))}))[0]), 7);
  EXPECT_EQ(s.lastRunStats().opsExecuted, 1u);
}

TEST(Evaluator, PersistAllCachesEveryComputedValue) {
  Diamond d;
  Session s(d.p);
  s.persistAll();
  s.run({d.z, d.y}, feeds({Tensor(int64_t(4))}));
  EXPECT_EQ(s.lastRunStats().opsExecuted, 3u);
  EXPECT_EQ(s.lastRunStats().buffersReleased, 0u);
  auto out = s.run({d.z, d.y}, feeds({Tensor(int64_t(4))}));
  EXPECT_EQ(s.lastRunStats().opsExecuted, 0u);
  EXPECT_EQ(asInt(out[0]), 25);
  EXPECT_EQ(asInt(out[1]), 8);
}

TEST(Evaluator, EffectsRunOnceInProgramOrderOnlyWhenTheirTokenIsNeeded) {
  auto p = std::make_shared<Program>();
  Builder b{*p};
  SlotId a = b.arg("a");
  SlotId tok = b.token();
  SlotId t1 = b.print(tok, "first {}\n", {a}, 2);
  SlotId sq = b.binary(OpKind::Mul, a, a, "sq");
  SlotId t2 = b.print(t1, "second {}\n", {sq}, 3);
  p->addResult(sq);
  p->addResult(t2);
  p->finalize();
  Session s(p);

  testing::internal::CaptureStdout();
  s.run({sq}, feeds({Tensor(int64_t(3))}));
  EXPECT_EQ(testing::internal::GetCapturedStdout(), "");

  testing::internal::CaptureStdout();
  auto out = s.run({sq, t2}, feeds({Tensor(int64_t(3))}));
  EXPECT_EQ(testing::internal::GetCapturedStdout(), "first 3\nsecond 9\n");
  EXPECT_EQ(out[1].kind(), Value::Kind::Token);
}

/// sum over a wide layer of heavy nodes; every value depends on `a`.
std::shared_ptr<Program> wideProgram(SlotId &result) {
  auto p = std::make_shared<Program>();
  Builder b{*p};
  SlotId a = b.arg("a", DType::Float64, {4096});
  std::vector<SlotId> layer;
  for (int i = 0; i < 16; ++i) {
    SlotId c = b.constant(Tensor(double(i) + 0.5));
    SlotId m = b.binary(OpKind::Mul, a, c, "m" + std::to_string(i), 1, true);
    layer.push_back(b.node(NodeKind::Unary, OpKind::Sqrt, {m}, "", 2));
    p->nodes().back().heavy = true;
  }
  while (layer.size() > 1) {
    std::vector<SlotId> next;
    for (size_t i = 0; i + 1 < layer.size(); i += 2)
      next.push_back(
          b.binary(OpKind::Add, layer[i], layer[i + 1], "", 3, true));
    layer = next;
  }
  result = b.node(NodeKind::ReduceSum, OpKind::Add, {layer[0]}, "total", 4);
  p->addResult(result);
  p->finalize();
  return p;
}

TEST(Evaluator, ResultsAreIdenticalForAnyWorkerCount) {
  SlotId total;
  auto p = wideProgram(total);
  std::vector<double> data(4096);
  for (size_t i = 0; i < data.size(); ++i)
    data[i] = 0.001 * static_cast<double>(i);
  Tensor input = Tensor::fromVector(data, {4096});
  Tensor reference;
  for (int threads : {1, 2, 4}) {
    Session s(p);
    RunOptions opts;
    opts.threads = threads;
    Tensor t = s.run({total}, feeds({input}), opts)[0].tensor();
    EXPECT_EQ(s.lastRunStats().opsExecuted, 16u * 2 + 15 + 1);
    // Everything but the result and the input slot's last use is released.
    EXPECT_EQ(s.lastRunStats().buffersReleased, 16u * 2 + 15 + 1);
    if (!reference.defined())
      reference = t;
    else
      EXPECT_TRUE(t.identical(reference)) << "threads=" << threads;
  }
}

TEST(Evaluator, ParallelErrorIsReportedAndSessionStaysUsable) {
  // Heavy independent nodes; one divides integers by a zero element.
  auto p = std::make_shared<Program>();
  Builder b{*p};
  SlotId a = b.arg("a", DType::Int64, {64});
  SlotId d = b.arg("d", DType::Int64, {64});
  SlotId q = b.binary(OpKind::Div, a, d, "q", 10, true);
  SlotId m = b.binary(OpKind::Mul, a, a, "m", 11, true);
  SlotId r = b.binary(OpKind::Add, q, m, "r", 12, true);
  p->addResult(r);
  p->finalize();
  Session s(p);
  RunOptions opts;
  opts.threads = 4;
  std::vector<int64_t> ones(64, 1), zeros(64, 0);
  Tensor av = Tensor::fromVector(ones, {64});
  EXPECT_THROW(
      {
        try {
          s.run({r}, feeds({av, Tensor::fromVector(zeros, {64})}), opts);
        } catch (const Error &e) {
          EXPECT_EQ(e.loc().line, 10u);
          throw;
        }
      },
      Error);
  auto out = s.run({r}, feeds({av, av}), opts);
  EXPECT_EQ(out[0].tensor().elementAsDouble(0), 2.0);
}

/// acc = 0; for (i = 0; i < n; ++i) acc += 10 / (5 - i);
struct DivLoop {
  std::shared_ptr<Program> p = std::make_shared<Program>();
  SlotId n, acc;
  DivLoop() {
    Builder b{*p};
    n = b.arg("n");
    SlotId zero = b.constant(Tensor(int64_t(0)));
    SlotId one = b.constant(Tensor(int64_t(1)));
    auto body = std::make_unique<Program>();
    {
      Builder bb{*body};
      SlotId i = bb.arg("i");
      SlotId accIn = bb.arg("acc");
      SlotId ten = bb.constant(Tensor(int64_t(10)));
      SlotId five = bb.constant(Tensor(int64_t(5)));
      SlotId den = bb.binary(OpKind::Sub, five, i, "den", 8);
      SlotId q = bb.binary(OpKind::Div, ten, den, "q", 9);
      body->addResult(bb.binary(OpKind::Add, accIn, q, "acc", 9));
    }
    Node loop;
    loop.kind = NodeKind::For;
    loop.operands = {zero, n, one, zero};
    loop.numExplicitOperands = 4;
    acc = b.slot("acc");
    loop.results = {acc};
    loop.opName = "ag.for";
    loop.source = Builder::at(6, 3);
    loop.regions.push_back(std::move(body));
    p->addNode(std::move(loop));
    p->addResult(acc);
    p->finalize();
  }
};

TEST(Evaluator, LoopErrorCarriesTheIterationNumber) {
  DivLoop g;
  Session s(g.p);
  // i = 0..4: 2 + 2 + 3 + 5 + 10
  EXPECT_EQ(asInt(s.run({g.acc}, feeds({Tensor(int64_t(5))}))[0]), 22);
  // ops: for + 5 iterations * 3
  EXPECT_EQ(s.lastRunStats().opsExecuted, 1u + 5 * 3);
  try {
    s.run({g.acc}, feeds({Tensor(int64_t(8))}));
    FAIL() << "expected division by zero";
  } catch (const Error &e) {
    EXPECT_EQ(e.loc().line, 9u);
    ASSERT_EQ(e.notes().size(), 1u);
    EXPECT_EQ(e.notes()[0].loc.line, 6u);
    EXPECT_EQ(e.notes()[0].message, "in iteration 6 of this loop");
  }
  EXPECT_EQ(asInt(s.run({g.acc}, feeds({Tensor(int64_t(2))}))[0]), 4);
}

/// Collatz as a while loop with an if inside:
///   counter = 0; while (a != 1) { a = a % 2 == 0 ? a / 2 : 3 * a + 1;
///   ++counter; }
struct Collatz {
  std::shared_ptr<Program> p = std::make_shared<Program>();
  SlotId a, counter, finalA;
  explicit Collatz(bool typed = false) {
    Builder b{*p, typed};
    a = b.arg("a");
    SlotId zero = b.constant(Tensor(int64_t(0)));

    auto before = std::make_unique<Program>();
    {
      Builder bb{*before, typed};
      SlotId ba = bb.arg("a"), bc = bb.arg("counter");
      SlotId one = bb.constant(Tensor(int64_t(1)));
      before->addResult(bb.binary(OpKind::Ne, ba, one, "", 3));
      before->addResult(ba);
      before->addResult(bc);
    }
    auto after = std::make_unique<Program>();
    {
      Builder ab{*after, typed};
      SlotId aa = ab.arg("a"), ac = ab.arg("counter");
      SlotId one = ab.constant(Tensor(int64_t(1)));
      SlotId two = ab.constant(Tensor(int64_t(2)));
      SlotId zero2 = ab.constant(Tensor(int64_t(0)));
      SlotId rem = ab.binary(OpKind::Rem, aa, two, "", 4);
      SlotId even = ab.binary(OpKind::Eq, rem, zero2, "", 4);
      auto thenR = std::make_unique<Program>();
      {
        Builder t{*thenR, typed};
        SlotId ca = thenR->addCapture(aa, typedScalar(typed));
        SlotId c2 = thenR->addCapture(two, typedScalar(typed));
        thenR->addResult(t.binary(OpKind::Div, ca, c2, "a", 4));
      }
      auto elseR = std::make_unique<Program>();
      {
        Builder e{*elseR, typed};
        SlotId ca = elseR->addCapture(aa, typedScalar(typed));
        SlotId one2 = elseR->addCapture(one, typedScalar(typed));
        SlotId three = e.constant(Tensor(int64_t(3)));
        SlotId m = e.binary(OpKind::Mul, three, ca, "", 5);
        elseR->addResult(e.binary(OpKind::Add, m, one2, "a", 5));
      }
      Node n;
      n.kind = NodeKind::If;
      n.operands = {even, aa, two, one};
      n.numExplicitOperands = 1;
      SlotId na = ab.slot("a");
      n.results = {na};
      n.opName = "ag.if";
      n.heavy = false;
      after->addNode(std::move(n));
      after->nodes().back().regions.push_back(std::move(thenR));
      after->nodes().back().regions.push_back(std::move(elseR));
      SlotId nc = ab.binary(OpKind::Add, ac, one, "counter", 6);
      after->addResult(na);
      after->addResult(nc);
    }
    Node loop;
    loop.kind = NodeKind::While;
    loop.operands = {a, zero};
    loop.numExplicitOperands = 2;
    finalA = b.slot("a_final");
    counter = b.slot("counter");
    loop.results = {finalA, counter};
    loop.opName = "ag.while";
    loop.source = Builder::at(3, 3);
    loop.regions.push_back(std::move(before));
    loop.regions.push_back(std::move(after));
    p->addNode(std::move(loop));
    p->addResult(counter);
    p->finalize();
  }
};

TEST(Evaluator, CollatzWhileLoop) {
  Collatz g;
  Session s(g.p);
  EXPECT_EQ(asInt(s.run({g.counter}, feeds({Tensor(int64_t(27))}))[0]), 111);
  EXPECT_EQ(asInt(s.run({g.counter}, feeds({Tensor(int64_t(1))}))[0]), 0);
  auto out = s.run({g.finalA, g.counter}, feeds({Tensor(int64_t(6))}));
  EXPECT_EQ(asInt(out[0]), 1);
  EXPECT_EQ(asInt(out[1]), 8);
}

TEST(Evaluator, HostValuesAndCallablesFlowThroughSlots) {
  // A user operation producing an opaque C++ object and another consuming
  // it: slots hold host values as they hold tensors, and laziness holds.
  auto p = std::make_shared<Program>();
  Builder b{*p};
  SlotId a = b.arg("a");
  auto calls = std::make_shared<std::atomic<int>>(0);
  Node describe;
  describe.kind = NodeKind::Host;
  describe.operands = {a};
  describe.host = [calls](const std::vector<Value> &in) {
    ++*calls;
    auto text =
        std::make_shared<const std::any>("value " + toString(in[0].tensor()));
    return std::vector<Value>{Value::host(text)};
  };
  SlotId text = b.slot("text");
  describe.results = {text};
  describe.opName = "host.describe";
  p->addNode(std::move(describe));
  Node length;
  length.kind = NodeKind::Host;
  length.operands = {text};
  length.host = [](const std::vector<Value> &in) {
    const auto &s = std::any_cast<const std::string &>(*in[0].hostValue());
    return std::vector<Value>{Tensor(static_cast<int64_t>(s.size()))};
  };
  SlotId len = b.slot("len");
  length.results = {len};
  length.opName = "host.length";
  p->addNode(std::move(length));
  p->addResult(len);
  p->finalize();

  Session s(p);
  EXPECT_EQ(asInt(s.run({len}, feeds({Tensor(int64_t(12345))}))[0]), 11);
  auto out = s.run({text}, feeds({Tensor(int64_t(7))}));
  ASSERT_EQ(out[0].kind(), Value::Kind::Host);
  EXPECT_EQ(std::any_cast<const std::string &>(*out[0].hostValue()), "value 7");
  EXPECT_EQ(s.lastRunStats().opsExecuted, 1u);
  EXPECT_EQ(*calls, 2);
}

TEST(Evaluator, ScalarRegisterCodeMatchesTheGeneralPath) {
  // Typed scalar slots let the while loop run as register code; verbose
  // mode always takes the general path. Both must agree on every value
  // and on the number of ops executed.
  Collatz typed(/*typed=*/true);
  Session fast(typed.p), general(typed.p);
  std::ostringstream log;
  RunOptions verbose;
  verbose.verbose = true;
  verbose.log = &log;
  for (int64_t n : {1, 2, 3, 6, 7, 27, 97, 871}) {
    auto f = fast.run({typed.finalA, typed.counter}, feeds({Tensor(n)}));
    auto g =
        general.run({typed.finalA, typed.counter}, feeds({Tensor(n)}), verbose);
    EXPECT_EQ(asInt(f[1]), asInt(g[1])) << n;
    EXPECT_EQ(asInt(f[0]), 1);
    EXPECT_EQ(fast.lastRunStats().opsExecuted,
              general.lastRunStats().opsExecuted)
        << n;
    // Register code has no per-iteration slots to release (only the
    // top-level feed is), unlike the general path.
    EXPECT_EQ(fast.lastRunStats().buffersReleased, 1u);
    if (n > 1) {
      EXPECT_GT(general.lastRunStats().buffersReleased, 1u);
    }
  }
  EXPECT_EQ(asInt(fast.run({typed.counter}, feeds({Tensor(int64_t(27))}))[0]),
            111);
}

TEST(Evaluator, VerboseTraceNamesComputingRunningAndReleased) {
  Diamond d;
  Session s(d.p);
  std::ostringstream log;
  RunOptions opts;
  opts.verbose = true;
  opts.log = &log;
  s.run({d.z}, feeds({Tensor(int64_t(4))}), opts);
  std::string text = log.str();
  EXPECT_NE(text.find("computing z"), std::string::npos) << text;
  EXPECT_NE(text.find("running ag.add -> x at f.cpp:1:3"), std::string::npos)
      << text;
  EXPECT_NE(text.find("released x (last consumer: ag.mul"), std::string::npos)
      << text;
  EXPECT_EQ(text.find("-> y"), std::string::npos) << text;
}

} // namespace
