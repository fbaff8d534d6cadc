// The native backend against C++ -O2 and the interpreter (issue 12):
// collatz step counts summed over n = 1..100000 inside one graph call.
// Ratios are taken in one run; times are the calling thread's CPU time
// (best of 5), so a loaded machine does not skew them. Also the compile
// time of the native pipeline for this graph. The graph is what tracing
// the C++ loop and ag-optimize give (the `if` became a select: both arms
// cannot fail). Figures: docs/performance.md.
//
//   ninja -C build ag-bench-native && build/bin/ag-bench-native
//   build/bin/ag-bench-native ops   # axis reductions, matmul, slice+concat,
//                                   # a graph of dynamic shapes
//   build/bin/ag-bench-native partition   # per-region fallback only
#include "ag/Graph.h"
#include "bench_native_programs.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace {

const char *kGraph = R"(
ag.func @total(%n: tensor<i64> loc("n")) -> tensor<i64> {
  %zero = ag.constant dense<0> : tensor<i64>
  %one = ag.constant dense<1> : tensor<i64>
  %two = ag.constant dense<2> : tensor<i64>
  %three = ag.constant dense<3> : tensor<i64>
  %r:2 = ag.while (%i = %one, %t = %zero) : (tensor<i64>, tensor<i64>)
                                          -> (tensor<i64>, tensor<i64>) {
    %go = ag.cmp le, %i, %n : tensor<i64>
    ag.condition %go(%i, %t : tensor<i64>, tensor<i64>)
  } do {
  ^bb0(%i: tensor<i64>, %t: tensor<i64>):
    %w:2 = ag.while (%x = %i, %c = %t) : (tensor<i64>, tensor<i64>)
                                       -> (tensor<i64>, tensor<i64>) {
      %g = ag.cmp ne, %x, %one : tensor<i64>
      ag.condition %g(%x, %c : tensor<i64>, tensor<i64>)
    } do {
    ^bb0(%x: tensor<i64>, %c: tensor<i64>):
      %m = ag.rem %x, %two : tensor<i64>
      %even = ag.cmp eq, %m, %zero : tensor<i64>
      %h = ag.div %x, %two : tensor<i64>
      %u = ag.mul %three, %x : tensor<i64>
      %v = ag.add %u, %one : tensor<i64>
      %next = ag.select %even, %h, %v : tensor<i1>, tensor<i64>
      %c1 = ag.add %c, %one : tensor<i64>
      ag.yield %next, %c1 : tensor<i64>, tensor<i64>
    }
    %i1 = ag.add %i, %one : tensor<i64>
    ag.yield %i1, %w#1 : tensor<i64>, tensor<i64>
  }
  ag.return %r#1 : tensor<i64>
}
)";

__attribute__((noinline)) int64_t collatzTotal(volatile int64_t *nIn) {
  int64_t n = *nIn, total = 0;
  for (int64_t i = 1; i <= n; ++i) {
    int64_t a = i;
    while (a != 1) {
      a = a % 2 == 0 ? a / 2 : 3 * a + 1;
      total += 1;
    }
  }
  return total;
}

double cpuSeconds() {
  timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec * 1e-9;
}

double best(int reps, const std::function<void()> &f) {
  double b = 1e30;
  for (int r = 0; r < reps; ++r) {
    double start = cpuSeconds();
    f();
    b = std::min(b, cpuSeconds() - start);
  }
  return b;
}

/// Sums f(n) over n = 1..calls: the same work as one graph call per n.
int64_t sumOver(int64_t calls, const std::function<int64_t(int64_t)> &f) {
  int64_t total = 0;
  for (int64_t n = 1; n <= calls; ++n)
    total += f(n);
  return total;
}

/// The ops of a graph's text (`ag.` op names, the function excepted).
size_t countOps(const std::string &text) {
  size_t ops = 0;
  for (size_t at = text.find("ag."); at != std::string::npos;
       at = text.find("ag.", at + 3))
    if (text.compare(at, 7, "ag.func") != 0 &&
        (at == 0 || text[at - 1] == ' ' || text[at - 1] == '"'))
      ++ops;
  return ops;
}

