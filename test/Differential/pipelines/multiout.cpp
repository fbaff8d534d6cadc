// Train/validation/test splitting as a TFX user writes it: a node returns a
// std::tuple of three data sets, another a struct of summary numbers and a
// std::pair of labels; each is unpacked with structured bindings or member
// access, and only the parts a result needs are consumed.
#include <ag/ag.h>

#include <cmath>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

struct Sample {
  double feature;
  int label;
};
using Set = std::vector<Sample>;
struct Summary {
  double meanFeature;
  int positives;
  int size;
};

AG_NODE Set synthesize(int n, unsigned seed) {
  Set s;
  unsigned state = seed;
  for (int i = 0; i < n; ++i) {
    state = state * 1103515245u + 12345u;
    double f = (state >> 8) % 1000 / 100.0;
    s.push_back({f, f > 4.2 ? 1 : 0});
  }
  return s;
}

AG_NODE std::tuple<Set, Set, Set> threeWay(const Set &all) {
  Set train, validation, test;
  for (std::size_t i = 0; i < all.size(); ++i)
    (i % 10 < 7 ? train : i % 10 < 9 ? validation : test).push_back(all[i]);
  return {train, validation, test};
}

AG_NODE Summary summarize(const Set &s) {
  Summary out{0, 0, static_cast<int>(s.size())};
  for (const Sample &x : s) {
    out.meanFeature += x.feature / s.size();
    out.positives += x.label;
  }
  return out;
}

AG_NODE std::pair<std::string, std::string> labels(int positives, int size) {
  return {"pos=" + std::to_string(positives),
          "neg=" + std::to_string(size - positives)};
}

AG_NODE double threshold(const Set &train) {
  double best = 0, bestErr = 1e9;
  for (double t = 0; t < 10; t += 0.25) {
    double err = 0;
    for (const Sample &x : train)
      err += (x.feature > t) != (x.label == 1);
    if (err < bestErr) {
      bestErr = err;
      best = t;
    }
  }
  return best;
}

AG_NODE double accuracy(const Set &s, double t) {
  double ok = 0;
  for (const Sample &x : s)
    ok += (x.feature > t) == (x.label == 1);
  return s.empty() ? 0.0 : ok / s.size();
}

AG_NODE_EFFECT void line(const std::string &a, const std::string &b) {
  std::cout << a << " " << b << "\n";
}

AG_CONVERT
ag::Tensor evaluate(int n) {
  auto [train, validation, test] = threeWay(synthesize(n, 7u));
  auto [meanFeature, positives, size] = summarize(train);
  std::pair<std::string, std::string> names = labels(positives, size);
  line(names.first, names.second);
  double t = threshold(train);
  double valAcc = accuracy(validation, t);
  double testAcc = accuracy(test, t);
  Summary vs = summarize(validation);
  std::cout << "threshold " << t << " mean " << meanFeature << "\n";
  std::cout << "validation " << vs.size << " rows, accuracy " << valAcc << "\n";
  double reported = valAcc > 0.9 ? testAcc : valAcc;
  return reported;
}

#ifndef AG_PIPELINE_NO_MAIN
int main() {
  ag::Tensor eager = evaluate(300);
  std::cout << "== graph ==\n";
  ag::Tensor graph = ag::function(&evaluate)(300);
  std::cout << (graph.identical(eager) ? "identical" : "DIFFERENT") << "\n";
  return graph.identical(eager) ? 0 : 1;
}
#endif
