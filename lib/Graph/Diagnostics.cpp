//===- Diagnostics.cpp - MLIR diagnostics as ag::Error --------------------===//

#include "Diagnostics.h"

#include "ag/Lowering/Lowering.h"
#include "ag/runtime/Program.h"

#include <climits>
#include <cstdlib>

namespace ag::detail {

namespace {

/// `path` with symlinks and `..` resolved, or empty if it does not exist.
std::string realPath(const std::string &path) {
  char buf[PATH_MAX];
  if (path.empty() || !::realpath(path.c_str(), buf))
    return {};
  return buf;
}

} // namespace

SourcePolicy::SourcePolicy(const LoadOptions &options,
                           const std::string &graphFile)
    : graphFile_(realPath(graphFile)) {
  for (const std::string &dir : options.sourceDirs) {
    std::string root = realPath(dir);
    if (root.empty())
      continue;
    if (root.back() != '/')
      root += '/';
    roots_.push_back(std::move(root));
  }
}

bool SourcePolicy::allowed(const std::string &file) {
  auto [it, inserted] = cache_.try_emplace(file, false);
  if (!inserted)
    return it->second;
  std::string real = realPath(file);
  if (real.empty())
    return false;
  bool ok = real == graphFile_;
  for (const std::string &root : roots_)
    ok = ok || real.compare(0, root.size(), root) == 0;
  return it->second = ok;
}

void SourcePolicy::apply(SourceLoc &loc) {
  loc.showSource = !loc.file.empty() && allowed(loc.file);
}

void SourcePolicy::apply(exec::Program &program) {
  program.name = escapeControlChars(program.name);
  for (exec::SlotId s = 0; s < program.numSlots(); ++s)
    program.slot(s).name = escapeControlChars(program.slot(s).name);
  for (exec::Node &node : program.nodes()) {
    if (node.kind == exec::NodeKind::Print) {
      node.text = escapeControlChars(node.text, /*keepNewlines=*/true);
      node.escapeOutput = true; // `{%c}` prints any byte
    }
    if (node.source) {
      // --verbose logs print these strings directly, not through render().
      auto escape = [&](SourceLoc &loc) {
        apply(loc);
        loc.file = escapeControlChars(loc.file);
        loc.function = escapeControlChars(loc.function);
        loc.name = escapeControlChars(loc.name);
      };
      auto source = std::make_shared<exec::NodeSource>(*node.source);
      escape(source->loc);
      for (DiagnosticNote &site : source->callSites)
        escape(site.loc);
      node.source = std::move(source);
    }
    for (auto &region : node.regions)
      apply(*region);
  }
}

DiagnosticCollector::DiagnosticCollector(mlir::MLIRContext &context,
                                         Diagnostic::Phase phase,
                                         SourcePolicy *policy)
    : context_(context), phase_(phase), policy_(policy) {
  id_ = context.getDiagEngine().registerHandler([this](mlir::Diagnostic &d) {
    if (d.getSeverity() != mlir::DiagnosticSeverity::Error)
      return mlir::failure(); // let warnings/remarks reach the default handler
    Diagnostic diag;
    diag.phase = phase_;
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
    if (policy_) {
      policy_->apply(diag.loc);
      for (DiagnosticNote &n : diag.notes)
        policy_->apply(n.loc);
    }
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
    diag.phase = phase_;
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
