//===- AGLibraryOps.cpp - reductions, matmul and the shape ops
//-------------===//
//
// Type inference, verification, speculatability, folders and
// canonicalizations of the op library (issue 13). Folders compute with the
// C++ type of each element, as AGFold.cpp does, and leave alone anything
// whose value depends on the kernel's evaluation order (float sums) or that
// fails at run time (an empty min), so the runtime reports it.
//
//===----------------------------------------------------------------------===//

#include "ag/Dialect/AGDType.h"
#include "ag/Dialect/AGOps.h"
#include "ag/semantics/Layout.h"
#include "ag/semantics/Slice.h"

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

/// An error of `Op`'s type inference (emitted only when `loc` is given).
template <typename Op, typename... Args>
LogicalResult inferError(std::optional<Location> loc, const Args &...args) {
  return emitOptionalError(loc, "'", Op::getOperationName(), "' op ", args...);
}

using ag::sem::rowMajorStrides;

/// The elements of a strided view of `values`, in the row-major order of
/// `shape`: element `idx` is `values[offset + sum(idx[d] * strides[d])]`.
/// The folders' counterpart of the runtime's stridedCopy.
SmallVector<Attribute> stridedElements(ArrayRef<Attribute> values,
                                       int64_t offset,
                                       ArrayRef<int64_t> strides,
                                       ArrayRef<int64_t> shape) {
  SmallVector<Attribute> out;
  int64_t count = 1;
  for (int64_t d : shape)
    count *= d;
  out.reserve(count);
  size_t rank = shape.size();
  SmallVector<int64_t> counter(rank, 0);
  int64_t source = offset;
  for (int64_t i = 0; i < count; ++i) {
    out.push_back(values[source]);
    for (size_t d = rank; d-- > 0;) {
      source += strides[d];
      if (++counter[d] < shape[d])
        break;
      source -= strides[d] * shape[d];
      counter[d] = 0;
    }
  }
  return out;
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

namespace {

/// Adds `v`, at position `p` along the reduced axes, into the started
/// accumulator `a` (and `pos`, the position argmin/argmax found), as the
/// kernel does.
template <typename T>
void accumulate(ReductionKind kind, T &a, int64_t &pos, T v, int64_t p) {
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
      pos = p;
    }
    break;
  }
  default:
    break;
  }
}

/// The reduction of the constant `input` of T into `resultType`, walking its
/// elements in order: element (counter) goes to output counter . outStride,
/// at position counter . argStride along the reduced axes.
template <typename T>
Attribute reduceConstant(ReductionKind kind, DenseElementsAttr input,
                         ShapedType resultType, ArrayRef<int64_t> outStride,
                         ArrayRef<int64_t> argStride, int64_t outCount) {
  ArrayRef<int64_t> shape = cast<ShapedType>(input.getType()).getShape();
  int64_t rank = shape.size();
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
    if (!started[o]) {
      started[o] = true;
      acc[o] = values[i];
      pos[o] = p;
    } else {
      accumulate(kind, acc[o], pos[o], values[i], p);
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
      acc[o] = kind == ReductionKind::prod || kind == ReductionKind::all ? T(1)
                                                                         : T(0);
  if constexpr (std::is_same_v<T, bool>) {
    SmallVector<bool> bits(acc.begin(), acc.end());
    return DenseElementsAttr::get(resultType, ArrayRef<bool>(bits));
  } else {
    return DenseElementsAttr::get(resultType, ArrayRef<T>(acc));
  }
}

} // namespace

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
  return visitElementType(element, [&](auto tag) -> Attribute {
    return reduceConstant<decltype(tag)>(kind, input, resultType, outStride,
                                         argStride, outCount);
  });
}

