// The collatz demo: one ordinary C++ function, run eagerly and as a lazily
// evaluated graph traced from its ag-convert twin.
#include "collatz.h"
#include "example_util.h"

#include <cstring>
#include <fstream>
#include <iostream>

int main(int argc, char **argv) try {
  const char *dotPath = nullptr;
  for (int i = 1; i + 1 < argc; ++i)
    if (std::strcmp(argv[i], "--dot") == 0)
      dotPath = argv[i + 1];

  std::cout << "eager  collatz(27) = " << collatz(27) << "\n";

  auto lazy = ag::function(&collatz);
  std::cout << "graph  collatz(27) = " << lazy(27) << "\n";
  std::cout << "graph  collatz(97) = " << lazy(97)
            << "   (same signature: traced once, traces so far: "
            << lazy.traceCount() << ")\n";
  auto path = ag::function(&collatzPath);
  std::cout << "eager  collatzPath(6) = " << collatzPath(6) << "\n";
  std::cout << "graph  collatzPath(6) = " << path(6) << "\n\n";

  std::cout << "The twin ag-convert wrote at build time:\n";
  printTwin("collatz");
  std::cout << "\n";

  ag::Graph graph = lazy.graph(27);
  std::cout << "The optimized graph, in the ag dialect:\n"
            << graph.mlir() << "\n";
  if (dotPath) {
    std::ofstream(dotPath) << graph.dot();
    std::cout << "Graphviz source written to " << dotPath << "\n";
  }
  return 0;
} catch (const std::exception &e) {
  std::cerr << e.what() << "\n";
  return 1;
}
