//===- AGFold.cpp - ag op folders -----------------------------------------===//
//
// Constant folding computes with the C++ type of each element (bool,
// int32_t, int64_t, float, double) so that a folded graph gives what the
// eager code and the runtime kernels give. Anything whose C++ result is
// undefined or an error at run time (integer division by zero, INT_MIN / -1,
// overflowing float-to-int casts, an out-of-range index) is left unfolded so
// the runtime reports it at the op's location.
//
//===----------------------------------------------------------------------===//

#include "ag/Dialect/AGOps.h"

#include "mlir/IR/Matchers.h"

#include <cmath>
#include <limits>
#include <optional>
#include <type_traits>

using namespace mlir;
using namespace ag::ir;

namespace {

/// Calls `fn` with a value of the C++ type matching `elementType`.
template <typename Fn> auto visitElementType(Type elementType, Fn &&fn) {
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

/// Folds an elementwise op on numbers whose result has the operands' element
/// type: `fn(a...)` on the C++ element type returns std::optional of it.
template <unsigned N, typename Fn>
Attribute foldNumeric(Operation *op, ArrayRef<Attribute> operands, Fn fn) {
  SmallVector<DenseElementsAttr> args = getDense(operands);
  if (args.empty())
    return {};
  auto resultType = cast<ShapedType>(op->getResult(0).getType());
  return visitNumericType(resultType.getElementType(), [&](auto tag) {
    using T = decltype(tag);
    return mapElements<N, T, T>(resultType, args, fn);
  });
}

/// Folds an elementwise op on i1 tensors.
template <unsigned N, typename Fn>
Attribute foldBool(Operation *op, ArrayRef<Attribute> operands, Fn fn) {
  SmallVector<DenseElementsAttr> args = getDense(operands);
  if (args.empty())
    return {};
  auto resultType = cast<ShapedType>(op->getResult(0).getType());
  return mapElements<N, bool, bool>(resultType, args, fn);
}

/// Two's complement wrap-around for integer arithmetic (what the hardware,
/// and so the runtime, does; C++ calls signed overflow undefined, so the
/// folder must not overflow itself).
template <typename T, typename Fn> T wrapping(T a, T b, Fn fn) {
  using U = std::make_unsigned_t<T>;
  return static_cast<T>(fn(static_cast<U>(a), static_cast<U>(b)));
}

/// True when the C++ integer division `a / b` (or `a % b`) is defined.
template <typename T> bool isDefinedDivision(T a, T b) {
  return b != 0 && !(a == std::numeric_limits<T>::min() && b == T(-1));
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
          foldNumeric<2>(*this, adaptor.getOperands(), [](auto a, auto b) {
            using T = decltype(a);
            if constexpr (std::is_integral_v<T>)
              return std::optional<T>(
                  wrapping(a, b, [](auto x, auto y) { return x + y; }));
            else
              return std::optional<T>(a + b);
          }))
    return folded;
  // x + 0 -> x for integers only: -0.0 + 0.0 is +0.0.
  if (getType().getElementType().isInteger() && isSplatOf(adaptor.getRhs(), 0))
    return ifSameType(getLhs(), *this);
  return {};
}

OpFoldResult SubOp::fold(FoldAdaptor adaptor) {
  if (Attribute folded =
          foldNumeric<2>(*this, adaptor.getOperands(), [](auto a, auto b) {
            using T = decltype(a);
            if constexpr (std::is_integral_v<T>)
              return std::optional<T>(
                  wrapping(a, b, [](auto x, auto y) { return x - y; }));
            else
              return std::optional<T>(a - b);
          }))
    return folded;
  // x - (+0.0) is x, but x - (-0.0) turns -0.0 into +0.0.
  if (isSplatOf(adaptor.getRhs(), 0) && !isSplatNegativeZero(adaptor.getRhs()))
    return ifSameType(getLhs(), *this);
  return {};
}

OpFoldResult MulOp::fold(FoldAdaptor adaptor) {
  if (Attribute folded =
          foldNumeric<2>(*this, adaptor.getOperands(), [](auto a, auto b) {
            using T = decltype(a);
            if constexpr (std::is_integral_v<T>)
              return std::optional<T>(
                  wrapping(a, b, [](auto x, auto y) { return x * y; }));
            else
              return std::optional<T>(a * b);
          }))
    return folded;
  if (isSplatOf(adaptor.getRhs(), 1))
    return ifSameType(getLhs(), *this);
  return {};
}

OpFoldResult DivOp::fold(FoldAdaptor adaptor) {
  if (Attribute folded =
          foldNumeric<2>(*this, adaptor.getOperands(), [](auto a, auto b) {
            using T = decltype(a);
            if constexpr (std::is_integral_v<T>) {
              // A zero divisor stays for the runtime to report.
              if (!isDefinedDivision(a, b))
                return std::optional<T>();
            }
            return std::optional<T>(a / b);
          }))
    return folded;
  if (isSplatOf(adaptor.getRhs(), 1))
    return ifSameType(getLhs(), *this);
  return {};
}

OpFoldResult RemOp::fold(FoldAdaptor adaptor) {
  return foldNumeric<2>(*this, adaptor.getOperands(), [](auto a, auto b) {
    using T = decltype(a);
    if constexpr (std::is_integral_v<T>) {
      if (!isDefinedDivision(a, b))
        return std::optional<T>();
      return std::optional<T>(a % b);
    } else {
      return std::optional<T>(std::fmod(a, b));
    }
  });
}

OpFoldResult PowOp::fold(FoldAdaptor adaptor) {
  // Only floats: integer powers are defined by the runtime kernel.
  if (!isa<FloatType>(getType().getElementType()))
    return {};
  return foldNumeric<2>(*this, adaptor.getOperands(), [](auto a, auto b) {
    using T = decltype(a);
    if constexpr (std::is_floating_point_v<T>)
      return std::optional<T>(std::pow(a, b));
    else
      return std::optional<T>();
  });
}

// min/max are std::min/std::max: the first operand unless the second is
// smaller (larger), so min(-0.0, +0.0) is -0.0 and a NaN second operand
// loses.
OpFoldResult MinOp::fold(FoldAdaptor adaptor) {
  if (getLhs() == getRhs())
    return ifSameType(getLhs(), *this);
  return foldNumeric<2>(*this, adaptor.getOperands(), [](auto a, auto b) {
    using T = decltype(a);
    return std::optional<T>(b < a ? b : a);
  });
}

OpFoldResult MaxOp::fold(FoldAdaptor adaptor) {
  if (getLhs() == getRhs())
    return ifSameType(getLhs(), *this);
  return foldNumeric<2>(*this, adaptor.getOperands(), [](auto a, auto b) {
    using T = decltype(a);
    return std::optional<T>(a < b ? b : a);
  });
}

//===----------------------------------------------------------------------===//
// Comparison and logic
//===----------------------------------------------------------------------===//

OpFoldResult CmpOp::fold(FoldAdaptor adaptor) {
  SmallVector<DenseElementsAttr> args = getDense(adaptor.getOperands());
  if (args.empty())
    return {};
  auto resultType = cast<ShapedType>(getType());
  CmpPredicate predicate = getPredicate();
  return visitElementType(args[0].getElementType(), [&](auto tag) {
    using T = decltype(tag);
    return mapElements<2, T, bool>(resultType, args,
                                   [&](T a, T b) -> std::optional<bool> {
                                     switch (predicate) {
                                     case CmpPredicate::eq:
                                       return a == b;
                                     case CmpPredicate::ne:
                                       return a != b;
                                     case CmpPredicate::lt:
                                       return a < b;
                                     case CmpPredicate::le:
                                       return a <= b;
                                     case CmpPredicate::gt:
                                       return a > b;
                                     case CmpPredicate::ge:
                                       return a >= b;
                                     }
                                     return std::nullopt;
                                   });
  });
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
          foldBool<2>(*this, adaptor.getOperands(), [](bool a, bool b) {
            return std::optional<bool>(a && b);
          }))
    return folded;
  if (getLhs() == getRhs())
    return getLhs();
  return foldLogicalIdentity(*this, getLhs(), getRhs(), adaptor.getLhs(),
                             adaptor.getRhs(), /*identity=*/true);
}

