//===- ScalarCode.h - Scalar control flow as register code ------*- C++ -*-===//
//
// Loops and branches whose every value is a scalar (collatz-style code) spend
// most of their time in per-node bookkeeping: slots, use counts, frames. A
// region node whose whole subtree is scalar and made of fast-path ops is
// compiled, per plan, into flat register code with jumps: registers are
// Scalars, captures alias the outer register, loop-carried values are moves.
// Only the nodes the plan needs are compiled, so laziness (taken branch
// only, unneeded values never computed) is unchanged, and a failing op
// defers to the kernel for the exact error, reported at the op with the
// iteration of each enclosing loop.
//
//===----------------------------------------------------------------------===//
#ifndef AG_RUNTIME_EXEC_SCALARCODE_H
#define AG_RUNTIME_EXEC_SCALARCODE_H

#include "Plan.h"

#include <memory>
#include <vector>

namespace ag::exec {

class ScalarCode {
public:
  /// Compiles region node `n` of `p` as planned by `plan`, or returns null
  /// if some value in it is not a typed scalar or some op has no fast path.
  static std::unique_ptr<ScalarCode> compile(const Program &p, NodeId n,
                                             const Plan &plan);
  ~ScalarCode();

  /// Runs the node on `slots` (its operands are read, its results written).
  /// Returns the number of ops executed (counted like the general
  /// evaluator), or -1 when an operand is not a scalar at run time (then
  /// nothing was done). Throws ag::Error on a failing op or when a loop
  /// exceeds `budget`. Not reentrant; a
  /// node runs in at most one frame at a time.
  int64_t run(std::vector<Value> &slots, const LoopCtx *loops,
              const Budget &budget) const;

  struct Instr;
  struct Impl;

private:
  ScalarCode();
  std::unique_ptr<Impl> impl_;
};

} // namespace ag::exec

#endif // AG_RUNTIME_EXEC_SCALARCODE_H
