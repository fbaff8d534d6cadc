#ifndef AG_EXAMPLES_PIPELINE_H
#define AG_EXAMPLES_PIPELINE_H
#include <ag/ag.h>

#include <string>
#include <vector>

/// One sensor reading of a CSV shard (`time,value`).
struct Reading {
  double time, value;
};
/// The readings of one or more shards.
struct Table {
  std::vector<Reading> rows;
};
/// A line fitted to a table by ridge regression, and its loss on held-out
/// readings.
struct Fit {
  double ridge, slope, intercept, loss;
  bool operator==(const Fit &o) const {
    return ridge == o.ridge && slope == o.slope && intercept == o.intercept &&
           loss == o.loss;
  }
};

// Codecs (cereal's serialize): values of these types can travel to other
// MPI ranks (and be stored); without them every node runs on rank 0.
template <class A> void serialize(A &ar, Reading &r) { ar(r.time, r.value); }
template <class A> void serialize(A &ar, Table &t) { ar(t.rows); }
template <class A> void serialize(A &ar, Fit &f) {
  ar(f.ridge, f.slope, f.intercept, f.loss);
}

/// The pipeline: reads the CSV shards at `paths` (in parallel), drops
/// unparsable lines and readings above `maxAbs`, merges the shards, holds
/// out every fifth reading, fits one line per ridge value (in parallel),
/// reports each fit and returns the best one. Eagerly it runs as written;
/// through ag::function its AG_NODE calls are the nodes of a lazy graph.
Fit bestFit(std::vector<std::string> paths, double maxAbs,
            std::vector<double> ridges);
#endif
