// The MPI executor's differential program: every scenario computes its
// result eagerly and as a graph and checks that they are identical (and,
// under mpirun with AG_EXECUTOR=mpi, that worker ranks ran the nodes).
// Scenarios (argv[1]): fanout, branches, chains, spread, structs, throw,
// kill, resume; tensors, tensorthrow, tensorkill (heavy tensor ops on
// workers), nested (a node that runs a graph on a worker).
#include <ag/ag.h>
#include <ag/runtime/Mpi.h>

#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <set>
#include <string>
#include <thread>
#include <vector>

/// A record with a codec: it travels between ranks.
struct Summary {
  double mean = 0;
  int count = 0;
  std::vector<double> values;
};
template <class A> void serialize(A &ar, Summary &s) {
  ar(s.mean, s.count, s.values);
}

/// One shard's partial result (a node result collected into a vector).
struct Part {
  double v = 0;
};
template <class A> void serialize(A &ar, Part &p) { ar(p.v); }

static int myRank() {
  const char *r = std::getenv("OMPI_COMM_WORLD_RANK");
  return r ? std::atoi(r) : 0;
}
static bool onWorker() { return myRank() != 0; }

/// A shard moving down a chain of nodes, with the ranks that ran them.
struct Shard {
  double v = 0;
  std::vector<int> ranks;
};
template <class A> void serialize(A &ar, Shard &s) { ar(s.v, s.ranks); }

AG_NODE Shard load(int i) { return {double(i), {myRank()}}; }
AG_NODE Shard clean(const Shard &s) {
  Shard t = s;
  t.v = s.v * 2 + 1;
  t.ranks.push_back(myRank());
  return t;
}
/// The shard's value when its whole chain ran on this rank (as it does
/// eagerly), else a value that tells the difference.
AG_NODE Part fit(const Shard &s) {
  for (int r : s.ranks)
    if (r != myRank())
      return {-1e9};
  return {s.v + 0.25};
}

AG_NODE Part slowSquare(int i, double ms) {
  std::this_thread::sleep_for(std::chrono::duration<double, std::milli>(ms));
  return {i * i + 0.5};
}

AG_NODE double total(const std::vector<Part> &xs) {
  double s = 0;
  for (const Part &x : xs)
    s += x.v;
  return s;
}

AG_NODE Summary summarize(const std::vector<Part> &xs) {
  Summary s;
  s.count = static_cast<int>(xs.size());
  for (const Part &x : xs) {
    s.values.push_back(x.v);
    s.mean += x.v / xs.size();
  }
  return s;
}

AG_NODE double scaleUp(const Summary &s) { return s.mean * 2 + s.count; }
AG_NODE double scaleDown(const Summary &s) { return s.mean / 2 - s.count; }

AG_NODE Part fragile(int i) {
  if (i == 13)
    throw std::runtime_error("shard 13 is corrupt");
  return {double(i)};
}

AG_NODE Part mortal(int i) {
  if (i == 5 && onWorker())
    std::raise(SIGKILL); // a rank dies mid-run
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  return {double(i)};
}

/// Fails for shard 13 while the file $MPI_TEST_FAIL exists (the first run of
/// the resume scenario); appends each completed shard to $MPI_TEST_LOG.
AG_NODE Part flaky(int i) {
  const char *fail = std::getenv("MPI_TEST_FAIL");
  if (i == 13 && fail && std::ifstream(fail))
    throw std::runtime_error("shard 13 is not there yet");
  std::this_thread::sleep_for(std::chrono::milliseconds(5));
  if (const char *log = std::getenv("MPI_TEST_LOG"))
    if (std::FILE *f = std::fopen(log, "a")) { // O_APPEND: whole lines
      std::fprintf(f, "%d\n", i);
      std::fclose(f);
    }
  return {double(i)};
}

AG_CONVERT
ag::Tensor fanout(std::vector<int> ids, double ms) {
  std::vector<Part> parts;
  for (int id : ids)
    parts.push_back(slowSquare(id, ms));
  return total(parts);
}

