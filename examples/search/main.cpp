#include "example_util.h"
#include "search.h"

#include <iostream>

int main() try {
  auto lazy = ag::function(&sumOfSquares);
  for (int n : {25, 50, 65, 3, 1000}) {
    std::cout << "n = " << n << ": eager " << sumOfSquares(n) << ", graph "
              << lazy(n) << "\n";
  }
  std::cout << "\ntwin:\n";
  printTwin("sumOfSquares");
  std::cout << "\ngraph:\n" << lazy.graph(25).mlir() << "\n";
  return 0;
} catch (const std::exception &e) {
  std::cerr << e.what() << "\n";
  return 1;
}
