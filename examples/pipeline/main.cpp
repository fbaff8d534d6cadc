#include "pipeline.h"

#include <ag/Mpi.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

// Writes `shards` CSV files of noisy readings of a line into `dir`, with a
// few broken lines and spikes for the pipeline to clean.
static std::vector<std::string> generate(const std::string &dir, int shards,
                                         int rows) {
  std::vector<std::string> paths;
  for (int s = 0; s < shards; ++s) {
    std::string path = dir + "/shard-" + std::to_string(s) + ".csv";
    std::ofstream out(path);
    out << "time,value\n";
    for (int i = 0; i < rows; ++i) {
      double t = s * rows + i;
      double v = 0.25 * t + 4 + 3 * std::sin(t * 0.7);
      if (i % 97 == 13)
        v = 1e6; // a spike
      out << t << "," << v << "\n";
      if (i % 251 == 7)
        out << "sensor offline\n";
    }
    paths.push_back(path);
  }
  return paths;
}

template <typename F> static double seconds(F &&f) {
  auto start = std::chrono::steady_clock::now();
  f();
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
      .count();
}

int main() try {
  // Under mpirun with AG_EXECUTOR=mpi, ranks 1..N-1 serve node calls from
  // here on; rank 0 runs the program (elsewhere this returns at once).
  ag::mpi::serveIfWorker();
  char pattern[] = "/tmp/ag-pipeline-XXXXXX";
  if (!mkdtemp(pattern)) {
    std::perror("mkdtemp");
    return 1;
  }
  std::string dir = pattern;
  std::vector<std::string> paths = generate(dir, 8, 5000);
  std::vector<double> ridges = {1e3, 1e6, 1e9, 1e12};
  const double maxAbs = 1e4;

  Fit eager{}, graph{};
  std::cout << "-- eager\n";
  double eagerSeconds =
      seconds([&] { eager = bestFit(paths, maxAbs, ridges); });
  std::cout << "-- graph\n";
  auto lazy = ag::function(&bestFit);
  double graphSeconds = seconds([&] { graph = lazy(paths, maxAbs, ridges); });
  std::printf("best ridge %.1f (loss %.5f)\n", graph.ridge, graph.loss);
  std::printf("eager %.1f ms, graph %.1f ms (first call: tracing included)\n",
              eagerSeconds * 1e3, graphSeconds * 1e3);
  double again = seconds([&] { graph = lazy(paths, maxAbs, ridges); });
  std::printf("graph again %.1f ms\n", again * 1e3);
  std::cout << "\nDAG (Graphviz):\n" << lazy.graph(paths, maxAbs, ridges).dot();
  std::system(("rm -rf " + dir).c_str());
  if (ag::mpi::size() > 1)
    std::cout << ag::mpi::stats().remoteCalls << " node calls ran on "
              << ag::mpi::size() - 1 << " MPI worker ranks\n";
  std::cout << (graph == eager ? "identical" : "DIFFERENT") << "\n";
  return graph == eager ? 0 : 1;
} catch (const std::exception &e) {
  std::cerr << e.what() << "\n";
  return 1;
}
