//===- Diagnostics.cpp - MLIR diagnostics as ag::Error --------------------===//

#include "Diagnostics.h"

#include "ag/Lowering/Lowering.h"

namespace ag::detail {

DiagnosticCollector::DiagnosticCollector(mlir::MLIRContext &context)
    : context_(context) {
  id_ = context.getDiagEngine().registerHandler([this](mlir::Diagnostic &d) {
    if (d.getSeverity() != mlir::DiagnosticSeverity::Error)
      return mlir::failure(); // let warnings/remarks reach the default handler
    Diagnostic diag;
    exec::NodeSource src = lowering::toNodeSource(d.getLocation());
    diag.loc = src.loc;
    diag.message = d.str();
    for (mlir::Diagnostic &note : d.getNotes()) {
      DiagnosticNote n;
      n.loc = lowering::toNodeSource(note.getLocation()).loc;
      n.message = note.str();
      diag.notes.push_back(std::move(n));
    }
    for (DiagnosticNote &site : src.callSites)
      diag.notes.push_back(std::move(site));
    errors_.push_back(std::move(diag));
    return mlir::success();
  });
}

DiagnosticCollector::~DiagnosticCollector() {
  context_.getDiagEngine().eraseHandler(id_);
}

void DiagnosticCollector::throwIfAny(const char *fallback) {
  if (errors_.empty()) {
    if (!fallback)
      return;
    Diagnostic diag;
    diag.message = fallback;
    throw Error(std::move(diag));
  }
  Diagnostic first = errors_.front();
  for (size_t i = 1; i < errors_.size(); ++i) {
    first.notes.push_back({errors_[i].loc, "error: " + errors_[i].message});
    for (DiagnosticNote &n : errors_[i].notes)
      first.notes.push_back(n);
  }
  errors_.clear();
  throw Error(std::move(first));
}

} // namespace ag::detail
