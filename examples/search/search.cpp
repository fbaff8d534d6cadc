#include "search.h"

AG_CONVERT
ag::Tensor sumOfSquares(ag::Tensor n) {
  for (ag::Tensor a = 0; a * a <= n; ++a) {
    for (ag::Tensor b = a; a * a + b * b <= n; ++b) {
      if (a * a + b * b == n)
        return a; // early return from inside two staged loops
    }
  }
  return -1;
}
