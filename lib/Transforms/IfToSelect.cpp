//===- IfToSelect.cpp - speculate small trap-free ag.if ops ---------------===//
//
// An ag.if costs the evaluator a branch and a sub-program; when both regions
// are a few pure ops that cannot fail, computing both and selecting is
// cheaper and gives later passes (CSE, folding) straight-line code. What may
// fail at run time (integer division or remainder by a non-constant,
// ag.index, effects, calls) stays guarded: a converted
// `x != 0 && 10 / x > 2` must never divide by zero.
//
//===----------------------------------------------------------------------===//

#include "ag/Dialect/AGOps.h"
#include "ag/Transforms/Passes.h"

#include "mlir/IR/PatternMatch.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

namespace ag {
#define GEN_PASS_DEF_IFTOSELECT
#include "ag/Transforms/Passes.h.inc"
} // namespace ag

using namespace mlir;
using namespace ag::ir;

namespace {

/// True when every op of `block` but its terminator may run whether or not
/// the branch is taken: no effects, nothing that can fail (speculatable), no
/// nested regions, and at most `maxOps` of them.
bool isSpeculatableBlock(Block &block, unsigned maxOps) {
  unsigned count = 0;
  for (Operation &op : block.without_terminator()) {
    if (++count > maxOps || op.getNumRegions() != 0 ||
        !isMemoryEffectFree(&op) || !isSpeculatable(&op))
      return false;
  }
  return true;
}

bool canSpeculate(IfOp op, unsigned maxOps) {
  // Without results an if is either dead (canonicalize drops it) or has
  // effects; tokens cannot be selected.
  if (op.getNumResults() == 0 || !op.elseBlock())
    return false;
  if (!llvm::all_of(op.getResultTypes(),
                    [](Type type) { return isAGTensorType(type); }))
    return false;
  // A dimension known only at evaluation may differ between the branches
  // (a variable a loop or branch resizes): an elementwise select of the two
  // would fail or broadcast.
  if (!llvm::all_of(op.getResultTypes(), [](Type type) {
        return cast<ShapedType>(type).hasStaticShape();
      }))
    return false;
  return isSpeculatableBlock(*op.thenBlock(), maxOps) &&
         isSpeculatableBlock(*op.elseBlock(), maxOps);
}

void speculate(IRRewriter &rewriter, IfOp op) {
  SmallVector<Value> onTrue(op.thenYield().getResults());
  SmallVector<Value> onFalse(op.elseYield().getResults());
  rewriter.eraseOp(op.thenYield());
  rewriter.eraseOp(op.elseYield());
  rewriter.inlineBlockBefore(op.thenBlock(), op);
  rewriter.inlineBlockBefore(op.elseBlock(), op);
  rewriter.setInsertionPoint(op);
  SmallVector<Value> results;
  for (auto [a, b] : llvm::zip(onTrue, onFalse))
    results.push_back(
        a == b ? a
               : rewriter.create<SelectOp>(op.getLoc(), op.getCond(), a, b)
                     .getResult());
  moveBindings(op, results);
  rewriter.replaceOp(op, results);
}

struct IfToSelectPass : public ag::impl::IfToSelectBase<IfToSelectPass> {
  using IfToSelectBase::IfToSelectBase;

  void runOnOperation() override {
    if (!ag::speculateSmallIfs(getOperation(), maxOps))
      markAllAnalysesPreserved();
  }
};

} // namespace

unsigned ag::speculateSmallIfs(Operation *root, unsigned maxOps) {
  // Post-order: inner ifs are turned into selects first, which may make
  // their parents eligible.
  SmallVector<IfOp> ifs;
  root->walk([&](IfOp op) { ifs.push_back(op); });
  IRRewriter rewriter(root->getContext());
  unsigned count = 0;
  for (IfOp op : ifs)
    if (canSpeculate(op, maxOps)) {
      speculate(rewriter, op);
      ++count;
    }
  return count;
}
