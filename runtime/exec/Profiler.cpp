//===- Profiler.cpp - Per-node timing, traces and progress ----------------===//

#include "Profiler.h"
#include "Plan.h"

#include "ag/Error.h"
#include "ag/runtime/Mpi.h"

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iomanip>
#include <ostream>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <unordered_map>

#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace ag::exec {

namespace {

/// Slices kept per thread and run: past this a trace grows beyond what the
/// viewers open (about 200 MB of JSON); the rest is counted, not kept.
constexpr uint64_t kMaxEvents = 1'000'000;
/// Nodes kept in RunStats::profile, slowest first.
constexpr size_t kMaxProfiled = 100;

std::atomic<uint64_t> nextObserverId{1};

std::string where(const Node &node) {
  if (!node.source || !node.source->loc.known())
    return {};
  const SourceLoc &loc = node.source->loc;
  return loc.file + ":" + std::to_string(loc.line) + ":" +
         std::to_string(loc.col);
}

/// The source variable a node computes (its only named result), or empty.
std::string variable(const Program &p, const Node &node) {
  if (node.results.size() == 1)
    return p.slot(node.results[0]).name;
  return {};
}

//===----------------------------------------------------------------------===//
// Progress
//===----------------------------------------------------------------------===//

} // namespace

/// What the progress line shows of one run; written by the evaluator's
/// threads, read by the monitor thread.
struct RunProgress {
  std::chrono::steady_clock::time_point start, showAt;
  uint64_t total = 0;
  std::atomic<uint64_t> done{0};
  std::atomic<const Node *> current{nullptr};
};

namespace {

/// One thread per process, started by the first run that may show progress:
/// it redraws the line of the oldest run past its delay every 200 ms. Never
/// destroyed (runs may end during static destruction).
class ProgressMonitor {
public:
  static ProgressMonitor &get() {
    static ProgressMonitor *monitor = new ProgressMonitor;
    return *monitor;
  }

  void add(RunProgress *run) {
    std::lock_guard<std::mutex> lock(mutex_);
    runs_.push_back(run);
    if (!started_) {
      started_ = true;
      std::thread([this] { loop(); }).detach();
    }
    wake_.notify_one();
  }

  /// Removes `run`, clearing the line if it was shown: nothing of it may
  /// stay on the terminal once the run returns.
  void remove(RunProgress *run) {
    std::lock_guard<std::mutex> lock(mutex_);
    runs_.erase(std::find(runs_.begin(), runs_.end(), run));
    if (shown_)
      clearLocked();
  }

  /// Clears the line so that program output (ag.print) starts on a clean
  /// line; the next tick redraws it.
  void clear() {
    std::lock_guard<std::mutex> lock(mutex_);
    if (shown_)
      clearLocked();
  }

private:
  void clearLocked() {
    static const char clearLine[] = "\r\x1b[K";
    ssize_t ignored = ::write(STDERR_FILENO, clearLine, sizeof clearLine - 1);
    (void)ignored;
    shown_ = false;
  }

  void loop() {
    std::unique_lock<std::mutex> lock(mutex_);
    while (true) {
      if (runs_.empty())
        wake_.wait(lock, [this] { return !runs_.empty(); });
      else
        wake_.wait_for(lock, std::chrono::milliseconds(200));
      if (runs_.empty())
        continue;
      auto now = std::chrono::steady_clock::now();
      RunProgress *run = runs_.front();
      if (now < run->showAt)
        continue;
      draw(*run, now);
    }
  }

