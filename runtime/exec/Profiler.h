//===- Profiler.h - Per-node timing, traces and progress --------*- C++ -*-===//
//
// What the evaluator reports about a run while it runs: a RunObserver exists
// only when the run is profiled (RunOptions::profile / profileSummary,
// AG_PROFILE) or may show a progress line (stderr is a terminal). The
// evaluator calls it at node begin/end and around each region execution;
// without one it pays a single predictable branch per node.
//
// Profiling keeps, per thread that ran nodes (no lock on the hot path; a
// thread's first node in a run registers its buffer), either one event per
// node and region execution (writing a trace: timed with the TSC) or, for
// the summary alone, a running total per node for the thread's first nodes
// (timed with the TSC: small runs stay exact) and a sampling profile for the
// rest: the thread publishes the control nodes it is in and the node it
// runs, and a sampler thread charges the time since its previous sample to
// each of them. A sampled leaf costs one store, no clock read (a clock read
// costs more than a small node on a VM, where the TSC traps). Executions are
// counted per plan execution, not per node: a sequential frame runs each
// node of its plan once (parallel frames, and a frame an error cut short,
// count their nodes). At the end of the run the buffers are merged into a
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
#include <unordered_map>
#include <vector>

namespace ag::exec {

struct LoopCtx;
struct Plan;
struct RunProgress;

/// Whole executions of one plan of `program`: each ran every node the plan
/// needs once.
struct PlanRuns {
  const Program *program;
  const Plan *plan;
  uint64_t runs;
};

/// The calling thread's buffer in the run it last recorded a node of.
struct ObserverThreadCache {
  uint64_t owner = 0; // the RunObserver's id
  void *buffer = nullptr;
  /// The id of the run this thread only samples nodes of (its timed nodes
  /// are used up); when set, it equals owner.
  uint64_t sampling = 0;
};
// initial-exec: a load off the thread pointer, not a __tls_get_addr call
// per node (libag is loaded with the program, not dlopen'ed late).
[[gnu::tls_model("initial-exec")]] inline thread_local ObserverThreadCache
    observerThreadCache;

class RunObserver {
  class ThreadBuffer;

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

  /// A node's start, and the buffer its end goes to (summary only).
  struct NodeStart {
    uint64_t time = 0; // ticks (| kPrecise), or 0 when sampled or not timed
    ThreadBuffer *buffer = nullptr;
    /// Whether nodeEnd wants the bytes of the node's results (a sampled
    /// node's bytes are estimated from its precisely timed executions).
    bool wantsBytes() const { return time != 0; }
  };
  /// Called on the thread that runs `node`.
  NodeStart nodeBegin(const Node &node) {
    if (summaryOnly_) {
      // The common case first: a sampled node of a summary-only run.
      ThreadBuffer &b = buffer();
      if (!b.preciseLeft) {
        // A control node: its regions' leaves show themselves.
        b.running.store(nullptr, std::memory_order_relaxed);
        b.push(reinterpret_cast<uintptr_t>(&node));
        return {0, &b};
      }
    }
    if (progress_)
      showProgress(node);
    if (!profiling_)
      return {};
    if (tracing_)
      return {traceBegin(), nullptr};
    ThreadBuffer &b = buffer();
    // Summary only: a thread's first kPreciseNodes nodes are timed with the
    // TSC, the rest are sampled.
    if (b.preciseLeft) {
      if (--b.preciseLeft == 0) {
        startSampling();
        // Summary only: the thread's later leaf nodes take showRunning().
        if (summaryOnly_)
          observerThreadCache.sampling = id_;
      }
      b.push(reinterpret_cast<uintptr_t>(&node) | kPreciseTag);
      return {now() | kPrecise, &b};
    }
    b.push(reinterpret_cast<uintptr_t>(&node));
    return {0, &b};
  }
  /// Summary-only runs, once the calling thread has timed its first nodes:
  /// where the thread shows the sampler the leaf node it runs (it stays
  /// there until the next node or idle()); null while the thread's nodes
  /// must go through nodeBegin.
  std::atomic<const Node *> *runningSlot() const {
    if (observerThreadCache.sampling != id_)
      return nullptr;
    return &static_cast<ThreadBuffer *>(observerThreadCache.buffer)->running;
  }
  /// The calling thread runs none of this run's leaf nodes now (a frame
  /// ended): the sampler stops charging the last one.
  void idle() const {
    if (std::atomic<const Node *> *running = runningSlot())
      running->store(nullptr, std::memory_order_relaxed);
  }
  /// Whether the summary counts executions (profiling without a trace:
  /// trace slices carry their own).
  bool countsExecutions() const { return counting_; }
  /// A sequential frame ran every node of `plan` (a plan of `p`) once.
  void planRan(const Program &p, const Plan &plan) {
    if (counting_)
      buffer().planRan(p, plan);
  }
  /// A sequential frame ran the first `ran` nodes of `plan`, then an error
  /// stopped it.
  void planCut(const Program &p, const Plan &plan, size_t ran);
  /// A parallel frame ran node `n` of `p` (or it failed).
  void nodeRan(const Program &p, NodeId n) {
    if (counting_)
      buffer().count(&p, n);
  }
  /// Node `n` of `p` ended; `bytes`: the sizes of the values it produced
  /// (0 unless start.wantsBytes()); `failed`: it threw.
  void nodeEnd(const Program &p, NodeId n, NodeStart start, uint64_t bytes,
               bool topLevel, bool failed) {
    if (start.buffer) {
      start.buffer->end(&p, n, start.time, bytes);
      if (summaryOnly_)
        return;
    } else if (tracing_)
      traceEnd(p, n, start.time, bytes, failed);
    if (progress_ && topLevel)
      nodeDone();
  }
  /// The start of a region's execution (0 unless writing a trace).
  uint64_t regionBegin() const { return tracing_ ? now() : 0; }
  /// One execution of `region` (a branch, or one loop iteration's region),
  /// started at regionBegin() `start`; `loops` is the loop context it ran in.
  void regionEnd(const Program &region, const LoopCtx *loops, uint64_t start);

