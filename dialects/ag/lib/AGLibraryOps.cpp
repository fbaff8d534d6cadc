//===- AGLibraryOps.cpp - reduce, matmul, transpose, reshape --------------===//
//
// Type inference, verification, speculatability, folders and
// canonicalizations of the op library (issue 13). Folders compute with the
// C++ type of each element, as AGFold.cpp does, and leave alone anything
// whose value depends on the kernel's evaluation order (float sums) or that
// fails at run time (an empty min), so the runtime reports it.
//
//===----------------------------------------------------------------------===//

#include "ag/Dialect/AGOps.h"

#include "mlir/IR/Matchers.h"
#include "mlir/IR/PatternMatch.h"

#include <cmath>
#include <optional>
#include <type_traits>

using namespace mlir;
using namespace ag::ir;

namespace {

std::string listText(ArrayRef<int64_t> values) {
  std::string text = "[";
  for (size_t i = 0; i < values.size(); ++i)
    text += (i ? ", " : "") + std::to_string(values[i]);
  return text + "]";
}

bool isArgKind(ReductionKind kind) {
  return kind == ReductionKind::argmin || kind == ReductionKind::argmax;
}

/// min, max, argmin and argmax fail on an empty extent.
bool needsNonEmpty(ReductionKind kind) {
  return kind == ReductionKind::min || kind == ReductionKind::max ||
         isArgKind(kind);
}

/// Calls `fn` with a value of the C++ type of `elementType`.
template <typename Fn> auto visitElement(Type elementType, Fn &&fn) {
  if (elementType.isInteger(1))
    return fn(bool{});
  if (elementType.isInteger(32))
    return fn(int32_t{});
  if (elementType.isInteger(64))
    return fn(int64_t{});
  if (elementType.isF32())
    return fn(float{});
  return fn(double{});
}

template <typename T> T wrap(T a, T b, bool multiply) {
  using U = std::make_unsigned_t<T>;
  return static_cast<T>(multiply ? static_cast<U>(a) * static_cast<U>(b)
                                 : static_cast<U>(a) + static_cast<U>(b));
}

template <typename T> bool isNaN(T v) {
  if constexpr (std::is_floating_point_v<T>)
    return std::isnan(v);
  else
    return false;
}

} // namespace

//===----------------------------------------------------------------------===//
// ag.reduce
//===----------------------------------------------------------------------===//

LogicalResult ReduceOp::inferReturnTypes(MLIRContext *context,
                                         std::optional<Location> loc,
                                         Adaptor adaptor,
                                         SmallVectorImpl<Type> &results) {
  auto input = dyn_cast<RankedTensorType>(adaptor.getInput().getType());
  auto fail = [&](const Twine &message) {
    return emitOptionalError(loc, "'", getOperationName(), "' op ", message);
  };
  if (!input)
    return fail("input must be a ranked tensor");
  ReductionKind kind = adaptor.getKind();
  Type element = input.getElementType();
  bool isBool = element.isInteger(1);
  switch (kind) {
  case ReductionKind::sum:
  case ReductionKind::prod:
    if (isBool)
      return fail(stringifyReductionKind(kind) +
                  " needs a number tensor (cast i1 first)");
    break;
  case ReductionKind::mean:
    if (!isa<FloatType>(element))
      return fail("mean needs a float tensor");
    break;
  case ReductionKind::any:
  case ReductionKind::all:
    if (!isBool)
      return fail(stringifyReductionKind(kind) + " needs an i1 tensor");
    break;
  default:
    break;
  }
  ArrayRef<int64_t> axes = adaptor.getAxes();
  int64_t rank = input.getRank();
  for (size_t i = 0; i < axes.size(); ++i)
    if (axes[i] < 0 || axes[i] >= rank || (i && axes[i] <= axes[i - 1]))
      return fail("axes " + listText(axes) +
                  " must be sorted, distinct and in [0, " +
                  std::to_string(rank) + ")");
  if (isArgKind(kind) && axes.size() > 1 &&
      static_cast<int64_t>(axes.size()) != rank)
    return fail(stringifyReductionKind(kind) +
                " takes one axis or all of them, got " + listText(axes));
  if (needsNonEmpty(kind))
    for (int64_t a : axes)
      if (input.getDimSize(a) == 0)
        return fail(stringifyReductionKind(kind) +
                    " of an empty extent: dimension " + std::to_string(a) +
                    " has size 0");
  SmallVector<int64_t> shape;
  for (int64_t d = 0; d < rank; ++d) {
    bool reduced = llvm::is_contained(axes, d);
    if (!reduced)
      shape.push_back(input.getDimSize(d));
    else if (adaptor.getKeepdims())
      shape.push_back(1);
  }
  Type resultElement =
      isArgKind(kind) ? IntegerType::get(context, 64) : element;
  results.push_back(RankedTensorType::get(shape, resultElement));
  return success();
}