AG_CONVERT
ag::Tensor branches(std::vector<int> ids, double threshold) {
  std::vector<Part> parts;
  for (int id : ids)
    parts.push_back(slowSquare(id, 1.0));
  Summary s = summarize(parts);
  ag::Tensor r = 0.0;
  if (s.mean > threshold)
    r = scaleUp(s);
  else
    r = scaleDown(s);
  return r;
}

AG_CONVERT
ag::Tensor structs(std::vector<int> ids) {
  std::vector<Summary> parts;
  for (int id : ids) {
    std::vector<Part> xs;
    xs.push_back(slowSquare(id, 1.0));
    xs.push_back(slowSquare(id + 1, 1.0));
    parts.push_back(summarize(xs));
  }
  ag::Tensor acc = 0.0;
  for (const Summary &s : parts)
    acc = acc + scaleUp(s);
  return acc;
}

AG_CONVERT
ag::Tensor fragileSum(std::vector<int> ids) {
  std::vector<Part> parts;
  for (int id : ids)
    parts.push_back(fragile(id));
  return total(parts);
}

AG_CONVERT
ag::Tensor flakySum(std::vector<int> ids) {
  std::vector<Part> parts;
  for (int id : ids)
    parts.push_back(flaky(id));
  return total(parts);
}

AG_CONVERT
ag::Tensor chains(std::vector<int> ids) {
  std::vector<Part> parts;
  for (int id : ids)
    parts.push_back(fit(clean(load(id))));
  return total(parts);
}

/// A result and the rank that computed it.
struct Tagged {
  double v = 0;
  int rank = 0;
};
template <class A> void serialize(A &ar, Tagged &t) { ar(t.v, t.rank); }

AG_NODE Tagged work(const Shard &s, int k) {
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  return {s.v * k, myRank()};
}
AG_NODE double distinctRanks(const std::vector<Tagged> &xs) {
  std::set<int> ranks;
  for (const Tagged &x : xs)
    ranks.insert(x.rank);
  return static_cast<double>(ranks.size());
}

/// Eight nodes read one loaded value: it must not pin them to one rank.
AG_CONVERT
ag::Tensor spread(int n) {
  Shard s = load(n);
  std::vector<Tagged> parts;
  for (int k = 0; k < 8; ++k)
    parts.push_back(work(s, k));
  return distinctRanks(parts);
}

AG_CONVERT
ag::Tensor mortalSum(std::vector<int> ids) {
  std::vector<Part> parts;
  for (int id : ids)
    parts.push_back(mortal(id));
  return total(parts);
}

/// Heavy tensor branches: per id, a chain of large elementwise ops and a
/// matmul (every op heavy by the evaluator's estimate, so it travels; each
/// result's one reader is the next op, so the chain stays on one rank),
/// reduced to one number per branch.
AG_CONVERT
ag::Tensor tensorFanout(ag::Tensor x, std::vector<int> ids) {
  std::vector<ag::Tensor> parts;
  for (int id : ids) {
    ag::Tensor a = x * (0.01 * id) + 1.0;
    ag::Tensor y = ag::matmul(a, x);
    ag::Tensor z = ag::tanh(y * 0.001) * 0.5;
    parts.push_back(ag::sum(z));
  }
  return ag::stack(parts);
}

/// Heavy ops in control flow: a staged loop carrying a large matrix, and a
/// branch on a value computed on a worker.
AG_CONVERT
ag::Tensor tensorLoop(ag::Tensor x, int steps) {
  ag::Tensor h = x;
  for (int i = 0; i < steps; ++i)
    h = ag::tanh(ag::matmul(h, x) * 0.01) + x;
  ag::Tensor s = ag::sum(h);
  if (s > 0.0)
    h = h * 2.0 - 1.0;
  else
    h = h * 3.0 + 1.0;
  return h;
}

/// Branch 5's rank dies while it holds the branch's matrices.
AG_NODE Part mortalNorm(const ag::Tensor &t, int i) {
  if (i == 5 && onWorker())
    std::raise(SIGKILL);
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  return {ag::sum(t * t).item<double>()};
}

AG_CONVERT
ag::Tensor mortalTensors(ag::Tensor x, std::vector<int> ids) {
  std::vector<Part> parts;
  for (int id : ids) {
    ag::Tensor y = ag::matmul(x * (0.01 * id) + 1.0, x);
    parts.push_back(mortalNorm(ag::tanh(y * 0.001), id));
  }
  return total(parts);
}

