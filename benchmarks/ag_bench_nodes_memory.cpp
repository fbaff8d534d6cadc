//===- ag_bench_nodes_memory.cpp - Peak memory of a chain of big nodes ----===//
//
// A chain of 10 AG_NODE calls, each producing a 100 MB value from the
// previous one. Eagerly the caller's 10 locals are all alive at the end; as a
// graph each value is released right after its last consumer ran, so at most
// 2 are alive (a node's input and its result). Each mode runs in its own
// process (ru_maxrss is per process):
//   ninja -C build ag-bench-nodes-memory
//   build/bin/ag-bench-nodes-memory eager; build/bin/ag-bench-nodes-memory
//   graph
// Figures in docs/performance.md ("Pipeline nodes"). The twin is written by
// hand as ag-convert emits it for AG_NODE calls.
//
//===----------------------------------------------------------------------===//
#include "ag/Codec.h" // as ag-convert adds to a file calling nodes
#include "ag/Node.h"
#include "ag/ag.h"

#include <sys/resource.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstring>
#include <vector>

using namespace ag;

namespace {

constexpr size_t kBytes = 100u << 20; // 100 MiB per value

std::atomic<int> alive{0}, maxAlive{0};

/// A 100 MiB value that counts how many of its kind are alive.
struct Blob {
  std::vector<unsigned char> bytes;
  explicit Blob(unsigned char fill) : bytes(kBytes, fill) { born(); }
  Blob(const Blob &o) : bytes(o.bytes) { born(); }
  // A move hands the bytes (and their count) over; the source is empty.
  Blob(Blob &&o) noexcept : bytes(std::move(o.bytes)) { o.bytes.clear(); }
  Blob &operator=(const Blob &) = delete;
  ~Blob() {
    if (!bytes.empty())
      --alive;
  }
  static void born() {
    int now = ++alive;
    int seen = maxAlive.load();
    while (now > seen && !maxAlive.compare_exchange_weak(seen, now)) {
    }
  }
};

AG_NODE Blob make(int seed) { return Blob(static_cast<unsigned char>(seed)); }
AG_NODE Blob step(const Blob &in) {
  Blob out(0);
  for (size_t i = 0; i < kBytes; i += 4096) // touch every page
    out.bytes[i] = static_cast<unsigned char>(in.bytes[i] + 1);
  return out;
}
AG_NODE long checksum(const Blob &b) {
  long s = 0;
  for (size_t i = 0; i < kBytes; i += 4096)
    s += b.bytes[i];
  return s;
}

Tensor chain(int seed) {
  Blob b0 = make(seed);
  Blob b1 = step(b0);
  Blob b2 = step(b1);
  Blob b3 = step(b2);
  Blob b4 = step(b3);
  Blob b5 = step(b4);
  Blob b6 = step(b5);
  Blob b7 = step(b6);
  Blob b8 = step(b7);
  Blob b9 = step(b8);
  return checksum(b9);
}
Tensor twinChain(int seed) {
  FunctionScope scope("chain", "bench_nodes_memory.cpp", 1, 1, {});
  Lazy<Blob> b0 = detail::node_({2, 3, 2, 10, "b0"}, "make", &make, seed);
  Lazy<Blob> b1 = detail::node_({3, 3, 3, 10, "b1"}, "step", &step, b0);
  Lazy<Blob> b2 = detail::node_({4, 3, 4, 10, "b2"}, "step", &step, b1);
  Lazy<Blob> b3 = detail::node_({5, 3, 5, 10, "b3"}, "step", &step, b2);
  Lazy<Blob> b4 = detail::node_({6, 3, 6, 10, "b4"}, "step", &step, b3);
  Lazy<Blob> b5 = detail::node_({7, 3, 7, 10, "b5"}, "step", &step, b4);
  Lazy<Blob> b6 = detail::node_({8, 3, 8, 10, "b6"}, "step", &step, b5);
  Lazy<Blob> b7 = detail::node_({9, 3, 9, 10, "b7"}, "step", &step, b6);
  Lazy<Blob> b8 = detail::node_({10, 3, 10, 10, "b8"}, "step", &step, b7);
  Lazy<Blob> b9 = detail::node_({11, 3, 11, 10, "b9"}, "step", &step, b8);
  return detail::node_({12, 3, 12, 10}, "checksum", &checksum, b9);
}
[[maybe_unused]] const bool chainRegistered =
    detail::registerTwin(reinterpret_cast<const void *>(&chain),
                         reinterpret_cast<const void *>(&twinChain), "chain",
                         "bench_nodes_memory.cpp", 1);

} // namespace

int main(int argc, char **argv) {
  if (argc != 2 ||
      (std::strcmp(argv[1], "eager") && std::strcmp(argv[1], "graph"))) {
    std::fprintf(stderr, "usage: ag-bench-nodes-memory eager|graph\n");
    return 2;
  }
  bool graph = std::strcmp(argv[1], "graph") == 0;
  Tensor r = graph ? ag::function(&chain)(7) : chain(7);
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  std::printf("%s peak_rss_mib=%.1f max_alive_values=%d alive_after=%d "
              "result=%s\n",
              argv[1], usage.ru_maxrss / 1024.0, maxAlive.load(), alive.load(),
              ag::toString(r).c_str());
  return 0;
}
