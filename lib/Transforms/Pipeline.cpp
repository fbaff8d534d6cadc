//===- Pipeline.cpp - the ag-optimize pipeline and pass registration ------===//

#include "ag/Transforms/Passes.h"

#include "mlir/Pass/PassRegistry.h"
#include "mlir/Transforms/Passes.h"

namespace ag {
#define GEN_PASS_REGISTRATION
#include "ag/Transforms/Passes.h.inc"
} // namespace ag

void ag::buildOptimizePipeline(mlir::OpPassManager &pm) {
  // Inlining first: twins of other converted functions become part of the
  // graph, so folding and CSE see across former call boundaries. The inliner
  // canonicalizes each callee as it goes.
  pm.addPass(mlir::createInlinerPass());
  pm.addPass(mlir::createCanonicalizerPass());
  pm.addPass(mlir::createCSEPass());
  // Only speculatable ops move: integer division and ag.index stay guarded.
  pm.addPass(mlir::createLoopInvariantCodeMotionPass());
  pm.addPass(createIfToSelect());
  // The selects may expose more folding (constant conditions, equal values).
  pm.addPass(mlir::createCanonicalizerPass());
  pm.addPass(mlir::createCSEPass());
  pm.addPass(mlir::createSymbolDCEPass());
}

void ag::registerAGPasses() {
  registerAGTransformsPasses();
  mlir::PassPipelineRegistration<>(
      "ag-optimize",
      "The ag optimization pipeline: inline, canonicalize, CSE, LICM, "
      "ag-if-to-select, symbol-dce",
      buildOptimizePipeline);
}