/// A heavy op that fails at run time (a row out of range) on a worker.
AG_CONVERT
ag::Tensor rowOf(ag::Tensor x, int i) {
  ag::Tensor y = x * 2.0;
  return ag::sum(y[i]);
}

AG_CONVERT
ag::Tensor twiceplus(ag::Tensor a) { return a * 2.0 + 1.0; }

/// A node that evaluates a graph where it runs (on a worker: locally).
AG_NODE Part viaGraph(int i) {
  return {ag::function(&twiceplus)(ag::Tensor(double(i))).item<double>()};
}

AG_CONVERT
ag::Tensor nested(std::vector<int> ids) {
  std::vector<Part> parts;
  for (int id : ids)
    parts.push_back(viaGraph(id));
  return total(parts);
}

/// A 192 x 192 float64 matrix (36,864 elements: above the heavy threshold).
static ag::Tensor bigMatrix() {
  std::vector<double> v(192 * 192);
  for (size_t i = 0; i < v.size(); ++i)
    v[i] = static_cast<double>((i * 7919) % 1000) / 1000.0 - 0.5;
  return ag::Tensor::fromVector(v, {192, 192});
}

/// The same dtype, shape and bits of every element.
static bool identical(const ag::Tensor &a, const ag::Tensor &b) {
  if (a.dtype() != b.dtype() || a.shape() != b.shape())
    return false;
  for (int64_t i = 0; i < a.numel(); ++i) {
    double x = a.elementAsDouble(i), y = b.elementAsDouble(i);
    if (std::memcmp(&x, &y, sizeof x) != 0)
      return false;
  }
  return true;
}

static std::vector<int> range(int n) {
  std::vector<int> v;
  for (int i = 0; i < n; ++i)
    v.push_back(i);
  return v;
}

/// The shards a run of flaky() logged.
static std::set<int> loggedShards(const std::string &path) {
  std::set<int> shards;
  std::ifstream in(path);
  for (int i; in >> i;)
    shards.insert(i);
  return shards;
}

static int failures = 0;
static void check(bool ok, const std::string &what) {
  std::cout << (ok ? "ok: " : "FAILED: ") << what << "\n";
  failures += !ok;
}

/// Under mpirun with AG_EXECUTOR=mpi, the graph's nodes must have run on
/// workers; elsewhere, locally.
static void checkRemote(uint64_t before, uint64_t atLeast) {
  uint64_t ran = ag::exec::mpi::stats().remoteCalls - before;
  if (ag::exec::mpi::size() > 1)
    check(ran >= atLeast, std::to_string(ran) + " node calls ran on workers");
  else
    check(ran == 0, "no MPI: every node ran locally");
}

