// Configuration-driven cleaning as a TFX user writes it: parse key=value
// lines into a std::map, look settings up as std::optional values, fall back
// to defaults, and apply the chosen threshold to a parsed data column. The
// decision whether a setting is present is made on node results.
#include <ag/ag.h>

#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

using Config = std::map<std::string, std::string>;

AG_NODE Config parseConfig(const std::string &text) {
  Config c;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    auto eq = line.find('=');
    if (eq != std::string::npos && line[0] != '#')
      c[line.substr(0, eq)] = line.substr(eq + 1);
  }
  return c;
}

AG_NODE std::optional<double> number(const Config &c, const std::string &key) {
  auto it = c.find(key);
  if (it == c.end())
    return std::nullopt;
  try {
    return std::stod(it->second);
  } catch (const std::exception &) {
    return std::nullopt;
  }
}

AG_NODE bool present(const std::optional<double> &v) { return v.has_value(); }
AG_NODE double valueOr(const std::optional<double> &v, double fallback) {
  return v.value_or(fallback);
}

AG_NODE std::vector<double> parseColumn(const std::string &text) {
  std::vector<double> xs;
  std::istringstream in(text);
  double x;
  while (in >> x)
    xs.push_back(x);
  return xs;
}

AG_NODE std::vector<double> clip(const std::vector<double> &xs, double lo,
                                 double hi) {
  std::vector<double> out;
  for (double x : xs)
    out.push_back(x < lo ? lo : x > hi ? hi : x);
  return out;
}

AG_NODE double mean(const std::vector<double> &xs) {
  double s = 0;
  for (double x : xs)
    s += x;
  return xs.empty() ? 0.0 : s / xs.size();
}

AG_CONVERT
ag::Tensor cleanedMean(std::string configText, std::string column) {
  Config config = parseConfig(configText);
  std::optional<double> lo = number(config, "low");
  std::optional<double> hi = number(config, "high");
  double low = -1e9;
  if (present(lo))
    low = valueOr(lo, 0.0);
  else
    std::cout << "no low bound, using " << low << "\n";
  double high = valueOr(hi, 1e9);
  if (!present(hi))
    std::cout << "no high bound, using " << high << "\n";
  std::vector<double> xs = clip(parseColumn(column), low, high);
  double m = mean(xs);
  std::cout << "mean " << m << "\n";
  return m;
}

#ifndef AG_PIPELINE_NO_MAIN
int main() {
  std::string column = "1 5 -3 12 7.5 100 2";
  std::vector<std::string> configs = {"# bounds\nlow=0\nhigh=10\n", "high=8\n",
                                      "low=oops\nname=x\n"};
  std::vector<ag::Tensor> eager, graph;
  for (const std::string &config : configs)
    eager.push_back(cleanedMean(config, column));
  std::cout << "== graph ==\n";
  auto fn = ag::function(&cleanedMean);
  for (const std::string &config : configs)
    graph.push_back(fn(config, column));
  bool same = true;
  for (std::size_t i = 0; i < configs.size(); ++i)
    same = same && graph[i].identical(eager[i]);
  std::cout << (same ? "identical" : "DIFFERENT") << "\n";
  return same ? 0 : 1;
}
#endif
