//===- ag/semantics/DType.h - The element types of ag tensors ---*- C++ -*-===//
//
// ag::DType and what belongs to the type alone: its names, element sizes,
// the C++ type of each dtype (both ways) and how two operands' dtypes join.
// Header-only and standard-library-only, below both the runtime
// (ag/Tensor.h) and the dialect (ag/Dialect/AGDType.h maps MLIR element
// types to it), so both name one enum (docs/architecture.md, "semantics").
//
//===----------------------------------------------------------------------===//
#ifndef AG_SEMANTICS_DTYPE_H
#define AG_SEMANTICS_DTYPE_H

#include <algorithm>
#include <cstddef>
#include <cstdint>

namespace ag {

/// The enumerators are declared in promotion order (sem::promote).
enum class DType : uint8_t { Bool, Int32, Int64, Float32, Float64 };

/// "bool", "int32", "int64", "float32", "float64".
constexpr const char *dtypeName(DType dtype) {
  switch (dtype) {
  case DType::Bool:
    return "bool";
  case DType::Int32:
    return "int32";
  case DType::Int64:
    return "int64";
  case DType::Float32:
    return "float32";
  case DType::Float64:
    return "float64";
  }
  return "?";
}

constexpr bool isFloat(DType dtype) {
  return dtype == DType::Float32 || dtype == DType::Float64;
}

/// int32 and int64 (not bool).
constexpr bool isInteger(DType dtype) {
  return dtype == DType::Int32 || dtype == DType::Int64;
}

namespace sem {

/// Calls `fn` on a value of the C++ type of `dtype` (a type tag): DTypeOf's
/// inverse.
template <typename Fn>
constexpr decltype(auto) dispatchDType(DType dtype, Fn &&fn) {
  switch (dtype) {
  case DType::Bool:
    return fn(bool{});
  case DType::Int32:
    return fn(int32_t{});
  case DType::Int64:
    return fn(int64_t{});
  case DType::Float32:
    return fn(float{});
  case DType::Float64:
    break;
  }
  return fn(double{});
}

} // namespace sem

/// The size of one element.
constexpr size_t dtypeSize(DType dtype) {
  return sem::dispatchDType(dtype, [](auto tag) { return sizeof(tag); });
}

/// The dtype of the C++ element type T.
template <typename T> struct DTypeOf;
template <> struct DTypeOf<bool> {
  static constexpr DType value = DType::Bool;
};
template <> struct DTypeOf<int32_t> {
  static constexpr DType value = DType::Int32;
};
template <> struct DTypeOf<int64_t> {
  static constexpr DType value = DType::Int64;
};
template <> struct DTypeOf<float> {
  static constexpr DType value = DType::Float32;
};
template <> struct DTypeOf<double> {
  static constexpr DType value = DType::Float64;
};

namespace sem {

/// bool < integers < floats.
constexpr int kindRank(DType dtype) {
  return isFloat(dtype) ? 2 : isInteger(dtype) ? 1 : 0;
}

/// The dtype two operands join to, before an op's own rules (bitwise ops,
/// arithmetic on bools): the later enumerator; but a weakly typed operand
/// (a literal) adopts the other's dtype when its kind is not higher, so
/// `x * 2` keeps a float32 x float32 and `i + 2.5` does not truncate 2.5.
constexpr DType promote(DType a, bool aWeak, DType b, bool bWeak) {
  if (aWeak == bWeak)
    return std::max(a, b);
  DType weak = aWeak ? a : b, strong = aWeak ? b : a;
  return kindRank(weak) <= kindRank(strong) ? strong : std::max(weak, strong);
}

} // namespace sem
} // namespace ag

#endif // AG_SEMANTICS_DTYPE_H
