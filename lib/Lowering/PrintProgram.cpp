//===- PrintProgram.cpp - ag-print-program: the lowered Program as text ---===//

#include "ag/Lowering/Lowering.h"
#include "ag/Lowering/Passes.h"

#include "ag/Dialect/AGOps.h"

#include "mlir/IR/BuiltinOps.h"
#include "llvm/Support/raw_ostream.h"

namespace ag {
#define GEN_PASS_DEF_PRINTPROGRAM
#include "ag/Lowering/Passes.h.inc"
} // namespace ag

namespace {

struct PrintProgramPass : public ag::impl::PrintProgramBase<PrintProgramPass> {
  void runOnOperation() override {
    for (ag::ir::FuncOp func : getOperation().getOps<ag::ir::FuncOp>()) {
      if (func.isExternal())
        continue;
      mlir::FailureOr<std::shared_ptr<ag::exec::Program>> program =
          ag::lowering::lowerFunction(func);
      if (mlir::failed(program))
        return signalPassFailure();
      llvm::outs() << "program @" << func.getSymName() << "\n"
                   << (*program)->dump();
    }
    markAllAnalysesPreserved();
  }
};

} // namespace
