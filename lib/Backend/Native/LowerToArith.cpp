//===- LowerToArith.cpp - scalar ag.funcs to func/arith/math/scf ----------===//
//
// The first step of the native backend. Each op computes what
// include/ag/semantics/ElementOps.h defines for one element; the comments
// name the functor each lowering mirrors. Ops that are evaluation errors in
// the interpreter set the function's fault flag instead of trapping (see
// the `ag-lower-to-arith` pass description): native code re-runs on the
// interpreter to report them, so the located diagnostic is the
// interpreter's, word for word.
//
//===----------------------------------------------------------------------===//

#include "ag/Native/Native.h"

#include "ag/Dialect/AGDType.h"
#include "ag/Dialect/AGOps.h"
#include "ag/Tensor.h"
#include "ag/semantics/Layout.h"
#include "ag/semantics/Slice.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/IR/Matchers.h"
#include "mlir/IR/SymbolTable.h"
#include "mlir/IR/TypeUtilities.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/TypeSwitch.h"

#include <functional>

namespace ag {
#define GEN_PASS_DEF_LOWERTOARITH
#include "ag/Native/Passes.h.inc"
} // namespace ag

using namespace mlir;
namespace ir = ag::ir;

namespace {

/// The scalar type a 0-d ag tensor becomes; null for anything else.
Type scalarType(Type type) {
  auto tensor = dyn_cast<RankedTensorType>(type);
  if (!tensor || tensor.getRank() != 0)
    return {};
  return tensor.getElementType();
}

/// An effect token: native code keeps effects in program order, so a token
/// carries nothing and becomes an `i1` that is never read.
bool isToken(Type type) { return isa<ir::TokenType>(type); }

/// The type a value of the scalar path becomes: a 0-d tensor's element
/// type, `i1` for a token; null for anything else.
Type loweredScalarType(Type type) {
  if (isToken(type))
    return IntegerType::get(type.getContext(), 1);
  return scalarType(type);
}

/// The element type of a ranked tensor (0-d or not); null otherwise.
Type elementType(Type type) {
  auto tensor = dyn_cast<RankedTensorType>(type);
  return tensor ? tensor.getElementType() : Type();
}

/// The element type of a ranked tensor of rank >= 1; null otherwise.
Type rankedElementType(Type type) {
  auto tensor = dyn_cast<RankedTensorType>(type);
  if (!tensor || tensor.getRank() == 0)
    return {};
  return tensor.getElementType();
}

/// A reduction of a whole tensor to a 0-d value: ag.reduce_sum, or an
/// ag.reduce over every axis without keepdims.
bool isFullReduction(Operation *op) {
  if (isa<ir::ReduceSumOp>(op))
    return true;
  auto reduce = dyn_cast<ir::ReduceOp>(op);
  if (!reduce || reduce.getKeepdims())
    return false;
  auto type = dyn_cast<RankedTensorType>(reduce.getInput().getType());
  return type &&
         static_cast<int64_t>(reduce.getAxes().size()) == type.getRank();
}

/// Why the element loop cannot carry the full reduction `op` as
/// accumulators in the kernel's order (runtime/kernels/Reduce.cpp: one
/// sequential pass over all elements, or for a float sum or mean eight
/// partial sums, see lowerElementwise); empty if it can.
std::string fullReductionBlocker(Operation *op) {
  if (!rankedElementType(op->getOperand(0).getType()))
    return "reduces a 0-d value";
  for (Operation *user : op->getResult(0).getUsers())
    if (!isa<ir::ReturnOp>(user))
      return "has a result that other ops use (the native backend returns "
             "reductions only)";
  auto reduce = dyn_cast<ir::ReduceOp>(op);
  if (!reduce)
    return "";
  bool isF = isa<FloatType>(rankedElementType(reduce.getInput().getType()));
  switch (reduce.getKind()) {
  case ir::ReductionKind::mean:
    // The kernel reports it.
    return isF ? "" : "is a mean of integers";
  case ir::ReductionKind::argmin:
  case ir::ReductionKind::argmax:
    return "is not supported on tensors by the native backend yet";
  default:
    return "";
  }
}

/// Print, assert, check_numerics and the entry token: run through runtime
/// callbacks (print) or the fault flag (the checks) on the scalar path.
bool isEffectOp(Operation *op) {
  return isa<ir::TokenOp, ir::PrintOp, ir::AssertOp, ir::CheckNumericsOp>(op);
}

/// Region-free ops the elementwise path lowers one element at a time.
bool isElementwiseOp(Operation *op) {
  return op->getNumRegions() == 0 && !isa<ir::CallOp>(op) && !isEffectOp(op);
}

bool isSupportedOp(Operation *op) {
  return isa<ir::ConstantOp, ir::AddOp, ir::SubOp, ir::MulOp, ir::DivOp,
             ir::RemOp, ir::PowOp, ir::MinOp, ir::MaxOp, ir::CmpOp, ir::AndOp,
             ir::OrOp, ir::XorOp, ir::ShlOp, ir::ShrOp, ir::NegOp, ir::NotOp,
             ir::AbsOp, ir::ExpOp, ir::LogOp, ir::SqrtOp, ir::TanhOp,
             ir::FloorOp, ir::BitNotOp, ir::CeilOp, ir::RoundOp, ir::SinOp,
             ir::CosOp, ir::SigmoidOp, ir::SignOp, ir::IsNanOp, ir::IsFiniteOp,
             ir::SelectOp, ir::CastOp, ir::IfOp, ir::WhileOp, ir::ForOp,
             ir::YieldOp, ir::ConditionOp, ir::CallOp, ir::ReturnOp>(op) ||
         isEffectOp(op);
}

/// The first op of `func` the lowering cannot handle on its own (calls are
/// checked by the caller), and why; null if there is none.
Operation *findBlocker(ir::FuncOp func, std::string &why) {
  Operation *blocker = nullptr;
  auto allScalar = [](TypeRange types) {
    return llvm::all_of(types,
                        [](Type t) { return bool(loweredScalarType(t)); });
  };
  func.getBody().walk([&](Operation *op) {
    if (!isSupportedOp(op)) {
      why = "is not supported by the native backend yet";
      blocker = op;
      return WalkResult::interrupt();
    }
    bool blockArgsScalar = true;
    for (Region &region : op->getRegions())
      for (Block &block : region)
        blockArgsScalar &= allScalar(block.getArgumentTypes());
    if (!allScalar(op->getOperandTypes()) || !allScalar(op->getResultTypes()) ||
        !blockArgsScalar) {
      why = "has a value that is not a scalar (the native backend handles "
            "0-d tensors only)";
      blocker = op;
      return WalkResult::interrupt();
    }
    if (auto constant = dyn_cast<ir::ConstantOp>(op))
      if (!isa<DenseElementsAttr>(constant.getValue())) {
        why = "is not a dense constant";
        blocker = op;
        return WalkResult::interrupt();
      }
    return WalkResult::advance();
  });
  // The ops say more precisely why; the signature last.
  if (!blocker && (!allScalar(func.getArgumentTypes()) ||
                   !allScalar(func.getResultTypes()))) {
    why = "its parameters or results are not all scalars";
    return func;
  }
  return blocker;
}

/// For a function with ranked tensors: the first op that keeps it from the
/// elementwise path (every op elementwise, every value 0-d or of the one
/// shape `shape`, which is static or a parameter's), and why; null if
/// there is none.
Operation *findElementwiseBlocker(ir::FuncOp func, std::string &why) {
  std::optional<SmallVector<int64_t>> shape;
  auto fits = [&](Type t) {
    if (scalarType(t) || isToken(t))
      return true;
    auto tensor = dyn_cast<RankedTensorType>(t);
    if (!tensor)
      return false;
    if (!shape)
      shape = SmallVector<int64_t>(tensor.getShape());
    return ArrayRef<int64_t>(*shape) == tensor.getShape();
  };
  auto allFit = [&](TypeRange types) { return llvm::all_of(types, fits); };
  if (!allFit(func.getArgumentTypes()) || !allFit(func.getResultTypes())) {
    why = "its parameters or results are not all scalars or tensors of one "
          "shape";
    return func;
  }
  Operation *blocker = nullptr;
  Operation *token = nullptr; // reported only if no effect uses it
  func.getBody().walk([&](Operation *op) {
    if (isa<ir::TokenOp>(op) && !token) {
      token = op;
      return WalkResult::advance();
    }
    if (isFullReduction(op) && op->getParentOp() == func.getOperation()) {
      why = fullReductionBlocker(op);
      if (why.empty() && !allFit(op->getOperandTypes()))
        why = "mixes tensor shapes (the native backend fuses elementwise ops "
              "on one shape only)";
      if (why.empty())
        return WalkResult::advance();
    } else if (isEffectOp(op))
      why = "is an effect, which the native backend runs in functions on 0-d "
            "values only";
    else if (!isSupportedOp(op) ||
             (!isElementwiseOp(op) && !isa<ir::ReturnOp>(op)))
      why = "is not supported on tensors by the native backend yet";
    else if (!allFit(op->getOperandTypes()) || !allFit(op->getResultTypes()))
      why = "mixes tensor shapes (the native backend fuses elementwise ops "
            "on one shape only)";
    else if (auto constant = dyn_cast<ir::ConstantOp>(op);
             constant && !(isa<SplatElementsAttr>(constant.getValue()) ||
                           (isa<DenseElementsAttr>(constant.getValue()) &&
                            scalarType(constant.getType()))))
      why = "is not a splat constant";
    else
      return WalkResult::advance();
    blocker = op;
    return WalkResult::interrupt();
  });
  if (!blocker && token) {
    why = "is an effect, which the native backend runs in functions on 0-d "
          "values only";
    blocker = token;
  }
  if (blocker)
    return blocker;
  bool dynamic = shape && ShapedType::isDynamicShape(*shape);
  if (dynamic && llvm::none_of(func.getArgumentTypes(), [](Type t) {
        return bool(rankedElementType(t));
      })) {
    why = "no parameter gives its tensors' dynamic shape";
    return func;
  }
  return nullptr;
}

/// Tensor ops of the buffered path that are not elementwise: loop nests of
/// their own over buffers (reshape: the same buffer).
bool isBufferedOp(Operation *op) {
  return isa<ir::ReduceOp, ir::ReduceSumOp, ir::MatmulOp, ir::ReshapeOp,
             ir::BroadcastOp, ir::TransposeOp, ir::ConcatOp, ir::SliceOp,
             ir::GatherOp>(op);
}

/// Whether `operand` may broadcast to `result` (numpy: right-aligned, each
/// dimension equal or 1); a dynamic dimension is checked at run time.
bool broadcastsTo(ArrayRef<int64_t> operand, ArrayRef<int64_t> result) {
  if (operand.size() > result.size())
    return false;
  size_t skip = result.size() - operand.size();
  for (auto [k, d] : llvm::enumerate(operand))
    if (d != 1 && d != result[skip + k] && !ShapedType::isDynamic(d) &&
        !ShapedType::isDynamic(result[skip + k]))
      return false;
  return true;
}

bool allScalar(TypeRange types) {
  return llvm::all_of(types, [](Type t) { return bool(scalarType(t)); });
}

/// Scalars, tokens and ranked tensors: the values of the buffered path
/// (dynamic dimensions are read from the parameters' descriptors and
/// computed op by op when the function runs).
bool fitsBuffered(Type t) {
  return scalarType(t) || isToken(t) || isa<RankedTensorType>(t);
}

bool allFitBuffered(TypeRange types) {
  return llvm::all_of(types, fitsBuffered);
}

bool isDynamic(Type t) {
  auto tensor = dyn_cast<RankedTensorType>(t);
  return tensor && !tensor.hasStaticShape();
}

bool anyDynamic(TypeRange types) { return llvm::any_of(types, isDynamic); }

/// Why the buffered path cannot lower the top-level op `op` (not an
/// ag.token), or "" if it can. `otherValue` is set when the reason is a
/// value that is not a scalar or a ranked tensor (a list, say).
std::string bufferedOpBlocker(Operation *op, bool &otherValue) {
  bool scalarOp =
      allScalar(op->getOperandTypes()) && allScalar(op->getResultTypes());
  if (!allFitBuffered(op->getOperandTypes()) ||
      !allFitBuffered(op->getResultTypes())) {
    otherValue = true;
    return "has a value that is not a scalar or a ranked tensor";
  }
  if (isEffectOp(op))
    return "is an effect, which the native backend runs in functions on 0-d "
           "values only";
  if (op->getNumRegions() || isa<ir::CallOp>(op)) {
    // Scalar control flow and calls: the scalar lowering, if nothing
    // inside touches a tensor or an effect.
    bool scalar = scalarOp;
    op->walk([&](Operation *inner) {
      bool blockArgs = true;
      for (Region &region : inner->getRegions())
        for (Block &block : region)
          blockArgs &= allScalar(block.getArgumentTypes());
      scalar &= isSupportedOp(inner) && !isEffectOp(inner) && blockArgs &&
                allScalar(inner->getOperandTypes()) &&
                allScalar(inner->getResultTypes());
    });
    return scalar ? ""
                  : "is not supported on tensors by the native backend yet";
  }
  if (auto reduce = dyn_cast<ir::ReduceOp>(op)) {
    auto in = cast<RankedTensorType>(reduce.getInput().getType());
    if (reduce.getKind() == ir::ReductionKind::mean &&
        !isa<FloatType>(in.getElementType()))
      return "is a mean of integers";
    return "";
  }
  if (isa<ir::ReduceSumOp, ir::MatmulOp, ir::ReshapeOp, ir::TransposeOp,
          ir::ConcatOp, ir::SliceOp, ir::GatherOp>(op))
    return "";
  if (auto broadcast = dyn_cast<ir::BroadcastOp>(op)) {
    if (broadcastsTo(
            cast<RankedTensorType>(broadcast.getInput().getType()).getShape(),
            cast<RankedTensorType>(broadcast.getType()).getShape()))
      return "";
    return "does not broadcast its input to its result";
  }
  if (!isSupportedOp(op) || !isElementwiseOp(op))
    return "is not supported on tensors by the native backend yet";
  if (auto constant = dyn_cast<ir::ConstantOp>(op);
      constant && !isa<DenseElementsAttr>(constant.getValue()))
    return "is not a dense constant";
  if (scalarOp)
    return "";
  // The verifier allows 0-d operands and the result's shape only (a cast
  // may make a dimension dynamic; dynamic ones broadcast at run time).
  auto result = cast<RankedTensorType>(op->getResult(0).getType());
  if (llvm::all_of(op->getOperandTypes(), [&](Type t) {
        auto tensor = cast<RankedTensorType>(t);
        return tensor.getRank() == 0 ||
               succeeded(
                   verifyCompatibleShape(tensor.getShape(), result.getShape()));
      }))
    return "";
  return "mixes tensor shapes";
}

/// For a function on ranked tensors of static shapes: the first op that
/// keeps it from the buffered path (each tensor op its own loop nest over
/// buffers: axis reductions, argmin/argmax, matmul, elementwise ops with
/// broadcasts), and why; null if there is none. `otherValue` is set when
/// the reason is a value that is not a scalar or a ranked tensor (the
/// elementwise path's reason, naming the op, is then the better one).
Operation *findBufferedBlocker(ir::FuncOp func, std::string &why,
                               bool &otherValue) {
  otherValue = false;
  Operation *token = nullptr; // reported only if no effect uses it
  if (!allFitBuffered(func.getArgumentTypes()) ||
      !allFitBuffered(func.getResultTypes())) {
    why = "its parameters or results are not all scalars or ranked tensors";
    otherValue = true;
    return func;
  }
  for (Operation &op : func.getBody().front().without_terminator()) {
    if (isa<ir::TokenOp>(op)) {
      token = token ? token : &op;
      continue;
    }
    why = bufferedOpBlocker(&op, otherValue);
    if (!why.empty())
      return &op;
  }
  if (token) {
    why = "is an effect, which the native backend runs in functions on 0-d "
          "values only";
    return token;
  }
  return nullptr;
}

/// An extent, stride or offset of the buffered path: a number when the
/// shapes are static (`v` null), else an i64 computed when the function
/// runs. Arithmetic on known ones folds, so static shapes lower as before.
struct Ext {
  int64_t c = 0;
  Value v;
  Ext(int64_t c = 0) : c(c) {}
  Ext(Value v) : v(v) {}
  bool known() const { return !v; }
  bool is(int64_t x) const { return known() && c == x; }
};

/// Builds one function's body. `fault` is the running fault flag of the
/// block being converted (an i1 that is true once an op faulted).
class FunctionLowering {
public:
  FunctionLowering(OpBuilder &b, ModuleOp module, std::vector<Location> &loops)
      : b(b), module(module), loops(loops) {}

  void lowerBody(ir::FuncOp src, func::FuncOp dst) {
    Block *entry = dst.addEntryBlock();
    entryBlock = entry;
    IRMapping map;
    for (auto [from, to] :
         llvm::zip(src.getBody().front().getArguments(), entry->getArguments()))
      map.map(from, to);
    b.setInsertionPointToStart(entry);
    Value fault = constBool(src.getLoc(), false);
    lowerBlock(src.getBody().front(), map, fault);
  }

  /// A function on ranked tensors of one shape (findElementwiseBlocker):
  /// the 0-d ops first, in order (so they fault even on empty tensors, as
  /// in the interpreter), then one loop over the elements doing every
  /// other op on one element, i.e. the whole chain fused. `dst` takes a
  /// pointer per ranked parameter, then one per ranked result (the
  /// caller's buffers), then the element count; it returns the 0-d results
  /// and the fault flag. Bools are stored as one byte each.
  void lowerElementwise(ir::FuncOp src, func::FuncOp dst) {
    Block *entry = dst.addEntryBlock();
    entryBlock = entry;
    Block &body = src.getBody().front();
    Location loc = src.getLoc();
    IRMapping map;
    SmallVector<std::pair<Value, Value>> rankedArgs; // ag value, pointer
    for (auto [from, to] :
         llvm::zip(body.getArguments(),
                   entry->getArguments().take_front(body.getNumArguments()))) {
      if (rankedElementType(from.getType()))
        rankedArgs.push_back({from, to});
      else
        map.map(from, to);
    }
    b.setInsertionPointToStart(entry);
    Value fault = constBool(loc, false);
    auto ret = cast<ir::ReturnOp>(body.getTerminator());
    SmallVector<Operation *> reductions; // carried by the loop, in order
    for (Operation &op : body.without_terminator())
      if (isFullReduction(&op))
        reductions.push_back(&op);
      else if (llvm::all_of(op.getResultTypes(),
                            [](Type t) { return bool(scalarType(t)); }))
        lowerOp(&op, map, fault);

    Value count = entry->getArguments().back();
    Type i64 = b.getI64Type();
    SmallVector<Value> accs; // one per reduction, in order
    for (Operation *r : reductions)
      accs.push_back(reductionInit(r, count, fault));
    // A float sum or mean adds the first count - count % 8 elements into
    // eight partial sums (the kernel's sumContiguous): a loop of its own.
    Value start = llvm::any_of(reductions, isPartialSum)
                      ? lowerEightLanes(body, entry, rankedArgs, reductions,
                                        count, map, accs, fault)
                      : constInt(loc, i64, 0);

    SmallVector<Value> carried = {fault};
    carried.append(accs);
    auto loop =
        b.create<scf::ForOp>(loc, start, count, constInt(loc, i64, 1), carried);
    {
      OpBuilder::InsertionGuard guard(b);
      b.setInsertionPointToStart(loop.getBody());
      Value i = loop.getInductionVar();
      Value f = loop.getRegionIterArgs().front();
      lowerElement(body, entry, rankedArgs, i, map, f);
      SmallVector<Value> next = {f};
      for (auto [k, r] : llvm::enumerate(reductions))
        next.push_back(reductionStep(r, loop.getRegionIterArgs()[k + 1],
                                     map.lookup(r->getOperand(0)), i));
      b.create<scf::YieldOp>(loc, next);
    }
    for (auto [k, r] : llvm::enumerate(reductions))
      map.map(r->getResult(0),
              reductionResult(r, loop.getResult(k + 1), count));
    SmallVector<Value> results;
    for (Value v : ret.getOperands())
      if (scalarType(v.getType()))
        results.push_back(map.lookup(v));
    results.push_back(loop.getResult(0));
    b.create<func::ReturnOp>(ret.getLoc(), results);
  }

