// The native backend against C++ -O2 and the interpreter (issue 12):
// collatz step counts summed over n = 1..100000 inside one graph call.
// Ratios are taken in one run; times are the calling thread's CPU time
// (best of 5), so a loaded machine does not skew them. Also the compile
// time of the native pipeline for this graph. The graph is what tracing
// the C++ loop and ag-optimize give (the `if` became a select: both arms
// cannot fail). Figures: docs/performance.md.
//
//   ninja -C build ag-bench-native && build/bin/ag-bench-native
#include "ag/Graph.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <ctime>
#include <functional>

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

} // namespace

int main() {
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
  std::printf("  native compile (parse + lower + LLVM -O2, %d ops): %.1f ms\n",
              20, compile * 1e3);
  return 0;
}
