//===- StoreTest.cpp - Durable store: caching, resume, concurrency --------===//
//
// Pipelines of host nodes built by hand (no MLIR) run against a temporary
// store: what a second run (in this process or another) executes, resume
// after a thrown error and after SIGKILL, two processes at once, damaged
// files, unusable directories and the run records.
//
//===----------------------------------------------------------------------===//

#include "ag/runtime/Store.h"
#include "ag/Codec.h"
#include "ag/runtime/Evaluator.h"
#include "ag/runtime/HostNode.h"

#include "gtest/gtest.h"

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <thread>

#include <sys/wait.h>
#include <unistd.h>

using namespace ag;
using namespace ag::exec;
namespace fs = std::filesystem;

namespace {

/// A fresh store directory, removed afterwards.
struct TempDir {
  fs::path path;
  TempDir() {
    std::string tmpl = (fs::temp_directory_path() / "ag-store-XXXXXX").string();
    path = ::mkdtemp(tmpl.data());
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
  std::string store() const { return (path / "store").string(); }
};

/// How often each named node ran in this process, and what makes one fail
/// or block (set by a test before a run).
struct Behaviour {
  std::map<std::string, std::atomic<int>> runs;
  std::string failing, blocking;
  int sleepMs = 0;
};
Behaviour &behaviour() {
  static Behaviour *b = new Behaviour;
  return *b;
}
int runs(const std::string &name) { return behaviour().runs[name].load(); }
void resetRuns() {
  for (auto &[name, count] : behaviour().runs)
    count = 0;
  behaviour().failing.clear();
  behaviour().blocking.clear();
  behaviour().sleepMs = 0;
}

int64_t asInt(const Value &v) { return v.tensor().item<int64_t>(); }

std::shared_ptr<const NodeSource> at(unsigned line) {
  auto src = std::make_shared<NodeSource>();
  src->loc.file = "pipe.cpp";
  src->loc.line = line;
  src->loc.col = 5;
  return src;
}

/// A host node "name" computing sum(inputs) + add, counting its runs.
SlotId hostNode(Program &p, const std::string &name, std::vector<SlotId> in,
                int64_t add, unsigned line) {
  behaviour().runs[name]; // create the counter before any thread reads it
  Node n;
  n.kind = NodeKind::Host;
  n.heavy = true;
  n.text = name;
  n.opName = "ag.node";
  n.operands = std::move(in);
  n.source = at(line);
  n.host = [name, add](const std::vector<Value> &args) {
    Behaviour &b = behaviour();
    ++b.runs[name];
    if (b.sleepMs)
      std::this_thread::sleep_for(std::chrono::milliseconds(b.sleepMs));
    while (b.blocking == name)
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    if (b.failing == name)
      throw std::runtime_error(name + " failed");
    int64_t sum = add;
    for (const Value &v : args)
      sum += asInt(v);
    return std::vector<Value>{Value(Tensor(sum))};
  };
  SlotInfo info;
  info.name = name + "_out";
  SlotId r = p.addSlot(info);
  n.results = {r};
  p.addNode(std::move(n));
  return r;
}

/// A tensor op `op` of `lhs` and `rhs` whose result is the variable `name`.
SlotId binaryNode(Program &p, OpKind op, const std::string &opName, SlotId lhs,
                  SlotId rhs, const std::string &name) {
  Node n;
  n.kind = NodeKind::Binary;
  n.op = op;
  n.opName = opName;
  n.operands = {lhs, rhs};
  SlotInfo info;
  info.name = name;
  SlotId r = p.addSlot(info);
  n.results = {r};
  p.addNode(std::move(n));
  return r;
}

/// x -> s1 = x + 1 -> s2 = s1 + 2 -> ... -> sN; fetches sN.
struct Chain {
  std::shared_ptr<Program> p = std::make_shared<Program>();
  std::vector<SlotId> steps;
  explicit Chain(int n, const std::string &prefix = "s") {
    SlotInfo x;
    x.name = "x";
    SlotId cur = p->addArgument(x);
    for (int i = 1; i <= n; ++i) {
      cur = hostNode(*p, prefix + std::to_string(i), {cur}, i,
                     static_cast<unsigned>(10 + i));
      steps.push_back(cur);
    }
    p->slot(cur).bindings = {"result"};
    p->addResult(cur);
    p->name = "chain";
    p->finalize();
  }
  /// x + 1 + 2 + ... + n
  static int64_t expected(int64_t x, int n) { return x + n * (n + 1) / 2; }
  int64_t run(const std::string &store, int64_t x, RunStats *stats = nullptr,
              int threads = 1) {
    Session session(p);
    RunOptions options;
    options.store = store;
    options.threads = threads;
    std::vector<Value> out = session.run({steps.back()}, {Tensor(x)}, options);
    if (stats)
      *stats = session.lastRunStats();
    return asInt(out[0]);
  }
};

std::string readText(const fs::path &path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

size_t countFiles(const fs::path &dir, const std::string &ext) {
  size_t n = 0;
  std::error_code ec;
  if (!fs::exists(dir, ec))
    return 0;
  for (auto &e : fs::recursive_directory_iterator(dir, ec))
    if (e.path().extension() == ext)
      ++n;
  return n;
}

/// The distinct keys stored in `store`: .agv files and pack records.
std::set<std::string> storedKeys(const std::string &store) {
  std::set<std::string> keys;
  std::error_code ec;
  for (auto &e :
       fs::recursive_directory_iterator(fs::path(store) / "values", ec))
    if (e.path().extension() == ".agv")
      keys.insert(e.path().stem().string());
  PackIndex packs(store);
  packs.refresh();
  for (const PackRecord &rec : packs.records())
    keys.insert(rec.key.hex());
  return keys;
}
size_t storedValues(const std::string &store) {
  return storedKeys(store).size();
}

/// Flips bits of the byte at `at` in file `path`.
void flipByte(const std::string &path, uint64_t at) {
  std::fstream f(path, std::ios::in | std::ios::out | std::ios::binary);
  f.seekg(static_cast<std::streamoff>(at));
  char c = static_cast<char>(f.get());
  f.seekp(static_cast<std::streamoff>(at));
  f.put(static_cast<char>(c ^ 0x5a));
}

/// Damages the last payload byte of every value stored in `store`; returns
/// the names the warnings give them (a file, or a pack record).
std::set<std::string> damageEveryValue(const std::string &store) {
  std::set<std::string> names;
  std::error_code ec;
  for (auto &e :
       fs::recursive_directory_iterator(fs::path(store) / "values", ec))
    if (e.path().extension() == ".agv") {
      names.insert(e.path().string());
      flipByte(e.path().string(), fs::file_size(e.path()) - 1);
    }
  PackIndex packs(store);
  packs.refresh();
  for (const PackRecord &rec : packs.records()) {
    names.insert(rec.where());
    flipByte(rec.file, rec.offset + kPackHeader + rec.size - 1);
  }
  return names;
}

TEST(StoreTest, SecondRunRunsNoStoredNode) {
  resetRuns();
  TempDir dir;
  Chain chain(5);
  RunStats stats;
  EXPECT_EQ(chain.run(dir.store(), 10, &stats), Chain::expected(10, 5));
  for (int i = 1; i <= 5; ++i)
    EXPECT_EQ(runs("s" + std::to_string(i)), 1);
  EXPECT_EQ(stats.nodesCached, 0u);
  EXPECT_EQ(stats.valuesStored, 5u);
  EXPECT_EQ(storedValues(dir.store()), 5u);
  // Small values: one pack, no file per value.
  EXPECT_EQ(countFiles(fs::path(dir.store()) / "values", ".agv"), 0u);
  EXPECT_EQ(countFiles(fs::path(dir.store()) / "packs", ".agp"), 1u);

  // A new session (nothing cached in memory): the fetched value is read.
  EXPECT_EQ(chain.run(dir.store(), 10, &stats), Chain::expected(10, 5));
  for (int i = 1; i <= 5; ++i)
    EXPECT_EQ(runs("s" + std::to_string(i)), 1);
  EXPECT_EQ(stats.opsExecuted, 0u);
  EXPECT_EQ(stats.nodesCached, 1u); // s5; nothing upstream was needed
  EXPECT_EQ(stats.valuesLoaded, 1u);
  EXPECT_EQ(stats.valuesStored, 0u);
}

TEST(StoreTest, ChangingOneInputRerunsOnlyItsDependents) {
  resetRuns();
  TempDir dir;
  auto p = std::make_shared<Program>();
  SlotInfo ai, bi;
  ai.name = "a";
  bi.name = "b";
  SlotId a = p->addArgument(ai), b = p->addArgument(bi);
  SlotId fa = hostNode(*p, "fa", {a}, 0, 1);
  SlotId fb = hostNode(*p, "fb", {b}, 0, 2);
  SlotId both = hostNode(*p, "both", {fa, fb}, 0, 3);
  p->finalize();
  auto run = [&](int64_t x, int64_t y) {
    Session session(p);
    RunOptions options;
    options.store = dir.store();
    return asInt(session.run({both}, {Tensor(x), Tensor(y)}, options)[0]);
  };
  EXPECT_EQ(run(1, 2), 3);
  EXPECT_EQ(run(1, 5), 6);
  EXPECT_EQ(runs("fa"), 1); // its input did not change
  EXPECT_EQ(runs("fb"), 2);
  EXPECT_EQ(runs("both"), 2);
  EXPECT_EQ(run(1, 2), 3); // both results of the first run are stored
  EXPECT_EQ(runs("fb"), 2);
  EXPECT_EQ(runs("both"), 2);
}

/// Independent nodes run on several workers write their results at once.
TEST(StoreTest, ParallelNodesAreStoredAndResumed) {
  resetRuns();
  TempDir dir;
  auto p = std::make_shared<Program>();
  SlotInfo xi;
  xi.name = "x";
  SlotId x = p->addArgument(xi);
  std::vector<SlotId> parts;
  for (int i = 0; i < 8; ++i)
    parts.push_back(hostNode(*p, "par" + std::to_string(i), {x}, i, 20 + i));
  SlotId join = hostNode(*p, "join", parts, 0, 30);
  p->finalize();
  auto run = [&](bool fail) {
    behaviour().failing = fail ? "join" : "";
    behaviour().sleepMs = 1;
    Session session(p);
    RunOptions options;
    options.store = dir.store();
    options.threads = 4;
    return asInt(session.run({join}, {Tensor(int64_t(1))}, options)[0]);
  };
  EXPECT_THROW(run(true), Error);
  EXPECT_EQ(run(false), 8 + 28);
  for (int i = 0; i < 8; ++i)
    EXPECT_EQ(runs("par" + std::to_string(i)), 1);
  EXPECT_EQ(runs("join"), 2);
}

TEST(StoreTest, EditedFunctionRerunsItAndItsDependents) {
  resetRuns();
  TempDir dir;
  Chain chain(4, "edit");
  EXPECT_EQ(chain.run(dir.store(), 0), Chain::expected(0, 4));
  // What ag-convert registers when edit3's tokens change.
  setCodeFingerprint("edit3", "0123456789abcdef");
  EXPECT_EQ(chain.run(dir.store(), 0), Chain::expected(0, 4));
  EXPECT_EQ(runs("edit1"), 1);
  EXPECT_EQ(runs("edit2"), 1);
  EXPECT_EQ(runs("edit3"), 2);
  EXPECT_EQ(runs("edit4"), 2);
}

TEST(StoreTest, SecondProcessRunsNoStoredNode) {
  resetRuns();
  TempDir dir;
  Chain chain(6);
  EXPECT_EQ(chain.run(dir.store(), 3), Chain::expected(3, 6));
  pid_t pid = ::fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    resetRuns();
    int code = 0;
    try {
      // A new Program in the new process, as a rerun of the binary makes.
      Chain again(6);
      if (again.run(dir.store(), 3) != Chain::expected(3, 6))
        code = 100;
      for (int i = 1; i <= 6; ++i)
        code += runs("s" + std::to_string(i));
    } catch (...) {
      code = 101;
    }
    ::_exit(code);
  }
  int status = 0;
  ASSERT_EQ(::waitpid(pid, &status, 0), pid);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0) << "nodes the second process ran";
}

TEST(StoreTest, ResumeAfterAThrownErrorSkipsCompletedNodes) {
  resetRuns();
  TempDir dir;
  Chain chain(5);
  behaviour().failing = "s4";
  try {
    chain.run(dir.store(), 1);
    FAIL() << "s4 should have thrown";
  } catch (const Error &e) {
    EXPECT_NE(std::string(e.what()).find("s4 failed"), std::string::npos);
    EXPECT_EQ(e.loc().line, 14u);
  }
  behaviour().failing.clear();
  EXPECT_EQ(chain.run(dir.store(), 1), Chain::expected(1, 5));
  EXPECT_EQ(runs("s1"), 1);
  EXPECT_EQ(runs("s2"), 1);
  EXPECT_EQ(runs("s3"), 1);
  EXPECT_EQ(runs("s4"), 2);
  EXPECT_EQ(runs("s5"), 1);

  // The failed run's record names the error and its source location.
  std::string failed = readText(fs::path(dir.store()) / "runs/000001.json");
  EXPECT_NE(failed.find("\"status\": \"failed\""), std::string::npos);
  EXPECT_NE(failed.find("\"file\": \"pipe.cpp\", \"line\": 14, \"column\": 5"),
            std::string::npos)
      << failed;
  EXPECT_NE(failed.find("\"name\": \"s4\", \"variable\": \"s4_out\", "
                        "\"op\": \"ag.node\", \"location\": \"pipe.cpp:14:5\", "
                        "\"status\": \"failed\""),
            std::string::npos)
      << failed;
  std::string resumed = readText(fs::path(dir.store()) / "runs/000002.json");
  EXPECT_NE(resumed.find("\"status\": \"ok\""), std::string::npos);
  EXPECT_NE(
      resumed.find("\"name\": \"s3\", \"variable\": \"s3_out\", "
                   "\"op\": \"ag.node\", \"location\": \"pipe.cpp:13:5\", "
                   "\"status\": \"cached\""),
      std::string::npos)
      << resumed;
}

TEST(StoreTest, ResumeAfterSIGKILLSkipsCompletedNodes) {
  resetRuns();
  TempDir dir;
  Chain chain(5);
  pid_t pid = ::fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    behaviour().blocking = "s4"; // runs until killed
    try {
      chain.run(dir.store(), 7);
    } catch (...) {
    }
    ::_exit(3);
  }
  // Kill it once s1..s3 are stored (their writes do not wait for the run).
  for (int i = 0; i < 6000 && storedValues(dir.store()) < 3; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  ASSERT_EQ(::kill(pid, SIGKILL), 0);
  int status = 0;
  ASSERT_EQ(::waitpid(pid, &status, 0), pid);
  ASSERT_TRUE(WIFSIGNALED(status));
  ASSERT_EQ(storedValues(dir.store()), 3u);
  // A killed run's record says "running" forever.
  EXPECT_NE(readText(fs::path(dir.store()) / "runs/000001.json")
                .find("\"status\": \"running\""),
            std::string::npos);

  EXPECT_EQ(chain.run(dir.store(), 7), Chain::expected(7, 5));
  EXPECT_EQ(runs("s1") + runs("s2") + runs("s3"), 0);
  EXPECT_EQ(runs("s4"), 1);
  EXPECT_EQ(runs("s5"), 1);
}

TEST(StoreTest, TwoProcessesShareOneStore) {
  resetRuns();
  TempDir dir;
  Chain chain(20);
  std::vector<pid_t> children;
  // Both children start together (a pipe the parent closes) and sleep in
  // each op, so they usually overlap; on a loaded machine one may still
  // finish first and find every value stored: it then writes no pack.
  int start[2];
  ASSERT_EQ(::pipe(start), 0);
  for (int c = 0; c < 2; ++c) {
    pid_t pid = ::fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
      ::close(start[1]);
      char byte;
      while (::read(start[0], &byte, 1) > 0) {
      }
      behaviour().sleepMs = 2;
      int code = 0;
      try {
        RunStats stats;
        code = chain.run(dir.store(), 5, &stats, 2) != Chain::expected(5, 20)
                   ? 100
               : stats.opsExecuted ? 0
                                   : 1;
      } catch (...) {
        code = 101;
      }
      ::_exit(code);
    }
    children.push_back(pid);
  }
  ::close(start[0]);
  ::close(start[1]);
  size_t writers = 0;
  for (pid_t pid : children) {
    int status = 0;
    ASSERT_EQ(::waitpid(pid, &status, 0), pid);
    ASSERT_TRUE(WIFEXITED(status));
    EXPECT_LE(WEXITSTATUS(status), 1);
    writers += WEXITSTATUS(status) == 0;
  }
  EXPECT_GE(writers, 1u);
  // Every value is whole, no temporary file is left, each run has its own
  // record, and a third run executes nothing.
  testing::internal::CaptureStderr();
  for (auto &e : fs::recursive_directory_iterator(dir.store()))
    EXPECT_EQ(e.path().string().find(".tmp."), std::string::npos) << e.path();
  EXPECT_EQ(storedValues(dir.store()), 20u);
  // Each process that computed a value appended to its own pack.
  EXPECT_EQ(countFiles(fs::path(dir.store()) / "packs", ".agp"), writers);
  RunStats stats;
  EXPECT_EQ(chain.run(dir.store(), 5, &stats), Chain::expected(5, 20));
  EXPECT_EQ(stats.opsExecuted, 0u);
  EXPECT_EQ(testing::internal::GetCapturedStderr(), "");
  EXPECT_TRUE(fs::exists(fs::path(dir.store()) / "runs/000001.json"));
  EXPECT_TRUE(fs::exists(fs::path(dir.store()) / "runs/000002.json"));
  EXPECT_TRUE(fs::exists(fs::path(dir.store()) / "runs/000003.json"));
}

