// The elementwise ops of issue 13 (bitwise and shift operators on integer
// tensors, clip, sign, round, ceil, sin, cos, sigmoid, isnan, isfinite)
// written as a numeric user would, eagerly and as graphs.
#include "programs.h"

namespace programs {

// Set bits of n >= 0 by shifting and masking in a staged loop.
AG_CONVERT
Tensor popcount(Tensor n) {
  Tensor count = 0;
  while (n != 0) {
    count += n & 1;
    n = n >> 1;
  }
  return count;
}

// Gray code of n, and back: g ^ (g >> 1) ^ (g >> 2) ... recovers n.
AG_CONVERT
Tensor grayRoundTrip(Tensor n) {
  Tensor g = n ^ (n >> 1);
  Tensor back = g;
  Tensor shift = g >> 1;
  while (shift != 0) {
    back = back ^ shift;
    shift = shift >> 1;
  }
  return ag::stack({g, back});
}

// 1 << k for every k: k < 0 or k >= 64 is an error, eagerly and in graphs.
AG_CONVERT
Tensor powerOfTwo(Tensor k) { return Tensor(1) << k; }

// Clears bit b of a mask with & ~(1 << b), then toggles bit 0 with ^.
AG_CONVERT
Tensor clearBit(Tensor mask, Tensor b) {
  if (b >= 0 && b < 62)
    mask = mask & ~(Tensor(1) << b);
  return mask ^ 1;
}

// Soft thresholding with clip and sign on a float vector scaled by k; NaNs
// (from 0 * inf) replaced by 0 with isnan.
AG_CONVERT
Tensor softThreshold(Tensor k) {
  Tensor x = {-3.0, -0.5, 0.0, 0.25, 2.0, 1e308};
  x = x * k;
  Tensor y = ag::sign(x) * ag::clip(ag::abs(x) - 1.0, 0.0, 2.0);
  Tensor bad = ag::isnan(y) | !ag::isfinite(x);
  return ag::where(bad, Tensor(0.0), y);
}

// Logistic regression step: predictions rounded to labels, the number of
// correct ones counted in a staged loop over epochs.
AG_CONVERT
Tensor logisticRounding(Tensor epochs) {
  Tensor x = {-2.0, -1.0, -0.5, 0.5, 1.0, 2.0};
  Tensor labels = {0.0, 0.0, 0.0, 1.0, 1.0, 1.0};
  Tensor w = 0.0;
  for (Tensor e = 0; e < epochs; e += 1) {
    Tensor p = ag::sigmoid(w * x);
    w = w - 0.5 * ag::sum((p - labels) * x);
  }
  return ag::sum(ag::cast(ag::round(ag::sigmoid(w * x)) == labels,
                          ag::DType::Int64)) +
         ag::round(w * 1000.0);
}

// Rotates (1, 0) n times by 0.3 rad with sin/cos; ceil of 100 * x.
AG_CONVERT
Tensor rotations(Tensor n) {
  Tensor x = 1.0, y = 0.0;
  Tensor c = ag::cos(Tensor(0.3)), s = ag::sin(Tensor(0.3));
  for (Tensor i = 0; i < n; i += 1) {
    Tensor nx = c * x - s * y;
    y = s * x + c * y;
    x = nx;
  }
  return ag::ceil(x * 100.0);
}

// std::min/std::max with signed zeros: the first operand unless the second
// is smaller (larger), in graphs too (agsmith seed 100828).
AG_CONVERT
Tensor signedZeroMin(Tensor k) {
  Tensor z = ag::cast(k, ag::DType::Float64) * 0.0; // -0.0 for k < 0
  Tensor a = ag::min(-0.0 * Tensor(1.0), z);
  Tensor b = ag::max(z, Tensor(0.0));
  return ag::stack({a, b, Tensor(1.0) / a, Tensor(1.0) / b});
}

} // namespace programs
