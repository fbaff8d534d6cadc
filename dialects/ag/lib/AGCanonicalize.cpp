//===- AGCanonicalize.cpp - ag canonicalization patterns ------------------===//
//
// ag.if: a constant condition inlines the taken region; a result both
// branches yield the same value for is that value; unused results go.
// ag.while / ag.for: a loop-carried value that only passes through is the
// init; one that feeds nothing live (no used result, no condition, no
// effect, no other live carried value) is removed with its computation.
//
//===----------------------------------------------------------------------===//

#include "ag/Dialect/AGOps.h"

#include "mlir/IR/Matchers.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "llvm/ADT/BitVector.h"
#include "llvm/ADT/DenseSet.h"

#include <functional>

using namespace mlir;
using namespace ag::ir;

/// Creates an op like `op` (same name, attributes, `operands`, `types`) and
/// moves `op`'s regions into it, leaving `op` with empty regions.
static Operation *recreateWithRegions(PatternRewriter &rewriter, Operation *op,
                                      ValueRange operands, TypeRange types) {
  OperationState state(op->getLoc(), op->getName());
  state.addOperands(operands);
  state.addTypes(types);
  state.addAttributes(op->getAttrs());
  for (unsigned i = 0, e = op->getNumRegions(); i < e; ++i)
    state.addRegion();
  Operation *newOp = rewriter.create(state);
  // Its results differ: the caller moves the fetch names (moveBindings).
  newOp->removeAttr(kBindAttrName);
  for (auto [from, to] : llvm::zip(op->getRegions(), newOp->getRegions()))
    rewriter.inlineRegionBefore(from, to, to.end());
  return newOp;
}

/// Erases the operands of `op` at the set bits of `dead`.
static void eraseOperands(PatternRewriter &rewriter, Operation *op,
                          const llvm::BitVector &dead) {
  if (dead.none())
    return;
  rewriter.modifyOpInPlace(op, [&] { op->eraseOperands(dead); });
}

//===----------------------------------------------------------------------===//
// IfOp
//===----------------------------------------------------------------------===//

namespace {

/// `ag.if` with a constant condition: only the taken region remains.
struct InlineConstantIf : public OpRewritePattern<IfOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(IfOp op,
                                PatternRewriter &rewriter) const override {
    DenseIntElementsAttr cond;
    if (!matchPattern(op.getCond(), m_Constant(&cond)) || !cond.isSplat())
      return failure();
    Region &taken =
        cond.getSplatValue<bool>() ? op.getThenRegion() : op.getElseRegion();
    if (taken.empty()) { // A missing else: nothing runs and nothing results.
      rewriter.eraseOp(op);
      return success();
    }
    Block *block = &taken.front();
    Operation *yield = block->getTerminator();
    SmallVector<Value> results(yield->getOperands());
    rewriter.inlineBlockBefore(block, op);
    rewriter.eraseOp(yield);
    moveBindings(op, results);
    rewriter.replaceOp(op, results);
    return success();
  }
};

/// Results both branches yield the same value (or equal constants) for are
/// replaced by it; results without uses are removed.
struct SimplifyIfResults : public OpRewritePattern<IfOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(IfOp op,
                                PatternRewriter &rewriter) const override {
    if (op.getNumResults() == 0)
      return failure();
    YieldOp thenYield = op.thenYield(), elseYield = op.elseYield();
    bool changed = false;
    for (auto [result, onTrue, onFalse] : llvm::zip(
             op.getResults(), thenYield.getResults(), elseYield.getResults())) {
      if (result.use_empty())
        continue;
      Value same;
      Attribute a, b;
      if (onTrue == onFalse) {
        same = onTrue; // Regions differ, so it is defined above the if.
      } else if (matchPattern(onTrue, m_Constant(&a)) &&
                 matchPattern(onFalse, m_Constant(&b)) && a == b) {
        same = rewriter.clone(*onTrue.getDefiningOp())->getResult(0);
      }
      if (!same)
        continue;
      rewriter.replaceAllUsesWith(result, same);
      changed = true;
    }

    llvm::BitVector unused(op.getNumResults());
    SmallVector<Type> keptTypes;
    for (OpResult result : op.getResults()) {
      if (result.use_empty())
        unused.set(result.getResultNumber());
      else
        keptTypes.push_back(result.getType());
    }
    if (unused.none())
      return success(changed);

    eraseOperands(rewriter, thenYield, unused);
    eraseOperands(rewriter, elseYield, unused);
    Operation *newOp =
        recreateWithRegions(rewriter, op, op->getOperands(), keptTypes);
    SmallVector<Value> replacements;
    unsigned next = 0;
    for (OpResult result : op.getResults())
      replacements.push_back(result.use_empty() ? Value()
                                                : newOp->getResult(next++));
    moveBindings(op, replacements);
    rewriter.replaceOp(op, replacements);
    return success();
  }
};

} // namespace