TEST(StoreTest, DamagedValueIsAMissWithOneWarningNamingIt) {
  resetRuns();
  TempDir dir;
  Chain chain(3);
  chain.run(dir.store(), 0);
  // Damage every stored value: each one the run reads (s3 first; then, as
  // s3 must be recomputed, s2, then s1) is a miss and one warning naming it.
  std::set<std::string> files = damageEveryValue(dir.store());
  ASSERT_EQ(files.size(), 3u);
  testing::internal::CaptureStderr();
  EXPECT_EQ(chain.run(dir.store(), 0), Chain::expected(0, 3));
  std::string err = testing::internal::GetCapturedStderr();
  EXPECT_EQ(runs("s1") + runs("s2") + runs("s3"), 6);
  std::istringstream lines(err);
  std::string line;
  size_t warnings = 0;
  while (std::getline(lines, line)) {
    ++warnings;
    size_t from = line.find("ignoring ") + 9;
    std::string path = line.substr(from, line.find(": checksum") - from);
    EXPECT_EQ(line, "warning: ag store: ignoring " + path +
                        ": checksum mismatch; the value is recomputed");
    EXPECT_EQ(files.erase(path), 1u) << line;
  }
  EXPECT_EQ(warnings, 3u) << err;

  // Rewritten: read with no warning.
  testing::internal::CaptureStderr();
  EXPECT_EQ(chain.run(dir.store(), 0), Chain::expected(0, 3));
  EXPECT_EQ(testing::internal::GetCapturedStderr(), "");
  EXPECT_EQ(runs("s3"), 2);
}

