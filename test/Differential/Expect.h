//===- Expect.h - Eager-vs-graph assertions of the differential tests -----===//
//
// One place for how the differential suites compare an eager result with a
// graph's: identical values and dtypes, shown with their dtypes on failure;
// a call's value or failure (Outcome); a graph run on the general evaluator.
//
//===----------------------------------------------------------------------===//
#ifndef AG_TEST_DIFFERENTIAL_EXPECT_H
#define AG_TEST_DIFFERENTIAL_EXPECT_H

#include "ag/Graph.h"
#include "ag/Tensor.h"

#include <gtest/gtest.h>

#include <exception>
#include <map>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

namespace ag::test {

inline std::string show(const Tensor &t) {
  std::ostringstream os;
  os << t << " (" << dtypeName(t.dtype()) << ")";
  return os.str();
}

inline void expectSame(const Tensor &eager, const Tensor &graph) {
  EXPECT_TRUE(eager.identical(graph))
      << "eager " << show(eager) << ", graph " << show(graph);
}

/// What one call did: its value, or that it failed and why. Two outcomes
/// are the same if both failed (whatever the message) or both gave
/// identical values.
struct Outcome {
  bool threw = false;
  Tensor value;
  std::string error;
  bool sameAs(const Outcome &o) const {
    return threw == o.threw && (threw || value.identical(o.value));
  }
  std::string str() const {
    return threw ? "<threw: " + error + ">" : show(value);
  }
};

template <typename F> Outcome observe(F call) {
  Outcome out;
  try {
    out.value = call();
  } catch (const std::exception &e) {
    out.threw = true;
    out.error = e.what();
  }
  return out;
}

/// Calls `graph` (an ag::function) on `args` through Graph::run with
/// `options`; returns the first output.
template <typename Fn, typename Tuple>
Tensor runWith(const Fn &graph, const Tuple &args, const RunOptions &options) {
  Graph g =
      std::apply([&](const auto &...a) { return graph.graph(a...); }, args);
  std::vector<Tensor> tensors;
  std::apply([&](const auto &...a) { (tensors.push_back(a), ...); }, args);
  std::map<std::string, Tensor> feeds;
  std::vector<std::string> names = g.inputNames();
  for (size_t i = 0; i < names.size(); ++i)
    feeds[names[i]] = tensors.at(i);
  return g.run({}, feeds, options).at(g.outputNames().at(0));
}

/// runWith register code disabled: every node runs on the general
/// evaluator, which scalar programs otherwise skip.
template <typename Fn, typename Tuple>
Tensor runGeneral(const Fn &graph, const Tuple &args) {
  RunOptions options;
  options.scalarCode = false;
  return runWith(graph, args, options);
}

/// runWith the native backend (compiled code; a region it cannot compile
/// falls back to the interpreter).
template <typename Fn, typename Tuple>
Tensor runNative(const Fn &graph, const Tuple &args) {
  RunOptions options;
  options.backend = RunOptions::Backend::Native;
  return runWith(graph, args, options);
}

} // namespace ag::test

#endif // AG_TEST_DIFFERENTIAL_EXPECT_H