  void draw(const RunProgress &run, std::chrono::steady_clock::time_point now) {
    double seconds = std::chrono::duration<double>(now - run.start).count();
    std::ostringstream line;
    line << "ag: " << run.done.load(std::memory_order_relaxed) << "/"
         << run.total << " nodes, " << std::fixed << std::setprecision(1)
         << seconds << " s";
    if (const Node *node = run.current.load(std::memory_order_relaxed)) {
      line << ", " << node->opName;
      std::string at = where(*node);
      if (!at.empty())
        line << " at " << at;
    }
    std::string text = line.str();
    // A line wider than the terminal wraps, and "\r" could not clear it.
    struct winsize ws;
    if (ioctl(STDERR_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 1 &&
        text.size() >= ws.ws_col)
      text.resize(ws.ws_col - 1);
    text = "\r" + text + "\x1b[K";
    ssize_t ignored = ::write(STDERR_FILENO, text.data(), text.size());
    (void)ignored;
    shown_ = true;
  }

  std::mutex mutex_;
  std::condition_variable wake_;
  std::vector<RunProgress *> runs_;
  bool started_ = false, shown_ = false;
};

bool progressWanted(const RunOptions &options) {
  if (options.progressAfter < 0)
    return false;
  const char *env = std::getenv("AG_PROGRESS");
  if (env && std::strcmp(env, "0") == 0)
    return false;
  return isatty(STDERR_FILENO);
}

} // namespace

//===----------------------------------------------------------------------===//
// Sampler
//===----------------------------------------------------------------------===//

/// How often the sampler wakes: 1 kHz, between pprof's 100 Hz and perf's
/// 4 kHz. At 10 kHz its wake-ups alone (context switches on a 2-core VM)
/// cost the profiled thread ~8% (BM_Tree_ProfilerPair, docs/performance.md).
constexpr std::chrono::microseconds kSamplePeriod{1000};

/// One thread per process, started by the first sampled run, asleep while
/// no run samples (never destroyed, like the progress monitor): every
/// kSamplePeriod it charges the wall time since its previous sample (or
/// since the run started sampling) to the nodes each sampled run's threads
/// show: their stacks of control nodes and the leaf each runs.
struct Sampler {
  std::mutex mutex;
  std::condition_variable wake;
  std::vector<RunObserver *> runs;
  bool started = false;

  static Sampler &get() {
    static Sampler *sampler = new Sampler;
    return *sampler;
  }