  /// A function on tensors of static shapes (findBufferedBlocker): every
  /// value of rank >= 1 is a buffer, every 0-d value a scalar. Ops run in
  /// order, each tensor op as loop nests of its own: an elementwise op one
  /// loop over its result (nested loops when an operand broadcasts), a
  /// reduction or matmul the kernel's loops (runtime/kernels), writing
  /// into the caller's result buffer when the function returns it, else
  /// into a buffer of its own, freed after its last reader. `dst` takes a
  /// pointer per ranked parameter, then one per ranked result; it returns
  /// the 0-d results and the fault flag.
  ///
  /// With dynamic shapes (`dynamic`, kDynamicShapesAttr) each ranked
  /// parameter's pointer is followed by its dimensions, and each ranked
  /// result has a descriptor the function fills: a buffer it allocated
  /// (the caller adopts it), then the dimensions. Each op computes its
  /// result's dimensions and checks its operands' (a mismatch is a fault:
  /// the interpreter re-runs and reports it); after a fault no more loops
  /// run.
  void lowerBuffered(ir::FuncOp src, func::FuncOp dst) {
    Block *entry = dst.addEntryBlock();
    entryBlock = entry;
    dynamic = dst->hasAttr(ag::native::kDynamicShapesAttr);
    Block &body = src.getBody().front();
    IRMapping map;
    b.setInsertionPointToStart(entry);
    mapParameters(body, map);
    Value fault = constBool(src.getLoc(), false);
    auto ret = cast<ir::ReturnOp>(body.getTerminator());
    if (!dynamic)
      findDirectResults(body, ret);
    unsigned position = 0;
    for (Operation &op : body)
      opIndex[&op] = position++;
    for (Operation &op : body.without_terminator()) {
      size_t before = owned.size();
      lowerBufferedOp(op, map, fault);
      releaseBuffers(body, op, before);
    }
    SmallVector<Value> results =
        dynamic ? handOverResults(body, ret, map) : copyResults(body, ret, map);
    for (Value p : owned)
      if (freeAfter.lookup(p) != ~0u)
        callRuntime(src.getLoc(), "ag_native_free", {p}, {});
    results.push_back(fault);
    b.create<func::ReturnOp>(ret.getLoc(), results);
  }

private:
  /// Buffered path: the parameters of `body` as the lowered function
  /// takes them (a 0-d value, or a pointer and, with dynamic shapes, the
  /// dimensions).
  void mapParameters(Block &body, IRMapping &map) {
    unsigned k = 0;
    for (BlockArgument from : body.getArguments()) {
      Value to = entryBlock->getArgument(k++);
      auto type = dyn_cast<RankedTensorType>(from.getType());
      if (!type || type.getRank() == 0) {
        map.map(from, to);
        continue;
      }
      buffers[from] = to;
      if (!dynamic)
        continue;
      SmallVector<Ext> dims;
      for (int64_t d = 0; d < type.getRank(); ++d) {
        Value extent = entryBlock->getArgument(k++);
        dims.push_back(type.isDynamicDim(d) ? Ext(extent)
                                            : Ext(type.getDimSize(d)));
      }
      dynDims[from] = dims;
    }
  }

  /// Dynamic shapes: the 0-d results; each ranked result's buffer and
  /// dimensions go into its descriptor. A buffer the function allocated
  /// for the value is handed over (not freed); others (a parameter, a
  /// value returned twice, a slice sharing its input's buffer) are copied
  /// into a new one.
  SmallVector<Value> handOverResults(Block &body, ir::ReturnOp ret,
                                     IRMapping &map) {
    Location loc = ret.getLoc();
    Type i64 = b.getI64Type();
    auto ptr = LLVM::LLVMPointerType::get(b.getContext());
    unsigned out = entryBlock->getNumArguments() - numRankedResults(ret);
    SmallVector<Value> results;
    for (Value v : ret.getOperands()) {
      if (!rankedElementType(v.getType())) {
        results.push_back(map.lookup(v));
        continue;
      }
      Value desc = entryBlock->getArgument(out++);
      Value p = buffers.lookup(v);
      if (llvm::is_contained(owned, p) && freeAfter.lookup(p) != ~0u) {
        freeAfter[p] = ~0u; // the caller's now
      } else {
        Value bytes = val(loc, mul(loc, numElements(loc, v),
                                   elementBytes(elementType(v.getType()))));
        Value copy =
            callRuntime(loc, "ag_native_alloc", {bytes}, {ptr}).front();
        b.create<LLVM::MemcpyOp>(loc, copy, p, bytes, false);
        p = copy;
      }
      b.create<LLVM::StoreOp>(loc, p, desc);
      for (auto [d, extent] : llvm::enumerate(dimsOf(v))) {
        Value at = b.create<LLVM::GEPOp>(
            loc, ptr, i64, desc,
            ArrayRef<LLVM::GEPArg>{static_cast<int32_t>(d + 1)});
        b.create<LLVM::StoreOp>(loc, val(loc, extent), at);
      }
    }
    return results;
  }

  static unsigned numRankedResults(ir::ReturnOp ret) {
    return llvm::count_if(ret.getOperandTypes(),
                          [](Type t) { return bool(rankedElementType(t)); });
  }

  /// Buffered path: a ranked value an op defines and the function returns
  /// is written into the caller's buffer of its first result position.
  void findDirectResults(Block &body, ir::ReturnOp ret) {
    unsigned out = body.getNumArguments();
    for (Value v : ret.getOperands()) {
      if (!rankedElementType(v.getType()))
        continue;
      Value ptr = entryBlock->getArgument(out++);
      if (v.getDefiningOp() && !direct.count(v))
        direct[v] = ptr;
    }
  }

  /// The index of the last op of `body` that reads `v`.
  unsigned lastUse(Block &body, Value v) {
    unsigned last = 0;
    for (Operation *user : v.getUsers())
      last = std::max(last, opIndex.lookup(body.findAncestorOpInBlock(*user)));
    return last;
  }

  /// After `op`: intermediate buffers are freed after the last op that
  /// reads them (the interpreter releases a value after its last use too),
  /// the others before returning. `before` is the number of buffers owned
  /// before `op`.
  void releaseBuffers(Block &body, Operation &op, size_t before) {
    unsigned k = opIndex.lookup(&op);
    for (size_t n = before; n < owned.size(); ++n) {
      // The result's buffer lives as long as the result; intermediates
      // of a reduction and buffers of 0-d results only during the op.
      bool holdsResult = op.getNumResults() &&
                         rankedElementType(op.getResult(0).getType()) &&
                         buffers.lookup(op.getResult(0)) == owned[n];
      freeAfter[owned[n]] = holdsResult ? lastUse(body, op.getResult(0)) : k;
    }
    // A reshape or a contiguous slice shares its input's buffer: that
    // lives as long as either.
    if (op.getNumResults() == 1 && buffers.count(op.getResult(0))) {
      auto it = freeAfter.find(rootOf(buffers.lookup(op.getResult(0))));
      if (it != freeAfter.end())
        it->second = std::max(it->second, lastUse(body, op.getResult(0)));
    }
    for (Value p : owned)
      if (freeAfter.lookup(p) == k) {
        callRuntime(op.getLoc(), "ag_native_free", {p}, {});
        freeAfter[p] = ~0u; // freed
      }
  }

  /// The 0-d results of the buffered function `body`; ranked results not
  /// written in place are copied into the caller's buffers (a parameter
  /// returned, or a value returned twice).
  SmallVector<Value> copyResults(Block &body, ir::ReturnOp ret,
                                 IRMapping &map) {
    unsigned out = body.getNumArguments();
    SmallVector<Value> results;
    for (Value v : ret.getOperands()) {
      auto type = dyn_cast<RankedTensorType>(v.getType());
      if (!type || type.getRank() == 0) {
        results.push_back(map.lookup(v));
        continue;
      }
      Value ptr = entryBlock->getArgument(out++);
      if (direct.lookup(v) == ptr)
        continue;
      b.create<LLVM::MemcpyOp>(
          ret.getLoc(), ptr, buffers.lookup(v),
          constInt(ret.getLoc(), b.getI64Type(), bytesOf(type)), false);
    }
    return results;
  }

  /// One top-level op of a buffered function: a scalar op as the scalar
  /// path lowers it; ops on buffers that need no buffer of their own
  /// (reshape, a dense constant, 0-d broadcasts and slices, reductions of
  /// a 0-d value); else the op's loops into its destination.
  void lowerBufferedOp(Operation &op, IRMapping &map, Value &fault) {
    bool ranked = llvm::any_of(
        op.getResultTypes(), [](Type t) { return bool(rankedElementType(t)); });
    if (!ranked && !isBufferedOp(&op)) {
      lowerOp(&op, map, fault);
      return;
    }
    if (dynamic)
      inferDims(op, fault);
    Value result = op.getResult(0);
    if (auto reshape = dyn_cast<ir::ReshapeOp>(&op)) {
      lowerReshape(reshape, map, direct.lookup(result), owned);
      return;
    }
    if (isa<ir::ReduceOp, ir::ReduceSumOp>(&op) &&
        scalarType(op.getOperand(0).getType())) {
      lowerScalarReduction(&op, map);
      return;
    }
    if (auto constant = dyn_cast<ir::ConstantOp>(&op);
        constant && !isa<SplatElementsAttr>(constant.getValue())) {
      lowerDenseConstant(constant, direct.lookup(result));
      return;
    }
    if (isa<ir::BroadcastOp, ir::SliceOp>(&op) && !ranked) {
      map.map(result, map.lookup(op.getOperand(0))); // 0-d to 0-d
      return;
    }
    if (auto slice = dyn_cast<ir::SliceOp>(&op);
        slice && !direct.count(result) && !dynamic)
      if (std::optional<int64_t> offset = contiguousSlice(slice)) {
        Value in = buffers.lookup(slice.getInput());
        buffers[result] =
            elementAddress(in, elementType(result.getType()),
                           constInt(op.getLoc(), b.getI64Type(), *offset));
        sharedWith[buffers[result]] = rootOf(in);
        return;
      }
    Value dest = destination(op, ranked);
    unlessFaulted(op.getLoc(), fault,
                  [&](Value &f) { lowerIntoBuffer(op, map, dest, f); });
    if (ranked)
      buffers[result] = dest;
    else
      map.map(result, loadElement(dest, scalarType(result.getType()),
                                  constInt(op.getLoc(), b.getI64Type(), 0)));
  }

  /// With dynamic shapes, `body` (which may raise the fault flag it is
  /// given) runs only while nothing has faulted: after a failed shape
  /// check its loops could run past a buffer, and the interpreter re-runs
  /// to report the first fault anyway.
  void unlessFaulted(Location loc, Value &fault,
                     llvm::function_ref<void(Value &)> body) {
    if (!dynamic || matchPattern(fault, m_Zero())) {
      body(fault);
      return;
    }
    Value ok = negate(loc, fault);
    auto ifOp = b.create<scf::IfOp>(loc, TypeRange{b.getI1Type()}, ok,
                                    /*withElseRegion=*/true);
    OpBuilder::InsertionGuard guard(b);
    b.setInsertionPointToStart(ifOp.thenBlock());
    Value f = constBool(loc, false);
    body(f);
    b.create<scf::YieldOp>(loc, f);
    b.setInsertionPointToStart(ifOp.elseBlock());
    b.create<scf::YieldOp>(loc, constBool(loc, true));
    fault = ifOp.getResult(0);
  }

  /// Dynamic shapes: the dimensions of `op`'s ranked result (dynDims) and
  /// the checks the interpreter's kernel makes on its operands' (a
  /// mismatch raises `fault`; the interpreter then reports it).
  void inferDims(Operation &op, Value &fault) {
    Location loc = op.getLoc();
    SmallVector<Ext> dims;
    Value ok = constBool(loc, true);
    if (auto transpose = dyn_cast<ir::TransposeOp>(&op)) {
      SmallVector<Ext> in = dimsOf(transpose.getInput());
      for (int64_t from : transpose.getPermutation())
        dims.push_back(in[from]);
    } else if (auto broadcast = dyn_cast<ir::BroadcastOp>(&op)) {
      ok = broadcastDims(broadcast, dims);
    } else if (auto reshape = dyn_cast<ir::ReshapeOp>(&op)) {
      ok = reshapeDims(reshape, dims);
    } else if (auto reduce = dyn_cast<ir::ReduceOp>(&op)) {
      SmallVector<Ext> in = dimsOf(reduce.getInput());
      ArrayRef<int64_t> axes = reduce.getAxes();
      ir::ReductionKind kind = reduce.getKind();
      if (kind == ir::ReductionKind::min || kind == ir::ReductionKind::max ||
          kind == ir::ReductionKind::argmin ||
          kind == ir::ReductionKind::argmax)
        for (int64_t a : axes) // the kernel fails on an empty extent
          ok = both(loc, ok, negate(loc, equal(loc, in[a], 0)));
      for (auto [d, extent] : llvm::enumerate(in))
        if (!llvm::is_contained(axes, static_cast<int64_t>(d)))
          dims.push_back(extent);
        else if (reduce.getKeepdims())
          dims.push_back(1);
    } else if (auto mm = dyn_cast<ir::MatmulOp>(&op)) {
      ok = matmulDims(mm, dims);
    } else if (auto concat = dyn_cast<ir::ConcatOp>(&op)) {
      // The operands' other dimensions agree; the axis adds up.
      int64_t axis = static_cast<int64_t>(concat.getAxis());
      for (Value v : concat.getInputs()) {
        SmallVector<Ext> vd = dimsOf(v);
        if (dims.empty()) {
          dims = vd;
          continue;
        }
        for (auto [d, x] : llvm::enumerate(vd))
          if (static_cast<int64_t>(d) == axis)
            dims[d] = add(loc, dims[d], x);
          else
            ok = both(loc, ok, equal(loc, dims[d], x));
      }
    } else if (auto slice = dyn_cast<ir::SliceOp>(&op)) {
      ok = sliceDims(slice, dims);
    } else if (auto gather = dyn_cast<ir::GatherOp>(&op)) {
      // input[:axis] + indices + input[axis + 1:] (kernels::gather).
      int64_t axis = static_cast<int64_t>(gather.getAxis());
      SmallVector<Ext> in = dimsOf(gather.getInput());
      dims.append(in.begin(), in.begin() + axis);
      if (rankedElementType(gather.getIndices().getType()))
        llvm::append_range(dims, dimsOf(gather.getIndices()));
      dims.append(in.begin() + axis + 1, in.end());
    } else if (op.getNumResults() == 1 &&
               rankedElementType(op.getResult(0).getType())) {
      // Elementwise: ranked operands have the result's rank; dynamic
      // extents broadcast as the kernels do (equal, or one of them 1).
      for (Value v : op.getOperands()) {
        if (!rankedElementType(v.getType()))
          continue;
        SmallVector<Ext> vd = dimsOf(v);
        if (dims.empty()) {
          dims = vd;
          continue;
        }
        for (auto [r, x] : llvm::zip(dims, vd))
          r = broadcastExtent(loc, r, x, ok);
      }
    }
    if (!matchPattern(ok, m_One()))
      fault = orFault(loc, fault, negate(loc, ok));
    if (op.getNumResults() == 1 && isDynamic(op.getResult(0).getType()))
      dynDims[op.getResult(0)] = dims;
  }

  /// The extent of `r` and `x` broadcast together (x unless it is 1),
  /// `ok` false unless they are equal or one of them is 1.
  Ext broadcastExtent(Location loc, Ext r, Ext x, Value &ok) {
    if ((r.known() && x.known() && r.c == x.c) || (x.v && x.v == r.v) ||
        x.is(1))
      return r;
    if (r.is(1))
      return x;
    ok = both(loc, ok,
              either(loc, equal(loc, r, x),
                     either(loc, equal(loc, r, 1), equal(loc, x, 1))));
    return Value(b.create<arith::SelectOp>(loc, equal(loc, r, 1), val(loc, x),
                                           val(loc, r)));
  }

  /// ag.broadcast's result dimensions (static ones from its type, dynamic
  /// ones the numpy broadcast of the input's and `like` operands'), and
  /// whether every operand broadcasts to them.
  Value broadcastDims(ir::BroadcastOp op, SmallVectorImpl<Ext> &dims) {
    Location loc = op.getLoc();
    auto rt = cast<RankedTensorType>(op.getType());
    int64_t rank = rt.getRank();
    SmallVector<SmallVector<Ext>> operands;
    auto addOperand = [&](Value v) {
      if (rankedElementType(v.getType()))
        operands.push_back(dimsOf(v));
    };
    addOperand(op.getInput());
    for (Value v : op.getLike())
      addOperand(v);
    // Operand dimension k of a rank-r operand is result dimension
    // rank - r + k.
    auto at = [&](ArrayRef<Ext> od, int64_t d) -> std::optional<Ext> {
      int64_t k = d - (rank - static_cast<int64_t>(od.size()));
      return k >= 0 ? std::optional<Ext>(od[k]) : std::nullopt;
    };
    Value ok = constBool(loc, true);
    for (int64_t d = 0; d < rank; ++d) {
      Ext r = rt.isDynamicDim(d) ? Ext(1) : Ext(rt.getDimSize(d));
      if (rt.isDynamicDim(d))
        for (ArrayRef<Ext> od : operands)
          if (std::optional<Ext> x = at(od, d); x && !x->is(1))
            r = x->known()
                    ? *x
                    : Ext(Value(b.create<arith::SelectOp>(
                          loc, equal(loc, *x, 1), val(loc, r), val(loc, *x))));
      for (ArrayRef<Ext> od : operands)
        if (std::optional<Ext> x = at(od, d))
          ok = both(loc, ok, either(loc, equal(loc, *x, 1), equal(loc, *x, r)));
      dims.push_back(r);
    }
    return ok;
  }

  /// ag.slice's result dimensions and starts (sliceStarts), resolved
  /// against the input's extents as sem::resolveSlice does: negative
  /// bounds count from the end, kSliceEnd is the omitted stop. Returns
  /// whether every bound is in range (if not, the interpreter re-runs and
  /// reports it; a zero step does not verify).
  Value sliceDims(ir::SliceOp op, SmallVectorImpl<Ext> &dims) {
    Location loc = op.getLoc();
    SmallVector<Ext> in = dimsOf(op.getInput()), starts;
    Value ok = constBool(loc, true);
    for (auto [d, n] : llvm::enumerate(in)) {
      int64_t start = op.getStart()[d], stop = op.getStop()[d],
              step = op.getStep()[d];
      if (n.known()) {
        std::optional<ag::sem::SliceExtent> e =
            ag::sem::resolveSlice(n.c, start, stop, step);
        if (!e)
          ok = constBool(loc, false);
        dims.push_back(e ? e->length : 0);
        starts.push_back(e ? e->start : 0);
        continue;
      }
      dims.push_back(dynamicSliceLength(loc, n.v, start, stop, step,
                                        starts.emplace_back(), ok));
    }
    sliceStarts[op] = starts;
    return ok;
  }

