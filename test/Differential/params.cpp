#include "params.h"

namespace params {

AG_CONVERT Tensor weightedSum(const std::vector<Tensor> &xs, Tensor w) {
  Tensor s = 0.0;
  for (size_t i = 0; i < xs.size(); ++i)
    s = s + xs[i] * w * static_cast<double>(i + 1);
  return s;
}

AG_CONVERT Tensor countPositive(std::vector<Tensor> xs) {
  Tensor n = 0;
  for (Tensor x : xs)
    if (x > 0)
      n += 1;
  return n;
}

AG_CONVERT Tensor dot3(const std::array<Tensor, 3> &a,
                       const std::array<Tensor, 3> &b) {
  Tensor s = a[0] * b[0];
  for (size_t i = 1; i < a.size(); ++i)
    s = s + a[i] * b[i];
  return s;
}

AG_CONVERT std::vector<Tensor> prefixSums(const std::vector<Tensor> &xs) {
  std::vector<Tensor> out;
  Tensor acc = 0;
  for (const Tensor &x : xs) {
    acc = acc + x;
    out.push_back(acc);
  }
  return out;
}

AG_CONVERT std::array<Tensor, 2> minMax(Tensor v) {
  Tensor lo = v[0], hi = v[0];
  for (Tensor x : v) {
    if (x < lo)
      lo = x;
    if (x > hi)
      hi = x;
  }
  return {lo, hi};
}

AG_CONVERT std::pair<Tensor, Tensor> divMod(Tensor a, Tensor b) {
  return {a / b, a % b};
}

AG_CONVERT std::tuple<Tensor, Tensor, Tensor> stats(Tensor v) {
  Tensor n = 0, s = 0.0, sq = 0.0;
  for (Tensor x : v) {
    n += 1;
    s = s + x;
    sq = sq + x * x;
  }
  return {n, s, sq};
}

AG_CONVERT Output linear(const Linear &p, Tensor x, Tensor target) {
  Tensor y = p.w * x + p.b;
  Tensor d = y - target;
  return Output{y, ag::sum(d * d)};
}

AG_CONVERT Step train(Model m, Tensor x, Tensor target) {
  Tensor y = m.layer.w * x + m.layer.b;
  for (const Tensor &b : m.biases)
    y = y + b;
  Tensor d = y - target;
  Tensor loss = ag::sum(d * d);
  Tensor grad = ag::sum(d * x) * 2.0;
  // A field is not assigned under staged control flow (a conversion
  // error): a local is merged, then stored.
  Tensor w = m.layer.w;
  if (loss > 1.0)
    w = w - m.opt.lr * grad;
  m.layer.w = w;
  return Step{m.layer, m.biases, m.opt.lr * m.opt.decay, loss};
}

AG_CONVERT Tensor norm(Tensor v) {
  Tensor s = 0.0;
  for (Tensor x : v)
    s = s + x * x;
  return ag::sqrt(s) + ag::sum(v * 2.0) + v[0];
}

AG_CONVERT Tensor clippedMean(Tensor m, Tensor limit) {
  Tensor total = 0.0, rows = 0;
  for (Tensor row : m) {
    Tensor r = ag::sum(row);
    total = total + (r > limit ? limit : r);
    rows += 1;
  }
  return total / rows;
}

AG_CONVERT Tensor firstRowSum(Tensor m) { return ag::sum(m[0]) + m[1][2]; }

AG_CONVERT Tensor lengthByDim(Tensor v) {
  Tensor n = 0;
  for (int64_t i = 0; i < v.dim(0); ++i)
    n += 1;
  return n;
}

} // namespace params
