// Sharded statistics as a Dask user writes them: split a data set into
// shards, summarise each shard with a static member node and a function
// template node (fan-out), merge the partial summaries (fan-in), and derive
// the mean and variance with tensor arithmetic on the merged numbers.
#include <ag/ag.h>

#include <cmath>
#include <vector>

struct Moments {
  long n = 0;
  double sum = 0, sumSq = 0;

  AG_NODE static Moments of(const std::vector<double> &xs) {
    Moments m;
    for (double x : xs) {
      ++m.n;
      m.sum += x;
      m.sumSq += x * x;
    }
    return m;
  }
  AG_NODE static Moments merge(const std::vector<Moments> &parts) {
    Moments all;
    for (const Moments &p : parts) {
      all.n += p.n;
      all.sum += p.sum;
      all.sumSq += p.sumSq;
    }
    return all;
  }
};

template <typename T>
AG_NODE std::vector<T> shard(const std::vector<T> &all, int index, int count) {
  std::vector<T> out;
  for (std::size_t i = index; i < all.size(); i += count)
    out.push_back(all[i]);
  return out;
}

template <typename T> AG_NODE T largest(const std::vector<T> &xs) {
  T best = xs.empty() ? T() : xs[0];
  for (const T &x : xs)
    if (x > best)
      best = x;
  return best;
}

AG_CONVERT
ag::Tensor spread(std::vector<double> data, int shards) {
  std::vector<Moments> parts;
  ag::Tensor peak = -1e300;
  for (int s = 0; s < shards; ++s) {
    std::vector<double> piece = shard<double>(data, s, shards);
    parts.push_back(Moments::of(piece));
    peak = ag::max(peak, largest(piece));
  }
  Moments all = Moments::merge(parts);
  ag::Tensor mean = all.sum / all.n;
  ag::Tensor variance = all.sumSq / all.n - mean * mean;
  std::cout << "n " << all.n << " mean " << mean << " peak " << peak << "\n";
  return ag::stack({mean, variance, peak});
}

#ifndef AG_PIPELINE_NO_MAIN
int main() {
  std::vector<double> data;
  for (int i = 0; i < 1000; ++i)
    data.push_back(std::sin(i * 0.37) * 10 + (i % 13));
  ag::Tensor eager = spread(data, 7);
  std::cout << "== graph ==\n";
  ag::Tensor graph = ag::function(&spread)(data, 7);
  std::cout << (graph.identical(eager) ? "identical" : "DIFFERENT") << "\n";
  return graph.identical(eager) ? 0 : 1;
}
#endif
