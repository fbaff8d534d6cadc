//===- Mpi.cpp - Node calls on MPI ranks ----------------------------------===//
//
// One communication thread per process owns every MPI call (it initializes
// MPI, so MPI_THREAD_FUNNELED is all we need). On rank 0 it takes node calls
// from evaluator tasks, sends each to an idle worker (one call per worker at
// a time), and completes the call when the reply arrives. On a worker it is
// the serve loop: it receives a request, runs the node on a helper thread and
// keeps heartbeating while the node runs. Every wait is bounded: ranks
// exchange heartbeats every kHeartbeat, and a peer silent for AG_MPI_TIMEOUT
// seconds (default 5) is lost: its calls fail naming the rank, a worker whose
// rank 0 is lost exits.
//
// Locality: a node result whose every consumer is a node that may run on a
// worker stays on the worker that made it (rank 0 holds a KeptValue naming
// it); a call reading it is sent to that worker, and rank 0 fetches it only
// when it must run a consumer itself. Dropping the last KeptValue frees it.
//
// Tensor kernels travel as their opcode and attributes (kCallKernel): a
// heavy one (Node::heavy, the evaluator's cost estimate for spawning tasks)
// goes to an idle worker, a cheap one only to the worker holding one of its
// inputs; a worker rebuilds the node and runs it with the evaluator's kernel
// dispatch (setKernelRunner), so results are bit-identical.
//
// Wire format (all integers little endian; values are exec::encodeValue):
//   request: u64 id, u8 kCallNode, str name, u32 #packs, i32 packs...,
//            u32 #values, operand..., u32 #results, u8 keep...
//         or u64 id, u8 kCallKernel, kernel, u32 #values, operand...,
//            u32 #results, u8 keep...
//         or u64 id, u8 kGetValue, u32 #ids, u64 kept id...
//   kernel:  u8 kind, u8 op, u8 dtype, i64 axis, u8 reduce, u8 keepdims,
//            u8 declared, u32 #shape, i64 shape..., str opName
//   operand: u8 kBytes, str | u8 kKept, u64 kept id
//   reply:   u64 id, u8 status, then for Ok u32 #values, operand...; else str.
//   free:    u64 kept id...
//
//===----------------------------------------------------------------------===//

#include "ag/runtime/Mpi.h"
#include "ag/runtime/Codec.h"
#include "ag/runtime/HostNode.h"
#include "ag/runtime/Kernels.h"

#include <mpi.h>
#include <tbb/task.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <any>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <iostream>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <unordered_map>

namespace ag::exec::mpi {

namespace {

using Clock = std::chrono::steady_clock;

enum Tag : int {
  kRequest = 1,
  kReply = 2,
  kBeat = 3,
  kShutdown = 4,
  kFree = 5 // rank 0 -> holder: values kept there that nobody reads any more
};
/// What a request asks: run a node or a tensor kernel, or send back a value
/// kept on the rank.
enum Request : uint8_t { kCallNode = 0, kGetValue = 1, kCallKernel = 2 };
/// How a value travels: its codec bytes, or the id of a value kept on the
/// rank that made it (locality: a chain of nodes stays where it runs).
enum Operand : uint8_t { kBytes = 0, kKept = 1 };
enum Status : uint8_t { kOk = 0, kFailed = 1, kUnavailable = 2, kLost = 3 };

constexpr auto kHeartbeat = std::chrono::milliseconds(500);

/// A kernel's tensor result stays on its worker (kKeepLarge) from this many
/// elements: lowering::kHeavyElements, the size that makes an op heavy.
constexpr int64_t kKeepElements = 1 << 15;

/// The name local-only kernels are marked by (no kernel runner on a worker).
const char *const kKernels = "<tensor kernels>";

double envSeconds(const char *name, double fallback) {
  const char *env = std::getenv(name);
  if (!env || !*env)
    return fallback;
  double v = std::strtod(env, nullptr);
  return v > 0 ? v : fallback;
}

/// Whether this process was started by a launcher (Open MPI, MPICH/Hydra,
/// PMIx): only then may the executor initialize MPI.
bool underLauncher() {
  for (const char *var : {"OMPI_COMM_WORLD_SIZE", "PMIX_RANK", "PMI_RANK"})
    if (std::getenv(var))
      return true;
  return false;
}

bool mpiRequested(const RunOptions &options) {
  if (const char *env = std::getenv("AG_EXECUTOR")) {
    std::string e = env;
    if (e == "mpi")
      return true;
    if (e == "local")
      return false;
  }
  return options.executor == RunOptions::Executor::Mpi;
}

//===----------------------------------------------------------------------===//
// Bytes
//===----------------------------------------------------------------------===//

struct Writer {
  std::string out;
  template <typename T> void put(T v) {
    char b[sizeof(T)];
    std::memcpy(b, &v, sizeof(T));
    out.append(b, sizeof(T));
  }
  void str(std::string_view s) {
    put<uint64_t>(s.size());
    out.append(s);
  }
};

struct Reader {
  std::string_view in;
  size_t pos = 0;
  template <typename T> T get() {
    if (in.size() - pos < sizeof(T))
      throw CodecError("truncated MPI message");
    T v;
    std::memcpy(&v, in.data() + pos, sizeof(T));
    pos += sizeof(T);
    return v;
  }
  std::string_view str() {
    uint64_t n = get<uint64_t>();
    if (in.size() - pos < n)
      throw CodecError("truncated MPI message");
    std::string_view s = in.substr(pos, n);
    pos += n;
    return s;
  }
};

//===----------------------------------------------------------------------===//
// Calls in flight (rank 0)
//===----------------------------------------------------------------------===//

struct Call {
  uint64_t id = 0;
  std::string request;
  /// The worker that must run it (it holds an operand), or 0 for any.
  int affinity = 0;
  // Set by the communication thread before completion.
  int rank = -1;
  Status status = kOk;
  std::string reply; // the reply's bytes after the status
  // Completion: resume a suspended task, or wake a blocked thread.
  std::mutex mutex;
  std::condition_variable cv;
  bool done = false;
  std::optional<tbb::task::suspend_point> suspended;
};

/// A non-blocking send whose buffer lives until it completed.
struct Send {
  std::string bytes;
  MPI_Request request = MPI_REQUEST_NULL;
};

struct Worker {
  bool alive = true;
  std::shared_ptr<Call> busy; // the call it runs, or null when idle
  Clock::time_point lastHeard = Clock::now();
};

std::atomic<uint64_t> gRemote{0}, gKernel{0}, gFallbacks{0}, gSent{0},
    gReceived{0}, gKept{0}, gFetched{0};
std::atomic<KernelRunner> gKernelRunner{nullptr};
/// Set when this worker rank starts serving: a later run here is local.
std::atomic<bool> gServing{false};
/// The rank the thread's last remote call ran on (takeNodeRank).
thread_local int tlNodeRank = 0;

} // namespace

class Executor {
public:
  /// Starts the communication thread, which initializes MPI; waits for it.
  Executor() : timeout_(envSeconds("AG_MPI_TIMEOUT", 5.0)) {
    thread_ = std::thread([this] { main(); });
    std::unique_lock<std::mutex> lock(mutex_);
    cv_.wait(lock, [&] { return started_; });
  }