  /// sem::resolveSlice against an extent `n` known when the function runs:
  /// the length, and in `first` the start taken (0 when none is); `ok`
  /// becomes false unless both bounds are in range.
  Ext dynamicSliceLength(Location loc, Value n, int64_t start, int64_t stop,
                         int64_t step, Ext &first, Value &ok) {
    Type i64 = b.getI64Type();
    auto cst = [&](int64_t c) { return constInt(loc, i64, c); };
    // A bound >= 0 can only be above the range (n, or n - 1 when step < 0),
    // n + a negative one only below it (0, or -1).
    Value hi = step < 0 ? val(loc, add(loc, n, -1)) : n;
    Value inRange = constBool(loc, true);
    auto resolve = [&](int64_t bound) -> Value {
      if (bound >= 0) {
        inRange = both(loc, inRange,
                       b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::sle,
                                               cst(bound), hi));
        return cst(bound);
      }
      Value r = val(loc, add(loc, n, bound));
      inRange = both(loc, inRange,
                     b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::sge, r,
                                             cst(step < 0 ? -1 : 0)));
      return r;
    };
    Value a = resolve(start);
    Value e = stop != ag::sem::kSliceEnd ? resolve(stop)
              : step < 0                 ? cst(-1)
                                         : n;
    // step > 0: e > a ? (e - a - 1) / step + 1 : 0; step < 0: a > e ?
    // (e - a + 1) / step + 1 : 0 (sem::resolveSlice's forms).
    Value span = b.create<arith::SubIOp>(loc, e, a);
    Value taken = b.create<arith::CmpIOp>(
        loc, step > 0 ? arith::CmpIPredicate::sgt : arith::CmpIPredicate::slt,
        span, cst(0));
    Value quotient = b.create<arith::DivSIOp>(
        loc, b.create<arith::AddIOp>(loc, span, cst(step > 0 ? -1 : 1)),
        cst(step));
    // Out of range: nothing is taken (the buffer is allocated before the
    // fault is seen), and the interpreter re-runs to report it.
    taken = both(loc, taken, inRange);
    ok = both(loc, ok, inRange);
    Value length = b.create<arith::SelectOp>(
        loc, taken, b.create<arith::AddIOp>(loc, quotient, cst(1)), cst(0));
    // a is -1 only when nothing is taken.
    first = Value(b.create<arith::MaxSIOp>(loc, a, cst(0)));
    return Value(length);
  }

  /// ag.reshape's result dimensions (the dynamic one from the element
  /// count) and whether the counts agree (detail::resolveReshape).
  Value reshapeDims(ir::ReshapeOp op, SmallVectorImpl<Ext> &dims) {
    Location loc = op.getLoc();
    Type i64 = b.getI64Type();
    auto rt = cast<RankedTensorType>(op.getType());
    Ext count = rankedElementType(op.getInput().getType())
                    ? numElements(loc, op.getInput())
                    : Ext(1);
    Ext known = 1;
    for (int64_t d = 0; d < rt.getRank(); ++d)
      if (!rt.isDynamicDim(d))
        known = mul(loc, known, rt.getDimSize(d));
    if (rt.hasStaticShape()) {
      for (int64_t d : rt.getShape())
        dims.push_back(d);
      return equal(loc, count, known);
    }
    // known == 0 or count % known != 0 fails; the division is guarded.
    Value zero = constInt(loc, i64, 0);
    Value bad = equal(loc, known, 0);
    Value divisor = b.create<arith::SelectOp>(loc, bad, constInt(loc, i64, 1),
                                              val(loc, known));
    Value c = val(loc, count);
    Value rest = b.create<arith::RemSIOp>(loc, c, divisor);
    bad = b.create<arith::OrIOp>(
        loc, bad,
        b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::ne, rest, zero));
    Value q = b.create<arith::DivSIOp>(loc, c, divisor);
    for (int64_t d = 0; d < rt.getRank(); ++d)
      dims.push_back(rt.isDynamicDim(d) ? Ext(q) : Ext(rt.getDimSize(d)));
    return negate(loc, bad);
  }

  /// ag.matmul's result dimensions ([batch,] [m,] [n]) and whether the
  /// inner dimensions (and batches of two rank-3 operands) agree.
  Value matmulDims(ir::MatmulOp op, SmallVectorImpl<Ext> &dims) {
    Location loc = op.getLoc();
    SmallVector<Ext> a = dimsOf(op.getLhs()), c = dimsOf(op.getRhs());
    size_t ra = a.size(), rb = c.size();
    Ext k2 = rb == 1 ? c[0] : c[rb - 2];
    Value ok = equal(loc, a[ra - 1], k2);
    if (ra == 3 && rb == 3)
      ok = both(loc, ok, equal(loc, a[0], c[0]));
    if (ra == 3 || rb == 3)
      dims.push_back(ra == 3 ? a[0] : c[0]);
    if (ra >= 2)
      dims.push_back(a[ra - 2]);
    if (rb >= 2)
      dims.push_back(c[rb - 1]);
    return ok;
  }

  /// Where `op` writes its result: the caller's buffer if the function
  /// returns it, a stack slot for a 0-d result (a full reduction, a dot
  /// product), else a buffer of its own.
  Value destination(Operation &op, bool ranked) {
    Value result = op.getResult(0);
    if (Value dest = direct.lookup(result))
      return dest;
    if (!ranked) {
      OpBuilder::InsertionGuard guard(b);
      b.setInsertionPointToStart(entryBlock);
      return b.create<LLVM::AllocaOp>(
          op.getLoc(), LLVM::LLVMPointerType::get(b.getContext()),
          b.getI64Type(), constInt(op.getLoc(), b.getI64Type(), 1));
    }
    Value dest = allocate(op.getLoc(), result);
    owned.push_back(dest);
    return dest;
  }

  /// The loops of a tensor op of the buffered path, writing into `dest`.
  void lowerIntoBuffer(Operation &op, IRMapping &map, Value dest,
                       Value &fault) {
    if (auto reduce = dyn_cast<ir::ReduceOp>(&op))
      lowerReduce(reduce, buffers.lookup(reduce.getInput()), dest, fault,
                  owned);
    else if (isa<ir::ReduceSumOp>(&op))
      lowerSequentialSum(op.getLoc(), buffers.lookup(op.getOperand(0)),
                         elementType(op.getOperand(0).getType()),
                         numElements(op.getLoc(), op.getOperand(0)), dest);
    else if (auto mm = dyn_cast<ir::MatmulOp>(&op))
      lowerMatmul(mm, dest);
    else if (auto concat = dyn_cast<ir::ConcatOp>(&op))
      lowerConcat(concat, dest);
    else if (auto slice = dyn_cast<ir::SliceOp>(&op))
      lowerSlice(slice, dest);
    else if (auto gather = dyn_cast<ir::GatherOp>(&op))
      lowerGather(gather, map, dest, fault);
    else
      lowerTensorElementwise(&op, map, dest, fault);
  }

  /// Ranked values of the buffered path: ag value -> element pointer.
  llvm::DenseMap<Value, Value> buffers;
  /// Buffered path with dynamic shapes: the function's convention
  /// (lowerBuffered), and each ranked value of a dynamic type -> its
  /// dimensions.
  bool dynamic = false;
  llvm::DenseMap<Value, SmallVector<Ext>> dynDims;
  /// Each ag.slice's resolved starts (sliceDims).
  llvm::DenseMap<Operation *, SmallVector<Ext>> sliceStarts;
  /// Buffered path: returned values -> the caller's buffer they are
  /// written into; each top-level op's position; the buffers the function
  /// allocated (in order) and the position of the op after which each is
  /// freed (~0u once freed).
  llvm::DenseMap<Value, Value> direct;
  llvm::DenseMap<Operation *, unsigned> opIndex;
  SmallVector<Value> owned;
  llvm::DenseMap<Value, unsigned> freeAfter;
  /// Element pointers inside another buffer (contiguous slices) -> that
  /// buffer's pointer.
  llvm::DenseMap<Value, Value> sharedWith;
  Value rootOf(Value ptr) {
    Value root = sharedWith.lookup(ptr);
    return root ? root : ptr;
  }

  static int64_t elementBytes(Type t) {
    return t.isInteger(1) ? 1 : t.getIntOrFloatBitWidth() / 8;
  }
  static int64_t bytesOf(RankedTensorType type) {
    return type.getNumElements() * elementBytes(type.getElementType());
  }

  /// A call of a runtime function NativeFunction binds (ag_native_*),
  /// declared on first use.
  ValueRange callRuntime(Location loc, StringRef symbol, ValueRange args,
                         TypeRange results) {
    auto fn = module.lookupSymbol<func::FuncOp>(symbol);
    if (!fn) {
      OpBuilder::InsertionGuard guard(b);
      b.setInsertionPointToEnd(module.getBody());
      fn = b.create<func::FuncOp>(module.getLoc(), symbol,
                                  b.getFunctionType(args.getTypes(), results));
      fn.setPrivate();
    }
    return b.create<func::CallOp>(loc, fn, args).getResults();
  }

  /// A buffer for a value of `type` (at least one byte, so that an empty
  /// tensor's buffer is a valid pointer too).
  Value allocate(Location loc, Type type) {
    auto tensor = cast<RankedTensorType>(type);
    int64_t bytes = std::max<int64_t>(bytesOf(tensor), 1);
    return callRuntime(loc, "ag_native_alloc",
                       {constInt(loc, b.getI64Type(), bytes)},
                       {LLVM::LLVMPointerType::get(b.getContext())})
        .front();
  }

  /// A buffer for the ranked value `v`: its type's size, or with dynamic
  /// dimensions the size they give (0 bytes is a valid Buffer too).
  Value allocate(Location loc, Value v) {
    auto tensor = cast<RankedTensorType>(v.getType());
    if (tensor.hasStaticShape() && !dynamic)
      return allocate(loc, tensor);
    return allocateBytes(loc, mul(loc, numElements(loc, v),
                                  elementBytes(tensor.getElementType())));
  }
  Value allocateBytes(Location loc, Ext bytes) {
    return callRuntime(loc, "ag_native_alloc", {val(loc, bytes)},
                       {LLVM::LLVMPointerType::get(b.getContext())})
        .front();
  }

  Value elementAddress(Value base, Type t, Value i) {
    auto ptr = LLVM::LLVMPointerType::get(b.getContext());
    Type stored = t.isInteger(1) ? b.getI8Type() : t;
    return b.create<LLVM::GEPOp>(i.getLoc(), ptr, stored, base, ValueRange{i});
  }
  /// Element `i` of a buffer of `t` elements (bools are one byte).
  Value loadElement(Value base, Type t, Value i) {
    Location loc = i.getLoc();
    Value v = b.create<LLVM::LoadOp>(loc, t.isInteger(1) ? b.getI8Type() : t,
                                     elementAddress(base, t, i));
    if (t.isInteger(1))
      v = b.create<arith::TruncIOp>(loc, t, v);
    return v;
  }
  void storeElement(Value base, Value i, Value x) {
    Location loc = i.getLoc();
    Type t = x.getType();
    if (t.isInteger(1))
      x = b.create<arith::ExtUIOp>(loc, b.getI8Type(), x);
    b.create<LLVM::StoreOp>(loc, x, elementAddress(base, t, i));
  }

  /// for (i = lo; i < hi; i += step) carrying `init`; `body` gets i and
  /// the carried values and returns the next ones. Returns the last ones.
  SmallVector<Value>
  forLoop(Location loc, Value lo, Value hi, int64_t step, ValueRange init,
          llvm::function_ref<SmallVector<Value>(Value, ValueRange)> body) {
    auto loop = b.create<scf::ForOp>(loc, lo, hi,
                                     constInt(loc, b.getI64Type(), step), init);
    {
      OpBuilder::InsertionGuard guard(b);
      // Without carried values the builder adds an empty scf.yield.
      if (!loop.getBody()->empty())
        loop.getBody()->getTerminator()->erase();
      b.setInsertionPointToStart(loop.getBody());
      b.create<scf::YieldOp>(
          loc, body(loop.getInductionVar(), loop.getRegionIterArgs()));
    }
    return SmallVector<Value>(loop.getResults());
  }
  SmallVector<Value>
  forLoop(Location loc, Ext lo, Ext hi, ValueRange init,
          llvm::function_ref<SmallVector<Value>(Value, ValueRange)> body) {
    return forLoop(loc, val(loc, lo), val(loc, hi), 1, init, body);
  }

  Value addIndex(Location loc, Value x, int64_t c) {
    return c ? Value(b.create<arith::AddIOp>(loc, x,
                                             constInt(loc, b.getI64Type(), c)))
             : x;
  }
  Value mulIndex(Location loc, Value x, int64_t c) {
    return b.create<arith::MulIOp>(loc, x, constInt(loc, b.getI64Type(), c));
  }
  Value mulIndex(Location loc, Value x, Ext c) {
    return c.known() ? mulIndex(loc, x, c.c)
                     : Value(b.create<arith::MulIOp>(loc, x, c.v));
  }

  // Extents (Ext): folded when known, i64 arithmetic when not.
  Value val(Location loc, Ext e) {
    return e.known() ? constInt(loc, b.getI64Type(), e.c) : e.v;
  }
  Ext mul(Location loc, Ext x, Ext y) {
    if (x.known() && y.known())
      return x.c * y.c;
    if (x.is(1) || y.is(0))
      return y;
    if (y.is(1) || x.is(0))
      return x;
    return Value(b.create<arith::MulIOp>(loc, val(loc, x), val(loc, y)));
  }
  Ext add(Location loc, Ext x, Ext y) {
    if (x.known() && y.known())
      return x.c + y.c;
    if (x.is(0))
      return y;
    if (y.is(0))
      return x;
    return Value(b.create<arith::AddIOp>(loc, val(loc, x), val(loc, y)));
  }
  /// x == y as an i1 (a constant when both are known).
  Value equal(Location loc, Ext x, Ext y) {
    if (x.known() && y.known())
      return constBool(loc, x.c == y.c);
    if (x.v == y.v)
      return constBool(loc, true);
    return b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::eq, val(loc, x),
                                   val(loc, y));
  }
  // Conditions of shape checks, folded where known.
  Value both(Location loc, Value x, Value y) {
    if (matchPattern(x, m_One()) || matchPattern(y, m_Zero()))
      return y;
    if (matchPattern(y, m_One()) || matchPattern(x, m_Zero()))
      return x;
    return b.create<arith::AndIOp>(loc, x, y);
  }
  Value either(Location loc, Value x, Value y) {
    if (matchPattern(x, m_Zero()) || matchPattern(y, m_One()))
      return y;
    if (matchPattern(y, m_Zero()) || matchPattern(x, m_One()))
      return x;
    return b.create<arith::OrIOp>(loc, x, y);
  }
  Value negate(Location loc, Value x) {
    if (matchPattern(x, m_One()) || matchPattern(x, m_Zero()))
      return constBool(loc, matchPattern(x, m_Zero()));
    return b.create<arith::XOrIOp>(loc, x, constBool(loc, true));
  }
  Ext product(Location loc, ArrayRef<Ext> dims) {
    Ext p = 1;
    for (Ext d : dims)
      p = mul(loc, p, d);
    return p;
  }
  /// The dimensions of the ranked value `v`: its type's, the dynamic ones
  /// as computed when the function runs (`dynDims`).
  SmallVector<Ext> dimsOf(Value v) {
    auto type = cast<RankedTensorType>(v.getType());
    SmallVector<Ext> dims;
    for (int64_t d = 0; d < type.getRank(); ++d)
      dims.push_back(type.isDynamicDim(d) ? dynDims.lookup(v)[d]
                                          : Ext(type.getDimSize(d)));
    return dims;
  }
  Ext numElements(Location loc, Value v) { return product(loc, dimsOf(v)); }
  /// Row-major strides of `dims`.
  SmallVector<Ext> stridesOf(Location loc, ArrayRef<Ext> dims) {
    SmallVector<Ext> strides(dims.size(), 1);
    for (int64_t d = static_cast<int64_t>(dims.size()) - 2; d >= 0; --d)
      strides[d] = mul(loc, strides[d + 1], dims[d + 1]);
    return strides;
  }

  /// An elementwise op, ag.broadcast or ag.transpose with a ranked result
  /// into `dest` (the last two copy their input's elements):
  /// the op's scalar lowering on one element, in a loop over the result
  /// (one flat loop when no operand broadcasts, else one loop per
  /// dimension with each operand's index from its strides, 0 along a
  /// broadcast dimension).
  void lowerTensorElementwise(Operation *op, IRMapping &map, Value dest,
                              Value &fault) {
    Location loc = op->getLoc();
    Type i64 = b.getI64Type();
    auto rt = cast<RankedTensorType>(op->getResult(0).getType());
    SmallVector<Ext> shape = dimsOf(op->getResult(0));
    int64_t rank = rt.getRank();
    // ag.broadcast copies its input's elements (its `like` operands give
    // only shapes); the other ops compute from all their operands.
    auto broadcast = dyn_cast<ir::BroadcastOp>(op);
    auto transpose = dyn_cast<ir::TransposeOp>(op);
    SmallVector<Value> operands =
        broadcast   ? SmallVector<Value>{broadcast.getInput()}
        : transpose ? SmallVector<Value>{transpose.getInput()}
                    : SmallVector<Value>(op->getOperands());
    auto element = [&](ArrayRef<Value> operandIndex, Value resultIndex,
                       Value f) {
      for (auto [k, operand] : llvm::enumerate(operands))
        if (Type t = rankedElementType(operand.getType()))
          map.map(operand,
                  loadElement(buffers.lookup(operand), t, operandIndex[k]));
      if (broadcast || transpose) {
        storeElement(dest, resultIndex, map.lookup(operands.front()));
        return f;
      }
      lowerOp(op, map, f);
      storeElement(dest, resultIndex, map.lookup(op->getResult(0)));
      return f;
    };
    // Operands of the result's type have its dimensions, unless dynamic
    // ones broadcast at run time (the kernels' numpy rule: an extent 1
    // against another): then the strided loops, else one flat loop.
    auto sameType = [&](Value v) {
      auto tensor = cast<RankedTensorType>(v.getType());
      return tensor.getRank() == 0 || tensor.getShape() == rt.getShape();
    };
    auto compatible = [&](Value v) {
      auto tensor = cast<RankedTensorType>(v.getType());
      return tensor.getRank() == 0 ||
             succeeded(verifyCompatibleShape(tensor.getShape(), rt.getShape()));
    };
    Value flatNow = constBool(loc, false);
    if (!transpose && llvm::all_of(operands, sameType) && rt.hasStaticShape())
      flatNow = constBool(loc, true);
    else if (!transpose && !broadcast && llvm::all_of(operands, compatible))
      flatNow = sameDims(loc, operands, shape);
    auto flatLoop = [&](Value f) {
      return forLoop(loc, 0, product(loc, shape), {f},
                     [&](Value i, ValueRange args) -> SmallVector<Value> {
                       SmallVector<Value> idx(operands.size(), i);
                       return {element(idx, i, args[0])};
                     })[0];
    };
    auto nested = [&](Value f) {
      return stridedLoops(loc, operands, shape, transpose, element, f);
    };
    if (matchPattern(flatNow, m_One()))
      fault = flatLoop(fault);
    else if (matchPattern(flatNow, m_Zero()))
      fault = nested(fault);
    else
      fault = branch(loc, flatNow, fault, flatLoop, nested);
    for (Value operand : operands)
      if (rankedElementType(operand.getType()))
        map.erase(operand);
    map.erase(op->getResult(0));
  }

  /// Whether every ranked operand has the dimensions `shape` (an i1).
  Value sameDims(Location loc, ArrayRef<Value> operands, ArrayRef<Ext> shape) {
    Value all = constBool(loc, true);
    for (Value v : operands)
      if (rankedElementType(v.getType()))
        for (auto [x, y] : llvm::zip(dimsOf(v), shape))
          all = both(loc, all, equal(loc, x, y));
    return all;
  }

  /// scf.if `cond` then `then(fault)` else `otherwise(fault)`: the fault
  /// flag after either.
  Value branch(Location loc, Value cond, Value fault,
               llvm::function_ref<Value(Value)> then,
               llvm::function_ref<Value(Value)> otherwise) {
    auto ifOp = b.create<scf::IfOp>(loc, TypeRange{b.getI1Type()}, cond,
                                    /*withElseRegion=*/true);
    OpBuilder::InsertionGuard guard(b);
    b.setInsertionPointToStart(ifOp.thenBlock());
    b.create<scf::YieldOp>(loc, then(fault));
    b.setInsertionPointToStart(ifOp.elseBlock());
    b.create<scf::YieldOp>(loc, otherwise(fault));
    return ifOp.getResult(0);
  }

  /// The loops of lowerTensorElementwise when an operand broadcasts or is
  /// transposed: one per result dimension, each operand's index from its
  /// row-major strides, right-aligned to the result (0 along a dimension
  /// of extent 1, chosen at run time if dynamic), permuted for a
  /// transpose. `element` does one element.
  Value
  stridedLoops(Location loc, ArrayRef<Value> operands, ArrayRef<Ext> shape,
               ir::TransposeOp transpose,
               llvm::function_ref<Value(ArrayRef<Value>, Value, Value)> element,
               Value fault) {
    Type i64 = b.getI64Type();
    int64_t rank = static_cast<int64_t>(shape.size());
    SmallVector<SmallVector<Ext>> strides;
    for (Value v : operands) {
      SmallVector<Ext> s = dimsOf(v);
      SmallVector<Ext> st(rank, 0);
      Ext stride = 1;
      for (int64_t d = static_cast<int64_t>(s.size()) - 1; d >= 0; --d) {
        if (!s[d].known())
          st[rank - s.size() + d] = Value(b.create<arith::SelectOp>(
              loc, equal(loc, s[d], 1), constInt(loc, i64, 0),
              val(loc, stride)));
        else if (s[d].c != 1)
          st[rank - s.size() + d] = stride;
        stride = mul(loc, stride, s[d]);
      }
      if (transpose) {
        // Result dimension d walks input dimension permutation[d].
        SmallVector<Ext> input = st;
        for (auto [d, from] : llvm::enumerate(transpose.getPermutation()))
          st[d] = input[from];
      }
      strides.push_back(st);
    }
    // Nested loops; the indices accumulate dimension by dimension.
    std::function<Value(int64_t, SmallVector<Value>, Value, Value)> nest =
        [&](int64_t d, SmallVector<Value> idx, Value ri, Value f) -> Value {
      if (d == rank)
        return element(idx, ri, f);
      return forLoop(loc, 0, shape[d], {f},
                     [&](Value i, ValueRange args) -> SmallVector<Value> {
                       SmallVector<Value> next = idx;
                       for (auto [k, st] : llvm::enumerate(strides))
                         if (!st[d].is(0))
                           next[k] = b.create<arith::AddIOp>(
                               loc, idx[k], mulIndex(loc, i, st[d]));
                       Value r = b.create<arith::AddIOp>(
                           loc, mulIndex(loc, ri, shape[d]), i);
                       return {nest(d + 1, next, r, args[0])};
                     })[0];
    };
    Value zero = constInt(loc, i64, 0);
    return nest(0, SmallVector<Value>(operands.size(), zero), zero, fault);
  }

  /// `shape` with its strides on two sides, simplified for a copy:
  /// dimensions of extent 1 drop out, and a dimension whose stride on both
  /// sides spans the next one merges with it (a row-major block becomes
  /// one dimension of stride 1). One element: one dimension of extent 1.
  static void coalesce(ArrayRef<int64_t> shape, ArrayRef<int64_t> srcStrides,
                       ArrayRef<int64_t> dstStrides,
                       SmallVectorImpl<int64_t> &n,
                       SmallVectorImpl<int64_t> &ss,
                       SmallVectorImpl<int64_t> &ds) {
    for (auto [k, extent] : llvm::enumerate(shape)) {
      if (extent == 1)
        continue;
      if (!n.empty() && ss.back() == srcStrides[k] * extent &&
          ds.back() == dstStrides[k] * extent) {
        n.back() *= extent;
        ss.back() = srcStrides[k];
        ds.back() = dstStrides[k];
        continue;
      }
      n.push_back(extent);
      ss.push_back(srcStrides[k]);
      ds.push_back(dstStrides[k]);
    }
    if (n.empty()) {
      n.push_back(1);
      ss.push_back(1);
      ds.push_back(1);
    }
  }

  /// Copies the elements of `shape` from `src` (element `srcOffset`, then
  /// `srcStrides`) to `dst` (`dstOffset`, `dstStrides`), as
  /// support::stridedCopy in runtime/kernels/Shape.cpp: one loop per
  /// dimension, a memcpy for a last dimension contiguous on both sides.
  /// Nothing when an extent is 0 (the strides may then point anywhere).
  void stridedCopy(Location loc, Type t, ArrayRef<int64_t> shape, Value src,
                   Value srcOffset, ArrayRef<int64_t> srcStrides, Value dst,
                   Value dstOffset, ArrayRef<int64_t> dstStrides) {
    if (llvm::is_contained(shape, 0))
      return;
    SmallVector<int64_t> n, ss, ds;
    coalesce(shape, srcStrides, dstStrides, n, ss, ds);
    // Known extents fold: the same loops as if written for int64_t.
    stridedCopyExt(loc, t, SmallVector<Ext>(n.begin(), n.end()), src, srcOffset,
                   SmallVector<Ext>(ss.begin(), ss.end()), dst, dstOffset,
                   SmallVector<Ext>(ds.begin(), ds.end()));
  }

  /// stridedCopy with extents and strides known only at run time (no
  /// coalescing): one loop per dimension, a memcpy of the last one when it
  /// is contiguous on both sides.
  void stridedCopyExt(Location loc, Type t, ArrayRef<Ext> shape, Value src,
                      Value srcOffset, ArrayRef<Ext> srcStrides, Value dst,
                      Value dstOffset, ArrayRef<Ext> dstStrides) {
    if (llvm::any_of(shape, [](Ext e) { return e.is(0); }))
      return;
    int64_t rank = static_cast<int64_t>(shape.size());
    bool contiguous =
        rank > 0 && srcStrides.back().is(1) && dstStrides.back().is(1);
    int64_t loops = contiguous ? rank - 1 : rank;
    std::function<void(int64_t, Value, Value)> nest = [&](int64_t d, Value si,
                                                          Value di) {
      if (d == loops) {
        if (contiguous)
          b.create<LLVM::MemcpyOp>(
              loc, elementAddress(dst, t, di), elementAddress(src, t, si),
              val(loc, mul(loc, shape.back(), elementBytes(t))), false);
        else
          storeElement(dst, di, loadElement(src, t, si));
        return;
      }
      forLoop(loc, 0, shape[d], {},
              [&](Value i, ValueRange) -> SmallVector<Value> {
                nest(d + 1,
                     b.create<arith::AddIOp>(loc, si,
                                             mulIndex(loc, i, srcStrides[d])),
                     b.create<arith::AddIOp>(loc, di,
                                             mulIndex(loc, i, dstStrides[d])));
                return {};
              });
    };
    nest(0, srcOffset, dstOffset);
  }

  /// ag.concat into `dest` as kernels::concat: each operand's elements,
  /// in order, at its offset along the axis of the result.
  void lowerConcat(ir::ConcatOp op, Value dest) {
    Location loc = op.getLoc();
    auto rt = cast<RankedTensorType>(op.getType());
    int64_t axis = static_cast<int64_t>(op.getAxis());
    if (dynamic) {
      SmallVector<Ext> outStrides = stridesOf(loc, dimsOf(op.getResult()));
      Ext offset = 0; // along the axis
      for (Value v : op.getInputs()) {
        SmallVector<Ext> vd = dimsOf(v);
        stridedCopyExt(loc, rt.getElementType(), vd, buffers.lookup(v),
                       constInt(loc, b.getI64Type(), 0), stridesOf(loc, vd),
                       dest, val(loc, mul(loc, offset, outStrides[axis])),
                       outStrides);
        offset = add(loc, offset, vd[axis]);
      }
      return;
    }
    std::vector<int64_t> outStrides = ag::sem::rowMajorStrides(rt.getShape());
    int64_t offset = 0; // along the axis
    for (Value v : op.getInputs()) {
      auto vt = cast<RankedTensorType>(v.getType());
      stridedCopy(loc, rt.getElementType(), vt.getShape(), buffers.lookup(v),
                  constInt(loc, b.getI64Type(), 0),
                  ag::sem::rowMajorStrides(vt.getShape()), dest,
                  constInt(loc, b.getI64Type(), offset * outStrides[axis]),
                  outStrides);
      offset += vt.getDimSize(axis);
    }
  }

  /// ag.slice into `dest` as kernels::slice: the input read from its
  /// first element with strides times steps (verified: every bound
  /// resolves, sem::resolveSlice).
  void lowerSlice(ir::SliceOp op, Value dest) {
    Location loc = op.getLoc();
    auto rt = cast<RankedTensorType>(op.getType());
    if (dynamic) {
      // The first element's offset and the strides times the steps, from
      // the starts inferDims resolved.
      SmallVector<Ext> in = dimsOf(op.getInput()), out = dimsOf(op.getResult());
      SmallVector<Ext> strides = stridesOf(loc, in);
      Ext offset = 0;
      for (auto [d, start] : llvm::enumerate(sliceStarts.lookup(op))) {
        offset = add(loc, offset, mul(loc, start, strides[d]));
        strides[d] = mul(loc, strides[d], op.getStep()[d]);
      }
      stridedCopyExt(loc, rt.getElementType(), out,
                     buffers.lookup(op.getInput()), val(loc, offset), strides,
                     dest, constInt(loc, b.getI64Type(), 0),
                     stridesOf(loc, out));
      return;
    }
    SmallVector<int64_t> strides;
    int64_t offset = sliceStrides(op, strides);
    stridedCopy(loc, rt.getElementType(), rt.getShape(),
                buffers.lookup(op.getInput()),
                constInt(loc, b.getI64Type(), offset), strides, dest,
                constInt(loc, b.getI64Type(), 0),
                ag::sem::rowMajorStrides(rt.getShape()));
  }

  /// Where ag.slice reads its input: the offset of its first element
  /// (returned) and `strides`, the input's strides times the steps
  /// (verified: every bound resolves, sem::resolveSlice).
  static int64_t sliceStrides(ir::SliceOp op,
                              SmallVectorImpl<int64_t> &strides) {
    auto in = cast<RankedTensorType>(op.getInput().getType());
    std::vector<int64_t> rowMajor = ag::sem::rowMajorStrides(in.getShape());
    strides.assign(rowMajor.begin(), rowMajor.end());
    int64_t offset = 0;
    for (int64_t d = 0; d < in.getRank(); ++d) {
      std::optional<ag::sem::SliceExtent> extent = ag::sem::resolveSlice(
          in.getDimSize(d), op.getStart()[d], op.getStop()[d], op.getStep()[d]);
      offset += extent->start * strides[d];
      // A step longer than the dimension takes one element: no product.
      strides[d] = extent->length > 1 ? strides[d] * op.getStep()[d] : 0;
    }
    return offset;
  }

  /// The offset of a slice's elements in its input if they are one
  /// contiguous block in row-major order (whole trailing rows, say): then
  /// the slice is its input's buffer from there, as a reshape is.
  static std::optional<int64_t> contiguousSlice(ir::SliceOp op) {
    auto rt = cast<RankedTensorType>(op.getType());
    SmallVector<int64_t> strides;
    int64_t offset = sliceStrides(op, strides);
    if (rt.getNumElements() == 0)
      return offset;
    SmallVector<int64_t> n, ss, ds;
    coalesce(rt.getShape(), strides, ag::sem::rowMajorStrides(rt.getShape()), n,
             ss, ds);
    if (n.size() == 1 && ss[0] == 1 && ds[0] == 1)
      return offset;
    return std::nullopt;
  }

  /// Index `i` of ag.gather's indices as i64 (a 0-d index is a scalar).
  Value gatherIndex(ir::GatherOp op, IRMapping &map, Value i) {
    Value indices = op.getIndices();
    Type t = elementType(indices.getType());
    Value x = rankedElementType(indices.getType())
                  ? loadElement(buffers.lookup(indices), t, i)
                  : map.lookup(indices);
    return t.isInteger(64)
               ? x
               : Value(b.create<arith::ExtSIOp>(i.getLoc(), b.getI64Type(), x));
  }

  /// ag.gather into `dest` as kernels::gather: every index checked first
  /// (one outside [0, n) is a fault: nothing is copied and the
  /// interpreter re-runs to report it), then for each index j and each
  /// row o before the axis, the input's `inner` elements at
  /// (o, index[j]) copied to the result's (o, j).
  void lowerGather(ir::GatherOp op, IRMapping &map, Value dest, Value &fault) {
    Location loc = op.getLoc();
    Type i64 = b.getI64Type();
    Type t = elementType(op.getInput().getType());
    int64_t axis = static_cast<int64_t>(op.getAxis());
    SmallVector<Ext> in = dimsOf(op.getInput());
    Ext n = in[axis];
    Ext count = rankedElementType(op.getIndices().getType())
                    ? numElements(loc, op.getIndices())
                    : Ext(1);
    Ext outer = 1, inner = 1;
    for (int64_t d = 0; d < axis; ++d)
      outer = mul(loc, outer, in[d]);
    for (int64_t d = axis + 1; d < static_cast<int64_t>(in.size()); ++d)
      inner = mul(loc, inner, in[d]);
    if (count.is(0))
      return;
    Value bad =
        forLoop(loc, 0, count, {constBool(loc, false)},
                [&](Value j, ValueRange args) -> SmallVector<Value> {
                  Value x = gatherIndex(op, map, j);
                  Value below = b.create<arith::CmpIOp>(
                      loc, arith::CmpIPredicate::slt, x, constInt(loc, i64, 0));
                  Value above = b.create<arith::CmpIOp>(
                      loc, arith::CmpIPredicate::sge, x, val(loc, n));
                  Value out = b.create<arith::OrIOp>(loc, below, above);
                  return {orFault(loc, args[0], out)};
                })[0];
    fault = orFault(loc, fault, bad);
    if (outer.is(0) || inner.is(0))
      return;
    auto ok = b.create<scf::IfOp>(
        loc, TypeRange{},
        b.create<arith::XOrIOp>(loc, bad, constBool(loc, true)),
        /*withElseRegion=*/false);
    OpBuilder::InsertionGuard guard(b);
    b.setInsertionPointToStart(ok.thenBlock());
    Value input = buffers.lookup(op.getInput());
    Ext from = mul(loc, n, inner), to = mul(loc, count, inner);
    forLoop(loc, 0, count, {}, [&](Value j, ValueRange) -> SmallVector<Value> {
      Value row = mulIndex(loc, gatherIndex(op, map, j), inner);
      Value at = mulIndex(loc, j, inner);
      if (!dynamic)
        stridedCopy(loc, t, {outer.c, inner.c}, input, row, {from.c, 1}, dest,
                    at, {to.c, 1});
      else
        stridedCopyExt(loc, t, {outer, inner}, input, row, {from, 1}, dest, at,
                       {to, 1});
      return {};
    });
  }

  /// A ranked constant that is not a splat: an internal global of its
  /// elements (bools as bytes), read in place, or copied into the caller's
  /// buffer `direct` when the function returns it.
  void lowerDenseConstant(ir::ConstantOp op, Value direct) {
    Location loc = op.getLoc();
    auto type = cast<RankedTensorType>(op.getType());
    auto dense = cast<DenseElementsAttr>(op.getValue());
    Type t = type.getElementType();
    int64_t n = type.getNumElements();
    Type stored = t.isInteger(1) ? b.getI8Type() : t;
    auto flat = RankedTensorType::get({n}, stored);
    DenseElementsAttr value;
    if (t.isInteger(1)) {
      SmallVector<int8_t> bytes;
      for (bool x : dense.getValues<bool>())
        bytes.push_back(x);
      value = DenseElementsAttr::get(flat, ArrayRef<int8_t>(bytes));
    } else {
      value = dense.reshape(flat);
    }
    auto arrayType = LLVM::LLVMArrayType::get(stored, n);
    LLVM::GlobalOp global;
    {
      OpBuilder::InsertionGuard guard(b);
      b.setInsertionPointToStart(module.getBody());
      std::string name;
      for (unsigned k = 0;; ++k) {
        name = "ag_constant_" + std::to_string(k);
        if (!module.lookupSymbol(name))
          break;
      }
      global = b.create<LLVM::GlobalOp>(loc, arrayType, /*isConstant=*/true,
                                        LLVM::Linkage::Internal, name, value);
    }
    Value address = b.create<LLVM::AddressOfOp>(loc, global);
    if (direct) {
      b.create<LLVM::MemcpyOp>(loc, direct, address,
                               constInt(loc, b.getI64Type(), bytesOf(type)),
                               false);
      address = direct;
    }
    buffers[op.getResult()] = address;
  }

  /// A reduction of a 0-d value (over no axes): ag.reduce_sum adds it to
  /// 0 (kernels::reduceSum: -0.0 becomes +0.0), ag.reduce copies it or,
  /// for argmin/argmax, gives 0 (kernels::reduce).
  void lowerScalarReduction(Operation *op, IRMapping &map) {
    Location loc = op->getLoc();
    Value x = map.lookup(op->getOperand(0));
    Value r = x;
    if (isa<ir::ReduceSumOp>(op)) {
      r = combine(loc, ir::ReductionKind::sum,
                  identity(loc, ir::ReductionKind::sum, x.getType()), x);
    } else {
      ir::ReductionKind kind = cast<ir::ReduceOp>(op).getKind();
      if (kind == ir::ReductionKind::argmin ||
          kind == ir::ReductionKind::argmax)
        r = constInt(loc, b.getI64Type(), 0);
    }
    map.map(op->getResult(0), r);
  }

  /// ag.reshape: the same elements, so the same buffer, unless the
  /// function returns the result (then a copy into the caller's buffer,
  /// `direct`) or a 0-d value is on either side.
  void lowerReshape(ir::ReshapeOp op, IRMapping &map, Value direct,
                    SmallVectorImpl<Value> &owned) {
    Location loc = op.getLoc();
    Value in = op.getInput(), result = op.getResult();
    Type t = elementType(in.getType());
    Value zero = constInt(loc, b.getI64Type(), 0);
    if (!rankedElementType(result.getType())) {
      map.map(result, rankedElementType(in.getType())
                          ? loadElement(buffers.lookup(in), t, zero)
                          : map.lookup(in));
      return;
    }
    if (!rankedElementType(in.getType())) {
      Value dest = direct;
      if (!dest) {
        dest = allocate(loc, result);
        owned.push_back(dest);
      }
      storeElement(dest, zero, map.lookup(in));
      buffers[result] = dest;
      return;
    }
    if (!direct) {
      buffers[result] = buffers.lookup(in);
      return;
    }
    b.create<LLVM::MemcpyOp>(
        loc, direct, buffers.lookup(in),
        constInt(loc, b.getI64Type(),
                 bytesOf(cast<RankedTensorType>(result.getType()))),
        false);
    buffers[result] = direct;
  }

  /// acc combined with x as reduceBlock in runtime/kernels/Reduce.cpp: sums
  /// and products (integers wrap), min/max keeping a NaN once met
  /// (o = (isNaN(o) || x >= o) ? o : x), any/all.
  Value combine(Location loc, ir::ReductionKind kind, Value acc, Value x) {
    Type t = x.getType();
    bool isF = isa<FloatType>(t);
    switch (kind) {
    case ir::ReductionKind::sum:
    case ir::ReductionKind::mean:
      return isF ? Value(b.create<arith::AddFOp>(loc, acc, x))
                 : Value(b.create<arith::AddIOp>(loc, acc, x));
    case ir::ReductionKind::prod:
      return isF ? Value(b.create<arith::MulFOp>(loc, acc, x))
                 : Value(b.create<arith::MulIOp>(loc, acc, x));
    case ir::ReductionKind::any:
      return b.create<arith::OrIOp>(loc, acc, x);
    case ir::ReductionKind::all:
      return b.create<arith::AndIOp>(loc, acc, x);
    default:
      break;
    }
    bool isMax = kind == ir::ReductionKind::max;
    Value keep;
    if (isF) {
      Value nan =
          b.create<arith::CmpFOp>(loc, arith::CmpFPredicate::UNO, acc, acc);
      Value ordered = b.create<arith::CmpFOp>(
          loc, isMax ? arith::CmpFPredicate::OLE : arith::CmpFPredicate::OGE, x,
          acc);
      keep = b.create<arith::OrIOp>(loc, nan, ordered);
    } else {
      bool u = t.isInteger(1);
      arith::CmpIPredicate p =
          isMax ? (u ? arith::CmpIPredicate::ule : arith::CmpIPredicate::sle)
                : (u ? arith::CmpIPredicate::uge : arith::CmpIPredicate::sge);
      keep = b.create<arith::CmpIOp>(loc, p, x, acc);
    }
    return b.create<arith::SelectOp>(loc, keep, acc, x);
  }

  /// The kernel's identity for `kind` in `t` (mean: 0 to sum into).
  Value identity(Location loc, ir::ReductionKind kind, Type t) {
    bool one =
        kind == ir::ReductionKind::prod || kind == ir::ReductionKind::all;
    return isa<FloatType>(t) ? constFloat(loc, t, one ? 1 : 0)
                             : constInt(loc, t, one ? 1 : 0);
  }

  /// dest[0..n) = x.
  void fill(Location loc, Value dest, Ext n, Value x) {
    forLoop(loc, 0, n, {}, [&](Value i, ValueRange) -> SmallVector<Value> {
      storeElement(dest, i, x);
      return {};
    });
  }

  /// ag.reduce_sum: one pass in element order (kernels::reduceSum).
  void lowerSequentialSum(Location loc, Value in, Type t, Ext count,
                          Value dest) {
    Value acc =
        forLoop(loc, 0, count, {identity(loc, ir::ReductionKind::sum, t)},
                [&](Value i, ValueRange args) -> SmallVector<Value> {
                  return {combine(loc, ir::ReductionKind::sum, args[0],
                                  loadElement(in, t, i))};
                })[0];
    storeElement(dest, constInt(loc, b.getI64Type(), 0), acc);
  }

  /// The sum of in[base .. base + n) as the kernel's sumContiguous: floats
  /// in eight partial sums over the first n - n % 8 elements, combined
  /// ((p0 + p1) + (p2 + p3)) + ((p4 + p5) + (p6 + p7)), then the rest one
  /// by one; integers in one wrapping pass.
  Value sumContiguous(Location loc, Value in, Type t, Value base, Ext n) {
    Type i64 = b.getI64Type();
    auto at = [&](Value i) {
      return loadElement(in, t, b.create<arith::AddIOp>(loc, base, i));
    };
    Value zero = identity(loc, ir::ReductionKind::sum, t);
    if (!isa<FloatType>(t))
      return forLoop(loc, 0, n, {zero},
                     [&](Value i, ValueRange args) -> SmallVector<Value> {
                       return {b.create<arith::AddIOp>(loc, args[0], at(i))};
                     })[0];
    // The eight partial sums are the lanes of one vector<8>: a lane-wise
    // add is eight independent adds, so the bits are the kernel's, and
    // LLVM need not discover the vectorization (it kept eight scalar
    // accumulators).
    Ext mainEnd = n.known() ? Ext(n.c & ~int64_t(7))
                            : Ext(Value(b.create<arith::AndIOp>(
                                  loc, n.v, constInt(loc, i64, ~int64_t(7)))));
    auto lanes = VectorType::get({8}, t);
    Value zeros = b.create<arith::ConstantOp>(
        loc, DenseElementsAttr::get(lanes, b.getFloatAttr(t, 0.0)));
    Value acc =
        forLoop(loc, constInt(loc, i64, 0), val(loc, mainEnd), 8, {zeros},
                [&](Value i, ValueRange args) -> SmallVector<Value> {
                  Value address = elementAddress(
                      in, t, b.create<arith::AddIOp>(loc, base, i));
                  Value eight = b.create<LLVM::LoadOp>(
                      loc, lanes, address,
                      /*alignment=*/static_cast<unsigned>(elementBytes(t)));
                  return {b.create<arith::AddFOp>(loc, args[0], eight)};
                })[0];
    SmallVector<Value> parts;
    for (int64_t j = 0; j < 8; ++j)
      parts.push_back(
          b.create<LLVM::ExtractElementOp>(loc, acc, constInt(loc, i64, j)));
    for (unsigned width = 8; width > 1; width /= 2)
      for (unsigned p = 0; p < width / 2; ++p)
        parts[p] = b.create<arith::AddFOp>(loc, parts[2 * p], parts[2 * p + 1]);
    return forLoop(loc, mainEnd, n, {parts.front()},
                   [&](Value i, ValueRange args) -> SmallVector<Value> {
                     return {b.create<arith::AddFOp>(loc, args[0], at(i))};
                   })[0];
  }

  /// reduceBlock (runtime/kernels/Reduce.cpp): in[outer][r][inner] over r
  /// into out[outer][inner], in the kernel's loop order.
  /// A sum or mean whose `inner` is known only at run time takes the
  /// kernel's branch there (contiguous groups when it is 1).
  void reduceBlock(Location loc, ir::ReductionKind kind, Type t, Value in,
                   Value out, Ext outer, Ext r, Ext inner) {
    bool sum =
        kind == ir::ReductionKind::sum || kind == ir::ReductionKind::mean;
    if (sum && !inner.known()) {
      auto ifOp = b.create<scf::IfOp>(loc, TypeRange{}, equal(loc, inner, 1),
                                      /*withElseRegion=*/true);
      OpBuilder::InsertionGuard guard(b);
      b.setInsertionPointToStart(ifOp.thenBlock());
      reduceBlock(loc, kind, t, in, out, outer, r, 1);
      b.setInsertionPointToStart(ifOp.elseBlock());
      reduceRows(loc, kind, t, in, out, outer, r, inner);
      return;
    }
    reduceRows(loc, kind, t, in, out, outer, r, inner);
  }

  /// reduceBlock for a known `inner` when it sums contiguous groups.
  void reduceRows(Location loc, ir::ReductionKind kind, Type t, Value in,
                  Value out, Ext outer, Ext r, Ext inner) {
    Ext blockSize = mul(loc, r, inner);
    forLoop(loc, 0, outer, {}, [&](Value a, ValueRange) -> SmallVector<Value> {
      Value block = mulIndex(loc, a, blockSize);
      Value o = mulIndex(loc, a, inner);
      if (inner.is(1) &&
          (kind == ir::ReductionKind::sum || kind == ir::ReductionKind::mean)) {
        storeElement(out, o, sumContiguous(loc, in, t, block, r));
        return {};
      }
      bool first =
          kind == ir::ReductionKind::min || kind == ir::ReductionKind::max;
      forLoop(loc, 0, inner, {}, [&](Value bi, ValueRange) {
        Value init =
            first ? loadElement(in, t, b.create<arith::AddIOp>(loc, block, bi))
                  : identity(loc, kind, t);
        storeElement(out, b.create<arith::AddIOp>(loc, o, bi), init);
        return SmallVector<Value>{};
      });
      forLoop(loc, 0, r, {}, [&](Value i, ValueRange) -> SmallVector<Value> {
        Value row =
            b.create<arith::AddIOp>(loc, block, mulIndex(loc, i, inner));
        forLoop(loc, 0, inner, {}, [&](Value bi, ValueRange) {
          Value oi = b.create<arith::AddIOp>(loc, o, bi);
          Value x = loadElement(in, t, b.create<arith::AddIOp>(loc, row, bi));
          storeElement(out, oi, combine(loc, kind, loadElement(out, t, oi), x));
          return SmallVector<Value>{};
        });
        return {};
      });
      return {};
    });
  }

  /// argBlock: the position along r of the first extreme, a NaN counting
  /// as one. The kernel runs the rows outside and the columns inside; each
  /// column's result depends only on its own sequence, so one column at a
  /// time gives the same positions.
  void argBlock(Location loc, bool isMax, Type t, Value in, Value out,
                Ext outer, Ext r, Ext inner) {
    Type i64 = b.getI64Type();
    bool isF = isa<FloatType>(t), u = t.isInteger(1);
    Ext blockSize = mul(loc, r, inner);
    forLoop(loc, 0, outer, {}, [&](Value a, ValueRange) -> SmallVector<Value> {
      Value block = mulIndex(loc, a, blockSize);
      forLoop(loc, 0, inner, {}, [&](Value bi, ValueRange) {
        Value start = b.create<arith::AddIOp>(loc, block, bi);
        SmallVector<Value> init = {loadElement(in, t, start),
                                   constInt(loc, i64, 0)};
        SmallVector<Value> last = forLoop(
            loc, 1, r, init,
            [&](Value i, ValueRange args) -> SmallVector<Value> {
              Value best = args[0];
              Value v = loadElement(
                  in, t,
                  b.create<arith::AddIOp>(loc, start, mulIndex(loc, i, inner)));
              Value take;
              if (isF) {
                Value better =
                    b.create<arith::CmpFOp>(loc,
                                            isMax ? arith::CmpFPredicate::OGT
                                                  : arith::CmpFPredicate::OLT,
                                            v, best);
                Value vNaN = b.create<arith::CmpFOp>(
                    loc, arith::CmpFPredicate::UNO, v, v);
                Value bestOrdered = b.create<arith::CmpFOp>(
                    loc, arith::CmpFPredicate::ORD, best, best);
                take = b.create<arith::AndIOp>(
                    loc, bestOrdered,
                    b.create<arith::OrIOp>(loc, better, vNaN));
              } else {
                arith::CmpIPredicate p = isMax
                                             ? (u ? arith::CmpIPredicate::ugt
                                                  : arith::CmpIPredicate::sgt)
                                             : (u ? arith::CmpIPredicate::ult
                                                  : arith::CmpIPredicate::slt);
                take = b.create<arith::CmpIOp>(loc, p, v, best);
              }
              return {b.create<arith::SelectOp>(loc, take, v, best),
                      b.create<arith::SelectOp>(loc, take, i, args[1])};
            });
        storeElement(out,
                     b.create<arith::AddIOp>(loc, mulIndex(loc, a, inner), bi),
                     last[1]);
        return SmallVector<Value>{};
      });
      return {};
    });
  }

  /// ag.reduce as kernels::reduce: an empty extent of min/max/argmin/argmax
  /// faults, an empty input gives the identity (a mean the kernel's NaN),
  /// no axes copy; argmin/argmax one block; the others one contiguous
  /// block of axes at a time, last block first, through intermediate
  /// buffers, and a mean divides at the end.
  void lowerReduce(ir::ReduceOp op, Value in, Value dest, Value &fault,
                   SmallVectorImpl<Value> &owned) {
    Location loc = op.getLoc();
    auto type = cast<RankedTensorType>(op.getInput().getType());
    Type t = type.getElementType();
    SmallVector<Ext> shape = dimsOf(op.getInput());
    ArrayRef<int64_t> axes = op.getAxes();
    ir::ReductionKind kind = op.getKind();
    bool isArg =
        kind == ir::ReductionKind::argmin || kind == ir::ReductionKind::argmax;
    int64_t rank = type.getRank();
    Ext count = 1;
    for (int64_t a : axes)
      count = mul(loc, count, shape[a]);
    Ext resultCount = rankedElementType(op.getResult().getType())
                          ? numElements(loc, op.getResult())
                          : Ext(1);
    // With dynamic shapes inferDims checked the extents.
    if (kind == ir::ReductionKind::min || kind == ir::ReductionKind::max ||
        isArg)
      for (int64_t a : axes)
        if (shape[a].is(0)) {
          fault = constBool(loc, true); // the interpreter reports it
          return;
        }
    Type outType = isArg ? b.getI64Type() : t;
    if (axes.empty()) {
      if (isArg)
        fill(loc, dest, resultCount, constInt(loc, outType, 0));
      else
        b.create<LLVM::MemcpyOp>(
            loc, dest, in,
            val(loc, mul(loc, product(loc, shape), elementBytes(t))), false);
      return;
    }
    if (product(loc, shape).is(0)) {
      Value x = kind == ir::ReductionKind::mean ? meanOfNothing(loc, t)
                                                : identity(loc, kind, outType);
      fill(loc, dest, resultCount, x);
      return;
    }
    if (isArg) {
      Ext outer = 1, inner = 1;
      for (int64_t d = 0; d < axes.front(); ++d)
        outer = mul(loc, outer, shape[d]);
      for (int64_t d = axes.back() + 1; d < rank; ++d)
        inner = mul(loc, inner, shape[d]);
      argBlock(loc, kind == ir::ReductionKind::argmax, t, in, dest, outer,
               count, inner);
      return;
    }
    reduceBlocks(op, in, dest, shape, owned);
    if (kind == ir::ReductionKind::mean)
      divideMean(loc, t, dest, count, resultCount);
  }

  /// The kernel's mean of no elements: a positive quiet NaN (0.0 / 0.0
  /// would give the negative one on x86).
  Value meanOfNothing(Location loc, Type t) {
    return b.create<arith::ConstantOp>(
        loc, b.getFloatAttr(
                 t, APFloat::getQNaN(cast<FloatType>(t).getFloatSemantics())));
  }

  /// dest[i] /= count; a count known only at run time may be 0: then the
  /// kernel's NaN.
  void divideMean(Location loc, Type t, Value dest, Ext count,
                  Ext resultCount) {
    Value n = count.known() ? constFloat(loc, t, static_cast<double>(count.c))
                            : Value(b.create<arith::SIToFPOp>(loc, t, count.v));
    Value none = count.known() ? Value() : equal(loc, count, 0);
    forLoop(
        loc, 0, resultCount, {},
        [&](Value i, ValueRange) -> SmallVector<Value> {
          Value q = b.create<arith::DivFOp>(loc, loadElement(dest, t, i), n);
          if (none)
            q = b.create<arith::SelectOp>(loc, none, meanOfNothing(loc, t), q);
          storeElement(dest, i, q);
          return {};
        });
  }

  /// The sums, products, min/max, any/all of lowerReduce: one contiguous
  /// block of axes at a time, last block first, through intermediate
  /// buffers (with dynamic shapes freed here: the op runs inside a
  /// fault guard, see unlessFaulted).
  void reduceBlocks(ir::ReduceOp op, Value in, Value dest,
                    SmallVector<Ext> shape, SmallVectorImpl<Value> &owned) {
    Location loc = op.getLoc();
    Type t = elementType(op.getInput().getType());
    ArrayRef<int64_t> axes = op.getAxes();
    int64_t rank = static_cast<int64_t>(shape.size());
    SmallVector<Value> scratch;
    Value current = in;
    for (size_t end = axes.size(); end > 0;) {
      size_t begin = end - 1;
      while (begin > 0 && axes[begin - 1] + 1 == axes[begin])
        --begin;
      int64_t lo = axes[begin], hi = axes[end - 1];
      Ext outer = 1, r = 1, inner = 1;
      for (int64_t d = 0; d < lo; ++d)
        outer = mul(loc, outer, shape[d]);
      for (int64_t d = lo; d <= hi; ++d) {
        r = mul(loc, r, shape[d]);
        shape[d] = 1;
      }
      for (int64_t d = hi + 1; d < rank; ++d)
        inner = mul(loc, inner, shape[d]);
      Value next = dest;
      if (begin > 0) {
        next = allocateScratch(loc, t, shape);
        (dynamic ? scratch : owned).push_back(next);
      }
      reduceBlock(loc, op.getKind(), t, current, next, outer, r, inner);
      current = next;
      end = begin;
    }
    for (Value p : scratch)
      callRuntime(loc, "ag_native_free", {p}, {});
  }

  /// A buffer of `shape` elements of `t`.
  Value allocateScratch(Location loc, Type t, ArrayRef<Ext> shape) {
    if (llvm::all_of(shape, [](Ext e) { return e.known(); })) {
      SmallVector<int64_t> dims;
      for (Ext e : shape)
        dims.push_back(e.c);
      return allocate(loc, RankedTensorType::get(dims, t));
    }
    return allocateBytes(loc, mul(loc, product(loc, shape), elementBytes(t)));
  }

  /// ag.matmul as kernels::matmul: float products call the kernel's GEMM
  /// (ag_native_matmul_f32/f64 -> kernels::matmulInto), integer ones are
  /// its wrapping i-k-j loops (integer sums do not depend on the order).
  void lowerMatmul(ir::MatmulOp op, Value dest) {
    Location loc = op.getLoc();
    Type i64 = b.getI64Type();
    auto ta = cast<RankedTensorType>(op.getLhs().getType());
    auto tb = cast<RankedTensorType>(op.getRhs().getType());
    Type t = ta.getElementType();
    int64_t ra = ta.getRank(), rb = tb.getRank();
    SmallVector<Ext> da = dimsOf(op.getLhs()), db = dimsOf(op.getRhs());
    Ext m = ra == 1 ? Ext(1) : da[ra - 2], k = da[ra - 1];
    Ext n = rb == 1 ? Ext(1) : db[rb - 1];
    Ext batch = ra == 3 ? da[0] : rb == 3 ? db[0] : Ext(1);
    Value a = buffers.lookup(op.getLhs()), bb = buffers.lookup(op.getRhs());
    if (isa<FloatType>(t)) {
      callRuntime(
          loc, t.isF32() ? "ag_native_matmul_f32" : "ag_native_matmul_f64",
          {a, constInt(loc, i64, ra != 3), bb, constInt(loc, i64, rb != 3),
           dest, val(loc, batch), val(loc, m), val(loc, k), val(loc, n)},
          {});
      return;
    }
    Ext mk = mul(loc, m, k), kn = mul(loc, k, n), mn = mul(loc, m, n);
    fill(loc, dest, mul(loc, batch, mn), constInt(loc, t, 0));
    forLoop(loc, 0, batch, {}, [&](Value bi, ValueRange) -> SmallVector<Value> {
      Value pa = ra == 3 ? mulIndex(loc, bi, mk) : constInt(loc, i64, 0);
      Value pb = rb == 3 ? mulIndex(loc, bi, kn) : constInt(loc, i64, 0);
      Value po = mulIndex(loc, bi, mn);
      forLoop(loc, 0, m, {}, [&](Value i, ValueRange) -> SmallVector<Value> {
        Value orow = b.create<arith::AddIOp>(loc, po, mulIndex(loc, i, n));
        forLoop(loc, 0, k, {}, [&](Value p, ValueRange) -> SmallVector<Value> {
          Value av = loadElement(
              a, t,
              b.create<arith::AddIOp>(
                  loc, pa,
                  b.create<arith::AddIOp>(loc, mulIndex(loc, i, k), p)));
          Value brow = b.create<arith::AddIOp>(loc, pb, mulIndex(loc, p, n));
          forLoop(
              loc, 0, n, {}, [&](Value j, ValueRange) -> SmallVector<Value> {
                Value oi = b.create<arith::AddIOp>(loc, orow, j);
                Value bv =
                    loadElement(bb, t, b.create<arith::AddIOp>(loc, brow, j));
                Value prod = b.create<arith::MulIOp>(loc, av, bv);
                storeElement(dest, oi,
                             b.create<arith::AddIOp>(
                                 loc, loadElement(dest, t, oi), prod));
                return {};
              });
          return {};
        });
        return {};
      });
      return {};
    });
  }

  OpBuilder &b;
  ModuleOp module;
  /// The entry block of the function being built: stack slots go there, so
  /// that a print inside a loop does not grow the stack per iteration.
  Block *entryBlock = nullptr;
  /// Every ag.while / ag.for of the module lowered so far: a loop's id is
  /// its index, which its budget checks pass to ag_native_poll.
  std::vector<Location> &loops;
  /// The loops enclosing the op being lowered, outermost first: id and
  /// the i64 count of the iteration in progress.
  SmallVector<std::pair<int64_t, Value>> loopStack;
  /// The function's budget state, made at its entry by the first loop: a
  /// stack cell (promoted to a register by LLVM) counting down the loop
  /// iterations left until ag_native_poll must look.
  Value ticks;

  /// A callee of the runtime, declared once per module.
  func::FuncOp runtimeFunction(StringRef name, FunctionType type) {
    if (auto fn = module.lookupSymbol<func::FuncOp>(name))
      return fn;
    OpBuilder::InsertionGuard guard(b);
    b.setInsertionPointToEnd(module.getBody());
    auto fn = b.create<func::FuncOp>(module.getLoc(), name, type);
    fn.setPrivate();
    return fn;
  }

  /// Counts one more iteration of loop `id` (`count` so far) where the
  /// evaluator's Budget::checkIteration does, and returns the new count.
  /// The fast path is one countdown shared by the function's loops: when
  /// it reaches zero, ag_native_poll checks this loop's count against the
  /// iteration limit, reads the clock and the cancel flags, and returns
  /// the next countdown, never past the first iteration that could exceed
  /// the limit (so the limit is exact), or 0 to stop: a fault (the loop
  /// ends at its next condition, and the session reports the stop). The
  /// first countdown comes from ag_native_first_poll at entry. After a
  /// fault nothing stops, so an evaluation error is not hidden.
  Value countIteration(Location loc, int64_t id, Value count, Value &fault) {
    Type i64 = b.getI64Type();
    auto ptr = LLVM::LLVMPointerType::get(b.getContext());
    if (!ticks) {
      OpBuilder::InsertionGuard guard(b);
      b.setInsertionPointToStart(entryBlock);
      auto firstFn =
          runtimeFunction("ag_native_first_poll", b.getFunctionType({}, i64));
      Value first = b.create<func::CallOp>(loc, firstFn).getResult(0);
      ticks = b.create<LLVM::AllocaOp>(loc, ptr, i64, constInt(loc, i64, 1));
      b.create<LLVM::StoreOp>(loc, first, ticks);
    }
    Value next = b.create<arith::AddIOp>(loc, count, constInt(loc, i64, 1));
    Value left = b.create<arith::SubIOp>(
        loc, b.create<LLVM::LoadOp>(loc, i64, ticks), constInt(loc, i64, 1));
    b.create<LLVM::StoreOp>(loc, left, ticks);
    Value due = b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::eq, left,
                                        constInt(loc, i64, 0));
    auto check = b.create<scf::IfOp>(loc, TypeRange{b.getI1Type()}, due,
                                     /*withElseRegion=*/true);
    {
      OpBuilder::InsertionGuard guard(b);
      b.setInsertionPointToStart(check.thenBlock());
      // The enclosing loops' (id, count) pairs, innermost first.
      int64_t depth = static_cast<int64_t>(loopStack.size());
      Value outer;
      {
        OpBuilder::InsertionGuard atEntry(b);
        b.setInsertionPointToStart(entryBlock);
        outer = b.create<LLVM::AllocaOp>(
            loc, ptr, i64, constInt(loc, i64, std::max<int64_t>(2 * depth, 1)));
      }
      for (int64_t k = 0; k < depth; ++k) {
        auto [outerId, outerCount] = loopStack[depth - 1 - k];
        for (auto [slot, value] :
             {std::pair<int64_t, Value>{2 * k, constInt(loc, i64, outerId)},
              std::pair<int64_t, Value>{2 * k + 1, outerCount}}) {
          Value at = b.create<LLVM::GEPOp>(
              loc, ptr, i64, outer,
              ArrayRef<LLVM::GEPArg>{static_cast<int32_t>(slot)});
          b.create<LLVM::StoreOp>(loc, value, at);
        }
      }
      auto pollFn =
          runtimeFunction("ag_native_poll",
                          b.getFunctionType({i64, i64, ptr, i64, i64}, {i64}));
      Value faulted = b.create<arith::ExtUIOp>(loc, i64, fault);
      Value args[] = {constInt(loc, i64, id), next, outer,
                      constInt(loc, i64, depth), faulted};
      Value again = b.create<func::CallOp>(loc, pollFn, args).getResult(0);
      b.create<LLVM::StoreOp>(loc, again, ticks);
      b.create<scf::YieldOp>(
          loc, Value(b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::eq,
                                             again, constInt(loc, i64, 0))));
      b.setInsertionPointToStart(check.elseBlock());
      b.create<scf::YieldOp>(loc, constBool(loc, false));
    }
    fault = orFault(loc, fault, check.getResult(0));
    return next;
  }

  /// A new loop id for `loop`.
  int64_t loopId(Operation *loop) {
    loops.push_back(loop->getLoc());
    return static_cast<int64_t>(loops.size() - 1);
  }

  /// The loop body of lowerElementwise for element `i`: loads the ranked
  /// parameters' elements, lowers every op on tensors (0-d ones ran before
  /// the loop) and stores the ranked results' elements.
  void lowerElement(Block &body, Block *entry,
                    ArrayRef<std::pair<Value, Value>> rankedArgs, Value i,
                    IRMapping &map, Value &fault) {
    Location loc = i.getLoc();
    auto ptr = LLVM::LLVMPointerType::get(b.getContext());
    auto element = [&](Value base, Type type) -> Value {
      Type stored = type.isInteger(1) ? b.getI8Type() : type;
      return b.create<LLVM::GEPOp>(loc, ptr, stored, base, ValueRange{i});
    };
    for (auto [from, base] : rankedArgs) {
      Type type = rankedElementType(from.getType());
      Value v = b.create<LLVM::LoadOp>(
          loc, type.isInteger(1) ? b.getI8Type() : type, element(base, type));
      if (type.isInteger(1))
        v = b.create<arith::TruncIOp>(loc, type, v);
      map.map(from, v);
    }
    for (Operation &op : body.without_terminator())
      if (!llvm::all_of(op.getResultTypes(),
                        [](Type t) { return bool(scalarType(t)); }))
        lowerOp(&op, map, fault);
    unsigned out = body.getNumArguments();
    for (Value v : body.getTerminator()->getOperands()) {
      Type type = rankedElementType(v.getType());
      if (!type)
        continue;
      Value x = map.lookup(v);
      if (type.isInteger(1))
        x = b.create<arith::ExtUIOp>(loc, b.getI8Type(), x);
      b.create<LLVM::StoreOp>(loc, x, element(entry->getArgument(out++), type));
    }
  }

  /// The loop over elements [0, count - count % 8) that lowerElementwise
  /// runs first when a float sum or mean is carried: eight elements per
  /// iteration, each float sum or mean adding element i + j into its
  /// partial sum j (the kernel's sumContiguous) and the other reductions
  /// stepping in element order. Then the partial sums are combined in the
  /// kernel's order into `accs`; returns where the element loop starts.
  Value lowerEightLanes(Block &body, Block *entry,
                        ArrayRef<std::pair<Value, Value>> rankedArgs,
                        ArrayRef<Operation *> reductions, Value count,
                        IRMapping &map, SmallVectorImpl<Value> &accs,
                        Value &fault) {
    Location loc = count.getLoc();
    Type i64 = b.getI64Type();
    Value start = constInt(loc, i64, 0);
    Value mainEnd =
        b.create<arith::AndIOp>(loc, count, constInt(loc, i64, ~int64_t(7)));
    SmallVector<Value> carried = {fault};
    for (auto [r, acc] : llvm::zip(reductions, accs))
      carried.append(isPartialSum(r) ? 8 : 1, acc);
    auto loop = b.create<scf::ForOp>(loc, start, mainEnd, constInt(loc, i64, 8),
                                     carried);
    {
      OpBuilder::InsertionGuard guard(b);
      b.setInsertionPointToStart(loop.getBody());
      Value f = loop.getRegionIterArgs().front();
      SmallVector<Value> state(loop.getRegionIterArgs().drop_front());
      for (int64_t j = 0; j < 8; ++j) {
        Value i = loop.getInductionVar();
        if (j)
          i = b.create<arith::AddIOp>(loc, i, constInt(loc, i64, j));
        lowerElement(body, entry, rankedArgs, i, map, f);
        unsigned at = 0;
        for (Operation *r : reductions) {
          Value x = map.lookup(r->getOperand(0));
          if (isPartialSum(r)) {
            state[at + j] = b.create<arith::AddFOp>(loc, state[at + j], x);
            at += 8;
          } else {
            state[at] = reductionStep(r, state[at], x, i);
            ++at;
          }
        }
      }
      SmallVector<Value> next = {f};
      next.append(state);
      b.create<scf::YieldOp>(loc, next);
    }
    fault = loop.getResult(0);
    unsigned at = 1;
    for (auto [k, r] : llvm::enumerate(reductions)) {
      if (!isPartialSum(r)) {
        accs[k] = loop.getResult(at++);
        continue;
      }
      // ((p0 + p1) + (p2 + p3)) + ((p4 + p5) + (p6 + p7))
      SmallVector<Value> parts(loop.getResults().slice(at, 8));
      at += 8;
      for (unsigned width = 8; width > 1; width /= 2)
        for (unsigned p = 0; p < width / 2; ++p)
          parts[p] =
              b.create<arith::AddFOp>(loc, parts[2 * p], parts[2 * p + 1]);
      accs[k] = parts.front();
    }
    return mainEnd;
  }

  /// A float sum or mean over every element: the kernel adds into eight
  /// partial sums (sumContiguous in runtime/kernels/Reduce.cpp).
  static bool isPartialSum(Operation *r) {
    auto reduce = dyn_cast<ir::ReduceOp>(r);
    return reduce &&
           (reduce.getKind() == ir::ReductionKind::sum ||
            reduce.getKind() == ir::ReductionKind::mean) &&
           isa<FloatType>(rankedElementType(reduce.getInput().getType()));
  }

  /// The reduction's value from its final accumulator: a mean divides by
  /// the element count, and is the kernel's NaN (a positive quiet NaN, not
  /// the sign-set one 0/0 gives) for no elements.
  Value reductionResult(Operation *r, Value acc, Value count) {
    if (kindOf(r) != ir::ReductionKind::mean)
      return acc;
    Location loc = r->getLoc();
    Type t = acc.getType();
    Value n = b.create<arith::SIToFPOp>(loc, t, count);
    Value mean = b.create<arith::DivFOp>(loc, acc, n);
    Value empty = b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::eq, count,
                                          constInt(loc, count.getType(), 0));
    Value nan = b.create<arith::ConstantOp>(
        loc, b.getFloatAttr(
                 t, APFloat::getQNaN(cast<FloatType>(t).getFloatSemantics())));
    return b.create<arith::SelectOp>(loc, empty, nan, mean);
  }

  static std::optional<ir::ReductionKind> kindOf(Operation *r) {
    if (auto reduce = dyn_cast<ir::ReduceOp>(r))
      return reduce.getKind();
    return ir::ReductionKind::sum; // ag.reduce_sum
  }

  /// The accumulator a full reduction starts from: the kernels' identity
  /// (min and max take the first element, see reductionStep; an empty
  /// tensor faults for them, as the kernel fails).
  Value reductionInit(Operation *r, Value count, Value &fault) {
    Location loc = r->getLoc();
    Type t = scalarType(r->getResult(0).getType());
    ir::ReductionKind kind = *kindOf(r);
    if (kind == ir::ReductionKind::min || kind == ir::ReductionKind::max)
      fault =
          orFault(loc, fault,
                  b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::eq, count,
                                          constInt(loc, count.getType(), 0)));
    bool one =
        kind == ir::ReductionKind::prod || kind == ir::ReductionKind::all;
    return isa<FloatType>(t) ? constFloat(loc, t, one ? 1 : 0)
                             : constInt(loc, t, one ? 1 : 0);
  }

  /// One element `x` (at index `i`) into the accumulator, as reduceBlock in
  /// runtime/kernels/Reduce.cpp: sums and products in element order
  /// (integers wrap), min/max keep a NaN once met, any/all on bools.
  Value reductionStep(Operation *r, Value acc, Value x, Value i) {
    Location loc = r->getLoc();
    ir::ReductionKind kind = *kindOf(r);
    if (kind != ir::ReductionKind::min && kind != ir::ReductionKind::max)
      return combine(loc, kind, acc, x);
    // min/max start from the first element: o = (i == 0 ? x : acc).
    Value first = b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::eq, i,
                                          constInt(loc, i.getType(), 0));
    Value o = b.create<arith::SelectOp>(loc, first, x, acc);
    return combine(loc, kind, o, x);
  }

  Value constBool(Location loc, bool v) {
    return b.create<arith::ConstantIntOp>(loc, v, 1);
  }
  Value constInt(Location loc, Type type, int64_t v) {
    return b.create<arith::ConstantIntOp>(loc, v, type);
  }
  /// `v` in `type`'s semantics (an f32 constant needs an f32 attribute).
  Value constFloat(Location loc, Type type, double v) {
    return b.create<arith::ConstantOp>(loc, b.getFloatAttr(type, v));
  }
  Value orFault(Location loc, Value fault, Value now) {
    return b.create<arith::OrIOp>(loc, fault, now);
  }

  /// A call of `ag_<name>_f32/_f64`: the ag::sem functor itself, which
  /// NativeFunction binds (so the result is the kernels', and LLVM cannot
  /// rewrite the call as it may rewrite a known libm function).
  Value libm(Location loc, StringRef name, ValueRange args) {
    Type type = args.front().getType();
    std::string symbol = "ag_" + name.str() + (type.isF32() ? "_f32" : "_f64");
    auto fn = module.lookupSymbol<func::FuncOp>(symbol);
    if (!fn) {
      OpBuilder::InsertionGuard guard(b);
      b.setInsertionPointToEnd(module.getBody());
      SmallVector<Type> inputs(args.size(), type);
      fn = b.create<func::FuncOp>(module.getLoc(), symbol,
                                  b.getFunctionType(inputs, {type}));
      fn.setPrivate();
    }
    return b.create<func::CallOp>(loc, fn, args).getResult(0);
  }

  void lowerBlock(Block &block, IRMapping &map, Value &fault) {
    for (Operation &op : block)
      lowerOp(&op, map, fault);
  }

  /// Lowers `region`'s single block into the current insertion point
  /// (whose block arguments are already mapped); returns the terminator's
  /// mapped operands, with the running fault last.
  SmallVector<Value> lowerRegionBody(Block &block, IRMapping &map,
                                     Value fault) {
    for (Operation &op : block.without_terminator())
      lowerOp(&op, map, fault);
    SmallVector<Value> out;
    for (Value v : block.getTerminator()->getOperands())
      out.push_back(map.lookup(v));
    out.push_back(fault);
    return out;
  }

  /// What the lowering of one op reads: its location, its mapped operands
  /// and their element type (the result's, except for cmp and cast).
  struct OpView {
    Operation *op;
    IRMapping &map;
    Location loc;
    Type t;
    bool isF;
    Value in(unsigned i) const { return map.lookup(op->getOperand(i)); }
    void set(Value x) const { map.map(op->getResult(0), x); }
  };

  /// Lowers `op` at the insertion point, by concern; `fault` is the
  /// block's running fault flag.
  void lowerOp(Operation *op, IRMapping &map, Value &fault) {
    Type t = op->getNumOperands() ? elementType(op->getOperand(0).getType())
                                  : Type();
    OpView v{op, map, op->getLoc(), t, t && isa<FloatType>(t)};
    if (lowerStructure(v, fault) || lowerArithmetic(v, fault) ||
        lowerSignAndExtremum(v) || lowerBitwise(v, fault) ||
        lowerFloatFunction(v) || lowerEffect(v, fault))
      return;
    llvm_unreachable("findBlocker lets only supported ops through");
  }

  /// Effects, in program order (the order of the block is the order of the
  /// token chain). A token is an unused `i1`. ag.print calls
  /// `ag_native_print` (bound by NativeFunction) only while no fault was
  /// reached, so that what native code printed is exactly what the
  /// interpreter prints before the error when it re-runs the graph; a
  /// failed print (the format throws) is a fault too. A failed assert and a
  /// non-finite check_numerics input are faults.
  bool lowerEffect(const OpView &v, Value &fault) {
    if (!isEffectOp(v.op))
      return false;
    TypeSwitch<Operation *>(v.op)
        .Case([&](ir::TokenOp) { v.set(constBool(v.loc, false)); })
        .Case([&](ir::PrintOp print) {
          Value ok =
              b.create<arith::XOrIOp>(v.loc, fault, constBool(v.loc, true));
          auto guard = b.create<scf::IfOp>(v.loc, TypeRange{b.getI1Type()}, ok,
                                           /*withElseRegion=*/true);
          {
            OpBuilder::InsertionGuard insertion(b);
            b.setInsertionPointToStart(guard.thenBlock());
            b.create<scf::YieldOp>(v.loc, callPrint(print, v.map));
            b.setInsertionPointToStart(guard.elseBlock());
            b.create<scf::YieldOp>(v.loc, constBool(v.loc, false));
          }
          fault = orFault(v.loc, fault, guard.getResult(0));
          v.map.map(print.getResultToken(), constBool(v.loc, false));
        })
        .Case([&](ir::AssertOp assertOp) {
          Value failed = b.create<arith::XOrIOp>(
              v.loc, v.map.lookup(assertOp.getCond()), constBool(v.loc, true));
          fault = orFault(v.loc, fault, failed);
          v.map.map(assertOp.getResultToken(), constBool(v.loc, false));
        })
        .Case([&](ir::CheckNumericsOp check) {
          Value x = v.map.lookup(check.getInput());
          if (auto t = dyn_cast<FloatType>(x.getType())) {
            // |x| < inf is false for ±inf and NaN (kernels::allFinite).
            Value magnitude = b.create<math::AbsFOp>(v.loc, x);
            Value inf = b.create<arith::ConstantOp>(
                v.loc,
                b.getFloatAttr(t, APFloat::getInf(t.getFloatSemantics())));
            Value bad = b.create<arith::CmpFOp>(
                v.loc, arith::CmpFPredicate::UGE, magnitude, inf);
            fault = orFault(v.loc, fault, bad);
          }
          v.map.map(check.getResult(), x);
          v.map.map(check.getResultToken(), constBool(v.loc, false));
        });
    return true;
  }

  /// `ag_native_print(spec, specLength, values, count) -> i1` (true if the
  /// print failed): `spec` is a constant holding each operand's ag::DType
  /// as one byte, then the format; `values` is a stack array of one 8-byte
  /// slot per operand (bools as one byte), as NativeFunction's slots.
  Value callPrint(ir::PrintOp print, IRMapping &map) {
    Location loc = print.getLoc();
    MLIRContext *ctx = b.getContext();
    auto ptr = LLVM::LLVMPointerType::get(ctx);
    Type i64 = b.getI64Type(), i8 = b.getI8Type();
    std::string spec;
    for (Value x : print.getInputs())
      spec.push_back(static_cast<char>(*ir::toDType(scalarType(x.getType()))));
    spec += print.getFormat().str();
    auto arrayType = LLVM::LLVMArrayType::get(i8, spec.size());
    LLVM::GlobalOp global;
    {
      OpBuilder::InsertionGuard guard(b);
      b.setInsertionPointToStart(module.getBody());
      std::string name;
      for (unsigned k = 0;; ++k) {
        name = "ag_print_spec_" + std::to_string(k);
        if (!module.lookupSymbol(name))
          break;
      }
      global = b.create<LLVM::GlobalOp>(loc, arrayType, /*isConstant=*/true,
                                        LLVM::Linkage::Internal, name,
                                        b.getStringAttr(spec));
    }
    Value specPtr = b.create<LLVM::AddressOfOp>(loc, global);
    unsigned n = print.getInputs().size();
    Value values;
    {
      OpBuilder::InsertionGuard guard(b);
      b.setInsertionPointToStart(entryBlock);
      Value size = constInt(loc, i64, std::max(n, 1u));
      values = b.create<LLVM::AllocaOp>(loc, ptr, i64, size);
    }
    for (auto [k, x] : llvm::enumerate(print.getInputs())) {
      Value v = map.lookup(x);
      if (v.getType().isInteger(1))
        v = b.create<arith::ExtUIOp>(loc, i8, v);
      Value at = b.create<LLVM::GEPOp>(
          loc, ptr, i64, values,
          ArrayRef<LLVM::GEPArg>{static_cast<int32_t>(k)});
      b.create<LLVM::StoreOp>(loc, v, at);
    }
    auto fn = module.lookupSymbol<func::FuncOp>("ag_native_print");
    if (!fn) {
      OpBuilder::InsertionGuard guard(b);
      b.setInsertionPointToEnd(module.getBody());
      fn = b.create<func::FuncOp>(
          module.getLoc(), "ag_native_print",
          b.getFunctionType({ptr, i64, ptr, i64}, {b.getI1Type()}));
      fn.setPrivate();
    }
    Value args[] = {specPtr, constInt(loc, i64, spec.size()), values,
                    constInt(loc, i64, n)};
    return b.create<func::CallOp>(loc, fn, args).getResult(0);
  }

  /// Regions, calls and the return: the fault flag flows through them.
  bool lowerStructure(const OpView &v, Value &fault) {
    if (!isa<ir::IfOp, ir::WhileOp, ir::ForOp, ir::CallOp, ir::ReturnOp>(v.op))
      return false;
    TypeSwitch<Operation *>(v.op)
        .Case([&](ir::IfOp ifOp) { lowerIf(ifOp, v.map, fault); })
        .Case([&](ir::WhileOp loop) { lowerWhile(loop, v.map, fault); })
        .Case([&](ir::ForOp loop) { lowerFor(loop, v.map, fault); })
        .Case([&](ir::CallOp call) {
          SmallVector<Type> types;
          for (Type r : call.getResultTypes())
            types.push_back(loweredScalarType(r));
          types.push_back(b.getI1Type());
          SmallVector<Value> args;
          for (Value a : call.getOperands())
            args.push_back(v.map.lookup(a));
          auto lowered =
              b.create<func::CallOp>(v.loc, call.getCallee(), types, args);
          for (auto [from, to] :
               llvm::zip(call.getResults(), lowered.getResults()))
            v.map.map(from, to);
          fault = orFault(v.loc, fault, lowered.getResults().back());
        })
        .Case([&](ir::ReturnOp ret) {
          SmallVector<Value> values;
          for (Value x : ret.getOperands())
            values.push_back(v.map.lookup(x));
          values.push_back(fault);
          b.create<func::ReturnOp>(v.loc, values);
        });
    return true;
  }

  /// Numbers: constants, + - * / % pow, comparisons, select and casts.
  bool lowerArithmetic(const OpView &v, Value &fault) {
    if (!isa<ir::ConstantOp, ir::AddOp, ir::SubOp, ir::MulOp, ir::DivOp,
             ir::RemOp, ir::PowOp, ir::CmpOp, ir::SelectOp, ir::CastOp>(v.op))
      return false;
    TypeSwitch<Operation *>(v.op)
        .Case([&](ir::ConstantOp c) {
          // 0-d, or a splat on the elementwise path.
          auto dense = cast<DenseElementsAttr>(c.getValue());
          Type et = elementType(c.getType());
          TypedAttr value =
              isa<FloatType>(et)
                  ? TypedAttr(b.getFloatAttr(et, *dense.value_begin<APFloat>()))
                  : TypedAttr(
                        b.getIntegerAttr(et, *dense.value_begin<APInt>()));
          v.set(b.create<arith::ConstantOp>(v.loc, value));
        })
        .Case([&](ir::AddOp) {
          // sem::Add: integers wrap (no nsw flag), floats IEEE.
          v.set(v.isF
                    ? Value(b.create<arith::AddFOp>(v.loc, v.in(0), v.in(1)))
                    : Value(b.create<arith::AddIOp>(v.loc, v.in(0), v.in(1))));
        })
        .Case([&](ir::SubOp) {
          v.set(v.isF
                    ? Value(b.create<arith::SubFOp>(v.loc, v.in(0), v.in(1)))
                    : Value(b.create<arith::SubIOp>(v.loc, v.in(0), v.in(1))));
        })
        .Case([&](ir::MulOp) {
          v.set(v.isF
                    ? Value(b.create<arith::MulFOp>(v.loc, v.in(0), v.in(1)))
                    : Value(b.create<arith::MulIOp>(v.loc, v.in(0), v.in(1))));
        })
        .Case<ir::DivOp, ir::RemOp>([&](Operation *) { lowerDivRem(v, fault); })
        .Case([&](ir::PowOp) { lowerPow(v, fault); })
        .Case([&](ir::CmpOp cmp) {
          v.set(lowerCompare(cmp, v.in(0), v.in(1), v.t));
        })
        .Case([&](ir::SelectOp) {
          v.set(b.create<arith::SelectOp>(v.loc, v.in(0), v.in(1), v.in(2)));
        })
        .Case([&](ir::CastOp cast) {
          v.set(lowerCast(v.loc, v.in(0), v.t, elementType(cast.getType()),
                          fault));
        });
    return true;
  }

  /// min/max, neg, abs and sign: selects around comparisons.
  bool lowerSignAndExtremum(const OpView &v) {
    if (!isa<ir::MinOp, ir::MaxOp, ir::NegOp, ir::AbsOp, ir::SignOp>(v.op))
      return false;
    TypeSwitch<Operation *>(v.op)
        .Case<ir::MinOp, ir::MaxOp>([&](Operation *) {
          // sem::Min is `b < a ? b : a`, sem::Max `a < b ? b : a`: the
          // first operand wins ties, ±0 and a NaN second operand.
          bool isMin = isa<ir::MinOp>(v.op);
          Value a = v.in(0), c = v.in(1);
          Value lhs = isMin ? c : a, rhs = isMin ? a : c;
          Value less = v.isF ? Value(b.create<arith::CmpFOp>(
                                   v.loc, arith::CmpFPredicate::OLT, lhs, rhs))
                             : Value(b.create<arith::CmpIOp>(
                                   v.loc, arith::CmpIPredicate::slt, lhs, rhs));
          v.set(b.create<arith::SelectOp>(v.loc, less, c, a));
        })
        .Case([&](ir::NegOp) {
          v.set(v.isF ? Value(b.create<arith::NegFOp>(v.loc, v.in(0)))
                      : Value(b.create<arith::SubIOp>(
                            v.loc, constInt(v.loc, v.t, 0), v.in(0))));
        })
        .Case([&](ir::AbsOp) {
          if (v.isF) {
            v.set(b.create<math::AbsFOp>(v.loc, v.in(0)));
            return;
          }
          // |MIN| wraps to MIN, as 0 - x does.
          Value x = v.in(0), zero = constInt(v.loc, v.t, 0);
          Value negative = b.create<arith::CmpIOp>(
              v.loc, arith::CmpIPredicate::slt, x, zero);
          Value negated = b.create<arith::SubIOp>(v.loc, zero, x);
          v.set(b.create<arith::SelectOp>(v.loc, negative, negated, x));
        })
        .Case([&](ir::SignOp) {
          Value x = v.in(0);
          if (v.isF) {
            // sem::Sign: ±0 and NaN are their own sign.
            Value zero = constFloat(v.loc, v.t, 0);
            Value pos = b.create<arith::CmpFOp>(
                v.loc, arith::CmpFPredicate::OGT, x, zero);
            Value neg = b.create<arith::CmpFOp>(
                v.loc, arith::CmpFPredicate::OLT, x, zero);
            Value one = constFloat(v.loc, v.t, 1),
                  minusOne = constFloat(v.loc, v.t, -1);
            Value inner = b.create<arith::SelectOp>(v.loc, neg, minusOne, x);
            v.set(b.create<arith::SelectOp>(v.loc, pos, one, inner));
            return;
          }
          Value zero = constInt(v.loc, v.t, 0);
          Value gt = b.create<arith::CmpIOp>(v.loc, arith::CmpIPredicate::sgt,
                                             x, zero);
          Value pos = b.create<arith::ExtUIOp>(v.loc, v.t, gt);
          Value lt = b.create<arith::CmpIOp>(v.loc, arith::CmpIPredicate::slt,
                                             x, zero);
          Value neg = b.create<arith::ExtUIOp>(v.loc, v.t, lt);
          v.set(b.create<arith::SubIOp>(v.loc, pos, neg));
        });
    return true;
  }

  /// sem::Div and sem::Rem.
  void lowerDivRem(const OpView &v, Value &fault) {
    bool rem = isa<ir::RemOp>(v.op);
    if (v.isF) {
      // sem::Rem on floats is std::fmod, which LLVM's frem calls.
      v.set(rem ? Value(b.create<arith::RemFOp>(v.loc, v.in(0), v.in(1)))
                : Value(b.create<arith::DivFOp>(v.loc, v.in(0), v.in(1))));
      return;
    }
    Value a = v.in(0), d = v.in(1);
    unsigned width = v.t.getIntOrFloatBitWidth();
    // By a constant 2^k (k >= 1): shifts, as a C++ compiler and the
    // register code (DivPow2I64) emit them; it never faults. LLVM
    // keeps an `sdiv` here and CodeGenPrepare turns a select with an
    // sdiv arm into a branch, which mispredicts (collatz).
    APInt divisor;
    if (matchPattern(d, m_ConstantInt(&divisor)) &&
        divisor.isStrictlyPositive() && divisor.isPowerOf2() &&
        divisor.logBase2() >= 1) {
      unsigned k = divisor.logBase2();
      // Truncation toward zero: bias a negative dividend by 2^k - 1.
      Value sign =
          b.create<arith::ShRSIOp>(v.loc, a, constInt(v.loc, v.t, width - 1));
      Value bias = b.create<arith::AndIOp>(
          v.loc, sign, constInt(v.loc, v.t, (int64_t(1) << k) - 1));
      Value biased = b.create<arith::AddIOp>(v.loc, a, bias);
      Value q =
          b.create<arith::ShRSIOp>(v.loc, biased, constInt(v.loc, v.t, k));
      if (!rem) {
        v.set(q);
        return;
      }
      // a - q * 2^k: the remainder has the dividend's sign.
      Value back = b.create<arith::ShLIOp>(v.loc, q, constInt(v.loc, v.t, k));
      v.set(b.create<arith::SubIOp>(v.loc, a, back));
      return;
    }
    // sem::checkDivision: a zero divisor or MIN / -1 faults; divide by
    // 1 instead so the code stays defined until the loop exits.
    Value zero = constInt(v.loc, v.t, 0), minusOne = constInt(v.loc, v.t, -1);
    Value min = b.create<arith::ConstantOp>(
        v.loc, b.getIntegerAttr(v.t, APInt::getSignedMinValue(width)));
    // (Each operand in a statement of its own: C++ leaves the order
    // of arguments open, and the IR should read in a fixed order.)
    Value isZero =
        b.create<arith::CmpIOp>(v.loc, arith::CmpIPredicate::eq, d, zero);
    Value isMinusOne =
        b.create<arith::CmpIOp>(v.loc, arith::CmpIPredicate::eq, d, minusOne);
    Value isMin =
        b.create<arith::CmpIOp>(v.loc, arith::CmpIPredicate::eq, a, min);
    Value overflow = b.create<arith::AndIOp>(v.loc, isMinusOne, isMin);
    Value bad = b.create<arith::OrIOp>(v.loc, isZero, overflow);
    fault = orFault(v.loc, fault, bad);
    Value safe =
        b.create<arith::SelectOp>(v.loc, bad, constInt(v.loc, v.t, 1), d);
    v.set(rem ? Value(b.create<arith::RemSIOp>(v.loc, a, safe))
              : Value(b.create<arith::DivSIOp>(v.loc, a, safe)));
  }

  /// sem::Pow: libm on floats, square-and-multiply on integers.
  void lowerPow(const OpView &v, Value &fault) {
    if (v.isF) {
      v.set(libm(v.loc, "pow", {v.in(0), v.in(1)}));
      return;
    }
    // sem::Pow on integers: square-and-multiply with wrapping
    // products; a negative exponent faults (and the loop never runs).
    Value zero = constInt(v.loc, v.t, 0), one = constInt(v.loc, v.t, 1);
    fault = orFault(v.loc, fault,
                    b.create<arith::CmpIOp>(v.loc, arith::CmpIPredicate::slt,
                                            v.in(1), zero));
    SmallVector<Value> inits = {one, v.in(0), v.in(1)};
    SmallVector<Type> types(3, v.t);
    auto loop = b.create<scf::WhileOp>(v.loc, types, inits);
    {
      OpBuilder::InsertionGuard guard(b);
      Block *before =
          b.createBlock(&loop.getBefore(), {}, types, {v.loc, v.loc, v.loc});
      Value go = b.create<arith::CmpIOp>(v.loc, arith::CmpIPredicate::sgt,
                                         before->getArgument(2), zero);
      b.create<scf::ConditionOp>(v.loc, go, before->getArguments());
      Block *after =
          b.createBlock(&loop.getAfter(), {}, types, {v.loc, v.loc, v.loc});
      Value result = after->getArgument(0), base = after->getArgument(1),
            e = after->getArgument(2);
      Value bit = b.create<arith::AndIOp>(v.loc, e, one);
      Value odd =
          b.create<arith::CmpIOp>(v.loc, arith::CmpIPredicate::ne, bit, zero);
      Value product = b.create<arith::MulIOp>(v.loc, result, base);
      result = b.create<arith::SelectOp>(v.loc, odd, product, result);
      base = b.create<arith::MulIOp>(v.loc, base, base);
      e = b.create<arith::ShRSIOp>(v.loc, e, one);
      b.create<scf::YieldOp>(v.loc, ValueRange{result, base, e});
    }
    v.set(loop.getResult(0));
  }

  /// Logical and bitwise ops; shifts fault on a bad count.
  bool lowerBitwise(const OpView &v, Value &fault) {
    if (!isa<ir::AndOp, ir::OrOp, ir::XorOp, ir::ShlOp, ir::ShrOp, ir::NotOp,
             ir::BitNotOp>(v.op))
      return false;
    TypeSwitch<Operation *>(v.op)
        .Case([&](ir::AndOp) {
          v.set(b.create<arith::AndIOp>(v.loc, v.in(0), v.in(1)));
        })
        .Case([&](ir::OrOp) {
          v.set(b.create<arith::OrIOp>(v.loc, v.in(0), v.in(1)));
        })
        .Case([&](ir::XorOp) {
          v.set(b.create<arith::XOrIOp>(v.loc, v.in(0), v.in(1)));
        })
        .Case<ir::ShlOp, ir::ShrOp>([&](Operation *) {
          // sem::ShiftOp: a count below 0 or not below the width faults.
          Value count = v.in(1);
          Value zero = constInt(v.loc, v.t, 0);
          Value width = constInt(v.loc, v.t, v.t.getIntOrFloatBitWidth());
          Value negative = b.create<arith::CmpIOp>(
              v.loc, arith::CmpIPredicate::slt, count, zero);
          Value tooBig = b.create<arith::CmpIOp>(
              v.loc, arith::CmpIPredicate::sge, count, width);
          Value bad = b.create<arith::OrIOp>(v.loc, negative, tooBig);
          fault = orFault(v.loc, fault, bad);
          Value safe = b.create<arith::SelectOp>(v.loc, bad, zero, count);
          v.set(isa<ir::ShlOp>(v.op)
                    ? Value(b.create<arith::ShLIOp>(v.loc, v.in(0), safe))
                    : Value(b.create<arith::ShRSIOp>(v.loc, v.in(0), safe)));
        })
        .Case([&](ir::NotOp) {
          v.set(
              b.create<arith::XOrIOp>(v.loc, v.in(0), constBool(v.loc, true)));
        })
        .Case([&](ir::BitNotOp) {
          v.set(b.create<arith::XOrIOp>(v.loc, v.in(0),
                                        constInt(v.loc, v.t, -1)));
        });
    return true;
  }

  /// Functions of floats (and their integer cases): libm calls,
  /// rounding, sigmoid, isnan/isfinite. None faults.
  bool lowerFloatFunction(const OpView &v) {
    if (!isa<ir::ExpOp, ir::LogOp, ir::TanhOp, ir::SinOp, ir::CosOp, ir::SqrtOp,
             ir::FloorOp, ir::CeilOp, ir::RoundOp, ir::SigmoidOp, ir::IsNanOp,
             ir::IsFiniteOp>(v.op))
      return false;
    TypeSwitch<Operation *>(v.op)
        .Case([&](ir::ExpOp) { v.set(libm(v.loc, "exp", v.in(0))); })
        .Case([&](ir::LogOp) { v.set(libm(v.loc, "log", v.in(0))); })
        .Case([&](ir::TanhOp) { v.set(libm(v.loc, "tanh", v.in(0))); })
        .Case([&](ir::SinOp) { v.set(libm(v.loc, "sin", v.in(0))); })
        .Case([&](ir::CosOp) { v.set(libm(v.loc, "cos", v.in(0))); })
        // Correctly rounded (sqrt) or exact: the instructions equal libm.
        .Case(
            [&](ir::SqrtOp) { v.set(b.create<math::SqrtOp>(v.loc, v.in(0))); })
        .Case([&](ir::FloorOp) {
          v.set(b.create<math::FloorOp>(v.loc, v.in(0)));
        })
        .Case(
            [&](ir::CeilOp) { v.set(b.create<math::CeilOp>(v.loc, v.in(0))); })
        // std::round: halfway cases away from zero, as llvm.round.
        .Case([&](ir::RoundOp) {
          v.set(b.create<math::RoundOp>(v.loc, v.in(0)));
        })
        .Case([&](ir::SigmoidOp) {
          // sem::Sigmoid's two forms, so neither side overflows.
          Value x = v.in(0), zero = constFloat(v.loc, v.t, 0),
                one = constFloat(v.loc, v.t, 1);
          Value nonNegative = b.create<arith::CmpFOp>(
              v.loc, arith::CmpFPredicate::OGE, x, zero);
          auto branch = b.create<scf::IfOp>(v.loc, TypeRange{v.t}, nonNegative,
                                            /*withElseRegion=*/true);
          {
            OpBuilder::InsertionGuard guard(b);
            b.setInsertionPointToStart(branch.thenBlock());
            Value minusX = b.create<arith::NegFOp>(v.loc, x);
            Value e = libm(v.loc, "exp", minusX);
            Value denominator = b.create<arith::AddFOp>(v.loc, one, e);
            b.create<scf::YieldOp>(
                v.loc, Value(b.create<arith::DivFOp>(v.loc, one, denominator)));
            b.setInsertionPointToStart(branch.elseBlock());
            e = libm(v.loc, "exp", x);
            denominator = b.create<arith::AddFOp>(v.loc, one, e);
            b.create<scf::YieldOp>(
                v.loc, Value(b.create<arith::DivFOp>(v.loc, e, denominator)));
          }
          v.set(branch.getResult(0));
        })
        .Case([&](ir::IsNanOp) {
          v.set(v.isF ? Value(b.create<arith::CmpFOp>(
                            v.loc, arith::CmpFPredicate::UNO, v.in(0), v.in(0)))
                      : constBool(v.loc, false));
        })
        .Case([&](ir::IsFiniteOp) {
          if (!v.isF) {
            v.set(constBool(v.loc, true));
            return;
          }
          // |x| < inf is false for ±inf and NaN.
          Value magnitude = b.create<math::AbsFOp>(v.loc, v.in(0));
          Value inf = b.create<arith::ConstantOp>(
              v.loc, b.getFloatAttr(
                         v.t, APFloat::getInf(
                                  cast<FloatType>(v.t).getFloatSemantics())));
          v.set(b.create<arith::CmpFOp>(v.loc, arith::CmpFPredicate::OLT,
                                        magnitude, inf));
        });
    return true;
  }

  /// sem::Eq...Ge: signed for integers, unsigned for bool (false < true),
  /// ordered for floats except `!=`, which is true for a NaN.
  Value lowerCompare(ir::CmpOp cmp, Value a, Value c, Type t) {
    Location loc = cmp.getLoc();
    using P = ir::CmpPredicate;
    P p = cmp.getPredicate();
    if (isa<FloatType>(t)) {
      arith::CmpFPredicate f = arith::CmpFPredicate::OEQ;
      switch (p) {
      case P::eq:
        f = arith::CmpFPredicate::OEQ;
        break;
      case P::ne:
        f = arith::CmpFPredicate::UNE;
        break;
      case P::lt:
        f = arith::CmpFPredicate::OLT;
        break;
      case P::le:
        f = arith::CmpFPredicate::OLE;
        break;
      case P::gt:
        f = arith::CmpFPredicate::OGT;
        break;
      case P::ge:
        f = arith::CmpFPredicate::OGE;
        break;
      }
      return b.create<arith::CmpFOp>(loc, f, a, c);
    }
    bool u = t.isInteger(1);
    arith::CmpIPredicate i = arith::CmpIPredicate::eq;
    switch (p) {
    case P::eq:
      i = arith::CmpIPredicate::eq;
      break;
    case P::ne:
      i = arith::CmpIPredicate::ne;
      break;
    case P::lt:
      i = u ? arith::CmpIPredicate::ult : arith::CmpIPredicate::slt;
      break;
    case P::le:
      i = u ? arith::CmpIPredicate::ule : arith::CmpIPredicate::sle;
      break;
    case P::gt:
      i = u ? arith::CmpIPredicate::ugt : arith::CmpIPredicate::sgt;
      break;
    case P::ge:
      i = u ? arith::CmpIPredicate::uge : arith::CmpIPredicate::sge;
      break;
    }
    return b.create<arith::CmpIOp>(loc, i, a, c);
  }

  /// sem::Cast<To, From>: static_cast, `!= 0` to bool, and a float outside
  /// the integer type's range faults.
  Value lowerCast(Location loc, Value x, Type from, Type to, Value &fault) {
    if (from == to)
      return x;
    bool fromF = isa<FloatType>(from), toF = isa<FloatType>(to);
    if (to.isInteger(1))
      return fromF
                 ? Value(b.create<arith::CmpFOp>(loc, arith::CmpFPredicate::UNE,
                                                 x, constFloat(loc, from, 0)))
                 : Value(b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::ne,
                                                 x, constInt(loc, from, 0)));
    if (fromF && toF)
      return from.getIntOrFloatBitWidth() < to.getIntOrFloatBitWidth()
                 ? Value(b.create<arith::ExtFOp>(loc, to, x))
                 : Value(b.create<arith::TruncFOp>(loc, to, x));
    if (!fromF && toF)
      return from.isInteger(1) ? Value(b.create<arith::UIToFPOp>(loc, to, x))
                               : Value(b.create<arith::SIToFPOp>(loc, to, x));
    if (!fromF && !toF) {
      unsigned fw = from.getIntOrFloatBitWidth(),
               tw = to.getIntOrFloatBitWidth();
      if (from.isInteger(1))
        return b.create<arith::ExtUIOp>(loc, to, x);
      return fw < tw ? Value(b.create<arith::ExtSIOp>(loc, to, x))
                     : Value(b.create<arith::TruncIOp>(loc, to, x));
    }
    // Float to integer: trunc(x) in [MIN, -MIN) as a double, else a fault
    // (NaN fails both tests); convert 0 instead so the code stays defined.
    Type f64 = b.getF64Type();
    Value wide = from.isF64() ? x : Value(b.create<arith::ExtFOp>(loc, f64, x));
    Value truncated = b.create<math::TruncOp>(loc, wide);
    double lo = std::ldexp(-1.0, to.getIntOrFloatBitWidth() - 1);
    Value low = constFloat(loc, f64, lo), high = constFloat(loc, f64, -lo);
    Value aboveLow =
        b.create<arith::CmpFOp>(loc, arith::CmpFPredicate::OGE, truncated, low);
    Value belowHigh = b.create<arith::CmpFOp>(loc, arith::CmpFPredicate::OLT,
                                              truncated, high);
    Value ok = b.create<arith::AndIOp>(loc, aboveLow, belowHigh);
    Value bad = b.create<arith::XOrIOp>(loc, ok, constBool(loc, true));
    fault = orFault(loc, fault, bad);
    Value zero = constFloat(loc, from, 0);
    Value safe = b.create<arith::SelectOp>(loc, ok, x, zero);
    return b.create<arith::FPToSIOp>(loc, to, safe);
  }

  SmallVector<Type> loweredTypes(TypeRange types) {
    SmallVector<Type> out;
    for (Type t : types)
      out.push_back(loweredScalarType(t));
    out.push_back(b.getI1Type());
    return out;
  }

  /// ag.if -> scf.if; only the taken branch runs. The fault flag leaves
  /// as an extra result.
  void lowerIf(ir::IfOp ifOp, IRMapping &map, Value &fault) {
    Location loc = ifOp.getLoc();
    auto lowered = b.create<scf::IfOp>(loc, loweredTypes(ifOp.getResultTypes()),
                                       map.lookup(ifOp.getCond()),
                                       /*withElseRegion=*/true);
    {
      OpBuilder::InsertionGuard guard(b);
      b.setInsertionPointToStart(lowered.thenBlock());
      b.create<scf::YieldOp>(loc,
                             lowerRegionBody(*ifOp.thenBlock(), map, fault));
      b.setInsertionPointToStart(lowered.elseBlock());
      if (Block *elseBlock = ifOp.elseBlock())
        b.create<scf::YieldOp>(loc, lowerRegionBody(*elseBlock, map, fault));
      else
        b.create<scf::YieldOp>(loc, fault);
    }
    for (auto [from, to] : llvm::zip(ifOp.getResults(), lowered.getResults()))
      map.map(from, to);
    fault = lowered.getResults().back();
  }

  /// ag.while -> scf.while with the fault flag carried: a fault ends the
  /// loop at its next condition.
  void lowerWhile(ir::WhileOp loop, IRMapping &map, Value &fault) {
    Location loc = loop.getLoc();
    int64_t id = loopId(loop);
    Type i64 = b.getI64Type();
    // Carried: the iteration count (budgets), the loop's values, the fault.
    SmallVector<Value> inits = {constInt(loc, i64, 0)};
    for (Value v : loop.getInits())
      inits.push_back(map.lookup(v));
    inits.push_back(fault);
    SmallVector<Type> carried = {i64};
    llvm::append_range(carried, loweredTypes(loop.getInits().getTypes()));
    SmallVector<Type> results = {i64};
    llvm::append_range(results, loweredTypes(loop.getResultTypes()));
    auto lowered = b.create<scf::WhileOp>(loc, results, inits);
    {
      OpBuilder::InsertionGuard guard(b);
      Block *before = b.createBlock(&lowered.getBefore(), {}, carried,
                                    SmallVector<Location>(carried.size(), loc));
      Block &srcBefore = *loop.beforeBlock();
      for (auto [from, to] : llvm::zip(srcBefore.getArguments(),
                                       before->getArguments().drop_front()))
        map.map(from, to);
      Value f = before->getArguments().back();
      // The evaluator counts an iteration before its condition.
      Value count = countIteration(loc, id, before->getArgument(0), f);
      loopStack.push_back({id, count});
      for (Operation &op : srcBefore.without_terminator())
        lowerOp(&op, map, f);
      ir::ConditionOp cond = loop.getConditionOp();
      Value ok = b.create<arith::XOrIOp>(loc, f, constBool(loc, true));
      Value go =
          b.create<arith::AndIOp>(loc, map.lookup(cond.getCondition()), ok);
      SmallVector<Value> forwarded = {count};
      for (Value v : cond.getArgs())
        forwarded.push_back(map.lookup(v));
      forwarded.push_back(f);
      b.create<scf::ConditionOp>(cond.getLoc(), go, forwarded);
      loopStack.pop_back();

      Block *after = b.createBlock(&lowered.getAfter(), {}, results,
                                   SmallVector<Location>(results.size(), loc));
      Block &srcAfter = *loop.afterBlock();
      for (auto [from, to] : llvm::zip(srcAfter.getArguments(),
                                       after->getArguments().drop_front()))
        map.map(from, to);
      loopStack.push_back({id, after->getArgument(0)});
      SmallVector<Value> next = {after->getArgument(0)};
      llvm::append_range(
          next, lowerRegionBody(srcAfter, map, after->getArguments().back()));
      loopStack.pop_back();
      b.create<scf::YieldOp>(loc, next);
    }
    for (auto [from, to] :
         llvm::zip(loop.getResults(), lowered.getResults().drop_front()))
      map.map(from, to);
    fault = lowered.getResults().back();
  }

  /// ag.for -> scf.while on (iv, carried..., fault), as the evaluator runs
  /// it: `iv < ub` for a positive step, `iv > ub` for a negative one, a
  /// zero step faults, and an iv + step that overflows ends the loop.
  void lowerFor(ir::ForOp loop, IRMapping &map, Value &fault) {
    Location loc = loop.getLoc();
    int64_t id = loopId(loop);
    Type i64 = b.getI64Type();
    Value lb = map.lookup(loop.getLowerBound()),
          ub = map.lookup(loop.getUpperBound()),
          step = map.lookup(loop.getStep());
    Value zero = constInt(loc, i64, 0);
    fault = orFault(
        loc, fault,
        b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::eq, step, zero));
    Value up =
        b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::sgt, step, zero);

    // Carried: iv, the iteration count (budgets), the values, the fault.
    SmallVector<Value> inits = {lb, zero};
    for (Value v : loop.getInits())
      inits.push_back(map.lookup(v));
    inits.push_back(fault);
    SmallVector<Type> types = {i64, i64};
    llvm::append_range(types, loweredTypes(loop.getInits().getTypes()));
    auto lowered = b.create<scf::WhileOp>(loc, types, inits);
    {
      OpBuilder::InsertionGuard guard(b);
      SmallVector<Location> locs(types.size(), loc);
      Block *before = b.createBlock(&lowered.getBefore(), {}, types, locs);
      Value iv = before->getArgument(0);
      Value below =
          b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::slt, iv, ub);
      Value above =
          b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::sgt, iv, ub);
      Value go = b.create<arith::SelectOp>(loc, up, below, above);
      Value ok = b.create<arith::XOrIOp>(loc, before->getArguments().back(),
                                         constBool(loc, true));
      go = b.create<arith::AndIOp>(loc, go, ok);
      b.create<scf::ConditionOp>(loc, go, before->getArguments());

      Block *after = b.createBlock(&lowered.getAfter(), {}, types, locs);
      Block &body = *loop.getBodyBlock();
      map.map(body.getArgument(0), after->getArgument(0));
      for (auto [from, to] : llvm::zip(body.getArguments().drop_front(),
                                       after->getArguments().drop_front(2)))
        map.map(from, to);
      // The evaluator counts an iteration once its condition held.
      Value f = after->getArguments().back();
      Value count = countIteration(loc, id, after->getArgument(1), f);
      loopStack.push_back({id, count});
      SmallVector<Value> next = lowerRegionBody(body, map, f);
      loopStack.pop_back();
      next.insert(next.begin(), count);
      iv = after->getArgument(0);
      auto sum = b.create<arith::AddUIExtendedOp>(loc, iv, step);
      // Signed overflow of iv + step: both operands' sign differs from the
      // sum's. Then the next iv is ub, which fails the condition.
      Value ivSign = b.create<arith::XOrIOp>(loc, iv, sum.getSum());
      Value stepSign = b.create<arith::XOrIOp>(loc, step, sum.getSum());
      Value both = b.create<arith::AndIOp>(loc, ivSign, stepSign);
      Value overflow =
          b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::slt, both, zero);
      Value nextIv = b.create<arith::SelectOp>(loc, overflow, ub, sum.getSum());
      next.insert(next.begin(), nextIv);
      b.create<scf::YieldOp>(loc, next);
    }
    for (auto [from, to] :
         llvm::zip(loop.getResults(), lowered.getResults().drop_front(2)))
      map.map(from, to);
    fault = lowered.getResults().back();
  }
};

