// Large buffers a C++ user does not want copied: nodes return move-only
// values (a struct owning its samples through std::unique_ptr, a
// std::unique_ptr itself), consumers take them by const reference, a node
// taking a copyable buffer by rvalue reference gets its own copy, and the
// converted function returns a move-only result.
#include <ag/ag.h>

#include <cstdio>
#include <memory>
#include <numeric>
#include <string>
#include <vector>

struct Samples {
  std::unique_ptr<std::vector<double>> data;
  std::string name;
};

struct Summary {
  double total = 0;
  std::string name;
  bool operator==(const Summary &o) const {
    return total == o.total && name == o.name;
  }
};

AG_NODE Samples generate(const std::string &name, int n) {
  auto data = std::make_unique<std::vector<double>>();
  for (int i = 0; i < n; ++i)
    data->push_back(i * 0.5 + static_cast<double>(name.size()));
  return Samples{std::move(data), name};
}

AG_NODE std::unique_ptr<std::vector<double>> squares(const Samples &s) {
  auto out = std::make_unique<std::vector<double>>();
  for (double v : *s.data)
    out->push_back(v * v);
  return out;
}

AG_NODE double total(const std::unique_ptr<std::vector<double>> &v) {
  return std::accumulate(v->begin(), v->end(), 0.0);
}

AG_NODE std::vector<double> scaled(std::vector<double> &&v, double k) {
  for (double &x : v)
    x *= k;
  return std::move(v);
}

AG_NODE double sumOf(const std::vector<double> &v) {
  return std::accumulate(v.begin(), v.end(), 0.0);
}

AG_NODE std::vector<double> firstHalf(const Samples &s) {
  return std::vector<double>(s.data->begin(),
                             s.data->begin() + s.data->size() / 2);
}

AG_NODE Summary summarise(const Samples &s, double t) {
  return Summary{t + static_cast<double>(s.data->size()), s.name};
}

AG_NODE std::unique_ptr<Summary> own(const Summary &s) {
  return std::make_unique<Summary>(s);
}

AG_NODE_EFFECT void report(const std::string &what, double v) {
  std::printf("%s %.3f\n", what.c_str(), v);
}

AG_CONVERT
std::unique_ptr<Summary> analyse(std::string name, int n) {
  Samples s = generate(name, n);
  std::unique_ptr<std::vector<double>> sq = squares(s);
  double t = total(sq);
  std::vector<double> half = firstHalf(s);
  std::vector<double> twice = scaled(std::move(half), 2.0);
  report("squares", t);
  report("twice", sumOf(twice));
  report("direct", sumOf(scaled(firstHalf(s), 3.0)));
  Summary sum = summarise(s, t);
  if (t > 100.0)
    sum = summarise(s, 100.0);
  return own(sum);
}

#ifndef AG_PIPELINE_NO_MAIN
int main() {
  std::unique_ptr<Summary> eager = analyse("buffers", 40);
  std::cout << "== graph ==\n";
  std::unique_ptr<Summary> graph = ag::function(&analyse)("buffers", 40);
  bool same = eager && graph && *eager == *graph;
  std::cout << (same ? "identical" : "DIFFERENT") << "\n";
  return same ? 0 : 1;
}
#endif
