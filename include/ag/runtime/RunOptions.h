//===- ag/runtime/RunOptions.h - Options and counters of a run --*- C++ -*-===//
//
// What one evaluation of a Program may do (threads, budgets, logging) and
// what it counted. The runtime's Session takes and returns these; ag/Graph.h
// re-exports them for users, so the runtime never reaches up to the API.
//
//===----------------------------------------------------------------------===//
#ifndef AG_RUNTIME_RUNOPTIONS_H
#define AG_RUNTIME_RUNOPTIONS_H

#include <cstdint>
#include <iosfwd>

namespace ag {

struct RunOptions {
  /// Worker threads for independent nodes; 0 takes AG_NUM_THREADS or the
  /// number of cores.
  int threads = 0;
  /// Log "computing / running / released" lines (like pyflow's verbose mode).
  bool verbose = false;
  std::ostream *log = nullptr; // defaults to std::cerr
  /// Run loops and branches whose values are all scalars as register code
  /// (the fast path). false runs every node on the general evaluator, as
  /// --verbose does; tests use it to check both paths. AG_SCALAR_CODE=0 in
  /// the environment sets it false for every run of the process.
  bool scalarCode = true;

  /// Budgets for one run. 0 takes the environment (AG_MAX_ITERATIONS,
  /// AG_TIMEOUT in seconds, AG_MAX_MEMORY in bytes, with an optional K, M or
  /// G suffix), else no limit — except maxBytes, which defaults to the
  /// machine's physical memory. Exceeding one is an ag::Error at the loop
  /// or op that hit it.
  uint64_t maxIterations = 0; // iterations of any one execution of a loop
  double timeout = 0;         // seconds for the whole run
  uint64_t maxBytes = 0;      // live tensor bytes (see peakLiveBytes)
};

/// Counters of the last evaluation, for tests and --verbose.
struct RunStats {
  uint64_t opsExecuted = 0;
  uint64_t buffersReleased = 0;
  uint64_t peakLiveBytes = 0;
};

} // namespace ag

#endif // AG_RUNTIME_RUNOPTIONS_H
