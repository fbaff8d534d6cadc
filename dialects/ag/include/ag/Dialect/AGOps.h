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

} // namespace ag::ir

#define GET_OP_CLASSES
#include "ag/Dialect/AGOps.h.inc"

#endif // AG_DIALECT_AGOPS_H
