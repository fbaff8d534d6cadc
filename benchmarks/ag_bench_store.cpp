//===- ag_bench_store.cpp - Cost and benefit of the durable store ---------===//
//
//   ninja -C build ag-bench-store && build/bin/ag-bench-store [dir]
//
// Prints, in one run (so the machine's load affects both sides alike):
//  1. a 1,000-node pipeline of small values (host nodes on 8-element
//     tensors), each run in a new Session: without a store, and with a store
//     writing every node's result (a store made before the timing, a new
//     feed per repetition, so every value is written): packed (the
//     default), and one file per value
//     (AG_STORE_PACK_MAX=0, the format before packs). For several amounts
//     of work per node.
//  2. a 100-node pipeline whose nodes sleep 10 ms: the first run against an
//     empty store, and a fully cached rerun (new Session, same store).
// Programs are built by hand, as the lowering builds AG_NODE calls.
//
//===----------------------------------------------------------------------===//

#include "ag/runtime/Evaluator.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

using namespace ag;
using namespace ag::exec;
namespace fs = std::filesystem;

namespace {

volatile double sink;

/// x -> n1 -> n2 -> ... -> nN, each a host node over an 8-element tensor
/// spinning `spin` iterations, or sleeping `sleepMs`.
std::shared_ptr<Program> pipeline(int n, int spin, int sleepMs) {
  auto p = std::make_shared<Program>();
  SlotInfo x;
  x.name = "x";
  SlotId cur = p->addArgument(x);
  for (int i = 0; i < n; ++i) {
    Node node;
    node.kind = NodeKind::Host;
    node.heavy = true;
    node.text = "bench::step" + std::to_string(i);
    node.opName = "ag.node";
    node.operands = {cur};
    node.host = [spin, sleepMs](const std::vector<Value> &in) {
      Tensor t = in[0].tensor();
      std::vector<double> v(t.data<double>(), t.data<double>() + t.numel());
      double acc = 0;
      for (int k = 0; k < spin; ++k)
        acc += k * 1e-9;
      sink = acc;
      if (sleepMs)
        std::this_thread::sleep_for(std::chrono::milliseconds(sleepMs));
      for (double &e : v)
        e = e * 0.5 + 1;
      return std::vector<Value>{Value(Tensor::fromVector(v, {8}))};
    };
    SlotInfo r;
    r.name = "v" + std::to_string(i);
    cur = p->addSlot(r);
    node.results = {cur};
    p->addNode(std::move(node));
  }
  p->addResult(cur);
  p->finalize();
  return p;
}

double runOnce(const std::shared_ptr<Program> &p, const std::string &store,
               RunStats *stats = nullptr, double feed = 1.0) {
  Session session(p);
  RunOptions options;
  options.store = store;
  options.threads = 1;
  std::vector<double> x(8, feed);
  auto start = std::chrono::steady_clock::now();
  session.run({p->results()[0]}, {Tensor::fromVector(x, {8})}, options);
  double s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
          .count();
  if (stats)
    *stats = session.lastRunStats();
  return s;
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

} // namespace

int main(int argc, char **argv) {
  fs::path root = argc > 1 ? fs::path(argv[1])
                           : fs::temp_directory_path() / "ag-bench-store";
  fs::remove_all(root);
  fs::create_directories(root);
  const int reps = 5;

  // `ag-bench-store dir --repeat N [nodes [spin]]`: only N stored runs of
  // the pipeline (by default 1,000 nodes of 0.3 us), each writing every
  // value anew, alternating with runs without a store: wall and CPU time
  // (to profile: perf record).
  if (argc > 3 && std::string(argv[2]) == "--repeat") {
    // An optional 4th argument: the number of nodes (fixed per-run costs
    // are the intercept).
    int nodes = argc > 4 ? std::atoi(argv[4]) : 1000;
    int spin = argc > 5 ? std::atoi(argv[5]) : 0; // work per node
    auto p = pipeline(nodes, spin, 0);
    int n = std::atoi(argv[3]);
    std::vector<double> on, off, onCpu, offCpu;
    auto cpu = [] {
      timespec t;
      clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
      return static_cast<double>(t.tv_sec) + t.tv_nsec * 1e-9;
    };
    for (int r = 0; r < n; ++r) {
      double c0 = cpu();
      off.push_back(runOnce(p, "", nullptr, r + 2.0));
      double c1 = cpu();
      on.push_back(runOnce(p, (root / "repeat").string(), nullptr, r + 2.0));
      double c2 = cpu();
      offCpu.push_back(c1 - c0);
      onCpu.push_back(c2 - c1);
    }
    std::printf("no store %.3f ms (CPU %.3f ms), store %.3f ms (CPU %.3f ms); "
                "medians of %d; CPU ratio %.2fx\n",
                median(off) * 1e3, median(offCpu) * 1e3, median(on) * 1e3,
                median(onCpu) * 1e3, n, median(onCpu) / median(offCpu));
    fs::remove_all(root);
    return 0;
  }

  std::printf("1. 1,000 host nodes of small values (8 doubles), median of %d "
              "runs\n",
              reps);
  std::printf("%-14s %11s %11s %7s %11s %7s\n", "work per node", "no store",
              "packed", "ratio", "files", "ratio");
  for (int spin : {0, 20000, 200000}) {
    auto p = pipeline(1000, spin, 0);
    std::vector<double> off, packed, files;
    // One store per mode, made (and opened by this process) before the
    // timing; each timed run has a new feed, so every value is new to it.
    auto stored = [&](const char *packMax, int r) {
      fs::path dir = root / ("s" + std::to_string(spin) + "_" + packMax);
      if (r < 0)
        ::setenv("AG_STORE_PACK_MAX", packMax, 1); // read when a store opens
      RunStats stats;
      double s = runOnce(p, dir.string(), &stats, r + 2.0);
      ::unsetenv("AG_STORE_PACK_MAX");
      if (stats.valuesStored != 1000)
        std::fprintf(stderr, "expected 1000 values stored, got %llu\n",
                     static_cast<unsigned long long>(stats.valuesStored));
      return s;
    };
    stored("65536", -1);
    stored("0", -1);
    for (int r = 0; r < reps; ++r) {
      // Alternate, so load changes hit every side alike.
      off.push_back(runOnce(p, "", nullptr, r + 2.0));
      packed.push_back(stored("65536", r));
      files.push_back(stored("0", r));
    }
    double a = median(off), b = median(packed), c = median(files);
    char label[64];
    std::snprintf(label, sizeof label, "%.1f us", a / 1000 * 1e6);
    std::printf("%-14s %8.1f ms %8.1f ms %6.2fx %8.1f ms %6.2fx\n", label,
                a * 1e3, b * 1e3, b / a, c * 1e3, c / a);
  }

  std::printf("\n2. 100 host nodes sleeping 10 ms each\n");
  {
    auto p = pipeline(100, 0, 10);
    fs::path dir = root / "sleep";
    double first = runOnce(p, dir.string());
    std::vector<double> again;
    RunStats stats;
    for (int r = 0; r < reps; ++r)
      again.push_back(runOnce(p, dir.string(), &stats));
    double cached = median(again);
    std::printf("first run %.1f ms, fully cached rerun %.3f ms (%llu nodes "
                "run): %.0fx faster\n",
                first * 1e3, cached * 1e3,
                static_cast<unsigned long long>(stats.opsExecuted),
                first / cached);
  }
  fs::remove_all(root);
  return 0;
}
