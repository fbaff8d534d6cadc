//===- Evaluator.cpp - Lazy, parallel Program evaluation ------------------===//
//
// Evaluation happens in two steps. Planning walks a program backwards from
// the wanted slots and marks the nodes they depend on (recursing into
// regions, with a fixpoint for loop-carried values), counting the needed
// consumers of every slot. Execution then runs the needed nodes in program
// order, or, when there is heavy independent work and more than one worker,
// as a dependency-counting DAG on oneTBB where cheap nodes still run inline
// on the current worker. A slot is released as soon as its count of needed
// consumers drops to zero. Plans are made once per fetch set (and reused
// while the cache and persisted set are unchanged), never per loop
// iteration, so the per-node cost is a switch, the kernel call and a few
// counter updates. Control flow whose values are all scalars is compiled
// from its plan to register code (ScalarCode.h) on first execution.
//
//===----------------------------------------------------------------------===//

#include "ag/runtime/Evaluator.h"
#include "ag/Error.h"
#include "ag/runtime/HostNode.h"
#include "ag/runtime/Kernels.h"
#include "ag/runtime/Mpi.h"

#include "Plan.h"
#include "Profiler.h"
#include "ScalarCode.h"
#include "ScalarOps.h"
#include "StoreRun.h"

#include <tbb/global_control.h>
#include <tbb/task_arena.h>
#include <tbb/task_group.h>

#include <atomic>
#include <climits>
#include <cstdlib>
#include <iostream>
#include <mutex>
#include <optional>
#include <sstream>
#include <thread>
#include <utility>

#include <unistd.h>

namespace ag::exec {

int resolveThreads(int requested) {
  if (requested > 0)
    return requested;
  if (const char *env = std::getenv("AG_NUM_THREADS")) {
    int n = std::atoi(env);
    if (n > 0)
      return n;
  }
  unsigned hw = std::thread::hardware_concurrency();
  return hw ? static_cast<int>(hw) : 1;
}

namespace {

/// AG_SCALAR_CODE=0 disables register code for the whole process (read
/// once).
bool scalarCodeAllowed() {
  static const bool allowed = [] {
    const char *env = std::getenv("AG_SCALAR_CODE");
    return !env || std::string(env) != "0";
  }();
  return allowed;
}

std::unique_ptr<Plan> buildPlan(const Program &p,
                                const std::vector<SlotId> &wanted,
                                const std::vector<uint8_t> *available,
                                const std::vector<uint8_t> *persisted);

/// Plans a region whose results `outputNeeded` marks.
std::unique_ptr<Plan>
buildRegionPlan(const Program &region,
                const std::vector<uint8_t> &outputNeeded) {
  std::vector<SlotId> wanted;
  for (size_t i = 0; i < outputNeeded.size(); ++i)
    if (outputNeeded[i])
      wanted.push_back(region.results()[i]);
  return buildPlan(region, wanted, nullptr, nullptr);
}

/// Marks which explicit operands and captures a needed region node reads,
/// building its region plans. `resultNeeded` marks the node's results.
void planRegionNode(const Program &p, const Node &node, NodeId n, Plan &plan,
                    const std::vector<uint8_t> &resultNeeded) {
  std::vector<uint8_t> explicitNeeded(node.numExplicitOperands, 0);
  auto &plans = plan.regions[n];
  size_t numResults = node.results.size();
  switch (node.kind) {
  case NodeKind::If: {
    explicitNeeded[0] = 1;
    for (const auto &region : node.regions)
      plans.push_back(buildRegionPlan(*region, resultNeeded));
    break;
  }
  case NodeKind::Try:
    for (const auto &region : node.regions)
      plans.push_back(buildRegionPlan(*region, resultNeeded));
    break;
  case NodeKind::For: {
    // Iteration values the results need, or the body needs to compute them.
    const Program &body = *node.regions[0];
    std::vector<uint8_t> carried = resultNeeded;
    std::unique_ptr<Plan> bodyPlan;
    while (true) {
      bodyPlan = buildRegionPlan(body, carried);
      bool changed = false;
      for (size_t i = 0; i < numResults; ++i)
        if (bodyPlan->argNeeded[1 + i] && !carried[i])
          carried[i] = changed = true;
      if (!changed)
        break;
    }
    explicitNeeded[0] = explicitNeeded[1] = explicitNeeded[2] = 1;
    for (size_t i = 0; i < numResults; ++i)
      explicitNeeded[3 + i] = carried[i];
    plans.push_back(std::move(bodyPlan));
    break;
  }
  case NodeKind::While: {
    // before(state) -> condition(cond, fwd...); after(fwd) -> yield(state).
    const Program &before = *node.regions[0], &after = *node.regions[1];
    size_t numState = before.arguments().size();
    std::vector<uint8_t> fwd = resultNeeded;
    std::vector<uint8_t> state(numState, 0);
    std::unique_ptr<Plan> beforePlan, afterPlan;
    while (true) {
      std::vector<uint8_t> beforeOut(1 + fwd.size());
      beforeOut[0] = 1;
      std::copy(fwd.begin(), fwd.end(), beforeOut.begin() + 1);
      beforePlan = buildRegionPlan(before, beforeOut);
      state = beforePlan->argNeeded;
      afterPlan = buildRegionPlan(after, state);
      bool changed = false;
      for (size_t i = 0; i < fwd.size(); ++i)
        if (afterPlan->argNeeded[i] && !fwd[i])
          fwd[i] = changed = true;
      // The after region feeds the before region's arguments: anything it
      // needs to compute them must flow round again.
      if (!changed)
        break;
    }
    for (size_t i = 0; i < numState; ++i)
      explicitNeeded[i] = state[i];
    plans.push_back(std::move(beforePlan));
    plans.push_back(std::move(afterPlan));
    break;
  }
  default:
    break;
  }

  std::vector<SlotId> &reads = plan.regionOperands[n];
  for (uint32_t i = 0; i < node.numExplicitOperands; ++i)
    if (explicitNeeded[i])
      reads.push_back(node.operands[i]);
  for (size_t r = 0; r < node.regions.size(); ++r) {
    const auto &captures = node.regions[r]->captures();
    for (size_t c = 0; c < captures.size(); ++c)
      if (plans[r]->captureNeeded[c])
        reads.push_back(captures[c].first);
  }
  std::sort(reads.begin(), reads.end());
  reads.erase(std::unique(reads.begin(), reads.end()), reads.end());
}

std::unique_ptr<Plan> buildPlan(const Program &p,
                                const std::vector<SlotId> &wanted,
                                const std::vector<uint8_t> *available,
                                const std::vector<uint8_t> *persisted) {
  auto plan = std::make_unique<Plan>();
  size_t numNodes = p.nodes().size(), numSlots = p.numSlots();
  plan->nodeNeeded.assign(numNodes, 0);
  plan->slotNeeded.assign(numSlots, 0);
  plan->uses.assign(numSlots, 0);
  plan->regionOperands.resize(numNodes);
  plan->regions.resize(numNodes);
  plan->compiled.resize(numNodes);
  plan->compileTried.assign(numNodes, 0);
  for (SlotId s : wanted) {
    plan->slotNeeded[s] = 1;
    plan->uses[s] = kKeep;
  }
  auto isAvailable = [&](SlotId s) { return available && (*available)[s]; };

  std::vector<uint8_t> resultNeeded;
  for (NodeId n = static_cast<NodeId>(numNodes); n-- > 0;) {
    const Node &node = p.nodes()[n];
    bool needed = false;
    for (SlotId r : node.results)
      needed |= plan->slotNeeded[r] && !isAvailable(r);
    if (!needed)
      continue;
    plan->nodeNeeded[n] = 1;
    if (!node.regions.empty()) {
      resultNeeded.clear();
      for (SlotId r : node.results)
        resultNeeded.push_back(plan->slotNeeded[r]);
      planRegionNode(p, node, n, *plan, resultNeeded);
    }
    for (SlotId s : plan->operandsOf(p, n)) {
      plan->slotNeeded[s] = 1;
      if (plan->uses[s] != kKeep)
        ++plan->uses[s];
    }
  }

  // Values that must outlive the frame, or are not the frame's to release.
  for (auto &[slot, value] : p.constants())
    plan->uses[slot] = kKeep;
  plan->captureNeeded.assign(p.captures().size(), 0);
  for (size_t c = 0; c < p.captures().size(); ++c) {
    SlotId inner = p.captures()[c].second;
    plan->captureNeeded[c] = plan->slotNeeded[inner];
    plan->uses[inner] = kKeep;
  }
  plan->argNeeded.assign(p.arguments().size(), 0);
  for (size_t a = 0; a < p.arguments().size(); ++a)
    plan->argNeeded[a] = plan->slotNeeded[p.arguments()[a]];
  if (persisted)
    for (SlotId s = 0; s < numSlots; ++s)
      if ((*persisted)[s] && plan->slotNeeded[s])
        plan->uses[s] = kKeep;
  if (available) {
    plan->bindFromCache.assign(numSlots, 0);
    for (SlotId s = 0; s < numSlots; ++s)
      plan->bindFromCache[s] = plan->slotNeeded[s] && (*available)[s];
  }

  plan->pending.assign(numNodes, 0);
  for (NodeId n = 0; n < numNodes; ++n) {
    if (!plan->nodeNeeded[n])
      continue;
    const Node &node = p.nodes()[n];
    plan->order.push_back(n);
    plan->heavyNodes += node.heavy;
    for (const auto &region : plan->regions[n])
      plan->parallelizable |= region->parallelizable;
    for (SlotId s : node.uniqueOperands) {
      NodeId producer = p.slot(s).producer;
      if (producer != kNoNode && plan->nodeNeeded[producer])
        ++plan->pending[n];
    }
  }
  plan->parallelizable |= plan->heavyNodes >= 2;
  return plan;
}

/// "float64[?, 3]": a type in runtime diagnostics, -1 dims as "?".
std::string typeString(DType dtype, const Shape &shape) {
  return std::string(dtypeName(dtype)) + shapeToString(shape);
}

/// Whether `t` has `dtype` and `shape`, where a -1 dim matches any size.
bool matchesType(const Tensor &t, DType dtype, const Shape &shape) {
  if (t.dtype() != dtype || t.rank() != static_cast<int64_t>(shape.size()))
    return false;
  for (size_t i = 0; i < shape.size(); ++i)
    if (shape[i] >= 0 && t.shape()[i] != shape[i])
      return false;
  return true;
}

std::string locString(const SourceLoc &loc) {
  if (!loc.known())
    return "<unknown>";
  return loc.file + ":" + std::to_string(loc.line) + ":" +
         std::to_string(loc.col);
}

} // namespace

Plan::~Plan() = default;

static size_t callDepth(const Node &node) {
  return node.source ? node.source->callSites.size() : 0;
}

/// The diagnostic for a failure inside `node`: its location, then notes for
/// enclosing loops interleaved with the converted calls they sit in
/// (innermost first), so each loop note appears inside its own function.
Error makeError(const Node &node, const std::string &message,
                const LoopCtx *loops, Diagnostic::Catch catchAs) {
  Diagnostic diag;
  diag.phase = Diagnostic::Phase::Evaluation;
  diag.catchAs = catchAs;
  diag.message = message;
  static const std::vector<DiagnosticNote> noSites;
  const std::vector<DiagnosticNote> &sites =
      node.source ? node.source->callSites : noSites;
  if (node.source)
    diag.loc = node.source->loc;
  size_t depth = sites.size(), cur = depth;
  for (const LoopCtx *l = loops; l; l = l->outer) {
    size_t loopDepth = std::min(callDepth(*l->loop), depth);
    for (; cur > loopDepth; --cur)
      diag.notes.push_back(sites[depth - cur]);
    DiagnosticNote note;
    if (l->loop->source)
      note.loc = l->loop->source->loc;
    note.message = "in iteration " + std::to_string(l->iteration) +
                   (note.loc.known() ? " of this loop" : " of a loop");
    diag.notes.push_back(std::move(note));
  }
  for (; cur > 0; --cur)
    diag.notes.push_back(sites[depth - cur]);
  return Error(std::move(diag));
}

std::string Budget::poll() const {
  if ((cancelled && cancelled->load(std::memory_order_relaxed)) ||
      (callCancelled && callCancelled->load(std::memory_order_relaxed)))
    return "evaluation cancelled";
  if (hasDeadline && std::chrono::steady_clock::now() > deadline) {
    std::ostringstream os;
    os << "the evaluation exceeded its time limit of " << timeout
       << " s (RunOptions::timeout, ag-run --timeout, AG_TIMEOUT)";
    return os.str();
  }
  return {};
}

void Budget::checkIterationSlow(const Node &loop, uint64_t iteration,
                                const LoopCtx *loops) const {
  if (iteration > maxIterations)
    throw makeError(loop,
                    "this loop exceeded the iteration limit of " +
                        std::to_string(maxIterations) +
                        " (RunOptions::maxIterations, ag-run "
                        "--max-iterations, AG_MAX_ITERATIONS)",
                    loops, Diagnostic::Catch::None);
  std::string why = poll();
  if (!why.empty())
    throw makeError(loop,
                    why + " in iteration " + std::to_string(iteration) +
                        " of this loop",
                    loops, Diagnostic::Catch::None);
}

namespace {

/// A budget from the environment: 0 when unset or not a number. `suffixes`
/// accepts K, M and G (powers of 1024) after the number.
double envBudget(const char *name, bool suffixes) {
  const char *env = std::getenv(name);
  if (!env || !*env)
    return 0;
  char *end = nullptr;
  double v = std::strtod(env, &end);
  if (suffixes && end && *end) {
    switch (*end) {
    case 'k':
    case 'K':
      v *= 1024.0;
      break;
    case 'm':
    case 'M':
      v *= 1024.0 * 1024;
      break;
    case 'g':
    case 'G':
      v *= 1024.0 * 1024 * 1024;
      break;
    default:
      break;
    }
  }
  return v > 0 ? v : 0;
}

struct EnvBudgets {
  uint64_t maxIterations, maxBytes;
  double timeout;
};

const EnvBudgets &envBudgets() {
  static const EnvBudgets budgets = [] {
    EnvBudgets b;
    b.maxIterations =
        static_cast<uint64_t>(envBudget("AG_MAX_ITERATIONS", false));
    b.timeout = envBudget("AG_TIMEOUT", false);
    b.maxBytes = static_cast<uint64_t>(envBudget("AG_MAX_MEMORY", true));
    if (!b.maxBytes) {
      // A run cannot keep more than the machine has alive: fail with a
      // located error rather than meet the OOM killer.
      long pages = sysconf(_SC_PHYS_PAGES), size = sysconf(_SC_PAGE_SIZE);
      b.maxBytes = pages > 0 && size > 0 ? static_cast<uint64_t>(pages) *
                                               static_cast<uint64_t>(size)
                                         : UINT64_MAX;
    }
    return b;
  }();
  return budgets;
}

bool truth(const Node &node, const Value &v, const LoopCtx *loops) {
  Scalar c;
  if (!v.asScalar(c))
    throw makeError(node, "condition must be a scalar", loops);
  return c.truth();
}

int64_t scalarInt(const Node &node, const Value &v, const LoopCtx *loops) {
  Scalar c;
  if (!v.asScalar(c))
    throw makeError(node, "expected a scalar", loops);
  return c.asInt();
}

/// One evaluation: options, counters and the session cache it fills.
/// A failure no graph-level try catches (an evaluation limit).
class LimitError : public kernels::KernelError {
public:
  using kernels::KernelError::KernelError;
};

class Run {
public:
  Run(const RunOptions &options, int threads, std::vector<Value> *cache,
      const std::vector<uint8_t> *persisted, const std::atomic<bool> *cancelled)
      : threads_(threads), cache_(cache), persisted_(persisted) {
    const EnvBudgets &env = envBudgets();
    uint64_t maxIterations =
        options.maxIterations ? options.maxIterations : env.maxIterations;
    if (maxIterations)
      budget_.maxIterations = maxIterations;
    budget_.timeout = options.timeout > 0 ? options.timeout : env.timeout;
    if (budget_.timeout > 0) {
      budget_.hasDeadline = true;
      budget_.deadline =
          std::chrono::steady_clock::now() +
          std::chrono::duration_cast<std::chrono::steady_clock::duration>(
              std::chrono::duration<double>(budget_.timeout));
    }
    budget_.cancelled = cancelled;
    control_ = options.control.get();
    // A call's own cancel (Future::cancel) also stops a loop in progress.
    if (control_)
      budget_.callCancelled = &control_->cancelled;
    maxBytes_ = options.maxBytes ? options.maxBytes : env.maxBytes;
    if (options.verbose)
      log_ = options.log ? options.log : &std::cerr;
    // Verbose mode logs every node as it runs: register code would skip it.
    scalarCode_ = options.scalarCode && !log_ && scalarCodeAllowed();
    // On an MPI worker rank this serves node calls and ends the process.
    remote_ = mpi::executorFor(options);
  }