void IfOp::getCanonicalizationPatterns(RewritePatternSet &results,
                                       MLIRContext *context) {
  results.add<InlineConstantIf, SimplifyIfResults>(context);
}

//===----------------------------------------------------------------------===//
// SelectOp
//===----------------------------------------------------------------------===//

namespace {

/// A select between booleans with one constant side is plain logic, which
/// is what a short-circuit `&&` / `||` becomes once ag-if-to-select
/// speculated its pure right-hand side:
///   select(c, x, false) = c and x      select(c, true, x) = c or x
///   select(c, false, true) = not c
struct SelectToLogic : public OpRewritePattern<SelectOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(SelectOp op,
                                PatternRewriter &rewriter) const override {
    if (!op.getType().getElementType().isInteger(1))
      return failure();
    auto splat = [](Value value) -> std::optional<bool> {
      DenseIntElementsAttr attr;
      if (!matchPattern(value, m_Constant(&attr)) || !attr.isSplat())
        return std::nullopt;
      return attr.getSplatValue<bool>();
    };
    Value cond = op.getCond();
    std::optional<bool> onTrue = splat(op.getTrueValue());
    std::optional<bool> onFalse = splat(op.getFalseValue());
    if (onFalse == false && !onTrue) {
      rewriter.replaceOpWithNewOp<AndOp>(op, cond, op.getTrueValue());
      return success();
    }
    if (onTrue == true && !onFalse) {
      rewriter.replaceOpWithNewOp<OrOp>(op, cond, op.getFalseValue());
      return success();
    }
    if (onTrue == false && onFalse == true && cond.getType() == op.getType()) {
      rewriter.replaceOpWithNewOp<NotOp>(op, cond);
      return success();
    }
    return failure();
  }
};

} // namespace

void SelectOp::getCanonicalizationPatterns(RewritePatternSet &results,
                                           MLIRContext *context) {
  results.add<SelectToLogic>(context);
}

//===----------------------------------------------------------------------===//
// Loop-carried value liveness
//===----------------------------------------------------------------------===//

namespace {

/// Backward liveness over the single-block regions of a loop. A value is live
/// when it reaches an op with effects, a used result or the loop condition,
/// directly or through other live values, including across iterations
/// (`carry` maps a live block argument to the terminator operands feeding
/// it).
class LoopLiveness {
public:
  LoopLiveness(
      ArrayRef<Block *> blocks,
      std::function<void(BlockArgument, SmallVectorImpl<Value> &)> carry)
      : blocks(blocks), carry(std::move(carry)) {}

  void markValue(Value value) {
    if (live.insert(value).second)
      worklist.push_back(value);
  }

  /// Marks an op of one of the loop's blocks (and everything it uses,
  /// including from its nested regions) live.
  void markOp(Operation *op) {
    if (!liveOps.insert(op).second)
      return;
    op->walk([&](Operation *nested) {
      for (Value operand : nested->getOperands())
        markValue(operand);
    });
  }

  /// Roots: every op that is not free of memory effects.
  void markEffects() {
    for (Block *block : blocks)
      for (Operation &op : block->without_terminator())
        if (!isMemoryEffectFree(&op))
          markOp(&op);
  }

