// A file-staging pipeline as a Luigi user writes it: write raw partitions
// to a temp dir (effects, in program order), read each back by the path the
// write returned, clean and aggregate them, write a summary file, and log
// every step. The log lines and files must come out in eager order.
#include <ag/ag.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

struct Partition {
  std::string name;
  std::vector<int> values;
};

AG_NODE_EFFECT std::string writePartition(const std::string &dir, int index,
                                          int rows) {
  std::string path = dir + "/part-" + std::to_string(index) + ".txt";
  std::ofstream out(path);
  for (int i = 0; i < rows; ++i)
    out << (index * 31 + i * 7) % 50 - 5 << "\n";
  std::cout << "wrote "
            << "part-" << index << " (" << rows << " rows)\n";
  return path;
}

AG_NODE Partition readPartition(const std::string &path) {
  Partition p;
  p.name = path.substr(path.rfind('/') + 1);
  std::ifstream in(path);
  int v;
  while (in >> v)
    p.values.push_back(v);
  return p;
}

AG_NODE Partition dropNegative(const Partition &p) {
  Partition out{p.name, {}};
  for (int v : p.values)
    if (v >= 0)
      out.values.push_back(v);
  return out;
}

AG_NODE int total(const Partition &p) {
  int s = 0;
  for (int v : p.values)
    s += v;
  return s;
}

AG_NODE_EFFECT void logLine(const std::string &what, int value) {
  std::cout << "log: " << what << " = " << value << "\n";
}

AG_NODE_EFFECT std::string writeSummary(const std::string &dir,
                                        const std::vector<Partition> &parts) {
  std::string path = dir + "/summary.txt";
  std::ofstream out(path);
  for (const Partition &p : parts)
    out << p.name << " " << p.values.size() << "\n";
  return path;
}

AG_NODE std::string readAll(const std::string &path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

AG_NODE_EFFECT void show(const std::string &text) { std::cout << text; }

AG_CONVERT
ag::Tensor stage(std::string dir, int partitions) {
  std::vector<Partition> cleaned;
  int grand = 0;
  for (int i = 0; i < partitions; ++i) {
    std::string path = writePartition(dir, i, 5 + i);
    Partition p = dropNegative(readPartition(path));
    cleaned.push_back(p);
    int t = total(p);
    logLine("partition total", t);
    grand += t;
  }
  logLine("grand total", grand);
  show(readAll(writeSummary(dir, cleaned)));
  return grand;
}

#ifndef AG_PIPELINE_NO_MAIN
int main() {
  // Each run writes into its own fresh directory: the graph cannot read the
  // eager run's files.
  char eagerDir[] = "/tmp/ag-files-XXXXXX", graphDir[] = "/tmp/ag-files-XXXXXX";
  ag::Tensor eager = stage(mkdtemp(eagerDir), 4);
  std::cout << "== graph ==\n";
  ag::Tensor graph = ag::function(&stage)(mkdtemp(graphDir), 4);
  std::cout << (graph.identical(eager) ? "identical" : "DIFFERENT") << "\n";
  std::system((std::string("rm -rf ") + eagerDir + " " + graphDir).c_str());
  return graph.identical(eager) ? 0 : 1;
}
#endif