TEST(StoreTest, TruncatedValueIsAMiss) {
  TempDir dir;
  ValueStore store(dir.store());
  StoreKey key = hashKey("truncated");
  ASSERT_TRUE(store.write(key, *encodeValue(Value(Tensor({1.0, 2.0})))));
  ASSERT_TRUE(store.read(key).has_value());
  fs::resize_file(store.valuePath(key), 30);
  testing::internal::CaptureStderr();
  EXPECT_FALSE(store.read(key).has_value());
  EXPECT_FALSE(store.read(key).has_value()); // warned once
  std::string err = testing::internal::GetCapturedStderr();
  EXPECT_NE(err.find(store.valuePath(key) + ": truncated"), std::string::npos)
      << err;
  EXPECT_EQ(err.find("warning", 1), std::string::npos) << err;
}

TEST(StoreTest, UnwritableDirectoryFailsBeforeAnyNodeRuns) {
  resetRuns();
  TempDir dir;
  Chain chain(2);
  fs::path file = dir.path / "file";
  std::ofstream(file) << "x";
  try {
    chain.run((file / "store").string(), 0);
    FAIL() << "expected an error";
  } catch (const Error &e) {
    EXPECT_NE(std::string(e.what()).find("cannot create the store directory"),
              std::string::npos)
        << e.what();
  }
  EXPECT_EQ(runs("s1") + runs("s2"), 0);
  if (::geteuid() != 0) { // root writes anywhere
    fs::create_directory(dir.path / "ro");
    fs::permissions(dir.path / "ro",
                    fs::perms::owner_read | fs::perms::owner_exec);
    try {
      chain.run((dir.path / "ro").string(), 0);
      FAIL() << "expected an error";
    } catch (const Error &e) {
      EXPECT_NE(std::string(e.what()).find("is not writable"),
                std::string::npos)
          << e.what();
    }
    fs::permissions(dir.path / "ro", fs::perms::owner_all);
    EXPECT_EQ(runs("s1") + runs("s2"), 0);
  }
}