  int rank() const { return rank_; }
  int size() const { return size_; }

  /// Rank 0: queues `call` for the next idle worker.
  void submit(std::shared_ptr<Call> call) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      queue_.push_back(std::move(call));
    }
    cv_.notify_all(); // the communication thread may be backing off
  }

  /// Rank 0 at exit: tells the workers to end, finalizes MPI (unless a rank
  /// was lost: MPI_Finalize would wait for it), joins the thread.
  void shutdown() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      stop_ = true;
    }
    cv_.notify_all();
    if (thread_.joinable())
      thread_.join();
  }

  /// Worker: the serve loop has ended; the process exits with this code.
  int waitServed() {
    thread_.join();
    return exitCode_;
  }

  bool mayRunRemotely(const std::string &name) {
    std::lock_guard<std::mutex> lock(mutex_);
    return !localOnly_.count(name);
  }
  void markLocalOnly(const std::string &name) {
    std::lock_guard<std::mutex> lock(mutex_);
    localOnly_.insert(name);
  }
  bool anyAlive() {
    std::lock_guard<std::mutex> lock(mutex_);
    return aliveWorkers_ > 0;
  }
  /// Rank 0: value `id` kept on `rank` is no longer read (sent in batches).
  void postFree(int rank, uint64_t id) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!stop_)
      frees_.emplace_back(rank, id);
  }

private:
  void main();
  // Rank 0: one round of coordinate() per step.
  struct Coordination;
  void coordinate();
  /// Moves submitted calls to `c.pending`; false once shutdown() was called.
  bool takeSubmitted(Coordination &c);
  void dispatch(Coordination &c);
  /// The next idle live worker, round robin, or 0.
  int idleWorker(Coordination &c);
  void receiveReplies(Coordination &c);
  /// Heartbeats to the workers; fails the calls of workers gone silent.
  void checkWorkers(Coordination &c);
  void shutdownWorkers(Coordination &c);
  /// Waits (bounded) for the sends in flight to complete.
  void drainSends();
  void serve();
  void complete(const std::shared_ptr<Call> &call, Status status,
                std::string reply);
  void send(int rank, int tag, std::string bytes);
  void testSends();
  /// Receives one message if any is waiting.
  bool receive(int source, int &from, int &tag, std::string &bytes);

  double timeout_;
  int rank_ = 0, size_ = 1;
  int exitCode_ = 0;
  std::thread thread_;
  std::mutex mutex_;
  std::condition_variable cv_;
  bool started_ = false, stop_ = false;
  int aliveWorkers_ = 0;
  std::deque<std::shared_ptr<Call>> queue_;
  std::vector<std::pair<int, uint64_t>> frees_; // (rank, kept id)
  std::set<std::string> localOnly_;
  std::deque<Send> sends_;
};

namespace {

Executor *gExecutor = nullptr;
std::once_flag gOnce;

void shutdownAtExit() {
  if (gExecutor && gExecutor->rank() == 0)
    gExecutor->shutdown();
}

/// The started executor when MPI is requested and available, else null.
Executor *startedExecutor(bool requested) {
  if (!requested || !underLauncher())
    return nullptr;
  std::call_once(gOnce, [] {
    gExecutor = new Executor(); // never destroyed: outlives static objects
    if (gExecutor->rank() == 0)
      std::atexit(shutdownAtExit);
  });
  return gExecutor->size() > 1 ? gExecutor : nullptr;
}

[[noreturn]] void serveAndExit(Executor &executor) {
  int code = executor.waitServed();
  std::cout.flush();
  std::cerr.flush();
  std::fflush(nullptr);
  // Not exit(): the caller is in the middle of a run on this rank, and its
  // static objects need not be torn down.
  std::_Exit(code);
}

} // namespace