  /// Runs `plan` on `slots` (whose inputs are bound); throws ag::Error.
  void runFrame(const Program &p, const Plan &plan, std::vector<Value> &slots,
                std::vector<int32_t> &scratch, const LoopCtx *loops,
                bool topLevel);

  void logLine(const std::string &line) {
    std::lock_guard<std::mutex> lock(logMutex_);
    *log_ << line << "\n";
  }
  std::ostream *log() const { return log_; }
  /// The first `count` prints are formatted but not written.
  void skipPrints(uint64_t count) { printsToSkip_ = count; }
  /// Profiling and progress hooks for this run; null when both are off.
  void observe(RunObserver *observer) { obs_ = observer; }
  /// Where top-level results are written and recorded; null without one.
  void storeTo(StoreRun *store) { store_ = store; }
  StoreRun *store() const { return store_; }
  /// With a store, the keys of `slots`, a frame of `plan` (a region's, or
  /// the top level's); null without one.
  const SlotKeys *keysOf(const Plan &plan,
                         const std::vector<Value> &slots) const {
    if (!store_)
      return nullptr;
    return &slots == &plan.state.slots ? &plan.state.keys : &store_->topKeys();
  }

  /// Counter updates are plain loads and stores until the first parallel
  /// frame starts: no locked instructions on the sequential hot path.
  template <typename T> T add(std::atomic<T> &counter, T delta) {
    if (concurrent_.load(std::memory_order_relaxed))
      return counter.fetch_add(delta, std::memory_order_relaxed) + delta;
    T now = counter.load(std::memory_order_relaxed) + delta;
    counter.store(now, std::memory_order_relaxed);
    return now;
  }
  void produced(uint64_t bytes) {
    if (!bytes)
      return;
    int64_t now = add<int64_t>(live_, static_cast<int64_t>(bytes));
    if (static_cast<uint64_t>(now) > maxBytes_) {
      add<int64_t>(live_, -static_cast<int64_t>(bytes));
      throw LimitError(
          "this op exceeded the memory limit: " + std::to_string(now) +
          " bytes would be live, the limit is " + std::to_string(maxBytes_) +
          " (RunOptions::maxBytes, ag-run --max-memory, AG_MAX_MEMORY)");
    }
    int64_t peak = peak_.load(std::memory_order_relaxed);
    while (now > peak &&
           !peak_.compare_exchange_weak(peak, now, std::memory_order_relaxed))
      ;
  }
  void dropped(uint64_t bytes) {
    if (bytes)
      add<int64_t>(live_, -static_cast<int64_t>(bytes));
  }

