// A Metaflow foreach over shard names: fan-out by push_back, fan-in, effect
// nodes interleaved with prints in the loop (the order must be eager's), and
// a staged while re-running a node on its own result.
#include <ag/ag.h>
#include <string>
#include <vector>

struct Shard {
  std::string name;
  std::vector<int> rows;
};

AG_NODE Shard load(const std::string &name) {
  Shard s;
  s.name = name;
  for (char c : name)
    s.rows.push_back((int)c % 7);
  return s;
}
AG_NODE int total(const std::vector<Shard> &shards) {
  int t = 0;
  for (const Shard &s : shards)
    for (int r : s.rows)
      t += r;
  return t;
}
AG_NODE_EFFECT void log(const std::string &msg) {
  std::cout << "log: " << msg << "\n";
}
AG_NODE int halve(int x) { return x / 2; }

AG_CONVERT
int pipeline(std::vector<std::string> names) {
  std::vector<Shard> shards;
  std::cout << "start\n";
  for (const std::string &n : names) {
    shards.push_back(load(n));
    log("loaded " + n);
    std::cout << "queued " << n << "\n";
  }
  int t = total(shards);
  log("total done");
  std::cout << "total " << t << "\n";
  while (t > 10) {
    t = halve(t);
    std::cout << "halved " << t << "\n";
  }
  log("end");
  return t;
}

#ifndef AG_PIPELINE_NO_MAIN
int main() {
  std::vector<std::string> names = {"alpha", "beta", "gamma", "delta"};
  int e = pipeline(names);
  std::cout << "== graph ==\n";
  int g = ag::function(&pipeline)(names);
  bool same = e == g;
  std::cout << (same ? "identical" : "DIFFERENT") << "\n";
  return same ? 0 : 1;
}
#endif
