// Input for the conversion-time figure in lib/Frontend/README.md (not a test).
#include <ag/ag.h>
#include <cmath>
#include <iostream>
#include <vector>
namespace lib {
AG_CONVERT
static inline ag::Tensor huber(ag::Tensor r, double delta = 1.0) {
  ag::Tensor a = ag::abs(r);
  if (a <= delta)
    return 0.5 * r * r;
  else
    return delta * (a - 0.5 * delta);
}
} // namespace lib

AG_CONVERT
ag::Tensor ipow(ag::Tensor base, ag::Tensor exp) {
  ag::Tensor result = 1;
  while (exp > 0) {
    if (exp % 2 == 1)
      result *= base;
    base *= base;
    exp /= 2;
  }
  return result;
}

AG_CONVERT
ag::Tensor newton(ag::Tensor x) {
  ag::Tensor g = x / 2;
  for (int i = 0; i < 20; ++i)
    g = (g + x / g) / 2;
  return g;
}

AG_CONVERT
ag::Tensor bisect(ag::Tensor lo, ag::Tensor hi, ag::Tensor target) {
  ag::Tensor mid;
  do {
    mid = (lo + hi) / 2;
    if (mid * mid < target)
      lo = mid;
    else
      hi = mid;
  } while (hi - lo > 1e-6);
  return mid;
}

AG_CONVERT
ag::Tensor fizz(ag::Tensor n) {
  ag::Tensor count = 0;
  for (ag::Tensor i = 1; i <= n; i += 1) {
    if (i % 15 == 0)
      continue;
    if (i % 3 == 0 || i % 5 == 0)
      count += 1;
  }
  return count;
}

AG_CONVERT
ag::Tensor nestedReturn(ag::Tensor n) {
  ag::Tensor i = 0;
  while (i < n) {
    ag::Tensor j = 0;
    while (j < n) {
      if (i * j == 12)
        return i * 100 + j;
      j += 1;
    }
    i += 1;
  }
  return -1;
}

AG_CONVERT
ag::Tensor doBreak(ag::Tensor x) {
  do {
    x -= 3;
    if (x < 0)
      break;
    x -= 1;
  } while (x > 10);
  return x;
}

AG_CONVERT
auto bothBranches(ag::Tensor x) {
  ag::Tensor y;
  if (!(x > 0))
    y = -x;
  else
    y = x;
  for (;;) {
    if (y > 100)
      return y;
    y = y * 2;
  }
}

AG_CONVERT
ag::Tensor hostCond(ag::Tensor x, int n) {
  while (x > 0 && n < 5)
    x = x - n;
  ag::Tensor z = n > 2 ? x : x * 2;
  return z;
}

AG_CONVERT
void empty() {}
