//===- ag_bench_mpi.cpp - Node calls on MPI ranks -------------------------===//
//
// Figures of docs/performance.md ("MPI executor"). Run under mpirun with
// AG_EXECUTOR=mpi; rank 0 prints one line per measurement:
//   mpirun -n <1+N> build/bin/ag-bench-mpi sleep     64 x 100 ms nodes
//   mpirun -n <1+N> build/bin/ag-bench-mpi cpu       16 x ~100 ms CPU nodes
//   mpirun -n 2     build/bin/ag-bench-mpi overhead  per-node dispatch cost
//                   (-n 1: the same chain on the local executor)
//   mpirun -n <1+N> build/bin/ag-bench-mpi tensors [branches] [n]
//                   a fan-out of heavy tensor branches (an n x n matmul and
//                   elementwise ops each; -n 1: the local executor)
// benchmarks/run_mpi.sh runs them all.
//
//===----------------------------------------------------------------------===//
#include <ag/ag.h>
#include <ag/runtime/Mpi.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <string>
#include <thread>
#include <vector>

/// A node's result collected into a vector (a record with a codec).
struct Part {
  double v = 0;
};
template <class A> void serialize(A &ar, Part &p) { ar(p.v); }

AG_NODE Part nap(int i, double ms) {
  std::this_thread::sleep_for(std::chrono::duration<double, std::milli>(ms));
  return {double(i)};
}

AG_NODE Part spin(int i, int iterations) {
  double x = i;
  for (int k = 0; k < iterations; ++k)
    x = std::sin(x) + 1.0;
  return {x};
}

AG_NODE Part step(const Part &p, int id) { return {p.v + id}; }

AG_NODE double sum(const std::vector<Part> &xs) {
  double s = 0;
  for (const Part &x : xs)
    s += x.v;
  return s;
}

AG_CONVERT
ag::Tensor naps(std::vector<int> ids, double ms) {
  std::vector<Part> parts;
  for (int id : ids)
    parts.push_back(nap(id, ms));
  return sum(parts);
}

AG_CONVERT
ag::Tensor spins(std::vector<int> ids, int iterations) {
  std::vector<Part> parts;
  for (int id : ids)
    parts.push_back(spin(id, iterations));
  return sum(parts);
}

/// Heavy tensor branches: every op travels (heavy by the evaluator's
/// estimate), each branch's chain stays on one worker, its sum returns.
AG_CONVERT
ag::Tensor matmuls(ag::Tensor x, std::vector<int> ids) {
  std::vector<ag::Tensor> parts;
  for (int id : ids) {
    ag::Tensor a = x * (0.01 * id) + 1.0;
    ag::Tensor y = ag::matmul(a, x);
    parts.push_back(ag::sum(ag::tanh(y * 0.001)));
  }
  return ag::stack(parts);
}

AG_CONVERT
Part chain(std::vector<int> ids) {
  Part x = step(Part{}, 0);
  for (int id : ids)
    x = step(x, id);
  return x;
}

template <typename F> static double seconds(F &&f) {
  auto start = std::chrono::steady_clock::now();
  f();
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
      .count();
}

static std::vector<int> range(int n) {
  std::vector<int> v;
  for (int i = 0; i < n; ++i)
    v.push_back(i);
  return v;
}

