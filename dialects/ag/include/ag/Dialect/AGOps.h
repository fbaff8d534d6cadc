//===- AGOps.h - ag dialect operations --------------------------*- C++ -*-===//
#ifndef AG_DIALECT_AGOPS_H
#define AG_DIALECT_AGOPS_H

#include "ag/Dialect/AGDialect.h"
#include "ag/Dialect/AGTypes.h"

#include "mlir/Bytecode/BytecodeOpInterface.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/IR/OpImplementation.h"
#include "mlir/IR/SymbolTable.h"
#include "mlir/Interfaces/CallInterfaces.h"
#include "mlir/Interfaces/ControlFlowInterfaces.h"
#include "mlir/Interfaces/FunctionInterfaces.h"
#include "mlir/Interfaces/InferTypeOpInterface.h"
#include "mlir/Interfaces/LoopLikeInterface.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

#include "ag/Dialect/AGOpsEnums.h.inc"

namespace ag::ir {

/// What the effect ops (print, assert, check_numerics) write: the program's
/// observable state. Declaring the write keeps DCE and CSE away from them.
struct EffectResource
    : public mlir::SideEffects::Resource::Base<EffectResource> {
  llvm::StringRef getName() final { return "ag.effect"; }
};

/// Fetch names. Where a traced function returns, the tracer marks the value
/// each of its variables holds with the discardable attribute `ag.bind`: per
/// result, the array of variable names bound to it. `Graph::run` fetches by
/// these names only, so a name never means an intermediate of the variable's
/// statement. A pattern that replaces a marked op moves its names
/// (moveBindings); one that does not loses them, and the name is then not
/// fetchable rather than wrong.
inline constexpr llvm::StringLiteral kBindAttrName = "ag.bind";

/// Adds `name` to the names bound to `value` (nothing for a block argument).
void addBinding(mlir::Value value, llvm::StringRef name);

/// Moves the names bound to `from`'s results to `replacements`.
void moveBindings(mlir::Operation *from, mlir::ValueRange replacements);

/// The names bound to `value`; failure if the attribute is malformed (a
/// hand-written graph).
mlir::FailureOr<llvm::SmallVector<llvm::StringRef>>
boundNames(mlir::Value value);

} // namespace ag::ir

#define GET_OP_CLASSES
#include "ag/Dialect/AGOps.h.inc"

#endif // AG_DIALECT_AGOPS_H