  void add(RunObserver *run) {
    std::lock_guard<std::mutex> lock(mutex);
    runs.push_back(run);
    if (runs.size() == 1)
      wake.notify_one();
    if (started)
      return;
    started = true;
    std::thread([this] { loop(); }).detach();
  }
  /// After it returns, `run` is not sampled any more.
  void remove(RunObserver *run) {
    std::lock_guard<std::mutex> lock(mutex);
    runs.erase(std::find(runs.begin(), runs.end(), run));
  }

private:
  void loop() {
    std::unique_lock<std::mutex> lock(mutex);
    uint64_t last = RunObserver::steadyNanos();
    while (true) {
      if (runs.empty()) {
        wake.wait(lock, [this] { return !runs.empty(); });
        last = RunObserver::steadyNanos();
      }
      lock.unlock();
      std::this_thread::sleep_for(kSamplePeriod);
      lock.lock();
      // The time since the previous sample, however late this one woke on
      // a loaded machine: the samples' sum is the sampled wall time.
      uint64_t now = RunObserver::steadyNanos();
      for (RunObserver *run : runs)
        run->sample(now - std::max(last, run->samplingSince_));
      last = now;
    }
  }
};

//===----------------------------------------------------------------------===//
// RunObserver
//===----------------------------------------------------------------------===//

std::unique_ptr<RunObserver> RunObserver::create(const RunOptions &options,
                                                 const Program &top,
                                                 size_t topNodes) {
  std::string path = options.profile;
  if (path.empty())
    if (const char *env = std::getenv("AG_PROFILE"))
      path = env;
  bool profiling = !path.empty() || options.profileSummary;
  bool progress = progressWanted(options);
  if (!profiling && !progress)
    return nullptr;

  std::unique_ptr<RunObserver> obs(new RunObserver);
  obs->top_ = &top;
  obs->profiling_ = profiling;
  obs->tracing_ = !path.empty();
  obs->id_ = nextObserverId.fetch_add(1, std::memory_order_relaxed);
  if (!path.empty()) {
    obs->tracePath_ = path;
    obs->trace_.open(path, std::ios::out | std::ios::trunc);
    if (!obs->trace_) {
      Diagnostic diag;
      diag.phase = Diagnostic::Phase::Evaluation;
      diag.message = "cannot write the profile '" + path +
                     "': " + std::strerror(errno) +
                     " (RunOptions::profile, ag-run --profile, AG_PROFILE)";
      throw Error(std::move(diag));
    }
  }
  obs->startTicks_ = now();
  obs->startNanos_ = steadyNanos();
  if (progress) {
    auto run = std::make_unique<RunProgress>();
    run->start = std::chrono::steady_clock::now();
    run->showAt =
        run->start +
        std::chrono::duration_cast<std::chrono::steady_clock::duration>(
            std::chrono::duration<double>(options.progressAfter));
    run->total = topNodes;
    obs->progress_ = std::move(run);
    ProgressMonitor::get().add(obs->progress_.get());
  }
  obs->summaryOnly_ = profiling && !obs->tracing_ && !progress;
  obs->counting_ = profiling && !obs->tracing_;
  return obs;
}

RunObserver::~RunObserver() {
  stopSampling();
  if (progress_)
    ProgressMonitor::get().remove(progress_.get());
}

RunObserver::ThreadBuffer &RunObserver::newBuffer() {
  std::lock_guard<std::mutex> lock(buffersMutex_);
  buffers_.push_back(std::make_unique<ThreadBuffer>());
  ThreadBuffer *b = buffers_.back().get();
  b->tid = static_cast<uint64_t>(::syscall(SYS_gettid));
  if (tracing_)
    b->events.reserve(4096);
  else
    b->timed.reserve(kPreciseNodes);
  observerThreadCache = {id_, b, /*sampling=*/0};
  return *b;
}

void RunObserver::planCut(const Program &p, const Plan &plan, size_t ran) {
  if (!counting_)
    return;
  ThreadBuffer &b = buffer();
  for (size_t i = 0; i < ran && i < plan.order.size(); ++i)
    b.count(&p, plan.order[i]);
}

void RunObserver::ThreadBuffer::switchProgram(const Program *p) {
  std::vector<uint64_t> &t = counts[p];
  if (t.empty())
    t = takeTable(p->nodes().size());
  lastProgram = p;
  lastCounts = t.data();
}

namespace {
/// The pool's bound: tables beyond it are freed.
constexpr size_t kPoolBytes = size_t(64) << 20;
std::mutex tablePoolMutex;
} // namespace

RunObserver::TablePool &RunObserver::tablePool() {
  static TablePool *pool = new TablePool; // runs may end in static dtors
  return *pool;
}

std::vector<uint64_t> RunObserver::takeTable(size_t nodes) {
  {
    std::lock_guard<std::mutex> lock(tablePoolMutex);
    TablePool &pool = tablePool();
    for (size_t i = 0; i < pool.tables.size(); ++i)
      if (pool.tables[i].size() == nodes) {
        std::vector<uint64_t> t = std::move(pool.tables[i]);
        pool.tables.erase(pool.tables.begin() + i);
        pool.bytes -= nodes * sizeof(uint64_t);
        return t;
      }
  }
  return std::vector<uint64_t>(nodes);
}

void RunObserver::giveTable(std::vector<uint64_t> table) {
  std::lock_guard<std::mutex> lock(tablePoolMutex);
  TablePool &pool = tablePool();
  size_t bytes = table.size() * sizeof(uint64_t);
  if (pool.bytes + bytes > kPoolBytes)
    return;
  pool.bytes += bytes;
  pool.tables.push_back(std::move(table));
}

void RunObserver::record(const Event &e) {
  ThreadBuffer &b = buffer();
  if (b.events.size() >= kMaxEvents) {
    ++b.dropped;
    return;
  }
  b.events.push_back(e);
}

uint64_t RunObserver::traceBegin() {
  mpi::takeNodeRank(); // whatever a previous node left on this thread
  return now();
}

void RunObserver::traceEnd(const Program &p, NodeId n, uint64_t start,
                           uint64_t bytes, bool failed) {
  record({&p, nullptr, start, now(), bytes, n, false, failed,
          mpi::takeNodeRank()});
}

void RunObserver::startSampling() {
  {
    std::lock_guard<std::mutex> lock(buffersMutex_);
    if (sampling_)
      return;
    sampling_ = true;
  }
  samplingSince_ = steadyNanos(); // read by the sampler under its mutex
  Sampler::get().add(this);
}

void RunObserver::stopSampling() {
  {
    std::lock_guard<std::mutex> lock(buffersMutex_);
    if (!sampling_)
      return;
    sampling_ = false;
  }
  Sampler::get().remove(this);
}

void RunObserver::sample(uint64_t nanos) {
  std::lock_guard<std::mutex> lock(buffersMutex_);
  for (const auto &b : buffers_) {
    uint32_t depth =
        std::min(b->depth.load(std::memory_order_acquire), kStackDepth);
    for (uint32_t i = 0; i < depth; ++i) {
      uintptr_t node = b->stack[i].load(std::memory_order_relaxed);
      if (node && !(node & kPreciseTag))
        sampled_[reinterpret_cast<const Node *>(node)] += nanos;
    }
    if (const Node *leaf = b->running.load(std::memory_order_relaxed))
      sampled_[leaf] += nanos;
  }
}

void RunObserver::showProgress(const Node &node) {
  progress_->current.store(&node, std::memory_order_relaxed);
  if (node.kind == NodeKind::Print)
    ProgressMonitor::get().clear();
}

void RunObserver::nodeDone() {
  progress_->done.fetch_add(1, std::memory_order_relaxed);
}

void RunObserver::regionEnd(const Program &region, const LoopCtx *loops,
                            uint64_t start) {
  if (!tracing_)
    return;
  record({&region, loops ? loops->loop : nullptr, start, now(),
          loops ? loops->iteration : 0, 0, true, false});
}

namespace {

/// Which node owns a region program, and which of its regions it is.
struct RegionOwner {
  const Node *node;
  size_t index;
};

void mapRegions(const Program &p,
                std::unordered_map<const Program *, RegionOwner> &owners) {
  for (const Node &node : p.nodes())
    for (size_t r = 0; r < node.regions.size(); ++r) {
      owners[node.regions[r].get()] = {&node, r};
      mapRegions(*node.regions[r], owners);
    }
}

std::string regionName(const RegionOwner &owner, const Node *loop,
                       uint64_t iteration) {
  switch (owner.node->kind) {
  case NodeKind::If:
    return owner.index == 0 ? "then" : "else";
  case NodeKind::Try:
    return owner.index == 0 ? "try" : "catch";
  case NodeKind::For:
    if (loop == owner.node)
      return "iteration " + std::to_string(iteration);
    return "body";
  case NodeKind::While:
    if (loop == owner.node)
      return "iteration " + std::to_string(iteration) +
             (owner.index == 0 ? ": condition" : ": body");
    return owner.index == 0 ? "condition" : "body";
  default:
    return "region";
  }
}

/// A per-node table of each program, found without hashing for runs of
/// events from one program (the common case).
template <typename T> class PerNode {
public:
  T &at(const Program *p, NodeId n) {
    if (p != last_) {
      auto &v = tables_[p];
      if (v.empty())
        v.resize(p->nodes().size());
      last_ = p;
      lastTable_ = &v;
    }
    return (*lastTable_)[n];
  }
  template <typename F> void forEach(F f) {
    for (auto &[p, v] : tables_)
      for (size_t n = 0; n < v.size(); ++n)
        f(p, static_cast<NodeId>(n), v[n]);
  }

private:
  std::unordered_map<const Program *, std::vector<T>> tables_;
  const Program *last_ = nullptr;
  std::vector<T> *lastTable_ = nullptr;
};

} // namespace

void RunObserver::finish(RunStats &stats) {
  if (!profiling_)
    return;
  stopSampling();
  // Ticks to nanoseconds over this run (the TSC runs at a constant rate).
  uint64_t endTicks = now(), endNanos = steadyNanos();
  TickClock clock;
  clock.startTicks = startTicks_;
  if (endTicks > startTicks_)
    clock.nsPerTick = static_cast<double>(endNanos - startNanos_) /
                      static_cast<double>(endTicks - startTicks_);
  stats.profile = summarize(clock.nsPerTick);
  if (!tracePath_.empty())
    writeTrace(clock);
}

namespace {

/// A node of one of the run's programs.
struct NodeKey {
  const Program *p;
  NodeId n;
  bool operator==(const NodeKey &o) const { return p == o.p && n == o.n; }
};
struct NodeKeyHash {
  size_t operator()(const NodeKey &k) const {
    return std::hash<const void *>()(k.p) * 31 + k.n;
  }
};
/// What a node's timed executions, trace slices and samples add up to.
struct NodeTotal {
  uint64_t count = 0, ticks = 0, nanos = 0, bytes = 0, timed = 0;
};
using NodeTotals = std::unordered_map<NodeKey, NodeTotal, NodeKeyHash>;
/// The executions of each node, per program.
using NodeCounts = std::unordered_map<const Program *, std::vector<uint64_t>>;

/// The executions of the run's nodes: per-node counts (parallel frames and
/// frames an error cut short) plus whole sequential plan executions, asked
/// for the few nodes the summary shows (not expanded into a table a node).
struct ExecutionCounts {
  NodeCounts nodes;
  std::unordered_map<const Program *, std::vector<PlanRuns>> plans;