  void propagate() {
    SmallVector<Value> fed;
    while (!worklist.empty()) {
      Value value = worklist.pop_back_val();
      if (auto arg = dyn_cast<BlockArgument>(value)) {
        if (!llvm::is_contained(blocks, arg.getOwner()))
          continue;
        fed.clear();
        carry(arg, fed);
        for (Value v : fed)
          markValue(v);
        continue;
      }
      Operation *def = value.getDefiningOp();
      if (llvm::is_contained(blocks, def->getBlock()))
        markOp(def);
    }
  }

  bool isLive(Value value) const { return live.contains(value); }

  /// Erases the non-terminator ops of the loop's blocks that are not live;
  /// they are free of effects and only feed dead values.
  void eraseDeadOps(PatternRewriter &rewriter) const {
    SmallVector<Operation *> dead;
    for (Block *block : blocks)
      for (Operation &op : block->without_terminator())
        if (!liveOps.contains(&op))
          dead.push_back(&op);
    // Users before the values they use.
    for (Operation *op : llvm::reverse(dead))
      rewriter.eraseOp(op);
  }

private:
  ArrayRef<Block *> blocks;
  // Owned: callers pass temporaries.
  std::function<void(BlockArgument, SmallVectorImpl<Value> &)> carry;
  llvm::DenseSet<Value> live;
  llvm::DenseSet<Operation *> liveOps;
  SmallVector<Value> worklist;
};

/// Moves `from` into `to`, which has arguments for the kept ones (the unset
/// bits of `dead`); dead arguments must have no uses left.
void mergeKeptArguments(PatternRewriter &rewriter, Block *from, Block *to,
                        const llvm::BitVector &dead) {
  SmallVector<Value> replacements;
  unsigned next = 0;
  for (unsigned i = 0, e = from->getNumArguments(); i < e; ++i)
    replacements.push_back(dead.test(i) ? Value() : to->getArgument(next++));
  rewriter.mergeBlocks(from, to, replacements);
}

//===----------------------------------------------------------------------===//
// WhileOp
//===----------------------------------------------------------------------===//

/// A value the `before` region forwards unchanged to the `after` region,
/// which yields it back unchanged, never changes: it is its init.
struct ForwardInvariantWhileValues : public OpRewritePattern<WhileOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(WhileOp op,
                                PatternRewriter &rewriter) const override {
    ConditionOp condition = op.getConditionOp();
    YieldOp yield = op.getYieldOp();
    bool changed = false;
    for (auto [j, forwarded] : llvm::enumerate(condition.getArgs())) {
      auto beforeArg = dyn_cast<BlockArgument>(forwarded);
      if (!beforeArg || beforeArg.getOwner() != op.beforeBlock())
        continue;
      unsigned i = beforeArg.getArgNumber();
      BlockArgument afterArg = op.afterBlock()->getArgument(j);
      if (yield.getResults()[i] != afterArg)
        continue;
      Value init = op.getInits()[i];
      OpResult result = op->getResult(j);
      auto usedBeyond = [](Value value, Operation *terminator) {
        return llvm::any_of(value.getUsers(), [&](Operation *user) {
          return user != terminator;
        });
      };
      if (!usedBeyond(beforeArg, condition) && !usedBeyond(afterArg, yield) &&
          result.use_empty())
        continue;
      // Keep the terminators' own operands: the dead-value pattern below
      // removes the then-unused slot.
      rewriter.replaceUsesWithIf(beforeArg, init, [&](OpOperand &use) {
        return use.getOwner() != condition;
      });
      rewriter.replaceUsesWithIf(afterArg, init, [&](OpOperand &use) {
        return use.getOwner() != yield;
      });
      rewriter.replaceAllUsesWith(result, init);
      changed = true;
    }
    return success(changed);
  }
};

