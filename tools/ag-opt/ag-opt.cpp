//===- ag-opt.cpp - mlir-opt for the ag dialect ---------------------------===//
//
// Parses, verifies, transforms and prints ag IR: the ag dialect, the ag
// passes and pipeline (`--ag-optimize`), and the upstream transforms
// (canonicalize, cse, inline, symbol-dce, loop-invariant-code-motion, ...).
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
  mlir::registerTransformsPasses();
  ag::registerAGPasses();
  return mlir::asMainReturnCode(
      mlir::MlirOptMain(argc, argv, "ag optimizer driver\n", registry));
}