Speculation::Speculatability ReduceOp::getSpeculatability() {
  if (!needsNonEmpty(getKind()))
    return Speculation::Speculatable;
  auto input = cast<RankedTensorType>(getInput().getType());
  for (int64_t a : getAxes())
    if (input.isDynamicDim(a))
      return Speculation::NotSpeculatable;
  return Speculation::Speculatable;
}

/// The kernel's result for a constant: the same [outer, r, inner] walk.
/// Float sum/prod/mean are left to the kernel (its summation order).
OpFoldResult ReduceOp::fold(FoldAdaptor adaptor) {
  auto input = dyn_cast_or_null<DenseElementsAttr>(adaptor.getInput());
  ReductionKind kind = getKind();
  // Reducing over no axes copies (argmin/argmax: all zeros, not folded).
  if (getAxes().empty() && !isArgKind(kind) &&
      getInput().getType() == getType())
    return getInput();
  if (!input)
    return {};
  auto inputType = cast<RankedTensorType>(input.getType());
  auto resultType = cast<ShapedType>(getType());
  Type element = inputType.getElementType();
  bool floatOrder = isa<FloatType>(element) && (kind == ReductionKind::sum ||
                                                kind == ReductionKind::prod ||
                                                kind == ReductionKind::mean);
  if (floatOrder)
    return {};
  ArrayRef<int64_t> axes = getAxes();
  ArrayRef<int64_t> shape = inputType.getShape();
  int64_t rank = inputType.getRank();
  // Output index of each input element: strides of the keepdims shape, 0
  // along reduced axes; position along the reduced axes for arg kinds.
  SmallVector<int64_t> outStride(rank, 0), argStride(rank, 0);
  int64_t s = 1, t = 1;
  for (int64_t d = rank; d-- > 0;) {
    if (llvm::is_contained(axes, d)) {
      argStride[d] = t;
      t *= shape[d];
    } else {
      outStride[d] = s;
      s *= shape[d];
    }
  }
  int64_t outCount = s, count = t;
  if (count == 0 && needsNonEmpty(kind))
    return {};
  return visitElement(element, [&](auto tag) -> Attribute {
    using T = decltype(tag);
    SmallVector<T> values(input.getValues<T>());
    SmallVector<T> acc(outCount);
    SmallVector<int64_t> pos(outCount, 0);
    SmallVector<bool> started(outCount, false);
    SmallVector<int64_t> counter(rank, 0);
    for (size_t i = 0; i < values.size(); ++i) {
      int64_t o = 0, p = 0;
      for (int64_t d = 0; d < rank; ++d) {
        o += counter[d] * outStride[d];
        p += counter[d] * argStride[d];
      }
      T v = values[i];
      T &a = acc[o];
      if (!started[o]) {
        started[o] = true;
        a = v;
        pos[o] = p;
      } else {
        switch (kind) {
        case ReductionKind::sum:
        case ReductionKind::prod:
          if constexpr (std::is_integral_v<T> && !std::is_same_v<T, bool>)
            a = wrap(a, v, kind == ReductionKind::prod);
          break;
        case ReductionKind::min:
          a = (isNaN(a) || v >= a) ? a : v;
          break;
        case ReductionKind::max:
          a = (isNaN(a) || v <= a) ? a : v;
          break;
        case ReductionKind::any:
          a = a || v;
          break;
        case ReductionKind::all:
          a = a && v;
          break;
        case ReductionKind::argmin:
        case ReductionKind::argmax: {
          bool better = kind == ReductionKind::argmax ? v > a : v < a;
          if (!isNaN(a) && (better || isNaN(v))) {
            a = v;
            pos[o] = p;
          }
          break;
        }
        default:
          break;
        }
      }
      for (int64_t d = rank; d-- > 0;) {
        if (++counter[d] < shape[d])
          break;
        counter[d] = 0;
      }
    }
    if (isArgKind(kind))
      return DenseElementsAttr::get(resultType, ArrayRef<int64_t>(pos));
    // Empty groups: the identity.
    for (int64_t o = 0; o < outCount; ++o)
      if (!started[o])
        acc[o] = kind == ReductionKind::prod || kind == ReductionKind::all
                     ? T(1)
                     : T(0);
    if constexpr (std::is_same_v<T, bool>) {
      SmallVector<bool> bits(acc.begin(), acc.end());
      return DenseElementsAttr::get(resultType, ArrayRef<bool>(bits));
    } else {
      return DenseElementsAttr::get(resultType, ArrayRef<T>(acc));
    }
  });
}