/// Removes loop-carried values that feed nothing live.
struct RemoveDeadWhileValues : public OpRewritePattern<WhileOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(WhileOp op,
                                PatternRewriter &rewriter) const override {
    Block *before = op.beforeBlock(), *after = op.afterBlock();
    ConditionOp condition = op.getConditionOp();
    YieldOp yield = op.getYieldOp();
    Block *blocks[] = {before, after};
    LoopLiveness liveness(
        blocks, [&](BlockArgument arg, SmallVectorImpl<Value> &fed) {
          // `before` args come from the inits and after's yield; `after` args
          // from the condition's forwarded values.
          if (arg.getOwner() == before)
            fed.push_back(yield.getResults()[arg.getArgNumber()]);
          else
            fed.push_back(condition.getArgs()[arg.getArgNumber()]);
        });
    liveness.markEffects();
    liveness.markValue(condition.getCondition());
    for (auto [result, forwarded] :
         llvm::zip(op.getResults(), condition.getArgs()))
      if (!result.use_empty())
        liveness.markValue(forwarded);
    liveness.propagate();

    llvm::BitVector deadBefore(before->getNumArguments());
    for (BlockArgument arg : before->getArguments())
      if (!liveness.isLive(arg))
        deadBefore.set(arg.getArgNumber());
    llvm::BitVector deadAfter(after->getNumArguments());
    for (BlockArgument arg : after->getArguments())
      if (!liveness.isLive(arg) &&
          op->getResult(arg.getArgNumber()).use_empty())
        deadAfter.set(arg.getArgNumber());
    if (deadBefore.none() && deadAfter.none())
      return failure();

    // Drop the dead slots from the terminators, then the computations only
    // they used, so that the dead block arguments have no uses left.
    eraseOperands(rewriter, yield, deadBefore);
    llvm::BitVector deadConditionOperands(condition->getNumOperands());
    for (unsigned j : deadAfter.set_bits())
      deadConditionOperands.set(j + 1);
    eraseOperands(rewriter, condition, deadConditionOperands);
    liveness.eraseDeadOps(rewriter);

    SmallVector<Value> inits;
    for (auto [i, init] : llvm::enumerate(op.getInits()))
      if (!deadBefore.test(i))
        inits.push_back(init);
    SmallVector<Type> resultTypes;
    for (auto [j, type] : llvm::enumerate(op.getResultTypes()))
      if (!deadAfter.test(j))
        resultTypes.push_back(type);
    auto newOp = rewriter.create<WhileOp>(op.getLoc(), resultTypes, inits);
    newOp->setDiscardableAttrs(op->getDiscardableAttrDictionary());
    newOp->removeAttr(kBindAttrName); // moved below, result by result
    mergeKeptArguments(rewriter, before, newOp.beforeBlock(), deadBefore);
    mergeKeptArguments(rewriter, after, newOp.afterBlock(), deadAfter);

    SmallVector<Value> replacements;
    unsigned next = 0;
    for (unsigned j = 0, e = op.getNumResults(); j < e; ++j)
      replacements.push_back(deadAfter.test(j) ? Value()
                                               : newOp.getResult(next++));
    moveBindings(op, replacements);
    rewriter.replaceOp(op, replacements);
    return success();
  }
};

//===----------------------------------------------------------------------===//
// ForOp
//===----------------------------------------------------------------------===//

/// An iter_arg the body yields back unchanged is its init.
struct ForwardInvariantForValues : public OpRewritePattern<ForOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(ForOp op,
                                PatternRewriter &rewriter) const override {
    YieldOp yield = op.getYieldOp();
    bool changed = false;
    for (auto [arg, yielded, init, result] :
         llvm::zip(op.getRegionIterArgs(), yield.getResults(), op.getInits(),
                   op.getResults())) {
      if (yielded != arg)
        continue;
      if (result.use_empty() && llvm::all_of(arg.getUsers(), [&](Operation *u) {
            return u == yield;
          }))
        continue;
      rewriter.replaceUsesWithIf(
          arg, init, [&](OpOperand &use) { return use.getOwner() != yield; });
      rewriter.replaceAllUsesWith(result, init);
      changed = true;
    }
    return success(changed);
  }
};

