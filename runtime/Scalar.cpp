//===- Scalar.cpp - exec::Scalar, the inline value of a 0-d slot ----------===//
//
// Part of AGRuntime, not AGExec: exec::Value (ag/runtime/Value.h) is used
// below the evaluator too (the store and the codecs compact and read
// scalars), and a layer must link without the layers above it.
//
//===----------------------------------------------------------------------===//

#include "ag/runtime/Value.h"

#include <cmath>
#include <limits>
#include <type_traits>

namespace ag::exec {

Scalar Scalar::fromTensor(const Tensor &t) {
  const void *p = t.rawData();
  switch (t.dtype()) {
  case DType::Bool:
    return of(*static_cast<const bool *>(p));
  case DType::Int32:
    return of(*static_cast<const int32_t *>(p));
  case DType::Int64:
    return of(*static_cast<const int64_t *>(p));
  case DType::Float32:
    return of(*static_cast<const float *>(p));
  case DType::Float64:
    return of(*static_cast<const double *>(p));
  }
  return Scalar();
}

Tensor Scalar::toTensor() const {
  // The union member of `dtype` starts at the union's address.
  return Tensor::fromBuffer(dtype, {}, &i64);
}

bool Scalar::truth() const {
  switch (dtype) {
  case DType::Bool:
    return b;
  case DType::Int32:
    return i32 != 0;
  case DType::Int64:
    return i64 != 0;
  case DType::Float32:
    return f32 != 0;
  case DType::Float64:
    return f64 != 0;
  }
  return false;
}

int64_t Scalar::asInt() const {
  switch (dtype) {
  case DType::Bool:
    return b;
  case DType::Int32:
    return i32;
  case DType::Int64:
    return i64;
  case DType::Float32:
    return static_cast<int64_t>(f32);
  case DType::Float64:
    return static_cast<int64_t>(f64);
  }
  return 0;
}

} // namespace ag::exec
