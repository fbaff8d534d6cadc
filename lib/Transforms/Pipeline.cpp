//===- Pipeline.cpp - the ag-optimize pipeline and pass registration ------===//

#include "ag/Transforms/Passes.h"

#include "mlir/IR/Dominance.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/IR/SymbolTable.h"
#include "mlir/Interfaces/CallInterfaces.h"
#include "mlir/Interfaces/LoopLikeInterface.h"
#include "mlir/Pass/PassRegistry.h"
#include "mlir/Transforms/CSE.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"
#include "mlir/Transforms/LoopInvariantCodeMotionUtils.h"
#include "mlir/Transforms/Passes.h"

#include <functional>

namespace ag {
#define GEN_PASS_REGISTRATION
#include "ag/Transforms/Passes.h.inc"
} // namespace ag

using namespace mlir;

namespace {

/// The canonicalizer without region simplification: ag regions are single
/// blocks without successors, so its dead-argument elimination and region
/// DCE find nothing the folder's own dead-op erasure does not, yet they
/// re-walk every op after each iteration (~40% of the pass).
std::unique_ptr<Pass> createAGCanonicalizerPass() {
  GreedyRewriteConfig config;
  config.useTopDownTraversal = true; // the canonicalize pass's default
  config.enableRegionSimplification = GreedySimplifyRegionLevel::Disabled;
  return createCanonicalizerPass(config);
}

/// Runs a nested pipeline only when `needed` says it has work. The inliner
/// and symbol-dce walk the symbol uses of every op even when the module has
/// no call and no private function, as costly as a canonicalization on a
/// large traced graph.
class RunIfPass : public PassWrapper<RunIfPass, OperationPass<>> {
public:
  MLIR_DEFINE_EXPLICIT_INTERNAL_INLINE_TYPE_ID(RunIfPass)

  RunIfPass(StringRef argument, std::function<bool(Operation *)> needed,
            const std::function<void(OpPassManager &)> &build)
      : argument(argument.str()), needed(std::move(needed)) {
    build(pipeline);
  }
  RunIfPass(const RunIfPass &other)
      : PassWrapper(other), argument(other.argument), needed(other.needed),
        pipeline(other.pipeline) {}

  StringRef getArgument() const override { return argument; }
  StringRef getName() const override { return argument; }
  void getDependentDialects(DialectRegistry &registry) const override {
    pipeline.getDependentDialects(registry);
  }
  void runOnOperation() override {
    if (!needed(getOperation())) {
      markAllAnalysesPreserved();
      return;
    }
    if (failed(runPipeline(pipeline, getOperation())))
      signalPassFailure();
  }

private:
  std::string argument;
  std::function<bool(Operation *)> needed;
  OpPassManager pipeline;
};

bool hasCalls(Operation *root) {
  return root
      ->walk([](CallOpInterface) { return WalkResult::interrupt(); })
      .wasInterrupted();
}

/// symbol-dce only erases non-public symbols (also in nested symbol tables).
bool hasRemovableSymbols(Operation *root) {
  for (Region &region : root->getRegions())
    for (Block &block : region)
      for (Operation &op : block) {
        if (op.hasTrait<OpTrait::SymbolTable>())
          return true;
        auto symbol = dyn_cast<SymbolOpInterface>(op);
        if (symbol && !symbol.isPublic())
          return true;
      }
  return false;
}

/// CSE, loop-invariant code motion and ag-if-to-select, then canonicalize and
/// CSE again only when one of them changed something: on a straight-line
/// graph that the first canonicalization left at a fixed point, a second
/// round costs as much as the first and finds nothing.
class SimplifyRoundPass
    : public PassWrapper<SimplifyRoundPass, OperationPass<>> {
public:
  MLIR_DEFINE_EXPLICIT_INTERNAL_INLINE_TYPE_ID(SimplifyRoundPass)

  SimplifyRoundPass() {
    again.addPass(createAGCanonicalizerPass());
    again.addPass(createCSEPass());
  }
  SimplifyRoundPass(const SimplifyRoundPass &other)
      : PassWrapper(other), again(other.again) {}

  StringRef getArgument() const override { return "ag-simplify-round"; }
  StringRef getName() const override { return "SimplifyRound"; }
  void getDependentDialects(DialectRegistry &registry) const override {
    again.getDependentDialects(registry);
  }
  void runOnOperation() override {
    Operation *root = getOperation();
    bool changed = false;
    {
      IRRewriter rewriter(&getContext());
      eliminateCommonSubExpressions(rewriter, getAnalysis<DominanceInfo>(),
                                    root, &changed);
    }
    // Only speculatable ops move: integer division and ag.index stay
    // guarded.
    root->walk([&](LoopLikeOpInterface loop) {
      changed |= moveLoopInvariantCode(loop) != 0;
    });
    // The selects may expose more folding (constant conditions, equal
    // values), as may CSE and hoisting.
    changed |= ag::speculateSmallIfs(root) != 0;
    if (changed && failed(runPipeline(again, root)))
      signalPassFailure();
  }

private:
  OpPassManager again;
};

} // namespace

void ag::buildOptimizePipeline(OpPassManager &pm) {
  // Inlining first: twins of other converted functions become part of the
  // graph, so folding and CSE see across former call boundaries. The
  // inliner's own canonicalization of each callee is dropped: the
  // canonicalizer below runs once over the result.
  pm.addPass(std::make_unique<RunIfPass>(
      "ag-inline-if-calls", hasCalls, [](OpPassManager &nested) {
        nested.addPass(createInlinerPass({}, [](OpPassManager &) {}));
      }));
  pm.addPass(createAGCanonicalizerPass());
  // cse, loop-invariant-code-motion, ag-if-to-select, and canonicalize + cse
  // when those changed anything.
  pm.addPass(std::make_unique<SimplifyRoundPass>());
  pm.addPass(std::make_unique<RunIfPass>(
      "ag-symbol-dce-if-private", hasRemovableSymbols,
      [](OpPassManager &nested) { nested.addPass(createSymbolDCEPass()); }));
}

void ag::registerAGPasses() {
  registerAGTransformsPasses();
  PassPipelineRegistration<>(
      "ag-optimize",
      "The ag optimization pipeline: inline, canonicalize, CSE, LICM, "
      "ag-if-to-select, canonicalize + CSE if those changed anything, "
      "symbol-dce",
      buildOptimizePipeline);
}
