// ag benchmarks: each figure is a ratio against a baseline measured in the
// same run (native C++, eager ag::Tensor, oneTBB flow_graph, 1 worker).
// Results and the command that produced them: docs/performance.md.
#include "bench_programs.h"

#include "ag/Trace/Trace.h"

#include "mlir/IR/MLIRContext.h"

#include <benchmark/benchmark.h>
#include <tbb/flow_graph.h>
#include <tbb/global_control.h>

#include <algorithm>
#include <ctime>
#include <memory>
#include <vector>

namespace {
using ag::Tensor;

constexpr int64_t kCollatzN = 100000;

void BM_Collatz_Native(benchmark::State &state) {
  for (auto _ : state)
    benchmark::DoNotOptimize(collatzTotalNative(kCollatzN));
}
BENCHMARK(BM_Collatz_Native)->Unit(benchmark::kMillisecond);

void BM_Collatz_Graph(benchmark::State &state) {
  auto g = ag::function(&collatzTotal);
  Tensor n(kCollatzN);
  Tensor expected(collatzTotalNative(kCollatzN));
  if (!g(n).identical(expected))
    state.SkipWithError("graph result differs from native");
  for (auto _ : state)
    benchmark::DoNotOptimize(g(n));
}
BENCHMARK(BM_Collatz_Graph)->Unit(benchmark::kMillisecond);

void BM_Collatz_EagerTensor(benchmark::State &state) {
  Tensor n(kCollatzN);
  for (auto _ : state)
    benchmark::DoNotOptimize(collatzTotal(n));
}
BENCHMARK(BM_Collatz_EagerTensor)->Unit(benchmark::kMillisecond)->Iterations(1);

// Staged list: n pushes in a staged loop, then stack and sum. Time per push
// must stay flat as n grows (in-place append), against eager ag::Tensor
// (std::vector<Tensor>) and native std::vector<int64_t>.
void BM_ListPush_Native(benchmark::State &state) {
  int64_t n = state.range(0);
  for (auto _ : state)
    benchmark::DoNotOptimize(listSquaresNative(n));
  state.SetItemsProcessed(state.iterations() * n);
}
BENCHMARK(BM_ListPush_Native)
    ->Arg(1000)
    ->Arg(100000)
    ->Unit(benchmark::kMicrosecond);

void BM_ListPush_EagerTensor(benchmark::State &state) {
  Tensor n(static_cast<int64_t>(state.range(0)));
  for (auto _ : state)
    benchmark::DoNotOptimize(listSquares(n));
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_ListPush_EagerTensor)
    ->Arg(1000)
    ->Arg(100000)
    ->Unit(benchmark::kMicrosecond);

void BM_ListPush_Graph(benchmark::State &state) {
  auto g = ag::function(&listSquares);
  Tensor n(static_cast<int64_t>(state.range(0)));
  if (!g(n).identical(Tensor(listSquaresNative(state.range(0)))))
    state.SkipWithError("graph result differs from native");
  for (auto _ : state)
    benchmark::DoNotOptimize(g(n));
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_ListPush_Graph)
    ->Arg(1000)
    ->Arg(100000)
    ->Unit(benchmark::kMicrosecond);

// ~100,000 trivial scalar nodes: per-node evaluation overhead.
void BM_Tree_Graph(benchmark::State &state) {
  auto f = ag::function(&reductionTree);
  ag::Graph graph = f.graph(Tensor(int64_t(1)));
  ag::RunOptions options;
  options.threads = static_cast<int>(state.range(0));
  std::string input = graph.inputNames().at(0);
  for (auto _ : state)
    benchmark::DoNotOptimize(
        graph.run({}, {{input, Tensor(int64_t(1))}}, options));
  state.counters["nodes"] =
      static_cast<double>(graph.lastRunStats().opsExecuted);
  state.counters["ns_per_node"] =
      benchmark::Counter(static_cast<double>(graph.lastRunStats().opsExecuted),
                         benchmark::Counter::kIsIterationInvariantRate |
                             benchmark::Counter::kInvert);
}
BENCHMARK(BM_Tree_Graph)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond);

// The same tree with the profiler: Arg 0 off (what BM_Tree_Graph runs),
// 1 collecting the per-node summary (RunOptions::profileSummary), 2 also
// writing the Chrome trace (~100,000 slices, ~20 MB of JSON per run).
void BM_Tree_Profiled(benchmark::State &state) {
  auto f = ag::function(&reductionTree);
  ag::Graph graph = f.graph(Tensor(int64_t(1)));
  ag::RunOptions options;
  options.threads = 1;
  options.progressAfter = -1; // the same run whether or not on a terminal
  options.profileSummary = state.range(0) >= 1;
  if (state.range(0) == 2)
    options.profile = "/tmp/ag-bench-trace.json";
  std::string input = graph.inputNames().at(0);
  for (auto _ : state)
    benchmark::DoNotOptimize(
        graph.run({}, {{input, Tensor(int64_t(1))}}, options));
  state.counters["nodes"] =
      static_cast<double>(graph.lastRunStats().opsExecuted);
  state.counters["ns_per_node"] =
      benchmark::Counter(static_cast<double>(graph.lastRunStats().opsExecuted),
                         benchmark::Counter::kIsIterationInvariantRate |
                             benchmark::Counter::kInvert);
}
BENCHMARK(BM_Tree_Profiled)
    ->Arg(0)
    ->Arg(1)
    ->Arg(2)
    ->Unit(benchmark::kMillisecond);

