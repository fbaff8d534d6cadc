//===- ag/runtime/RunOptions.h - Options and counters of a run --*- C++ -*-===//
//
// What one evaluation of a Program may do (threads, budgets, logging) and
// what it counted. The runtime's Session takes and returns these; ag/Graph.h
// re-exports them for users, so the runtime never reaches up to the API.
//
//===----------------------------------------------------------------------===//
#ifndef AG_RUNTIME_RUNOPTIONS_H
#define AG_RUNTIME_RUNOPTIONS_H

#include <atomic>
#include <cstdint>
#include <iosfwd>
#include <memory>
#include <string>
#include <vector>

namespace ag {

/// One call's progress and its own cancel switch (what ag::Future shows):
/// the evaluator counts the graph's top-level nodes the run needs (`total`)
/// and those that finished (`done`); once `cancelled` is set no node starts
/// any more and the run fails with "evaluation cancelled".
struct RunControl {
  std::atomic<bool> cancelled{false};
  std::atomic<uint64_t> done{0}, total{0};
};

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

  /// Writes a Chrome trace-event JSON of this run here (one slice per
  /// executed node, loop iterations and branches nested; open it in
  /// Perfetto or chrome://tracing). Empty takes AG_PROFILE, else none.
  std::string profile;
  /// Fills RunStats::profile (time per node) without writing a trace; a
  /// trace fills it too.
  bool profileSummary = false;
  /// A run lasting longer than this many seconds shows a progress line on
  /// stderr when stderr is a terminal (never otherwise, nor when
  /// AG_PROGRESS=0). Negative: never.
  double progressAfter = 2.0;

  /// A directory where node results persist across runs and processes
  /// (docs/user-guide.md, "Durable runs"): the results of AG_NODE calls and
  /// the fetched values are stored under content keys, stored ones are not
  /// recomputed, and each run is recorded in <dir>/runs. Empty takes
  /// AG_STORE, else no store. An unusable directory is an ag::Error before
  /// any node runs.
  std::string store;

  /// What runs the graph. Interpreter: the evaluator. Native: machine code
  /// compiled once per traced signature (scalar graphs without effects; any
  /// other graph runs on the interpreter with a remark on stderr). Auto: the
  /// interpreter for the first two runs of a graph, native code from the
  /// third if the graph lowers, silently. Native code runs only runs that
  /// fetch everything without logging or profiling (its loops check the
  /// budgets and cancellation themselves); an evaluation
  /// error re-runs the interpreter, which reports it. AG_BACKEND
  /// (interpreter, native, auto) in the environment overrides it for every
  /// run of the process (docs/architecture.md, "Native code").
  enum class Backend : uint8_t { Interpreter, Native, Auto };
  Backend backend = Backend::Interpreter;

  /// Where the graph's AG_NODE calls run. Local: this process's threads.
  /// Mpi: when the process runs under mpirun with more than one rank, rank 0
  /// evaluates the graph and sends node calls whose values have codecs to
  /// the other ranks, which serve them from their first run on (and end
  /// with rank 0; docs/user-guide.md, "Running on MPI ranks"). Outside
  /// mpirun, Mpi runs locally. AG_EXECUTOR (local, mpi) in the environment
  /// overrides it for every run of the process.
  enum class Executor : uint8_t { Local, Mpi };
  Executor executor = Executor::Local;

  /// Progress counters and a cancel switch of this run alone (set by
  /// Function::async for its Future); null: none.
  std::shared_ptr<RunControl> control;
};

/// The time one node of a program took over a profiled run, summed over its
/// executions (a loop body's nodes run once per iteration).
struct NodeProfile {
  std::string op;       // "ag.add"
  std::string name;     // the source variable it computes, or empty
  std::string location; // "file.cpp:12:5", or empty when unknown
  uint64_t count = 0;   // executions
  double seconds = 0;   // wall time, including nested nodes (loops, ifs)
  uint64_t bytes = 0;   // bytes of the values it produced, summed
};

/// Counters of the last evaluation, for tests and --verbose.
struct RunStats {
  uint64_t opsExecuted = 0;
  uint64_t buffersReleased = 0;
  uint64_t peakLiveBytes = 0;
  /// Wall time of the evaluation.
  double seconds = 0;
  /// With a store (RunOptions::store): top-level nodes not run because
  /// their needed results were read from the store, values read, values
  /// written, and the run's record id (<dir>/runs/<id>.json; 0 without a
  /// store).
  uint64_t nodesCached = 0;
  uint64_t valuesLoaded = 0;
  uint64_t valuesStored = 0;
  uint64_t storeRun = 0;
  /// The native backend (RunOptions::backend Native or Auto): calls of
  /// compiled code this run made (a graph compiled whole counts one, a
  /// partitioned one one per native region called), calls of compiled code
  /// the interpreter ran instead (a fault, which the interpreter then
  /// reports, or feeds the code does not take), and why anything ran on
  /// the interpreter, one line per reason (the op that keeps a region on
  /// the interpreter, a fault, a run option only the interpreter honours,
  /// ...). Zero and empty on the interpreter backend; opsExecuted counts
  /// the interpreter's ops either way.
  uint64_t nativeCalls = 0;
  uint64_t nativeFallbacks = 0;
  std::vector<std::string> nativeReasons;
  /// Per node, slowest first, when the run was profiled
  /// (RunOptions::profile or profileSummary, or AG_PROFILE); else empty.
  std::vector<NodeProfile> profile;
};

/// Prints the `top` slowest nodes of a profiled run with their source lines
/// (what ag-run --profile-summary shows).
void printProfileSummary(std::ostream &os, const RunStats &stats,
                         size_t top = 10);

} // namespace ag

#endif // AG_RUNTIME_RUNOPTIONS_H