  RunStats stats() const {
    RunStats s;
    s.opsExecuted = ops_.load();
    s.buffersReleased = released_.load();
    s.peakLiveBytes = static_cast<uint64_t>(std::max<int64_t>(0, peak_.load()));
    return s;
  }

  void bind(Value &slot, Value v) {
    produced(v.bytes());
    dropped(slot.bytes());
    slot = std::move(v);
  }
  void clear(Value &slot) {
    dropped(slot.bytes());
    slot.reset();
  }

private:
  void execNode(const Program &p, const Plan &plan, NodeId n,
                std::vector<Value> &slots, const LoopCtx *loops, bool topLevel);
  void execNodeObserved(const Program &p, const Plan &plan, NodeId n,
                        std::vector<Value> &slots, const LoopCtx *loops,
                        bool topLevel);
  void execNodeBody(const Program &p, const Plan &plan, NodeId n,
                    std::vector<Value> &slots, const LoopCtx *loops,
                    bool topLevel);
  /// Runs a node that is not control flow, dispatching on its kind.
  void runKernel(const Program &p, NodeId n, std::vector<Value> &slots);
  /// Unary, Binary, Select: on inline scalars without a kernel call.
  void runElementwise(const Program &p, NodeId n, std::vector<Value> &slots);
  /// Shape, indexing, reduction and linear algebra kernels.
  void runTensorKernel(const Program &p, NodeId n, std::vector<Value> &slots);
  /// Print, Assert, CheckNumerics: the effect, then the next token.
  void runEffect(const Program &p, NodeId n, std::vector<Value> &slots);
  /// A registered user function (AG_NODE), here or on an MPI worker rank.
  /// `plan`: under MPI, which results only nodes sent to workers read.
  void runHostNode(const Program &p, NodeId n, std::vector<Value> &slots,
                   const Plan *plan = nullptr);
  /// Under MPI: tensor kernel n on a worker rank (heavy, or reading a
  /// value kept there) or here.
  void runKernelRemote(const Program &p, const Plan &plan, NodeId n,
                       std::vector<Value> &slots);
  /// Per result of node n: whether it may stay on its MPI worker (mpi::Keep).
  std::vector<uint8_t> remoteOnlyResults(const Program &p, const Plan &plan,
                                         NodeId n) const;
  void runListOp(const Program &p, NodeId n, std::vector<Value> &slots);
  void runControl(const Program &p, const Plan &plan, NodeId n,
                  std::vector<Value> &slots, const LoopCtx *loops);
  void runTry(const Program &p, const Node &node, const Plan &plan, NodeId n,
              std::vector<Value> &slots, const LoopCtx *loops);
  void runIf(const Node &node, const Plan &plan, NodeId n,
             std::vector<Value> &slots, const LoopCtx *loops);
  void runWhile(const Node &node, const Plan &plan, NodeId n,
                std::vector<Value> &slots, const LoopCtx *loops);
  void runFor(const Node &node, const Plan &plan, NodeId n,
              std::vector<Value> &slots, const LoopCtx *loops);
  void runSequential(const Program &p, const Plan &plan,
                     std::vector<Value> &slots, std::vector<int32_t> &remaining,
                     const LoopCtx *loops, bool topLevel);
  void runParallel(const Program &p, const Plan &plan,
                   std::vector<Value> &slots, const LoopCtx *loops,
                   bool topLevel);
  void release(const Program &p, const Node &consumer, SlotId s,
               std::vector<Value> &slots);

  int threads_;
  std::vector<Value> *cache_;
  const std::vector<uint8_t> *persisted_;
  std::ostream *log_ = nullptr;
  RunObserver *obs_ = nullptr;
  StoreRun *store_ = nullptr;
  bool scalarCode_ = true;
  /// Effects order prints (the token chain), so a plain count suffices.
  uint64_t printsToSkip_ = 0;
  mpi::Executor *remote_ = nullptr;
  Budget budget_;
  uint64_t maxBytes_ = UINT64_MAX;
  RunControl *control_ = nullptr; // RunOptions::control
  std::mutex logMutex_;
  std::atomic<uint64_t> ops_{0}, released_{0};
  std::atomic<int64_t> live_{0}, peak_{0};
  std::atomic<uint64_t> cacheStores_{0};
  std::atomic<bool> concurrent_{false};

public:
  uint64_t cacheStores() const { return cacheStores_.load(); }
  /// An MPI worker's half of a kernel rank 0 sent it (mpi::KernelRunner).
  static std::vector<Value> runSentKernel(Node node,
                                          const std::vector<Value> &inputs);
};

/// One execution of a region (or, for loops, all iterations of one loop
/// execution) in the region plan's reusable slot space.
///
/// Slot lifetimes (the invariant every path below keeps): a region slot is
/// bound by exactly one of
///  - the frame state, once: constants, bound when the plan's state is first
///    used and kept for every later execution and run of that plan;
///  - the SubFrame, once per execution of the region op: captures, bound in
///    the constructor and cleared in the destructor;
///  - one execution (loop iteration or branch): arguments (bindArgs) and
///    node results (the nodes), cleared by use counting or takeResults.
/// Only the owner of a binding may clear it. A region may yield any of them
/// (an outer value, a constant, an argument), so takeResults clears only
/// per-execution slots: clearing a constant or capture there would leave it
/// empty for the next iteration, branch or run.
struct SubFrame {
  /// `parentKeys`: the enclosing frame's store keys (Run::keysOf), or null.
  SubFrame(Run &run, const Node &owner, const Program &region, const Plan &plan,
           const std::vector<Value> &parent, const SlotKeys *parentKeys)
      : run(run), owner(owner), region(region), plan(plan),
        slots(plan.state.slots), scratch(plan.state.scratch),
        keyed(parentKeys != nullptr) {
    if (keyed)
      run.store()->enterRegion(region, *parentKeys, plan.state.keys);
    if (!plan.state.constantsBound) {
      slots.resize(region.numSlots());
      for (auto &[slot, value] : region.constants())
        if (plan.slotNeeded[slot])
          slots[slot] = value;
      plan.state.constantsBound = true;
    }
    const auto &captures = region.captures();
    for (size_t c = 0; c < captures.size(); ++c)
      if (plan.captureNeeded[c])
        slots[captures[c].second] = parent[captures[c].first];
  }
  /// Captures may be large: do not keep them past the region op.
  ~SubFrame() {
    for (auto &[outer, inner] : region.captures())
      slots[inner].reset();
  }

  /// `argKeys`: the arguments' store keys (none: not keyed).
  void bindArgs(std::vector<Value> &values,
                const std::vector<StoreKey> *argKeys = nullptr) {
    const auto &args = region.arguments();
    for (size_t a = 0; a < args.size(); ++a)
      if (plan.argNeeded[a])
        run.bind(slots[args[a]], std::move(values[a]));
    if (keyed)
      for (size_t a = 0; a < args.size(); ++a)
        plan.state.keys[args[a]] =
            argKeys && a < argKeys->size() ? (*argKeys)[a] : StoreKey{};
  }
  /// The store keys of the results from `skip` on (a loop's next state).
  void resultKeys(std::vector<StoreKey> &out, size_t skip = 0) const {
    const auto &results = region.results();
    out.resize(results.size() - skip);
    for (size_t i = skip; i < results.size(); ++i)
      out[i - skip] = plan.state.keys[results[i]];
  }

  /// Copies out the results the plan computed and clears what the frame
  /// still holds of this execution (node results and arguments only; see
  /// the invariant above).
  void takeResults(std::vector<Value> &out, size_t skip = 0) {
    const auto &results = region.results();
    out.resize(results.size() - skip);
    for (size_t i = skip; i < results.size(); ++i) {
      SlotId s = results[i];
      // A wanted result left empty would reach the user as an undefined
      // tensor: that is an evaluator bug, never a value. Wanted results are
      // kept (kKeep); a result the plan does not want may be a slot other
      // nodes read and use counting already released.
      if (plan.slotNeeded[s] && plan.uses[s] == kKeep && slots[s].empty())
        throw makeError(owner,
                        "internal error: a region of '" + owner.opName +
                            "' yielded no value for result " +
                            std::to_string(i - skip) + " (please report)",
                        nullptr);
      out[i - skip] = slots[s];
    }
    for (SlotId s : results)
      if (region.slot(s).producer != kNoNode)
        run.clear(slots[s]);
    for (SlotId a : region.arguments())
      run.clear(slots[a]);
  }

