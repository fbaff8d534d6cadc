//===- ag/runtime/Evaluator.h - Lazy, parallel evaluation -------*- C++ -*-===//
//
// A Session evaluates fetches of one Program lazily: only the nodes the
// fetches depend on run, an `if` runs only its taken region, intermediates
// are released right after their last consumer, and independent heavy nodes
// run in parallel on oneTBB. Persisted values are cached across runs until a
// feed changes. Errors inside nodes become ag::Error (Phase::Evaluation) at
// the node's source location; the session stays usable afterwards.
//
//===----------------------------------------------------------------------===//
#ifndef AG_RUNTIME_EVALUATOR_H
#define AG_RUNTIME_EVALUATOR_H

#include "ag/runtime/Program.h"
#include "ag/runtime/RunOptions.h"

#include <memory>
#include <vector>

namespace ag::exec {

/// The worker count for `requested` (RunOptions::threads): itself when
/// positive, else AG_NUM_THREADS, else the number of cores.
int resolveThreads(int requested);

class Session {
public:
  explicit Session(std::shared_ptr<const Program> program);
  ~Session();
  Session(const Session &) = delete;
  Session &operator=(const Session &) = delete;

  /// Evaluates `fetches` (slots of the top-level program). `feeds` has one
  /// entry per program argument; an undefined Tensor means "not fed", which
  /// is an error only if a fetch needs that argument. Effects run only when
  /// a fetch depends on their token. Not reentrant: one run at a time.
  std::vector<Value> run(const std::vector<SlotId> &fetches,
                         const std::vector<Tensor> &feeds,
                         const RunOptions &options = {});

  /// The next run formats its first `count` prints but does not write them:
  /// native code wrote them before it faulted, and the run reports the
  /// fault (lib/Graph/NativeRun.cpp).
  void skipPrints(uint64_t count);

  /// Makes the run in progress fail with "evaluation cancelled" at its next
  /// loop iteration or node; callable from any thread, no-op when idle.
  void cancel();

  /// Keeps `slot`'s value across runs (until a feed changes).
  void persist(SlotId slot);
  void persistAll();
  /// Forgets every cached value.
  void clearCache();

  const RunStats &lastRunStats() const;
  const Program &program() const;

private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

} // namespace ag::exec

#endif // AG_RUNTIME_EVALUATOR_H
