// Programs of native_ops_test.cpp, each one axis reduction or matmul (and
// a few chains that mix them with broadcasting elementwise ops).
#include "native_ops.h"

namespace native_ops {

AG_CONVERT
Tensor sumLast(Tensor x) { return ag::sum(x, -1); }

AG_CONVERT
Tensor sumFirstKeep(Tensor x) { return ag::sum(x, 0, true); }

AG_CONVERT
Tensor meanLast(Tensor x) { return ag::mean(x, -1); }

// Two blocks of axes: the kernel reduces axis 2, then axis 0.
AG_CONVERT
Tensor meanOuter(Tensor x) { return ag::mean(x, ag::axes({0, -1})); }

AG_CONVERT
Tensor prodSecond(Tensor x) { return ag::prod(x, 1); }

AG_CONVERT
Tensor minLast(Tensor x) { return ag::min(x, ag::axis(-1)); }

AG_CONVERT
Tensor maxFirstKeep(Tensor x) { return ag::max(x, ag::axis(0), true); }

AG_CONVERT
Tensor argmaxLast(Tensor x) { return ag::argmax(x, -1); }

AG_CONVERT
Tensor argminFirst(Tensor x) { return ag::argmin(x, 0); }

AG_CONVERT
Tensor argmaxAll(Tensor x) { return ag::argmax(x); }

AG_CONVERT
Tensor anyLastAllFirst(Tensor x) {
  Tensor positive = x > 0.0;
  return ag::sum(ag::cast(ag::any(positive, -1), ag::Int64)) * 1000 +
         ag::sum(ag::cast(ag::all(positive, ag::axis(0)), ag::Int64));
}

// min/max/argmax on bools (unsigned order: false < true).
AG_CONVERT
Tensor boolExtremes(Tensor x) {
  Tensor positive = x > 0.0;
  return ag::cast(ag::max(positive, ag::axis(-1)), ag::Int64) * 4 +
         ag::cast(ag::min(positive, ag::axis(-1)), ag::Int64) * 2 +
         ag::argmax(positive, -1);
}

AG_CONVERT
Tensor centeredColumnSum(Tensor x) {
  Tensor centered = x - ag::mean(x, -1, true);
  return ag::sum(centered * centered, 0);
}

AG_CONVERT
Tensor softmaxRows(Tensor x) {
  Tensor e = ag::exp(x - ag::max(x, ag::axis(1), true));
  return e / ag::sum(e, 1, true);
}

AG_CONVERT
Tensor product(Tensor a, Tensor b) { return ag::matmul(a, b); }

// A transpose (a strided copy) feeding a product: a Gram matrix.
AG_CONVERT
Tensor gram(Tensor a) { return ag::matmul(ag::transpose(a), a); }

AG_CONVERT
Tensor productPlusSum(Tensor a, Tensor b) {
  Tensor p = ag::matmul(a, b);
  return p + ag::sum(p);
}

} // namespace native_ops
