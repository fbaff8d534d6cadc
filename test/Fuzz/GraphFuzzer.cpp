//===- GraphFuzzer.cpp - Graph text through every stage -------------------===//
//
// Any bytes as a graph file: the input guard, MLIR's parser and verifier,
// the optimize pipeline, then Graph::parse (verify, lower) and a run with
// zero feeds (on both evaluator paths, with small budgets). Anything but an
// ag::Error or a clean MLIR failure is a bug.
//
//===----------------------------------------------------------------------===//

#include "GraphImpl.h"
#include "InputGuard.h"

#include "ag/Dialect/AGDialect.h"
#include "ag/Error.h"
#include "ag/Graph.h"
#include "ag/Transforms/Passes.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"

#include <cstdint>
#include <string>

namespace {

/// One context for many inputs: creating a context and loading the dialect
/// took ~75% of an input's time under ASan (docs/security.md). It is
/// renewed every kInputsPerContext inputs, since attributes and types an
/// input uniques stay in it; an input's outcome does not depend on what
/// the context already holds, so crashes still replay alone.
std::shared_ptr<mlir::MLIRContext> sharedContext() {
  constexpr unsigned kInputsPerContext = 1000;
  static std::shared_ptr<mlir::MLIRContext> context;
  static unsigned uses = 0;
  if (!context || ++uses == kInputsPerContext || context.use_count() > 1) {
    context = ag::detail::makeGraphContext();
    // Parse and pass errors are expected: drop them.
    context->getDiagEngine().registerHandler(
        [](mlir::Diagnostic &) { return mlir::success(); });
    uses = 0;
  }
  return context;
}

void optimize(const std::string &text, mlir::MLIRContext &context) {
  auto module = mlir::parseSourceString<mlir::ModuleOp>(text, &context);
  if (!module)
    return;
  mlir::PassManager pm(&context);
  ag::buildOptimizePipeline(pm);
  (void)pm.run(*module);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size > 4096)
    return 0; // long inputs only slow the search down
  std::string text(reinterpret_cast<const char *>(data), size);
  if (ag::detail::findUnsafeSyntax(text))
    return 0; // what Graph::load and ag-opt reject before parsing
  std::shared_ptr<mlir::MLIRContext> context = sharedContext();
  optimize(text, *context);
  ag::LoadOptions load;
  load.maxBytes = 64 << 20; // the run's memory budget below
  try {
    ag::Graph graph = ag::detail::parseGraph(text, "<fuzz>", load, context);
    std::map<std::string, ag::Tensor> feeds;
    for (const auto &in : graph.impl()->inputs) {
      int64_t n = 1;
      for (int64_t d : in.shape)
        n = d < 0 || d > 64 ? 1 << 30 : n * d;
      if (n > 4096)
        return 0;
      feeds[in.name] = ag::Tensor::zeros(in.dtype, in.shape);
    }
    // Small budgets: an endless loop or a growing list ends in an error.
    ag::RunOptions options;
    options.threads = 1;
    options.maxIterations = 1000;
    options.timeout = 2;
    options.maxBytes = 64 << 20;
    options.progressAfter = -1;
    graph.run({}, feeds, options);
    options.scalarCode = false; // the general evaluator too
    graph.run({}, feeds, options);
  } catch (const ag::Error &) {
  }
  return 0;
}
