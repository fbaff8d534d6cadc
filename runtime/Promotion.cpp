//===- Promotion.cpp - Op names, promotion and broadcasting ---------------===//
//
// The typing rules shared by eager operators and the tracer, so a graph gets
// exactly the dtypes and shapes the eager code would compute.
//
//===----------------------------------------------------------------------===//

#include "TensorInternal.h"

#include <algorithm>

namespace ag {

std::string shapeToString(const Shape &shape) {
  std::string s = "[";
  for (size_t i = 0; i < shape.size(); ++i) {
    if (i)
      s += ", ";
    // -1: a dimension only known at evaluation (a stacked staged list).
    s += shape[i] < 0 ? "?" : std::to_string(shape[i]);
  }
  return s + "]";
}

int64_t numElements(const Shape &shape) {
  // Shapes come from graph files too: a product that wraps would size a
  // buffer smaller than the tensor (the caller then writes past it).
  int64_t n = 1;
  for (int64_t d : shape)
    if (__builtin_mul_overflow(n, d, &n))
      detail::throwError("the shape " + shapeToString(shape) +
                         " has more than 2^63 elements");
  return n;
}

const char *opKindName(OpKind kind) {
  switch (kind) {
#define AG_BINARY(Kind, Name, IrOp)                                            \
  case OpKind::Kind:                                                           \
    return Name;
#define AG_COMPARE(Kind, Name, Predicate) AG_BINARY(Kind, Name, )
#define AG_UNARY(Kind, Name, IrOp) AG_BINARY(Kind, Name, )
#include "ag/semantics/Ops.def"
  }
  return "?";
}

bool isComparison(OpKind kind) {
  return kind >= OpKind::Eq && kind <= OpKind::Ge;
}

bool isUnary(OpKind kind) { return kind >= OpKind::Neg; }

bool hasBoolResult(OpKind kind) {
  return isComparison(kind) || kind == OpKind::IsNan ||
         kind == OpKind::IsFinite;
}

namespace detail {
std::string requestedShapeText(const Shape &shape) {
  std::string text = "[";
  for (size_t i = 0; i < shape.size(); ++i)
    text += (i ? ", " : "") + std::to_string(shape[i]);
  return text + "]";
}

DType operandType(OpKind kind, const TensorImpl &a, const TensorImpl &b) {
  DType result = sem::promote(a.dtype, a.weak, b.dtype, b.weak);
  // & | ^ are logical on bools and bitwise on integers; << >> need
  // integers (a bool promotes to int32, as in C++).
  bool logical =
      kind == OpKind::And || kind == OpKind::Or || kind == OpKind::Xor;
  bool bitwise = logical || kind == OpKind::Shl || kind == OpKind::Shr;
  if (bitwise && isFloat(result))
    throwError(std::string("'") + opKindName(kind) +
               "' needs bool or integer operands, got " + dtypeName(a.dtype) +
               " and " + dtypeName(b.dtype));
  // Arithmetic on bools computes in int32, as C++ promotes bool to int.
  if (!logical && !isComparison(kind) && result == DType::Bool)
    result = DType::Int32;
  return result;
}

DType promoteTypes(OpKind kind, const TensorImpl &a, const TensorImpl &b) {
  DType operand = operandType(kind, a, b);
  return hasBoolResult(kind) ? DType::Bool : operand;
}

std::optional<Shape> tryBroadcastShapes(const Shape &a, const Shape &b) {
  if (a == b)
    return a;
  const Shape &longer = a.size() >= b.size() ? a : b;
  const Shape &shorter = a.size() >= b.size() ? b : a;
  Shape result = longer;
  size_t offset = longer.size() - shorter.size();
  for (size_t i = 0; i < shorter.size(); ++i) {
    int64_t &l = result[offset + i];
    int64_t s = shorter[i];
    // A staged dimension known only at evaluation (-1) against a static
    // size N other than 1 gives N: the evaluation checks it is 1 or N.
    if (l == s || s == 1)
      continue;
    if (l == 1 || l < 0)
      l = s;
    else if (s >= 0)
      return std::nullopt;
  }
  return result;
}

Shape broadcastShapes(const Shape &a, const Shape &b) {
  std::optional<Shape> shape = tryBroadcastShapes(a, b);
  if (!shape)
    throwError("shapes " + shapeToString(a) + " and " + shapeToString(b) +
               " cannot be broadcast together");
  return std::move(*shape);
}

} // namespace detail
} // namespace ag