namespace {

/// The 0-d value `v` is broadcast from, if any.
Value broadcastScalar(Value v) {
  auto broadcast = v.getDefiningOp<BroadcastOp>();
  if (!broadcast ||
      cast<RankedTensorType>(broadcast.getInput().getType()).getRank() != 0)
    return {};
  return broadcast.getInput();
}

/// `sum` over every axis without keepdims is `ag.reduce_sum`.
struct ReduceAllToReduceSum : OpRewritePattern<ReduceOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(ReduceOp op,
                                PatternRewriter &rewriter) const override {
    auto input = cast<RankedTensorType>(op.getInput().getType());
    if (op.getKind() != ReductionKind::sum || op.getKeepdims() ||
        static_cast<int64_t>(op.getAxes().size()) != input.getRank())
      return failure();
    rewriter.replaceOpWithNewOp<ReduceSumOp>(op, op.getType(), op.getInput());
    return success();
  }
};

/// min/max/any/all of a broadcast scalar over a static non-empty extent is
/// the scalar; an integer sum of one is the scalar times the count (what
/// the wrapping kernel computes). Float sums keep the kernel's order.
struct ReduceOfBroadcastScalar : OpRewritePattern<ReduceOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(ReduceOp op,
                                PatternRewriter &rewriter) const override {
    Value scalar = broadcastScalar(op.getInput());
    auto input = cast<RankedTensorType>(op.getInput().getType());
    auto result = cast<RankedTensorType>(op.getType());
    if (!scalar || !input.hasStaticShape())
      return failure();
    int64_t count = 1;
    for (int64_t a : op.getAxes())
      count *= input.getDimSize(a);
    ReductionKind kind = op.getKind();
    Value value;
    if (count > 0 &&
        (kind == ReductionKind::min || kind == ReductionKind::max ||
         kind == ReductionKind::any || kind == ReductionKind::all)) {
      value = scalar;
    } else if (kind == ReductionKind::sum &&
               result.getElementType().isInteger()) {
      auto type = cast<RankedTensorType>(scalar.getType());
      Value n = rewriter.create<ConstantOp>(
          op.getLoc(), DenseElementsAttr::get(
                           type, APInt(type.getElementTypeBitWidth(), count,
                                       /*isSigned=*/true)));
      value = rewriter.create<MulOp>(op.getLoc(), type, scalar, n);
    } else {
      return failure();
    }
    if (result.getRank() == 0)
      rewriter.replaceOp(op, value);
    else
      rewriter.replaceOpWithNewOp<BroadcastOp>(op, result, value);
    return success();
  }
};

/// ag.reduce_sum of a broadcast integer scalar: the scalar times the count.
struct ReduceSumOfBroadcastScalar : OpRewritePattern<ReduceSumOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(ReduceSumOp op,
                                PatternRewriter &rewriter) const override {
    Value scalar = broadcastScalar(op.getInput());
    auto input = cast<RankedTensorType>(op.getInput().getType());
    if (!scalar || !input.hasStaticShape() ||
        !input.getElementType().isInteger())
      return failure();
    auto type = cast<RankedTensorType>(scalar.getType());
    Value n = rewriter.create<ConstantOp>(
        op.getLoc(),
        DenseElementsAttr::get(type, APInt(type.getElementTypeBitWidth(),
                                           input.getNumElements(),
                                           /*isSigned=*/true)));
    rewriter.replaceOpWithNewOp<MulOp>(op, type, scalar, n);
    return success();
  }
};

} // namespace

