// Converted by ag-convert: see methods.h.
#include "methods.h"

namespace methods {

AG_CONVERT Tensor clamp(Tensor x, Tensor lo, Tensor hi) {
  if (x < lo)
    return lo;
  if (x > hi)
    return hi;
  return x;
}

AG_CONVERT Tensor Layer::apply(Tensor x) const {
  Tensor y = x * w_ + b_;
  if (y < 0)
    y = y * -1;
  return y;
}

AG_CONVERT Tensor Model::relu(Tensor x) const {
  if (x > 0)
    return x;
  return x * 0;
}

AG_CONVERT Tensor Model::twice(Tensor x) { return x * 2; }

AG_CONVERT Tensor Model::forward(Tensor x) const {
  Tensor h = hidden.apply(x);
  Tensor y = relu(h * w + b);
  return clamp(twice(y), Tensor(-100.0), Tensor(100.0));
}

AG_CONVERT void Model::step(Tensor grad, double lr) {
  w = w - grad * lr;
  Tensor shift = b * 0;
  if (grad > 0)
    shift = shift + lr;
  b = b + shift;
}

AG_CONVERT std::tuple<Tensor, Tensor> Model::both(Tensor x) {
  Tensor before = w;
  w = w + x;
  return {before, forward(x)};
}

AG_CONVERT Tensor Model::repeated(Tensor x) const {
  Tensor y = x;
  for (int i = 0; i < repeat; ++i)
    y = y * scale + w;
  for (const Tensor &e : extra)
    y = y + e;
  return y;
}

AG_CONVERT Tensor Model::loop(Tensor n) {
  Tensor i = 0;
  Tensor acc = b;
  while (i < n) {
    acc = acc + w;
    i += 1;
  }
  w = acc;
  return i;
}

AG_CONVERT Tensor viaLocalModel(Tensor x, Tensor w) {
  Model local;
  local.w = w;
  local.b = Tensor(1.0);
  return local.forward(x) + Model::twice(x);
}

template <typename T> AG_CONVERT Tensor scaleSum(Tensor x, T k) {
  // Of T's dtype from the start: a dtype chosen by the taken branch cannot
  // be a graph's (both branches are traced).
  Tensor s = Tensor(k) * 0;
  for (int i = 0; i < 3; ++i) {
    if (x > i)
      s += k;
    else
      s -= 1;
  }
  return s * x;
}

Tensor scaleSumInt(Tensor x, int k) { return scaleSum(x, k); }
Tensor scaleSumDouble(Tensor x, double k) { return scaleSum(x, k); }
Tensor scaleSumFloat(Tensor x, float k) { return scaleSum(x, k); }

AG_CONVERT Tensor callsTemplate(Tensor x) {
  return scaleSum(x, 2) + scaleSum(x, 0.5);
}

template <typename N> AG_CONVERT Tensor power(Tensor x, N n) {
  Tensor r = 1;
  for (N i = 0; i < n; ++i)
    r = r * x;
  if (r > 1000)
    r = Tensor(1000);
  return r;
}

template <typename T> AG_CONVERT T clampT(T x, T lo, T hi) {
  if (Tensor(x < lo))
    return lo;
  if (Tensor(x > hi))
    return hi;
  return x;
}

Tensor instantiateAll(Tensor x) {
  return power(x, 2) + power(x, 3L) + clampT(x, Tensor(0), Tensor(3));
}

} // namespace methods