  Run &run;
  const Node &owner;
  const Program &region;
  const Plan &plan;
  std::vector<Value> &slots;
  std::vector<int32_t> &scratch; // use counts, reused across iterations
  bool keyed;                    // plan.state.keys are kept (a store run)
};

void Run::release(const Program &p, const Node &consumer, SlotId s,
                  std::vector<Value> &slots) {
  if (log_)
    logLine(
        "released " +
        (p.slot(s).name.empty() ? "%" + std::to_string(s) : p.slot(s).name) +
        " (last consumer: " + consumer.opName + " at " +
        (consumer.source ? locString(consumer.source->loc) : "<unknown>") +
        ")");
  clear(slots[s]);
  add<uint64_t>(released_, 1);
}

/// The tensors in `slots` at `operands[first..]`.
static std::vector<Tensor> operandTensors(const std::vector<Value> &slots,
                                          SlotSpan operands, size_t first = 0) {
  std::vector<Tensor> values;
  values.reserve(operands.size() - first);
  for (size_t i = first; i < operands.size(); ++i)
    values.push_back(slots[operands[i]].tensor());
  return values;
}

/// An index operand: a scalar (a graph file may say otherwise).
static int64_t indexOperand(const Value &v) {
  Scalar i;
  if (!v.asScalar(i))
    throw kernels::KernelError("index must be a scalar");
  return i.asInt();
}

void Run::runElementwise(const Program &p, NodeId n,
                         std::vector<Value> &slots) {
  // Scalar ops touch only the packed per-node info and spans; the full Node
  // (shape, text, host callable) only where the op needs it.
  const Program::HotInfo &hot = p.hot(n);
  const SlotSpan operands = p.operands(n);
  auto in = [&](size_t i) { return slots[operands[i]].tensor(); };
  Value &out = slots[p.results(n)[0]];
  Scalar a, b, r;
  switch (hot.kind) {
  case NodeKind::Unary:
    if (slots[operands[0]].asScalar(a) && scalarUnary(hot.op, a, r))
      bind(out, r);
    else
      bind(out, kernels::unary(hot.op, in(0)));
    return;
  case NodeKind::Binary:
    if (slots[operands[0]].asScalar(a) && slots[operands[1]].asScalar(b) &&
        scalarBinary(hot.op, a, b, r))
      bind(out, r);
    else
      bind(out, kernels::binary(hot.op, in(0), in(1)));
    return;
  default: { // NodeKind::Select
    // A scalar condition over two scalars picks one of them: no kernel.
    const Value &x = slots[operands[1]], &y = slots[operands[2]];
    Scalar c;
    if (slots[operands[0]].asScalar(c) && x.asScalar(a) && y.asScalar(b) &&
        a.dtype == b.dtype)
      bind(out, c.truth() ? a : b);
    else
      bind(out, kernels::select(in(0), in(1), in(2)));
    return;
  }
  }
}

void Run::runTensorKernel(const Program &p, NodeId n,
                          std::vector<Value> &slots) {
  const Node &node = p.nodes()[n];
  const SlotSpan operands = p.operands(n);
  auto in = [&](size_t i) { return slots[operands[i]].tensor(); };
  Value &out = slots[p.results(n)[0]];
  switch (node.kind) {
  case NodeKind::Cast:
    return bind(out, kernels::cast(in(0), p.hot(n).dtype));
  case NodeKind::Broadcast:
    if (operands.size() > 1) { // `like` operands give the shape
      std::vector<Tensor> like;
      for (size_t i = 1; i < operands.size(); ++i)
        like.push_back(in(i));
      return bind(out, kernels::broadcastLike(in(0), like));
    }
    return bind(out, kernels::broadcastTo(in(0), node.shape));
  case NodeKind::Index: {
    int64_t i = indexOperand(slots[operands[1]]);
    return bind(out, kernels::index(in(0), i));
  }
  case NodeKind::SetIndex: {
    int64_t i = indexOperand(slots[operands[1]]);
    return bind(out, kernels::setIndex(in(0), i, in(2)));
  }
  case NodeKind::ReduceSum:
    return bind(out, kernels::reduceSum(in(0)));
  case NodeKind::Stack:
    return bind(out, kernels::stack(operandTensors(slots, operands)));
  case NodeKind::Dim: {
    const Value &x = slots[operands[0]];
    // An inline scalar is 0-d: any axis is out of range.
    int64_t rank = x.kind() == Value::Kind::Tensor ? x.tensor().rank() : 0;
    if (!x.isTensor() || node.axis < 0 || node.axis >= rank)
      throw kernels::KernelError("dim " + std::to_string(node.axis) +
                                 " is out of range for a tensor of rank " +
                                 std::to_string(rank));
    return bind(
        out, Scalar::of(static_cast<int64_t>(x.tensor().shape()[node.axis])));
  }
  case NodeKind::Reduce:
    return bind(out,
                kernels::reduce(node.reduce, in(0), node.shape, node.keepdims));
  case NodeKind::Matmul:
    return bind(out, kernels::matmul(in(0), in(1)));
  case NodeKind::Transpose:
    return bind(out, kernels::transpose(in(0), node.shape));
  case NodeKind::Reshape:
    return bind(out, kernels::reshape(in(0), node.shape));
  case NodeKind::Concat:
    return bind(out,
                kernels::concat(operandTensors(slots, operands), node.axis));
  case NodeKind::Slice: {
    // Three lists of equal length (a graph file may say otherwise: the
    // kernel then reports the mismatch).
    const Shape &bounds = node.shape;
    size_t third = bounds.size() / 3;
    auto part = [&](size_t i) {
      return std::vector<int64_t>(bounds.begin() + i * third,
                                  bounds.begin() + (i + 1) * third);
    };
    if (bounds.size() % 3)
      throw kernels::KernelError("slice: " + std::to_string(bounds.size()) +
                                 " bounds are not start, stop and step lists");
    return bind(out, kernels::slice(in(0), part(0), part(1), part(2)));
  }
  case NodeKind::Gather:
    return bind(out, kernels::gather(in(0), in(1), node.axis));
  default:
    throw kernels::KernelError("not a kernel node");
  }
}

void Run::runEffect(const Program &p, NodeId n, std::vector<Value> &slots) {
  const Node &node = p.nodes()[n];
  const SlotSpan operands = p.operands(n), results = p.results(n);
  // Operand 0 is the effect token.
  switch (node.kind) {
  case NodeKind::Print: {
    std::string text =
        kernels::format(node.text, operandTensors(slots, operands, 1));
    if (node.escapeOutput)
      text = escapeControlChars(text, /*keepNewlines=*/true);
    if (printsToSkip_)
      --printsToSkip_;
    else
      std::cout << text << std::flush;
    break;
  }
  case NodeKind::Assert: {
    Tensor c = slots[operands[1]].tensor();
    bool ok = true;
    for (int64_t i = 0, e = c.numel(); i < e && ok; ++i)
      ok = c.elementAsDouble(i) != 0;
    if (!ok)
      throw kernels::KernelError(node.text.empty()
                                     ? "assertion failed"
                                     : "assertion failed: " + node.text);
    break;
  }
  default: { // NodeKind::CheckNumerics
    if (!kernels::allFinite(slots[operands[1]].tensor()))
      // Worded like eager ag::check_numerics.
      throw kernels::KernelError(
          node.text.empty() ? "tensor has NaN or Inf values"
                            : node.text + ": tensor has NaN or Inf values");
    bind(slots[results[0]], slots[operands[1]]);
    bind(slots[results[1]], Value::token());
    return;
  }
  }
  bind(slots[results[0]], Value::token());
}

void Run::runHostNode(const Program &p, NodeId n, std::vector<Value> &slots,
                      const Plan *plan) {
  const SlotSpan operands = p.operands(n), results = p.results(n);
  std::vector<Value> inputs;
  inputs.reserve(operands.size());
  for (SlotId s : operands)
    inputs.push_back(slots[s]);
  std::vector<Value> outputs;
  // The one hook of the MPI executor: a worker rank may run the call.
  if (!remote_ || !mpi::runRemote(*remote_, p.nodes()[n], inputs, outputs,
                                  plan ? remoteOnlyResults(p, *plan, n)
                                       : std::vector<uint8_t>()))
    outputs = p.nodes()[n].host(inputs);
  if (outputs.size() != results.size())
    throw kernels::KernelError(
        "host operation returned " + std::to_string(outputs.size()) +
        " values, expected " + std::to_string(results.size()));
  for (size_t i = 0; i < outputs.size(); ++i)
    bind(slots[results[i]], std::move(outputs[i]));
}

void Run::runKernelRemote(const Program &p, const Plan &plan, NodeId n,
                          std::vector<Value> &slots) {
  const Node &node = p.nodes()[n];
  const SlotSpan operands = p.operands(n), results = p.results(n);
  // A cheap kernel whose operands are all here runs here, uncopied.
  bool kept = false;
  for (SlotId s : operands)
    kept |= mpi::isKept(slots[s]);
  if (!kept && !node.heavy)
    return runKernel(p, n, slots);
  std::vector<Value> inputs, outputs;
  inputs.reserve(operands.size());
  for (SlotId s : operands)
    inputs.push_back(slots[s]);
  if (mpi::runRemote(*remote_, node, inputs, outputs,
                     remoteOnlyResults(p, plan, n))) {
    if (outputs.size() != results.size())
      throw kernels::KernelError("an MPI worker returned " +
                                 std::to_string(outputs.size()) +
                                 " values for " + node.opName + ", expected " +
                                 std::to_string(results.size()));
    for (size_t i = 0; i < outputs.size(); ++i)
      bind(slots[results[i]], std::move(outputs[i]));
    return;
  }
  // It runs here: runRemote fetched the values kept on workers.
  for (size_t i = 0; i < operands.size(); ++i)
    if (mpi::isKept(slots[operands[i]]))
      bind(slots[operands[i]], std::move(inputs[i]));
  runKernel(p, n, slots);
}

std::vector<Value> Run::runSentKernel(Node node,
                                      const std::vector<Value> &inputs) {
  // A one-node program: the kernel dispatch of a local run, unchanged.
  Program p;
  node.operands.clear();
  for (size_t i = 0; i < inputs.size(); ++i)
    node.operands.push_back(p.addSlot());
  node.numExplicitOperands = static_cast<uint32_t>(inputs.size());
  for (SlotId &r : node.results)
    r = p.addSlot();
  std::vector<SlotId> results = node.results;
  p.addNode(std::move(node));
  p.finalize();
  std::vector<Value> slots(p.numSlots());
  for (size_t i = 0; i < inputs.size(); ++i)
    slots[i] = inputs[i];
  // Local: a worker that serves runs no executor of its own.
  Run run(RunOptions(), 1, nullptr, nullptr, nullptr);
  run.runKernel(p, 0, slots);
  std::vector<Value> out;
  for (SlotId r : results)
    out.push_back(std::move(slots[r]));
  return out;
}

[[maybe_unused]] static const bool kernelRunnerSet =
    mpi::setKernelRunner(&Run::runSentKernel);

std::vector<uint8_t> Run::remoteOnlyResults(const Program &p, const Plan &plan,
                                            NodeId n) const {
  // A store writes every result here; an output, persisted value or
  // capture is read here. Only a result with one reader stays (a chain):
  // the readers of a kept value all run on its worker, so a value many
  // nodes read returns here to fan out to every worker.
  std::vector<uint8_t> keep;
  if (store_)
    return keep;
  for (SlotId r : p.results(n)) {
    int readers = 0;
    mpi::Keep how = plan.uses[r] != kKeep ? mpi::kKeepAlways : mpi::kReturn;
    for (NodeId c : p.consumers()[r])
      if (plan.nodeNeeded[c]) {
        ++readers;
        how = std::min(how, mpi::keepFor(*remote_, p.nodes()[c]));
      }
    keep.push_back(readers == 1 ? how : mpi::kReturn);
  }
  return keep;
}

void Run::runListOp(const Program &p, NodeId n, std::vector<Value> &slots) {
  const Node &node = p.nodes()[n];
  const SlotSpan operands = p.operands(n);
  Value &out = slots[p.results(n)[0]];
  if (node.kind == NodeKind::ListNew)
    return bind(out, List());
  const Value &l = slots[operands[0]];
  if (node.kind == NodeKind::ListPush) {
    if (!l.isList())
      throw kernels::KernelError("list_push: operand is not a list");
    if (!slots[operands[1]].isTensor())
      throw kernels::KernelError("list_push: pushed value is not a tensor");
    return bind(out, l.list().push(slots[operands[1]].tensor()));
  }
  // NodeKind::ListStack
  if (!l.isList())
    throw kernels::KernelError("list_stack: operand is not a list");
  std::vector<Tensor> values = l.list().elements();
  // An empty list fails inside kernels::stack, worded like eager ag::stack
  // of an empty vector, unless its type was declared.
  Shape element(node.shape.begin() + (node.shape.empty() ? 0 : 1),
                node.shape.end());
  if (values.empty() && node.declared) {
    Shape shape = element;
    shape.insert(shape.begin(), 0);
    return bind(out, Tensor::zeros(node.dtype, shape));
  }
  for (size_t i = 0; i < values.size(); ++i)
    if (!matchesType(values[i], node.dtype, element))
      throw kernels::KernelError(
          "cannot stack list element " + std::to_string(i) + " of type " +
          typeString(values[i].dtype(), values[i].shape()) + " as " +
          typeString(node.dtype, element) + " (the result is " +
          typeString(node.dtype, node.shape) + ")");
  bind(out, kernels::stack(values));
}

void Run::runKernel(const Program &p, NodeId n, std::vector<Value> &slots) {
  switch (p.hot(n).kind) {
  case NodeKind::Unary:
  case NodeKind::Binary:
  case NodeKind::Select:
    return runElementwise(p, n, slots);
  case NodeKind::Token:
    return bind(slots[p.results(n)[0]], Value::token());
  case NodeKind::Print:
  case NodeKind::Assert:
  case NodeKind::CheckNumerics:
    return runEffect(p, n, slots);
  case NodeKind::Host:
    return runHostNode(p, n, slots);
  case NodeKind::ListNew:
  case NodeKind::ListPush:
  case NodeKind::ListStack:
    return runListOp(p, n, slots);
  case NodeKind::Cast:
  case NodeKind::Broadcast:
  case NodeKind::Index:
  case NodeKind::SetIndex:
  case NodeKind::ReduceSum:
  case NodeKind::Stack:
  case NodeKind::Dim:
  case NodeKind::Reduce:
  case NodeKind::Matmul:
  case NodeKind::Transpose:
  case NodeKind::Reshape:
  case NodeKind::Concat:
  case NodeKind::Slice:
  case NodeKind::Gather:
    return runTensorKernel(p, n, slots);
  case NodeKind::If:
  case NodeKind::While:
  case NodeKind::For:
  case NodeKind::Try:
    break;
  }
  throw kernels::KernelError("not a kernel node");
}

/// "3.12": the iterations of the loops around a node, outermost first ("" at
/// no loop), for the store's run record.
static std::string iterationOf(const LoopCtx *loops) {
  std::string out;
  for (; loops; loops = loops->outer)
    out = std::to_string(loops->iteration) + (out.empty() ? "" : ".") + out;
  return out;
}

// The observer's and the store's hooks: the one branch a node pays when
// profiling, progress and the store are off.
void Run::execNode(const Program &p, const Plan &plan, NodeId n,
                   std::vector<Value> &slots, const LoopCtx *loops,
                   bool topLevel) {
  if (control_) {
    // A call's own cancel (Future::cancel): no node starts after it.
    if (control_->cancelled.load(std::memory_order_relaxed))
      throw makeError(p.nodes()[n], "evaluation cancelled", loops,
                      Diagnostic::Catch::None);
    execNodeObserved(p, plan, n, slots, loops, topLevel);
    if (topLevel)
      control_->done.fetch_add(1, std::memory_order_relaxed);
    return;
  }
  execNodeObserved(p, plan, n, slots, loops, topLevel);
}

void Run::execNodeObserved(const Program &p, const Plan &plan, NodeId n,
                           std::vector<Value> &slots, const LoopCtx *loops,
                           bool topLevel) {
  if (!obs_ && !store_)
    return execNodeBody(p, plan, n, slots, loops, topLevel);
  const Node &node = p.nodes()[n];
  // A sampled leaf of a summary-only run: the sampler sees it run, no more
  // (control nodes stay on the thread's stack while their regions run).
  if (!store_ && !p.hot(n).control)
    if (std::atomic<const Node *> *running = obs_->runningSlot()) {
      running->store(&node, std::memory_order_relaxed);
      return execNodeBody(p, plan, n, slots, loops, topLevel);
    }
  StoreRun *store = store_;
  uint64_t storeStart = store ? StoreRun::now() : 0;
  // A node in a region (a loop body, a branch): keyed as it comes, and not
  // run when the store holds its results.
  std::string iteration;
  if (store && !topLevel) {
    if (p.hot(n).kind == NodeKind::Host) // the nodes records list
      iteration = iterationOf(loops);
    std::vector<Value> stored;
    if (store->regionCached(p, n, plan.state.keys, stored, iteration)) {
      for (size_t i = 0; i < stored.size(); ++i)
        bind(slots[p.results(n)[i]], std::move(stored[i]));
      return;
    }
  }
  auto failed = [&] {
    if (!store)
      return;
    if (topLevel)
      store->nodeFailed(n, storeStart);
    else
      store->regionFailed(p, n, storeStart, iteration);
  };
  auto done = [&] {
    if (!store)
      return;
    if (topLevel)
      store->nodeDone(n, slots, storeStart);
    else
      store->regionDone(p, n, plan.state.keys, slots, storeStart, iteration);
  };
  if (!obs_) {
    try {
      execNodeBody(p, plan, n, slots, loops, topLevel);
    } catch (...) {
      failed();
      throw;
    }
    done();
    return;
  }
  RunObserver::NodeStart start = obs_->nodeBegin(node);
  try {
    execNodeBody(p, plan, n, slots, loops, topLevel);
  } catch (...) {
    obs_->nodeEnd(p, n, start, 0, topLevel, /*failed=*/true);
    failed();
    throw;
  }
  done();
  // Bytes of the values produced, inline scalars at their dtype's size (not
  // for a sampled node: the profiler estimates them).
  uint64_t bytes = 0;
  Scalar scalar;
  if (start.wantsBytes())
    for (SlotId r : p.results(n))
      bytes +=
          slots[r].kind() == Value::Kind::Scalar && slots[r].asScalar(scalar)
              ? dtypeSize(scalar.dtype)
              : slots[r].bytes();
  obs_->nodeEnd(p, n, start, bytes, topLevel, /*failed=*/false);
}

void Run::execNodeBody(const Program &p, const Plan &plan, NodeId n,
                       std::vector<Value> &slots, const LoopCtx *loops,
                       bool topLevel) {
  const Node &node = p.nodes()[n];
  if (log_)
    logLine("running " + node.opName +
            (node.results.size() == 1 && !p.slot(node.results[0]).name.empty()
                 ? " -> " + p.slot(node.results[0]).name
                 : "") +
            " at " + (node.source ? locString(node.source->loc) : "<unknown>"));
  uint64_t ran = add<uint64_t>(ops_, 1);
  if (ran % Budget::kPollInterval == 0)
    if (std::string why = budget_.poll(); !why.empty())
      throw makeError(node, why, loops, Diagnostic::Catch::None);
  // Errors from kernels (and allocation or budget failures binding a
  // region's results) carry no location: this is where they get one.
  try {
    if (p.hot(n).control)
      runControl(p, plan, n, slots, loops);
    else if (remote_ && p.hot(n).kind == NodeKind::Host)
      runHostNode(p, n, slots, &plan);
    else if (remote_ && mpi::travelsAsKernel(p.hot(n).kind))
      runKernelRemote(p, plan, n, slots);
    else
      runKernel(p, n, slots);
  } catch (const Error &e) {
    if (e.loc().known())
      throw;
    throw makeError(node, e.message(), loops, e.diagnostic().catchAs);
  } catch (const LimitError &e) {
    throw makeError(node, e.what(), loops, Diagnostic::Catch::None);
  } catch (const NodeException &e) {
    Diagnostic diag =
        makeError(node, e.what(), loops,
                  e.isStd ? Diagnostic::Catch::Std : Diagnostic::Catch::Other)
            .diagnostic();
    diag.thrown = e.thrown;
    diag.thrownException = e.original;
    throw Error(std::move(diag));
  } catch (const std::exception &e) {
    throw makeError(node, e.what(), loops);
  }
  if (topLevel && cache_)
    for (SlotId r : p.results(n))
      if ((*persisted_)[r]) {
        (*cache_)[r] = slots[r];
        add<uint64_t>(cacheStores_, 1);
      }
}

void Run::runControl(const Program &p, const Plan &plan, NodeId n,
                     std::vector<Value> &slots, const LoopCtx *loops) {
  const Node &node = p.nodes()[n];
  // All-scalar control flow runs as register code unless disabled.
  if (scalarCode_) {
    if (!plan.compileTried[n]) {
      plan.compileTried[n] = 1;
      plan.compiled[n] = ScalarCode::compile(p, n, plan);
    }
    if (const ScalarCode *code = plan.compiled[n].get()) {
      int64_t ran = code->run(slots, loops, budget_);
      if (ran >= 0) {
        add<uint64_t>(ops_, static_cast<uint64_t>(ran) - 1);
        return;
      }
    }
  }
  switch (node.kind) {
  case NodeKind::If:
    return runIf(node, plan, n, slots, loops);
  case NodeKind::Try:
    return runTry(p, node, plan, n, slots, loops);
  case NodeKind::While:
    return runWhile(node, plan, n, slots, loops);
  default:
    return runFor(node, plan, n, slots, loops);
  }
}

void Run::runIf(const Node &node, const Plan &plan, NodeId n,
                std::vector<Value> &slots, const LoopCtx *loops) {
  bool taken = truth(node, slots[node.operands[0]], loops);
  size_t r = taken ? 0 : 1;
  const Plan &sub = *plan.regions[n][r];
  SubFrame frame(*this, node, *node.regions[r], sub, slots,
                 keysOf(plan, slots));
  runFrame(frame.region, sub, frame.slots, frame.scratch, loops, false);
  std::vector<Value> results;
  frame.takeResults(results);
  for (size_t i = 0; i < results.size(); ++i)
    bind(slots[node.results[i]], std::move(results[i]));
}

void Run::runTry(const Program &p, const Node &node, const Plan &plan, NodeId n,
                 std::vector<Value> &slots, const LoopCtx *loops) {
  std::string message;
  int64_t clause = 0;
  {
    const Plan &sub = *plan.regions[n][0];
    SubFrame frame(*this, node, *node.regions[0], sub, slots,
                   keysOf(plan, slots));
    // With effects in it, the body runs in program order, so that exactly
    // the effects before the failing op happen, as in the eager code.
    bool effects = false;
    for (SlotId r : node.results)
      effects |= p.slot(r).isToken;
    try {
      if (effects)
        runSequential(frame.region, sub, frame.slots, frame.scratch, loops,
                      false);
      else
        runFrame(frame.region, sub, frame.slots, frame.scratch, loops, false);
      std::vector<Value> results;
      frame.takeResults(results);
      for (size_t i = 0; i < results.size(); ++i)
        bind(slots[node.results[i]], std::move(results[i]));
      return;
    } catch (const Error &e) {
      Diagnostic::Catch what = e.diagnostic().catchAs;
      bool catchAll = node.axis != 0;
      if (what == Diagnostic::Catch::None || !budget_.poll().empty())
        throw;
      if (node.catches.empty()) {
        if (what == Diagnostic::Catch::Other && !catchAll)
          throw;
      } else {
        // Typed clauses: the first whose type C++ would catch the node's
        // exception with. A failing op of the graph itself (or a node on
        // another rank) throws, as far as they can tell, this ag::Error.
        std::exception_ptr thrown = e.diagnostic().thrownException;
        if (!thrown && what == Diagnostic::Catch::Std)
          thrown = std::make_exception_ptr(e);
        clause = -1;
        for (size_t i = 0; i < node.catches.size() && clause < 0; ++i)
          if (!node.catches[i] || (thrown && node.catches[i](thrown)))
            clause = static_cast<int64_t>(i);
        if (clause < 0)
          throw;
      }
      message =
          e.diagnostic().thrown.empty() ? e.message() : e.diagnostic().thrown;
      if (log_)
        logLine("caught at " +
                (node.source ? locString(node.source->loc) : "<unknown>") +
                ": " + message);
    }
    // What the failed execution left in the frame is dropped.
    for (const Node &inner : frame.region.nodes())
      for (SlotId r : inner.results)
        clear(frame.slots[r]);
  }
  const Plan &sub = *plan.regions[n][1];
  SubFrame frame(*this, node, *node.regions[1], sub, slots,
                 keysOf(plan, slots));
  std::vector<Value> args;
  args.push_back(
      Value::host(std::make_shared<const std::any>(std::move(message))));
  if (!node.catches.empty()) // which clause caught it
    args.push_back(Value::compact(ag::Tensor(clause)));
  frame.bindArgs(args);
  runFrame(frame.region, sub, frame.slots, frame.scratch, loops, false);
  std::vector<Value> results;
  frame.takeResults(results);
  for (size_t i = 0; i < results.size(); ++i)
    bind(slots[node.results[i]], std::move(results[i]));
}

void Run::runWhile(const Node &node, const Plan &plan, NodeId n,
                   std::vector<Value> &slots, const LoopCtx *loops) {
  const Plan &beforePlan = *plan.regions[n][0],
             &afterPlan = *plan.regions[n][1];
  SubFrame before(*this, node, *node.regions[0], beforePlan, slots,
                  keysOf(plan, slots));
  SubFrame after(*this, node, *node.regions[1], afterPlan, slots,
                 keysOf(plan, slots));
  size_t numState = before.region.arguments().size();
  std::vector<Value> state(numState), fwd;
  for (size_t i = 0; i < numState; ++i)
    if (beforePlan.argNeeded[i])
      state[i] = slots[node.operands[i]];
  // With a store: the carried values' keys, passed along like the values.
  std::vector<StoreKey> stateKeys, fwdKeys;
  if (before.keyed)
    for (size_t i = 0; i < numState; ++i)
      stateKeys.push_back((*keysOf(plan, slots))[node.operands[i]]);
  LoopCtx ctx{&node, 0, loops};
  while (true) {
    budget_.checkIteration(node, ++ctx.iteration, loops);
    before.bindArgs(state, &stateKeys);
    runFrame(before.region, beforePlan, before.slots, before.scratch, &ctx,
             false);
    bool more = truth(node, before.slots[before.region.results()[0]], &ctx);
    before.takeResults(fwd, /*skip=*/1);
    if (before.keyed)
      before.resultKeys(fwdKeys, /*skip=*/1);
    if (!more)
      break;
    after.bindArgs(fwd, &fwdKeys);
    runFrame(after.region, afterPlan, after.slots, after.scratch, &ctx, false);
    after.takeResults(state);
    if (after.keyed)
      after.resultKeys(stateKeys);
  }
  for (size_t i = 0; i < node.results.size(); ++i)
    bind(slots[node.results[i]], std::move(fwd[i]));
}

void Run::runFor(const Node &node, const Plan &plan, NodeId n,
                 std::vector<Value> &slots, const LoopCtx *loops) {
  const Plan &bodyPlan = *plan.regions[n][0];
  SubFrame body(*this, node, *node.regions[0], bodyPlan, slots,
                keysOf(plan, slots));
  int64_t lb = scalarInt(node, slots[node.operands[0]], loops);
  int64_t ub = scalarInt(node, slots[node.operands[1]], loops);
  int64_t step = scalarInt(node, slots[node.operands[2]], loops);
  if (step == 0)
    throw makeError(node, "the step of this loop is zero", loops);
  size_t numIters = node.results.size();
  std::vector<Value> state(numIters), args(1 + numIters);
  // A carried value the body does not read is still the result of a loop
  // that runs no iteration (as in planRegionNode and ScalarCode).
  for (size_t i = 0; i < numIters; ++i)
    if (bodyPlan.argNeeded[1 + i] || plan.slotNeeded[node.results[i]])
      state[i] = slots[node.operands[3 + i]];
  // With a store: the induction variable's and carried values' keys.
  std::vector<StoreKey> argKeys, stateKeys;
  if (body.keyed) {
    argKeys.resize(1 + numIters);
    for (size_t i = 0; i < numIters; ++i)
      argKeys[1 + i] = (*keysOf(plan, slots))[node.operands[3 + i]];
  }
  LoopCtx ctx{&node, 0, loops};
  // scf.for-like: iv < ub for a positive step, iv > ub for a negative one;
  // the induction variable is a 0-d i64. A next value that would overflow
  // is past any bound: the loop ends (as ScalarCode's ForStep).
  for (int64_t iv = lb; step > 0 ? iv < ub : iv > ub;) {
    budget_.checkIteration(node, ++ctx.iteration, loops);
    if (bodyPlan.argNeeded[0])
      args[0] = Scalar::of(iv);
    for (size_t i = 0; i < numIters; ++i)
      args[1 + i] = std::move(state[i]);
    if (body.keyed)
      argKeys[0] = indexKey(iv);
    body.bindArgs(args, &argKeys);
    runFrame(body.region, bodyPlan, body.slots, body.scratch, &ctx, false);
    body.takeResults(state);
    if (body.keyed) {
      body.resultKeys(stateKeys);
      std::copy(stateKeys.begin(), stateKeys.end(), argKeys.begin() + 1);
    }
    if (__builtin_add_overflow(iv, step, &iv))
      break;
  }
  for (size_t i = 0; i < numIters; ++i)
    bind(slots[node.results[i]], std::move(state[i]));
}

void Run::runFrame(const Program &p, const Plan &plan,
                   std::vector<Value> &slots, std::vector<int32_t> &scratch,
                   const LoopCtx *loops, bool topLevel) {
  // A region's execution (a branch, a loop iteration) is a profiled slice.
  uint64_t start = obs_ && !topLevel ? obs_->regionBegin() : 0;
  if (threads_ > 1 && plan.heavyNodes >= 2)
    runParallel(p, plan, slots, loops, topLevel);
  else
    runSequential(p, plan, slots, scratch, loops, topLevel);
  if (obs_ && !topLevel)
    obs_->regionEnd(p, loops, start);
}

void Run::runSequential(const Program &p, const Plan &plan,
                        std::vector<Value> &slots,
                        std::vector<int32_t> &remaining, const LoopCtx *loops,
                        bool topLevel) {
  // Counts of needed consumers left, reset per execution (loop iteration).
  remaining.assign(plan.uses.begin(), plan.uses.end());
  size_t i = 0;
  try {
    for (; i < plan.order.size(); ++i) {
      NodeId n = plan.order[i];
      execNode(p, plan, n, slots, loops, topLevel);
      const Node &node = p.nodes()[n];
      for (SlotId s : plan.operandsOf(p, n))
        if (remaining[s] != kKeep && --remaining[s] == 0)
          release(p, node, s, slots);
      for (SlotId r : p.results(n))
        if (remaining[r] == 0 && !slots[r].empty())
          release(p, node, r, slots);
    }
  } catch (...) {
    // The profile counts the nodes that ran, the failing one included.
    if (obs_) {
      obs_->idle();
      obs_->planCut(p, plan, i + 1);
    }
    throw;
  }
  // Every node of the plan ran once: one count for all of them.
  if (obs_) {
    obs_->idle();
    obs_->planRan(p, plan);
  }
}

void Run::runParallel(const Program &p, const Plan &plan,
                      std::vector<Value> &slots, const LoopCtx *loops,
                      bool topLevel) {
  size_t numNodes = p.nodes().size(), numSlots = p.numSlots();
  std::unique_ptr<std::atomic<int32_t>[]> pending(
      new std::atomic<int32_t>[numNodes]);
  std::unique_ptr<std::atomic<int32_t>[]> remaining(
      new std::atomic<int32_t>[numSlots]);
  for (NodeId n = 0; n < numNodes; ++n)
    pending[n].store(plan.pending[n], std::memory_order_relaxed);
  for (SlotId s = 0; s < numSlots; ++s)
    remaining[s].store(plan.uses[s], std::memory_order_relaxed);

  concurrent_.store(true, std::memory_order_relaxed);
  tbb::task_group group;
  std::atomic<bool> failed{false};
  std::mutex errorMutex;
  std::optional<Error> error;
  NodeId errorNode = kNoNode;

  // Runs `start`, then whatever it makes ready: heavy nodes become tasks,
  // cheap ones continue on this worker without a task of their own.
  std::function<void(NodeId)> work = [&](NodeId start) {
    std::vector<NodeId> local{start};
    while (!local.empty() && !failed.load(std::memory_order_relaxed)) {
      NodeId n = local.back();
      local.pop_back();
      try {
        execNode(p, plan, n, slots, loops, topLevel);
        if (obs_)
          obs_->nodeRan(p, n);
      } catch (const Error &e) {
        if (obs_) {
          obs_->idle();
          obs_->nodeRan(p, n);
        }
        std::lock_guard<std::mutex> lock(errorMutex);
        // Report the earliest failing node in program order, so the error
        // does not depend on scheduling when several fail.
        if (!error || n < errorNode) {
          error.emplace(e);
          errorNode = n;
        }
        failed = true;
        return;
      }
      const Node &node = p.nodes()[n];
      for (SlotId s : plan.operandsOf(p, n))
        if (remaining[s].load(std::memory_order_relaxed) != kKeep &&
            remaining[s].fetch_sub(1, std::memory_order_acq_rel) == 1)
          release(p, node, s, slots);
      for (SlotId r : p.results(n)) {
        if (remaining[r].load(std::memory_order_relaxed) == 0 &&
            !slots[r].empty())
          release(p, node, r, slots);
        for (NodeId c : p.consumers()[r]) {
          if (!plan.nodeNeeded[c] ||
              pending[c].fetch_sub(1, std::memory_order_acq_rel) != 1)
            continue;
          if (p.nodes()[c].heavy)
            group.run([&work, c] { work(c); });
          else
            local.push_back(c);
        }
      }
    }
    // This worker may now idle or run other work: not this run's leaf.
    if (obs_)
      obs_->idle();
  };

  auto runRoots = [&] {
    for (NodeId n : plan.order)
      if (plan.pending[n] == 0 && p.nodes()[n].heavy)
        group.run([&work, n] { work(n); });
    for (NodeId n : plan.order)
      if (plan.pending[n] == 0 && !p.nodes()[n].heavy)
        work(n);
    group.wait();
  };
  runRoots();
  if (error)
    throw *error;
}

} // namespace

//===----------------------------------------------------------------------===//
// Session
//===----------------------------------------------------------------------===//

struct Session::Impl {
  std::shared_ptr<const Program> program;
  std::vector<Value> cache;
  std::vector<uint8_t> persisted;
  std::vector<Tensor> lastFeeds;
  RunStats stats;
  std::unique_ptr<tbb::task_arena> arena;
  int arenaThreads = 0;
  std::unique_ptr<Plan> plan; // of the last run, and what it was made for
  std::vector<SlotId> planFetches;
  /// Bumped whenever the cache's contents or the persisted set change; a
  /// plan is reused only for the epochs it was built in.
  uint64_t cacheEpoch = 0, persistEpoch = 0;
  uint64_t planCacheEpoch = 0, planPersistEpoch = 0;
  /// The top-level slot space, kept between runs (emptied after each).
  std::vector<Value> frame;
  std::atomic<bool> cancelled{false};
  /// Prints the next run does not write (Session::skipPrints).
  uint64_t skipPrints = 0;
  /// The program's feed-independent store keys, made by the first run with
  /// a store; planFromStore: the plan counted stored values as available.
  std::unique_ptr<ProgramKeys> storeKeys;
  bool planFromStore = false;