  /// Ends the run: writes the trace (when asked) and fills stats.profile.
  /// Throws ag::Error when the trace cannot be written.
  void finish(RunStats &stats);

private:
  RunObserver() = default;

  /// A start time read from the TSC.
  static constexpr uint64_t kPrecise = uint64_t(1) << 63;
  /// On a thread's node stack: a node timed with the TSC (not sampled).
  static constexpr uintptr_t kPreciseTag = 1;
  /// Nodes per thread and run timed with the TSC when not tracing.
  static constexpr uint32_t kPreciseNodes = 64;
  /// Nested nodes a thread's stack shows the sampler (deeper ones are
  /// charged to their outer nodes).
  static constexpr uint32_t kStackDepth = 32;

  struct Event {
    const Program *program; // the node's program, or the region's
    const Node *loop;       // region slices: the loop the iteration belongs to
    uint64_t start, end;    // ticks
    uint64_t aux;           // node: bytes produced; region: iteration (1-based)
    NodeId node;
    bool region, failed;
    int32_t rank = 0; // the MPI rank a node ran on (0: this process)
  };
  /// A node execution timed with the TSC (summary only).
  struct Timed {
    const Program *program;
    NodeId node;
    uint64_t ticks, bytes;
  };
  class ThreadBuffer {
  public:
    std::vector<Event> events; // when tracing
    uint64_t tid = 0, dropped = 0;
    uint32_t preciseLeft = kPreciseNodes;
    /// The nodes this thread is running, outermost first (tagged pointers),
    /// read by the sampler thread.
    std::atomic<uint32_t> depth{0};
    std::atomic<uintptr_t> stack[kStackDepth] = {};
    /// The leaf node this thread runs past its timed ones (summary only),
    /// read by the sampler thread.
    std::atomic<const Node *> running{nullptr};
    /// Per program, executions of each node that parallel frames and cut
    /// frames ran (when not tracing): 8 bytes a node.
    std::unordered_map<const Program *, std::vector<uint64_t>> counts;
    const Program *lastProgram = nullptr;
    uint64_t *lastCounts = nullptr;
    /// Whole sequential executions per plan (when not tracing).
    std::unordered_map<const Plan *, PlanRuns> plans;
    PlanRuns *lastPlan = nullptr;
    std::vector<Timed> timed; // at most kPreciseNodes

    void push(uintptr_t node) {
      uint32_t d = depth.load(std::memory_order_relaxed);
      if (d < kStackDepth)
        stack[d].store(node, std::memory_order_relaxed);
      depth.store(d + 1, std::memory_order_release);
    }
    void end(const Program *p, NodeId n, uint64_t start, uint64_t bytes) {
      depth.store(depth.load(std::memory_order_relaxed) - 1,
                  std::memory_order_relaxed);
      if (start & kPrecise)
        timed.push_back({p, n, now() - (start & ~kPrecise), bytes});
    }
    void count(const Program *p, NodeId n) {
      if (p != lastProgram)
        switchProgram(p);
      ++lastCounts[n];
    }
    void switchProgram(const Program *p);
    void planRan(const Program &p, const Plan &plan) {
      if (!lastPlan || lastPlan->plan != &plan)
        lastPlan =
            &plans.try_emplace(&plan, PlanRuns{&p, &plan, 0}).first->second;
      ++lastPlan->runs;
    }
  };
  /// The calling thread's buffer of this run, found without a lock after the
  /// thread's first node.
  ThreadBuffer &buffer() {
    if (observerThreadCache.owner == id_)
      return *static_cast<ThreadBuffer *>(observerThreadCache.buffer);
    return newBuffer();
  }
  ThreadBuffer &newBuffer();
  void record(const Event &e);
  uint64_t traceBegin();
  void traceEnd(const Program &p, NodeId n, uint64_t start, uint64_t bytes,
                bool failed);
  void startSampling();
  void stopSampling();
  /// Charges `nanos` to every sampled node on each thread's stack (called
  /// by the sampler thread).
  void sample(uint64_t nanos);
  friend struct Sampler;
  void showProgress(const Node &node);
  void nodeDone();

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
  /// Reads (and returns to the pool) the per-node tables.
  std::vector<NodeProfile> summarize(double nsPerTick);
  /// Zeroed per-node tables, reused across runs: a big program's table is
  /// megabytes, and on a VM fresh pages cost a fault each (more than its
  /// nodes' evaluation).
  static std::vector<uint64_t> takeTable(size_t nodes);
  /// `table` must be all zeros.
  static void giveTable(std::vector<uint64_t> table);
  struct TablePool {
    std::vector<std::vector<uint64_t>> tables;
    size_t bytes = 0;
  };
  static TablePool &tablePool();
  /// Writes the Chrome trace-event JSON to trace_.
  void writeTrace(const TickClock &clock);

  // Profiling.
  bool profiling_ = false;
  bool tracing_ = false;       // every node and region is a slice of the trace
  bool summaryOnly_ = false;   // profiling, neither tracing nor progress
  bool counting_ = false;      // profiling without a trace
  bool sampling_ = false;      // registered with the sampler (buffersMutex_)
  uint64_t samplingSince_ = 0; // steadyNanos() when sampling started
  /// Sampled time per node (the sampler thread's; buffersMutex_).
  std::unordered_map<const Node *, uint64_t> sampled_;
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
