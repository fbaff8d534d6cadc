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

#include <optional>
#include <string>
#include <vector>

namespace ag::detail {

/// numpy broadcasting of two shapes, or nullopt if they are incompatible:
/// the one definition behind broadcastShapes (TensorImpl.h), which throws
/// ag::Error for the tracer and eager operators, and the kernels' errors
/// that name the op.
std::optional<Shape> tryBroadcastShapes(const Shape &a, const Shape &b);

/// A fresh eager tensor whose elements are uninitialized.
Tensor makeUninitialized(DType dtype, Shape shape);

/// Throws an ag::Error without a location (the evaluator or the tracer adds
/// one where it knows it).
[[noreturn]] void
throwError(std::string message,
           Diagnostic::Phase phase = Diagnostic::Phase::Evaluation);

/// Calls `fn` on a value of the C++ type of `dtype`: the dialect shares
/// its definition (ag/semantics/DType.h).
using sem::dispatchDType;

/// "float64[2, 3]" (with ? for dimensions unknown at trace time), for
/// messages about an operand.
inline std::string typeText(const Tensor &t) {
  return std::string(dtypeName(t.dtype())) + shapeToString(t.shape());
}

/// Resolves a reshape of x to `requested` (at most one -1, none other
/// negative) into `target`: the -1 becomes what x's element count leaves,
/// unless x's shape is not static yet (a traced tensor), when it stays.
/// Returns why the reshape is impossible, or nullopt. The one check behind
/// ag::reshape and the reshape kernel.
std::optional<std::string>
resolveReshape(const Tensor &x, const Shape &requested, Shape &target);

/// Checks that `perm` is a permutation of x's dimensions, first counting
/// negative entries from the end if `fromEnd` (the user's API does, the
/// kernel takes them as given). Returns why it is not, or nullopt. The one
/// check behind ag::transpose and the transpose kernel.
std::optional<std::string>
normalizePermutation(const Tensor &x, std::vector<int64_t> &perm, bool fromEnd);

/// A requested shape as the user wrote it ("[2, -1]"): unlike
/// shapeToString, -1 stays -1 (there it prints the ? of a dynamic dimension).
std::string requestedShapeText(const Shape &shape);

} // namespace ag::detail

#endif // AG_RUNTIME_TENSORINTERNAL_H