OpFoldResult OrOp::fold(FoldAdaptor adaptor) {
  if (Attribute folded =
          foldBool<2>(*this, adaptor.getOperands(), [](bool a, bool b) {
            return std::optional<bool>(a || b);
          }))
    return folded;
  if (getLhs() == getRhs())
    return getLhs();
  return foldLogicalIdentity(*this, getLhs(), getRhs(), adaptor.getLhs(),
                             adaptor.getRhs(), /*identity=*/false);
}

OpFoldResult XorOp::fold(FoldAdaptor adaptor) {
  if (Attribute folded =
          foldBool<2>(*this, adaptor.getOperands(), [](bool a, bool b) {
            return std::optional<bool>(a != b);
          }))
    return folded;
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
  return foldBool<1>(*this, adaptor.getOperands(),
                     [](bool a) { return std::optional<bool>(!a); });
}

OpFoldResult NegOp::fold(FoldAdaptor adaptor) {
  if (auto inner = getInput().getDefiningOp<NegOp>())
    return inner.getInput();
  return foldNumeric<1>(*this, adaptor.getOperands(), [](auto a) {
    using T = decltype(a);
    if constexpr (std::is_integral_v<T>)
      return std::optional<T>(
          wrapping(T(0), a, [](auto x, auto y) { return x - y; }));
    else
      return std::optional<T>(-a);
  });
}

