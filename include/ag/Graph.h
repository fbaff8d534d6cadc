//===- ag/Graph.h - Traced graphs and their lazy evaluation -----*- C++ -*-===//
//
// An ag::Graph is one traced, optimized, lowered function: its MLIR text, a
// runtime Program and a Session that evaluates fetches lazily. All MLIR state
// is behind a pimpl so this header stays light.
//
//===----------------------------------------------------------------------===//
#ifndef AG_GRAPH_H
#define AG_GRAPH_H

#include "ag/Tensor.h"
#include "ag/runtime/RunOptions.h" // RunOptions, RunStats

#include <iosfwd>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace ag {

/// How to treat a graph read from a file or a string: its text is data from
/// anywhere (docs/security.md), so its locations are quoted only where the
/// user says.
struct LoadOptions {
  /// Directories whose files diagnostics may quote a source line from (the
  /// graph's locations name the user's C++ files). Empty: none, and
  /// diagnostics keep file:line:col without the line. The graph file itself
  /// is always quotable.
  std::vector<std::string> sourceDirs;
  /// Bytes the graph's constants may take in memory once loaded (a splat
  /// constant of a huge type is a few bytes of text). 0: the machine's
  /// physical memory. ag-run sets it from --max-memory.
  uint64_t maxBytes = 0;
};

/// A parameter of a graph: its name and the type a feed must have (a
/// dimension of -1 takes any size).
struct Parameter {
  std::string name;
  DType dtype;
  Shape shape;
};

/// One value Graph::evaluate fetched: a tensor, a staged list (a
/// std::vector<ag::Tensor> appended to under staged control flow) with its
/// elements, or an effect token, which carries nothing.
struct FetchedValue {
  enum class Kind { Tensor, List, Token };
  Kind kind = Kind::Token;
  Tensor tensor;                // Kind::Tensor
  std::vector<Tensor> elements; // Kind::List
};

namespace detail {
struct GraphImpl;
}

class Graph {
public:
  /// The graph in the `ag` dialect; with locations, in
  /// -mlir-print-debuginfo style.
  std::string mlir(bool withLocations = false) const;
  /// The graph as the native backend lowers it (func/arith/math/scf, the
  /// `ag-lower-to-arith` step, before LLVM): what RunOptions::Backend::Native
  /// compiles. A function it declines stays an ag.func, after a
  /// `// ...: remark:` line naming the op (ag-run --print-lowered).
  std::string loweredMlir() const;
  /// Graphviz source: one node per op, labelled with its source variable.
  std::string dot() const;
  /// Saves the optimized graph (MLIR text with locations); self-describing.
  void save(const std::string &path) const;
  /// Loads and verifies a saved graph; throws ag::Error with the MLIR
  /// diagnostics (phase Parse or Verify) if it is malformed. Any text is
  /// safe to load: inputs that reach known MLIR parser bugs are rejected
  /// first (docs/security.md).
  static Graph load(const std::string &path, const LoadOptions &options = {});
  static Graph parse(const std::string &mlirText,
                     const std::string &bufferName = "<graph>",
                     const LoadOptions &options = {});

  std::vector<std::string> inputNames() const;
  /// The parameters in order, with the types their feeds must have.
  std::vector<Parameter> parameters() const;
  std::vector<std::string> outputNames() const;
  /// Names of every fetchable value (results and named intermediates).
  std::vector<std::string> valueNames() const;

  /// Evaluates `fetches` (result names like "result0" or source variable
  /// names) given `feeds` (by parameter name). Runs only what the fetches
  /// need. Effects (print/assert) that the fetches do not depend on run only
  /// if `fetches` is empty (then all results and effects are evaluated).
  /// A fetched staged list (a std::vector<ag::Tensor> appended to under
  /// staged control flow) comes back stacked, as ag::stack would give it.
  std::map<std::string, Tensor> run(const std::vector<std::string> &fetches,
                                    const std::map<std::string, Tensor> &feeds,
                                    const RunOptions &options = {});
  /// run() without stacking: a fetched list comes back as its elements, and
  /// a fetched token as Kind::Token. run() and ag::function's calls go
  /// through the same evaluation.
  std::map<std::string, FetchedValue>
  evaluate(const std::vector<std::string> &fetches,
           const std::map<std::string, Tensor> &feeds,
           const RunOptions &options = {});

  /// Keeps a value's buffer alive across runs in this graph's session; a
  /// later run re-fetching it recomputes nothing until a feed changes.
  /// Stops the run in progress on this graph, from any thread: it fails
  /// with an ag::Error ("evaluation cancelled") at the loop or op it was
  /// running. Does nothing when no run is in progress.
  void cancel();

  void persist(const std::string &name);
  void persistAll();
  const RunStats &lastRunStats() const;

  std::shared_ptr<detail::GraphImpl> impl() const { return impl_; }
  explicit Graph(std::shared_ptr<detail::GraphImpl> impl)
      : impl_(std::move(impl)) {}

private:
  std::shared_ptr<detail::GraphImpl> impl_;
};

} // namespace ag

#endif // AG_GRAPH_H
