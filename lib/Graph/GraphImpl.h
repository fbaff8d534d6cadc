//===- GraphImpl.h - What an ag::Graph holds --------------------*- C++ -*-===//
//
// Internal to lib/Graph: the MLIR module, the lowered Program and the
// Session that evaluates it.
//
//===----------------------------------------------------------------------===//
#ifndef AG_LIB_GRAPH_GRAPHIMPL_H
#define AG_LIB_GRAPH_GRAPHIMPL_H

#include "ag/Graph.h"
#include "ag/runtime/Evaluator.h"

#include "ag/Dialect/AGOps.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/OwningOpRef.h"
#include "llvm/ADT/STLFunctionalExtras.h"

#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace ag::detail {
/// Adds the native counters and reasons of `report` to `stats`.
void mergeNativeStats(RunStats &stats, const RunStats &report);
} // namespace ag::detail

namespace ag::native {
class NativeFunction;
struct RunBudget;
} // namespace ag::native

namespace ag::detail {

/// A context with the dialects graphs use, shared by all graphs of one
/// ag::function (and one per loaded graph).
std::shared_ptr<mlir::MLIRContext> makeGraphContext();
class SourcePolicy;

/// Graph::parse in a given context (one from makeGraphContext). The fuzz
/// target reuses one context across inputs: creating it and loading the
/// dialect cost most of a small input's time.
Graph parseGraph(const std::string &mlirText, const std::string &bufferName,
                 const LoadOptions &options,
                 std::shared_ptr<mlir::MLIRContext> context);

struct GraphImpl {
  /// Lowers `module`'s (single, or first) ag.func. Throws ag::Error carrying
  /// the MLIR diagnostics if the module cannot be evaluated. `policy` is set
  /// for a graph read from a file or string (see SourcePolicy).
  static std::shared_ptr<GraphImpl>
  fromModule(std::shared_ptr<mlir::MLIRContext> context,
             mlir::OwningOpRef<mlir::ModuleOp> module,
             SourcePolicy *policy = nullptr,
             uint64_t maxConstantBytes = UINT64_MAX);

  using Input = Parameter;

  /// The one run path of a graph (Graph::run, Graph::evaluate and the
  /// calls of an ag::function): evaluates `fetches` given `feeds` (one per
  /// parameter, checked by checkFeed; undefined: not fed, an error only if a
  /// fetch needs it), one run at a time, and records the run's counters
  /// whether it succeeds or fails.
  /// The native backend's run of `fetches` (NativeRun.cpp), or nothing
  /// when the interpreter is to run them.
  /// `timed`: whether a native run records its wall time in `stats` (two
  /// clock reads: a third of a small call's cost, which the calls of an
  /// ag::function do not pay; their stats say 0 seconds).
  /// `report` gets the native counters and reasons of a run the
  /// interpreter is to do (RunStats::nativeReasons).
  std::optional<std::vector<exec::Value>>
  evaluateNative(const std::vector<exec::SlotId> &fetches,
                 const std::vector<Tensor> &feeds, const RunOptions &options,
                 bool timed, RunStats &report);
  /// evaluateNative's parts: the first native run's compile (whole, else
  /// partitioned), a run of the partitioned program, of the whole
  /// function.
  void compileNative(RunOptions::Backend backend);
  std::optional<std::vector<exec::Value>>
  runPartitioned(const std::vector<exec::SlotId> &fetches,
                 const std::vector<Tensor> &feeds, const RunOptions &options,
                 RunStats &report);
  std::optional<std::vector<exec::Value>>
  runWhole(const std::vector<Tensor> &feeds, const RunOptions &options,
           bool timed, RunStats &report);
  /// runAll's path on compiled scalar code: the results straight into
  /// `out`, without evaluate()'s vector of values (a tenth of a small
  /// call). False when it did not run them: then `faulted` says whether the
  /// native code faulted (the interpreter is to run next, without native
  /// code, to report it) or evaluateLocked is to run (it compiles and
  /// counts runs). The caller holds `mutex`.
  bool runAllNative(const std::vector<Tensor> &feeds, const RunOptions &options,
                    std::vector<Tensor> &out, bool &faulted);
  /// evaluate() for a caller holding `mutex`.
  std::vector<exec::Value>
  evaluateLocked(const std::vector<exec::SlotId> &fetches,
                 const std::vector<Tensor> &feeds, const RunOptions &options,
                 bool timed);
  /// The interpreter's run, recording its stats (the caller holds `mutex`).
  std::vector<exec::Value> interpret(const std::vector<exec::SlotId> &fetches,
                                     const std::vector<Tensor> &feeds,
                                     const RunOptions &options);
  /// Runs the compiled scalar function on `feeds` and hands `done` its
  /// result slots; false when the feeds do not fit, or (`faulted`, after
  /// telling the session which prints to skip) the code faulted.
  /// Throws the error of a timeout or cancel of the native code.
  bool runScalars(
      const std::vector<Tensor> &feeds, const RunOptions &options,
      llvm::function_ref<void(const uint64_t *results, size_t count)> done,
      bool &faulted);
  /// The budgets of a native run with `options` (RunOptions, AG_MAX_* and
  /// AG_TIMEOUT, Graph::cancel, the call's RunControl).
  native::RunBudget nativeBudget(const RunOptions &options);
  std::vector<exec::Value> evaluate(const std::vector<exec::SlotId> &fetches,
                                    const std::vector<Tensor> &feeds,
                                    const RunOptions &options = {},
                                    bool timed = true);
  /// The slots that evaluate the whole function: every result, then the
  /// final effect token (so effects on taken paths run).
  const std::vector<exec::SlotId> &everything() const;
  bool fetchesEverything(const std::vector<exec::SlotId> &fetches) const;
  /// Runs every result and effect; `feeds` in parameter order. Returns the
  /// non-token results.
  std::vector<Tensor> runAll(const std::vector<Tensor> &feeds,
                             const RunOptions &options = {});
  /// Checks a feed's type against parameter `index`; a weakly typed scalar
  /// (a C++ literal) adopts the parameter's dtype.
  Tensor checkFeed(size_t index, const Tensor &feed) const;

