//===- ScalarOps.cpp - Allocation-free scalar fast path -------------------===//

#include "ScalarOps.h"

#include <cmath>
#include <limits>
#include <type_traits>

namespace ag::exec {

Scalar Scalar::fromTensor(const Tensor &t) {
  const void *p = t.rawData();
  switch (t.dtype()) {
  case DType::Bool: return of(*static_cast<const bool *>(p));
  case DType::Int32: return of(*static_cast<const int32_t *>(p));
  case DType::Int64: return of(*static_cast<const int64_t *>(p));
  case DType::Float32: return of(*static_cast<const float *>(p));
  case DType::Float64: return of(*static_cast<const double *>(p));
  }
  return Scalar();
}

Tensor Scalar::toTensor() const {
  // The union member of `dtype` starts at the union's address.
  return Tensor::fromBuffer(dtype, {}, &i64);
}

bool Scalar::truth() const {
  switch (dtype) {
  case DType::Bool: return b;
  case DType::Int32: return i32 != 0;
  case DType::Int64: return i64 != 0;
  case DType::Float32: return f32 != 0;
  case DType::Float64: return f64 != 0;
  }
  return false;
}

int64_t Scalar::asInt() const {
  switch (dtype) {
  case DType::Bool: return b;
  case DType::Int32: return i32;
  case DType::Int64: return i64;
  case DType::Float32: return static_cast<int64_t>(f32);
  case DType::Float64: return static_cast<int64_t>(f64);
  }
  return 0;
}

namespace {

template <typename T> T get(const Scalar &s) {
  if constexpr (std::is_same_v<T, bool>) return s.b;
  else if constexpr (std::is_same_v<T, int32_t>) return s.i32;
  else if constexpr (std::is_same_v<T, int64_t>) return s.i64;
  else if constexpr (std::is_same_v<T, float>) return s.f32;
  else return s.f64;
}

template <typename T> T wrap(T a, T b, OpKind kind) {
  using U = std::make_unsigned_t<T>;
  U x = static_cast<U>(a), y = static_cast<U>(b);
  return static_cast<T>(kind == OpKind::Add   ? x + y
                        : kind == OpKind::Sub ? x - y
                                              : x * y);
}

template <typename T>
bool binaryTyped(OpKind kind, T x, T y, Scalar &out) {
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
    case OpKind::Min: out = Scalar::of((y < x || y != y) ? y : x); return true;
    case OpKind::Max: out = Scalar::of((y > x || y != y) ? y : x); return true;
    default: return false;
    }
  }
}

template <typename T> bool unaryTyped(OpKind kind, T v, Scalar &out) {
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

} // namespace

bool scalarBinary(OpKind kind, const Scalar &a, const Scalar &b, Scalar &out) {
  if (a.dtype != b.dtype)
    return false;
  switch (a.dtype) {
  case DType::Bool: return binaryTyped(kind, a.b, b.b, out);
  case DType::Int32: return binaryTyped(kind, a.i32, b.i32, out);
  case DType::Int64: return binaryTyped(kind, a.i64, b.i64, out);
  case DType::Float32: return binaryTyped(kind, a.f32, b.f32, out);
  case DType::Float64: return binaryTyped(kind, a.f64, b.f64, out);
  }
  return false;
}

bool scalarUnary(OpKind kind, const Scalar &x, Scalar &out) {
  switch (x.dtype) {
  case DType::Bool: return unaryTyped(kind, x.b, out);
  case DType::Int32: return unaryTyped(kind, x.i32, out);
  case DType::Int64: return unaryTyped(kind, x.i64, out);
  case DType::Float32: return unaryTyped(kind, x.f32, out);
  case DType::Float64: return unaryTyped(kind, x.f64, out);
  }
  return false;
}

} // namespace ag::exec
