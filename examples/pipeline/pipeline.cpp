#include "pipeline.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <string>
#include <utility>

// Ordinary C++ functions over the user's own types, marked as graph nodes.

AG_NODE Table load(const std::string &path) {
  Table t;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    Reading r{};
    if (std::sscanf(line.c_str(), "%lf,%lf", &r.time, &r.value) == 2)
      t.rows.push_back(r);
  }
  return t;
}

AG_NODE Table clean(const Table &t, double maxAbs) {
  Table out;
  for (const Reading &r : t.rows)
    if (std::isfinite(r.value) && std::fabs(r.value) <= maxAbs)
      out.rows.push_back(r);
  return out;
}

AG_NODE Table concat(const std::vector<Table> &parts) {
  Table all;
  for (const Table &p : parts)
    all.rows.insert(all.rows.end(), p.rows.begin(), p.rows.end());
  std::sort(all.rows.begin(), all.rows.end(),
            [](const Reading &a, const Reading &b) { return a.time < b.time; });
  return all;
}

AG_NODE std::pair<Table, Table> holdOut(const Table &all, int every) {
  Table train, test;
  for (std::size_t i = 0; i < all.rows.size(); ++i)
    (i % every == 0 ? test : train).rows.push_back(all.rows[i]);
  return {train, test};
}

AG_NODE Fit fit(const Table &train, const Table &test, double ridge) {
  double n = train.rows.size(), st = 0, sv = 0, stt = 0, stv = 0;
  for (const Reading &r : train.rows) {
    st += r.time;
    sv += r.value;
    stt += r.time * r.time;
    stv += r.time * r.value;
  }
  double slope = (n * stv - st * sv) / (n * stt - st * st + ridge);
  double intercept = (sv - slope * st) / n;
  double loss = 0;
  for (const Reading &r : test.rows)
    loss += std::pow(r.value - (slope * r.time + intercept), 2);
  return {ridge, slope, intercept,
          loss / std::max<std::size_t>(1, test.rows.size())};
}

// An effect: ordered with the other effects and prints, run exactly once.
AG_NODE_EFFECT void report(const Fit &f) {
  std::printf("ridge %8.1f: slope %.4f intercept %.4f loss %.5f\n", f.ridge,
              f.slope, f.intercept, f.loss);
}

AG_CONVERT
Fit bestFit(std::vector<std::string> paths, double maxAbs,
            std::vector<double> ridges) {
  std::vector<Table> shards;
  for (const std::string &path : paths) // fan-out: one load+clean per shard
    shards.push_back(clean(load(path), maxAbs));
  Table all = concat(shards); // fan-in
  auto [train, test] = holdOut(all, 5);
  Fit best = fit(train, test, 0.0);
  for (double ridge : ridges) { // independent fits
    Fit f = fit(train, test, ridge);
    report(f);
    if (f.loss < best.loss) // a condition on node results: staged
      best = f;
  }
  return best;
}
