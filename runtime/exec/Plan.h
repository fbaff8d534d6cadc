//===- Plan.h - What one evaluation runs (internal) -------------*- C++ -*-===//
#ifndef AG_RUNTIME_EXEC_PLAN_H
#define AG_RUNTIME_EXEC_PLAN_H

#include "ag/runtime/Program.h"
#include "ag/runtime/Store.h"

#include <atomic>
#include <chrono>
#include <climits>
#include <memory>
#include <string>
#include <vector>

namespace ag::exec {

class ScalarCode;

/// Use count of slots that are never released during a frame (outputs,
/// constants, captures, persisted values).
constexpr int32_t kKeep = INT32_MAX;

struct Plan {
  std::vector<NodeId> order;       // needed nodes, in program order
  std::vector<uint8_t> nodeNeeded; // per node
  std::vector<uint8_t> slotNeeded; // per slot: some needed node/output reads it
  std::vector<int32_t> uses;       // per slot: needed consumers, or kKeep
  std::vector<uint8_t> argNeeded;  // per argument
  std::vector<uint8_t> captureNeeded; // per capture
  std::vector<uint8_t> bindFromCache; // per slot (top level only)
  /// Operands a needed region node actually reads (others: uniqueOperands).
  std::vector<std::vector<SlotId>> regionOperands;
  /// Per region node: one plan per region.
  std::vector<std::vector<std::unique_ptr<Plan>>> regions;
  std::vector<int32_t> pending; // per node: operands produced in this frame
  unsigned heavyNodes = 0;
  /// Some frame of this plan (here or in a region) has two heavy nodes.
  bool parallelizable = false;

  /// The slot space of a region plan, reused by every execution of the
  /// region in this run (a region runs in at most one frame at a time), so
  /// loop iterations and branches allocate nothing.
  struct FrameState {
    std::vector<Value> slots;
    std::vector<int32_t> scratch;
    bool constantsBound = false;
    /// With a store: the store keys of `slots` (StoreRun::enterRegion).
    std::vector<StoreKey> keys;
  };
  mutable FrameState state;

  /// Region nodes compiled to scalar code (see ScalarCode.h), on first
  /// execution; `compileTried` avoids retrying those that do not qualify.
  mutable std::vector<std::unique_ptr<ScalarCode>> compiled;
  mutable std::vector<uint8_t> compileTried;

  ~Plan();

  /// The slots node n reads (a region node: only those the plan needs).
  SlotSpan operandsOf(const Program &p, NodeId n) const {
    if (!p.hot(n).control)
      return p.uniqueOperands(n);
    const std::vector<SlotId> &reads = regionOperands[n];
    return {reads.data(), static_cast<uint32_t>(reads.size())};
  }
};

/// The chain of loops enclosing a running node, innermost first, with the
/// 1-based number of the iteration in progress.
struct LoopCtx {
  const Node *loop;
  uint64_t iteration;
  const LoopCtx *outer;
};

/// The limits of one run (RunOptions budgets and cancellation), checked at
/// every loop iteration on both evaluator paths: an iteration count is one
/// compare, the clock and the cancel flag are read every kPollInterval
/// iterations of the run's loops together.
struct Budget {
  static constexpr uint64_t kPollInterval = 1024;
  uint64_t maxIterations = UINT64_MAX;
  bool hasDeadline = false;
  std::chrono::steady_clock::time_point deadline;
  double timeout = 0;                               // seconds, for the message
  const std::atomic<bool> *cancelled = nullptr;     // Session::cancel
  const std::atomic<bool> *callCancelled = nullptr; // RunControl (Future)
  /// Iterations of all loops so far. Counting per loop instead let 30
  /// nested loops of 2 iterations each (2^30 in all, none reaching
  /// kPollInterval) run past the deadline and ignore cancel(). Relaxed load
  /// and store, not an atomic increment: a lost count only delays a poll.
  mutable std::atomic<uint64_t> ticks{0};

  /// Why the run must stop now (cancelled, out of time), or empty.
  std::string poll() const;
  /// Throws the located error when `iteration` of `loop` exceeds a budget.
  void checkIteration(const Node &loop, uint64_t iteration,
                      const LoopCtx *loops) const {
    uint64_t tick = ticks.load(std::memory_order_relaxed) + 1;
    ticks.store(tick, std::memory_order_relaxed);
    if (iteration > maxIterations || tick % kPollInterval == 0)
      checkIterationSlow(loop, iteration, loops);
  }
  void checkIterationSlow(const Node &loop, uint64_t iteration,
                          const LoopCtx *loops) const;
};

/// The diagnostic for a failure inside `node`: its location, then notes for
/// enclosing loops interleaved with the converted calls they sit in.
Error makeError(const Node &node, const std::string &message,
                const LoopCtx *loops,
                Diagnostic::Catch catchAs = Diagnostic::Catch::Std);

} // namespace ag::exec

#endif // AG_RUNTIME_EXEC_PLAN_H