/// A format-2 store (pack records "AGR1", checksummed with FNV-1a) is read
/// as it is, and marked format 3 once this ag writes to it.
TEST(StoreTest, Format2PacksAreStillRead) {
  resetRuns();
  TempDir dir;
  Chain chain(3);
  EXPECT_EQ(chain.run(dir.store(), 4), Chain::expected(4, 3));
  // Rewrite every record as format 2 wrote it.
  PackIndex packs(dir.store());
  packs.refresh();
  ASSERT_EQ(packs.records().size(), 3u);
  for (const PackRecord &rec : packs.records()) {
    std::optional<std::string> payload = readPackRecord(rec);
    ASSERT_TRUE(payload);
    std::string key(16, '\0');
    std::memcpy(key.data(), &rec.key.hi, 8);
    std::memcpy(key.data() + 8, &rec.key.lo, 8);
    uint64_t sum = fnv1a64(*payload, fnv1a64(key));
    std::fstream f(rec.file, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(static_cast<std::streamoff>(rec.offset));
    f.write("AGR1", 4);
    f.seekp(static_cast<std::streamoff>(rec.offset + 12));
    f.write(reinterpret_cast<const char *>(&sum), 8);
  }
  std::ofstream(fs::path(dir.store()) / "FORMAT") << "ag-store 2\n";
  // A path this process has not opened the store by: opened anew, as by
  // another process.
  const std::string again = dir.store() + "/.";
  testing::internal::CaptureStderr();
  RunStats stats;
  EXPECT_EQ(chain.run(again, 4, &stats), Chain::expected(4, 3));
  EXPECT_EQ(testing::internal::GetCapturedStderr(), "");
  EXPECT_EQ(stats.opsExecuted, 0u);
  EXPECT_EQ(runs("s3"), 1);
  EXPECT_EQ(readText(fs::path(dir.store()) / "FORMAT"), "ag-store 3\n");
  // A damaged format-2 record is still caught by its checksum.
  damageEveryValue(dir.store());
  testing::internal::CaptureStderr();
  EXPECT_EQ(chain.run(again, 4), Chain::expected(4, 3));
  EXPECT_NE(testing::internal::GetCapturedStderr().find("checksum mismatch"),
            std::string::npos);
  EXPECT_EQ(runs("s3"), 2);
}

TEST(StoreTest, NewerFormatIsAClearError) {
  resetRuns();
  TempDir dir;
  fs::create_directories(dir.store());
  std::ofstream(fs::path(dir.store()) / "FORMAT") << "ag-store 4\n";
  Chain chain(2);
  try {
    chain.run(dir.store(), 0);
    FAIL() << "expected an error";
  } catch (const Error &e) {
    EXPECT_NE(std::string(e.what()).find("was made by a newer ag (format 4; "
                                         "this ag reads format 3"),
              std::string::npos)
        << e.what();
  }
  EXPECT_EQ(runs("s1") + runs("s2"), 0);
}

TEST(StoreTest, RunRecordHasEveryField) {
  resetRuns();
  TempDir dir;
  Chain chain(2);
  RunStats stats;
  chain.run(dir.store(), 0, &stats);
  EXPECT_EQ(stats.storeRun, 1u);
  EXPECT_EQ(readText(fs::path(dir.store()) / "FORMAT"), "ag-store 3\n");
  std::string rec = readText(fs::path(dir.store()) / "runs/000001.json");
  for (const char *field :
       {"{\"format\": 1, \"id\": 1, \"program\": \"chain\", \"start\": \"20",
        "\"end\": \"20", "\"status\": \"ok\", \"error\": null",
        "\"outputs\": {\"result\": \"",
        "\"stats\": {\"executed\": 2, \"cached\": 0, \"stored\": 2}",
        "{\"name\": \"s1\", \"variable\": \"s1_out\", \"op\": \"ag.node\", "
        "\"location\": \"pipe.cpp:11:5\", \"status\": \"ran\", \"seconds\": ",
        "\"thread\": ", "\"bytes\": ", "\"key\": \""})
    EXPECT_NE(rec.find(field), std::string::npos) << field << "\n" << rec;
  // The output's key names its stored value.
  size_t at = rec.find("\"result\": \"") + 11;
  std::string hex = rec.substr(at, 32);
  EXPECT_EQ(storedKeys(dir.store()).count(hex), 1u) << hex;
}

/// A host value with a codec is stored; one without is recomputed.
TEST(StoreTest, HostValuesWithAndWithoutCodec) {
  resetRuns();
  TempDir dir;
  struct Opaque {
    int v;
  };
  detail::registerCodec<std::string>();
  static std::atomic<int> named{0}, opaque{0}, user{0};
  named = opaque = user = 0;
  auto p = std::make_shared<Program>();
  SlotInfo xi;
  xi.name = "x";
  SlotId x = p->addArgument(xi);
  auto host = [&](std::string name, HostFn fn, std::vector<SlotId> in) {
    Node n;
    n.kind = NodeKind::Host;
    n.text = name;
    n.opName = "ag.node";
    n.operands = std::move(in);
    n.host = std::move(fn);
    SlotInfo info;
    info.isHost = true;
    info.name = name;
    SlotId r = p->addSlot(info);
    n.results = {r};
    p->addNode(std::move(n));
    return r;
  };
  SlotId s = host("name",
                  [](const std::vector<Value> &in) {
                    ++named;
                    return std::vector<Value>{
                        Value::host(std::make_shared<const std::any>(
                            "n" + std::to_string(asInt(in[0]))))};
                  },
                  {x});
  SlotId o = host("opaque",
                  [](const std::vector<Value> &in) {
                    ++opaque;
                    return std::vector<Value>{
                        Value::host(std::make_shared<const std::any>(
                            Opaque{static_cast<int>(asInt(in[0]))}))};
                  },
                  {x});
  SlotId u = host("use",
                  [](const std::vector<Value> &in) {
                    ++user;
                    const auto &str =
                        std::any_cast<const std::string &>(*in[0].hostValue());
                    const auto &op =
                        std::any_cast<const Opaque &>(*in[1].hostValue());
                    return std::vector<Value>{
                        Value(Tensor(static_cast<int64_t>(str.size()) + op.v))};
                  },
                  {s, o});
  p->finalize();
  for (int i = 0; i < 2; ++i) {
    Session session(p);
    RunOptions options;
    options.store = dir.store();
    EXPECT_EQ(asInt(session.run({u, s}, {Tensor(int64_t(42))}, options)[0]),
              45);
  }
  EXPECT_EQ(named, 1);
  EXPECT_EQ(opaque, 1); // `use` was stored, so nothing needed opaque again
  EXPECT_EQ(user, 1);
  std::string rec = readText(fs::path(dir.store()) / "runs/000001.json");
  EXPECT_NE(rec.find("\"name\": \"opaque\", \"variable\": \"opaque\", \"op\": "
                     "\"ag.node\", \"location\": \"\", \"status\": "
                     "\"not-stored\""),
            std::string::npos)
      << rec;
}

/// Pure tensor graphs: the fetched value is stored and read back.
TEST(StoreTest, TensorGraphFetchIsStored) {
  TempDir dir;
  auto p = std::make_shared<Program>();
  SlotInfo ai;
  ai.name = "a";
  SlotId a = p->addArgument(ai);
  SlotId one = p->addConstant(Tensor(int64_t(1)));
  SlotId y = binaryNode(*p, OpKind::Add, "ag.add", a, one, "y");
  SlotId z = binaryNode(*p, OpKind::Mul, "ag.mul", y, y, "z");
  p->finalize();
  RunOptions options;
  options.store = dir.store();
  Session first(p);
  EXPECT_EQ(asInt(first.run({z}, {Tensor(int64_t(4))}, options)[0]), 25);
  EXPECT_EQ(first.lastRunStats().opsExecuted, 2u);
  EXPECT_EQ(first.lastRunStats().valuesStored, 1u); // z only: y is cheap
  Session second(p);
  EXPECT_EQ(asInt(second.run({z}, {Tensor(int64_t(4))}, options)[0]), 25);
  EXPECT_EQ(second.lastRunStats().opsExecuted, 0u);
  Session other(p);
  EXPECT_EQ(asInt(other.run({z}, {Tensor(int64_t(5))}, options)[0]), 36);
  EXPECT_EQ(other.lastRunStats().opsExecuted, 2u);
}

TEST(StoreTest, StoreFromTheEnvironment) {
  resetRuns();
  TempDir dir;
  Chain chain(2);
  ::setenv("AG_STORE", dir.store().c_str(), 1);
  Session session(chain.p);
  session.run({chain.steps.back()}, {Tensor(int64_t(1))});
  ::unsetenv("AG_STORE");
  EXPECT_EQ(session.lastRunStats().valuesStored, 2u);
  EXPECT_TRUE(fs::exists(fs::path(dir.store()) / "runs/000001.json"));
}

TEST(StoreTest, KeysAreStableAndDistinct) {
  EXPECT_EQ(hashKey("abc").hex(), hashKey("abc").hex());
  EXPECT_NE(hashKey("abc").hex(), hashKey("abd").hex());
  EXPECT_EQ(hashKey("").hex().size(), 32u);
  EXPECT_EQ(fnv1a64(""), 0xcbf29ce484222325ULL);
  EXPECT_EQ(fnv1a64("a"), 0xaf63dc4c8601ec8cULL);
  std::string framed = frameValue("payload");
  EXPECT_EQ(framed.substr(0, 4), "AGS1");
  EXPECT_EQ(unframeValue(framed).value(), "payload");
  framed.back() ^= 1;
  std::string why;
  EXPECT_FALSE(unframeValue(framed, &why).has_value());
  EXPECT_EQ(why, "checksum mismatch");
}

/// A process killed mid-append leaves a torn record at its pack's end:
/// skipped without a warning, while every whole record before it, and every
/// record other processes append to their own packs, is read.
TEST(StoreTest, PackTornTailIsIgnored) {
  TempDir dir;
  auto payload = [](int64_t n) { return *encodeValue(Value(Tensor(n))); };
  StoreKey k1 = hashKey("one"), k2 = hashKey("two"), k3 = hashKey("three");
  std::string torn;
  {
    ValueStore killed(dir.store());
    ASSERT_EQ(killed.append({{k1, payload(1)}, {k2, payload(2)}}), 2u);
  }
  PackIndex index(dir.store());
  index.refresh();
  ASSERT_EQ(index.records().size(), 2u);
  std::string pack = index.records()[0].file;
  std::string record = packRecord(k3, payload(3));
  for (size_t cut : {size_t(3), kPackHeader - 1, record.size() - 1}) {
    fs::resize_file(pack, index.records()[1].offset + kPackHeader +
                              index.records()[1].size);
    std::ofstream(pack, std::ios::app | std::ios::binary)
        << record.substr(0, cut);
    testing::internal::CaptureStderr();
    ValueStore next(dir.store());
    EXPECT_EQ(asInt(*next.read(k1)), 1);
    EXPECT_EQ(asInt(*next.read(k2)), 2);
    EXPECT_FALSE(next.read(k3).has_value()) << cut;
    EXPECT_EQ(testing::internal::GetCapturedStderr(), "");
  }
  // Rerunning stores it again, in the new process's own pack.
  {
    ValueStore rerun(dir.store());
    ASSERT_EQ(rerun.append({{k3, payload(3)}}), 1u);
  }
  ValueStore reader(dir.store());
  EXPECT_EQ(asInt(*reader.read(k3)), 3);
  EXPECT_EQ(countFiles(fs::path(dir.store()) / "packs", ".agp"), 2u);
}

/// Two processes appending at once: each to its own pack, so no record of
/// one ever interleaves with the other's, and a third reads them all.
TEST(StoreTest, PackTwoWritersAtOnce) {
  TempDir dir;
  ValueStore{dir.store()}; // FORMAT and folders, before the race
  const int perWriter = 300;
  std::vector<pid_t> children;
  for (int c = 0; c < 2; ++c) {
    pid_t pid = ::fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
      ValueStore store(dir.store());
      size_t written = 0;
      for (int i = 0; i < perWriter; i += 3) {
        std::vector<ValueStore::Pending> batch;
        for (int j = i; j < i + 3; ++j)
          batch.push_back({hashKey(std::to_string(c) + "/" + std::to_string(j)),
                           *encodeValue(Value(Tensor(int64_t(c * 1000 + j))))});
        written += store.append(batch);
      }
      store.syncPack();
      ::_exit(written == perWriter ? 0 : 1);
    }
    children.push_back(pid);
  }
  for (pid_t pid : children) {
    int status = 0;
    ASSERT_EQ(::waitpid(pid, &status, 0), pid);
    ASSERT_TRUE(WIFEXITED(status));
    EXPECT_EQ(WEXITSTATUS(status), 0);
  }
  testing::internal::CaptureStderr();
  ValueStore reader(dir.store());
  for (int c = 0; c < 2; ++c)
    for (int j = 0; j < perWriter; ++j) {
      std::optional<Value> v =
          reader.read(hashKey(std::to_string(c) + "/" + std::to_string(j)));
      ASSERT_TRUE(v.has_value()) << c << "/" << j;
      EXPECT_EQ(asInt(*v), c * 1000 + j);
    }
  EXPECT_EQ(testing::internal::GetCapturedStderr(), "");
  EXPECT_EQ(countFiles(fs::path(dir.store()) / "packs", ".agp"), 2u);
}

