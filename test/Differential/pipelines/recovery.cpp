// A Metaflow user's @catch, written as C++ try/catch around node calls: a
// fan-out over shards where one shard fails and falls back (its what()
// logged by an effect node), a catch (...) of an exception not derived from
// std::exception while choosing the best fit, and a try whose prints before
// the failing node happen (as eagerly) before the catch's.
#include <ag/ag.h>

#include <iostream>
#include <stdexcept>
#include <string>
#include <vector>

struct Shard {
  std::vector<double> v;
};
struct Fit {
  double slope, loss;
};

AG_NODE Shard loadShard(int i) {
  if (i == 3)
    throw std::runtime_error("shard " + std::to_string(i) + " is corrupt");
  Shard s;
  for (int k = 0; k <= i; ++k)
    s.v.push_back(k * 1.5);
  return s;
}
AG_NODE double total(const Shard &s) {
  double t = 0;
  for (double x : s.v)
    t += x;
  return t;
}
AG_NODE_EFFECT void warn(const std::string &what) {
  std::cout << "warning: " << what << "\n";
}
AG_NODE Fit fitModel(int seed) {
  if (seed % 3 == 0)
    throw seed; // not a std::exception
  return Fit{seed * 0.5, 10.0 / seed};
}
AG_NODE Fit worst() { return Fit{0, 1e9}; }
AG_NODE double risky(int k) {
  if (k < 0)
    throw std::invalid_argument("negative k: " + std::to_string(k));
  return k * 2.5;
}

AG_CONVERT ag::Tensor robustSum(int n) {
  double sum = 0;
  for (int i = 0; i < n; ++i) {
    double part = 0;
    try {
      part = total(loadShard(i));
    } catch (const std::exception &e) {
      warn(e.what());
      part = -1;
    }
    sum += part;
  }
  return sum;
}

AG_CONVERT Fit bestOf(int n) {
  Fit best = worst();
  for (int s = 1; s <= n; ++s) {
    Fit f = worst();
    try {
      f = fitModel(s);
    } catch (...) {
      f = worst();
    }
    if (f.loss < best.loss)
      best = f;
  }
  return best;
}

AG_CONVERT ag::Tensor report(int k) {
  ag::Tensor result = 0.0;
  try {
    std::cout << "start " << k << "\n";
    warn("computing");
    result = risky(k);
  } catch (const std::exception &e) {
    warn(e.what());
    result = -1.0;
  }
  std::cout << "result " << result << "\n";
  return result;
}

#ifndef AG_PIPELINE_NO_MAIN
struct Results {
  std::vector<ag::Tensor> tensors;
  std::vector<double> fits;
};

template <typename Sum, typename Best, typename Report>
Results runAll(Sum sum, Best best, Report rep) {
  Results r;
  for (int n : {3, 6})
    r.tensors.push_back(sum(n));
  for (int n : {2, 7}) {
    Fit f = best(n);
    r.fits.push_back(f.slope);
    r.fits.push_back(f.loss);
  }
  for (int k : {4, -2})
    r.tensors.push_back(rep(k));
  return r;
}

int main() {
  Results eager = runAll(robustSum, bestOf, report);
  std::cout << "== graph ==\n";
  Results graph = runAll(ag::function(&robustSum), ag::function(&bestOf),
                         ag::function(&report));
  bool same =
      eager.fits == graph.fits && eager.tensors.size() == graph.tensors.size();
  for (size_t i = 0; same && i < eager.tensors.size(); ++i)
    same = graph.tensors[i].identical(eager.tensors[i]);
  std::cout << (same ? "identical" : "DIFFERENT") << "\n";
  return same ? 0 : 1;
}
#endif
