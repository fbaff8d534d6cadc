// Programs of native_ops_test.cpp, each one axis reduction, matmul or data
// movement op (and a few chains that mix them with broadcasting
// elementwise ops).
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

// Steps along the first dimension (rows 1, 3, 5, ...), the others whole.
AG_CONVERT
Tensor sliceOdd(Tensor x) { return ag::slice(x, {1}, {ag::kEnd}, {2}); }

// Bounds from the end and a step along the last dimension of a matrix.
AG_CONVERT
Tensor sliceCorner(Tensor x) {
  return ag::slice(x, {-2, 0}, {ag::kEnd, -1}, {1, 3});
}

// NumPy's x[::-1]: every dimension walked backwards from its last element.
AG_CONVERT
Tensor reverseRows(Tensor x) { return x.slice(-1, ag::kEnd, -1); }

// x[1::-2, -2::-3]: backward steps from row 1 and from the end; out of
// range (an error on every backend) for fewer than 2 rows or columns.
AG_CONVERT
Tensor sliceBackward(Tensor x) {
  return ag::slice(x, {1, -2}, {ag::kEnd, ag::kEnd}, {-2, -3});
}

// x[-99:99:3, 1:-1], then elementwise: bounds out of range for every small
// shape, which each backend must report as the same error (no clamping).
AG_CONVERT
Tensor sliceOutOfRange(Tensor x) {
  Tensor r = ag::slice(x, {-99, 1}, {99, -1}, {3, 1});
  return r + ag::slice(r, {-1}, {ag::kEnd}, {-1});
}

AG_CONVERT
Tensor concatLast(Tensor x) { return ag::concat({x, -x, x * 2.0}, -1); }

// A rotation by one row: two slices joined, then a sum along the axis.
AG_CONVERT
Tensor rotateRows(Tensor x) {
  Tensor r = ag::concat({x.slice(1, ag::kEnd), x.slice(0, 1)});
  return r + ag::sum(r, 0, true);
}

AG_CONVERT
Tensor gatherRows(Tensor x, Tensor ids) { return ag::gather(x, ids); }

AG_CONVERT
Tensor gatherLast(Tensor x, Tensor ids) { return ag::gather(x, ids, -1); }

// Issue 13's elementwise additions on floats, with a reduction so that
// the buffered path runs them too.
AG_CONVERT
Tensor floatFunctions(Tensor x) {
  Tensor y = ag::clip(x, -0.5, 0.5) + ag::sign(x) + ag::round(x) + ag::ceil(x) +
             ag::sin(x) * ag::cos(x) + ag::sigmoid(x) +
             ag::cast(ag::isnan(x), x.dtype()) -
             ag::cast(ag::isfinite(x), x.dtype());
  return y - ag::max(y, ag::axis(-1), true);
}

// ... and the integer ones (shift counts in range).
AG_CONVERT
Tensor bitwise(Tensor a, Tensor b) {
  Tensor y = ((a & b) | (a ^ ~b)) + (a << (b & 7)) + (a >> (b & 3)) +
             ag::sign(a) * ag::clip(b, -3, 3);
  return y - ag::sum(y, -1, true);
}

// Creation ops are constants of the graph.
AG_CONVERT
Tensor creation(Tensor x) {
  Tensor c = ag::sum(ag::eye(3) * ag::linspace(0.0, 1.0, 3)) +
             ag::cast(ag::sum(ag::arange(2, 9, 3)), ag::Float64) +
             ag::sum(ag::full({2, 2}, 0.25)) + ag::sum(ag::ones({3}));
  return x + ag::cast(c, x.dtype()) + ag::zeros_like(x);
}

// A transpose flattened by a reshape with -1 (a dynamic dimension when the
// input's are), scaled by its mean.
AG_CONVERT
Tensor flattenScaled(Tensor x) {
  Tensor f = ag::reshape(ag::transpose(x), {-1});
  return f * ag::mean(f);
}

} // namespace native_ops
