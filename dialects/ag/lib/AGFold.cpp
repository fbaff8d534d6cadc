//===- AGFold.cpp - ag op folders -----------------------------------------===//
//
// Constant folding computes each element with the ag::sem functor of the op
// (ag/semantics/ElementOps.h), the definition the runtime kernels use, on
// the C++ type of the element (bool, int32_t, int64_t, float, double), so a
// folded graph gives what the eager code gives. Anything whose C++ result is
// undefined or an error at run time (integer division by zero, INT_MIN / -1,
// overflowing float-to-int casts, an out-of-range index) is left unfolded so
// the runtime reports it at the op's location.
//
//===----------------------------------------------------------------------===//

#include "ag/Dialect/AGDType.h"
#include "ag/Dialect/AGOps.h"
#include "ag/semantics/ElementOps.h"

#include "mlir/IR/Matchers.h"

#include <cmath>
#include <limits>
#include <optional>
#include <type_traits>

using namespace mlir;
using namespace ag::ir;

namespace {

/// Like visitElementType for ops whose operands are numbers: `fn` is never
/// instantiated for bool.
template <typename Fn> Attribute visitNumericType(Type elementType, Fn &&fn) {
  return visitElementType(elementType, [&](auto tag) -> Attribute {
    if constexpr (std::is_same_v<decltype(tag), bool>)
      return {};
    else
      return fn(tag);
  });
}

/// Elementwise map of N constants into `resultType`. A 0-d (or splat)
/// operand broadcasts. `fn` returns std::nullopt to refuse folding.
template <unsigned N, typename In, typename Out, typename Fn>
Attribute mapElements(ShapedType resultType, ArrayRef<DenseElementsAttr> args,
                      Fn fn) {
  assert(args.size() == N && "wrong number of operands");
  bool allSplat =
      llvm::all_of(args, [](DenseElementsAttr arg) { return arg.isSplat(); });
  int64_t count = allSplat ? 1 : resultType.getNumElements();
  SmallVector<Out> out;
  out.reserve(count);
  for (int64_t i = 0; i < count; ++i) {
    // Splat iterators read their one element at every index.
    auto at = [&](unsigned k) {
      return *(args[k].getValues<In>().begin() + i);
    };
    std::optional<Out> value;
    if constexpr (N == 1)
      value = fn(at(0));
    else
      value = fn(at(0), at(1));
    if (!value)
      return {};
    out.push_back(*value);
  }
  if (allSplat)
    return DenseElementsAttr::get(resultType, out.front());
  return DenseElementsAttr::get(resultType, ArrayRef<Out>(out));
}

/// The constant operands as DenseElementsAttrs, or an empty vector if any is
/// not a dense constant.
SmallVector<DenseElementsAttr> getDense(ArrayRef<Attribute> operands) {
  SmallVector<DenseElementsAttr> dense;
  for (Attribute attr : operands) {
    auto elements = dyn_cast_or_null<DenseElementsAttr>(attr);
    if (!elements)
      return {};
    dense.push_back(elements);
  }
  return dense;
}

/// Folds a binary elementwise op (comparisons included) through its ag::sem
/// functor; an element the functor faults on leaves the op for the runtime.
template <typename Op>
Attribute foldBinaryWith(Operation *op, ArrayRef<Attribute> operands) {
  SmallVector<DenseElementsAttr> args = getDense(operands);
  if (args.empty())
    return {};
  auto resultType = cast<ShapedType>(op->getResult(0).getType());
  return visitElementType(args[0].getElementType(), [&](auto tag) -> Attribute {
    using T = decltype(tag);
    if constexpr (!Op::template accepts<T>) {
      return {};
    } else {
      using R = decltype(Op::apply(T(), T()));
      return mapElements<2, T, R>(resultType, args,
                                  [](T a, T b) -> std::optional<R> {
                                    if constexpr (Op::template mayFault<T>)
                                      if (Op::check(a, b))
                                        return std::nullopt;
                                    return Op::apply(a, b);
                                  });
    }
  });
}

/// Folds a unary elementwise op through its ag::sem functor.
template <typename Op>
Attribute foldUnaryWith(Operation *op, ArrayRef<Attribute> operands) {
  SmallVector<DenseElementsAttr> args = getDense(operands);
  if (args.empty())
    return {};
  auto resultType = cast<ShapedType>(op->getResult(0).getType());
  return visitElementType(args[0].getElementType(), [&](auto tag) -> Attribute {
    using T = decltype(tag);
    if constexpr (!Op::template accepts<T>) {
      return {};
    } else {
      using R = decltype(Op::apply(T()));
      return mapElements<1, T, R>(resultType, args,
                                  [](T a) -> std::optional<R> {
                                    if constexpr (Op::template mayFault<T>)
                                      if (Op::check(a))
                                        return std::nullopt;
                                    return Op::apply(a);
                                  });
    }
  });
}

/// The splat value of a constant operand, if it is one.
template <typename T> std::optional<T> getSplat(Attribute attr) {
  auto elements = dyn_cast_or_null<DenseElementsAttr>(attr);
  if (!elements || !elements.isSplat())
    return std::nullopt;
  return elements.getSplatValue<T>();
}

/// `value` can stand for the op's result: same type (no broadcast).
OpFoldResult ifSameType(Value value, Operation *op) {
  if (value.getType() == op->getResult(0).getType())
    return value;
  return {};
}

/// True when `attr` is a splat constant equal to `k` (as a double, which
/// represents every k used here exactly).
bool isSplatOf(Attribute attr, double k) {
  auto elements = dyn_cast_or_null<DenseElementsAttr>(attr);
  if (!elements || !elements.isSplat())
    return false;
  Type type = elements.getElementType();
  if (isa<FloatType>(type))
    return elements.getSplatValue<APFloat>().convertToDouble() == k;
  if (type.isInteger(1))
    return elements.getSplatValue<bool>() == (k != 0);
  return elements.getSplatValue<APInt>().getSExtValue() == int64_t(k);
}

/// True when `attr` is a splat float constant -0.0.
bool isSplatNegativeZero(Attribute attr) {
  auto elements = dyn_cast_or_null<DenseElementsAttr>(attr);
  return elements && elements.isSplat() &&
         isa<FloatType>(elements.getElementType()) &&
         elements.getSplatValue<APFloat>().isNegZero();
}

} // namespace

