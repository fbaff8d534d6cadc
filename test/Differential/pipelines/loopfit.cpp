// A ridge sweep as a Metaflow user writes it: one node called before, inside
// and after a staged while, its struct result compared in staged ifs.
#include <ag/ag.h>

#include <string>
#include <vector>

struct Fit {
  double loss;
  double slope;
  std::string tag;
};
AG_NODE Fit fit(const std::vector<double> &xs, double ridge) {
  double s = 0;
  for (double x : xs)
    s += x;
  Fit f;
  f.slope = s / (xs.size() + ridge);
  f.loss = (f.slope - 2.0) * (f.slope - 2.0) + ridge * 0.01;
  f.tag = "r" + std::to_string(ridge);
  return f;
}

AG_CONVERT
Fit search(std::vector<double> xs) {
  Fit best = fit(xs, 0.0);
  double r = 0.5;
  while (r < 8.0) {
    Fit f = fit(xs, r);
    if (f.loss < best.loss)
      best = f;
    r = r * 2;
  }
  Fit last = fit(xs, r);
  if (last.loss < best.loss)
    best = last;
  return best;
}

#ifndef AG_PIPELINE_NO_MAIN
int main() {
  std::vector<double> xs = {3, 2.5, 2.1, 1.9, 2.8};
  Fit e = search(xs);
  std::cout << "== graph ==\n";
  Fit g = ag::function(&search)(xs);
  bool same = e.tag == g.tag && e.loss == g.loss && e.slope == g.slope;
  std::cout << (same ? "identical" : "DIFFERENT") << "\n";
  return same ? 0 : 1;
}
#endif
