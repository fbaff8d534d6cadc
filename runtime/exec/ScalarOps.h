//===- ScalarOps.h - Allocation-free scalar fast path ------------*- C++ -*-===//
//
// Scalar control flow (loop counters, comparisons, collatz-style updates)
// would otherwise allocate a tensor per op. These compute the common
// elementwise ops on inline scalars with exactly the kernels' semantics
// (wrapping integer arithmetic, NaN-propagating min/max, fmod); anything
// else, and every case that fails (division by zero, MIN / -1), returns false
// so the caller runs the kernel, which computes or reports it. A unit test
// compares every op and dtype against ag::kernels on edge values.
//
//===----------------------------------------------------------------------===//
#ifndef AG_RUNTIME_EXEC_SCALAROPS_H
#define AG_RUNTIME_EXEC_SCALAROPS_H

#include "ag/runtime/Value.h"

#include <cmath>
#include <limits>
#include <type_traits>

namespace ag::exec {

/// Whether scalarBinary/scalarUnary compute `kind` on `dtype` (for every
/// value except the failing ones, e.g. a zero integer divisor).
inline bool hasScalarFastPath(OpKind kind, DType dtype) {
  if (isComparison(kind))
    return true;
  switch (kind) {
  case OpKind::And:
  case OpKind::Or:
  case OpKind::Xor:
  case OpKind::Not:
    return dtype == DType::Bool;
  case OpKind::Add:
  case OpKind::Sub:
  case OpKind::Mul:
  case OpKind::Div:
  case OpKind::Rem:
  case OpKind::Min:
  case OpKind::Max:
  case OpKind::Neg:
  case OpKind::Abs:
    return dtype != DType::Bool;
  default:
    return false;
  }
}

// Inline: the scalar code interpreter calls these once per instruction.
namespace scalar_detail {

template <typename T> inline T get(const Scalar &s) {
  if constexpr (std::is_same_v<T, bool>) return s.b;
  else if constexpr (std::is_same_v<T, int32_t>) return s.i32;
  else if constexpr (std::is_same_v<T, int64_t>) return s.i64;
  else if constexpr (std::is_same_v<T, float>) return s.f32;
  else return s.f64;
}

template <typename T> inline T wrap(T a, T b, OpKind kind) {
  using U = std::make_unsigned_t<T>;
  U x = static_cast<U>(a), y = static_cast<U>(b);
  return static_cast<T>(kind == OpKind::Add   ? x + y
                        : kind == OpKind::Sub ? x - y
                                              : x * y);
}

template <typename T>
inline bool binaryTyped(OpKind kind, T x, T y, Scalar &out) {
  constexpr bool isBool = std::is_same_v<T, bool>;
  constexpr bool isFloatT = std::is_floating_point_v<T>;
  switch (kind) {
  case OpKind::Eq: out = Scalar::of(x == y); return true;
  case OpKind::Ne: out = Scalar::of(x != y); return true;
  case OpKind::Lt: out = Scalar::of(x < y); return true;
  case OpKind::Le: out = Scalar::of(x <= y); return true;
  case OpKind::Gt: out = Scalar::of(x > y); return true;
  case OpKind::Ge: out = Scalar::of(x >= y); return true;
  default: break;
  }
  if constexpr (isBool) {
    switch (kind) {
    case OpKind::And: out = Scalar::of(x && y); return true;
    case OpKind::Or: out = Scalar::of(x || y); return true;
    case OpKind::Xor: out = Scalar::of(x != y); return true;
    default: return false;
    }
  } else {
    switch (kind) {
    case OpKind::Add:
    case OpKind::Sub:
    case OpKind::Mul:
      if constexpr (isFloatT)
        out = Scalar::of(static_cast<T>(kind == OpKind::Add   ? x + y
                                        : kind == OpKind::Sub ? x - y
                                                              : x * y));
      else
        out = Scalar::of(wrap(x, y, kind));
      return true;
    case OpKind::Div:
    case OpKind::Rem:
      if constexpr (isFloatT) {
        out = Scalar::of(kind == OpKind::Div ? static_cast<T>(x / y)
                                             : static_cast<T>(std::fmod(x, y)));
      } else {
        if (y == 0 || (y == -1 && x == std::numeric_limits<T>::min()))
          return false; // the kernel reports it
        out = Scalar::of(kind == OpKind::Div ? static_cast<T>(x / y)
                                             : static_cast<T>(x % y));
      }
      return true;
    case OpKind::Min: out = Scalar::of(y < x ? y : x); return true;
    case OpKind::Max: out = Scalar::of(x < y ? y : x); return true;
    default: return false;
    }
  }
}

template <typename T> inline bool unaryTyped(OpKind kind, T v, Scalar &out) {
  if constexpr (std::is_same_v<T, bool>) {
    if (kind != OpKind::Not)
      return false;
    out = Scalar::of(static_cast<bool>(!v));
    return true;
  } else {
    switch (kind) {
    case OpKind::Neg:
      if constexpr (std::is_floating_point_v<T>)
        out = Scalar::of(static_cast<T>(-v));
      else
        out = Scalar::of(wrap<T>(0, v, OpKind::Sub));
      return true;
    case OpKind::Abs:
      if constexpr (std::is_floating_point_v<T>)
        out = Scalar::of(static_cast<T>(std::abs(v)));
      else
        out = Scalar::of(v < 0 ? wrap<T>(0, v, OpKind::Sub) : v);
      return true;
    default:
      return false;
    }
  }
}

} // namespace scalar_detail

/// out = a `kind` b for operands of one dtype; false: use the kernel.
inline bool scalarBinary(OpKind kind, const Scalar &a, const Scalar &b, Scalar &out) {
  if (a.dtype != b.dtype)
    return false;
  switch (a.dtype) {
  case DType::Bool: return scalar_detail::binaryTyped(kind, a.b, b.b, out);
  case DType::Int32: return scalar_detail::binaryTyped(kind, a.i32, b.i32, out);
  case DType::Int64: return scalar_detail::binaryTyped(kind, a.i64, b.i64, out);
  case DType::Float32: return scalar_detail::binaryTyped(kind, a.f32, b.f32, out);
  case DType::Float64: return scalar_detail::binaryTyped(kind, a.f64, b.f64, out);
  }
  return false;
}

/// out = `kind` x; false: use the kernel.
inline bool scalarUnary(OpKind kind, const Scalar &x, Scalar &out) {
  switch (x.dtype) {
  case DType::Bool: return scalar_detail::unaryTyped(kind, x.b, out);
  case DType::Int32: return scalar_detail::unaryTyped(kind, x.i32, out);
  case DType::Int64: return scalar_detail::unaryTyped(kind, x.i64, out);
  case DType::Float32: return scalar_detail::unaryTyped(kind, x.f32, out);
  case DType::Float64: return scalar_detail::unaryTyped(kind, x.f64, out);
  }
  return false;
}


} // namespace ag::exec

#endif // AG_RUNTIME_EXEC_SCALAROPS_H