//===----------------------------------------------------------------------===//
// Constants and arithmetic
//===----------------------------------------------------------------------===//

OpFoldResult ConstantOp::fold(FoldAdaptor) { return getValue(); }

OpFoldResult AddOp::fold(FoldAdaptor adaptor) {
  if (Attribute folded =
          foldBinaryWith<ag::sem::Add>(*this, adaptor.getOperands()))
    return folded;
  // x + 0 -> x for integers only: -0.0 + 0.0 is +0.0.
  if (getType().getElementType().isInteger() && isSplatOf(adaptor.getRhs(), 0))
    return ifSameType(getLhs(), *this);
  return {};
}

OpFoldResult SubOp::fold(FoldAdaptor adaptor) {
  if (Attribute folded =
          foldBinaryWith<ag::sem::Sub>(*this, adaptor.getOperands()))
    return folded;
  // x - (+0.0) is x, but x - (-0.0) turns -0.0 into +0.0.
  if (isSplatOf(adaptor.getRhs(), 0) && !isSplatNegativeZero(adaptor.getRhs()))
    return ifSameType(getLhs(), *this);
  return {};
}

OpFoldResult MulOp::fold(FoldAdaptor adaptor) {
  if (Attribute folded =
          foldBinaryWith<ag::sem::Mul>(*this, adaptor.getOperands()))
    return folded;
  if (isSplatOf(adaptor.getRhs(), 1))
    return ifSameType(getLhs(), *this);
  return {};
}

OpFoldResult DivOp::fold(FoldAdaptor adaptor) {
  // A zero divisor (or MIN / -1) stays for the runtime to report.
  if (Attribute folded =
          foldBinaryWith<ag::sem::Div>(*this, adaptor.getOperands()))
    return folded;
  if (isSplatOf(adaptor.getRhs(), 1))
    return ifSameType(getLhs(), *this);
  return {};
}

OpFoldResult RemOp::fold(FoldAdaptor adaptor) {
  return foldBinaryWith<ag::sem::Rem>(*this, adaptor.getOperands());
}

