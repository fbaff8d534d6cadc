//===- NativeRun.cpp - Runs on the native backend -------------------------===//
//
// GraphImpl::evaluateNative: the backend choice of RunOptions, and a run of
// the graph's compiled code when it applies. Everything the native code
// cannot honour goes to the interpreter: partial fetches (laziness),
// persisted values, logging and profiling, and evaluation errors (re-run
// so the interpreter reports them with their location and loop
// iteration). Budgets and cancellation are checked by the native loops
// (native::RunBudget).
//
//===----------------------------------------------------------------------===//

#include "GraphImpl.h"

#include "ag/Native/Native.h"

#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <cstring>

namespace ag::detail {

namespace {

RunOptions::Backend backendFor(const RunOptions &options) {
  // Read once: the environment sets the backend for the whole process.
  static const std::optional<RunOptions::Backend> fromEnv =
      []() -> std::optional<RunOptions::Backend> {
    const char *env = std::getenv("AG_BACKEND");
    if (!env || !*env)
      return std::nullopt;
    if (!std::strcmp(env, "native"))
      return RunOptions::Backend::Native;
    if (!std::strcmp(env, "auto"))
      return RunOptions::Backend::Auto;
    if (!std::strcmp(env, "interpreter"))
      return RunOptions::Backend::Interpreter;
    llvm::errs() << "ag: warning: AG_BACKEND='" << env
                 << "' is not interpreter, native or auto; ignored\n";
    return std::nullopt;
  }();
  return fromEnv ? *fromEnv : options.backend;
}

bool envSet(const char *name) {
  const char *v = std::getenv(name);
  return v && *v;
}

/// Whether the run asks for something only the evaluator does. The
/// environment is read once, as the evaluator reads its budgets (a getenv
/// per call was a tenth of a small call's cost).
bool needsInterpreter(const RunOptions &options) {
  static const bool fromEnv = envSet("AG_PROFILE") || envSet("AG_STORE");
  return options.verbose || !options.profile.empty() ||
         options.profileSummary || !options.store.empty() || fromEnv;
}

/// A budget from the environment, 0 when unset or not a positive number
/// (as the evaluator's envBudget reads AG_MAX_ITERATIONS and AG_TIMEOUT).
double envBudget(const char *name) {
  const char *env = std::getenv(name);
  if (!env || !*env)
    return 0;
  double v = std::strtod(env, nullptr);
  return v > 0 ? v : 0;
}

/// Whether the interpreter escapes the output of `program`'s prints (a
/// graph loaded from a file or string, see SourcePolicy).
bool printsEscaped(const exec::Program &program) {
  for (const exec::Node &node : program.nodes()) {
    if (node.kind == exec::NodeKind::Print && node.escapeOutput)
      return true;
    for (const auto &region : node.regions)
      if (printsEscaped(*region))
        return true;
  }
  return false;
}

/// Why (part of) a run went to the interpreter (RunStats::nativeReasons),
/// once per reason.
void noteReason(RunStats &report, const std::string &why) {
  if (std::find(report.nativeReasons.begin(), report.nativeReasons.end(),
                why) == report.nativeReasons.end())
    report.nativeReasons.push_back(why);
}

/// One more call of compiled code the interpreter ran instead, and why.
void noteFallback(RunStats &report, const std::string &why) {
  ++report.nativeFallbacks;
  noteReason(report, why);
}

} // namespace

void mergeNativeStats(RunStats &stats, const RunStats &report) {
  stats.nativeCalls += report.nativeCalls;
  stats.nativeFallbacks += report.nativeFallbacks;
  for (const std::string &why : report.nativeReasons)
    noteReason(stats, why);
}

/// fetches == everything(), without building everything() on each call.
bool GraphImpl::fetchesEverything(
    const std::vector<exec::SlotId> &fetches) const {
  size_t n = outputSlots.size() + (hasFinalToken ? 1 : 0);
  return fetches.size() == n &&
         std::equal(outputSlots.begin(), outputSlots.end(), fetches.begin()) &&
         (!hasFinalToken || fetches.back() == program->results().back());
}

std::optional<std::vector<exec::Value>> GraphImpl::evaluateNative(
    const std::vector<exec::SlotId> &fetches, const std::vector<Tensor> &feeds,
    const RunOptions &options, bool timed, RunStats &report) {
  RunOptions::Backend backend = backendFor(options);
  if (backend == RunOptions::Backend::Interpreter)
    return std::nullopt;
  if (needsInterpreter(options)) {
    noteReason(report, "the run's options (logging, profiling or a store) "
                       "need the interpreter");
    return std::nullopt;
  }
  if (options.control && options.control->cancelled.load()) {
    noteReason(report, "the call was cancelled before it ran");
    return std::nullopt; // the interpreter reports it
  }
  // Whole native code runs every result; a partitioned program is lazy.
  bool everything = fetchesEverything(fetches);
  if (!everything && nativeTried && !partitioned) {
    noteReason(report, "a partial fetch (the compiled function computes "
                       "every result)");
    return std::nullopt;
  }
  if (persisted) {
    // The cache of persisted values is the interpreter session's: native
    // code would recompute them on every run.
    if (backend == RunOptions::Backend::Native && !persistRemarked) {
      persistRemarked = true;
      llvm::errs() << "ag: remark: '" << program->name
                   << "' runs on the interpreter: it has persisted values, "
                      "which the interpreter caches across runs\n";
    }
    noteReason(report, "persisted values (the interpreter caches them)");
    return std::nullopt;
  }
  if (backend == RunOptions::Backend::Auto && ++runs < 3) {
    noteReason(report, "auto: the first two runs are interpreted");
    return std::nullopt;
  }
  if (!nativeTried)
    compileNative(backend);
  if (partitioned)
    return runPartitioned(fetches, feeds, options, report);
  if (!native) {
    noteReason(report, nativeWhy);
    return std::nullopt;
  }
  if (!everything) {
    noteReason(report, "a partial fetch (the compiled function computes "
                       "every result)");
    return std::nullopt;
  }
  return runWhole(feeds, options, timed, report);
}

native::RunBudget GraphImpl::nativeBudget(const RunOptions &options) {
  static const uint64_t envIterations =
      static_cast<uint64_t>(envBudget("AG_MAX_ITERATIONS"));
  static const double envTimeout = envBudget("AG_TIMEOUT");
  native::RunBudget budget;
  uint64_t iterations =
      options.maxIterations ? options.maxIterations : envIterations;
  if (iterations)
    budget.maxIterations = iterations;
  budget.timeout = options.timeout > 0 ? options.timeout : envTimeout;
  if (budget.timeout > 0) {
    budget.hasDeadline = true;
    budget.deadline =
        std::chrono::steady_clock::now() +
        std::chrono::duration_cast<std::chrono::steady_clock::duration>(
            std::chrono::duration<double>(budget.timeout));
  }
  nativeCancelled.store(false, std::memory_order_relaxed);
  budget.cancelled = &nativeCancelled;
  if (options.control)
    budget.callCancelled = &options.control->cancelled;
  return budget;
}

void GraphImpl::compileNative(RunOptions::Backend backend) {
  nativeTried = true;
  auto compiled = native::NativeFunction::compile(*module, func.getSymName());
  if (compiled) {
    native = std::move(*compiled);
    escapePrints = printsEscaped(*program);
    return;
  }
  nativeWhy = llvm::toString(compiled.takeError());
  // Declined as a whole: compile its runs of native ops instead.
  native::Partition part =
      native::partition(*module, func.getSymName(), *program);
  if (part.program) {
    partitioned = std::make_unique<exec::Session>(part.program);
    partitionedSession = partitioned.get();
    partitionHidden = std::move(part.hidden);
    partitionBudget = part.budget;
    partitionRemarks = part.remarks;
    regionFallbacks = part.interpreted;
    regionFaults = part.faulted;
    regionCalls = part.nativeCalls;
  }
  if (backend == RunOptions::Backend::Native) {
    if (!part.program)
      llvm::errs() << nativeWhy << "\n";
    for (const std::string &remark : part.remarks)
      llvm::errs() << remark << "\n";
  }
}

std::optional<std::vector<exec::Value>>
GraphImpl::runPartitioned(const std::vector<exec::SlotId> &fetches,
                          const std::vector<Tensor> &feeds,
                          const RunOptions &options, RunStats &report) {
  for (exec::SlotId s : fetches)
    if (s < partitionHidden.size() && partitionHidden[s]) {
      noteReason(report, "a fetch of a value computed inside a native "
                         "region");
      return std::nullopt;
    }
  // The regions' counters over this run (another thread's run of this
  // graph waits for the graph's mutex).
  uint64_t calls = regionCalls->load(), fallbacks = regionFallbacks->load(),
           faults = regionFaults->load();
  auto record = [&] {
    stats = partitioned->lastRunStats();
    stats.nativeCalls = regionCalls->load() - calls;
    uint64_t fellBack = regionFallbacks->load() - fallbacks;
    uint64_t faulted = regionFaults->load() - faults;
    for (const std::string &remark : partitionRemarks)
      noteReason(stats, remark);
    if (faulted)
      noteReason(stats, "a native region faulted: the interpreter re-ran it "
                        "on the same inputs");
    if (fellBack > faulted)
      noteReason(stats, "a native region's feeds did not fit its code: the "
                        "interpreter ran it");
    stats.nativeFallbacks = fellBack;
  };
  *partitionBudget = nativeBudget(options);
  std::vector<exec::Value> values;
  try {
    values = partitioned->run(fetches, feeds, options);
  } catch (...) {
    record();
    throw;
  }
  record();
  return values;
}

std::optional<std::vector<exec::Value>>
GraphImpl::runWhole(const std::vector<Tensor> &feeds, const RunOptions &options,
                    bool timed, RunStats &report) {
  std::chrono::steady_clock::time_point start;
  if (timed)
    start = std::chrono::steady_clock::now();
  auto finish = [&](std::vector<exec::Value> values) {
    if (hasFinalToken)
      values.push_back(exec::Value::token());
    stats = RunStats();
    stats.nativeCalls = 1;
    if (timed)
      stats.seconds = std::chrono::duration<double>(
                          std::chrono::steady_clock::now() - start)
                          .count();
    return values;
  };
  bool faulted = false;
  if (native->elementwise() || native->buffered()) {
    native::RunBudget budget = nativeBudget(options);
    native::RunEffects effects;
    effects.budget = &budget;
    if (RunControl *control = options.control.get()) {
      control->total.store(1);
      control->done.store(0);
    }
    if (auto values = native->runTensors(feeds, &faulted, &effects)) {
      if (RunControl *control = options.control.get())
        control->done.store(1);
      return finish(std::move(*values));
    }
    if (effects.stop.kind != native::BudgetStop::Kind::None) {
      stats = RunStats();
      stats.nativeCalls = 1;
      throw native->budgetError(effects.stop, budget);
    }
  } else {
    std::vector<exec::Value> values;
    bool ran = runScalars(
        feeds, options,
        [&](const uint64_t *results, size_t m) {
          values.reserve(m + 1); // and the final token
          for (size_t r = 0; r < m; ++r)
            values.emplace_back(
                native::scalarOfSlot(results[r], native->resultTypes()[r]));
        },
        faulted);
    if (ran)
      return finish(std::move(values));
  }
  noteFallback(report, faulted ? "the native code faulted: the interpreter "
                                 "re-ran the graph"
                               : "the feeds do not fit the compiled code");
  return std::nullopt;
}

bool GraphImpl::runScalars(
    const std::vector<Tensor> &feeds, const RunOptions &options,
    llvm::function_ref<void(const uint64_t *results, size_t count)> done,
    bool &faulted) {
  // Slots on the stack: arguments, then results (see runSlots).
  size_t n = feeds.size(), m = native->resultTypes().size();
  if (n != native->argumentTypes().size())
    return false;
  llvm::SmallVector<uint64_t, 16> slots(n + m, 0);
  for (size_t i = 0; i < n; ++i) {
    const Tensor &feed = feeds[i];
    if (!feed.defined() || feed.isStaged() || feed.rank() != 0 ||
        feed.dtype() != native->argumentTypes()[i])
      return false;
    slots[i] = native::scalarSlot(exec::Scalar::fromTensor(feed));
  }
  // Prints run in the native code; after a fault the interpreter re-runs
  // the graph to report it, without writing them again.
  native::RunBudget budget = nativeBudget(options);
  RunControl *control = options.control.get();
  if (control) { // the whole function is one step (Future::progress)
    control->total.store(1);
    control->done.store(0);
  }
  native::RunEffects effects;
  effects.escapeOutput = escapePrints;
  effects.budget = &budget;
  if (!native->runSlots(slots.data(), &effects)) {
    // A budget: reported here, at the loop that hit it (a re-run would
    // take as long again).
    if (effects.stop.kind != native::BudgetStop::Kind::None) {
      stats = RunStats();
      stats.nativeCalls = 1;
      throw native->budgetError(effects.stop, budget);
    }
    // An evaluation error: the interpreter re-runs the graph and reports
    // it, word for word.
    faulted = true;
    if (effects.prints)
      session->skipPrints(effects.prints);
    return false;
  }
  done(slots.data() + n, m);
  if (control)
    control->done.store(1);
  return true;
}

bool GraphImpl::runAllNative(const std::vector<Tensor> &feeds,
                             const RunOptions &options,
                             std::vector<Tensor> &out, bool &faulted) {
  // Only a graph already compiled (evaluateNative compiles, counts Auto's
  // runs and handles everything else), for the conditions evaluateNative
  // checks.
  if (!native || persisted || native->elementwise() || native->buffered() ||
      native->resultTypes().size() != outputSlots.size())
    return false;
  RunOptions::Backend backend = backendFor(options);
  if (backend == RunOptions::Backend::Interpreter || needsInterpreter(options))
    return false;
  if (options.control && options.control->cancelled.load())
    return false;
  bool ran = runScalars(
      feeds, options,
      [&](const uint64_t *results, size_t m) {
        out.reserve(m);
        for (size_t r = 0; r < m; ++r)
          out.push_back(
              native::scalarOfSlot(results[r], native->resultTypes()[r])
                  .toTensor());
      },
      faulted);
  if (ran) {
    stats = RunStats();
    stats.nativeCalls = 1;
  }
  return ran;
}

} // namespace ag::detail

namespace ag {

std::string Graph::loweredMlir() const {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  return native::loweredText(*impl_->module);
}

} // namespace ag
