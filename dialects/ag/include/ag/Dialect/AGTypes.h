//===- AGTypes.h - ag dialect types -----------------------------*- C++ -*-===//
#ifndef AG_DIALECT_AGTYPES_H
#define AG_DIALECT_AGTYPES_H

#include "ag/Dialect/AGDialect.h"
#include "mlir/IR/BuiltinTypes.h"

#define GET_TYPEDEF_CLASSES
#include "ag/Dialect/AGOpsTypes.h.inc"

namespace ag::ir {

/// True for the element types ag tensors may hold: i1, i32, i64, f32, f64.
bool isAGElementType(mlir::Type type);

/// True for a statically shaped ranked tensor of an ag element type.
bool isAGTensorType(mlir::Type type);

/// A 0-d tensor of `elementType` (the scalar form of a value).
mlir::RankedTensorType getScalarType(mlir::Type elementType);

} // namespace ag::ir

#endif // AG_DIALECT_AGTYPES_H
