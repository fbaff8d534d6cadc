//===- Profiler.h - Per-node timing, traces and progress --------*- C++ -*-===//
//
// What the evaluator reports about a run while it runs: a RunObserver exists
// only when the run is profiled (RunOptions::profile / profileSummary,
// AG_PROFILE) or may show a progress line (stderr is a terminal). The
// evaluator calls it at node begin/end and around each region execution;
// without one it pays a single predictable branch per node.
//
// Profiling records one event per node execution into a buffer of the thread
// that ran it (no lock on the hot path; a thread's first event in a run
// registers its buffer). At the end of the run the buffers are merged into a
// Chrome trace-event JSON file and a per-node summary (RunStats::profile).
//
//===----------------------------------------------------------------------===//
#ifndef AG_RUNTIME_EXEC_PROFILER_H
#define AG_RUNTIME_EXEC_PROFILER_H

#include "ag/runtime/Program.h"
#include "ag/runtime/RunOptions.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <fstream>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace ag::exec {

struct LoopCtx;
struct RunProgress;

class RunObserver {
public:
  /// The observer of one run of `top` whose top-level plan runs `topNodes`
  /// nodes, or null when neither profiling nor progress is on. Throws
  /// ag::Error when the trace file cannot be written (before any node runs).
  static std::unique_ptr<RunObserver>
  create(const RunOptions &options, const Program &top, size_t topNodes);
  ~RunObserver();

  /// A timestamp in clock ticks: the TSC on x86-64 (a third of the cost of
  /// steady_clock on a VM), converted to time at finish().
  static uint64_t now() {
#if defined(__x86_64__)
    return __builtin_ia32_rdtsc();
#else
    return steadyNanos();
#endif
  }
  static uint64_t steadyNanos() {
    return static_cast<uint64_t>(
        std::chrono::duration_cast<std::chrono::nanoseconds>(
            std::chrono::steady_clock::now().time_since_epoch())
            .count());
  }

  /// Called on the thread that runs `node`; returns the start time.
  uint64_t nodeBegin(const Node &node);
  /// Node `n` of `p` ended; `bytes`: the sizes of the values it produced;
  /// `failed`: it threw.
  void nodeEnd(const Program &p, NodeId n, uint64_t start, uint64_t bytes,
               bool topLevel, bool failed);
  /// One execution of `region` (a branch, or one loop iteration's region),
  /// started at `start`; `loops` is the loop context it ran in.
  void regionEnd(const Program &region, const LoopCtx *loops, uint64_t start);

  /// Ends the run: writes the trace (when asked) and fills stats.profile.
  /// Throws ag::Error when the trace cannot be written.
  void finish(RunStats &stats);

private:
  RunObserver() = default;

  struct Event {
    const Program *program; // the node's program, or the region's
    const Node *loop;       // region slices: the loop the iteration belongs to
    uint64_t start, end;    // ticks
    uint64_t aux;           // node: bytes produced; region: iteration (1-based)
    NodeId node;
    bool region, failed;
    int32_t rank = 0; // the MPI rank a node ran on (0: this process)
  };
  struct ThreadBuffer {
    std::vector<Event> events;
    uint64_t tid = 0, dropped = 0;
  };
  ThreadBuffer &buffer();
  void record(const Event &e);

  /// This run's ticks as nanoseconds since its start.
  struct TickClock {
    uint64_t startTicks = 0;
    double nsPerTick = 1.0;
    uint64_t nanos(uint64_t ticks) const {
      return static_cast<uint64_t>(
          static_cast<double>(ticks - std::min(ticks, startTicks)) * nsPerTick);
    }
  };
  /// The most expensive nodes of the run (RunStats::profile).
  std::vector<NodeProfile> summarize(double nsPerTick) const;
  /// Writes the Chrome trace-event JSON to trace_.
  void writeTrace(const TickClock &clock);

  // Profiling.
  bool profiling_ = false;
  std::string tracePath_;
  std::ofstream trace_;
  const Program *top_ = nullptr;
  uint64_t id_ = 0; // tells this run's thread buffers from a former run's
  uint64_t startTicks_ = 0, startNanos_ = 0;
  std::mutex buffersMutex_;
  std::vector<std::unique_ptr<ThreadBuffer>> buffers_;

  // Progress (null when off).
  std::unique_ptr<RunProgress> progress_;
};

} // namespace ag::exec

#endif // AG_RUNTIME_EXEC_PROFILER_H
