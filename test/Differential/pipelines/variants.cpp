// Cells of a CSV as a Pythonflow user types them: a std::variant result
// (number or text), a std::optional lookup, a std::pair split unpacked by
// structured bindings, each part a graph value of its own.
#include <ag/ag.h>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

using Cell = std::variant<int, std::string>;
AG_NODE Cell parseCell(const std::string &s) {
  if (!s.empty() && s[0] >= '0' && s[0] <= '9')
    return std::stoi(s);
  return s;
}
AG_NODE int asInt(const Cell &c) {
  return std::holds_alternative<int>(c) ? std::get<int>(c) : -1;
}
AG_NODE std::optional<int> find(const std::vector<int> &xs, int v) {
  for (size_t i = 0; i < xs.size(); ++i)
    if (xs[i] == v)
      return (int)i;
  return std::nullopt;
}
AG_NODE std::pair<std::vector<int>, std::vector<int>>
halves(const std::vector<int> &xs) {
  size_t h = xs.size() / 2;
  return {std::vector<int>(xs.begin(), xs.begin() + h),
          std::vector<int>(xs.begin() + h, xs.end())};
}
AG_NODE int sum(const std::vector<int> &xs) {
  int s = 0;
  for (int x : xs)
    s += x;
  return s;
}
AG_NODE int orElse(const std::optional<int> &o, int d) { return o ? *o : d; }

AG_CONVERT
int run(std::vector<int> xs, std::string cell) {
  auto [lo, hi] = halves(xs);
  int a = sum(lo);
  int b = sum(hi);
  Cell c = parseCell(cell);
  int k = asInt(c);
  std::optional<int> where = find(xs, k);
  int idx = orElse(where, 100);
  return a * 1000 + b + idx * 7 + k;
}

#ifndef AG_PIPELINE_NO_MAIN
int main() {
  std::vector<int> xs = {4, 8, 15, 16, 23, 42};
  int e1 = run(xs, "15"), e2 = run(xs, "abc");
  std::cout << "== graph ==\n";
  auto fn = ag::function(&run);
  int g1 = fn(xs, "15"), g2 = fn(xs, "abc");
  bool same = e1 == g1 && e2 == g2;
  std::cout << (same ? "identical" : "DIFFERENT") << "\n";
  return same ? 0 : 1;
}
#endif
