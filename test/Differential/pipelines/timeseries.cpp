// Sensor resampling and alerting as an Airflow user writes it: parse
// timestamped readings, resample them into fixed windows, detect the windows
// above a limit, and keep raising the limit (a staged while on node results)
// until at most `budget` alerts remain; alerts and progress are logged with
// effect nodes and std::cout, interleaved exactly as eagerly.
#include <ag/ag.h>

#include <cmath>
#include <cstdio>
#include <map>
#include <sstream>
#include <string>
#include <vector>

struct Reading {
  long time;
  double value;
};
using Windows = std::map<long, double>; // window start -> mean value

AG_NODE std::vector<Reading> parse(const std::string &text) {
  std::vector<Reading> out;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    Reading r;
    if (std::sscanf(line.c_str(), "%ld;%lf", &r.time, &r.value) == 2)
      out.push_back(r);
  }
  return out;
}

AG_NODE Windows resample(const std::vector<Reading> &rs, long width) {
  std::map<long, std::pair<double, int>> acc;
  for (const Reading &r : rs) {
    auto &a = acc[r.time / width * width];
    a.first += r.value;
    ++a.second;
  }
  Windows w;
  for (const auto &[start, a] : acc)
    w[start] = a.first / a.second;
  return w;
}

AG_NODE std::vector<long> above(const Windows &w, double limit) {
  std::vector<long> out;
  for (const auto &[start, mean] : w)
    if (mean > limit)
      out.push_back(start);
  return out;
}

AG_NODE int count(const std::vector<long> &alerts) {
  return static_cast<int>(alerts.size());
}

AG_NODE_EFFECT void alert(const std::vector<long> &alerts, double limit) {
  std::printf("limit %.1f:", limit);
  for (long a : alerts)
    std::printf(" %ld", a);
  std::printf("\n");
}

AG_CONVERT
ag::Tensor tuneLimit(std::string text, double start, int budget) {
  Windows w = resample(parse(text), 10);
  double limit = start;
  std::vector<long> alerts = above(w, limit);
  int rounds = 0;
  while (count(alerts) > budget) {
    alert(alerts, limit);
    limit = limit + 0.5;
    alerts = above(w, limit);
    rounds++;
  }
  alert(alerts, limit);
  std::cout << "settled after " << rounds << " rounds at " << limit << "\n";
  return limit;
}

#ifndef AG_PIPELINE_NO_MAIN
int main() {
  std::string text;
  for (int i = 0; i < 200; ++i) {
    char line[64];
    std::snprintf(line, sizeof line, "%d;%.3f\n", i * 3,
                  5 + 3 * std::sin(i / 9.0) + (i % 17 == 0 ? 4 : 0));
    text += line;
    if (i % 50 == 0)
      text += "corrupt\n";
  }
  ag::Tensor eager = tuneLimit(text, 6.0, 2);
  std::cout << "== graph ==\n";
  ag::Tensor graph = ag::function(&tuneLimit)(text, 6.0, 2);
  std::cout << (graph.identical(eager) ? "identical" : "DIFFERENT") << "\n";
  return graph.identical(eager) ? 0 : 1;
}
#endif