OpFoldResult PowOp::fold(FoldAdaptor adaptor) {
  // A negative integer exponent stays for the runtime to report.
  return foldBinaryWith<ag::sem::Pow>(*this, adaptor.getOperands());
}

// min/max are std::min/std::max: the first operand unless the second is
// smaller (larger), so min(-0.0, +0.0) is -0.0 and a NaN second operand
// loses.
OpFoldResult MinOp::fold(FoldAdaptor adaptor) {
  if (getLhs() == getRhs())
    return ifSameType(getLhs(), *this);
  return foldBinaryWith<ag::sem::Min>(*this, adaptor.getOperands());
}

OpFoldResult MaxOp::fold(FoldAdaptor adaptor) {
  if (getLhs() == getRhs())
    return ifSameType(getLhs(), *this);
  return foldBinaryWith<ag::sem::Max>(*this, adaptor.getOperands());
}

OpFoldResult ShlOp::fold(FoldAdaptor adaptor) {
  // A count out of range stays for the runtime to report.
  return foldBinaryWith<ag::sem::Shl>(*this, adaptor.getOperands());
}

OpFoldResult ShrOp::fold(FoldAdaptor adaptor) {
  return foldBinaryWith<ag::sem::Shr>(*this, adaptor.getOperands());
}

//===----------------------------------------------------------------------===//
// Comparison and logic
//===----------------------------------------------------------------------===//

OpFoldResult CmpOp::fold(FoldAdaptor adaptor) {
  ArrayRef<Attribute> operands = adaptor.getOperands();
  switch (getPredicate()) {
  case CmpPredicate::eq:
    return foldBinaryWith<ag::sem::Eq>(*this, operands);
  case CmpPredicate::ne:
    return foldBinaryWith<ag::sem::Ne>(*this, operands);
  case CmpPredicate::lt:
    return foldBinaryWith<ag::sem::Lt>(*this, operands);
  case CmpPredicate::le:
    return foldBinaryWith<ag::sem::Le>(*this, operands);
  case CmpPredicate::gt:
    return foldBinaryWith<ag::sem::Gt>(*this, operands);
  case CmpPredicate::ge:
    return foldBinaryWith<ag::sem::Ge>(*this, operands);
  }
  return {};
}

/// and/or with one constant operand: `x op k` is `x` when k is the
/// identity, and the constant when k absorbs.
static OpFoldResult foldLogicalIdentity(Operation *op, Value lhs, Value rhs,
                                        Attribute lhsAttr, Attribute rhsAttr,
                                        bool identity) {
  for (auto [value, other, attr] :
       {std::tuple(lhs, rhs, rhsAttr), std::tuple(rhs, lhs, lhsAttr)}) {
    std::optional<bool> k = getSplat<bool>(attr);
    if (!k)
      continue;
    if (*k == identity)
      return ifSameType(value, op);
    // Absorbing: the result is all `k`.
    return DenseElementsAttr::get(cast<ShapedType>(op->getResult(0).getType()),
                                  *k);
  }
  return {};
}

OpFoldResult AndOp::fold(FoldAdaptor adaptor) {
  if (Attribute folded =
          foldBinaryWith<ag::sem::And>(*this, adaptor.getOperands()))
    return folded;
  if (getLhs() == getRhs())
    return getLhs();
  if (!getType().getElementType().isInteger(1))
    return {};
  return foldLogicalIdentity(*this, getLhs(), getRhs(), adaptor.getLhs(),
                             adaptor.getRhs(), /*identity=*/true);
}

OpFoldResult OrOp::fold(FoldAdaptor adaptor) {
  if (Attribute folded =
          foldBinaryWith<ag::sem::Or>(*this, adaptor.getOperands()))
    return folded;
  if (getLhs() == getRhs())
    return getLhs();
  if (!getType().getElementType().isInteger(1))
    return {};
  return foldLogicalIdentity(*this, getLhs(), getRhs(), adaptor.getLhs(),
                             adaptor.getRhs(), /*identity=*/false);
}

