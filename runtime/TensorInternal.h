//===- TensorInternal.h - Helpers shared by the runtime ---------*- C++ -*-===//
//
// Private to runtime/: how eager tensors are allocated and how a runtime
// failure without a source location becomes an ag::Error.
//
//===----------------------------------------------------------------------===//
#ifndef AG_RUNTIME_TENSORINTERNAL_H
#define AG_RUNTIME_TENSORINTERNAL_H

#include "ag/Error.h"
#include "ag/detail/TensorImpl.h"

#include <string>

namespace ag::detail {

/// A fresh eager tensor whose elements are uninitialized.
Tensor makeUninitialized(DType dtype, Shape shape);

/// Throws an ag::Error without a location (the evaluator or the tracer adds
/// one where it knows it).
[[noreturn]] void
throwError(std::string message,
           Diagnostic::Phase phase = Diagnostic::Phase::Evaluation);

/// Calls `fn` on a value of the C++ type of `dtype` (a type tag).
template <typename Fn> decltype(auto) dispatchDType(DType dtype, Fn &&fn) {
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

/// A requested shape as the user wrote it ("[2, -1]"): unlike
/// shapeToString, -1 stays -1 (there it prints the ? of a dynamic dimension).
std::string requestedShapeText(const Shape &shape);

} // namespace ag::detail

#endif // AG_RUNTIME_TENSORINTERNAL_H