/// Whether `func` has a ranked tensor of rank >= 1 anywhere: then the
/// elementwise path says why it is declined.
bool isElementwiseCandidate(ir::FuncOp func) {
  auto ranked = [](TypeRange types) {
    return llvm::any_of(types,
                        [](Type t) { return bool(rankedElementType(t)); });
  };
  if (ranked(func.getArgumentTypes()) || ranked(func.getResultTypes()))
    return true;
  bool found = false;
  func.walk([&](Operation *op) {
    found |= ranked(op->getResultTypes());
    return found ? WalkResult::interrupt() : WalkResult::advance();
  });
  return found;
}

} // namespace

std::string ag::native::regionBlocker(Operation *op) {
  auto token = [](Type t) { return isToken(t); };
  if (isa<ir::TokenOp>(op) || llvm::any_of(op->getOperandTypes(), token) ||
      llvm::any_of(op->getResultTypes(), token))
    return "is an effect, which the native backend runs in functions on 0-d "
           "values only";
  bool otherValue = false;
  return bufferedOpBlocker(op, otherValue);
}

namespace {

/// How each ag.func of a module is lowered: declined ones (with why),
/// the elementwise and buffered paths; the others the scalar path.
struct LoweringPlan {
  llvm::DenseMap<StringAttr, std::string> declined;
  llvm::DenseSet<StringAttr> elementwise, buffered;
};

/// Chooses `func`'s path, or declines it with a remark naming the op (or
/// the signature) that prevents each path.
void planFunction(ir::FuncOp func, LoweringPlan &plan) {
  if (func.isExternal()) {
    plan.declined[func.getSymNameAttr()] = "";
    return;
  }
  std::string why;
  Operation *blocker = findBlocker(func, why);
  if (blocker && isElementwiseCandidate(func)) {
    // One fused loop if every tensor has one shape, else a loop nest per
    // tensor op over buffers; the buffered path's reason is the more
    // precise one unless it is a value of another kind (a list).
    std::string elementwiseWhy, bufferedWhy;
    bool otherValue = false;
    blocker = findElementwiseBlocker(func, elementwiseWhy);
    if (!blocker) {
      plan.elementwise.insert(func.getSymNameAttr());
    } else if (Operation *b2 =
                   findBufferedBlocker(func, bufferedWhy, otherValue)) {
      if (!otherValue) {
        blocker = b2;
        why = bufferedWhy;
      } else {
        why = elementwiseWhy;
      }
    } else {
      blocker = nullptr;
      plan.buffered.insert(func.getSymNameAttr());
    }
  }
  if (!blocker)
    return;
  plan.declined[func.getSymNameAttr()] = why;
  if (blocker == func.getOperation())
    func.emitRemark() << "@" << func.getSymName()
                      << " stays on the interpreter: " << why;
  else
    blocker->emitRemark() << "'" << blocker->getName() << "' " << why << ": @"
                          << func.getSymName() << " stays on the interpreter";
}

/// Declines whatever calls a declined function (until nothing changes:
/// call chains are short).
void declineCallers(ArrayRef<ir::FuncOp> funcs, LoweringPlan &plan) {
  for (bool changed = true; changed;) {
    changed = false;
    for (ir::FuncOp func : funcs) {
      if (plan.declined.count(func.getSymNameAttr()))
        continue;
      func.walk([&](ir::CallOp call) {
        if (!plan.declined.count(call.getCalleeAttr().getAttr()))
          return WalkResult::advance();
        call.emitRemark() << "@" << func.getSymName()
                          << " stays on the interpreter: it calls @"
                          << call.getCallee() << ", which does";
        plan.declined[func.getSymNameAttr()] = "calls a declined function";
        changed = true;
        return WalkResult::interrupt();
      });
    }
  }
}

/// Whether a value of `func` has a dynamic shape (then the buffered path
/// passes dimensions, kDynamicShapesAttr).
bool hasDynamicShapes(ir::FuncOp func) {
  if (anyDynamic(func.getArgumentTypes()) || anyDynamic(func.getResultTypes()))
    return true;
  bool found = false;
  func.walk([&](Operation *op) {
    found |= anyDynamic(op->getResultTypes());
    return found ? WalkResult::interrupt() : WalkResult::advance();
  });
  return found;
}

/// The func.func `func` becomes, before its body: 0-d values as scalars;
/// on the elementwise and buffered paths, ranked parameters and results
/// as pointers (and the element count last on the elementwise path); the
/// fault flag as the last result.
func::FuncOp declareLowered(OpBuilder &b, ir::FuncOp func,
                            const LoweringPlan &plan) {
  b.setInsertionPoint(func);
  SmallVector<Type> inputs, results;
  bool bufferedFunc = plan.buffered.contains(func.getSymNameAttr());
  bool dynamic = bufferedFunc && hasDynamicShapes(func);
  if (plan.elementwise.contains(func.getSymNameAttr()) || bufferedFunc) {
    auto ptr = LLVM::LLVMPointerType::get(b.getContext());
    for (Type t : func.getArgumentTypes()) {
      inputs.push_back(scalarType(t) ? scalarType(t) : ptr);
      if (dynamic && !scalarType(t)) // the dimensions
        inputs.append(cast<RankedTensorType>(t).getRank(), b.getI64Type());
    }
    for (Type t : func.getResultTypes())
      if (scalarType(t))
        results.push_back(scalarType(t));
      else
        inputs.push_back(ptr);
    if (!bufferedFunc)
      inputs.push_back(b.getI64Type()); // the element count
  } else {
    for (Type t : func.getArgumentTypes())
      inputs.push_back(loweredScalarType(t));
    for (Type t : func.getResultTypes())
      results.push_back(loweredScalarType(t));
  }
  results.push_back(b.getI1Type());
  auto dst = b.create<func::FuncOp>(func.getLoc(), func.getSymName(),
                                    b.getFunctionType(inputs, results));
  if (func.isPrivate())
    dst.setPrivate();
  if (dynamic)
    dst->setAttr(ag::native::kDynamicShapesAttr, b.getUnitAttr());
  return dst;
}

} // namespace