void Executor::main() {
  int provided = 0, initialized = 0;
  MPI_Initialized(&initialized);
  if (!initialized)
    MPI_Init_thread(nullptr, nullptr, MPI_THREAD_FUNNELED, &provided);
  // Errors come back as codes: a lost peer must not abort this rank.
  MPI_Comm_set_errhandler(MPI_COMM_WORLD, MPI_ERRORS_RETURN);
  MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
  MPI_Comm_size(MPI_COMM_WORLD, &size_);
  {
    std::lock_guard<std::mutex> lock(mutex_);
    aliveWorkers_ = size_ - 1;
    started_ = true;
  }
  cv_.notify_all();
  if (size_ < 2) {
    // Nothing to coordinate: every run is local. MPI ends on this thread,
    // which initialized it, when the process exits (shutdown()).
    std::unique_lock<std::mutex> lock(mutex_);
    cv_.wait(lock, [&] { return stop_; });
    MPI_Finalize();
    return;
  }
  if (rank_ == 0)
    coordinate();
  else
    serve();
}

void Executor::send(int rank, int tag, std::string bytes) {
  sends_.push_back(Send{std::move(bytes), MPI_REQUEST_NULL});
  Send &s = sends_.back();
  if (MPI_Isend(s.bytes.data(), static_cast<int>(s.bytes.size()), MPI_BYTE,
                rank, tag, MPI_COMM_WORLD, &s.request) != MPI_SUCCESS)
    s.request = MPI_REQUEST_NULL;
}

void Executor::testSends() {
  // Sends complete in order per peer; drop finished ones from the front so
  // buffers stay alive as long as MPI may read them.
  for (auto it = sends_.begin(); it != sends_.end();) {
    int done = 1;
    if (it->request != MPI_REQUEST_NULL &&
        MPI_Test(&it->request, &done, MPI_STATUS_IGNORE) != MPI_SUCCESS)
      done = 0; // a send to a lost peer: keep its buffer, never reuse it
    it = done ? sends_.erase(it) : std::next(it);
  }
}

bool Executor::receive(int source, int &from, int &tag, std::string &bytes) {
  int flag = 0;
  MPI_Status status;
  if (MPI_Iprobe(source, MPI_ANY_TAG, MPI_COMM_WORLD, &flag, &status) !=
          MPI_SUCCESS ||
      !flag)
    return false;
  int count = 0;
  MPI_Get_count(&status, MPI_BYTE, &count);
  bytes.resize(static_cast<size_t>(count));
  from = status.MPI_SOURCE;
  tag = status.MPI_TAG;
  MPI_Recv(bytes.data(), count, MPI_BYTE, from, tag, MPI_COMM_WORLD,
           MPI_STATUS_IGNORE);
  return true;
}

void Executor::complete(const std::shared_ptr<Call> &call, Status status,
                        std::string reply) {
  std::optional<tbb::task::suspend_point> suspended;
  {
    std::lock_guard<std::mutex> lock(call->mutex);
    call->status = status;
    call->reply = std::move(reply);
    call->done = true;
    suspended = call->suspended;
  }
  if (suspended)
    tbb::task::resume(*suspended);
  else
    call->cv.notify_all();
}

/// Idle loops back off from spinning to sleeping (the machine may have
/// fewer cores than ranks).
struct Backoff {
  int idle = 0;
  void activity() { idle = 0; }
  /// How long to wait now: zero (yield) right after activity.
  std::chrono::microseconds next() {
    ++idle;
    return std::chrono::microseconds(idle < 64 ? 0 : idle < 256 ? 50 : 500);
  }
  void wait() {
    auto d = next();
    if (d.count() == 0)
      std::this_thread::yield();
    else
      std::this_thread::sleep_for(d);
  }
};

/// Rank 0's view of the workers while it coordinates.
struct Executor::Coordination {
  explicit Coordination(int size) : workers(static_cast<size_t>(size)) {}
  std::vector<Worker> workers; // [0] unused
  std::deque<std::shared_ptr<Call>> pending;
  Clock::time_point lastBeat = Clock::now();
  size_t nextWorker = 1;
  Backoff backoff;
  std::string bytes; // the message being received
};

void Executor::coordinate() {
  Coordination c(size_);
  while (takeSubmitted(c)) {
    dispatch(c);
    receiveReplies(c);
    checkWorkers(c);
    testSends();
    // Back off, but wake at once for a new call; poll often for replies
    // while calls are out (MPI cannot wake this thread for them).
    std::chrono::microseconds d = c.backoff.next();
    if (std::any_of(c.workers.begin(), c.workers.end(),
                    [](const Worker &w) { return w.busy != nullptr; }))
      d = std::min(d, std::chrono::microseconds(100));
    std::unique_lock<std::mutex> lock(mutex_);
    if (d.count() == 0 || !queue_.empty() || stop_) {
      lock.unlock();
      std::this_thread::yield();
    } else {
      cv_.wait_for(lock, d, [&] { return !queue_.empty() || stop_; });
    }
  }
  shutdownWorkers(c);
}