  std::shared_ptr<mlir::MLIRContext> context;
  mlir::OwningOpRef<mlir::ModuleOp> module;
  ir::FuncOp func;
  std::shared_ptr<exec::Program> program;
  std::unique_ptr<exec::Session> session;
  std::vector<Input> inputs;
  std::vector<std::string> outputNames; // "result<i>", tokens excluded
  std::vector<exec::SlotId> outputSlots;
  /// What everything() returns, built once.
  std::vector<exec::SlotId> allSlots;
  /// Every fetchable name: results, then source variables at top level (a
  /// reassigned variable names its last value).
  std::map<std::string, exec::SlotId> values;
  bool hasFinalToken = false;
  RunStats stats;
  /// Native code for `func`, compiled on the first native run (null when
  /// it is declined); `runs` counts runs for RunOptions::Backend::Auto.
  std::shared_ptr<native::NativeFunction> native;
  bool nativeTried = false;
  /// When `func` is declined as a whole: a session on its program with the
  /// worthwhile runs of native ops compiled (native::partition), and the
  /// slots it cannot fetch (inside a run; the interpreter fetches them).
  std::unique_ptr<exec::Session> partitioned;
  std::vector<bool> partitionHidden;
  /// Why `func` did not compile whole; the partition's remarks; its
  /// regions' counters (native::Partition), for RunStats.
  std::string nativeWhy;
  std::vector<std::string> partitionRemarks;
  std::shared_ptr<std::atomic<uint64_t>> regionFallbacks, regionFaults,
      regionCalls;
  /// `partitioned`, for Graph::cancel from another thread (set once, never
  /// reset while the graph lives).
  std::atomic<exec::Session *> partitionedSession{nullptr};
  /// The budgets the partitioned program's native regions check, set
  /// before each of its runs (native::Partition::budget).
  std::shared_ptr<native::RunBudget> partitionBudget;
  /// Graph::cancel of a native run in progress (each run clears it first,
  /// as the interpreter's session clears its own).
  std::atomic<bool> nativeCancelled{false};
  /// Whether Graph::persist or persistAll was called: persisted values are
  /// the interpreter's session cache, which native code neither reads nor
  /// fills, so such a graph runs on the interpreter (`persistRemarked`: the
  /// remark saying so was written).
  bool persisted = false;
  bool persistRemarked = false;
  /// Whether native prints escape control characters, as the Program's.
  bool escapePrints = false;
  uint64_t runs = 0;
  std::mutex mutex; // one evaluation at a time per graph
};

} // namespace ag::detail

#endif // AG_LIB_GRAPH_GRAPHIMPL_H