namespace {

/// The 0-d value `v` is broadcast from, if any.
Value broadcastScalar(Value v) {
  auto broadcast = v.getDefiningOp<BroadcastOp>();
  if (!broadcast || !broadcast.getLike().empty() ||
      cast<RankedTensorType>(broadcast.getInput().getType()).getRank() != 0)
    return {};
  return broadcast.getInput();
}

/// An integer `sum` over every axis without keepdims is `ag.reduce_sum`.
/// Not a float one: `ag.reduce` adds floats in eight partial sums,
/// `ag.reduce_sum` in one pass (docs/dialect/README.md), so the rewrite
/// would change the bits of the eager result.
struct ReduceAllToReduceSum : OpRewritePattern<ReduceOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(ReduceOp op,
                                PatternRewriter &rewriter) const override {
    auto input = cast<RankedTensorType>(op.getInput().getType());
    if (op.getKind() != ReductionKind::sum || op.getKeepdims() ||
        !input.getElementType().isInteger() ||
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

/// Integer products of constants, as the kernel computes them (wrapping, so
/// the order does not matter). Float products are left to the kernel: its
/// GEMM's summation order decides the bits. Large products are left too.
OpFoldResult MatmulOp::fold(FoldAdaptor adaptor) {
  auto lhs = dyn_cast_or_null<DenseElementsAttr>(adaptor.getLhs());
  auto rhs = dyn_cast_or_null<DenseElementsAttr>(adaptor.getRhs());
  auto resultType = cast<RankedTensorType>(getType());
  if (!lhs || !rhs || !resultType.getElementType().isInteger() ||
      !resultType.hasStaticShape())
    return {};
  // Both operands as [batch, m, k] x [batch, k, n] (a missing batch shared,
  // a vector operand m = 1 or n = 1): the result's row-major order is the
  // same with those size-1 dimensions dropped.
  auto a = cast<RankedTensorType>(lhs.getType());
  auto b = cast<RankedTensorType>(rhs.getType());
  int64_t ra = a.getRank(), rb = b.getRank();
  int64_t m = ra >= 2 ? a.getDimSize(ra - 2) : 1, k = a.getDimSize(ra - 1);
  int64_t n = rb >= 2 ? b.getDimSize(rb - 1) : 1;
  int64_t batch = ra == 3 ? a.getDimSize(0) : rb == 3 ? b.getDimSize(0) : 1;
  // A splat operand may have any static shape: the work is counted with
  // overflow checks.
  int64_t work = 1;
  for (int64_t d : {batch, m, n, k})
    if (__builtin_mul_overflow(work, d, &work) || work > (1 << 20))
      return {};
  int64_t aBatch = ra == 3 ? m * k : 0, bBatch = rb == 3 ? k * n : 0;
  return visitElementType(
      resultType.getElementType(), [&](auto tag) -> Attribute {
        using T = decltype(tag);
        if constexpr (std::is_integral_v<T> && !std::is_same_v<T, bool>) {
          SmallVector<T> x(lhs.getValues<T>()), y(rhs.getValues<T>());
          SmallVector<T> out(batch * m * n, T(0));
          for (int64_t p = 0; p < batch; ++p)
            for (int64_t i = 0; i < m; ++i)
              for (int64_t j = 0; j < n; ++j) {
                T acc = 0;
                for (int64_t q = 0; q < k; ++q)
                  acc = wrap(acc,
                             wrap(x[p * aBatch + i * k + q],
                                  y[p * bBatch + q * n + j], /*multiply=*/true),
                             /*multiply=*/false);
                out[(p * m + i) * n + j] = acc;
              }
          return DenseElementsAttr::get(resultType, ArrayRef<T>(out));
        } else {
          return {};
        }
      });
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
  std::vector<int64_t> inStride =
      rowMajorStrides(cast<ShapedType>(input.getType()).getShape());
  SmallVector<int64_t> stride;
  for (int64_t p : perm)
    stride.push_back(inStride[p]);
  SmallVector<Attribute> values(input.getValues<Attribute>());
  return DenseElementsAttr::get(
      resultType, stridedElements(values, 0, stride, resultType.getShape()));
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

//===----------------------------------------------------------------------===//
// ag.concat
//===----------------------------------------------------------------------===//

LogicalResult ConcatOp::inferReturnTypes(MLIRContext *,
                                         std::optional<Location> loc,
                                         Adaptor adaptor,
                                         SmallVectorImpl<Type> &results) {
  ValueRange inputs = adaptor.getInputs();
  if (inputs.empty())
    return inferError<ConcatOp>(loc, "needs at least one operand");
  auto first = dyn_cast<RankedTensorType>(inputs.front().getType());
  if (!first)
    return inferError<ConcatOp>(loc, "operands must be ranked tensors");
  int64_t rank = first.getRank();
  int64_t axis = static_cast<int64_t>(adaptor.getAxis());
  if (rank == 0)
    return inferError<ConcatOp>(loc, "cannot concatenate 0-d tensors");
  if (axis < 0 || axis >= rank)
    return inferError<ConcatOp>(loc, "axis " + std::to_string(axis) +
                                         " is out of range for rank " +
                                         std::to_string(rank));
  SmallVector<int64_t> shape(first.getShape());
  shape[axis] = 0;
  for (Value v : inputs) {
    auto type = dyn_cast<RankedTensorType>(v.getType());
    if (!type || type.getElementType() != first.getElementType() ||
        type.getRank() != rank)
      return inferError<ConcatOp>(
          loc, "operands must share the element type and rank of ", first);
    for (int64_t d = 0; d < rank; ++d) {
      int64_t n = type.getDimSize(d);
      if (d == axis) {
        if (ShapedType::isDynamic(n) || ShapedType::isDynamic(shape[d]))
          shape[d] = ShapedType::kDynamic;
        else if (__builtin_add_overflow(shape[d], n, &shape[d]))
          return inferError<ConcatOp>(loc,
                                      "the result has more than 2^63 elements");
      } else if (ShapedType::isDynamic(shape[d])) {
        shape[d] = n;
      } else if (!ShapedType::isDynamic(n) && n != shape[d]) {
        return inferError<ConcatOp>(loc, first, " and ", type,
                                    " differ in dimension ", d);
      }
    }
  }
  results.push_back(RankedTensorType::get(shape, first.getElementType()));
  return success();
}

Speculation::Speculatability ConcatOp::getSpeculatability() {
  // Only dimensions other than the axis can disagree at run time.
  int64_t axis = static_cast<int64_t>(getAxis());
  for (Value v : getInputs()) {
    auto type = cast<RankedTensorType>(v.getType());
    for (int64_t d = 0; d < type.getRank(); ++d)
      if (d != axis && type.isDynamicDim(d))
        return Speculation::NotSpeculatable;
  }
  return Speculation::Speculatable;
}

OpFoldResult ConcatOp::fold(FoldAdaptor adaptor) {
  if (getInputs().size() == 1 && getInputs().front().getType() == getType())
    return getInputs().front();
  auto resultType = cast<RankedTensorType>(getType());
  if (!resultType.hasStaticShape())
    return {};
  int64_t axis = static_cast<int64_t>(getAxis());
  // Row-major: for each index before the axis, each operand's block of
  // shape[axis] * inner elements in turn.
  ArrayRef<int64_t> shape = resultType.getShape();
  int64_t outer = 1, inner = 1;
  for (int64_t d = 0; d < axis; ++d)
    outer *= shape[d];
  for (int64_t d = axis + 1; d < resultType.getRank(); ++d)
    inner *= shape[d];
  SmallVector<SmallVector<Attribute>> values;
  for (Attribute a : adaptor.getInputs()) {
    auto input = dyn_cast_or_null<DenseElementsAttr>(a);
    if (!input)
      return {};
    values.emplace_back(input.getValues<Attribute>());
  }
  SmallVector<Attribute> out;
  out.reserve(resultType.getNumElements());
  for (int64_t o = 0; o < outer; ++o)
    for (auto [value, operand] : llvm::zip(values, getInputs())) {
      int64_t block =
          cast<RankedTensorType>(operand.getType()).getDimSize(axis) * inner;
      out.append(value.begin() + o * block, value.begin() + (o + 1) * block);
    }
  return DenseElementsAttr::get(resultType, out);
}

//===----------------------------------------------------------------------===//
// ag.slice
//===----------------------------------------------------------------------===//

LogicalResult SliceOp::inferReturnTypes(MLIRContext *,
                                        std::optional<Location> loc,
                                        Adaptor adaptor,
                                        SmallVectorImpl<Type> &results) {
  auto input = dyn_cast<RankedTensorType>(adaptor.getInput().getType());
  if (!input)
    return inferError<SliceOp>(loc, "input must be a ranked tensor");
  ArrayRef<int64_t> start = adaptor.getStart(), stop = adaptor.getStop(),
                    step = adaptor.getStep();
  int64_t rank = input.getRank();
  if (static_cast<int64_t>(start.size()) != rank ||
      static_cast<int64_t>(stop.size()) != rank ||
      static_cast<int64_t>(step.size()) != rank)
    return inferError<SliceOp>(
        loc, "needs one start, stop and step for each of the ", rank,
        " dimensions of ", input);
  SmallVector<int64_t> shape;
  for (int64_t d = 0; d < rank; ++d) {
    int64_t n = input.getDimSize(d);
    auto bad = [&] {
      return inferError<SliceOp>(
          loc, ag::sem::sliceError(start[d], stop[d], step[d], d), " of ",
          input);
    };
    if (!ShapedType::isDynamic(n)) {
      std::optional<ag::sem::SliceExtent> extent =
          ag::sem::resolveSlice(n, start[d], stop[d], step[d]);
      if (!extent)
        return bad();
      shape.push_back(extent->length);
      continue;
    }
    if (step[d] == 0)
      return bad();
    // Bounds out of range are the kernel's error when the size is known.
    // The length is left dynamic unless both bounds count from the same
    // end and are crossed for the step's direction (empty if in range).
    bool sameEnd = (start[d] < 0) == (stop[d] < 0) &&
                   stop[d] != ag::sem::kSliceEnd &&
                   start[d] != ag::sem::kSliceEnd;
    bool empty =
        sameEnd && (step[d] > 0 ? start[d] >= stop[d] : start[d] <= stop[d]);
    shape.push_back(empty ? 0 : ShapedType::kDynamic);
  }
  results.push_back(RankedTensorType::get(shape, input.getElementType()));
  return success();
}

Speculation::Speculatability SliceOp::getSpeculatability() {
  return cast<RankedTensorType>(getInput().getType()).hasStaticShape()
             ? Speculation::Speculatable
             : Speculation::NotSpeculatable;
}

OpFoldResult SliceOp::fold(FoldAdaptor adaptor) {
  auto inputType = cast<RankedTensorType>(getInput().getType());
  auto resultType = cast<RankedTensorType>(getType());
  if (!inputType.hasStaticShape())
    return {};
  // Verified: every bound resolves.
  int64_t rank = inputType.getRank();
  SmallVector<int64_t> first(rank), step(getStep());
  bool identity = true;
  for (int64_t d = 0; d < rank; ++d) {
    first[d] = ag::sem::resolveSlice(inputType.getDimSize(d), getStart()[d],
                                     getStop()[d], step[d])
                   ->start;
    identity = identity && first[d] == 0 &&
               resultType.getDimSize(d) == inputType.getDimSize(d) &&
               (step[d] == 1 || resultType.getDimSize(d) <= 1);
  }
  if (identity)
    return getInput();
  auto input = dyn_cast_or_null<DenseElementsAttr>(adaptor.getInput());
  if (!input)
    return {};
  if (input.isSplat())
    return input.resizeSplat(resultType);
  std::vector<int64_t> stride = rowMajorStrides(inputType.getShape());
  int64_t offset = 0;
  for (int64_t d = 0; d < rank; ++d) {
    offset += first[d] * stride[d];
    // A huge step takes one element: its product is never used.
    stride[d] = resultType.getDimSize(d) > 1 ? stride[d] * step[d] : 0;
  }
  SmallVector<Attribute> values(input.getValues<Attribute>());
  return DenseElementsAttr::get(
      resultType,
      stridedElements(values, offset, stride, resultType.getShape()));
}

//===----------------------------------------------------------------------===//
// ag.gather
//===----------------------------------------------------------------------===//

LogicalResult GatherOp::inferReturnTypes(MLIRContext *,
                                         std::optional<Location> loc,
                                         Adaptor adaptor,
                                         SmallVectorImpl<Type> &results) {
  auto input = dyn_cast<RankedTensorType>(adaptor.getInput().getType());
  auto indices = dyn_cast<RankedTensorType>(adaptor.getIndices().getType());
  if (!input || !indices)
    return inferError<GatherOp>(loc, "operands must be ranked tensors");
  int64_t rank = input.getRank();
  int64_t axis = static_cast<int64_t>(adaptor.getAxis());
  if (axis < 0 || axis >= rank)
    return inferError<GatherOp>(loc, "axis ", axis, " is out of range for ",
                                input);
  SmallVector<int64_t> shape(input.getShape().take_front(axis));
  llvm::append_range(shape, indices.getShape());
  llvm::append_range(shape, input.getShape().drop_front(axis + 1));
  results.push_back(RankedTensorType::get(shape, input.getElementType()));
  return success();
}

OpFoldResult GatherOp::fold(FoldAdaptor adaptor) {
  auto input = dyn_cast_or_null<DenseElementsAttr>(adaptor.getInput());
  auto indices = dyn_cast_or_null<DenseElementsAttr>(adaptor.getIndices());
  auto resultType = cast<RankedTensorType>(getType());
  if (!input || !indices || !resultType.hasStaticShape())
    return {};
  auto inputType = cast<RankedTensorType>(input.getType());
  int64_t axis = static_cast<int64_t>(getAxis());
  int64_t n = inputType.getDimSize(axis);
  SmallVector<int64_t> at;
  for (const APInt &i : indices.getValues<APInt>()) {
    at.push_back(i.getSExtValue());
    if (at.back() < 0 || at.back() >= n)
      return {}; // the runtime reports it at the user's line
  }
  if (input.isSplat())
    return input.resizeSplat(resultType);
  int64_t outer = 1, inner = 1;
  for (int64_t d = 0; d < axis; ++d)
    outer *= inputType.getDimSize(d);
  for (int64_t d = axis + 1; d < inputType.getRank(); ++d)
    inner *= inputType.getDimSize(d);
  SmallVector<Attribute> values(input.getValues<Attribute>());
  SmallVector<Attribute> out;
  out.reserve(resultType.getNumElements());
  for (int64_t o = 0; o < outer; ++o)
    for (int64_t i : at) {
      auto row = values.begin() + (o * n + i) * inner;
      out.append(row, row + inner);
    }
  return DenseElementsAttr::get(resultType, out);
}