bool Executor::takeSubmitted(Coordination &c) {
  std::vector<std::pair<int, uint64_t>> frees;
  bool stopping;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    while (!queue_.empty()) {
      c.pending.push_back(std::move(queue_.front()));
      queue_.pop_front();
    }
    frees.swap(frees_);
    stopping = stop_;
  }
  // One free message per rank; a free is sent after every call that read
  // the value was answered (a reader holds its KeptValue until then).
  std::sort(frees.begin(), frees.end());
  for (size_t i = 0; i < frees.size();) {
    int rank = frees[i].first;
    Writer w;
    for (; i < frees.size() && frees[i].first == rank; ++i)
      w.put<uint64_t>(frees[i].second);
    if (c.workers[static_cast<size_t>(rank)].alive)
      send(rank, kFree, std::move(w.out));
  }
  return !stopping;
}

int Executor::idleWorker(Coordination &c) {
  for (size_t tries = 1; tries < c.workers.size(); ++tries) {
    size_t k = c.nextWorker;
    c.nextWorker = k + 1 < c.workers.size() ? k + 1 : 1;
    if (c.workers[k].alive && !c.workers[k].busy)
      return static_cast<int>(k);
  }
  return 0;
}

void Executor::dispatch(Coordination &c) {
  // Pending calls go to idle workers, round robin, in order; a call that
  // reads a kept value waits for the worker that holds it.
  Clock::time_point now = Clock::now();
  for (auto it = c.pending.begin(); it != c.pending.end();) {
    std::shared_ptr<Call> &call = *it;
    int k = call->affinity;
    if (k > 0 && !c.workers[static_cast<size_t>(k)].alive) {
      call->rank = k;
      complete(call, kLost, "");
      it = c.pending.erase(it);
      continue;
    }
    if (k > 0 ? c.workers[static_cast<size_t>(k)].busy != nullptr
              : (k = idleWorker(c)) == 0) {
      ++it;
      continue;
    }
    Worker &w = c.workers[static_cast<size_t>(k)];
    call->rank = k;
    w.busy = call;
    // The worker's silence is measured from now on.
    w.lastHeard = std::max(w.lastHeard, now - kHeartbeat);
    gSent += call->request.size();
    send(k, kRequest, call->request);
    c.backoff.activity();
    it = c.pending.erase(it);
  }
}

void Executor::receiveReplies(Coordination &c) {
  int from = 0, tag = 0;
  while (receive(MPI_ANY_SOURCE, from, tag, c.bytes)) {
    c.backoff.activity();
    Worker &w = c.workers[static_cast<size_t>(from)];
    w.lastHeard = Clock::now();
    if (tag != kReply || !w.busy)
      continue;
    gReceived += c.bytes.size();
    std::shared_ptr<Call> call = std::move(w.busy);
    w.busy.reset();
    try {
      Reader r{c.bytes};
      if (r.get<uint64_t>() != call->id)
        throw CodecError("a reply to another call");
      Status status = static_cast<Status>(r.get<uint8_t>());
      complete(call, status, std::string(c.bytes.substr(r.pos)));
    } catch (const CodecError &e) {
      complete(call, kFailed, std::string("malformed reply: ") + e.what());
    }
  }
}

void Executor::checkWorkers(Coordination &c) {
  Clock::time_point now = Clock::now();
  if (now - c.lastBeat >= kHeartbeat) {
    c.lastBeat = now;
    for (size_t k = 1; k < c.workers.size(); ++k)
      if (c.workers[k].alive)
        send(static_cast<int>(k), kBeat, std::string(1, '\0'));
  }
  // A worker silent for the timeout is lost: fail its call; stop using it.
  bool anyAlive = false;
  for (size_t k = 1; k < c.workers.size(); ++k) {
    Worker &w = c.workers[k];
    if (w.alive &&
        std::chrono::duration<double>(now - w.lastHeard).count() >= timeout_) {
      w.alive = false;
      {
        std::lock_guard<std::mutex> lock(mutex_);
        --aliveWorkers_;
      }
      if (w.busy) {
        complete(std::move(w.busy), kLost, "");
        w.busy.reset();
      }
    }
    anyAlive |= w.alive;
  }
  if (!anyAlive)
    while (!c.pending.empty()) {
      complete(c.pending.front(), kLost, "");
      c.pending.pop_front();
    }
}

void Executor::shutdownWorkers(Coordination &c) {
  // Every call was answered (the evaluator waits for its calls before the
  // process can exit), so the workers are idle.
  bool lost = false;
  for (size_t k = 1; k < c.workers.size(); ++k) {
    if (c.workers[k].alive)
      send(static_cast<int>(k), kShutdown, std::string(1, '\0'));
    lost |= !c.workers[k].alive;
  }
  drainSends();
  // MPI_Finalize would wait for a lost rank forever; mpirun then reports
  // that this rank exited without it.
  if (!lost && sends_.empty())
    MPI_Finalize();
}

