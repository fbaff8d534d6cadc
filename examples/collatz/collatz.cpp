#include "collatz.h"

AG_CONVERT
ag::Tensor collatz(ag::Tensor a) {
  ag::Tensor counter = 0;
  while (a != 1) {
    if (a % 2 == 0)
      a = a / 2;
    else
      a = 3 * a + 1;
    counter += 1;
  }
  return counter;
}

AG_CONVERT
ag::Tensor collatzPath(ag::Tensor a) {
  std::vector<ag::Tensor> path; // a staged list in the graph
  path.push_back(a);
  while (a != 1) {
    a = a % 2 == 0 ? a / 2 : 3 * a + 1;
    path.push_back(a);
  }
  return ag::stack(path);
}
