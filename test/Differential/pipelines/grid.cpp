// A hyper-parameter grid search as a Metaflow user writes it (foreach over
// two parameters): one node per (k, smoothing) pair scores a k-nearest-
// neighbour smoother; the trials run independently, every trial is logged in
// program order, and the best is chosen by staged comparisons.
#include <ag/ag.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <vector>

struct Series {
  std::vector<double> t, v;
};
struct Trial {
  int k;
  double smoothing, error;
};

// The grid itself is known while tracing (plain helpers): a foreach over a
// node's result would need its length before the graph runs.
struct Grid {
  static std::vector<int> neighbours(int maxK) {
    std::vector<int> ks;
    for (int k = 1; k <= maxK; k *= 2)
      ks.push_back(k);
    return ks;
  }
};

template <int Steps> std::vector<double> ladder(double lo, double hi) {
  std::vector<double> out;
  for (int i = 0; i < Steps; ++i)
    out.push_back(lo + (hi - lo) * i / (Steps - 1));
  return out;
}

AG_NODE Series noisy(int n) {
  Series s;
  for (int i = 0; i < n; ++i) {
    s.t.push_back(i);
    s.v.push_back(std::sin(i / 8.0) + 0.3 * std::cos(i * 2.7));
  }
  return s;
}

AG_NODE Trial score(const Series &s, int k, double smoothing) {
  double err = 0;
  for (std::size_t i = 0; i < s.v.size(); ++i) {
    double sum = 0;
    int m = 0;
    for (int d = -k; d <= k; ++d) {
      long j = static_cast<long>(i) + d;
      if (d != 0 && j >= 0 && j < static_cast<long>(s.v.size())) {
        sum += s.v[j];
        ++m;
      }
    }
    double pred = smoothing * (m ? sum / m : 0) + (1 - smoothing) * s.v[i];
    double truth = std::sin(i / 8.0);
    err += (pred - truth) * (pred - truth);
  }
  return {k, smoothing, err / s.v.size()};
}

AG_NODE_EFFECT void logTrial(const Trial &t) {
  std::printf("k=%d smoothing=%.2f error=%.5f\n", t.k, t.smoothing, t.error);
}

AG_CONVERT
Trial search(int n) {
  Series s = noisy(n);
  std::vector<int> ks = Grid::neighbours(8);
  std::vector<double> smoothings = ladder<3>(0.5, 1.0);
  std::vector<Trial> trials;
  for (int k : ks)
    for (double smoothing : smoothings)
      trials.push_back(score(s, k, smoothing));
  Trial best = trials[0];
  for (const Trial &t : trials) {
    logTrial(t);
    if (t.error < best.error)
      best = t;
  }
  return best;
}

#ifndef AG_PIPELINE_NO_MAIN
int main() {
  Trial eager = search(120);
  std::printf("best k=%d smoothing=%.2f\n", eager.k, eager.smoothing);
  std::cout << "== graph ==\n";
  Trial graph = ag::function(&search)(120);
  std::printf("best k=%d smoothing=%.2f\n", graph.k, graph.smoothing);
  bool same = graph.k == eager.k && graph.smoothing == eager.smoothing &&
              graph.error == eager.error;
  std::cout << (same ? "identical" : "DIFFERENT") << "\n";
  return same ? 0 : 1;
}
#endif
