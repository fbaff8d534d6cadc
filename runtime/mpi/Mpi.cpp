//===- Mpi.cpp - AG_NODE calls on MPI ranks -------------------------------===//
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
// Wire format (all integers little endian; values are exec::encodeValue):
//   request: u64 id, str name, u32 #packs, i32 packs..., u32 #values, str...
//   reply:   u64 id, u8 status, then for Ok u32 #values, str...; else str.
//
//===----------------------------------------------------------------------===//

#include "ag/runtime/Mpi.h"
#include "ag/runtime/Codec.h"
#include "ag/runtime/HostNode.h"
#include "ag/runtime/Kernels.h"

#include <mpi.h>
#include <tbb/task.h>
#include <tbb/task_arena.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <iostream>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <thread>

namespace ag::exec::mpi {

namespace {

using Clock = std::chrono::steady_clock;

enum Tag : int { kRequest = 1, kReply = 2, kBeat = 3, kShutdown = 4 };
enum Status : uint8_t { kOk = 0, kFailed = 1, kUnavailable = 2, kLost = 3 };

constexpr auto kHeartbeat = std::chrono::milliseconds(500);

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

std::atomic<uint64_t> gRemote{0}, gFallbacks{0}, gSent{0}, gReceived{0};
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

private:
  void main();
  void coordinate();
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
  if (size_ < 2)
    return; // nothing to coordinate: every run is local
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

void Executor::coordinate() {
  std::vector<Worker> workers(static_cast<size_t>(size_));
  std::deque<std::shared_ptr<Call>> pending;
  Clock::time_point lastBeat = Clock::now();
  size_t nextWorker = 1;
  Backoff backoff;
  std::string bytes;
  while (true) {
    bool stopping;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      while (!queue_.empty()) {
        pending.push_back(std::move(queue_.front()));
        queue_.pop_front();
      }
      stopping = stop_;
    }
    if (stopping)
      break;
    Clock::time_point now = Clock::now();
    // Hand pending calls to idle workers, round robin.
    for (int tries = 0; !pending.empty() && tries < size_ - 1; ++tries) {
      Worker &w = workers[nextWorker];
      if (w.alive && !w.busy) {
        std::shared_ptr<Call> call = std::move(pending.front());
        pending.pop_front();
        call->rank = static_cast<int>(nextWorker);
        w.busy = call;
        // The worker's silence is measured from now on.
        w.lastHeard = std::max(w.lastHeard, now - kHeartbeat);
        gSent += call->request.size();
        send(static_cast<int>(nextWorker), kRequest, call->request);
        backoff.activity();
        tries = -1;
      }
      nextWorker = nextWorker + 1 < workers.size() ? nextWorker + 1 : 1;
    }
    int from = 0, tag = 0;
    while (receive(MPI_ANY_SOURCE, from, tag, bytes)) {
      backoff.activity();
      Worker &w = workers[static_cast<size_t>(from)];
      w.lastHeard = Clock::now();
      if (tag != kReply || !w.busy)
        continue;
      gReceived += bytes.size();
      std::shared_ptr<Call> call = std::move(w.busy);
      w.busy.reset();
      try {
        Reader r{bytes};
        if (r.get<uint64_t>() != call->id)
          throw CodecError("a reply to another call");
        Status status = static_cast<Status>(r.get<uint8_t>());
        complete(call, status, std::string(bytes.substr(r.pos)));
      } catch (const CodecError &e) {
        complete(call, kFailed, std::string("malformed reply: ") + e.what());
      }
    }
    now = Clock::now();
    if (now - lastBeat >= kHeartbeat) {
      lastBeat = now;
      for (size_t k = 1; k < workers.size(); ++k)
        if (workers[k].alive)
          send(static_cast<int>(k), kBeat, std::string(1, '\0'));
    }
    // A worker silent for the timeout is lost: fail its call; stop using it.
    for (size_t k = 1; k < workers.size(); ++k) {
      Worker &w = workers[k];
      if (!w.alive ||
          std::chrono::duration<double>(now - w.lastHeard).count() < timeout_)
        continue;
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
    bool anyAlive = false;
    for (size_t k = 1; k < workers.size(); ++k)
      anyAlive |= workers[k].alive;
    if (!anyAlive)
      while (!pending.empty()) {
        complete(pending.front(), kLost, "");
        pending.pop_front();
      }
    testSends();
    // Back off, but wake at once for a new call.
    std::chrono::microseconds d = backoff.next();
    std::unique_lock<std::mutex> lock(mutex_);
    if (d.count() == 0 || !queue_.empty() || stop_) {
      lock.unlock();
      std::this_thread::yield();
    } else {
      cv_.wait_for(lock, d, [&] { return !queue_.empty() || stop_; });
    }
  }

  // Shutdown: every call was answered (the evaluator waits for its calls
  // before the process can exit), so the workers are idle.
  bool lost = false;
  for (size_t k = 1; k < workers.size(); ++k) {
    if (workers[k].alive)
      send(static_cast<int>(k), kShutdown, std::string(1, '\0'));
    lost |= !workers[k].alive;
  }
  Clock::time_point deadline = Clock::now() + std::chrono::seconds(2);
  while (!sends_.empty() && Clock::now() < deadline) {
    testSends();
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  // MPI_Finalize would wait for a lost rank forever; mpirun then reports
  // that this rank exited without it.
  if (!lost && sends_.empty())
    MPI_Finalize();
}

namespace {

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
  std::string name;
  try {
    name = std::string(r.str());
    std::vector<int32_t> packs(r.get<uint32_t>());
    for (int32_t &p : packs)
      p = r.get<int32_t>();
    std::vector<Value> operands(r.get<uint32_t>());
    std::shared_ptr<const HostNodeEntry> entry = findHostNode(name);
    if (!entry)
      return fail(kUnavailable, "node '" + name +
                                    "' is not registered on rank " +
                                    std::to_string(rank));
    for (Value &v : operands)
      v = decodeValue(r.str());
    std::vector<Value> results =
        entry->call(hostNodeArgs(*entry, packs, operands));
    reply.put<uint8_t>(kOk);
    reply.put<uint32_t>(static_cast<uint32_t>(results.size()));
    for (const Value &v : results) {
      std::optional<std::string> bytes = encodeValue(v);
      if (!bytes)
        return fail(kUnavailable,
                    "the result of node '" + name + "' has no codec");
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
    return fail(kFailed, "node '" + name +
                             "' threw an exception of unknown "
                             "type");
  }
}

} // namespace

void Executor::serve() {
  Clock::time_point lastHeard = Clock::now(), lastBeat = Clock::now();
  std::thread runner;
  std::atomic<bool> finished{false};
  std::string result;
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
      else if (tag == kShutdown)
        shutdown = true;
    }
    if (runner.joinable() && finished.load(std::memory_order_acquire)) {
      runner.join();
      send(0, kReply, std::move(result));
      backoff.activity();
    }
    if (!runner.joinable() && !requests.empty()) {
      finished = false;
      runner = std::thread(
          [this, &finished, &result, request = std::move(requests.front())] {
            result = runRequest(request, rank_);
            finished.store(true, std::memory_order_release);
          });
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
      if (runner.joinable())
        runner.detach();
      exitCode_ = 1;
      return;
    }
    testSends();
    backoff.wait();
  }
  if (runner.joinable())
    runner.detach(); // rank 0 no longer waits for it
  Clock::time_point deadline = Clock::now() + std::chrono::seconds(2);
  while (!sends_.empty() && Clock::now() < deadline) {
    testSends();
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  MPI_Finalize();
}

//===----------------------------------------------------------------------===//
// Interface
//===----------------------------------------------------------------------===//

Executor *executorFor(const RunOptions &options) {
  Executor *executor = startedExecutor(mpiRequested(options));
  if (executor && executor->rank() != 0)
    serveAndExit(*executor);
  return executor;
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
  s.localFallbacks = gFallbacks.load();
  s.bytesSent = gSent.load();
  s.bytesReceived = gReceived.load();
  return s;
}

bool runRemote(Executor &executor, const Node &node,
               const std::vector<Value> &inputs, std::vector<Value> &outputs) {
  if (node.kind != NodeKind::Host)
    return false;
  const std::string &name = node.text;
  std::shared_ptr<const HostNodeEntry> entry = findHostNode(name);
  if (!entry || entry->local || !executor.mayRunRemotely(name) ||
      !executor.anyAlive())
    return false;
  static std::atomic<uint64_t> nextId{1};
  auto call = std::make_shared<Call>();
  call->id = nextId.fetch_add(1, std::memory_order_relaxed);
  Writer w;
  w.put<uint64_t>(call->id);
  w.str(name);
  w.put<uint32_t>(static_cast<uint32_t>(node.packs.size()));
  for (int32_t p : node.packs)
    w.put<int32_t>(p);
  w.put<uint32_t>(static_cast<uint32_t>(inputs.size()));
  for (const Value &v : inputs) {
    // Effects (a token operand) and values without codecs stay here.
    if (v.kind() == Value::Kind::Token)
      return false;
    std::optional<std::string> bytes;
    try {
      bytes = encodeValue(v);
    } catch (const std::exception &) {
      // A codec that cannot write this value: the node runs here.
    }
    if (!bytes)
      return false;
    w.str(*bytes);
  }
  call->request = std::move(w.out);

  // Inside an arena, suspend this task: the thread goes on with other ready
  // nodes (and dispatches them) while this one is away.
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

  // After a suspension this is the thread that resumed the task: the one
  // that ends the node's profile slice.
  tlNodeRank = call->status == kUnavailable ? 0 : std::max(call->rank, 0);
  std::string where = "MPI rank " + std::to_string(call->rank);
  switch (call->status) {
  case kOk:
    break;
  case kUnavailable:
    // Not registered or not decodable there: never send it again.
    executor.markLocalOnly(name);
    ++gFallbacks;
    return false;
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
    throw kernels::KernelError(
        call->rank > 0
            ? "node '" + name + "' was running on " + where +
                  ", which stopped responding (killed or crashed; no "
                  "heartbeat for AG_MPI_TIMEOUT seconds)"
            : "node '" + name +
                  "' could not run: every MPI worker rank "
                  "stopped responding");
  }
  try {
    Reader r{call->reply};
    std::vector<Value> out(r.get<uint32_t>());
    for (Value &v : out)
      v = decodeValue(r.str());
    outputs = std::move(out);
  } catch (const CodecError &e) {
    throw kernels::KernelError("the reply of " + where + " to node '" + name +
                               "' is malformed: " + e.what());
  }
  ++gRemote;
  return true;
}

} // namespace ag::exec::mpi