/// Values above the pack limit keep a file of their own.
TEST(StoreTest, LargeValuesKeepTheirOwnFile) {
  resetRuns();
  TempDir dir;
  ::setenv("AG_STORE_PACK_MAX", "0", 1);
  Chain chain(3);
  RunStats stats;
  chain.run(dir.store(), 1, &stats);
  ::unsetenv("AG_STORE_PACK_MAX");
  EXPECT_EQ(stats.valuesStored, 3u);
  EXPECT_EQ(countFiles(fs::path(dir.store()) / "values", ".agv"), 3u);
  EXPECT_EQ(countFiles(fs::path(dir.store()) / "packs", ".agp"), 0u);
  EXPECT_EQ(chain.run(dir.store(), 1, &stats), Chain::expected(1, 3));
  EXPECT_EQ(stats.opsExecuted, 0u);
}

TEST(StoreTest, KeysPrintAndParse) {
  StoreKey k = hashKey("abc");
  EXPECT_EQ(StoreKey::fromHex(k.hex()), k);
  EXPECT_FALSE(StoreKey::fromHex("abc").valid);
  EXPECT_FALSE(StoreKey::fromHex(std::string(31, '0') + "g").valid);
}

} // namespace

//===----------------------------------------------------------------------===//
// Nodes inside regions: staged loops and branches
//===----------------------------------------------------------------------===//

