#include "example_util.h"
#include "pipeline.h"

#include <cmath>
#include <iostream>
#include <vector>

int main() try {
  std::vector<double> values;
  for (int i = 0; i < 60; ++i) // a warm spell, a glitch, and a cool-down
    values.push_back(i == 17 ? 999.0 : 20.0 + 15.0 * std::sin(i / 6.0) + (i % 7));
  ag::Tensor readings = ag::Tensor::fromVector(values, {60});
  ag::Tensor threshold = 30.0, patience = 3;

  std::cout << "-- eager\n";
  ag::Tensor eager = countAlarms(readings, threshold, patience);
  std::cout << "alarms: " << eager << "\n-- graph\n";
  auto lazy = ag::function(&countAlarms);
  ag::Tensor graph = lazy(readings, threshold, patience);
  std::cout << "alarms: " << graph << "\n"
            << (graph.identical(eager) ? "identical" : "DIFFERENT") << "\n\n";
  std::cout << "twin:\n";
  printTwin("countAlarms");
  std::cout << "\ngraph:\n" << lazy.graph(readings, threshold, patience).mlir();
  return graph.identical(eager) ? 0 : 1;
} catch (const std::exception &e) {
  std::cerr << e.what() << "\n";
  return 1;
}
