//===- ag-opt.cpp - mlir-opt for the ag dialect ---------------------------===//
//
// Parses, verifies, transforms and prints ag IR: the ag dialect, the ag
// passes and pipeline (`--ag-optimize`), and the upstream transforms that
// apply to it (canonicalize, cse, inline, symbol-dce,
// loop-invariant-code-motion, sccp, control-flow-sink, view-op-graph, ...).
//
//===----------------------------------------------------------------------===//

#include "ag/Dialect/AGDialect.h"
#include "ag/Transforms/Passes.h"

#include "mlir/IR/DialectRegistry.h"
#include "mlir/Tools/mlir-opt/MlirOptMain.h"
#include "mlir/Transforms/Passes.h"

int main(int argc, char **argv) {
  mlir::DialectRegistry registry;
  registry.insert<ag::ir::AGDialect>();
  // The upstream transforms that are useful (and sound) on ag IR. Not all of
  // them: LLVM 19's remove-dead-values crashes on region ops without an
  // else region (an ag.if or an scf.if alike).
  mlir::registerCanonicalizerPass();
  mlir::registerCSEPass();
  mlir::registerInlinerPass();
  mlir::registerSymbolDCEPass();
  mlir::registerSymbolPrivatizePass();
  mlir::registerLoopInvariantCodeMotionPass();
  mlir::registerSCCPPass();
  mlir::registerControlFlowSinkPass();
  mlir::registerTopologicalSortPass();
  mlir::registerStripDebugInfoPass();
  mlir::registerLocationSnapshotPass();
  mlir::registerPrintOpStatsPass();
  mlir::registerViewOpGraphPass();
  mlir::registerPrintIRPass();
  ag::registerAGPasses();
  return mlir::asMainReturnCode(
      mlir::MlirOptMain(argc, argv, "ag optimizer driver\n", registry));
}
