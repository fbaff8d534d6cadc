//===- AGDType.cpp - ag element types and ag::DType -----------------------===//

#include "ag/Dialect/AGDType.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinTypes.h"

namespace ag::ir {

std::optional<DType> toDType(mlir::Type elementType) {
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
