//===- FunctionTest.cpp - ag::function and ag::Graph on hand-written twins ===//
//
// The twins below call the staging API the way ag-convert's output does, so
// these tests exercise trace -> optimize -> lower -> evaluate without the
// converter: results equal eager ones, traces are cached per signature,
// graphs can be inspected, saved, loaded and run by name, and evaluation
// errors point at the user's source with loop iterations and call sites.
//
//===----------------------------------------------------------------------===//

#include "ag/ag.h"

#include "gtest/gtest.h"

#include <cstdio>
#include <cstdlib>
#include <fstream>

using namespace ag;

namespace {

/// The "user's source" the twins point into (for rendered snippets).
constexpr const char *kSource =
    "ag::Tensor collatz(ag::Tensor a) {\n"                 // 1
    "  ag::Tensor counter = 0;\n"                          // 2
    "  while (a != 1) {\n"                                 // 3
    "    if (a % 2 == 0) a = a / 2; else a = 3 * a + 1;\n" // 4
    "    counter += 1;\n"                                  // 5
    "  }\n"                                                // 6
    "  return counter;\n"                                  // 7
    "}\n"                                                  // 8
    "ag::Tensor inner(ag::Tensor n) {\n"                   // 9
    "  ag::Tensor acc = 0;\n"                              // 10
    "  for (ag::Tensor i = 0; i < n; i += 1)\n"            // 11
    "    acc = acc + 10 / (5 - i);\n"                      // 12
    "  return acc;\n"                                      // 13
    "}\n"                                                  // 14
    "ag::Tensor outer(ag::Tensor n) {\n"                   // 15
    "  return inner(n) * 2;\n"                             // 16
    "}\n"                                                  // 17
    "ag::Tensor shout(ag::Tensor x) {\n"                   // 18
    "  ag::print(\"x =\", x);\n"                           // 19
    "  return x + 1;\n"                                    // 20
    "}\n";                                                 // 21

const char *sourcePath() {
  static std::string path = [] {
    std::string p = ::testing::TempDir() + "ag_function_twins.cpp";
    std::ofstream(p) << kSource;
    return p;
  }();
  return path.c_str();
}

// --- collatz --------------------------------------------------------------

Tensor collatz(Tensor a) {
  Tensor counter = 0;
  while (a != 1) {
    if (a % 2 == 0)
      a = a / 2;
    else
      a = 3 * a + 1;
    counter += 1;
  }
  return counter;
}

Tensor twinCollatz(Tensor a) {
  FunctionScope scope("collatz", sourcePath(), 1, 12, {"a"});
  at({2, 3, 2, 24, "counter"});
  Tensor counter = 0;
  while_(
      {3, 3, 6, 3}, {{"a", a}, {"counter", counter}},
      [&]() -> Tensor { return a != 1; },
      [&] {
        if_(
            {4, 5, 4, 51}, {{"a", a}}, [&]() -> Tensor { return a % 2 == 0; },
            [&] {
              at({4, 21, 4, 29, "a"});
              a = a / 2;
            },
            [&] {
              at({4, 37, 4, 49, "a"});
              a = 3 * a + 1;
            });
        at({5, 5, 5, 16, "counter"});
        counter += 1;
      });
  detail::bind_({{"counter", counter}}); // as ag-convert emits
  return counter;
}
[[maybe_unused]] const bool collatzRegistered = detail::registerTwin(
    reinterpret_cast<const void *>(&collatz),
    reinterpret_cast<const void *>(&twinCollatz), "collatz", sourcePath(), 1);

// --- inner / outer: an error two converted calls deep, inside a loop -------

Tensor inner(Tensor n) {
  Tensor acc = 0;
  for (Tensor i = 0; i < n; i += 1)
    acc = acc + 10 / (5 - i);
  return acc;
}

Tensor twinInner(Tensor n) {
  FunctionScope scope("inner", sourcePath(), 9, 12);
  at({10, 3, 10, 20, "acc"});
  Tensor acc = 0;
  at({11, 8, 11, 22, "i"});
  Tensor i = 0;
  while_(
      {11, 3, 12, 28}, {{"acc", acc}, {"i", i}},
      [&]() -> Tensor { return i < n; },
      [&] {
        at({12, 11, 12, 28, "acc"});
        acc = acc + 10 / (5 - i);
        at({11, 33, 11, 38, "i"});
        i += 1;
      });
  detail::bind_({{"acc", acc}, {"i", i}}); // as ag-convert emits
  return acc;
}
[[maybe_unused]] const bool innerRegistered = detail::registerTwin(
    reinterpret_cast<const void *>(&inner),
    reinterpret_cast<const void *>(&twinInner), "inner", sourcePath(), 9);

Tensor outer(Tensor n) { return inner(n) * 2; }

Tensor twinOuter(Tensor n) {
  FunctionScope scope("outer", sourcePath(), 15, 12);
  at({16, 10, 16, 22, nullptr});
  return twinInner(n) * 2;
}
[[maybe_unused]] const bool outerRegistered = detail::registerTwin(
    reinterpret_cast<const void *>(&outer),
    reinterpret_cast<const void *>(&twinOuter), "outer", sourcePath(), 15);

// --- an effect -------------------------------------------------------------

Tensor shout(Tensor x) {
  print("x =", x);
  return x + 1;
}

Tensor twinShout(Tensor x) {
  FunctionScope scope("shout", sourcePath(), 18, 12);
  print_({19, 3, 19, 22},
         {PrintArg("x ="), PrintArg(" "), PrintArg(x), PrintArg("\n")});
  at({20, 10, 20, 14, nullptr});
  return x + 1;
}
[[maybe_unused]] const bool shoutRegistered = detail::registerTwin(
    reinterpret_cast<const void *>(&shout),
    reinterpret_cast<const void *>(&twinShout), "shout", sourcePath(), 18);

Tensor notConverted(Tensor x) { return x; }

// --- pair: a std::vector result (its length is part of each trace) ---------

std::vector<Tensor> pair(Tensor x) { return {x + 1, x * 2}; }

std::vector<Tensor> twinPair(Tensor x) {
  FunctionScope scope("pair", sourcePath(), 18, 12);
  at({20, 10, 20, 14, nullptr});
  return {x + 1, x * 2};
}
[[maybe_unused]] const bool pairRegistered = detail::registerTwin(
    reinterpret_cast<const void *>(&pair),
    reinterpret_cast<const void *>(&twinPair), "pair", sourcePath(), 18);

// --- same: returns its argument (a result that is the caller's tensor) -----

Tensor same(Tensor x) { return x; }

Tensor twinSame(Tensor x) {
  FunctionScope scope("same", sourcePath(), 18, 12);
  return x;
}
[[maybe_unused]] const bool sameRegistered = detail::registerTwin(
    reinterpret_cast<const void *>(&same),
    reinterpret_cast<const void *>(&twinSame), "same", sourcePath(), 18);

// --- halvings: a staged list (what ag-convert makes of a std::vector
// appended to in a staged loop); line numbers point into shout's lines, the
// snippets do not matter here -------------------------------------------------

Tensor halvings(Tensor x) {
  std::vector<Tensor> parts;
  while (x > 1) {
    x = x / 2;
    if (x % 2 == 1)
      parts.push_back(x);
  }
  return stack(parts);
}

Tensor twinHalvings(Tensor x) {
  FunctionScope scope("halvings", sourcePath(), 18, 12, {"x"});
  at({18, 3, 18, 10, "parts"});
  TensorList parts;
  while_(
      {19, 3, 19, 10}, {{"x", x}, {"parts", parts}},
      [&]() -> Tensor { return x > 1; },
      [&] {
        at({19, 5, 19, 10, "x"});
        x = x / 2;
        if_(
            {20, 3, 20, 10}, {{"parts", parts}},
            [&]() -> Tensor { return x % 2 == 1; },
            [&] {
              at({20, 5, 20, 10, "parts"});
              parts.push_back(x);
            },
            [] {});
      });
  at({21, 3, 21, 10, nullptr});
  detail::bind_({{"parts", parts}}); // as ag-convert emits
  return stack(parts);
}
[[maybe_unused]] const bool halvingsRegistered =
    detail::registerTwin(reinterpret_cast<const void *>(&halvings),
                         reinterpret_cast<const void *>(&twinHalvings),
                         "halvings", sourcePath(), 18);

// A push of another dtype than the first: float after int.
Tensor mixedPushes(Tensor x) {
  std::vector<Tensor> parts;
  parts.push_back(x);
  while (x > 1) {
    x = x / 2;
    parts.push_back(x * 0.5);
  }
  return stack(parts);
}

Tensor twinMixedPushes(Tensor x) {
  FunctionScope scope("mixedPushes", sourcePath(), 18, 12, {"x"});
  TensorList parts;
  at({19, 3, 19, 10, "parts"});
  parts.push_back(x);
  while_(
      {20, 3, 20, 10}, {{"x", x}, {"parts", parts}},
      [&]() -> Tensor { return x > 1; },
      [&] {
        at({20, 5, 20, 10, "x"});
        x = x / 2;
        at({21, 5, 21, 12, "parts"});
        parts.push_back(x * 0.5);
      });
  detail::bind_({{"parts", parts}}); // as ag-convert emits
  return stack(parts);
}
[[maybe_unused]] const bool mixedRegistered =
    detail::registerTwin(reinterpret_cast<const void *>(&mixedPushes),
                         reinterpret_cast<const void *>(&twinMixedPushes),
                         "mixedPushes", sourcePath(), 18);

// --- tests -----------------------------------------------------------------

TEST(Function, MatchesEagerAndTracesOncePerSignature) {
  auto g = function(&collatz);
  for (int64_t n : {1, 6, 7, 27, 97}) {
    Tensor eager = collatz(Tensor(n));
    Tensor graph = g(Tensor(n));
    EXPECT_TRUE(graph.identical(eager))
        << n << ": " << graph << " vs " << eager;
  }
  EXPECT_EQ(g.traceCount(), 1u);
  // A new dtype is a new signature.
  Tensor small = Tensor::fromVector<int32_t>({27}, {});
  EXPECT_EQ(g(small).item<int64_t>(), 111);
  EXPECT_EQ(g.traceCount(), 2u);
}

TEST(Function, AlternatingSignaturesEachReuseTheirGraph) {
  // Calls of a cached signature skip the key; a call of another signature
  // must still find its own graph, weak (literal) arguments included.
  auto g = function(&shout);
  Tensor i32 = Tensor::fromVector<int32_t>({4}, {});
  Tensor f64 = Tensor::fromVector<double>({0.5}, {});
  Tensor i64 = Tensor::fromVector<int64_t>({9}, {});
  testing::internal::CaptureStdout();
  for (int round = 0; round < 3; ++round) {
    Tensor a = g(Tensor(int64_t(6))), b = g(i32), c = g(f64), d = g(i64);
    EXPECT_TRUE(a.identical(shout(Tensor(int64_t(6)))));
    EXPECT_TRUE(b.identical(shout(i32))) << b;
    EXPECT_TRUE(c.identical(shout(f64))) << c;
    EXPECT_TRUE(d.identical(shout(i64))) << d;
    // A literal argument gives a weak result, as eagerly.
    EXPECT_TRUE(a.isWeak());
    EXPECT_FALSE(d.isWeak());
  }
  testing::internal::GetCapturedStdout();
  EXPECT_EQ(g.traceCount(), 4u);
}

TEST(Function, WeakResultThatIsTheArgumentLeavesTheArgumentAlone) {
  // The result marked weak is a new handle when the caller holds the tensor.
  auto g = function(&same);
  Tensor typed = Tensor::fromVector<int64_t>({3}, {});
  Tensor out = g(typed);
  EXPECT_FALSE(typed.isWeak());
  EXPECT_EQ(out.item<int64_t>(), 3);
  Tensor weak(int64_t(5));
  EXPECT_TRUE(g(weak).isWeak());
  EXPECT_TRUE(weak.isWeak());
}

TEST(Function, GraphBeforeTheFirstCallKeepsVectorResultLengths) {
  // graph() traces the signature; the call that reuses that trace must
  // still know the std::vector result's length.
  auto g = function(&pair);
  g.graph(Tensor(int64_t(3)));
  std::vector<Tensor> r = g(Tensor(int64_t(3)));
  ASSERT_EQ(r.size(), 2u);
  EXPECT_EQ(r[0].item<int64_t>(), 4);
  EXPECT_EQ(r[1].item<int64_t>(), 6);
  EXPECT_EQ(g.traceCount(), 1u);
}

TEST(Function, GraphIsInspectableAndRunsByName) {
  auto g = function(&collatz);
  Graph graph = g.graph(Tensor(int64_t(27)));
  // Parameters are named as the twin's FunctionScope names them.
  EXPECT_EQ(graph.inputNames(), std::vector<std::string>{"a"});
  EXPECT_EQ(graph.outputNames(), std::vector<std::string>{"result0"});
  std::vector<std::string> names = graph.valueNames();
  EXPECT_NE(std::find(names.begin(), names.end(), "counter"), names.end());

  std::string text = graph.mlir();
  EXPECT_NE(text.find("ag.while"), std::string::npos) << text;
  EXPECT_EQ(text.find("loc("), std::string::npos) << text;
  std::string located = graph.mlir(/*withLocations=*/true);
  EXPECT_NE(located.find("\"counter\""), std::string::npos) << located;
  std::string dot = graph.dot();
  EXPECT_NE(dot.find("digraph"), std::string::npos);
  // Regions and loop values are named in the user's terms, not arg0/region 0.
  EXPECT_NE(dot.find("label=\"ag.while body\""), std::string::npos) << dot;
  EXPECT_NE(dot.find("label=\"ag.while condition\""), std::string::npos) << dot;
  EXPECT_NE(dot.find("label=\"counter\\ntensor<i64>\""), std::string::npos)
      << dot;
  EXPECT_EQ(dot.find("region 0"), std::string::npos) << dot;

  auto out = graph.run({"counter"}, {{"a", Tensor(int64_t(27))}});
  EXPECT_EQ(out.at("counter").item<int64_t>(), 111);
  out = graph.run({}, {{"a", Tensor(int64_t(6))}});
  EXPECT_EQ(out.at("result0").item<int64_t>(), 8);
}

TEST(Function, SavedGraphLoadsAndRuns) {
  auto g = function(&collatz);
  Graph graph = g.graph(Tensor(int64_t(1)));
  std::string path = ::testing::TempDir() + "ag_collatz_graph.mlir";
  graph.save(path);
  Graph loaded = Graph::load(path);
  auto out = loaded.run({"counter"}, {{"a", Tensor(int64_t(27))}});
  EXPECT_EQ(out.at("counter").item<int64_t>(), 111);
  std::remove(path.c_str());
}

TEST(Function, WrongFeedAndUnknownFetchNameTheProblem) {
  auto g = function(&collatz);
  Graph graph = g.graph(Tensor(int64_t(1)));
  // A literal adopts an int parameter's dtype, but a float never becomes
  // an int implicitly.
  EXPECT_EQ(
      graph.run({"counter"}, {{"a", Tensor(6)}}).at("counter").item<int64_t>(),
      8);
  EXPECT_THROW(graph.run({"counter"}, {{"a", Tensor(2.5)}}), Error);
  try {
    graph.run({"counter"}, {{"a", Tensor::fromVector<double>({2.5}, {})}});
    ADD_FAILURE() << "expected a feed type error";
  } catch (const Error &e) {
    EXPECT_NE(e.message().find("parameter 'a' of 'collatz'"), std::string::npos)
        << e.what();
    EXPECT_NE(e.message().find("expected int64[]"), std::string::npos)
        << e.what();
    EXPECT_NE(e.message().find("got float64[]"), std::string::npos) << e.what();
  }
  try {
    graph.run({"countr"}, {{"a", Tensor(int64_t(3))}});
    ADD_FAILURE() << "expected an unknown-fetch error";
  } catch (const Error &e) {
    std::string text = e.what();
    EXPECT_NE(text.find("did you mean 'counter'"), std::string::npos) << text;
  }
}

/// Persisting is a promise of the session, whichever backend the run asks
/// for: native code cannot read the interpreter's cache, so such a graph
/// runs on the interpreter (with a remark when native code was asked for).
void expectPersistedValuesAreNotRecomputed(RunOptions::Backend backend) {
  auto g = function(&collatz);
  Graph graph = g.graph(Tensor(int64_t(1)));
  graph.persist("counter");
  RunOptions options;
  options.backend = backend;
  testing::internal::CaptureStderr();
  auto r = graph.run({"counter"}, {{"a", Tensor(int64_t(27))}}, options);
  EXPECT_EQ(r.at("counter").item<int64_t>(), 111);
  EXPECT_GT(graph.lastRunStats().opsExecuted, 100u);
  r = graph.run({"counter"}, {{"a", Tensor(int64_t(27))}}, options);
  EXPECT_EQ(r.at("counter").item<int64_t>(), 111);
  EXPECT_EQ(graph.lastRunStats().opsExecuted, 0u);
  r = graph.run({"counter"}, {{"a", Tensor(int64_t(7))}}, options);
  EXPECT_EQ(r.at("counter").item<int64_t>(), 16);
  EXPECT_GT(graph.lastRunStats().opsExecuted, 10u);
  std::string remarks = testing::internal::GetCapturedStderr();
  // AG_BACKEND, when set, overrides the run's backend.
  const char *env = std::getenv("AG_BACKEND");
  bool asksNative = env && *env ? std::string(env) == "native"
                                : backend == RunOptions::Backend::Native;
  if (asksNative) {
    EXPECT_EQ(remarks, "ag: remark: 'collatz' runs on the interpreter: it has "
                       "persisted values, which the interpreter caches "
                       "across runs\n");
  }
}

TEST(Function, PersistedValuesAreNotRecomputed) {
  expectPersistedValuesAreNotRecomputed(RunOptions::Backend::Interpreter);
}

TEST(Function, PersistedValuesAreNotRecomputedOnTheNativeBackend) {
  expectPersistedValuesAreNotRecomputed(RunOptions::Backend::Native);
}

TEST(Function, PersistedValuesAreNotRecomputedOnTheAutoBackend) {
  expectPersistedValuesAreNotRecomputed(RunOptions::Backend::Auto);
}

TEST(Function, EvaluationErrorPointsAtTheSourceWithLoopAndCallSite) {
  auto g = function(&outer);
  EXPECT_EQ(g(Tensor(int64_t(5))).item<int64_t>(), 44);
  try {
    g(Tensor(int64_t(8)));
    FAIL() << "expected division by zero";
  } catch (const Error &e) {
    EXPECT_EQ(e.diagnostic().phase, Diagnostic::Phase::Evaluation);
    EXPECT_EQ(e.loc().file, sourcePath());
    EXPECT_EQ(e.loc().line, 12u);
    EXPECT_EQ(e.message(), "integer division by zero");
    ASSERT_EQ(e.notes().size(), 2u) << e.what();
    EXPECT_EQ(e.notes()[0].loc.line, 11u);
    EXPECT_EQ(e.notes()[0].message, "in iteration 6 of this loop");
    EXPECT_EQ(e.notes()[1].loc.line, 16u);
    EXPECT_EQ(e.notes()[1].message, "called from here");
    std::string text = e.what();
    EXPECT_NE(text.find("    acc = acc + 10 / (5 - i);"), std::string::npos)
        << text;
  }
  // The function stays usable after an evaluation error.
  EXPECT_EQ(g(Tensor(int64_t(3))).item<int64_t>(), 2 * (2 + 2 + 3));
}

TEST(Function, EffectsRunOncePerCall) {
  auto g = function(&shout);
  testing::internal::CaptureStdout();
  Tensor r = g(Tensor(int64_t(4)));
  std::string printed = testing::internal::GetCapturedStdout();
  EXPECT_EQ(r.item<int64_t>(), 5);
  EXPECT_EQ(printed, "x = 4\n");
  testing::internal::CaptureStdout();
  g(Tensor(int64_t(5)));
  EXPECT_EQ(testing::internal::GetCapturedStdout(), "x = 5\n");
}

TEST(Function, MissingTwinIsAClearError) {
  auto g = function(&notConverted);
  try {
    g(Tensor(int64_t(1)));
    FAIL() << "expected a missing-twin error";
  } catch (const Error &e) {
    // Named (from the symbol table: nothing registered it), with the fix.
    EXPECT_NE(e.message().find("notConverted' has no graph twin"),
              std::string::npos)
        << e.what();
    EXPECT_NE(e.message().find("AG_CONVERT"), std::string::npos);
  }
}

TEST(Function, RetracingWarnsAfterFiveSignatures) {
  auto g = function(&shout);
  // One signature, however many values.
  testing::internal::CaptureStderr();
  for (int64_t v = 0; v < 10; ++v)
    g.graph(Tensor(v));
  EXPECT_EQ(g.traceCount(), 1u);
  std::vector<Tensor> signatures = {
      Tensor::zeros(DType::Int32, {}), Tensor::zeros(DType::Float32, {}),
      Tensor::zeros(DType::Float64, {}), Tensor::zeros(DType::Int64, {2})};
  for (const Tensor &t : signatures)
    g.graph(t);
  EXPECT_EQ(g.traceCount(), 5u);
  EXPECT_EQ(testing::internal::GetCapturedStderr().find("retracing"),
            std::string::npos);
  testing::internal::CaptureStderr();
  g.graph(Tensor::zeros(DType::Int64, {3}));
  std::string warned = testing::internal::GetCapturedStderr();
  EXPECT_EQ(g.traceCount(), 6u);
  EXPECT_NE(warned.find("retracing 'shout'"), std::string::npos) << warned;
}

} // namespace