void ReduceOp::getCanonicalizationPatterns(RewritePatternSet &results,
                                           MLIRContext *context) {
  results.add<ReduceAllToReduceSum, ReduceOfBroadcastScalar,
              ReduceSumOfBroadcastScalar>(context);
}

//===----------------------------------------------------------------------===//
// ag.matmul
//===----------------------------------------------------------------------===//

LogicalResult MatmulOp::inferReturnTypes(MLIRContext *,
                                         std::optional<Location> loc,
                                         Adaptor adaptor,
                                         SmallVectorImpl<Type> &results) {
  auto a = dyn_cast<RankedTensorType>(adaptor.getLhs().getType());
  auto b = dyn_cast<RankedTensorType>(adaptor.getRhs().getType());
  auto fail = [&](const Twine &message) {
    return emitOptionalError(loc, "'", getOperationName(), "' op ", message);
  };
  if (!a || !b)
    return fail("operands must be ranked tensors");
  if (a.getElementType() != b.getElementType())
    return fail("operands must have one element type");
  int64_t ra = a.getRank(), rb = b.getRank();
  if (ra < 1 || ra > 3 || rb < 1 || rb > 3)
    return fail("operands must have rank 1 to 3");
  int64_t k = a.getDimSize(ra - 1);
  int64_t k2 = rb == 1 ? b.getDimSize(0) : b.getDimSize(rb - 2);
  if (!ShapedType::isDynamic(k) && !ShapedType::isDynamic(k2) && k != k2)
    return fail("inner dimensions " + std::to_string(k) + " and " +
                std::to_string(k2) + " differ");
  SmallVector<int64_t> shape;
  if (ra == 3 && rb == 3) {
    int64_t ba = a.getDimSize(0), bb = b.getDimSize(0);
    if (!ShapedType::isDynamic(ba) && !ShapedType::isDynamic(bb) && ba != bb)
      return fail("batch dimensions " + std::to_string(ba) + " and " +
                  std::to_string(bb) + " differ");
    shape.push_back(ShapedType::isDynamic(ba) ? bb : ba);
  } else if (ra == 3) {
    shape.push_back(a.getDimSize(0));
  } else if (rb == 3) {
    shape.push_back(b.getDimSize(0));
  }
  if (ra >= 2)
    shape.push_back(a.getDimSize(ra - 2));
  if (rb >= 2)
    shape.push_back(b.getDimSize(rb - 1));
  results.push_back(RankedTensorType::get(shape, a.getElementType()));
  return success();
}

Speculation::Speculatability MatmulOp::getSpeculatability() {
  auto a = cast<RankedTensorType>(getLhs().getType());
  auto b = cast<RankedTensorType>(getRhs().getType());
  int64_t k = a.getDimSize(a.getRank() - 1);
  int64_t k2 =
      b.getRank() == 1 ? b.getDimSize(0) : b.getDimSize(b.getRank() - 2);
  bool batchKnown = a.getRank() != 3 || b.getRank() != 3 ||
                    (!a.isDynamicDim(0) && !b.isDynamicDim(0));
  return !ShapedType::isDynamic(k) && !ShapedType::isDynamic(k2) && batchKnown
             ? Speculation::Speculatable
             : Speculation::NotSpeculatable;
}

//===----------------------------------------------------------------------===//
// ag.transpose
//===----------------------------------------------------------------------===//

LogicalResult TransposeOp::inferReturnTypes(MLIRContext *,
                                            std::optional<Location> loc,
                                            Adaptor adaptor,
                                            SmallVectorImpl<Type> &results) {
  auto input = dyn_cast<RankedTensorType>(adaptor.getInput().getType());
  if (!input)
    return emitOptionalError(loc, "'", getOperationName(),
                             "' op input must be a ranked tensor");
  ArrayRef<int64_t> perm = adaptor.getPermutation();
  int64_t rank = input.getRank();
  SmallVector<bool> seen(rank, false);
  bool valid = static_cast<int64_t>(perm.size()) == rank;
  for (int64_t p : perm) {
    valid = valid && p >= 0 && p < rank && !seen[p];
    if (valid)
      seen[p] = true;
  }
  if (!valid)
    return emitOptionalError(loc, "'", getOperationName(), "' op ",
                             listText(perm), " is not a permutation of the ",
                             rank, " dimensions of ", input);
  SmallVector<int64_t> shape;
  for (int64_t p : perm)
    shape.push_back(input.getDimSize(p));
  results.push_back(RankedTensorType::get(shape, input.getElementType()));
  return success();
}

