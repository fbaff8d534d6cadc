// Numeric programs written as a numeric user would, with the op library
// (reductions, matmul, transpose, reshape, creation). numeric_test.cpp runs
// each eagerly and as a graph and demands identical results (issue 13).
#include "numeric.h"

#include <cmath>
#include <limits>
#include <vector>

namespace numeric {

AG_CONVERT
Tensor softmax(Tensor x) {
  Tensor e = ag::exp(x - ag::max(x));
  return e / ag::sum(e);
}

AG_CONVERT
Tensor logsumexp(Tensor x) {
  Tensor m = ag::max(x);
  return m + ag::log(ag::sum(ag::exp(x - m)));
}

AG_CONVERT
Tensor layerNorm(Tensor x) {
  Tensor mu = ag::mean(x, 1, true);
  Tensor centered = x - mu;
  Tensor var = ag::mean(centered * centered, 1, true);
  return centered / ag::sqrt(var + 1e-5);
}

// One Lloyd step: assign each point to its nearest center, move each
// center to the mean of its points (an empty cluster stays at the origin).
AG_CONVERT
Tensor kmeansStep(Tensor points, Tensor centers) {
  int64_t n = points.dim(0), k = centers.dim(0);
  Tensor diff =
      ag::reshape(points, {n, 1, 2}) - ag::reshape(centers, {1, k, 2});
  Tensor dist = ag::sum(diff * diff, 2);
  Tensor nearest = ag::argmin(dist, 1);
  Tensor onehot =
      ag::cast(ag::unsqueeze(nearest, 1) == ag::arange(k), ag::Float64);
  Tensor counts = ag::sum(onehot, 0);
  Tensor sums = ag::matmul(ag::transpose(onehot), points);
  return sums / ag::max(ag::unsqueeze(counts, 1), 1.0);
}

AG_CONVERT
Tensor powerIteration(Tensor a) {
  Tensor v = ag::ones({a.dim(0)});
  for (int i = 0; i < 30; ++i) {
    v = ag::matmul(a, v);
    v = v / ag::sqrt(ag::dot(v, v));
  }
  return ag::dot(v, ag::matmul(a, v));
}

// A staged exponent: square-and-multiply on matrices.
AG_CONVERT
Tensor matrixPower(Tensor a, Tensor p) {
  Tensor result = ag::eye(a.dim(0), -1, ag::Int64);
  while (p > 0) {
    if (p % 2 == 1)
      result = ag::matmul(result, a);
    a = ag::matmul(a, a);
    p = p / 2;
  }
  return result;
}

AG_CONVERT
Tensor cumulativeMax(Tensor x) {
  Tensor out = x;
  for (int64_t i = 1; i < x.dim(0); ++i)
    out[i] = ag::max(out[i - 1], x[i]);
  return out;
}

// Window means as a banded matrix times the signal.
AG_CONVERT
Tensor movingAverage(Tensor x) {
  int64_t n = x.dim(0), w = 3;
  Tensor rows = ag::unsqueeze(ag::arange(n - w + 1), 1);
  Tensor cols = ag::arange(n);
  Tensor band = ag::cast((cols >= rows) & (cols < rows + w), ag::Float64);
  return ag::matmul(band, x) / double(w);
}

// Bin counts from comparisons against the edges: count(x >= edge) per edge,
// then neighbouring differences.
AG_CONVERT
Tensor histogram(Tensor x, Tensor edges) {
  Tensor atLeast = ag::sum(ag::unsqueeze(x, 1) >= edges, 0);
  std::vector<Tensor> bins;
  for (int64_t b = 0; b + 1 < edges.dim(0); ++b)
    bins.push_back(atLeast[b] - atLeast[b + 1]);
  return ag::stack(bins);
}

AG_CONVERT
Tensor topKByArgmax(Tensor x) {
  std::vector<Tensor> best;
  for (int i = 0; i < 3; ++i) {
    Tensor j = ag::argmax(x);
    best.push_back(x[j]);
    x[j] = -std::numeric_limits<double>::infinity();
  }
  return ag::stack(best);
}

AG_CONVERT
Tensor normalizeRows(Tensor m) { return m / ag::sum(m, 1, true); }

AG_CONVERT
Tensor covariance(Tensor x) {
  Tensor centered = x - ag::mean(x, 0, true);
  return ag::matmul(ag::transpose(centered), centered) / double(x.dim(0) - 1);
}

AG_CONVERT
Tensor attention(Tensor q, Tensor k) {
  Tensor scores = ag::matmul(q, ag::transpose(k)) / std::sqrt(double(q.dim(1)));
  Tensor e = ag::exp(scores - ag::max(scores, ag::axis(1), true));
  Tensor weights = e / ag::sum(e, 1, true);
  return ag::matmul(weights, k);
}

AG_CONVERT
Tensor linearRegression(Tensor x, Tensor y) {
  Tensor w = ag::zeros({x.dim(1)});
  Tensor xt = ag::transpose(x);
  for (int step = 0; step < 40; ++step) {
    Tensor grad = ag::matmul(xt, ag::matmul(x, w) - y) / double(x.dim(0));
    w -= 0.1 * grad;
  }
  return w;
}

AG_CONVERT
Tensor zscoreRange(Tensor x) {
  Tensor mu = ag::mean(x);
  Tensor sd = ag::sqrt(ag::mean((x - mu) * (x - mu)));
  Tensor z = (x - mu) / sd;
  return ag::max(z) - ag::min(z);
}

AG_CONVERT
Tensor allClose(Tensor a, Tensor b) {
  return ag::all(ag::abs(a - b) <= 1e-9 + 1e-6 * ag::abs(b));
}

AG_CONVERT
Tensor accuracy(Tensor logits, Tensor labels) {
  Tensor hits = ag::argmax(logits, 1) == labels;
  return ag::mean(hits);
}

// Pairwise squared distances: |a|^2 + |b|^2 - 2 a.b^T.
AG_CONVERT
Tensor pairwiseDistances(Tensor a, Tensor b) {
  Tensor aa = ag::sum(a * a, 1, true);
  Tensor bb = ag::reshape(ag::sum(b * b, 1), {1, -1});
  return aa + bb - 2.0 * ag::matmul(a, ag::transpose(b));
}

AG_CONVERT
Tensor traceOfProduct(Tensor a, Tensor b) {
  return ag::sum(ag::matmul(a, b) * ag::eye(a.dim(0)));
}

// Integer products wrap as C++ integers do.
AG_CONVERT
Tensor productOfPositives(Tensor x) { return ag::prod(ag::where(x > 0, x, 1)); }

AG_CONVERT
Tensor rowsWithNegatives(Tensor m) {
  Tensor flagged = ag::any(m < 0, 1);
  return ag::sum(flagged) + ag::argmax(ag::all(m >= 0, 1));
}

AG_CONVERT
Tensor batchedProducts(Tensor a, Tensor b) {
  Tensor c = ag::matmul(a, b);
  return ag::sum(c, 0) +
         ag::prod(ag::transpose(c, {0, 2, 1}), ag::axes({0, 2}));
}

AG_CONVERT
Tensor reshapeRoundTrip(Tensor x) {
  Tensor m = ag::reshape(x, {2, -1});
  Tensor t = ag::transpose(ag::transpose(m));
  return ag::flatten(ag::squeeze(ag::unsqueeze(t, 0))) +
         ag::outer(ag::ones({1}), x)[0];
}

// Rows kept by a staged condition: the stacked list has a dynamic first
// dimension, which flows through sum, mean and matmul.
AG_CONVERT
Tensor keptRowStats(Tensor m) {
  std::vector<Tensor> kept;
  for (Tensor row : m)
    if (ag::sum(row) > 0.0)
      kept.push_back(row);
  Tensor k = ag::stack(kept, ag::Float64, {3});
  Tensor gram = ag::matmul(ag::transpose(k), k);
  return ag::sum(k, 0) + ag::mean(gram, 1) + ag::max(k, ag::axis(0));
}

//===----------------------------------------------------------------------===//
// concat, slice, gather, broadcast_to
//===----------------------------------------------------------------------===//

// Windows of three with slices: the spread (max - min) of each, and the
// first differences (np.diff) at every other position.
AG_CONVERT
Tensor slidingWindows(Tensor x) {
  std::vector<Tensor> windows;
  for (int64_t i = 0; i + 3 <= x.dim(0); ++i)
    windows.push_back(x.slice(i, i + 3));
  Tensor w = ag::stack(windows);
  Tensor spread = ag::max(w, ag::axis(1)) - ag::min(w, ag::axis(1));
  Tensor diff = x.slice(1, ag::kEnd) - x.slice(0, -1);
  return ag::concat({spread, diff.slice(0, ag::kEnd, 2)});
}

// Polynomial features side by side, then a linear model on them.
AG_CONVERT
Tensor concatenatedFeatures(Tensor x, Tensor w) {
  Tensor features = ag::concat({ag::ones({x.dim(0), 1}), x, x * x}, 1);
  Tensor scores = ag::matmul(features, w);
  return ag::concat({scores, ag::sum(features, 0)});
}

// Mean of the embedding rows of each bag of ids; an id outside the table is
// an error in both modes.
AG_CONVERT
Tensor embeddingLookup(Tensor table, Tensor ids) {
  Tensor rows = ag::gather(table, ids);
  Tensor bags = ag::mean(rows, 1);
  return bags / ag::sqrt(ag::sum(bags * bags, 1, true) + 1e-12);
}

// A dense layer whose bias row and per-example scale are broadcast
// explicitly.
AG_CONVERT
Tensor biasBroadcast(Tensor x, Tensor bias) {
  int64_t n = x.dim(0), d = bias.dim(0);
  Tensor scale =
      ag::broadcast_to(ag::reshape(ag::max(x, ag::axis(1)), {n, 1}), {n, d});
  Tensor out =
      ag::slice(x, {0, 0}, {ag::kEnd, d}) + ag::broadcast_to(bias, {n, d});
  return ag::tanh(out / ag::max(scale, 1.0));
}

// Reversal and a strided sub-matrix by gather with constant positions.
AG_CONVERT
Tensor reverseAndPick(Tensor m) {
  int64_t r = m.dim(0), c = m.dim(1);
  Tensor flipped = ag::gather(m, ag::arange(r - 1, -1, -1));
  Tensor cols = ag::gather(flipped, ag::arange(0, c, 2), 1);
  return ag::slice(cols, {1, 0}, {ag::kEnd, ag::kEnd}, {2, 1});
}

// Rows of a staged list (a dimension known only when the graph runs)
// sliced, joined and gathered; fewer than two rows fails in both modes.
AG_CONVERT
Tensor dynamicRows(Tensor x, Tensor n) {
  std::vector<Tensor> rows;
  for (Tensor i = 0; i < n; ++i)
    rows.push_back(x * i);
  Tensor m = ag::stack(rows, ag::Float64, {3});
  Tensor tail = m.slice(-2, ag::kEnd);
  Tensor joined = ag::concat({m, tail});
  Tensor picked = ag::gather(joined, ag::arange(2) + n - 1);
  Tensor spread = ag::broadcast_to(ag::sum(tail, 1), {2, 2});
  return ag::sum(joined, 0) + ag::sum(picked, 0) + ag::sum(spread);
}

// The best window sum of three at a staged position: gather with a
// computed index vector (slices take C++ bounds).
AG_CONVERT
Tensor bestWindowSum(Tensor x, Tensor k) {
  Tensor best = -1e300;
  for (Tensor i = 0; i + 3 <= k; ++i)
    best = ag::max(best, ag::sum(ag::gather(x, ag::arange(3) + i)));
  return best;
}

// Programs over dimensions known only when the graph runs (an ag::dyn
// signature, a stacked list): scalars and smaller values broadcast against
// them when the graph runs, as eagerly.

// Batch normalization over a batch of any size: column statistics [4]
// against the [?, 4] batch, a leaky ReLU with a scalar arm.
AG_CONVERT
Tensor batchNorm(Tensor x, Tensor gamma) {
  Tensor mu = ag::mean(x, 0);
  Tensor centered = x - mu;
  Tensor var = ag::mean(centered * centered, 0);
  Tensor y = gamma * centered / ag::sqrt(var + 1e-5) + 0.1;
  return ag::where(y > 0.0, y, 0.01 * y);
}

// Cosine similarity of every row of `a` [?, 3] with every row of `b`.
AG_CONVERT
Tensor cosineSimilarity(Tensor a, Tensor b) {
  Tensor dots = ag::matmul(a, ag::transpose(b));
  Tensor na = ag::sqrt(ag::sum(a * a, 1, true));
  Tensor nb = ag::sqrt(ag::sum(b * b, 1));
  return dots / ag::max(na * nb, 1e-12);
}

// The one-hot encoding of each row's argmax, and the per-class counts.
AG_CONVERT
Tensor oneHotArgmax(Tensor logits) {
  Tensor best = ag::argmax(logits, 1);
  Tensor onehot = ag::where(ag::unsqueeze(best, 1) == ag::arange(5), 1.0, 0.0);
  Tensor counts = ag::sum(onehot, 0, true);
  return ag::concat({onehot, counts}, 0);
}

// Cumulative sums with a staged loop over the rows, written into a result
// of the input's (dynamic) shape.
AG_CONVERT
Tensor cumulativeSums(Tensor x) {
  Tensor out = ag::zeros_like(x);
  Tensor running = ag::zeros({x.dim(1)});
  Tensor i = 0;
  for (Tensor row : x) {
    running = running + row;
    out[i] = running;
    i += 1;
  }
  return out;
}

// 3x3 patch sums of a matrix by slicing windows along both axes, and the
// position of the largest patch.
AG_CONVERT
Tensor patchSums(Tensor m) {
  std::vector<Tensor> sums;
  for (int64_t r = 0; r + 3 <= m.dim(0); ++r)
    for (int64_t c = 0; c + 3 <= m.dim(1); ++c)
      sums.push_back(ag::sum(ag::slice(m, {r, c}, {r + 3, c + 3})));
  Tensor grid = ag::reshape(ag::stack(sums), {m.dim(0) - 2, -1});
  Tensor best = ag::cast(ag::argmax(grid), ag::Float64);
  return ag::concat({ag::flatten(grid), ag::unsqueeze(best, 0)});
}

// Values gathered into a list (a '?' length), centered on their mean,
// thresholded with scalar arms and laid out against a static row.
AG_CONVERT
Tensor listScores(Tensor x, Tensor n) {
  std::vector<Tensor> vals;
  for (Tensor i = 0; i < n; ++i)
    vals.push_back(x[i % 4] * ag::cast(i + 1, ag::Float64));
  Tensor v = ag::stack(vals, ag::Float64, {});
  Tensor above = ag::where(v > ag::mean(v), 1, -1);
  Tensor table =
      ag::reshape(ag::clip(v, -1.0, 2.0), {-1, 1}) * Tensor{1.0, 2.0, 3.0};
  return ag::sum(table, 1) + ag::cast(above, ag::Float64) +
         ag::full_like(v, 0.25);
}

// Float sums over the axes of a vector or matrix, as a user centers data:
// each spelling keeps its summation order in the graph (eight partial sums
// over axes, one pass for ag::sum(x)), so the bits match eager code.
AG_CONVERT
Tensor centeredSums(Tensor x, Tensor m) {
  Tensor total = ag::sum(x, 0);
  Tensor all = ag::sum(m, ag::axes({0, 1}));
  Tensor rows = ag::sum(m, -1);
  Tensor centered = x - total / x.dim(0);
  return ag::concat({ag::unsqueeze(total, 0), ag::unsqueeze(all, 0), rows,
                     centered, ag::unsqueeze(ag::sum(x), 0),
                     ag::unsqueeze(ag::mean(m), 0)});
}

// A fill value converts as a cast does (truncating); NaN, an infinity or
// a value outside int64 is an error at its line in both modes.
AG_CONVERT
Tensor filledCounts(Tensor x, double fill) {
  Tensor base = ag::full({3}, fill, ag::Int64);
  return x * base + ag::full_like(x, fill * 0.5);
}

// Bucket counts of the finite values in range only: the cast of a NaN, an
// infinity or 1e300 is guarded by the test, in the graph as eagerly (it
// must not be speculated ahead of it).
AG_CONVERT
Tensor guardedBuckets(Tensor x) {
  Tensor counts = ag::zeros({4}, ag::Int64);
  for (Tensor v : x) {
    if (ag::isfinite(v) && ag::abs(v) < 2.0) {
      Tensor b = ag::cast(v + 2.0, ag::Int64);
      counts[b] += 1;
    }
  }
  Tensor big = ag::max(x);
  Tensor top = big < 1e18 ? ag::cast(big, ag::Int64) : Tensor(-1);
  return ag::concat({counts, ag::unsqueeze(top, 0)});
}

} // namespace numeric