LogicalResult ag::native::lowerToArith(ModuleOp module,
                                       std::vector<Location> *loopsOut) {
  std::vector<Location> ownLoops;
  std::vector<Location> &loops = loopsOut ? *loopsOut : ownLoops;
  SmallVector<ir::FuncOp> funcs(module.getOps<ir::FuncOp>());
  // Local blockers first, then whatever calls a declined function.
  LoweringPlan plan;
  for (ir::FuncOp func : funcs)
    planFunction(func, plan);
  declineCallers(funcs, plan);

  OpBuilder b(module.getContext());
  SmallVector<std::pair<ir::FuncOp, func::FuncOp>> lowered;
  for (ir::FuncOp func : funcs)
    if (!plan.declined.count(func.getSymNameAttr()))
      lowered.push_back({func, declareLowered(b, func, plan)});
  // Bodies after all signatures, then the ag.funcs go (same symbols).
  for (auto [src, dst] : lowered) {
    if (plan.elementwise.contains(src.getSymNameAttr())) {
      // Public: its pointer signature is not callable from ag code, and
      // the native backend finds it by this attribute.
      dst->setAttr(ag::native::kElementwiseAttr, b.getUnitAttr());
      FunctionLowering(b, module, loops).lowerElementwise(src, dst);
    } else if (plan.buffered.contains(src.getSymNameAttr())) {
      dst->setAttr(ag::native::kBufferedAttr, b.getUnitAttr());
      FunctionLowering(b, module, loops).lowerBuffered(src, dst);
    } else {
      FunctionLowering(b, module, loops).lowerBody(src, dst);
    }
  }
  for (auto [src, dst] : lowered)
    src.erase();
  return success();
}

namespace {

struct LowerToArithPass : public ag::impl::LowerToArithBase<LowerToArithPass> {
  void runOnOperation() override {
    if (failed(ag::native::lowerToArith(getOperation())))
      signalPassFailure();
  }
};

} // namespace