OpFoldResult XorOp::fold(FoldAdaptor adaptor) {
  if (Attribute folded =
          foldBinaryWith<ag::sem::Xor>(*this, adaptor.getOperands()))
    return folded;
  if (!getType().getElementType().isInteger(1))
    return {};
  if (getLhs() == getRhs())
    return DenseElementsAttr::get(cast<ShapedType>(getType()), false);
  if (getSplat<bool>(adaptor.getRhs()) == false)
    return ifSameType(getLhs(), *this);
  if (getSplat<bool>(adaptor.getLhs()) == false)
    return ifSameType(getRhs(), *this);
  return {};
}

//===----------------------------------------------------------------------===//
// Unary ops
//===----------------------------------------------------------------------===//

OpFoldResult NotOp::fold(FoldAdaptor adaptor) {
  if (auto inner = getInput().getDefiningOp<NotOp>())
    return inner.getInput();
  return foldUnaryWith<ag::sem::Not>(*this, adaptor.getOperands());
}

OpFoldResult BitNotOp::fold(FoldAdaptor adaptor) {
  if (auto inner = getInput().getDefiningOp<BitNotOp>())
    return inner.getInput();
  return foldUnaryWith<ag::sem::BitNot>(*this, adaptor.getOperands());
}

OpFoldResult NegOp::fold(FoldAdaptor adaptor) {
  if (auto inner = getInput().getDefiningOp<NegOp>())
    return inner.getInput();
  return foldUnaryWith<ag::sem::Neg>(*this, adaptor.getOperands());
}

OpFoldResult FloorOp::fold(FoldAdaptor adaptor) {
  if (getInput().getDefiningOp<FloorOp>())
    return getInput();
  return foldUnaryWith<ag::sem::Floor>(*this, adaptor.getOperands());
}

#define AG_FOLD_UNARY(OP, SEM)                                                 \
  OpFoldResult OP::fold(FoldAdaptor adaptor) {                                 \
    return foldUnaryWith<ag::sem::SEM>(*this, adaptor.getOperands());          \
  }
AG_FOLD_UNARY(AbsOp, Abs)
AG_FOLD_UNARY(ExpOp, Exp)
AG_FOLD_UNARY(LogOp, Log)
AG_FOLD_UNARY(SqrtOp, Sqrt)
AG_FOLD_UNARY(TanhOp, Tanh)
AG_FOLD_UNARY(CeilOp, Ceil)
AG_FOLD_UNARY(RoundOp, Round)
AG_FOLD_UNARY(SinOp, Sin)
AG_FOLD_UNARY(CosOp, Cos)
AG_FOLD_UNARY(SigmoidOp, Sigmoid)
AG_FOLD_UNARY(SignOp, Sign)
AG_FOLD_UNARY(IsNanOp, IsNan)
AG_FOLD_UNARY(IsFiniteOp, IsFinite)
#undef AG_FOLD_UNARY

//===----------------------------------------------------------------------===//
// Select, cast, shapes
//===----------------------------------------------------------------------===//

OpFoldResult SelectOp::fold(FoldAdaptor adaptor) {
  if (getTrueValue() == getFalseValue())
    return getTrueValue();
  if (std::optional<bool> cond = getSplat<bool>(adaptor.getCond()))
    return *cond ? getTrueValue() : getFalseValue();
  // select(c, true, false) is c itself.
  if (getCond().getType() == getType() &&
      getSplat<bool>(adaptor.getTrueValue()) == true &&
      getSplat<bool>(adaptor.getFalseValue()) == false)
    return getCond();
  SmallVector<DenseElementsAttr> args = getDense(adaptor.getOperands());
  if (args.empty())
    return {};
  // A non-splat condition picks element by element.
  auto resultType = cast<ShapedType>(getType());
  SmallVector<Attribute> values;
  auto cond = args[0].getValues<bool>().begin();
  auto onTrue = args[1].getValues<Attribute>().begin();
  auto onFalse = args[2].getValues<Attribute>().begin();
  for (int64_t i = 0, e = resultType.getNumElements(); i < e; ++i)
    values.push_back(*(cond + i) ? *(onTrue + i) : *(onFalse + i));
  return DenseElementsAttr::get(resultType, values);
}