/// One graph call per n (collatz steps of n = 1..kCalls), and the
/// per-call overhead of the smallest graph (x + 1) against a direct call.
/// Graph::run takes the backend from its options; an ag::function call
/// takes it from AG_BACKEND (interpreter when unset), which also overrides
/// the options of Graph::run: its interpreter rows are left out then.
int perCall(const ag::RunOptions &native, const ag::RunOptions &interpreter) {
  constexpr int64_t kCalls = 20000;
  const char *env = std::getenv("AG_BACKEND");
  std::string backend = env && *env ? env : "interpreter";
  bool overridden = env && *env;
  volatile int64_t sink = 0;

  /// The rows of one program: C++, Graph::run on both backends and
  /// ag::function, as times per kCalls calls.
  struct Row {
    double cpp, nat, itp, fun;
    double compile; // the first native run of a fresh copy, minus a run
    size_t ops;
  };
  auto measure = [&](ag::Tensor (*converted)(ag::Tensor),
                     int64_t (*direct)(int64_t)) -> std::optional<Row> {
    ag::Graph g = ag::function(converted).graph(ag::Tensor(int64_t(7)));
    std::string in = g.inputNames().at(0);
    auto viaGraph = [&](const ag::RunOptions &options) {
      return sumOver(kCalls, [&](int64_t n) {
        return g.run({}, {{in, ag::Tensor(n)}}, options)["result0"]
            .item<int64_t>();
      });
    };
    auto fn = ag::function(converted);
    auto viaFunction = [&] {
      return sumOver(
          kCalls, [&](int64_t n) { return fn(ag::Tensor(n)).item<int64_t>(); });
    };
    int64_t expected = sumOver(kCalls, direct);
    if (viaGraph(native) != expected || viaGraph(interpreter) != expected ||
        viaFunction() != expected) {
      std::fprintf(stderr, "mismatch in the per-call benchmark\n");
      return std::nullopt;
    }
    Row row;
    row.cpp = best(5, [&] { sink = sumOver(kCalls, direct); });
    row.nat = best(5, [&] { sink = viaGraph(native); });
    row.itp = overridden ? 0 : best(3, [&] { sink = viaGraph(interpreter); });
    row.fun = best(5, [&] { sink = viaFunction(); });
    std::string text = g.mlir(/*withLocations=*/true);
    row.ops = countOps(text);
    row.compile = best(3,
                       [&] {
                         ag::Graph fresh = ag::Graph::parse(text, "copy.mlir");
                         fresh.run({}, {{in, ag::Tensor(int64_t(1))}}, native);
                       }) -
                  row.nat / kCalls;
    return row;
  };

  std::optional<Row> steps = measure(&collatzSteps, &collatzStepsNative);
  if (!steps)
    return 1;
  std::printf("collatz steps, one call per n = 1..%lld (best of 5)\n",
              (long long)kCalls);
  std::printf("  C++ -O2 int64_t      %8.2f ms\n", steps->cpp * 1e3);
  std::printf("  Graph::run native    %8.2f ms  %.2fx of C++\n",
              steps->nat * 1e3, steps->nat / steps->cpp);
  if (!overridden)
    std::printf("  Graph::run interp.   %8.2f ms  %.2fx of C++\n",
                steps->itp * 1e3, steps->itp / steps->cpp);
  std::printf("  ag::function (%s) %8.2f ms  %.2fx of C++\n", backend.c_str(),
              steps->fun * 1e3, steps->fun / steps->cpp);

  // Per call of x + 1: what a call costs beyond the work.
  std::optional<Row> inc = measure(&addOne, &addOneNative);
  if (!inc)
    return 1;
  auto ns = [&](double s) { return s / kCalls * 1e9; };
  std::printf("per call of x + 1 (one int64 in and out)\n");
  std::printf("  direct C++ call      %8.1f ns\n", ns(inc->cpp));
  std::printf("  Graph::run native    %8.1f ns\n", ns(inc->nat));
  if (!overridden)
    std::printf("  Graph::run interp.   %8.1f ns\n", ns(inc->itp));
  std::printf("  ag::function (%s) %8.1f ns\n", backend.c_str(), ns(inc->fun));

  // Backend::Auto runs the interpreter twice, then compiles (on the calling
  // thread): it pays off once the calls after the switch saved the compile.
  if (!overridden) {
    std::printf("native compile and the call count at which Auto pays off\n");
    for (auto [name, row] :
         {std::pair{"collatz steps", *steps}, std::pair{"x + 1", *inc}}) {
      double saved = (row.itp - row.nat) / kCalls;
      std::printf("  %-13s %3zu ops: compile %6.1f ms (%.2f ms/op), "
                  "saves %.2f us/call: pays off after %.0f calls\n",
                  name, row.ops, row.compile * 1e3, row.compile * 1e3 / row.ops,
                  saved * 1e6, 2 + row.compile / saved);
    }
  }
  return 0;
}

