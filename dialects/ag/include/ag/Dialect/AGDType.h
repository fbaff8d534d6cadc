//===- AGDType.h - ag element types and ag::DType ---------------*- C++ -*-===//
//
// The one mapping between the element types of ag tensors (i1, i32, i64,
// f32, f64) and ag::DType, used by the lowering, the native backend and the
// tracer. ag::DType belongs to the runtime (ag/Tensor.h), which the dialect
// may not include, so the functions are templates on the enum: each caller
// (which includes ag/Tensor.h) instantiates them with ag::DType.
//
//===----------------------------------------------------------------------===//
#ifndef AG_DIALECT_AGDTYPE_H
#define AG_DIALECT_AGDTYPE_H

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinTypes.h"

#include <optional>

namespace ag::ir {

/// The dtype of an element type; nullopt for a type ag tensors cannot hold.
template <typename DType> std::optional<DType> toDType(mlir::Type elementType) {
  if (elementType.isInteger(1))
    return DType::Bool;
  if (elementType.isInteger(32))
    return DType::Int32;
  if (elementType.isInteger(64))
    return DType::Int64;
  if (elementType.isF32())
    return DType::Float32;
  if (elementType.isF64())
    return DType::Float64;
  return std::nullopt;
}

/// The element type of `dtype` (toDType's inverse).
template <typename DType>
mlir::Type toElementType(mlir::MLIRContext *context, DType dtype) {
  mlir::Builder b(context);
  switch (dtype) {
  case DType::Bool:
    return b.getI1Type();
  case DType::Int32:
    return b.getI32Type();
  case DType::Int64:
    return b.getI64Type();
  case DType::Float32:
    return b.getF32Type();
  case DType::Float64:
    break;
  }
  return b.getF64Type();
}

} // namespace ag::ir

#endif // AG_DIALECT_AGDTYPE_H