OpFoldResult TransposeOp::fold(FoldAdaptor adaptor) {
  ArrayRef<int64_t> perm = getPermutation();
  bool identity = true;
  for (size_t i = 0; i < perm.size(); ++i)
    identity = identity && perm[i] == static_cast<int64_t>(i);
  if (identity)
    return getInput();
  // transpose(transpose(x, p), q) = transpose(x, p[q[i]]).
  if (auto inner = getInput().getDefiningOp<TransposeOp>()) {
    ArrayRef<int64_t> p = inner.getPermutation();
    SmallVector<int64_t> composed;
    for (int64_t q : perm)
      composed.push_back(p[q]);
    getInputMutable().assign(inner.getInput());
    setPermutation(composed);
    return getResult();
  }
  auto input = dyn_cast_or_null<DenseElementsAttr>(adaptor.getInput());
  if (!input)
    return {};
  auto resultType = cast<ShapedType>(getType());
  if (input.isSplat())
    return input.resizeSplat(resultType);
  ArrayRef<int64_t> shape = cast<ShapedType>(input.getType()).getShape();
  int64_t rank = shape.size();
  SmallVector<int64_t> inStride(rank);
  int64_t s = 1;
  for (int64_t d = rank; d-- > 0;) {
    inStride[d] = s;
    s *= shape[d];
  }
  SmallVector<Attribute> values(input.getValues<Attribute>());
  SmallVector<Attribute> out;
  out.reserve(values.size());
  SmallVector<int64_t> counter(rank, 0);
  ArrayRef<int64_t> outShape = resultType.getShape();
  for (size_t i = 0; i < values.size(); ++i) {
    int64_t source = 0;
    for (int64_t d = 0; d < rank; ++d)
      source += counter[d] * inStride[perm[d]];
    out.push_back(values[source]);
    for (int64_t d = rank; d-- > 0;) {
      if (++counter[d] < outShape[d])
        break;
      counter[d] = 0;
    }
  }
  return DenseElementsAttr::get(resultType, out);
}

//===----------------------------------------------------------------------===//
// ag.reshape
//===----------------------------------------------------------------------===//

LogicalResult ReshapeOp::verify() {
  auto input = cast<RankedTensorType>(getInput().getType());
  auto result = cast<RankedTensorType>(getType());
  if (input.getElementType() != result.getElementType())
    return emitOpError("element types differ: ") << input << " and " << result;
  if (result.getNumDynamicDims() > 1)
    return emitOpError("at most one result dimension may be dynamic, got ")
           << result;
  if (input.hasStaticShape() && result.hasStaticShape() &&
      input.getNumElements() != result.getNumElements())
    return emitOpError("cannot reshape ")
           << input << " (" << input.getNumElements() << " elements) to "
           << result << " (" << result.getNumElements() << " elements)";
  return success();
}

Speculation::Speculatability ReshapeOp::getSpeculatability() {
  auto input = cast<RankedTensorType>(getInput().getType());
  auto result = cast<RankedTensorType>(getType());
  return input.hasStaticShape() && result.hasStaticShape()
             ? Speculation::Speculatable
             : Speculation::NotSpeculatable;
}

OpFoldResult ReshapeOp::fold(FoldAdaptor adaptor) {
  if (getInput().getType() == getType() &&
      cast<RankedTensorType>(getType()).hasStaticShape())
    return getInput();
  // reshape(reshape(x)) = reshape(x): only the element order matters.
  if (auto inner = getInput().getDefiningOp<ReshapeOp>()) {
    getInputMutable().assign(inner.getInput());
    return getResult();
  }
  auto input = dyn_cast_or_null<DenseElementsAttr>(adaptor.getInput());
  auto result = cast<RankedTensorType>(getType());
  if (!input || !result.hasStaticShape())
    return {};
  return input.reshape(result);
}