/// `ag-bench-native calls [collatz]`: only ag::function calls of x + 1
/// (or of collatz steps), many of them, for a profiler (`perf record -g`).
int callsOnly(bool collatz) {
  auto fn = ag::function(collatz ? &collatzSteps : &addOne);
  int64_t total = 0;
  for (int64_t n = 1; n <= 2000000; ++n)
    total += fn(ag::Tensor(n % 20000 + 1)).item<int64_t>();
  std::printf("%lld\n", (long long)total);
  return 0;
}

/// Five elementwise ops on 1M float64: fused native code against the
/// interpreter (one kernel per op), eager ag::Tensor code and a C++ loop.
int chain(const ag::RunOptions &native, const ag::RunOptions &interpreter) {
  constexpr int64_t kSize = 1000000;
  std::vector<double> data(kSize);
  for (int64_t i = 0; i < kSize; ++i)
    data[i] = 0.001 * static_cast<double>(i % 1000) - 0.25;
  ag::Tensor x = ag::Tensor::fromVector(data, {kSize});
  ag::Graph g = ag::function(&chain5).graph(x);
  std::string in = g.inputNames().at(0);
  ag::Tensor viaNative = g.run({}, {{in, x}}, native)["result0"];
  ag::Tensor viaInterp = g.run({}, {{in, x}}, interpreter)["result0"];
  ag::Tensor eager = chain5(x);
  std::vector<double> out(kSize);
  chain5Native(data.data(), out.data(), kSize);
  const double *a = viaNative.data<double>(), *b = viaInterp.data<double>(),
               *c = eager.data<double>();
  for (int64_t i = 0; i < kSize; ++i)
    if (std::memcmp(&a[i], &b[i], 8) || std::memcmp(&a[i], &c[i], 8) ||
        std::memcmp(&a[i], &out[i], 8)) {
      std::fprintf(stderr, "chain mismatch at %lld\n", (long long)i);
      return 1;
    }
  double nat = best(7, [&] { g.run({}, {{in, x}}, native); });
  double itp = best(7, [&] { g.run({}, {{in, x}}, interpreter); });
  double eag = best(7, [&] { chain5(x); });
  double loop = best(7, [&] { chain5Native(data.data(), out.data(), kSize); });
  std::printf("5-op elementwise chain on %lld float64 (best of 7)\n",
              (long long)kSize);
  std::printf("  C++ loop -O2         %8.2f ms\n", loop * 1e3);
  std::printf("  native (fused)       %8.2f ms  %.2fx of the loop\n", nat * 1e3,
              nat / loop);
  std::printf("  interpreter          %8.2f ms  %.2fx of the loop\n", itp * 1e3,
              itp / loop);
  std::printf("  eager ag::Tensor     %8.2f ms  %.2fx of the loop\n", eag * 1e3,
              eag / loop);
  return 0;
}

/// One program on the native backend, the interpreter and eagerly: the
/// three results must be identical, then each is timed (best of `reps`).
template <typename Fn, typename... A>
int compareOps(const char *what, ag::Tensor (*eagerFn)(A...), const Fn &fn,
               int reps, const A &...args) {
  ag::RunOptions native, interpreter;
  native.backend = ag::RunOptions::Backend::Native;
  interpreter.threads = 1;
  ag::Graph g = fn.graph(args...);
  std::map<std::string, ag::Tensor> feeds;
  std::vector<ag::Tensor> tensors = {args...};
  for (size_t i = 0; i < tensors.size(); ++i)
    feeds[g.inputNames().at(i)] = tensors[i];
  ag::Tensor viaNative = g.run({}, feeds, native)["result0"];
  bool ranNatively = g.lastRunStats().opsExecuted == 0;
  ag::Tensor viaInterp = g.run({}, feeds, interpreter)["result0"];
  ag::Tensor eager = eagerFn(args...);
  if (!ranNatively || !viaNative.identical(viaInterp) ||
      !viaNative.identical(eager)) {
    std::fprintf(stderr, "%s: native%s differs\n", what,
                 ranNatively ? "" : " (fell back to the interpreter)");
    return 1;
  }
  double nat = best(reps, [&] { g.run({}, feeds, native); });
  double itp = best(reps, [&] { g.run({}, feeds, interpreter); });
  double eag = best(reps, [&] { eagerFn(args...); });
  std::printf("%s (best of %d; identical results)\n", what, reps);
  std::printf("  native               %8.2f ms\n", nat * 1e3);
  std::printf("  interpreter          %8.2f ms  %.2fx of native\n", itp * 1e3,
              itp / nat);
  std::printf("  eager ag::Tensor     %8.2f ms  %.2fx of native\n", eag * 1e3,
              eag / nat);
  return 0;
}

