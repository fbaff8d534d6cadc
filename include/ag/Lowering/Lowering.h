//===- ag/Lowering/Lowering.h - ag dialect to runtime Programs --*- C++ -*-===//
//
// Lowers an (optimized) `ag.func` to an exec::Program: one node per op with
// the kernel it runs, operand/result slots, regions as sub-programs, and the
// op's source location translated to the user's file. This is the only place
// MLIR locations become runtime locations.
//
//===----------------------------------------------------------------------===//
#ifndef AG_LOWERING_LOWERING_H
#define AG_LOWERING_LOWERING_H

#include "ag/runtime/Program.h"

#include "mlir/IR/Location.h"
#include "mlir/IR/Value.h"
#include "mlir/Support/LogicalResult.h"

#include <cstdint>
#include <memory>
#include <string>

namespace ag::ir {
class FuncOp;
}

namespace ag::lowering {

/// The user's source for `loc`: file:line:col (+ range end), the variable
/// name (NameLoc) and the enclosing function, plus one "called from here"
/// note per converted call it was inlined through (CallSiteLoc), innermost
/// first. Unknown parts stay empty; never fails.
exec::NodeSource toNodeSource(mlir::Location loc);

/// Lowers `func` (and its regions). Unknown ops or unsupported types are
/// reported with emitError at the op and yield failure. Slots are named
/// after source variables; the program's arguments after the parameters.
/// `maxConstantBytes` bounds the bytes of the constants it materializes
/// (a splat of a huge type is a few bytes of graph text).
mlir::FailureOr<std::shared_ptr<exec::Program>>
lowerFunction(ir::FuncOp func, uint64_t maxConstantBytes = UINT64_MAX);

/// The source variable `value` holds, as fetches name it: an op's recorded
/// name, a merged or loop-carried result's variable, a loop block argument
/// named like the loop result it becomes ("token", "iteration" for an
/// ag.for index); empty if unknown.
std::string valueName(mlir::Value value);

/// Tensors at or above this many elements are "heavy": worth a task of their
/// own when they have independent siblings. A dynamic dim counts as 1 (its
/// size is unknown until evaluation); lists count nothing.
constexpr int64_t kHeavyElements = 1 << 15;

} // namespace ag::lowering

#endif // AG_LOWERING_LOWERING_H
