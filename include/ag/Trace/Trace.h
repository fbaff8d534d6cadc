//===- ag/Trace/Trace.h - Tracing twins into the ag dialect -----*- C++ -*-===//
#ifndef AG_TRACE_TRACE_H
#define AG_TRACE_TRACE_H

#include "ag/Tensor.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/StringRef.h"

#include <string>
#include <vector>

namespace ag::trace {

/// A staged argument of the traced function.
struct ArgSpec {
  std::string name; // parameter name ("arg0" when unknown)
  DType dtype;
  Shape shape;
  /// A scalar built from a C++ literal (`g(1.0f)`): traced weakly typed, as
  /// the eager call computes with it (see Tensor::isWeak()).
  bool weak = false;
};

/// Traces `body` into a new module holding one `ag.func @name`. `body`
/// receives staged tensors for `args` and returns the function's results;
/// every ag::Tensor operation and staging call (ag::if_, ag::while_...) it
/// makes is recorded. Effects leave their final token as the function's last
/// result. Throws ag::Error (Phase::Trace) at the user's source location on
/// a tracing error; the context is left clean.
mlir::OwningOpRef<mlir::ModuleOp> traceFunction(
    mlir::MLIRContext &context, llvm::StringRef name,
    llvm::ArrayRef<ArgSpec> args,
    llvm::function_ref<std::vector<Tensor>(const std::vector<Tensor> &)> body);

/// The name the twin of `original` was registered with, or empty.
std::string registeredName(const void *original);
/// The registered graph-input names of `original` (registerTensorPositions),
/// or none.
std::vector<std::string> tensorPositionNames(const void *original);
/// True if some twin was registered from source file `file` (compared by
/// path, else by file name).
bool hasTwinsFromFile(llvm::StringRef file);

/// Registers every dialect the tracer emits into `context`.
void loadDialects(mlir::MLIRContext &context);

} // namespace ag::trace

#endif // AG_TRACE_TRACE_H