/// ag::sem::Cast of one element, refusing the conversions C++ leaves
/// undefined (a float outside the integer range, or NaN).
template <typename Out, typename In>
static std::optional<Out> castElement(In value) {
  using C = ag::sem::Cast<Out, In>;
  if (!C::check(value))
    return std::nullopt;
  return C::apply(value);
}

OpFoldResult CastOp::fold(FoldAdaptor adaptor) {
  if (getInput().getType() == getType())
    return getInput();
  auto input = dyn_cast_or_null<DenseElementsAttr>(adaptor.getInput());
  auto resultType = cast<ShapedType>(getType());
  // A constant has no dynamic type: a cast to one stays.
  if (!input || !resultType.hasStaticShape())
    return {};
  return visitElementType(input.getElementType(), [&](auto inTag) {
    using In = decltype(inTag);
    return visitElementType(resultType.getElementType(), [&](auto outTag) {
      using Out = decltype(outTag);
      return mapElements<1, In, Out>(resultType, {input},
                                     [](In v) { return castElement<Out>(v); });
    });
  });
}

OpFoldResult BroadcastOp::fold(FoldAdaptor adaptor) {
  // With `like` operands the shape is the run time's.
  if (!getLike().empty())
    return {};
  if (getInput().getType() == getType())
    return getInput();
  auto input = dyn_cast_or_null<DenseElementsAttr>(adaptor.getInput());
  if (input && input.isSplat())
    return input.resizeSplat(cast<ShapedType>(getType()));
  return {};
}

OpFoldResult IndexOp::fold(FoldAdaptor adaptor) {
  auto source = dyn_cast_or_null<DenseElementsAttr>(adaptor.getSource());
  std::optional<int64_t> index = getSplat<int64_t>(adaptor.getIndex());
  if (!source || !index)
    return {};
  auto sourceType = cast<ShapedType>(source.getType());
  auto resultType = cast<ShapedType>(getType());
  // Out of range: the runtime reports it.
  if (*index < 0 || *index >= sourceType.getDimSize(0))
    return {};
  if (source.isSplat())
    return source.resizeSplat(resultType);
  int64_t rowSize = resultType.getNumElements();
  auto values = source.getValues<Attribute>();
  SmallVector<Attribute> row(values.begin() + *index * rowSize,
                             values.begin() + (*index + 1) * rowSize);
  return DenseElementsAttr::get(resultType, row);
}

OpFoldResult ReduceSumOp::fold(FoldAdaptor adaptor) {
  auto input = dyn_cast_or_null<DenseElementsAttr>(adaptor.getInput());
  auto resultType = cast<ShapedType>(getType());
  // Float sums depend on the summation order the kernel uses; only integer
  // sums (wrapping) are folded.
  if (!input || !input.getElementType().isInteger())
    return {};
  return visitElementType(input.getElementType(), [&](auto tag) -> Attribute {
    using T = decltype(tag);
    if constexpr (std::is_integral_v<T> && !std::is_same_v<T, bool>) {
      T sum = 0;
      for (T v : input.getValues<T>())
        sum = ag::sem::wrapAdd(sum, v);
      return DenseElementsAttr::get(resultType, sum);
    }
    return {};
  });
}

OpFoldResult StackOp::fold(FoldAdaptor adaptor) {
  SmallVector<DenseElementsAttr> args = getDense(adaptor.getOperands());
  if (args.empty())
    return {};
  SmallVector<Attribute> values;
  for (DenseElementsAttr arg : args)
    llvm::append_range(values, arg.getValues<Attribute>());
  return DenseElementsAttr::get(cast<ShapedType>(getType()), values);
}

//===----------------------------------------------------------------------===//
// Effects
//===----------------------------------------------------------------------===//

OpFoldResult AssertOp::fold(FoldAdaptor adaptor) {
  // An assertion that always holds does nothing: forward the token.
  if (getSplat<bool>(adaptor.getCond()) == true)
    return getToken();
  return {};
}

OpFoldResult DimOp::fold(FoldAdaptor) {
  auto source = cast<RankedTensorType>(getSource().getType());
  if (source.isDynamicDim(getIndex()))
    return {};
  return DenseElementsAttr::get(cast<ShapedType>(getType()),
                                source.getDimSize(getIndex()));
}