// The profiler's overhead in one run: each iteration evaluates the tree with
// the profiler off, then with the summary on, timing each evaluation with
// the thread's CPU clock; the counters are the minimum over iterations of
// each (the least disturbed evaluation on a loaded machine) and their ratio.
double threadCpuNanos() {
  timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1e9 + static_cast<double>(ts.tv_nsec);
}

/// Runs `graph` with the profiler off and with the summary on, alternating
/// which goes first, each timed with the thread's CPU clock. Counters: the
/// least disturbed evaluation of each arm (minimum) and their ratio, and
/// the median of the per-iteration ratios (the two arms of one iteration
/// run back to back, so a loaded machine disturbs both alike).
void profilerPair(benchmark::State &state, ag::Graph &graph, Tensor input) {
  ag::RunOptions off, on;
  off.threads = on.threads = 1;
  off.progressAfter = on.progressAfter = -1;
  on.profileSummary = true;
  std::string name = graph.inputNames().at(0);
  double minOff = 1e300, minOn = 1e300;
  std::vector<double> ratios;
  bool onFirst = false;
  for (auto _ : state) {
    double offNanos = 0, onNanos = 0;
    for (bool profiled : {onFirst, !onFirst}) {
      double t0 = threadCpuNanos();
      benchmark::DoNotOptimize(
          graph.run({}, {{name, input}}, profiled ? on : off));
      (profiled ? onNanos : offNanos) = threadCpuNanos() - t0;
    }
    onFirst = !onFirst;
    minOff = std::min(minOff, offNanos);
    minOn = std::min(minOn, onNanos);
    ratios.push_back(onNanos / offNanos);
  }
  std::nth_element(ratios.begin(), ratios.begin() + ratios.size() / 2,
                   ratios.end());
  double nodes = static_cast<double>(graph.lastRunStats().opsExecuted);
  state.counters["off_ns"] = minOff;
  state.counters["off_ns_per_node"] = minOff / nodes;
  state.counters["on_ns_per_node"] = minOn / nodes;
  state.counters["ratio"] = minOn / minOff;
  state.counters["ratio_median"] = ratios[ratios.size() / 2];
}

// The profiler's cost per node: the 100k-node tree.
void BM_Tree_ProfilerPair(benchmark::State &state) {
  auto f = ag::function(&reductionTree);
  ag::Graph graph = f.graph(Tensor(int64_t(1)));
  profilerPair(state, graph, Tensor(int64_t(1)));
}
BENCHMARK(BM_Tree_ProfilerPair)->Unit(benchmark::kMillisecond);

// The profiler's fixed cost per run: a graph of a few nodes.
void BM_Chain_ProfilerPair(benchmark::State &state) {
  auto f = ag::function(&elementwiseChain);
  ag::Graph graph = f.graph(Tensor(1.0));
  profilerPair(state, graph, Tensor(1.0));
}
BENCHMARK(BM_Chain_ProfilerPair)->Unit(benchmark::kMicrosecond);

// The same tree in oneTBB flow_graph: leaves are function_nodes, each inner
// node a join_node + function_node, as Taskflow/TBB users would write it.
void BM_Tree_TbbFlowGraph(benchmark::State &state) {
  using namespace tbb::flow;
  tbb::global_control threads(tbb::global_control::max_allowed_parallelism,
                              static_cast<size_t>(state.range(0)));
  graph g;
  broadcast_node<int64_t> source(g);
  using Value = int64_t;
  std::vector<std::unique_ptr<sender<Value>>> level;
  std::vector<std::unique_ptr<graph_node>> owned;
  for (int i = 0; i < kTreeLeaves; ++i) {
    auto leaf = std::make_unique<function_node<Value, Value>>(
        g, unlimited, [i](Value x) { return x + i; });
    make_edge(source, *leaf);
    level.emplace_back(std::move(leaf));
  }
  int64_t nodes = kTreeLeaves;
  std::vector<sender<Value> *> current;
  for (auto &l : level)
    current.push_back(l.get());
  while (current.size() > 1) {
    std::vector<sender<Value> *> next;
    for (size_t i = 0; i + 1 < current.size(); i += 2) {
      auto join =
          std::make_unique<join_node<std::tuple<Value, Value>, queueing>>(g);
      auto add =
          std::make_unique<function_node<std::tuple<Value, Value>, Value>>(
              g, unlimited, [](const std::tuple<Value, Value> &t) {
                return std::get<0>(t) + std::get<1>(t);
              });
      make_edge(*current[i], input_port<0>(*join));
      make_edge(*current[i + 1], input_port<1>(*join));
      make_edge(*join, *add);
      next.push_back(add.get());
      owned.emplace_back(std::move(join));
      level.emplace_back(std::move(add));
      ++nodes;
    }
    if (current.size() % 2)
      next.push_back(current.back());
    current = next;
  }
  Value result = 0;
  function_node<Value, continue_msg> sink(g, serial, [&](Value v) {
    result = v;
    return continue_msg();
  });
  make_edge(*current[0], sink);
  for (auto _ : state) {
    source.try_put(1);
    g.wait_for_all();
    benchmark::DoNotOptimize(result);
  }
  state.counters["nodes"] = static_cast<double>(nodes);
  state.counters["ns_per_node"] =
      benchmark::Counter(static_cast<double>(nodes),
                         benchmark::Counter::kIsIterationInvariantRate |
                             benchmark::Counter::kInvert);
}
BENCHMARK(BM_Tree_TbbFlowGraph)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond);

