//===- Harness.h - Eager-vs-graph runs of the AutoGraph ports ---*- C++ -*-===//
//
// The programs in this folder are C++ ports of TensorFlow AutoGraph's own
// reference tests (tensorflow/python/autograph/tests). Each test function
// becomes an AG_CONVERT function, written as an outsider would, and runs
// eagerly and as a graph over many inputs: values, dtypes and errors must
// match.
//
//===----------------------------------------------------------------------===//
#ifndef AG_TEST_DIFFERENTIAL_AUTOGRAPH_HARNESS_H
#define AG_TEST_DIFFERENTIAL_AUTOGRAPH_HARNESS_H

#include "../Expect.h"

#include "ag/ag.h"

#include <cstdint>
#include <string>
#include <tuple>
#include <type_traits>
#include <vector>

namespace ag::test {

/// Eager and graph results agree. A weak eager value (a literal the data
/// never retyped: a loop that ran no iteration) may have the dtype of the
/// typed path in the graph, with the same value (docs/user-guide.md, "A
/// weak value keeps its eager meaning").
inline bool matches(const Tensor &eager, const Tensor &graph) {
  if (eager.defined() != graph.defined())
    return false;
  if (!eager.defined() || eager.identical(graph))
    return true;
  return eager.isWeak() && eager.dtype() != graph.dtype() &&
         cast(eager, graph.dtype()).identical(graph);
}
template <typename T> bool matches(const T &eager, const T &graph) {
  return std::apply(
      [&](const auto &...e) {
        return std::apply(
            [&](const auto &...g) { return (matches(e, g) && ...); }, graph);
      },
      eager);
}
inline std::string describe(const Tensor &t) {
  return t.defined() ? show(t) : "<undefined>";
}
template <typename T> std::string describe(const T &t) {
  std::string s = "(";
  std::apply([&](const auto &...x) { ((s += describe(x) + ", "), ...); }, t);
  return s + ")";
}
inline std::string describeArg(const Tensor &t) { return describe(t); }
template <typename T> std::string describeArg(const T &v) {
  return std::to_string(v);
}

/// Runs `f(args...)` eagerly and through ag::function; both must give the
/// same result, or both fail.
template <typename R, typename... P, typename... A>
void diff(const char *name, R (*f)(P...), const A &...args) {
  std::string eagerError, graphError;
  R eager{}, graph{};
  try {
    eager = f(args...);
  } catch (const std::exception &e) {
    eagerError = e.what();
  }
  try {
    graph = function(f)(args...);
  } catch (const std::exception &e) {
    graphError = e.what();
  }
  if (eagerError.empty() == graphError.empty() &&
      (!eagerError.empty() || matches(eager, graph)))
    return;
  std::string in;
  ((in += " " + describeArg(args)), ...);
  ADD_FAILURE() << name << "(" << in << " ):\n  eager: "
                << (eagerError.empty() ? describe(eager) : eagerError)
                << "\n  graph: "
                << (graphError.empty() ? describe(graph) : graphError);
}

inline Tensor i32(std::vector<int32_t> v) {
  return Tensor::fromVector(v, {static_cast<int64_t>(v.size())});
}
inline Tensor f64(std::vector<double> v) {
  return Tensor::fromVector(v, {static_cast<int64_t>(v.size())});
}
inline Tensor f32(std::vector<float> v) {
  return Tensor::fromVector(v, {static_cast<int64_t>(v.size())});
}
inline Tensor i64(std::vector<int64_t> v) {
  return Tensor::fromVector(v, {static_cast<int64_t>(v.size())});
}
inline Tensor s32(int v) { return cast(Tensor(v), Int32); }
inline Tensor s64(long v) { return cast(Tensor(v), Int64); }
inline Tensor sf32(float v) { return cast(Tensor(v), Float32); }
inline Tensor sf64(double v) { return cast(Tensor(v), Float64); }

/// Each value as int32, int64, float32, float64, and as weak int and double
/// literals.
inline std::vector<Tensor> scalars(std::vector<int> xs) {
  std::vector<Tensor> r;
  for (int x : xs)
    for (Tensor t : {s32(x), s64(x), sf32(x), sf64(x), Tensor(x),
                     Tensor(static_cast<double>(x))})
      r.push_back(t);
  return r;
}

} // namespace ag::test

#endif // AG_TEST_DIFFERENTIAL_AUTOGRAPH_HARNESS_H
