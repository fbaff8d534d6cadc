#include "huber.h"

AG_CONVERT
ag::Tensor huber(ag::Tensor x, ag::Tensor delta) {
  ag::Tensor r = ag::abs(x);
  if (r <= delta)
    return 0.5 * x * x;
  return delta * (r - 0.5 * delta);
}

AG_CONVERT
ag::Tensor meanHuber(ag::Tensor residuals, ag::Tensor delta) {
  ag::Tensor total = 0.0;
  ag::Tensor count = 0.0;
  for (ag::Tensor x : residuals) { // a staged loop over the first dimension
    total += huber(x, delta);      // calls the converted twin of huber
    count += 1.0;
  }
  return total / count;
}