int main(int argc, char **argv) {
  ag::exec::mpi::serveIfWorker(); // workers serve here, never return
  std::string what = argc > 1 ? argv[1] : "sleep";
  int workers = ag::exec::mpi::size() - 1;
  auto before = ag::exec::mpi::stats();
  auto report = [&](const char *name, double s, double ideal, int nodes) {
    auto after = ag::exec::mpi::stats();
    uint64_t calls = after.remoteCalls - before.remoteCalls;
    uint64_t bytes = after.bytesSent - before.bytesSent + after.bytesReceived -
                     before.bytesReceived;
    std::printf("%s: %d worker rank(s), %d nodes, %.3f s", name, workers, nodes,
                s);
    if (ideal > 0)
      std::printf(", ideal %.3f s, efficiency %.2f", ideal, ideal / s);
    if (calls)
      std::printf(", %llu remote calls, %.0f bytes moved per call, %llu "
                  "results kept on workers",
                  (unsigned long long)calls, double(bytes) / calls,
                  (unsigned long long)(after.resultsKept - before.resultsKept));
    std::printf("\n");
  };
  if (what == "sleep") {
    std::vector<int> ids = range(64);
    auto fn = ag::function(&naps);
    fn(range(2), 1.0); // trace and warm up
    before = ag::exec::mpi::stats();
    double s = seconds([&] { fn(ids, 100.0); });
    double ideal = 64 * 0.1 / std::max(1, workers);
    report("sleep", s, ideal, 64);
  } else if (what == "cpu") {
    int iterations = argc > 2 ? std::atoi(argv[2]) : 4000000;
    std::vector<int> ids = range(16);
    auto fn = ag::function(&spins);
    fn(range(2), 1000);
    volatile double sink = 0;
    double one = seconds([&] { sink = spin(0, iterations).v; });
    (void)sink;
    before = ag::exec::mpi::stats();
    double result = 0;
    double s = seconds([&] { result = fn(ids, iterations).item<double>(); });
    std::printf("one node alone: %.3f s, result %.17g\n", one, result);
    report("cpu", s, 16 * one / std::max(1, workers), 16);
  } else if (what == "overhead") {
    int n = argc > 2 ? std::atoi(argv[2]) : 1000;
    std::vector<int> ids = range(n);
    auto fn = ag::function(&chain);
    fn(ids);
    before = ag::exec::mpi::stats();
    double mpiS = seconds([&] { fn(ids); });
    report("chain", mpiS, 0, n);
    std::printf("per node: %.2f us (%s)\n", mpiS / n * 1e6,
                workers ? "on a worker" : "local executor");
  } else if (what == "tensors") {
    int branches = argc > 2 ? std::atoi(argv[2]) : 16;
    int n = argc > 3 ? std::atoi(argv[3]) : 384;
    std::vector<double> v(static_cast<size_t>(n) * n);
    for (size_t i = 0; i < v.size(); ++i)
      v[i] = static_cast<double>((i * 7919) % 1000) / 1000.0 - 0.5;
    ag::Tensor x = ag::Tensor::fromVector(v, {n, n});
    auto fn = ag::function(&matmuls);
    fn(x, range(branches)); // trace and warm up
    double one = 1e9;
    for (int k = 0; k < 3; ++k) // one branch, eager, on this rank
      one = std::min(one, seconds([&] { matmuls(x, range(1)); }));
    before = ag::exec::mpi::stats();
    ag::Tensor result;
    double s = 1e9;
    for (int k = 0; k < 3; ++k) // best of 3
      s = std::min(s, seconds([&] { result = fn(x, range(branches)); }));
    auto after = ag::exec::mpi::stats();
    std::printf("one branch alone: %.3f s; result[1] %.17g\n", one,
                result.elementAsDouble(1));
    // No ideal: on a shared 2-core machine one eager branch's time says
    // little about 16 at once; compare the runs on 0, 1 and 2 workers.
    report("tensors", s, 0, branches);
    uint64_t kernels = after.kernelCalls - before.kernelCalls;
    if (kernels)
      std::printf("%llu tensor ops on workers in 3 runs; per run %.1f MB sent, "
                  "%.1f kB received\n",
                  (unsigned long long)kernels,
                  (after.bytesSent - before.bytesSent) / 3e6,
                  (after.bytesReceived - before.bytesReceived) / 3e3);
  } else {
    std::fprintf(stderr, "unknown benchmark %s\n", what.c_str());
    return 2;
  }
  return 0;
}
