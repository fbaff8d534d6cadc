// Records as a Pythonflow user parses them: a struct with std::string,
// std::vector and std::map members and a nested struct, taken by value and
// by const reference, member chains (f.stats.mean) as staged conditions.
#include <ag/ag.h>
#include <map>
#include <sstream>
#include <string>
#include <vector>

struct Stats {
  double mean = 0, max = 0;
  int n = 0;
};
struct Frame {
  std::string name;
  std::vector<double> values;
  std::map<std::string, int> tags;
  Stats stats;
};

AG_NODE Frame parse(std::string name, const std::string &text) {
  Frame f;
  f.name = name;
  std::istringstream in(text);
  double x;
  while (in >> x) {
    f.values.push_back(x);
    f.tags[x > 2 ? "big" : "small"]++;
  }
  return f;
}
AG_NODE Frame describe(Frame f) {
  double s = 0, m = -1e300;
  for (double v : f.values) {
    s += v;
    if (v > m)
      m = v;
  }
  f.stats.n = (int)f.values.size();
  f.stats.mean = f.values.empty() ? 0 : s / f.values.size();
  f.stats.max = m;
  return f;
}
AG_NODE int tagCount(const std::map<std::string, int> &tags,
                     const std::string &k) {
  auto it = tags.find(k);
  return it == tags.end() ? 0 : it->second;
}
AG_NODE std::string label(const std::string &name, double mean) {
  return name + ":" + std::to_string(mean);
}

AG_CONVERT
std::string summarize(std::string text) {
  Frame f = describe(parse("A", text));
  double m = f.stats.mean;
  int big = tagCount(f.tags, "big");
  std::string out = label(f.name, m);
  if (f.stats.max > 4.0)
    out = label(f.name, f.stats.max);
  std::cout << "big=" << big << " n=" << f.stats.n << "\n";
  return out;
}

#ifndef AG_PIPELINE_NO_MAIN
int main() {
  std::string e1 = summarize("1 2 3 4.5"), e2 = summarize("1 1 1");
  std::cout << "== graph ==\n";
  auto fn = ag::function(&summarize);
  std::string g1 = fn("1 2 3 4.5"), g2 = fn("1 1 1");
  bool same = e1 == g1 && e2 == g2;
  std::cout << (same ? "identical" : "DIFFERENT") << "\n";
  return same ? 0 : 1;
}
#endif