void Executor::drainSends() {
  Clock::time_point deadline = Clock::now() + std::chrono::seconds(2);
  while (!sends_.empty() && Clock::now() < deadline) {
    testSends();
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
}

namespace {

/// A worker's values kept for later calls (locality), by id.
struct KeptValues {
  std::mutex mutex;
  std::unordered_map<uint64_t, Value> values;
  uint64_t next = 1;

  static KeptValues &get() {
    static KeptValues *kept = new KeptValues; // outlives a detached runner
    return *kept;
  }
  uint64_t keep(Value v) {
    std::lock_guard<std::mutex> lock(mutex);
    values.emplace(next, std::move(v));
    return next++;
  }
  std::optional<Value> find(uint64_t id) {
    std::lock_guard<std::mutex> lock(mutex);
    auto it = values.find(id);
    if (it == values.end())
      return std::nullopt;
    return it->second;
  }
  void free(std::string_view ids) {
    Reader r{ids};
    std::lock_guard<std::mutex> lock(mutex);
    while (ids.size() - r.pos >= sizeof(uint64_t))
      values.erase(r.get<uint64_t>());
  }
};

/// Whether a result stays on this worker, asked to keep it as `keep`.
bool keeps(Keep keep, const Value &v) {
  if (keep == kReturn || !hasCodec(v))
    return false;
  return keep == kKeepAlways || (v.kind() == Value::Kind::Tensor &&
                                 v.tensor().numel() >= kKeepElements);
}

void writeKernel(Writer &w, const Node &node) {
  w.put<uint8_t>(static_cast<uint8_t>(node.kind));
  w.put<uint8_t>(static_cast<uint8_t>(node.op));
  w.put<uint8_t>(static_cast<uint8_t>(node.dtype));
  w.put<int64_t>(node.axis);
  w.put<uint8_t>(static_cast<uint8_t>(node.reduce));
  w.put<uint8_t>(node.keepdims);
  w.put<uint8_t>(node.declared);
  w.put<uint32_t>(static_cast<uint32_t>(node.shape.size()));
  for (int64_t d : node.shape)
    w.put<int64_t>(d);
  w.str(node.opName);
}

/// A kernel node as writeKernel wrote it (one result; operands and results
/// are bound by the kernel runner).
Node readKernel(Reader &r) {
  Node node;
  node.kind = static_cast<NodeKind>(r.get<uint8_t>());
  if (!travelsAsKernel(node.kind))
    throw CodecError("not a tensor kernel");
  node.op = static_cast<OpKind>(r.get<uint8_t>());
  node.dtype = static_cast<DType>(r.get<uint8_t>());
  if (node.dtype > DType::Float64)
    throw CodecError("not a dtype");
  node.axis = r.get<int64_t>();
  node.reduce = static_cast<ReduceKind>(r.get<uint8_t>());
  node.keepdims = r.get<uint8_t>() != 0;
  node.declared = r.get<uint8_t>() != 0;
  uint32_t rank = r.get<uint32_t>();
  if (rank > (r.in.size() - r.pos) / sizeof(int64_t))
    throw CodecError("truncated MPI message");
  node.shape.resize(rank);
  for (int64_t &d : node.shape)
    d = r.get<int64_t>();
  node.opName = std::string(r.str());
  node.results.resize(1);
  return node;
}

/// Runs one request on a worker: the reply's bytes.
std::string runRequest(std::string_view request, int rank) {
  Writer reply;
  Reader r{request};
  uint64_t id = r.get<uint64_t>();
  reply.put<uint64_t>(id);
  auto fail = [&](Status status, const std::string &text) {
    Writer w;
    w.put<uint64_t>(id);
    w.put<uint8_t>(status);
    w.str(text);
    return std::move(w.out);
  };
  KeptValues &kept = KeptValues::get();
  auto keptValue = [&](uint64_t k) {
    std::optional<Value> v = kept.find(k);
    if (!v)
      throw std::runtime_error("a value kept on MPI rank " +
                               std::to_string(rank) + " is gone");
    return std::move(*v);
  };
  std::string name;
  try {
    uint8_t request = r.get<uint8_t>();
    if (request == kGetValue) {
      uint32_t count = r.get<uint32_t>();
      reply.put<uint8_t>(kOk);
      reply.put<uint32_t>(count);
      for (uint32_t i = 0; i < count; ++i) {
        std::optional<std::string> bytes =
            encodeValue(keptValue(r.get<uint64_t>()));
        if (!bytes)
          return fail(kFailed, "a value kept on MPI rank " +
                                   std::to_string(rank) + " has no codec");
        reply.put<uint8_t>(kBytes);
        reply.str(*bytes);
      }
      return std::move(reply.out);
    }
    std::vector<Value> operands;
    std::vector<uint8_t> keep;
    auto readOperands = [&] {
      operands.resize(r.get<uint32_t>());
      for (Value &v : operands)
        v = r.get<uint8_t>() == kKept ? keptValue(r.get<uint64_t>())
                                      : decodeValue(r.str());
      keep.resize(r.get<uint32_t>());
      for (uint8_t &k : keep)
        k = r.get<uint8_t>();
    };
    std::vector<Value> results;
    if (request == kCallKernel) {
      Node node = readKernel(r);
      name = node.opName;
      KernelRunner runner = gKernelRunner.load();
      if (!runner)
        return fail(kUnavailable,
                    "no tensor kernels on rank " + std::to_string(rank));
      readOperands();
      results = runner(std::move(node), operands);
    } else {
      name = std::string(r.str());
      std::vector<int32_t> packs(r.get<uint32_t>());
      for (int32_t &p : packs)
        p = r.get<int32_t>();
      std::shared_ptr<const HostNodeEntry> entry = findHostNode(name);
      if (!entry)
        return fail(kUnavailable, "node '" + name +
                                      "' is not registered on rank " +
                                      std::to_string(rank));
      readOperands();
      results = entry->call(hostNodeArgs(*entry, packs, operands));
    }
    operands.clear(); // kept operands are released by rank 0's free
    reply.put<uint8_t>(kOk);
    reply.put<uint32_t>(static_cast<uint32_t>(results.size()));
    for (size_t i = 0; i < results.size(); ++i) {
      // A kept value must be fetchable later (its reader may end up
      // running on rank 0): one without a codec runs on rank 0 as before.
      if (i < keep.size() && keeps(static_cast<Keep>(keep[i]), results[i])) {
        reply.put<uint8_t>(kKept);
        reply.put<uint64_t>(kept.keep(std::move(results[i])));
        continue;
      }
      std::optional<std::string> bytes = encodeValue(results[i]);
      if (!bytes)
        return fail(kUnavailable, "the result of '" + name + "' has no codec");
      reply.put<uint8_t>(kBytes);
      reply.str(*bytes);
    }
    return std::move(reply.out);
  } catch (const CodecError &e) {
    // Operands this rank cannot decode (a type registered on rank 0 only):
    // rank 0 runs the node itself.
    return fail(kUnavailable, e.what());
  } catch (const std::exception &e) {
    return fail(kFailed, e.what());
  } catch (...) {
    return fail(kFailed, "'" + name + "' threw an exception of unknown type");
  }
}

} // namespace

namespace {

/// A worker's node thread: runs one request at a time while the serve loop
/// keeps receiving and heartbeating. Started once (not a thread per call:
/// a thread start is a large part of a small call's round trip); detached,
/// and its state shared, so a node that never returns cannot block exit.
class Runner {
public:
  explicit Runner(int rank) : state_(std::make_shared<State>()) {
    std::thread([state = state_, rank] {
      std::unique_lock<std::mutex> lock(state->mutex);
      while (true) {
        state->wake.wait(lock, [&] { return state->request.has_value(); });
        std::string request = std::move(*state->request);
        lock.unlock();
        std::string result = runRequest(request, rank);
        lock.lock();
        state->request.reset();
        state->result = std::move(result);
        state->finished = true;
        state->done.notify_all();
      }
    }).detach();
  }

  bool busy() const {
    std::lock_guard<std::mutex> lock(state_->mutex);
    return state_->request.has_value() || state_->finished;
  }
  void start(std::string request) {
    {
      std::lock_guard<std::mutex> lock(state_->mutex);
      state_->request = std::move(request);
    }
    state_->wake.notify_one();
  }
  /// Waits up to `d` for the running call to finish.
  void waitFinished(std::chrono::microseconds d) {
    std::unique_lock<std::mutex> lock(state_->mutex);
    state_->done.wait_for(lock, d, [&] { return state_->finished; });
  }
  /// The finished call's reply, if it finished.
  std::optional<std::string> take() {
    std::lock_guard<std::mutex> lock(state_->mutex);
    if (!state_->finished)
      return std::nullopt;
    state_->finished = false;
    return std::move(state_->result);
  }

private:
  struct State {
    mutable std::mutex mutex;
    std::condition_variable wake, done;
    std::optional<std::string> request;
    std::string result;
    bool finished = false;
  };
  std::shared_ptr<State> state_;
};

} // namespace

void Executor::serve() {
  Clock::time_point lastHeard = Clock::now(), lastBeat = Clock::now();
  Runner runner(rank_);
  std::deque<std::string> requests;
  Backoff backoff;
  std::string bytes;
  bool shutdown = false;
  while (!shutdown) {
    int from = 0, tag = 0;
    while (receive(0, from, tag, bytes)) {
      backoff.activity();
      lastHeard = Clock::now();
      if (tag == kRequest)
        requests.push_back(std::move(bytes));
      else if (tag == kFree)
        KeptValues::get().free(bytes);
      else if (tag == kShutdown)
        shutdown = true;
    }
    if (std::optional<std::string> reply = runner.take()) {
      send(0, kReply, std::move(*reply));
      backoff.activity();
    }
    if (!requests.empty() && !runner.busy()) {
      runner.start(std::move(requests.front()));
      requests.pop_front();
    }
    Clock::time_point now = Clock::now();
    if (now - lastBeat >= kHeartbeat) {
      lastBeat = now;
      send(0, kBeat, std::string(1, '\0'));
    }
    if (std::chrono::duration<double>(now - lastHeard).count() >= timeout_) {
      std::cerr << "ag: MPI rank " << rank_ << ": rank 0 sent nothing for "
                << timeout_ << " s (AG_MPI_TIMEOUT); exiting\n";
      exitCode_ = 1;
      return;
    }
    testSends();
    // A finished node is replied to at once; requests wait for the poll.
    if (runner.busy())
      runner.waitFinished(
          std::max(backoff.next(), std::chrono::microseconds(50)));
    else
      backoff.wait();
  }
  // A node still running is abandoned: rank 0 no longer waits for it.
  drainSends();
  MPI_Finalize();
}

//===----------------------------------------------------------------------===//
// Interface
//===----------------------------------------------------------------------===//

Executor *executorFor(const RunOptions &options) {
  Executor *executor = startedExecutor(mpiRequested(options));
  if (executor && executor->rank() != 0) {
    // A run on a worker that serves already (a node or kernel it was sent
    // evaluates a graph) is local; serving again would never return.
    if (gServing.exchange(true))
      return nullptr;
    serveAndExit(*executor);
  }
  return executor;
}

bool setKernelRunner(KernelRunner runner) {
  gKernelRunner.store(runner);
  return true;
}

bool travelsAsKernel(NodeKind kind) {
  switch (kind) {
  case NodeKind::Unary:
  case NodeKind::Binary:
  case NodeKind::Select:
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
    return true;
  default: // effects, control flow, lists, host nodes, tokens
    return false;
  }
}

void serveIfWorker() {
  RunOptions options;
  options.executor = RunOptions::Executor::Mpi;
  if (const char *env = std::getenv("AG_EXECUTOR");
      !env || std::string(env) != "mpi")
    return;
  executorFor(options);
}

int takeNodeRank() {
  int r = tlNodeRank;
  tlNodeRank = 0;
  return r;
}

int rank() { return gExecutor ? gExecutor->rank() : 0; }
int size() { return gExecutor ? gExecutor->size() : 1; }

Stats stats() {
  Stats s;
  s.remoteCalls = gRemote.load();
  s.kernelCalls = gKernel.load();
  s.localFallbacks = gFallbacks.load();
  s.bytesSent = gSent.load();
  s.bytesReceived = gReceived.load();
  s.resultsKept = gKept.load();
  s.valuesFetched = gFetched.load();
  return s;
}

namespace {

/// Rank 0's handle on a value kept on a worker (a host value of a slot
/// whose readers all run on workers); the last copy dropped frees it there.
struct KeptValue {
  Executor *executor;
  int rank;
  uint64_t id;
  KeptValue(Executor *executor, int rank, uint64_t id)
      : executor(executor), rank(rank), id(id) {}
  KeptValue(const KeptValue &) = delete;
  ~KeptValue() { executor->postFree(rank, id); }
};
using KeptRef = std::shared_ptr<const KeptValue>;

const KeptValue *keptValue(const Value &v) {
  if (v.kind() != Value::Kind::Host || !v.hostValue())
    return nullptr;
  const KeptRef *ref = std::any_cast<KeptRef>(v.hostValue());
  return ref ? ref->get() : nullptr;
}

/// Whether kernel `node` is worth a worker with every input here: heavy by
/// the evaluator's estimate, and not an op that only reads a shape.
bool heavyKernel(const Node &node) {
  return node.heavy && node.kind != NodeKind::Dim &&
         node.kind != NodeKind::Reshape;
}

/// Submits `call` and waits for its reply. Inside an arena the task is
/// suspended: the thread goes on with other ready nodes (and dispatches
/// them) while this one is away.
void callAndWait(Executor &executor, const std::shared_ptr<Call> &call) {
  static std::atomic<uint64_t> nextId{1};
  call->id = nextId.fetch_add(1, std::memory_order_relaxed);
  std::memcpy(call->request.data(), &call->id, sizeof call->id);
  if (tbb::this_task_arena::current_thread_index() !=
      tbb::task_arena::not_initialized) {
    tbb::task::suspend([&](tbb::task::suspend_point point) {
      {
        std::lock_guard<std::mutex> lock(call->mutex);
        call->suspended = point;
      }
      executor.submit(call);
    });
  } else {
    executor.submit(call);
    std::unique_lock<std::mutex> lock(call->mutex);
    call->cv.wait(lock, [&] { return call->done; });
  }
}

/// `what`: "node 'fit'" or "op 'ag.matmul'".
std::string lostRank(const std::string &what, int rank) {
  return rank > 0 ? what + " was running on MPI rank " + std::to_string(rank) +
                        " (or needs a value kept there), which stopped "
                        "responding (killed or crashed; no heartbeat for "
                        "AG_MPI_TIMEOUT seconds)"
                  : what + " could not run: every MPI worker rank stopped "
                           "responding";
}

/// Replaces each kept value among `values` by the value itself, fetched
/// from its worker (one request per worker), except those kept on `except`.
void fetchKept(Executor &executor, const std::string &what,
               std::vector<Value> &values, int except = -1) {
  std::map<int, std::vector<size_t>> byRank; // rank -> indices in values
  for (size_t i = 0; i < values.size(); ++i)
    if (const KeptValue *kept = keptValue(values[i]))
      if (kept->rank != except)
        byRank[kept->rank].push_back(i);
  for (const auto &[rank, indices] : byRank) {
    auto call = std::make_shared<Call>();
    Writer w;
    w.put<uint64_t>(0); // the call id, set by callAndWait
    w.put<uint8_t>(kGetValue);
    w.put<uint32_t>(static_cast<uint32_t>(indices.size()));
    for (size_t i : indices)
      w.put<uint64_t>(keptValue(values[i])->id);
    call->request = std::move(w.out);
    call->affinity = rank;
    callAndWait(executor, call);
    if (call->status == kLost)
      throw kernels::KernelError(lostRank(what, rank));
    try {
      Reader r{call->reply};
      if (call->status != kOk)
        throw CodecError(std::string(r.str()));
      if (r.get<uint32_t>() != indices.size())
        throw CodecError("a reply with another number of values");
      for (size_t i : indices) {
        if (r.get<uint8_t>() != kBytes)
          throw CodecError("a handle for a value");
        values[i] = decodeValue(r.str());
      }
    } catch (const CodecError &e) {
      throw kernels::KernelError(what + " needs values kept on MPI rank " +
                                 std::to_string(rank) +
                                 ", which could not be fetched: " + e.what());
    }
    gFetched += indices.size();
  }
}

/// The request running `node` on `inputs` (kCallNode for a host node,
/// kCallKernel for a tensor kernel), or nullopt if an input must stay here
/// (a token: effects run here; a value without a codec, or one its codec
/// cannot write).
std::optional<std::string> callRequest(const Node &node,
                                       const std::vector<Value> &inputs,
                                       const std::vector<uint8_t> &keep) {
  Writer w;
  w.put<uint64_t>(0); // the call id, set by callAndWait
  if (node.kind == NodeKind::Host) {
    w.put<uint8_t>(kCallNode);
    w.str(node.text);
    w.put<uint32_t>(static_cast<uint32_t>(node.packs.size()));
    for (int32_t p : node.packs)
      w.put<int32_t>(p);
  } else {
    w.put<uint8_t>(kCallKernel);
    writeKernel(w, node);
  }
  w.put<uint32_t>(static_cast<uint32_t>(inputs.size()));
  for (const Value &v : inputs) {
    if (const KeptValue *kept = keptValue(v)) {
      w.put<uint8_t>(kKept);
      w.put<uint64_t>(kept->id);
      continue;
    }
    if (v.kind() == Value::Kind::Token)
      return std::nullopt;
    std::optional<std::string> bytes;
    try {
      bytes = encodeValue(v);
    } catch (const std::exception &) {
      // A codec that cannot write this value: the node runs here.
    }
    if (!bytes)
      return std::nullopt;
    w.put<uint8_t>(kBytes);
    w.str(*bytes);
  }
  w.put<uint32_t>(static_cast<uint32_t>(keep.size()));
  for (uint8_t k : keep)
    w.put<uint8_t>(k);
  return std::move(w.out);
}

/// The results of a node call that rank `call.rank` ran (kOk): values, or
/// handles of values kept there.
std::vector<Value> callResults(Executor &executor, const Call &call,
                               const std::string &what,
                               const std::string &where) {
  try {
    Reader r{call.reply};
    std::vector<Value> out(r.get<uint32_t>());
    for (Value &v : out) {
      if (r.get<uint8_t>() == kKept) {
        auto kept = std::make_shared<const KeptValue>(&executor, call.rank,
                                                      r.get<uint64_t>());
        v = Value::host(std::make_shared<const std::any>(KeptRef(kept)));
        ++gKept;
      } else {
        v = decodeValue(r.str());
      }
    }
    return out;
  } catch (const CodecError &e) {
    throw kernels::KernelError("the reply of " + where + " to " + what +
                               " is malformed: " + e.what());
  }
}

} // namespace

namespace {

/// Whether `node` may run on a worker at all: a registered host node that
/// is not local-only, or a tensor kernel while workers have a kernel runner.
bool mayRunRemotely(Executor &executor, const Node &node) {
  if (node.kind != NodeKind::Host)
    return travelsAsKernel(node.kind) && executor.mayRunRemotely(kKernels);
  std::shared_ptr<const HostNodeEntry> entry = findHostNode(node.text);
  return entry && !entry->local && executor.mayRunRemotely(node.text);
}

} // namespace

bool isKept(const Value &v) { return keptValue(v) != nullptr; }

Keep keepFor(Executor &executor, const Node &reader) {
  if (!mayRunRemotely(executor, reader))
    return kReturn;
  return reader.kind == NodeKind::Host ? kKeepAlways : kKeepLarge;
}

bool runRemote(Executor &executor, const Node &node, std::vector<Value> &inputs,
               std::vector<Value> &outputs, const std::vector<uint8_t> &keep) {
  bool kernel = node.kind != NodeKind::Host;
  const std::string &name = kernel ? std::string(kKernels) : node.text;
  std::string what =
      kernel ? "op '" + node.opName + "'" : "node '" + node.text + "'";
  // A node that runs here reads kept values here.
  auto runHere = [&] {
    fetchKept(executor, what, inputs);
    return false;
  };
  if (!mayRunRemotely(executor, node) || !executor.anyAlive())
    return runHere();
  // Where the inputs are: the call goes to the worker of the first kept
  // one; others kept elsewhere come through rank 0.
  int affinity = 0;
  for (const Value &v : inputs)
    if (const KeptValue *kept = keptValue(v)) {
      affinity = kept->rank;
      break;
    }
  // A cheap kernel runs where its inputs are: here when none is kept.
  if (kernel && !affinity && !heavyKernel(node))
    return false;
  fetchKept(executor, what, inputs, affinity);
  std::optional<std::string> request = callRequest(node, inputs, keep);
  if (!request)
    return runHere();
  auto call = std::make_shared<Call>();
  call->affinity = affinity;
  call->request = std::move(*request);
  callAndWait(executor, call);

  // After a suspension this is the thread that resumed the task: the one
  // that ends the node's profile slice.
  tlNodeRank = call->status == kUnavailable ? 0 : std::max(call->rank, 0);
  std::string where = "MPI rank " + std::to_string(call->rank);
  switch (call->status) {
  case kOk:
    break;
  case kUnavailable:
    // Not registered or not decodable there (for kernels: no kernel
    // runner): never send it again.
    executor.markLocalOnly(name);
    ++gFallbacks;
    return runHere();
  case kFailed: {
    Reader r{call->reply};
    std::string text;
    try {
      text = std::string(r.str());
    } catch (const CodecError &) {
      text = "failed";
    }
    throw kernels::KernelError(text + " (on " + where + ")");
  }
  case kLost:
    throw kernels::KernelError(lostRank(what, call->rank));
  }
  outputs = callResults(executor, *call, what, where);
  ++gRemote;
  gKernel += kernel;
  return true;
}

} // namespace ag::exec::mpi