namespace {

TEST(Function, StagedListMatchesEagerAndItsTwinRunsEagerly) {
  auto g = function(&halvings);
  for (int64_t n : {2, 7, 27, 100, 1000, 12345}) {
    Tensor eager = halvings(Tensor(n));
    EXPECT_TRUE(g(Tensor(n)).identical(eager)) << n;
    // Without a tracer the twin's TensorList is a plain vector.
    EXPECT_TRUE(twinHalvings(Tensor(n)).identical(eager)) << n;
  }
  EXPECT_EQ(g.traceCount(), 1u);
  std::string mlir = g.graph(Tensor(int64_t(1))).mlir();
  EXPECT_NE(mlir.find("ag.list_push"), std::string::npos) << mlir;
  EXPECT_NE(mlir.find("ag.list_stack"), std::string::npos) << mlir;
  EXPECT_NE(mlir.find("tensor<?xi64>"), std::string::npos) << mlir;
}

TEST(Function, StagedListFetchedByNameComesBackStacked) {
  Graph graph = function(&halvings).graph(Tensor(int64_t(1)));
  auto out = graph.run({"parts"}, {{"x", Tensor(int64_t(27))}});
  EXPECT_TRUE(out.at("parts").identical(halvings(Tensor(int64_t(27)))))
      << out.at("parts");
  // 8 -> 4, 2, 1: nothing odd but 1... the final 1 is odd: one element.
  EXPECT_EQ(
      graph.run({"parts"}, {{"x", Tensor(int64_t(8))}}).at("parts").shape(),
      (Shape{1}));
  // 2 -> 1 pushes 1; 1 pushes nothing: the list is empty.
  try {
    graph.run({"parts"}, {{"x", Tensor(int64_t(1))}});
    ADD_FAILURE() << "expected an empty-list error";
  } catch (const Error &e) {
    EXPECT_NE(e.message().find("list 'parts' is empty"), std::string::npos)
        << e.what();
  }
  // Evaluating the stack of the empty list fails like eager ag::stack.
  EXPECT_THROW(halvings(Tensor(int64_t(1))), Error);
  EXPECT_THROW(function(&halvings)(Tensor(int64_t(1))), Error);
}

TEST(Function, PushOfAnotherDtypeIsATraceErrorAtThePush) {
  try {
    function (&mixedPushes)(Tensor(int64_t(9)));
    ADD_FAILURE() << "expected a trace error";
  } catch (const Error &e) {
    EXPECT_EQ(e.diagnostic().phase, Diagnostic::Phase::Trace);
    EXPECT_EQ(e.loc().line, 21u);
    EXPECT_EQ(e.loc().col, 5u);
    EXPECT_NE(e.message().find("push_back of a float64[] onto a list whose "
                               "elements are int64[]"),
              std::string::npos)
        << e.what();
  }
}

} // namespace