/// Which value of its index input makes a "loopstep" node throw or block
/// (-1: none).
std::atomic<int64_t> failAtIndex{-1}, blockAtIndex{-1};

/// A host node "name" of the loop body: previous + index + add (the index
/// is its second input), counting its runs.
SlotId loopStep(Program &body, const std::string &name, SlotId prev,
                SlotId index, int64_t add, unsigned line) {
  behaviour().runs[name];
  Node n;
  n.kind = NodeKind::Host;
  n.heavy = true;
  n.text = name;
  n.opName = "ag.node";
  n.operands = {prev, index};
  n.source = at(line);
  n.host = [name, add](const std::vector<Value> &args) {
    ++behaviour().runs[name];
    int64_t i = asInt(args[1]);
    if (i == failAtIndex.load())
      throw std::runtime_error(name + " failed at " + std::to_string(i));
    while (i == blockAtIndex.load())
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    return std::vector<Value>{Value(Tensor(asInt(args[0]) + i + add))};
  };
  SlotInfo info;
  info.name = name + "_out";
  SlotId r = body.addSlot(info);
  n.results = {r};
  body.addNode(std::move(n));
  return r;
}

/// r = x; for (i = 0; i < n; ++i) { r = step(r, i); q = stepb(q, b); }
/// with the bound n a feed (a staged loop); fetches r * 2 ("twice") or r + 1
/// ("plus"), and q.
struct StagedLoop {
  std::shared_ptr<Program> p = std::make_shared<Program>();
  SlotId x, n, b, r, q, twice, plus;
  StagedLoop() {
    SlotInfo xi, ni, bi;
    xi.name = "x";
    ni.name = "n";
    bi.name = "b";
    x = p->addArgument(xi);
    n = p->addArgument(ni);
    b = p->addArgument(bi);
    SlotId zero = p->addConstant(Tensor(int64_t(0)));
    SlotId one = p->addConstant(Tensor(int64_t(1)));
    SlotId two = p->addConstant(Tensor(int64_t(2)));
    auto body = std::make_unique<Program>();
    {
      SlotInfo ii, ri, qi;
      ii.name = "i";
      ri.name = "r";
      qi.name = "q";
      SlotId i = body->addArgument(ii);
      SlotId rIn = body->addArgument(ri);
      SlotId qIn = body->addArgument(qi);
      SlotId bIn = body->addCapture(b);
      body->addResult(loopStep(*body, "step", rIn, i, 0, 40));
      body->addResult(hostNode(*body, "stepb", {qIn, bIn}, 0, 41));
    }
    Node loop;
    loop.kind = NodeKind::For;
    loop.heavy = true;
    loop.operands = {zero, n, one, x, zero, b};
    loop.numExplicitOperands = 5;
    r = p->addSlot(SlotInfo{});
    p->slot(r).name = "r";
    q = p->addSlot(SlotInfo{});
    p->slot(q).name = "q";
    loop.results = {r, q};
    loop.opName = "ag.for";
    loop.source = at(39);
    loop.regions.push_back(std::move(body));
    p->addNode(std::move(loop));
    twice = binaryNode(*p, OpKind::Mul, "ag.mul", r, two, "twice");
    plus = binaryNode(*p, OpKind::Add, "ag.add", r, one, "plus");
    p->name = "staged";
    p->finalize();
  }
  /// x + 0 + 1 + ... + (n - 1)
  static int64_t expected(int64_t x, int64_t n) { return x + n * (n - 1) / 2; }
  /// Fetches `fetch` and q (so both carried values are computed).
  int64_t run(const std::string &store, SlotId fetch, int64_t xv,
              int64_t nv = 20, int64_t bv = 1, RunStats *stats = nullptr) {
    Session session(p);
    RunOptions options;
    options.store = store;
    std::vector<Value> out =
        session.run({fetch, q}, {Tensor(xv), Tensor(nv), Tensor(bv)}, options);
    if (stats)
      *stats = session.lastRunStats();
    return asInt(out[0]);
  }
};