  uint64_t of(const Program *p, NodeId n) const {
    uint64_t count = 0;
    if (auto it = nodes.find(p); it != nodes.end())
      count += it->second[n];
    if (auto it = plans.find(p); it != plans.end())
      for (const PlanRuns &r : it->second)
        count += r.plan->nodeNeeded[n] ? r.runs : 0;
    return count;
  }
  std::vector<const Program *> programs() const {
    std::vector<const Program *> all;
    for (const auto &entry : nodes)
      all.push_back(entry.first);
    for (const auto &entry : plans)
      if (!nodes.count(entry.first))
        all.push_back(entry.first);
    return all;
  }
  /// Calls `f(p, n)` for nodes that ran, until it returns false.
  template <typename F> void forEachRan(F f) const {
    for (const auto &[p, table] : nodes)
      for (size_t n = 0; n < table.size(); ++n)
        if (table[n] && !f(p, static_cast<NodeId>(n)))
          return;
    for (const auto &[p, runs] : plans)
      for (const PlanRuns &r : runs)
        for (NodeId n : r.plan->order)
          if (!f(p, n))
            return;
  }
};

/// Charges each sampled node's time to its node, found by the program whose
/// node array holds it among the programs that ran nodes (not by walking
/// every node).
void addSamples(NodeTotals &totals, const ExecutionCounts &counts,
                const std::unordered_map<const Node *, uint64_t> &sampled) {
  std::vector<std::pair<const Node *, const Program *>> ranges;
  for (const Program *p : counts.programs())
    ranges.push_back({p->nodes().data(), p});
  std::sort(ranges.begin(), ranges.end());
  for (auto [node, nanos] : sampled) {
    auto it = std::upper_bound(
        ranges.begin(), ranges.end(), node,
        [](const Node *n, const auto &r) { return n < r.first; });
    if (it == ranges.begin())
      continue;
    const Program *p = std::prev(it)->second;
    size_t n = static_cast<size_t>(node - p->nodes().data());
    if (n < p->nodes().size())
      totals[{p, static_cast<NodeId>(n)}].nanos += nanos;
  }
}

struct RankedNode {
  const Program *p;
  NodeId n;
  NodeTotal t;
};

/// The slowest kMaxProfiled nodes that ran, slowest first: those with
/// measured time, then (if fewer took measurable time) others that ran, at
/// no time.
std::vector<RankedNode> slowestNodes(const NodeTotals &totals,
                                     const ExecutionCounts &counts,
                                     double nsPerTick) {
  // A min-heap of the slowest so far.
  auto slower = [](const RankedNode &a, const RankedNode &b) {
    return a.t.nanos != b.t.nanos ? a.t.nanos > b.t.nanos
           : a.p != b.p           ? a.p < b.p
                                  : a.n < b.n;
  };
  std::vector<RankedNode> heap;
  auto offer = [&](const RankedNode &r) {
    if (heap.size() < kMaxProfiled) {
      heap.push_back(r);
      std::push_heap(heap.begin(), heap.end(), slower);
    } else if (slower(r, heap.front())) {
      std::pop_heap(heap.begin(), heap.end(), slower);
      heap.back() = r;
      std::push_heap(heap.begin(), heap.end(), slower);
    }
  };
  for (auto &[key, total] : totals) {
    NodeTotal t = total;
    t.count += counts.of(key.p, key.n);
    if (!t.count)
      continue;
    t.nanos += static_cast<uint64_t>(static_cast<double>(t.ticks) * nsPerTick);
    // Sampled executions produced as many bytes as the timed ones.
    if (t.timed && t.timed < t.count)
      t.bytes = static_cast<uint64_t>(static_cast<double>(t.bytes) *
                                      static_cast<double>(t.count) /
                                      static_cast<double>(t.timed));
    offer({key.p, key.n, t});
  }
  std::set<std::pair<const Program *, NodeId>> offered;
  counts.forEachRan([&](const Program *p, NodeId n) {
    if (heap.size() >= kMaxProfiled)
      return false;
    if (!totals.count({p, n}) && offered.insert({p, n}).second) {
      NodeTotal t;
      t.count = counts.of(p, n);
      offer({p, n, t});
    }
    return true;
  });
  std::sort_heap(heap.begin(), heap.end(), slower);
  return heap;
}

NodeProfile toProfile(const RankedNode &r) {
  const Node &node = r.p->nodes()[r.n];
  NodeProfile np;
  np.op = node.opName;
  np.name = variable(*r.p, node);
  np.location = where(node);
  np.count = r.t.count;
  np.seconds = static_cast<double>(r.t.nanos) * 1e-9;
  np.bytes = r.t.bytes;
  return np;
}

} // namespace

std::vector<NodeProfile> RunObserver::summarize(double nsPerTick) {
  // The executions per node: one table per program, the first thread's,
  // others added into it (and returned to the pool zeroed); and the
  // executions per plan.
  ExecutionCounts executions;
  NodeCounts &counts = executions.nodes;
  for (const auto &b : buffers_) {
    for (const auto &[plan, runs] : b->plans) {
      std::vector<PlanRuns> &into = executions.plans[runs.program];
      auto same =
          std::find_if(into.begin(), into.end(),
                       [&](const PlanRuns &r) { return r.plan == plan; });
      if (same == into.end())
        into.push_back(runs);
      else
        same->runs += runs.runs;
    }
    b->plans.clear();
    b->lastPlan = nullptr;
    for (auto &[p, nodes] : b->counts) {
      std::vector<uint64_t> &into = counts[p];
      if (into.empty()) {
        into = std::move(nodes);
        continue;
      }
      for (size_t n = 0; n < nodes.size(); ++n)
        into[n] += nodes[n];
      std::fill(nodes.begin(), nodes.end(), 0);
      giveTable(std::move(nodes));
    }
  }

  // The time of the nodes that have any: timed executions, trace slices
  // (which carry their own counts) and samples. Only these can be slow.
  NodeTotals totals;
  for (const auto &b : buffers_) {
    for (const Timed &t : b->timed) {
      NodeTotal &into = totals[{t.program, t.node}];
      into.ticks += t.ticks;
      into.bytes += t.bytes;
      ++into.timed;
    }
    b->timed.clear();
    for (const Event &e : b->events)
      if (!e.region) {
        NodeTotal &into = totals[{e.program, e.node}];
        ++into.count;
        into.ticks += e.end - e.start;
        into.bytes += e.aux;
        ++into.timed;
      }
  }
  if (!sampled_.empty()) {
    addSamples(totals, executions, sampled_);
    sampled_.clear();
  }

  std::vector<RankedNode> slowest = slowestNodes(totals, executions, nsPerTick);
  for (auto &[p, nodes] : counts) {
    std::fill(nodes.begin(), nodes.end(), 0);
    giveTable(std::move(nodes));
  }
  std::vector<NodeProfile> profile;
  profile.reserve(slowest.size());
  for (const RankedNode &r : slowest)
    profile.push_back(toProfile(r));
  return profile;
}

namespace {

/// The JSON a node's slices share from "cat" to "bytes": formatted once per
/// node, not per slice.
std::string nodeSliceArgs(const Program &p, NodeId n) {
  const Node &node = p.nodes()[n];
  std::string var = variable(p, node);
  std::string at = where(node);
  std::string args = ",\"cat\":\"node\",\"name\":";
  appendJSONString(args, var.empty() ? node.opName : node.opName + " " + var);
  args += ",\"args\":{\"op\":";
  appendJSONString(args, node.opName);
  if (!var.empty()) {
    args += ",\"variable\":";
    appendJSONString(args, var);
  }
  if (!at.empty()) {
    args += ",\"source\":";
    appendJSONString(args, at);
  }
  args += ",\"bytes\":";
  return args;
}

/// Appends `v` in decimal.
void appendUInt(std::string &out, uint64_t v) {
  char buf[24];
  char *end = std::to_chars(buf, buf + sizeof buf, v).ptr;
  out.append(buf, end);
}

/// Appends nanoseconds `ns` as microseconds with three decimals.
void appendMicros(std::string &out, uint64_t ns) {
  appendUInt(out, ns / 1000);
  char frac[4] = {'.', char('0' + ns / 100 % 10), char('0' + ns / 10 % 10),
                  char('0' + ns % 10)};
  out.append(frac, 4);
}

/// A complete ("X") slice's fields up to its duration (called per slice:
/// no snprintf, no temporaries).
void appendSliceHead(std::string &out, unsigned long long pid, uint64_t tid,
                     uint64_t ts, uint64_t end) {
  out += ",\n{\"ph\":\"X\",\"pid\":";
  appendUInt(out, pid);
  out += ",\"tid\":";
  appendUInt(out, tid);
  out += ",\"ts\":";
  appendMicros(out, ts);
  out += ",\"dur\":";
  appendMicros(out, end - ts);
}

/// A metadata event naming process `pid` or its thread `tid`.
void appendName(std::string &out, const char *what, unsigned long long pid,
                uint64_t tid, const std::string &name, bool first = false) {
  out += std::string(first ? "\n" : ",\n") + "{\"ph\":\"M\",\"name\":\"" +
         what + "\",\"pid\":" + std::to_string(pid) +
         ",\"tid\":" + std::to_string(tid) + ",\"args\":{\"name\":";
  appendJSONString(out, name);
  out += "}}";
}

} // namespace

void RunObserver::writeTrace(const TickClock &clock) {
  std::unordered_map<const Program *, RegionOwner> owners;
  mapRegions(*top_, owners);
  PerNode<std::string> nodeArgs;
  uint64_t dropped = 0;
  for (const auto &b : buffers_)
    dropped += b->dropped;
  std::string out;
  out.reserve(1 << 21);
  out += "{\"displayTimeUnit\":\"ns\",\"otherData\":{\"generator\":\"ag\","
         "\"droppedSlices\":";
  out += std::to_string(dropped);
  out += "},\"traceEvents\":[";
  unsigned long long pid = static_cast<unsigned long long>(::getpid());
  appendName(out, "process_name", pid, 0,
             top_->name.empty() ? "ag" : "ag: " + top_->name,
             /*first=*/true);
  // A node that ran on MPI rank k goes on that rank's own track (a rank
  // runs one node at a time, so its slices never overlap).
  constexpr uint64_t kRankTrack = uint64_t(1) << 32;
  std::set<int32_t> ranks;
  for (const auto &b : buffers_) {
    for (const Event &e : b->events) {
      uint64_t tid = e.rank > 0 ? kRankTrack + e.rank : b->tid;
      if (e.rank > 0 && ranks.insert(e.rank).second)
        appendName(out, "thread_name", pid, tid,
                   "MPI rank " + std::to_string(e.rank));
      appendSliceHead(out, pid, tid, clock.nanos(e.start), clock.nanos(e.end));
      if (e.region) {
        auto it = owners.find(e.program);
        out += ",\"cat\":\"region\",\"name\":";
        appendJSONString(out, it == owners.end()
                                  ? std::string("region")
                                  : regionName(it->second, e.loop, e.aux));
        out += "}";
        continue;
      }
      std::string &args = nodeArgs.at(e.program, e.node);
      if (args.empty())
        args = nodeSliceArgs(*e.program, e.node);
      out += args;
      appendUInt(out, e.aux);
      if (e.rank > 0) {
        out += ",\"rank\":";
        appendUInt(out, static_cast<uint64_t>(e.rank));
      }
      out += e.failed ? ",\"failed\":true}}" : "}}";
      if (out.size() > (1 << 21)) {
        trace_ << out;
        out.clear();
      }
    }
  }
  out += "\n]}\n";
  trace_ << out;
  trace_.close();
  if (!trace_) {
    Diagnostic diag;
    diag.phase = Diagnostic::Phase::Evaluation;
    diag.message = "cannot write the profile '" + tracePath_ + "'";
    throw Error(std::move(diag));
  }
}

} // namespace ag::exec

void ag::printProfileSummary(std::ostream &os, const RunStats &stats,
                             size_t top) {
  if (stats.profile.empty()) {
    os << "no profile: the run was not profiled (RunOptions::profile or "
          "profileSummary)\n";
    return;
  }
  double total = stats.seconds;
  size_t n = std::min(top, stats.profile.size());
  os << "top " << n << " nodes by time (of " << std::fixed
     << std::setprecision(3) << total * 1e3 << " ms):\n";
  os << "  time ms      %    count  node\n";
  for (size_t i = 0; i < n; ++i) {
    const NodeProfile &np = stats.profile[i];
    double pct = total > 0 ? 100.0 * np.seconds / total : 0;
    os << "  " << std::setw(9) << std::setprecision(3) << np.seconds * 1e3
       << "  " << std::setw(5) << std::setprecision(1) << pct << "  "
       << std::setw(7) << np.count << "  " << np.op;
    if (!np.name.empty())
      os << " " << np.name;
    os << " at " << (np.location.empty() ? "<unknown>" : np.location) << "\n";
  }
}