int main(int argc, char **argv) try {
  std::string scenario = argc > 1 ? argv[1] : "fanout";
  uint64_t before = ag::exec::mpi::stats().remoteCalls;
  if (scenario == "fanout") {
    std::vector<int> ids = range(64);
    double eager = fanout(ids, 5.0).item<double>();
    double graph = ag::function(&fanout)(ids, 5.0).item<double>();
    check(graph == eager, "64-way fan-out: graph equals eager");
    checkRemote(before, 64);
  } else if (scenario == "branches") {
    std::vector<int> small = range(4), large = range(40);
    double e1 = branches(small, 100).item<double>();
    double e2 = branches(large, 100).item<double>();
    auto fn = ag::function(&branches);
    check(fn(small, 100).item<double>() == e1,
          "branch not taken: graph equals eager");
    check(fn(large, 100).item<double>() == e2,
          "branch taken: graph equals eager");
    checkRemote(before, 44);
  } else if (scenario == "chains") {
    // Locality: each shard's load -> clean -> fit stays on one rank (fit
    // checks it), and the intermediate values are not sent back.
    std::vector<int> ids = range(16);
    double eager = chains(ids).item<double>();
    ag::exec::mpi::Stats s0 = ag::exec::mpi::stats();
    check(ag::function(&chains)(ids).item<double>() == eager,
          "chains of nodes: graph equals eager (each chain on one rank)");
    checkRemote(before, 49);
    uint64_t kept = ag::exec::mpi::stats().resultsKept - s0.resultsKept;
    if (ag::exec::mpi::size() > 1)
      check(kept >= 48, std::to_string(kept) + " results stayed on workers");
  } else if (scenario == "spread") {
    // A value many nodes read returns to rank 0 and fans out to every
    // worker (locality keeps only a chain's values on their worker).
    double ranks = ag::function(&spread)(5).item<double>();
    int expected = ag::exec::mpi::size() > 1 ? ag::exec::mpi::size() - 1 : 1;
    check(ranks == expected, "8 readers of one value ran on " +
                                 std::to_string(int(ranks)) + " rank(s), " +
                                 std::to_string(expected) + " expected");
  } else if (scenario == "structs") {
    std::vector<int> ids = range(12);
    double eager = structs(ids).item<double>();
    check(ag::function(&structs)(ids).item<double>() == eager,
          "record values between ranks: graph equals eager");
    checkRemote(before, 24);
  } else if (scenario == "throw") {
    std::vector<int> ids = range(20);
    auto fn = ag::function(&fragileSum);
    std::string message;
    try {
      fn(ids);
    } catch (const ag::Error &e) {
      message = e.what();
    }
    std::cout << message << "\n";
    check(message.find("shard 13 is corrupt") != std::string::npos &&
              message.find("mpi_graphs.cpp:") != std::string::npos,
          "the node's exception is reported at the user's line");
    if (ag::exec::mpi::size() > 1)
      check(message.find("on MPI rank ") != std::string::npos,
            "the error names the rank");
    // The session is still usable.
    std::vector<int> good = range(10);
    check(fn(good).item<double>() == fragileSum(good).item<double>(),
          "a later run succeeds");
  } else if (scenario == "resume") {
    // Run twice against one store (AG_STORE) by test/Mpi/resume.sh: "fail"
    // fails at shard 13; "rerun LOG" must run only what did not complete.
    std::string phase = argc > 2 ? argv[2] : "";
    std::vector<int> ids = range(20);
    auto fn = ag::function(&flakySum);
    if (phase == "fail") {
      std::string message;
      try {
        fn(ids);
      } catch (const ag::Error &e) {
        message = e.what();
      }
      std::cout << message << "\n";
      check(message.find("shard 13 is not there yet") != std::string::npos &&
                message.find("mpi_graphs.cpp:") != std::string::npos,
            "the first run fails at shard 13, at the user's line");
    } else if (phase == "rerun" && argc > 3) {
      check(fn(ids).item<double>() == 190.0, "the rerun computes the sum");
      std::set<int> first = loggedShards(argv[3]);
      std::set<int> second = loggedShards(std::getenv("MPI_TEST_LOG"));
      std::set<int> both;
      for (int i : second)
        if (first.count(i))
          both.insert(i);
      check(!first.empty() && both.empty(),
            std::to_string(first.size()) + " shards completed in the first "
                                           "run, none of them ran again");
      check(second.count(13) && first.size() + second.size() == ids.size(),
            "the rerun ran the rest (" + std::to_string(second.size()) +
                " shards)");
    } else {
      std::cerr << "resume: phase 'fail' or 'rerun LOG'\n";
      return 2;
    }
  } else if (scenario == "tensors") {
    // 16 heavy tensor branches: every op runs on a worker, each branch's
    // chain stays on one rank (no large value comes back), bit-identical.
    ag::Tensor x = bigMatrix();
    std::vector<int> ids = range(16);
    ag::Tensor eager = tensorFanout(x, ids);
    ag::exec::mpi::Stats s0 = ag::exec::mpi::stats();
    ag::Tensor graph = ag::function(&tensorFanout)(x, ids);
    ag::exec::mpi::Stats s1 = ag::exec::mpi::stats();
    check(identical(graph, eager),
          "16 heavy tensor branches: graph bit-identical to eager");
    uint64_t kernels = s1.kernelCalls - s0.kernelCalls;
    uint64_t kept = s1.resultsKept - s0.resultsKept;
    uint64_t received = s1.bytesReceived - s0.bytesReceived;
    if (ag::exec::mpi::size() > 1) {
      check(kernels >= 16 * 6, std::to_string(kernels) +
                                   " tensor ops ran on workers (96 expected)");
      check(kept >= 16 * 5 && s1.valuesFetched == s0.valuesFetched,
            std::to_string(kept) +
                " large results stayed on their workers, none fetched");
      check(received < 16 * 4096, std::to_string(received) +
                                      " bytes came back: one number per "
                                      "branch, no matrix");
    } else {
      check(kernels == 0, "no MPI: every op ran locally");
    }
    // A second run of the same graph: the same bytes.
    check(identical(ag::function(&tensorFanout)(x, ids), eager),
          "a second run: bit-identical again");
    // Control flow: the loop's and the branch's heavy ops travel one by one.
    ag::exec::mpi::Stats l0 = ag::exec::mpi::stats();
    check(identical(ag::function(&tensorLoop)(x, 5), tensorLoop(x, 5)),
          "a loop and a branch over large matrices: bit-identical");
    ag::exec::mpi::Stats l1 = ag::exec::mpi::stats();
    if (ag::exec::mpi::size() > 1)
      check(l1.kernelCalls - l0.kernelCalls >= 5 * 4,
            std::to_string(l1.kernelCalls - l0.kernelCalls) +
                " of the loop's and branch's ops ran on workers, " +
                std::to_string(l1.resultsKept - l0.resultsKept) + " kept, " +
                std::to_string(l1.valuesFetched - l0.valuesFetched) +
                " fetched, " +
                std::to_string(l1.bytesReceived - l0.bytesReceived) +
                " bytes back");
  } else if (scenario == "tensorthrow") {
    ag::Tensor x = bigMatrix();
    std::string eager, message;
    try {
      rowOf(x, 500);
    } catch (const ag::Error &e) {
      eager = e.what();
    }
    auto fn = ag::function(&rowOf);
    try {
      fn(x, 500);
    } catch (const ag::Error &e) {
      message = e.what();
    }
    std::cout << message << "\n";
    check(message.find("out of") != std::string::npos &&
              message.find("mpi_graphs.cpp:") != std::string::npos,
          "the failing op is reported at the user's line");
    if (ag::exec::mpi::size() > 1)
      check(message.find("on MPI rank ") != std::string::npos,
            "the error names the rank");
    check(identical(fn(x, 7), rowOf(x, 7)), "a later run succeeds");
  } else if (scenario == "nested") {
    // Before: a worker running a graph inside a node started serving again
    // and never answered, and rank 0 waited forever.
    std::vector<int> ids = range(8);
    double eager = nested(ids).item<double>();
    check(ag::function(&nested)(ids).item<double>() == eager,
          "nodes running graphs on workers: graph equals eager");
    checkRemote(before, 8);
  } else if (scenario == "tensorkill") {
    // A worker holding kept matrices dies: the run fails within
    // AG_MPI_TIMEOUT at the user's line, naming the rank.
    std::string message;
    auto fn = ag::function(&mortalTensors);
    try {
      fn(bigMatrix(), range(12));
    } catch (const ag::Error &e) {
      message = e.what();
    }
    std::cout << message << "\n";
    check(message.find("stopped responding") != std::string::npos &&
              message.find("MPI rank ") != std::string::npos &&
              message.find("mpi_graphs.cpp:") != std::string::npos,
          "a lost rank fails the run at the user's line, naming the rank");
  } else if (scenario == "kill") {
    std::vector<int> ids = range(16);
    auto fn = ag::function(&mortalSum);
    std::string message;
    auto start = std::chrono::steady_clock::now();
    try {
      fn(ids);
    } catch (const ag::Error &e) {
      message = e.what();
    }
    double s =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
            .count();
    std::cout << message << "\n";
    check(message.find("stopped responding") != std::string::npos &&
              message.find("MPI rank ") != std::string::npos &&
              message.find("mpi_graphs.cpp:") != std::string::npos,
          "a lost rank fails the run at the user's line, naming the rank");
    std::printf("failed after %.1f s\n", s);
  } else {
    std::cerr << "unknown scenario " << scenario << "\n";
    return 2;
  }
  if (!failures)
    std::cout << "PASS " << scenario << "\n";
  return failures ? 1 : 0;
} catch (const std::exception &e) {
  std::cerr << e.what() << "\n";
  return 1;
}