/// Axis reductions, matmul, slices and concats (the buffered path).
int ops() {
  constexpr int64_t kRows = 2048, kCols = 2048;
  std::vector<double> data(kRows * kCols);
  for (size_t i = 0; i < data.size(); ++i)
    data[i] = 0.001 * static_cast<double>(i % 1777) - 0.5;
  ag::Tensor x = ag::Tensor::fromVector(data, {kRows, kCols});
  if (int failed = compareOps("sum over axis 0 of 2048x2048 float64",
                              &columnSums, ag::function(&columnSums), 5, x))
    return failed;
  if (int failed = compareOps("mean over axis 1 of 2048x2048 float64",
                              &rowMeans, ag::function(&rowMeans), 5, x))
    return failed;
  if (int failed =
          compareOps("4 slices + 2 concats + 3 ops on 2048x2048 float64",
                     &sliceConcat, ag::function(&sliceConcat), 5, x))
    return failed;
  // Dynamic dimensions: one graph traced for tensor<?x?xf64>, fed 2048x2048
  // and 256x256 (the buffered path reads the sizes at run time).
  auto dynamic = [] {
    return ag::function(&centeredColumnSquares,
                        {ag::spec(ag::Float64, {ag::dyn, ag::dyn})});
  };
  ag::Tensor small = x.slice(0, 256);
  small = ag::slice(small, {0, 0}, {ag::kEnd, 256}, {1, 1});
  if (int failed = compareOps("centred column squares, ?x? float64 fed "
                              "2048x2048 (dynamic shapes)",
                              &centeredColumnSquares, dynamic(), 5, x))
    return failed;
  if (int failed = compareOps("same graph fed 256x256", &centeredColumnSquares,
                              dynamic(), 50, small))
    return failed;
  if (int failed = compareOps("same program traced static 2048x2048",
                              &centeredColumnSquares,
                              ag::function(&centeredColumnSquares), 5, x))
    return failed;
  constexpr int64_t kN = 256;
  std::vector<double> m(kN * kN);
  std::vector<int64_t> mi(kN * kN);
  for (size_t i = 0; i < m.size(); ++i) {
    m[i] = 0.01 * static_cast<double>(i % 97) - 0.3;
    mi[i] = static_cast<int64_t>(i % 13) - 6;
  }
  ag::Tensor a = ag::Tensor::fromVector(m, {kN, kN});
  ag::Tensor ai = ag::Tensor::fromVector(mi, {kN, kN});
  if (int failed = compareOps("matmul 256x256 float64 (Eigen's GEMM)", &product,
                              ag::function(&product), 5, a, a))
    return failed;
  return compareOps("matmul 256x256 int64 (wrapping loops)", &product,
                    ag::function(&product), 5, ai, ai);
}

/// The collatz graph with a declined op beside it (an ag.stack): before
/// the per-region fallback the whole graph ran on the interpreter; now the
/// loop is a native region called by the interpreter.
const char *kPartitionedGraph = R"(
ag.func @total(%n: tensor<i64> loc("n"), %v: tensor<2xi64> loc("v"))
    -> (tensor<i64>, tensor<2x2xi64>) {
  %zero = ag.constant dense<0> : tensor<i64>
  %one = ag.constant dense<1> : tensor<i64>
  %two = ag.constant dense<2> : tensor<i64>
  %three = ag.constant dense<3> : tensor<i64>
  %r:2 = ag.while (%i = %one, %t = %zero) : (tensor<i64>, tensor<i64>)
                                          -> (tensor<i64>, tensor<i64>) {
    %go = ag.cmp le, %i, %n : tensor<i64>
    ag.condition %go(%i, %t : tensor<i64>, tensor<i64>)
  } do {
  ^bb0(%i: tensor<i64>, %t: tensor<i64>):
    %w:2 = ag.while (%x = %i, %c = %t) : (tensor<i64>, tensor<i64>)
                                       -> (tensor<i64>, tensor<i64>) {
      %g = ag.cmp ne, %x, %one : tensor<i64>
      ag.condition %g(%x, %c : tensor<i64>, tensor<i64>)
    } do {
    ^bb0(%x: tensor<i64>, %c: tensor<i64>):
      %m = ag.rem %x, %two : tensor<i64>
      %even = ag.cmp eq, %m, %zero : tensor<i64>
      %h = ag.div %x, %two : tensor<i64>
      %u = ag.mul %three, %x : tensor<i64>
      %v1 = ag.add %u, %one : tensor<i64>
      %next = ag.select %even, %h, %v1 : tensor<i1>, tensor<i64>
      %c1 = ag.add %c, %one : tensor<i64>
      ag.yield %next, %c1 : tensor<i64>, tensor<i64>
    }
    %i1 = ag.add %i, %one : tensor<i64>
    ag.yield %i1, %w#1 : tensor<i64>, tensor<i64>
  }
  %cat = ag.stack %v, %v : tensor<2xi64>
  ag.return %r#1, %cat : tensor<i64>, tensor<2x2xi64>
}
)";

