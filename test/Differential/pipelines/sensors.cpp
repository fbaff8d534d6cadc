// A sensor pipeline as a Metaflow user writes it: parse CSV shards into
// records, clean each shard (fan-out), merge, split into train and test, fit
// a line per ridge value, keep the best, report it (an effect).
#include <ag/ag.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

struct Reading {
  double t, value;
};
struct Shard {
  std::vector<Reading> rows;
};
struct Fit {
  double slope, intercept, loss;
};

AG_NODE Shard parse(const std::string &csv) {
  Shard shard;
  std::istringstream in(csv);
  std::string line;
  while (std::getline(in, line)) {
    Reading r{};
    if (std::sscanf(line.c_str(), "%lf,%lf", &r.t, &r.value) == 2)
      shard.rows.push_back(r);
  }
  return shard;
}

AG_NODE Shard clean(const Shard &shard, double maxAbs) {
  Shard out;
  for (const Reading &r : shard.rows)
    if (std::isfinite(r.value) && std::fabs(r.value) <= maxAbs)
      out.rows.push_back(r);
  return out;
}

AG_NODE Shard concat(const std::vector<Shard> &parts) {
  Shard all;
  for (const Shard &p : parts)
    all.rows.insert(all.rows.end(), p.rows.begin(), p.rows.end());
  std::sort(all.rows.begin(), all.rows.end(),
            [](const Reading &a, const Reading &b) { return a.t < b.t; });
  return all;
}

AG_NODE std::pair<Shard, Shard> split(const Shard &all, double fraction) {
  std::size_t cut = static_cast<std::size_t>(all.rows.size() * fraction);
  Shard train, test;
  train.rows.assign(all.rows.begin(), all.rows.begin() + cut);
  test.rows.assign(all.rows.begin() + cut, all.rows.end());
  return {train, test};
}

AG_NODE Fit fit(const Shard &train, const Shard &test, double ridge) {
  double n = train.rows.size(), st = 0, sv = 0, stt = 0, stv = 0;
  for (const Reading &r : train.rows) {
    st += r.t;
    sv += r.value;
    stt += r.t * r.t;
    stv += r.t * r.value;
  }
  double slope = (n * stv - st * sv) / (n * stt - st * st + ridge);
  double intercept = (sv - slope * st) / n;
  double loss = 0;
  for (const Reading &r : test.rows)
    loss += std::pow(r.value - (slope * r.t + intercept), 2);
  return {slope, intercept, loss / std::max<std::size_t>(1, test.rows.size())};
}

AG_NODE_EFFECT void report(const Fit &f, double ridge) {
  std::printf("ridge %.3g: slope %.4f intercept %.4f loss %.6f\n", ridge,
              f.slope, f.intercept, f.loss);
}

AG_CONVERT
ag::Tensor bestLoss(std::vector<std::string> shards, double maxAbs) {
  std::vector<Shard> parts;
  for (const std::string &csv : shards)
    parts.push_back(clean(parse(csv), maxAbs));
  Shard all = concat(parts);
  auto [train, test] = split(all, 0.75);
  Fit best = fit(train, test, 0.0);
  double bestRidge = 0.0;
  for (double ridge : {0.1, 1.0, 10.0}) {
    Fit f = fit(train, test, ridge);
    report(f, ridge);
    if (f.loss < best.loss) {
      best = f;
      bestRidge = ridge;
    }
  }
  std::cout << "best ridge " << bestRidge << "\n";
  return best.loss;
}

#ifndef AG_PIPELINE_NO_MAIN
int main() {
  std::vector<std::string> shards;
  for (int s = 0; s < 4; ++s) {
    std::string csv;
    for (int i = 0; i < 50; ++i) {
      double t = s * 50 + i;
      double v = 0.5 * t + 3 + std::sin(t) + (i == 7 ? 1e6 : 0);
      csv += std::to_string(t) + "," + std::to_string(v) + "\n";
    }
    shards.push_back(csv);
  }
  ag::Tensor eager = bestLoss(shards, 1000.0);
  std::cout << "== graph ==\n";
  ag::Tensor graph = ag::function(&bestLoss)(shards, 1000.0);
  std::cout << (graph.identical(eager) ? "identical" : "DIFFERENT") << "\n";
  return graph.identical(eager) ? 0 : 1;
}
#endif
