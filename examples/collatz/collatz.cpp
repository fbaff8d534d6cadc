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
