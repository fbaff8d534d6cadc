//===- ScalarOps.h - Allocation-free scalar fast path -----------*- C++ -*-===//
//
// Scalar control flow (loop counters, comparisons, collatz-style updates)
// would otherwise allocate a tensor per op. These compute the common
// elementwise ops on inline scalars through the kernels' own definitions
// (ag/semantics/ElementOps.h); every case that fails (division by zero,
// MIN / -1) returns false so the caller runs the kernel, which reports it.
// A unit test compares every op and dtype against ag::kernels on edge
// values.
//
//===----------------------------------------------------------------------===//
#ifndef AG_RUNTIME_EXEC_SCALAROPS_H
#define AG_RUNTIME_EXEC_SCALAROPS_H

#include "ag/runtime/Value.h"
#include "ag/semantics/ElementOps.h"

#include <cmath>
#include <limits>
#include <type_traits>

namespace ag::exec {

// Inline: the scalar code interpreter calls these once per instruction.
namespace scalar_detail {

template <typename Op, typename T>
inline bool binaryWith(T x, T y, Scalar &out) {
  if constexpr (!Op::template accepts<T>) {
    return false;
  } else {
    if constexpr (Op::template mayFault<T>)
      if (Op::check(x, y))
        return false; // the kernel reports it
    out = Scalar::of(Op::apply(x, y));
    return true;
  }
}

template <typename T>
inline bool binaryTyped(OpKind kind, T x, T y, Scalar &out) {
  switch (kind) {
#define AG_BINARY(Kind, Name, IrOp)                                            \
  case OpKind::Kind:                                                           \
    return binaryWith<sem::Kind>(x, y, out);
#define AG_COMPARE(Kind, Name, Predicate) AG_BINARY(Kind, Name, )
#include "ag/semantics/Ops.def"
  default:
    return false;
  }
}

template <typename Op, typename T> inline bool unaryWith(T x, Scalar &out) {
  if constexpr (!Op::template accepts<T>) {
    return false;
  } else {
    if constexpr (Op::template mayFault<T>)
      if (Op::check(x))
        return false;
    out = Scalar::of(Op::apply(x));
    return true;
  }
}

template <typename T> inline bool unaryTyped(OpKind kind, T x, Scalar &out) {
  switch (kind) {
#define AG_UNARY(Kind, Name, IrOp)                                             \
  case OpKind::Kind:                                                           \
    return unaryWith<sem::Kind>(x, out);
#include "ag/semantics/Ops.def"
  default:
    return false;
  }
}

template <typename T> constexpr bool acceptsBinary(OpKind kind) {
  switch (kind) {
#define AG_BINARY(Kind, Name, IrOp)                                            \
  case OpKind::Kind:                                                           \
    return sem::Kind::accepts<T>;
#define AG_COMPARE(Kind, Name, Predicate) AG_BINARY(Kind, Name, )
#define AG_UNARY(Kind, Name, IrOp) AG_BINARY(Kind, Name, )
#include "ag/semantics/Ops.def"
  }
  return false;
}

} // namespace scalar_detail

/// Whether scalarBinary/scalarUnary compute `kind` on `dtype` (for every
/// value except the failing ones, e.g. a zero integer divisor): every op
/// defined on the dtype, since both compute through ag::sem.
inline bool hasScalarFastPath(OpKind kind, DType dtype) {
  switch (dtype) {
  case DType::Bool:
    return scalar_detail::acceptsBinary<bool>(kind);
  case DType::Int32:
    return scalar_detail::acceptsBinary<int32_t>(kind);
  case DType::Int64:
    return scalar_detail::acceptsBinary<int64_t>(kind);
  case DType::Float32:
    return scalar_detail::acceptsBinary<float>(kind);
  case DType::Float64:
    return scalar_detail::acceptsBinary<double>(kind);
  }
  return false;
}

/// out = a `kind` b for operands of one dtype; false: use the kernel.
inline bool scalarBinary(OpKind kind, const Scalar &a, const Scalar &b,
                         Scalar &out) {
  if (a.dtype != b.dtype)
    return false;
  switch (a.dtype) {
  case DType::Bool:
    return scalar_detail::binaryTyped(kind, a.b, b.b, out);
  case DType::Int32:
    return scalar_detail::binaryTyped(kind, a.i32, b.i32, out);
  case DType::Int64:
    return scalar_detail::binaryTyped(kind, a.i64, b.i64, out);
  case DType::Float32:
    return scalar_detail::binaryTyped(kind, a.f32, b.f32, out);
  case DType::Float64:
    return scalar_detail::binaryTyped(kind, a.f64, b.f64, out);
  }
  return false;
}

/// out = `kind` x; false: use the kernel.
inline bool scalarUnary(OpKind kind, const Scalar &x, Scalar &out) {
  switch (x.dtype) {
  case DType::Bool:
    return scalar_detail::unaryTyped(kind, x.b, out);
  case DType::Int32:
    return scalar_detail::unaryTyped(kind, x.i32, out);
  case DType::Int64:
    return scalar_detail::unaryTyped(kind, x.i64, out);
  case DType::Float32:
    return scalar_detail::unaryTyped(kind, x.f32, out);
  case DType::Float64:
    return scalar_detail::unaryTyped(kind, x.f64, out);
  }
  return false;
}

} // namespace ag::exec

#endif // AG_RUNTIME_EXEC_SCALAROPS_H
