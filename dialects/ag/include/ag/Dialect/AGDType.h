//===- AGDType.h - ag element types and ag::DType ---------------*- C++ -*-===//
//
// The one mapping between the element types of ag tensors (i1, i32, i64,
// f32, f64) and ag::DType (ag/semantics/DType.h, which the runtime's
// ag::Tensor uses too), for the dialect's folders, the lowering, the native
// backend and the tracer.
//
//===----------------------------------------------------------------------===//
#ifndef AG_DIALECT_AGDTYPE_H
#define AG_DIALECT_AGDTYPE_H

#include "ag/semantics/DType.h"

#include "mlir/IR/Types.h"

#include <optional>
#include <utility>

namespace mlir {
class MLIRContext;
} // namespace mlir

namespace ag::ir {

/// The dtype of an element type; nullopt for a type ag tensors cannot hold.
std::optional<DType> toDType(mlir::Type elementType);

/// The element type of `dtype` (toDType's inverse).
mlir::Type toElementType(mlir::MLIRContext *context, DType dtype);

/// Calls `fn` with a value of the C++ type of `elementType` (a type tag;
/// double for a type ag tensors cannot hold, which verified ops do not have).
template <typename Fn>
decltype(auto) visitElementType(mlir::Type elementType, Fn &&fn) {
  return sem::dispatchDType(toDType(elementType).value_or(DType::Float64),
                            std::forward<Fn>(fn));
}

} // namespace ag::ir

#endif // AG_DIALECT_AGDTYPE_H
