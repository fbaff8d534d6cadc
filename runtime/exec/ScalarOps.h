//===- ScalarOps.h - Allocation-free scalar fast path ------------*- C++ -*-===//
//
// Scalar control flow (loop counters, comparisons, collatz-style updates)
// would otherwise allocate a tensor per op. These compute the common
// elementwise ops on inline scalars with exactly the kernels' semantics
// (wrapping integer arithmetic, NaN-propagating min/max, fmod); anything
// else, and every case that fails (division by zero, MIN / -1), returns false
// so the caller runs the kernel, which computes or reports it. A unit test
// compares every op and dtype against ag::kernels on edge values.
//
//===----------------------------------------------------------------------===//
#ifndef AG_RUNTIME_EXEC_SCALAROPS_H
#define AG_RUNTIME_EXEC_SCALAROPS_H

#include "ag/runtime/Value.h"

namespace ag::exec {

/// out = a `kind` b for operands of one dtype; false: use the kernel.
bool scalarBinary(OpKind kind, const Scalar &a, const Scalar &b, Scalar &out);
/// out = `kind` x; false: use the kernel.
bool scalarUnary(OpKind kind, const Scalar &x, Scalar &out);

} // namespace ag::exec

#endif // AG_RUNTIME_EXEC_SCALAROPS_H
