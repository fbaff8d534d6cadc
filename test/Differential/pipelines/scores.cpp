// Per-shard numbers as a Metaflow foreach produces them: a score per shard
// pushed into a std::vector<double>, a length per word into a
// std::vector<int> (fan-out of arithmetic node results), gathered by nodes
// taking the vectors (fan-in), indexed, counted and summed in converted
// code, with a failing shard caught by a graph-level try.
#include <ag/ag.h>

#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

AG_NODE double score(const std::string &shard, double w) {
  if (!shard.empty() && shard[0] == 'x')
    throw std::runtime_error("bad shard " + shard);
  double s = 0;
  for (char c : shard)
    s += (c % 11) * w;
  return s;
}

AG_NODE double best(const std::vector<double> &xs) {
  double b = -1e300;
  for (double x : xs)
    if (x > b)
      b = x;
  return b;
}

AG_NODE int length(const std::string &s) { return static_cast<int>(s.size()); }
AG_NODE int total(std::vector<int> xs) {
  int t = 0;
  for (int x : xs)
    t += x;
  return t;
}

AG_NODE_EFFECT void note(const std::string &m, double v) {
  std::cout << m << " " << v << "\n";
}

AG_CONVERT
double pick(std::vector<std::string> shards) {
  double top = -1;
  try {
    std::vector<double> scores;
    for (const std::string &s : shards)
      scores.push_back(score(s, 0.5));
    double first = scores[0];
    note("first", first);
    top = best(scores) + scores.size();
  } catch (const std::exception &e) {
    note(e.what(), 0.0);
    top = 0;
  }
  if (top > 30.0)
    note("high", top);
  else
    note("low", top);
  return top;
}

AG_CONVERT
int lengths(std::vector<std::string> words) {
  std::vector<int> lens;
  for (const std::string &w : words)
    lens.push_back(length(w));
  int t = total(lens);
  int steps = 0;
  while (t > 1) {
    t = t / 2;
    steps = steps + 1;
  }
  int sum = 0;
  for (int l : lens)
    sum += l;
  std::cout << "steps " << steps << " sum " << sum << "\n";
  return steps * 100 + sum;
}

#ifndef AG_PIPELINE_NO_MAIN
int main() {
  std::vector<std::vector<std::string>> inputs = {
      {"alpha", "beta", "gamma-delta", "e"}, {"a", "b"}, {"alpha", "x1", "c"}};
  std::vector<double> eager, graph;
  std::vector<int> eagerLen, graphLen;
  for (const auto &in : inputs) {
    eager.push_back(pick(in));
    eagerLen.push_back(lengths(in));
  }
  std::cout << "== graph ==\n";
  auto fn = ag::function(&pick);
  auto fl = ag::function(&lengths);
  for (const auto &in : inputs) {
    graph.push_back(fn(in));
    graphLen.push_back(fl(in));
  }
  bool same = eager == graph && eagerLen == graphLen;
  std::cout << (same ? "identical" : "DIFFERENT") << "\n";
  return same ? 0 : 1;
}
#endif
