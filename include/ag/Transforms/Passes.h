//===- ag/Transforms/Passes.h - ag dialect passes ---------------*- C++ -*-===//
#ifndef AG_TRANSFORMS_PASSES_H
#define AG_TRANSFORMS_PASSES_H

#include "mlir/Pass/Pass.h"
#include "mlir/Pass/PassManager.h"

namespace ag {

#define GEN_PASS_DECL
#include "ag/Transforms/Passes.h.inc"

/// The optimization pipeline applied to traced graphs (also `ag-opt
/// --ag-optimize`): inline calls to other converted functions, fold and
/// simplify (canonicalize, CSE, loop-invariant code motion), turn small
/// trap-free ifs into selects, and drop functions nothing calls any more.
void buildOptimizePipeline(mlir::OpPassManager &pm);

/// What `ag-if-to-select` does to `root` (see its description); returns the
/// number of ifs replaced.
unsigned speculateSmallIfs(mlir::Operation *root, unsigned maxOps = 8);

/// Registers the ag passes and the `ag-optimize` pipeline with the global
/// pass registry (for ag-opt and other MlirOptMain tools).
void registerAGPasses();

} // namespace ag

#endif // AG_TRANSFORMS_PASSES_H
