//===- Diagnostics.h - MLIR diagnostics as ag::Error ------------*- C++ -*-===//
#ifndef AG_LIB_GRAPH_DIAGNOSTICS_H
#define AG_LIB_GRAPH_DIAGNOSTICS_H

#include "ag/Error.h"
#include "ag/Graph.h"

#include "mlir/IR/Diagnostics.h"

#include <map>
#include <vector>

namespace ag::exec {
class Program;
}

namespace ag::detail {

/// Makes what a graph read from a file can print safe: its locations may be
/// quoted only from files under LoadOptions::sourceDirs or the graph file
/// itself, and the strings it prints at evaluation (print formats, value
/// and function names in --verbose logs) have control characters escaped.
class SourcePolicy {
public:
  SourcePolicy(const LoadOptions &options, const std::string &graphFile);
  /// Clears loc.showSource unless the file may be quoted.
  void apply(SourceLoc &loc);
  /// The same for every node's source, recursively, and escapes printed
  /// strings. Call before the program is shared with a Session.
  void apply(exec::Program &program);

private:
  bool allowed(const std::string &file);
  std::vector<std::string> roots_; // real paths, each ending in '/'
  std::string graphFile_;          // real path, or empty
  std::map<std::string, bool> cache_;
};

/// Collects the MLIR diagnostics emitted while it lives (parsing, verifying,
/// passes, lowering) so they can be rethrown as one ag::Error rendered like a
/// compiler diagnostic at the reported locations.
class DiagnosticCollector {
public:
  /// `phase` labels what is thrown; `policy`, if given, decides which of the
  /// collected locations may be quoted (graphs read from a file).
  explicit DiagnosticCollector(
      mlir::MLIRContext &context,
      Diagnostic::Phase phase = Diagnostic::Phase::Verify,
      SourcePolicy *policy = nullptr);
  ~DiagnosticCollector();

  /// Throws an ag::Error: the first error is the diagnostic, later errors and
  /// all notes become notes. With nothing collected, `fallback` is the
  /// message. Returns only when nothing was collected and fallback is null.
  void throwIfAny(const char *fallback = nullptr);

private:
  mlir::MLIRContext &context_;
  Diagnostic::Phase phase_;
  SourcePolicy *policy_;
  mlir::DiagnosticEngine::HandlerID id_;
  std::vector<Diagnostic> errors_;
};

} // namespace ag::detail

#endif // AG_LIB_GRAPH_DIAGNOSTICS_H