void resetLoop() {
  resetRuns();
  failAtIndex = -1;
  blockAtIndex = -1;
}

TEST(StoreTest, CachedRerunOfAStagedLoopRunsNoNode) {
  resetLoop();
  TempDir dir;
  StagedLoop g;
  RunStats stats;
  EXPECT_EQ(g.run(dir.store(), g.twice, 5, 20, 1, &stats),
            2 * StagedLoop::expected(5, 20));
  EXPECT_EQ(runs("step"), 20);
  EXPECT_EQ(stats.valuesStored, 20u + 20u + 2u); // step, stepb, the fetches
  // Another fetch of the loop's result r: the loop runs again (r was not
  // stored), but every step in it is read from the store.
  EXPECT_EQ(g.run(dir.store(), g.plus, 5, 20, 1, &stats),
            StagedLoop::expected(5, 20) + 1);
  EXPECT_EQ(runs("step"), 20);
  EXPECT_EQ(runs("stepb"), 20);
  EXPECT_EQ(stats.nodesCached, 40u); // q's stepb too: the loop ran for r
  // More iterations: only the new ones run.
  EXPECT_EQ(g.run(dir.store(), g.plus, 5, 25), StagedLoop::expected(5, 25) + 1);
  EXPECT_EQ(runs("step"), 25);
}

