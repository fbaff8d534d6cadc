// Feature scaling as a scikit-learn user writes it: a node computes robust
// statistics of a tensor column (median and spread, a struct), tensor
// arithmetic standardises the column with them, nodes count and describe the
// outliers of the result, and the counts flow back into tensor arithmetic.
#include <ag/ag.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

struct Robust {
  double median, spread;
};

AG_NODE Robust robustStats(const ag::Tensor &column) {
  std::vector<double> xs;
  for (int64_t i = 0; i < column.numel(); ++i)
    xs.push_back(column.elementAsDouble(i));
  std::sort(xs.begin(), xs.end());
  double median = xs[xs.size() / 2];
  std::vector<double> dev;
  for (double x : xs)
    dev.push_back(std::fabs(x - median));
  std::sort(dev.begin(), dev.end());
  return {median, 1.4826 * dev[dev.size() / 2]};
}

AG_NODE int countAbove(ag::Tensor z, double limit) {
  int n = 0;
  for (int64_t i = 0; i < z.numel(); ++i)
    n += std::fabs(z.elementAsDouble(i)) > limit;
  return n;
}

AG_NODE std::string describe(int outliers, int total) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%d of %d outliers", outliers, total);
  return buf;
}

AG_NODE_EFFECT void say(const std::string &s) {
  std::printf("%s\n", s.c_str());
}

AG_NODE double scale(double weight, double base) { return weight * base; }

AG_CONVERT
ag::Tensor standardise(ag::Tensor column, double limit) {
  Robust r = robustStats(column);
  ag::Tensor z = (column - r.median) / r.spread;
  int outliers = countAbove(z, limit);
  say(describe(outliers, column.numel()));
  ag::Tensor kept = ag::where(ag::abs(z) > limit, 0.0, z);
  double w = scale(outliers + 1, r.spread);
  std::cout << "weight " << w << "\n";
  return kept * w + ag::sum(kept) / (column.numel() - outliers);
}

#ifndef AG_PIPELINE_NO_MAIN
int main() {
  std::vector<double> values;
  for (int i = 0; i < 40; ++i)
    values.push_back(10 + std::cos(i * 1.3) * 2 + (i % 11 == 3 ? 40 : 0));
  ag::Tensor column = ag::Tensor::fromVector(values, {40});
  ag::Tensor eager = standardise(column, 3.0);
  std::cout << "== graph ==\n";
  ag::Tensor graph = ag::function(&standardise)(column, 3.0);
  std::cout << (graph.identical(eager) ? "identical" : "DIFFERENT") << "\n";
  return graph.identical(eager) ? 0 : 1;
}
#endif