// Two independent heavy branches: speedup of 2 workers over 1.
void BM_TwoBranches_Graph(benchmark::State &state) {
  Tensor x = Tensor::full(ag::DType::Float64, {2000000}, 0.5);
  Tensor y = Tensor::full(ag::DType::Float64, {2000000}, 1.5);
  auto f = ag::function(&twoHeavyBranches);
  ag::Graph graph = f.graph(x, y);
  auto inputs = graph.inputNames();
  ag::RunOptions options;
  options.threads = static_cast<int>(state.range(0));
  for (auto _ : state)
    benchmark::DoNotOptimize(
        graph.run({}, {{inputs[0], x}, {inputs[1], y}}, options));
}
BENCHMARK(BM_TwoBranches_Graph)
    ->Arg(1)
    ->Arg(2)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

// 20 elementwise ops on 10M float64: time of graph vs eager (memory is
// measured by ag-bench-memory in separate processes).
void BM_Chain_Eager(benchmark::State &state) {
  Tensor x = Tensor::full(ag::DType::Float64, {10000000}, 0.75);
  for (auto _ : state)
    benchmark::DoNotOptimize(elementwiseChain(x));
}
BENCHMARK(BM_Chain_Eager)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_Chain_Graph(benchmark::State &state) {
  Tensor x = Tensor::full(ag::DType::Float64, {10000000}, 0.75);
  auto f = ag::function(&elementwiseChain);
  if (!f(x).identical(elementwiseChain(x)))
    state.SkipWithError("graph result differs from eager");
  for (auto _ : state)
    benchmark::DoNotOptimize(f(x));
}
BENCHMARK(BM_Chain_Graph)->Unit(benchmark::kMillisecond)->UseRealTime();

// Tracing alone: the twin records ~100,000 ops into a fresh module.
void BM_TraceOnly(benchmark::State &state) {
  using Twin = Tensor (*)(Tensor);
  auto twin = reinterpret_cast<Twin>(const_cast<void *>(
      ag::detail::lookupTwin(reinterpret_cast<const void *>(&reductionTree))));
  mlir::MLIRContext context;
  ag::trace::loadDialects(context);
  std::vector<ag::trace::ArgSpec> args = {{"x", ag::DType::Int64, {}}};
  int64_t ops = 0;
  for (auto _ : state) {
    auto module = ag::trace::traceFunction(
        context, "reductionTree", args, [&](const std::vector<Tensor> &staged) {
          return std::vector<Tensor>{twin(staged[0])};
        });
    state.PauseTiming();
    ops = 0;
    module->walk([&](mlir::Operation *) { ++ops; });
    module = nullptr; // destroying the module is not tracing
    state.ResumeTiming();
  }
  state.counters["ops"] = static_cast<double>(ops);
  state.counters["us_per_op"] =
      benchmark::Counter(static_cast<double>(ops) * 1e-6,
                         benchmark::Counter::kIsIterationInvariantRate |
                             benchmark::Counter::kInvert);
}
BENCHMARK(BM_TraceOnly)->Unit(benchmark::kMillisecond)->Iterations(5);

// Trace + optimize + lower, as the first call of an ag::function pays it.
void BM_TraceOptimizeLower(benchmark::State &state) {
  const double ops = 2.0 * kTreeLeaves; // leaves (x + i) and inner additions
  for (auto _ : state) {
    auto f = ag::function(&reductionTree);
    ag::Graph graph = f.graph(Tensor(int64_t(1)));
    benchmark::DoNotOptimize(graph);
  }
  state.counters["us_per_op"] = benchmark::Counter(
      ops * 1e-6, benchmark::Counter::kIsIterationInvariantRate |
                      benchmark::Counter::kInvert);
}
BENCHMARK(BM_TraceOptimizeLower)->Unit(benchmark::kMillisecond)->Iterations(3);

} // namespace

BENCHMARK_MAIN();