/// Removes iter_args that feed nothing live.
struct RemoveDeadForValues : public OpRewritePattern<ForOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(ForOp op,
                                PatternRewriter &rewriter) const override {
    Block *body = op.getBodyBlock();
    YieldOp yield = op.getYieldOp();
    Block *blocks[] = {body};
    LoopLiveness liveness(
        blocks, [&](BlockArgument arg, SmallVectorImpl<Value> &fed) {
          if (arg.getArgNumber() > 0) // Not the induction variable.
            fed.push_back(yield.getResults()[arg.getArgNumber() - 1]);
        });
    liveness.markEffects();
    for (auto [result, yielded] :
         llvm::zip(op.getResults(), yield.getResults()))
      if (!result.use_empty())
        liveness.markValue(yielded);
    liveness.propagate();

    llvm::BitVector dead(op.getNumResults());
    for (auto [i, arg] : llvm::enumerate(op.getRegionIterArgs()))
      if (!liveness.isLive(arg) && op.getResult(i).use_empty())
        dead.set(i);
    if (dead.none())
      return failure();

    eraseOperands(rewriter, yield, dead);
    liveness.eraseDeadOps(rewriter);

    SmallVector<Value> inits;
    for (auto [i, init] : llvm::enumerate(op.getInits()))
      if (!dead.test(i))
        inits.push_back(init);
    auto newOp =
        rewriter.create<ForOp>(op.getLoc(), op.getLowerBound(),
                               op.getUpperBound(), op.getStep(), inits);
    newOp->setDiscardableAttrs(op->getDiscardableAttrDictionary());
    newOp->removeAttr(kBindAttrName); // moved below, result by result
    // The builder gave a loop without iter_args its terminator; the old body
    // brings its own.
    if (inits.empty())
      rewriter.eraseOp(newOp.getBodyBlock()->getTerminator());
    llvm::BitVector deadArgs(body->getNumArguments());
    for (unsigned i : dead.set_bits())
      deadArgs.set(i + 1);
    mergeKeptArguments(rewriter, body, newOp.getBodyBlock(), deadArgs);

    SmallVector<Value> replacements;
    unsigned next = 0;
    for (unsigned i = 0, e = op.getNumResults(); i < e; ++i)
      replacements.push_back(dead.test(i) ? Value() : newOp.getResult(next++));
    moveBindings(op, replacements);
    rewriter.replaceOp(op, replacements);
    return success();
  }
};

/// A loop whose constant bounds give it no iteration is its inits; none of
/// its effects run.
struct RemoveZeroTripFor : public OpRewritePattern<ForOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(ForOp op,
                                PatternRewriter &rewriter) const override {
    DenseIntElementsAttr lb, ub, step;
    if (!matchPattern(op.getLowerBound(), m_Constant(&lb)) ||
        !matchPattern(op.getUpperBound(), m_Constant(&ub)) ||
        !matchPattern(op.getStep(), m_Constant(&step)))
      return failure();
    int64_t l = (*lb.getValues<APInt>().begin()).getSExtValue();
    int64_t u = (*ub.getValues<APInt>().begin()).getSExtValue();
    int64_t s = (*step.getValues<APInt>().begin()).getSExtValue();
    // A zero step is a run-time error: leave it to the runtime.
    if (s == 0 || (s > 0 ? l < u : l > u))
      return failure();
    moveBindings(op, op.getInits());
    rewriter.replaceOp(op, op.getInits());
    return success();
  }
};

} // namespace

void WhileOp::getCanonicalizationPatterns(RewritePatternSet &results,
                                          MLIRContext *context) {
  results.add<ForwardInvariantWhileValues, RemoveDeadWhileValues>(context);
}

void ForOp::getCanonicalizationPatterns(RewritePatternSet &results,
                                        MLIRContext *context) {
  results
      .add<ForwardInvariantForValues, RemoveDeadForValues, RemoveZeroTripFor>(
          context);
}