TEST(StoreTest, StagedLoopResumesAtTheIterationThatThrew) {
  resetLoop();
  TempDir dir;
  StagedLoop g;
  failAtIndex = 11; // iteration 12
  try {
    g.run(dir.store(), g.twice, 3);
    FAIL() << "step should have thrown";
  } catch (const Error &e) {
    EXPECT_NE(std::string(e.what()).find("step failed at 11"),
              std::string::npos);
  }
  EXPECT_EQ(runs("step"), 12);
  failAtIndex = -1;
  EXPECT_EQ(g.run(dir.store(), g.twice, 3), 2 * StagedLoop::expected(3, 20));
  EXPECT_EQ(runs("step"), 12 + 9); // iterations 12..20
  // The records list the loop's nodes with their iterations.
  std::string failed = readText(fs::path(dir.store()) / "runs/000001.json");
  EXPECT_NE(failed.find("\"name\": \"step\", \"variable\": \"step_out\", "
                        "\"op\": \"ag.node\", \"location\": \"pipe.cpp:40:5\", "
                        "\"iteration\": \"12\", \"status\": \"failed\""),
            std::string::npos)
      << failed;
  std::string resumed = readText(fs::path(dir.store()) / "runs/000002.json");
  EXPECT_NE(resumed.find("\"location\": \"pipe.cpp:40:5\", "
                         "\"iteration\": \"11\", \"status\": \"cached\""),
            std::string::npos)
      << resumed;
  EXPECT_NE(resumed.find("\"location\": \"pipe.cpp:40:5\", "
                         "\"iteration\": \"12\", \"status\": \"ran\""),
            std::string::npos)
      << resumed;
}

TEST(StoreTest, StagedLoopResumesAfterSIGKILL) {
  resetLoop();
  TempDir dir;
  StagedLoop g;
  pid_t pid = ::fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    blockAtIndex = 11; // iteration 12 runs until killed
    try {
      g.run(dir.store(), g.twice, 7);
    } catch (...) {
    }
    ::_exit(3);
  }
  // Iterations 1..11 of both nodes, and stepb of iteration 12 (which does
  // not wait for step).
  for (int i = 0; i < 6000 && storedValues(dir.store()) < 22; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  ASSERT_EQ(::kill(pid, SIGKILL), 0);
  int status = 0;
  ASSERT_EQ(::waitpid(pid, &status, 0), pid);
  ASSERT_TRUE(WIFSIGNALED(status));
  ASSERT_GE(storedValues(dir.store()), 22u);
  EXPECT_EQ(g.run(dir.store(), g.twice, 7), 2 * StagedLoop::expected(7, 20));
  EXPECT_EQ(runs("step"), 9); // iterations 12..20, in this process
}

TEST(StoreTest, ChangingOneInputRerunsOnlyTheLoopNodesThatDependOnIt) {
  resetLoop();
  TempDir dir;
  StagedLoop g;
  EXPECT_EQ(g.run(dir.store(), g.twice, 1, 20, 2),
            2 * StagedLoop::expected(1, 20));
  EXPECT_EQ(g.run(dir.store(), g.twice, 1, 20, 3),
            2 * StagedLoop::expected(1, 20));
  EXPECT_EQ(runs("step"), 20); // b feeds stepb only
  EXPECT_EQ(runs("stepb"), 40);
  EXPECT_EQ(g.run(dir.store(), g.q, 1, 20, 3), 60);
  EXPECT_EQ(g.run(dir.store(), g.twice, 2, 20, 3),
            2 * StagedLoop::expected(2, 20));
  EXPECT_EQ(runs("step"), 40); // x feeds step only
  EXPECT_EQ(runs("stepb"), 40);
}

/// y = c ? f(x) : g(x); fetches after(y), which can be made to fail.
TEST(StoreTest, NodeInABranchIsStoredAndReused) {
  resetLoop();
  TempDir dir;
  auto p = std::make_shared<Program>();
  SlotInfo ci, xi;
  ci.name = "c";
  xi.name = "x";
  SlotId c = p->addArgument(ci), x = p->addArgument(xi);
  auto branch = [&](const std::string &name, int64_t add, unsigned line) {
    auto region = std::make_unique<Program>();
    SlotId in = region->addCapture(x);
    region->addResult(hostNode(*region, name, {in}, add, line));
    return region;
  };
  Node ifNode;
  ifNode.kind = NodeKind::If;
  ifNode.operands = {c, x};
  ifNode.numExplicitOperands = 1;
  SlotInfo yi;
  yi.name = "y";
  SlotId y = p->addSlot(yi);
  ifNode.results = {y};
  ifNode.opName = "ag.if";
  ifNode.source = at(50);
  ifNode.regions.push_back(branch("then_node", 100, 51));
  ifNode.regions.push_back(branch("else_node", 200, 52));
  p->addNode(std::move(ifNode));
  SlotId after = hostNode(*p, "after", {y}, 0, 53);
  p->finalize();
  auto run = [&](bool cond) {
    Session session(p);
    RunOptions options;
    options.store = dir.store();
    return asInt(
        session.run({after}, {Tensor(cond), Tensor(int64_t(1))}, options)[0]);
  };
  behaviour().failing = "after";
  EXPECT_THROW(run(true), Error);
  behaviour().failing.clear();
  EXPECT_EQ(run(true), 101);
  EXPECT_EQ(runs("then_node"), 1);
  EXPECT_EQ(runs("after"), 2);
  EXPECT_EQ(run(false), 201);
  EXPECT_EQ(runs("else_node"), 1);
  EXPECT_EQ(runs("then_node"), 1);
}

/// Values of loop nodes too large for a pack get their own files, written
/// by the run's writer thread.
TEST(StoreTest, LargeValuesOfLoopNodesKeepTheirOwnFiles) {
  resetLoop();
  TempDir dir;
  ::setenv("AG_STORE_PACK_MAX", "0", 1); // read when the store is opened
  StagedLoop g;
  EXPECT_EQ(g.run(dir.store(), g.twice, 5, 6), 2 * StagedLoop::expected(5, 6));
  ::unsetenv("AG_STORE_PACK_MAX");
  EXPECT_EQ(countFiles(fs::path(dir.store()) / "values", ".agv"), 6u + 6u + 2u);
  EXPECT_EQ(g.run(dir.store(), g.plus, 5, 6), StagedLoop::expected(5, 6) + 1);
  EXPECT_EQ(runs("step"), 6);
  EXPECT_EQ(runs("stepb"), 6);
}
