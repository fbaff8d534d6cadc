#include "example_util.h"
#include "huber.h"

#include <iostream>

int main() try {
  ag::Tensor residuals = {-3.0, -0.5, 0.25, 1.0, 4.0};
  ag::Tensor delta = 1.0;
  std::cout << "eager  meanHuber = " << meanHuber(residuals, delta) << "\n";
  auto lazy = ag::function(&meanHuber);
  std::cout << "graph  meanHuber = " << lazy(residuals, delta) << "\n\n";
  std::cout << "twin of huber:\n";
  printTwin("huber");
  std::cout << "\ngraph:\n" << lazy.graph(residuals, delta).mlir() << "\n";
  return 0;
} catch (const std::exception &e) {
  std::cerr << e.what() << "\n";
  return 1;
}
