// A Pythonflow user's persisted intermediate: an expensive node result held
// in a local of the user's type is persisted by its variable name, so
// re-running the graph with the same feed recomputes nothing upstream of
// it; a changed feed invalidates it (the session's rule for persisted
// values).
#include <ag/ag.h>

#include <atomic>
#include <map>
#include <string>
#include <vector>

static std::atomic<int> calls{0};

AG_NODE std::vector<int> expensive(int n) {
  ++calls;
  return std::vector<int>(n, 3);
}

AG_NODE int total(const std::vector<int> &v, ag::Tensor k) {
  int s = 0;
  for (int x : v)
    s += x * static_cast<int>(k.item<int64_t>());
  return s;
}

AG_CONVERT
ag::Tensor compute(int n, ag::Tensor k) {
  std::vector<int> v = expensive(n);
  ag::Tensor t = total(v, k);
  return t;
}

#ifndef AG_PIPELINE_NO_MAIN
int main() {
  ag::Tensor e2 = compute(10, ag::Tensor(int64_t(2)));
  ag::Tensor e3 = compute(10, ag::Tensor(int64_t(3)));
  std::cout << "== graph ==\n";
  calls = 0;
  ag::Graph g = ag::function(&compute).graph(10, ag::Tensor(int64_t(2)));
  g.persist("v"); // a lazy local: a named graph value
  std::vector<std::string> fetch = {"t"};
  std::map<std::string, ag::Tensor> k2 = {{"k", ag::Tensor(int64_t(2))}};
  std::map<std::string, ag::Tensor> k3 = {{"k", ag::Tensor(int64_t(3))}};
  auto r2 = g.run(fetch, k2);
  auto r2again = g.run(fetch, k2); // v persisted: expensive does not rerun
  auto r3 = g.run(fetch, k3);      // a feed changed: it does
  bool same = r2["t"].identical(e2) && r2again["t"].identical(e2) &&
              r3["t"].identical(e3) && calls == 2;
  std::cout << (same ? "identical" : "DIFFERENT") << "\n";
  return same ? 0 : 1;
}
#endif
