// Callee of cross-file.cpp, converted separately (or, in one RUN, not at
// all).
#include "cross-file-callee.h"

namespace geo {
AG_CONVERT
ag::Tensor collatzSteps(ag::Tensor n) {
  ag::Tensor steps = 0;
  while (n > 1) {
    if (n % 2 == 0)
      n /= 2;
    else
      n = 3 * n + 1;
    steps += 1;
  }
  return steps;
}

AG_CONVERT
ag::Tensor scale(ag::Tensor x, int k) { return x * k; }

AG_CONVERT
ag::Tensor scale(ag::Tensor x, const ag::Tensor &k) noexcept {
  if (k > x)
    return k - x;
  return x - k;
}
} // namespace geo

AG_CONVERT
ag::Tensor magnitude(ag::Tensor x) { return x > 0 ? x : -x; }