/// Ten elementwise ops on 1M float64, then a stack of the result.
const char *kPartitionedChain = R"(
ag.func @chain(%x: tensor<1000000xf64> loc("x")) -> tensor<2x1000000xf64> {
  %a = ag.constant dense<1.5> : tensor<f64>
  %b = ag.constant dense<0.25> : tensor<f64>
  %0 = ag.mul %x, %a : tensor<1000000xf64>, tensor<f64>
  %1 = ag.add %0, %b : tensor<1000000xf64>, tensor<f64>
  %2 = ag.mul %1, %x : tensor<1000000xf64>
  %3 = ag.sub %2, %a : tensor<1000000xf64>, tensor<f64>
  %4 = ag.tanh %3 : tensor<1000000xf64>
  %5 = ag.mul %4, %x : tensor<1000000xf64>
  %6 = ag.add %5, %1 : tensor<1000000xf64>
  %7 = ag.abs %6 : tensor<1000000xf64>
  %8 = ag.sqrt %7 : tensor<1000000xf64>
  %9 = ag.add %8, %b : tensor<1000000xf64>, tensor<f64>
  %c = ag.stack %9, %x : tensor<1000000xf64>
  ag.return %c : tensor<2x1000000xf64>
}
)";

/// `n` scalar ops beside a stack: what a native call costs against
/// interpreting small parts (kMinRegionOps).
std::string partitionedScalars(int n) {
  std::string text =
      "ag.func @small(%a: tensor<f64> loc(\"a\"), "
      "%v: tensor<2xi64> loc(\"v\")) -> (tensor<f64>, "
      "tensor<2x2xi64>) {\n  %x0 = ag.mul %a, %a : tensor<f64>\n";
  for (int k = 1; k < n; ++k)
    text += "  %x" + std::to_string(k) + " = ag." + (k % 2 ? "add" : "mul") +
            " %x" + std::to_string(k - 1) + ", %a : tensor<f64>\n";
  return text + "  %c = ag.stack %v, %v : tensor<2xi64>\n  ag.return %x" +
         std::to_string(n - 1) + ", %c : tensor<f64>, tensor<2x2xi64>\n}\n";
}

/// A graph the native backend declines as a whole (a stack), run on
/// both backends: identical results, then each timed on one thread (the
/// calling thread's CPU time).
int partitionRow(const char *what, const char *text,
                 const std::map<std::string, ag::Tensor> &feeds, int reps,
                 int perRun = 1) {
  ag::RunOptions native, interpreter;
  native.backend = ag::RunOptions::Backend::Native;
  native.threads = 1;
  interpreter.threads = 1;
  ag::Graph g = ag::Graph::parse(text, "partition.mlir");
  auto viaNative = g.run({}, feeds, native);
  uint64_t nativeOps = g.lastRunStats().opsExecuted;
  auto viaInterp = g.run({}, feeds, interpreter);
  uint64_t interpOps = g.lastRunStats().opsExecuted;
  for (const auto &[name, value] : viaInterp)
    if (!viaNative.at(name).identical(value)) {
      std::fprintf(stderr, "%s: %s differs\n", what, name.c_str());
      return 1;
    }
  double nat = best(reps, [&] {
    for (int i = 0; i < perRun; ++i)
      g.run({}, feeds, native);
  });
  double itp = best(reps, [&] {
    for (int i = 0; i < perRun; ++i)
      g.run({}, feeds, interpreter);
  });
  // Many runs: microseconds per run.
  double scale = perRun > 1 ? 1e6 / perRun : 1e3;
  const char *unit = perRun > 1 ? "us" : "ms";
  std::printf("%s (best of %d; identical results)\n", what, reps);
  std::printf("  native regions       %8.2f %s  (%llu interpreter ops)\n",
              nat * scale, unit, (unsigned long long)nativeOps);
  std::printf("  interpreter          %8.2f %s  (%llu ops)  %.2fx of native\n",
              itp * scale, unit, (unsigned long long)interpOps, itp / nat);
  return 0;
}

