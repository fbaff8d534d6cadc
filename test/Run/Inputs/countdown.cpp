// The source that divide-by-zero.mlir's locations point into (not compiled).
#include <ag/ag.h>

AG_CONVERT ag::Tensor countdown(ag::Tensor n) {
  ag::Tensor acc = 0;
  for (ag::Tensor i = 0; i < n; i += 1) {
    acc = acc + 10 / (5 - i);
  }
  return acc;
}

AG_CONVERT ag::Tensor caller(ag::Tensor n) {
  return countdown(n) * 2;
}
