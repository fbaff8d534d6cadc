//===- ag_bench_nodes.cpp - Cost of AG_NODE calls in a graph -------------===//
//
// `ninja -C build ag-bench-nodes && build/bin/ag-bench-nodes`; figures in
// docs/performance.md ("Pipeline nodes"). The twins are written by hand as
// ag-convert emits them for AG_NODE calls.
//
//===----------------------------------------------------------------------===//
#include "ag/Node.h"
#include "ag/ag.h"

#include <benchmark/benchmark.h>

#include <chrono>
#include <thread>

using namespace ag;

namespace {

constexpr int kChain = 1000;

AG_NODE __attribute__((noinline)) int add(int a, int b) { return a + b; }

/// Direct calls: the baseline.
void BM_DirectAdd(benchmark::State &state) {
  for (auto _ : state) {
    int x = 0;
    for (int i = 0; i < kChain; ++i) {
      x = add(x, 1);
      benchmark::DoNotOptimize(x);
    }
  }
  state.SetItemsProcessed(state.iterations() * kChain);
}
BENCHMARK(BM_DirectAdd);

/// A chain of kChain host nodes `x = add(x, 1)` (ints travel as 0-d
/// tensors) evaluated as one graph: the per-node overhead of the evaluator.
Tensor chain(int n) {
  Tensor x = 0;
  for (int i = 0; i < n; ++i)
    x = Tensor(add(x.item<int32_t>(), 1));
  return x;
}
Tensor twinChain(int n) {
  FunctionScope scope("chain", "bench_nodes.cpp", 1, 1, {});
  Tensor x = Tensor(0);
  for (int i = 0; i < n; ++i)
    x = detail::node_({2, 5, 2, 15, "x"}, "add", &add, x, 1);
  return x;
}
[[maybe_unused]] const bool chainRegistered = detail::registerTwin(
    reinterpret_cast<const void *>(&chain),
    reinterpret_cast<const void *>(&twinChain), "chain", "bench_nodes.cpp", 1);

void BM_NodeChain(benchmark::State &state) {
  auto fn = ag::function(&chain);
  Graph g = fn.graph(kChain);
  RunOptions options;
  options.threads = 1;
  for (auto _ : state)
    benchmark::DoNotOptimize(g.run({}, {}, options));
  state.SetItemsProcessed(state.iterations() * kChain);
}
BENCHMARK(BM_NodeChain)->Unit(benchmark::kMicrosecond);

/// 8 independent nodes sleeping 100 ms, on 1 and on 2 workers.
AG_NODE int nap(int i) {
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  return i;
}
Tensor naps() {
  Tensor s = 0;
  for (int i = 0; i < 8; ++i)
    s = s + Tensor(nap(i));
  return s;
}
Tensor twinNaps() {
  FunctionScope scope("naps", "bench_nodes.cpp", 10, 1, {});
  Tensor s = Tensor(0);
  for (int i = 0; i < 8; ++i)
    s = s + detail::node_({12, 9, 12, 14, "s"}, "nap", &nap, i);
  return s;
}
[[maybe_unused]] const bool napsRegistered = detail::registerTwin(
    reinterpret_cast<const void *>(&naps),
    reinterpret_cast<const void *>(&twinNaps), "naps", "bench_nodes.cpp", 10);

void BM_EightNaps(benchmark::State &state) {
  auto fn = ag::function(&naps);
  Graph g = fn.graph();
  RunOptions options;
  options.threads = static_cast<int>(state.range(0));
  for (auto _ : state)
    benchmark::DoNotOptimize(g.run({}, {}, options));
}
BENCHMARK(BM_EightNaps)
    ->Arg(1)
    ->Arg(2)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime()
    ->Iterations(3);

} // namespace

BENCHMARK_MAIN();