/// The per-region fallback: declined graphs with native-able heavy work.
int partition() {
  ag::Tensor v = ag::Tensor::fromVector(std::vector<int64_t>{1, 2}, {2});
  if (int failed =
          partitionRow("collatz n=1..100000 beside a stack", kPartitionedGraph,
                       {{"n", ag::Tensor(int64_t(100000))}, {"v", v}}, 5))
    return failed;
  std::vector<double> data(1000000);
  for (size_t i = 0; i < data.size(); ++i)
    data[i] = 0.001 * static_cast<double>(i % 1777) - 0.5;
  if (int failed = partitionRow(
          "10 elementwise ops on 1M float64, then a stack", kPartitionedChain,
          {{"x", ag::Tensor::fromVector(data, {1000000})}}, 7))
    return failed;
  // Per Graph::run, averaged over 10000 runs.
  for (int n : {4, 8, 16}) {
    std::string what =
        std::to_string(n) + " scalar ops beside a stack, per run";
    if (int failed =
            partitionRow(what.c_str(), partitionedScalars(n).c_str(),
                         {{"a", ag::Tensor(1.25)}, {"v", v}}, 5, 10000))
      return failed;
  }
  return 0;
}

} // namespace

int main(int argc, char **argv) {
  if (argc > 1 && !std::strcmp(argv[1], "calls"))
    return callsOnly(argc > 2 && !std::strcmp(argv[2], "collatz"));
  if (argc > 1 && !std::strcmp(argv[1], "ops"))
    return ops();
  if (argc > 1 && !std::strcmp(argv[1], "partition"))
    return partition();
  constexpr int64_t kN = 100000;
  volatile int64_t n = kN;
  int64_t expected = collatzTotal(&n);
  ag::Tensor feed(kN);
  ag::RunOptions native, interpreter;
  native.backend = ag::RunOptions::Backend::Native;
  interpreter.threads = 1;

  // Compile time: the first native run of a fresh graph on n = 0 (no
  // iterations), minus a second run's time.
  double compile = best(5, [&] {
    ag::Graph g = ag::Graph::parse(kGraph, "collatz.mlir");
    g.run({}, {{"n", ag::Tensor(int64_t(0))}}, native);
  });

  ag::Graph graph = ag::Graph::parse(kGraph, "collatz.mlir");
  int64_t got = graph.run({}, {{"n", feed}}, native)["result0"].item<int64_t>();
  int64_t interp =
      graph.run({}, {{"n", feed}}, interpreter)["result0"].item<int64_t>();
  if (got != expected || interp != expected) {
    std::fprintf(stderr, "mismatch: C++ %lld, native %lld, interpreter %lld\n",
                 (long long)expected, (long long)got, (long long)interp);
    return 1;
  }
  double cpp = best(5, [&] { collatzTotal(&n); });
  double nat = best(5, [&] { graph.run({}, {{"n", feed}}, native); });
  double itp = best(3, [&] { graph.run({}, {{"n", feed}}, interpreter); });
  std::printf("collatz n=1..%lld in one call (thread CPU time, best of 5)\n",
              (long long)kN);
  std::printf("  C++ -O2 int64_t      %8.2f ms\n", cpp * 1e3);
  std::printf("  native backend       %8.2f ms  %.2fx of C++\n", nat * 1e3,
              nat / cpp);
  std::printf("  interpreter          %8.2f ms  %.2fx of C++\n", itp * 1e3,
              itp / cpp);
  std::printf("  native compile (parse + lower + LLVM -O3, %d ops): %.1f ms\n",
              20, compile * 1e3);
  if (int failed = perCall(native, interpreter))
    return failed;
  if (int failed = chain(native, interpreter))
    return failed;
  if (int failed = ops())
    return failed;
  return partition();
}
