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
#define GEN_PASS_DEF_INLINEIFCALLS
#define GEN_PASS_DEF_SIMPLIFYROUND
#define GEN_PASS_DEF_SYMBOLDCEIFPRIVATE
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

bool hasCalls(Operation *root) {
  return root->walk([](CallOpInterface) { return WalkResult::interrupt(); })
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

/// The ag-inline-if-calls and ag-symbol-dce-if-private passes: `Base`'s
/// nested pipeline, run only when `needed` says it has work.
template <typename Derived, template <typename> class Base,
          bool (*needed)(Operation *)>
class RunIf : public Base<Derived> {
public:
  RunIf() = default;
  RunIf(const RunIf &other) : Base<Derived>(other), pipeline(other.pipeline) {}

  void getDependentDialects(DialectRegistry &registry) const override {
    pipeline.getDependentDialects(registry);
  }
  void runOnOperation() override {
    if (!needed(this->getOperation())) {
      this->markAllAnalysesPreserved();
      return;
    }
    if (failed(this->runPipeline(pipeline, this->getOperation())))
      this->signalPassFailure();
  }

protected:
  OpPassManager pipeline;
};

class InlineIfCallsPass
    : public RunIf<InlineIfCallsPass, ag::impl::InlineIfCallsBase, hasCalls> {
public:
  InlineIfCallsPass() {
    // Without the inliner's own canonicalization of each callee: the
    // canonicalizer of ag-optimize runs once over the result.
    pipeline.addPass(createInlinerPass({}, [](OpPassManager &) {}));
  }
  InlineIfCallsPass(const InlineIfCallsPass &) = default;
};

class SymbolDCEIfPrivatePass
    : public RunIf<SymbolDCEIfPrivatePass, ag::impl::SymbolDCEIfPrivateBase,
                   hasRemovableSymbols> {
public:
  SymbolDCEIfPrivatePass() { pipeline.addPass(createSymbolDCEPass()); }
  SymbolDCEIfPrivatePass(const SymbolDCEIfPrivatePass &) = default;
};

/// See ag-simplify-round in Passes.td.
class SimplifyRoundPass
    : public ag::impl::SimplifyRoundBase<SimplifyRoundPass> {
public:
  SimplifyRoundPass() {
    again.addPass(createAGCanonicalizerPass());
    again.addPass(createCSEPass());
  }
  SimplifyRoundPass(const SimplifyRoundPass &other)
      : SimplifyRoundBase(other), again(other.again) {}

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
  // graph, so folding and CSE see across former call boundaries.
  pm.addPass(std::make_unique<InlineIfCallsPass>());
  pm.addPass(createAGCanonicalizerPass());
  // cse, loop-invariant-code-motion, ag-if-to-select, and canonicalize + cse
  // when those changed anything.
  pm.addPass(std::make_unique<SimplifyRoundPass>());
  pm.addPass(std::make_unique<SymbolDCEIfPrivatePass>());
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
