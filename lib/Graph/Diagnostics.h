//===- Diagnostics.h - MLIR diagnostics as ag::Error --------------*- C++ -*-===//
#ifndef AG_LIB_GRAPH_DIAGNOSTICS_H
#define AG_LIB_GRAPH_DIAGNOSTICS_H

#include "ag/Error.h"

#include "mlir/IR/Diagnostics.h"

#include <vector>

namespace ag::detail {

/// Collects the MLIR diagnostics emitted while it lives (parsing, verifying,
/// passes, lowering) so they can be rethrown as one ag::Error rendered like a
/// compiler diagnostic at the reported locations.
class DiagnosticCollector {
public:
  explicit DiagnosticCollector(mlir::MLIRContext &context);
  ~DiagnosticCollector();

  /// Throws an ag::Error: the first error is the diagnostic, later errors and
  /// all notes become notes. With nothing collected, `fallback` is the
  /// message. Returns only when nothing was collected and fallback is null.
  void throwIfAny(const char *fallback = nullptr);

private:
  mlir::MLIRContext &context_;
  mlir::DiagnosticEngine::HandlerID id_;
  std::vector<Diagnostic> errors_;
};

} // namespace ag::detail

#endif // AG_LIB_GRAPH_DIAGNOSTICS_H