OpFoldResult AbsOp::fold(FoldAdaptor adaptor) {
  return foldNumeric<1>(*this, adaptor.getOperands(), [](auto a) {
    using T = decltype(a);
    if constexpr (std::is_integral_v<T>) {
      // Wrapping like the runtime kernel: abs(INT_MIN) is INT_MIN.
      return std::optional<T>(
          a < 0 ? wrapping(T(0), a, [](auto x, auto y) { return x - y; }) : a);
    } else {
      return std::optional<T>(std::fabs(a));
    }
  });
}

/// Folds a float-only math function.
template <typename Fn>
static OpFoldResult foldFloatUnary(Operation *op, ArrayRef<Attribute> operands,
                                   Fn fn) {
  return foldNumeric<1>(op, operands, [&](auto a) {
    using T = decltype(a);
    if constexpr (std::is_floating_point_v<T>)
      return std::optional<T>(fn(a));
    else
      return std::optional<T>();
  });
}

OpFoldResult ExpOp::fold(FoldAdaptor adaptor) {
  return foldFloatUnary(*this, adaptor.getOperands(),
                        [](auto a) { return std::exp(a); });
}

OpFoldResult LogOp::fold(FoldAdaptor adaptor) {
  return foldFloatUnary(*this, adaptor.getOperands(),
                        [](auto a) { return std::log(a); });
}

OpFoldResult SqrtOp::fold(FoldAdaptor adaptor) {
  return foldFloatUnary(*this, adaptor.getOperands(),
                        [](auto a) { return std::sqrt(a); });
}

OpFoldResult TanhOp::fold(FoldAdaptor adaptor) {
  return foldFloatUnary(*this, adaptor.getOperands(),
                        [](auto a) { return std::tanh(a); });
}

OpFoldResult FloorOp::fold(FoldAdaptor adaptor) {
  if (getInput().getDefiningOp<FloorOp>())
    return getInput();
  return foldFloatUnary(*this, adaptor.getOperands(),
                        [](auto a) { return std::floor(a); });
}

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

/// C++ static_cast of one element, refusing the conversions C++ leaves
/// undefined (a float outside the integer range, or NaN).
template <typename Out, typename In>
static std::optional<Out> castElement(In value) {
  if constexpr (std::is_same_v<Out, bool>) {
    return value != In(0);
  } else if constexpr (std::is_floating_point_v<In> &&
                       std::is_integral_v<Out>) {
    // The kernel's test (runtime/Kernels.cpp): the truncated value within
    // [min, -min), bounds exact powers of two; NaN fails both.
    constexpr double lo = static_cast<double>(std::numeric_limits<Out>::min());
    double t = std::trunc(static_cast<double>(value));
    if (!(t >= lo && t < -lo))
      return std::nullopt;
    return static_cast<Out>(value);
  } else {
    return static_cast<Out>(value);
  }
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
        sum = wrapping(sum, v, [](auto x, auto y) { return x + y; });
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
