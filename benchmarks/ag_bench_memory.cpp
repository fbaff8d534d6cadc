// Peak RSS of the 20-op elementwise chain on 10M float64, eager vs graph.
// Each mode runs in its own process (ru_maxrss is per process):
//   ag-bench-memory eager | ag-bench-memory graph
#include "bench_programs.h"

#include <sys/resource.h>

#include <cstdio>
#include <cstring>

int main(int argc, char **argv) {
  if (argc != 2 ||
      (std::strcmp(argv[1], "eager") && std::strcmp(argv[1], "graph"))) {
    std::fprintf(stderr, "usage: ag-bench-memory eager|graph\n");
    return 2;
  }
  ag::Tensor x = ag::Tensor::full(ag::DType::Float64, {10000000}, 0.75);
  bool graph = std::strcmp(argv[1], "graph") == 0;
  ag::Tensor r;
  if (graph) {
    auto f = ag::function(&elementwiseChain);
    r = f(x);
  } else {
    r = elementwiseChain(x);
  }
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  std::printf("%s peak_rss_mib=%.1f result=%s\n", argv[1],
              usage.ru_maxrss / 1024.0, ag::toString(r).c_str());
  return 0;
}