  std::vector<uint8_t> availability() const {
    std::vector<uint8_t> available(cache.size());
    for (size_t s = 0; s < cache.size(); ++s)
      available[s] = !cache[s].empty();
    return available;
  }

  /// The plan for `fetches`: made per run with a store (which `store` then
  /// holds, with the values it read in `stored`), else reused while valid.
  const Plan &planFor(const std::vector<SlotId> &fetches,
                      const std::vector<Tensor> &feeds,
                      const RunOptions &options, std::optional<StoreRun> &store,
                      std::vector<Value> &stored);
  /// Binds the feeds, constants and cached or stored values the plan needs.
  void bindInputs(Run &run, const Plan &plan, const std::vector<Tensor> &feeds,
                  const std::vector<Value> &stored);
  /// Whether `feeds` differ from the last run's (then its cache is stale).
  bool feedsChanged(const std::vector<Tensor> &feeds) const;
  /// How many threads run `plan`; makes the arena for them, and lifts
  /// oneTBB's cap on workers in `allowWorkers` for the run.
  int prepareWorkers(const Plan &plan, const RunOptions &options,
                     std::optional<tbb::global_control> &allowWorkers);
  /// Resets the cancellation flag and the caller's RunControl counters;
  /// throws "evaluation cancelled" if the caller cancelled already.
  void startControl(const Plan &plan, const RunOptions &options);
};

const Plan &Session::Impl::planFor(const std::vector<SlotId> &fetches,
                                   const std::vector<Tensor> &feeds,
                                   const RunOptions &options,
                                   std::optional<StoreRun> &store,
                                   std::vector<Value> &stored) {
  const Program &p = *program;
  // With a store, values it holds are available like cached ones: the plan
  // is made per run, after looking them up (before any node runs, as is an
  // unusable store's error).
  if (std::string dir = storeDirectory(options); !dir.empty()) {
    if (!storeKeys)
      storeKeys = std::make_unique<ProgramKeys>(p);
    store.emplace(openStore(dir), p, *storeKeys, feeds, fetches);
    std::vector<uint8_t> available = availability();
    stored.resize(p.numSlots());
    store->lookup(available, stored);
    plan = buildPlan(p, fetches, &available, &persisted);
    planFromStore = true;
  } else if (!plan || planFromStore || planFetches != fetches ||
             planCacheEpoch != cacheEpoch || planPersistEpoch != persistEpoch) {
    // Plans depend only on the fetches, what is cached and what is
    // persisted; repeated runs of one graph reuse theirs.
    planFromStore = false;
    std::vector<uint8_t> available = availability();
    plan = buildPlan(p, fetches, &available, &persisted);
    planFetches = fetches;
    planCacheEpoch = cacheEpoch;
    planPersistEpoch = persistEpoch;
  }
  return *plan;
}

void Session::Impl::bindInputs(Run &run, const Plan &plan,
                               const std::vector<Tensor> &feeds,
                               const std::vector<Value> &stored) {
  const Program &p = *program;
  std::vector<Value> &slots = frame;
  for (size_t a = 0; a < p.arguments().size(); ++a) {
    if (!plan.argNeeded[a])
      continue;
    SlotId slot = p.arguments()[a];
    if (!feeds[a].defined()) {
      Diagnostic diag;
      diag.message = "missing feed for parameter '" +
                     (p.slot(slot).name.empty() ? "arg" + std::to_string(a)
                                                : p.slot(slot).name) +
                     "'";
      stats = RunStats();
      throw Error(std::move(diag));
    }
    run.bind(slots[slot], Value::compact(feeds[a]));
  }
  for (auto &[slot, value] : p.constants())
    if (plan.slotNeeded[slot])
      slots[slot] = value;
  for (SlotId slot = 0; slot < p.numSlots(); ++slot)
    if (plan.bindFromCache[slot])
      slots[slot] = cache[slot].empty() ? stored[slot] : cache[slot];
}

/// --verbose: what the run computes, and which of it is cached.
static void logFetches(Run &run, const Program &p, const Plan &plan,
                       const std::vector<SlotId> &fetches) {
  for (SlotId f : fetches)
    run.logLine(
        "computing " +
        (p.slot(f).name.empty() ? "%" + std::to_string(f) : p.slot(f).name) +
        (plan.bindFromCache[f] ? " (cached)" : ""));
}

/// The fetched values of a finished run.
static std::vector<Value> fetchedValues(const Program &p,
                                        const std::vector<Value> &slots,
                                        const std::vector<SlotId> &fetches) {
  std::vector<Value> out;
  out.reserve(fetches.size());
  for (SlotId f : fetches) {
    // Never hand the user an undefined tensor: an empty fetched slot is an
    // evaluator bug, reported at the op that should have produced it.
    if (slots[f].empty()) {
      std::string what = "internal error: no value was computed for " +
                         (p.slot(f).name.empty() ? "%" + std::to_string(f)
                                                 : "'" + p.slot(f).name + "'");
      NodeId producer = p.slot(f).producer;
      if (producer == kNoNode) {
        Diagnostic diag;
        diag.phase = Diagnostic::Phase::Evaluation;
        diag.message = what + " (please report)";
        throw Error(std::move(diag));
      }
      const Node &node = p.nodes()[producer];
      throw makeError(node, what + " by '" + node.opName + "' (please report)",
                      nullptr);
    }
    out.push_back(slots[f]);
  }
  return out;
}

Session::Session(std::shared_ptr<const Program> program)
    : impl_(std::make_unique<Impl>()) {
  impl_->program = std::move(program);
  size_t n = impl_->program->numSlots();
  impl_->cache.resize(n);
  impl_->persisted.assign(n, 0);
}

Session::~Session() = default;

const Program &Session::program() const { return *impl_->program; }
const RunStats &Session::lastRunStats() const { return impl_->stats; }

void Session::skipPrints(uint64_t count) { impl_->skipPrints = count; }

void Session::cancel() {
  impl_->cancelled.store(true, std::memory_order_relaxed);
}

void Session::persist(SlotId slot) {
  impl_->persisted.at(slot) = 1;
  ++impl_->persistEpoch;
}
void Session::persistAll() {
  std::fill(impl_->persisted.begin(), impl_->persisted.end(), 1);
  ++impl_->persistEpoch;
}
void Session::clearCache() {
  bool any = false;
  for (Value &v : impl_->cache) {
    any |= !v.empty();
    v.reset();
  }
  impl_->cacheEpoch += any;
}

static bool sameFeed(const Tensor &a, const Tensor &b) {
  if (a.defined() != b.defined())
    return false;
  if (!a.defined() || a.impl() == b.impl())
    return true;
  return a.identical(b);
}

bool Session::Impl::feedsChanged(const std::vector<Tensor> &feeds) const {
  if (lastFeeds.size() != feeds.size())
    return true;
  for (size_t i = 0; i < feeds.size(); ++i)
    if (!sameFeed(feeds[i], lastFeeds[i]))
      return true;
  return false;
}

int Session::Impl::prepareWorkers(
    const Plan &plan, const RunOptions &options,
    std::optional<tbb::global_control> &allowWorkers) {
  // Without two heavy nodes to overlap anywhere, workers would only cost
  // (waking them, arena entry): evaluate on this thread.
  int threads = plan.parallelizable ? resolveThreads(options.threads) : 1;
  if (threads <= 1)
    return threads;
  // Asking for more workers than cores is allowed (and deterministic); lift
  // oneTBB's default cap instead of letting it warn and ignore the request.
  allowWorkers.emplace(tbb::global_control::max_allowed_parallelism,
                       static_cast<size_t>(threads));
  if (!arena || arenaThreads != threads) {
    arena = std::make_unique<tbb::task_arena>(threads);
    arenaThreads = threads;
  }
  return threads;
}

void Session::Impl::startControl(const Plan &plan, const RunOptions &options) {
  cancelled.store(false, std::memory_order_relaxed);
  RunControl *control = options.control.get();
  if (!control)
    return;
  control->done.store(0);
  control->total.store(plan.order.size());
  if (control->cancelled.load()) {
    Diagnostic diag;
    diag.message = "evaluation cancelled";
    diag.catchAs = Diagnostic::Catch::None;
    stats = RunStats();
    throw Error(std::move(diag));
  }
}

std::vector<Value> Session::run(const std::vector<SlotId> &fetches,
                                const std::vector<Tensor> &feeds,
                                const RunOptions &options) {
  Impl &s = *impl_;
  const Program &p = *s.program;
  uint64_t skipPrints = std::exchange(s.skipPrints, 0);
  if (feeds.size() != p.arguments().size())
    throw std::invalid_argument("Session::run: expected " +
                                std::to_string(p.arguments().size()) +
                                " feeds, got " + std::to_string(feeds.size()));
  // Cached values were computed from the previous feeds.
  if (s.feedsChanged(feeds))
    clearCache();
  s.lastFeeds = feeds;

  std::optional<StoreRun> store;
  std::vector<Value> stored;
  const Plan *plan = &s.planFor(fetches, feeds, options, store, stored);
  std::optional<tbb::global_control> allowWorkers;
  int threads = s.prepareWorkers(*plan, options, allowWorkers);
  s.startControl(*plan, options);
  auto started = std::chrono::steady_clock::now();
  Run run(options, threads, &s.cache, &s.persisted, &s.cancelled);
  run.skipPrints(skipPrints);
  // Before any node runs: an unwritable trace file fails here.
  std::unique_ptr<RunObserver> observer =
      RunObserver::create(options, p, plan->order.size());
  run.observe(observer.get());
  if (run.log())
    logFetches(run, p, *plan, fetches);

  std::vector<Value> &slots = s.frame;
  slots.resize(p.numSlots());
  // Whatever happens, the frame holds nothing of this run afterwards.
  struct EmptyFrame {
    std::vector<Value> &slots;
    ~EmptyFrame() {
      for (Value &v : slots)
        if (!v.empty())
          v.reset();
    }
  } emptyFrame{slots};
  s.bindInputs(run, *plan, feeds, stored);
  if (store) {
    store->begin();
    run.storeTo(&*store);
  }

  auto finish = [&](std::exception_ptr error) {
    s.stats = run.stats();
    if (store)
      store->finish(error, s.stats);
    s.stats.seconds = std::chrono::duration<double>(
                          std::chrono::steady_clock::now() - started)
                          .count();
    if (observer)
      observer->finish(s.stats);
  };
  std::vector<int32_t> scratch;
  auto evaluate = [&] {
    run.runFrame(p, *plan, slots, scratch, nullptr, /*topLevel=*/true);
  };
  try {
    // Nested regions may go parallel too: keep all of it in our arena.
    if (threads > 1)
      s.arena->execute(evaluate);
    else
      evaluate();
  } catch (...) {
    try {
      // The trace and record of a failed run show where it failed.
      finish(std::current_exception());
    } catch (const Error &) {
      // The run's own error is the one to report.
    }
    s.plan.reset(); // its region frames may hold values of the failed run
    s.cacheEpoch += run.cacheStores() != 0;
    throw;
  }
  s.cacheEpoch += run.cacheStores() != 0;
  finish(nullptr);

  return fetchedValues(p, slots, fetches);
}

} // namespace ag::exec
