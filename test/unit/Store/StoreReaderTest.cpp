//===- StoreReaderTest.cpp - ag::Store reads runs and values --------------===//
//
// Against store directories written by hand in the documented format
// (StoreFixture.h): every field of a run and a node, values of each kind,
// and the errors of missing, corrupt and newer-format input.
//
//===----------------------------------------------------------------------===//

#include "StoreFixture.h"

#include "ag/Store.h"
#include "ag/runtime/Store.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sys/wait.h>
#include <unistd.h>

namespace fs = std::filesystem;
using storefixture::key;
using storefixture::Table;

namespace {

class StoreReaderTest : public ::testing::Test {
protected:
  void SetUp() override {
    dir = (fs::temp_directory_path() /
           ("ag-store-test-" + std::to_string(getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name()))
              .string();
    fs::remove_all(dir);
    storefixture::writeScenario(dir);
  }
  void TearDown() override { fs::remove_all(dir); }

  /// The message of the ag::Error `fn` throws ("" if none).
  template <typename Fn> std::string errorOf(Fn fn) {
    try {
      fn();
    } catch (const ag::Error &e) {
      return e.message();
    }
    return "";
  }

  std::string dir;
};

TEST_F(StoreReaderTest, ListsRunsOldestFirst) {
  std::vector<ag::Run> runs = ag::Store(dir).runs();
  ASSERT_EQ(runs.size(), 3u);
  EXPECT_EQ(runs[0].id, 1);
  EXPECT_EQ(runs[0].program, "best_fit");
  EXPECT_EQ(runs[0].status, "ok");
  EXPECT_EQ(runs[0].start, "2026-12-06T21:40:00.123Z");
  EXPECT_EQ(runs[0].end, "2026-12-06T21:40:01.500Z");
  EXPECT_FALSE(runs[0].error);
  EXPECT_EQ(runs[0].outputs.at("best"), key(2));
  ASSERT_EQ(runs[1].status, "failed");
  ASSERT_TRUE(runs[1].error);
  EXPECT_EQ(runs[1].error->loc.file, "fit.cpp");
  EXPECT_EQ(runs[1].error->loc.line, 12u);
  EXPECT_EQ(runs[1].error->loc.col, 5u);
  EXPECT_NE(runs[1].error->message.find("singular matrix"), std::string::npos);
  EXPECT_EQ(runs[2].status, "running");
  EXPECT_EQ(runs[2].end, "");
}

TEST_F(StoreReaderTest, NodeFields) {
  ag::Run run = ag::Store(dir).run(1);
  const ag::StoredNode &fit = run.node("fit");
  EXPECT_EQ(fit.variable, "best");
  EXPECT_EQ(fit.op, "ag.host_call");
  EXPECT_EQ(fit.location, "fit.cpp:12:5");
  EXPECT_EQ(fit.status, "ran");
  EXPECT_DOUBLE_EQ(fit.seconds, 0.25);
  EXPECT_EQ(fit.thread, 2);
  EXPECT_EQ(fit.bytes, 8u);
  EXPECT_EQ(fit.key, key(2));
  std::string message = errorOf([&] { run.node("fitt"); });
  EXPECT_NE(message.find("run 1 has no node named 'fitt'"), std::string::npos)
      << message;
  EXPECT_NE(message.find("fit"), std::string::npos);
}

TEST_F(StoreReaderTest, ValuesOfEveryKind) {
  ag::Run run = ag::Store(dir).run(1);
  ag::Tensor data = run.value<ag::Tensor>("data");
  EXPECT_EQ(data.shape(), (ag::Shape{2, 2}));
  EXPECT_EQ(ag::toString(data), "[[1, 2.5], [3, 4]]");
  EXPECT_DOUBLE_EQ(run.value<double>("best"), 2.5);
  EXPECT_EQ(run.value<int>("best"), 2); // arithmetic converts like a cast
  EXPECT_EQ(run.value<ag::Tensor>("best").item<double>(), 2.5);
  EXPECT_EQ(run.value<std::string>("label"), "fit \"ok\"");
  Table table = run.value<Table>("report");
  EXPECT_EQ(table.xs, (std::vector<double>{1, 2, 3}));
  EXPECT_EQ(table.name, "coefficients");
  // By node name as well as by variable.
  EXPECT_EQ(run.value<Table>("report").name, "coefficients");
  EXPECT_EQ(ag::Store(dir).run(3).value<int64_t>("count"), 7);
}

TEST_F(StoreReaderTest, ValueErrors) {
  ag::Store store(dir);
  ag::Run run = store.run(1);
  EXPECT_NE(errorOf([&] {
              run.value<double>("nope");
            }).find("run 1 has no stored value named 'nope'"),
            std::string::npos);
  EXPECT_NE(errorOf([&] { run.value<double>("table"); })
                .find("'table' was not stored in run 1: its type has no codec "
                      "(at fit.cpp:15:5)"),
            std::string::npos);
  EXPECT_NE(errorOf([&] {
              store.run(2).value<double>("best");
            }).find("its node failed"),
            std::string::npos);
  std::string wrong = errorOf([&] { run.value<Table>("data"); });
  EXPECT_NE(wrong.find("'data' of run 1 is ag::Tensor float64[2, 2], not"),
            std::string::npos)
      << wrong;
  wrong = errorOf([&] { run.value<double>("data"); });
  EXPECT_NE(wrong.find("not double"), std::string::npos) << wrong;
  wrong = errorOf([&] { run.value<std::vector<int>>("report"); });
  EXPECT_NE(wrong.find("is storefixture::Table, not std::vector<int>"),
            std::string::npos)
      << wrong;
  EXPECT_NE(
      errorOf([&] { store.run(9); }).find("has no run 9 (its runs are 1 to 3)"),
      std::string::npos);
}

TEST_F(StoreReaderTest, CorruptValueIsAnErrorNamingTheFile) {
  std::string path = ag::storeValuePath(dir, key(1));
  {
    std::fstream f(path, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(-3, std::ios::end);
    f.put('X');
  }
  std::string message =
      errorOf([&] { ag::Store(dir).run(1).value<ag::Tensor>("data"); });
  EXPECT_NE(
      message.find("corrupt stored value '" + path + "': checksum mismatch"),
      std::string::npos)
      << message;
  fs::resize_file(path, fs::file_size(path) - 5);
  message = errorOf([&] { ag::Store(dir).run(1).value<ag::Tensor>("data"); });
  EXPECT_NE(message.find("truncated"), std::string::npos) << message;
  fs::remove(path);
  message = errorOf([&] { ag::Store(dir).run(1).value<ag::Tensor>("data"); });
  EXPECT_NE(message.find("is not in the store"), std::string::npos) << message;
}

TEST_F(StoreReaderTest, CorruptRecordIsAnErrorNamingTheFile) {
  std::string path = storefixture::recordPath(dir, 2);
  storefixture::writeFile(path, "{\"format\": 1, \"id\": 2, \"status\": ");
  std::string message = errorOf([&] { ag::Store(dir).runs(); });
  EXPECT_NE(message.find("corrupt run record '" + path + "'"),
            std::string::npos)
      << message;
  storefixture::writeFile(path, "{\"format\": 1, \"id\": 2}");
  message = errorOf([&] { ag::Store(dir).runs(); });
  EXPECT_NE(message.find("no \"status\""), std::string::npos) << message;
}

TEST_F(StoreReaderTest, MissingOrNewerStore) {
  EXPECT_NE(
      errorOf([&] { ag::Store(dir + "/nowhere"); }).find("no such directory"),
      std::string::npos);
  fs::remove(fs::path(dir) / "FORMAT");
  EXPECT_NE(errorOf([&] { ag::Store store(dir); }).find("has no FORMAT file"),
            std::string::npos);
  storefixture::writeFile(fs::path(dir) / "FORMAT", "ag-store 4\n");
  EXPECT_NE(errorOf([&] { ag::Store store(dir); })
                .find("was made by a newer ag (format 4; this ag reads format "
                      "3)"),
            std::string::npos);
  storefixture::writeFile(fs::path(dir) / "FORMAT", "something else\n");
  EXPECT_NE(errorOf([&] {
              ag::Store store(dir);
            }).find("is not an ag store's FORMAT"),
            std::string::npos);
}

TEST_F(StoreReaderTest, GcKeepsWhatKeptAndRunningRunsReference) {
  ag::Store store(dir);
  // Keep 1: run 3 (newest, running). Runs 1 and 2 go; key(1) (runs 1, 2),
  // key(2..4) (run 1) go; key(5) (run 3) stays.
  ag::GcResult r = store.gc(1);
  EXPECT_EQ(r.runsRemoved, 2u);
  EXPECT_EQ(r.valuesRemoved, 4u);
  EXPECT_GT(r.bytesRemoved, 0u);
  std::vector<ag::Run> runs = store.runs();
  ASSERT_EQ(runs.size(), 1u);
  EXPECT_EQ(runs[0].id, 3);
  EXPECT_EQ(runs[0].value<int64_t>("n"), 7);
  EXPECT_FALSE(fs::exists(ag::storeValuePath(dir, key(1))));
}

TEST_F(StoreReaderTest, GcNeverRemovesARunningRunOrSharedValues) {
  ag::Store store(dir);
  // Keep 0: runs 1 and 2 go, run 3 stays (running).
  EXPECT_EQ(store.gc(0).runsRemoved, 2u);
  EXPECT_EQ(store.runs().size(), 1u);
  EXPECT_TRUE(fs::exists(ag::storeValuePath(dir, key(5))));

  // Keep 2 of a fresh store: run 1 goes, but key(1) stays (run 2 uses it).
  fs::remove_all(dir);
  storefixture::writeScenario(dir);
  ag::GcResult r = store.gc(2);
  EXPECT_EQ(r.runsRemoved, 1u);
  EXPECT_EQ(r.valuesRemoved, 3u);
  EXPECT_TRUE(fs::exists(ag::storeValuePath(dir, key(1))));
  EXPECT_FALSE(fs::exists(ag::storeValuePath(dir, key(2))));
  EXPECT_EQ(store.run(2).value<ag::Tensor>("data").numel(), 4);
}

TEST_F(StoreReaderTest, GcNeverFollowsAKeyThatIsNotHex) {
  // A record naming a path instead of a key: gc must not remove that file.
  std::string name = "victim-" + std::to_string(getpid());
  fs::path victim = fs::path(dir).parent_path() / (name + ".agv");
  storefixture::writeFile(victim, "precious");
  storefixture::writeFile(storefixture::recordPath(dir, 0),
                          R"({"format": 1, "id": 0, "status": "ok",
 "nodes": [{"name": "x", "key": "../)" +
                              name + R"("}]})");
  ag::Store store(dir);
  EXPECT_EQ(store.gc(3).runsRemoved, 1u);
  EXPECT_TRUE(fs::exists(victim));
  fs::remove(victim);
  EXPECT_NE(
      errorOf([&] { store.read("../" + name); }).find("is not a store key"),
      std::string::npos);
}

/// Small values live in packs: read like files, and a gc rewrites the pack
/// of a writer that has exited without the values it removes, while a
/// running writer's pack is left alone.
TEST_F(StoreReaderTest, ValuesInPacksAreReadAndCollected) {
  using ag::exec::StoreKey;
  using ag::exec::Value;
  auto payload = [](int64_t n) {
    return *ag::exec::encodeValue(Value(ag::exec::Scalar::of(n)));
  };
  auto record = [&](int id, const std::string &k) {
    storefixture::writeFile(storefixture::recordPath(dir, id),
                            R"({"format": 1, "id": )" + std::to_string(id) +
                                R"(, "status": "ok", "outputs": {"n": ")" + k +
                                R"("}, "nodes": []})");
  };
  std::string k6 = key(6), k7 = key(7), k8 = key(8);
  // A writer that has exited: k6 (run 4) and k7 (run 5).
  pid_t pid = ::fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    ag::exec::ValueStore dead(dir);
    size_t n = dead.append({{StoreKey::fromHex(k6), payload(6)},
                            {StoreKey::fromHex(k7), payload(7)}});
    dead.closePack(); // as the end of a run does
    ::_exit(n == 2 ? 0 : 1);
  }
  int status = 0;
  ASSERT_EQ(::waitpid(pid, &status, 0), pid);
  ASSERT_EQ(WEXITSTATUS(status), 0);
  // A writer still running (this process): k8 (run 6), and k6 again.
  auto live = std::make_unique<ag::exec::ValueStore>(dir);
  ASSERT_EQ(live->append({{StoreKey::fromHex(k8), payload(8)},
                          {StoreKey::fromHex(k6), payload(6)}}),
            2u);
  live->syncPack(); // written, and the pack still open
  record(4, k6);
  record(5, k7);
  record(6, k8);
  std::vector<fs::path> before;
  for (auto &e : fs::directory_iterator(fs::path(dir) / "packs"))
    before.push_back(e.path());
  ASSERT_EQ(before.size(), 2u);

  ag::Store store(dir);
  EXPECT_EQ(store.run(4).value<int64_t>("n"), 6);
  EXPECT_EQ(store.run(6).value<int64_t>("n"), 8);
  EXPECT_EQ(store.typeOf(k7), "scalar");

  // Keep 2: runs 5 and 6 (and 3, running); runs 1, 2 and 4 go, and with
  // run 4 k6, out of the dead writer's pack.
  ag::GcResult r = store.gc(2);
  EXPECT_EQ(r.runsRemoved, 3u);
  EXPECT_EQ(r.valuesRemoved, 5u); // key(1..4) files and k6's dead record
  EXPECT_EQ(store.run(5).value<int64_t>("n"), 7);
  EXPECT_EQ(store.run(6).value<int64_t>("n"), 8);
  size_t packs = 0, rewritten = 0;
  for (auto &e : fs::directory_iterator(fs::path(dir) / "packs")) {
    ++packs;
    rewritten += e.path().filename().string().rfind("gc-", 0) == 0;
  }
  EXPECT_EQ(packs, 2u);     // the live writer's, and the rewritten one
  EXPECT_EQ(rewritten, 1u); // in place of the dead writer's
  // The live writer's index finds the pack it had indexed gone, and
  // indexes again.
  EXPECT_EQ(live->read(StoreKey::fromHex(k7))->tensor().item<int64_t>(), 7);
  // Its pack was open, so its copy of k6 stays.
  EXPECT_EQ(store.read(k6).tensor().item<int64_t>(), 6);
  // Once its run has ended, the next gc merges the closed packs into one.
  live.reset();
  EXPECT_EQ(store.gc(2).valuesRemoved, 0u);
  packs = 0;
  for (auto &e : fs::directory_iterator(fs::path(dir) / "packs"))
    packs += e.path().extension() == ".agp";
  EXPECT_EQ(packs, 1u);
  EXPECT_EQ(store.run(5).value<int64_t>("n"), 7);
  EXPECT_EQ(store.run(6).value<int64_t>("n"), 8);
}

TEST_F(StoreReaderTest, CorruptPackRecordIsAnErrorNamingIt) {
  ag::exec::StoreKey k = ag::exec::StoreKey::fromHex(key(9));
  {
    ag::exec::ValueStore writer(dir);
    writer.append({{k, *ag::exec::encodeValue(ag::exec::Value(
                           ag::exec::Scalar::of(int64_t(9))))}});
  }
  ag::exec::PackIndex index(dir);
  index.refresh();
  ASSERT_EQ(index.records().size(), 1u);
  ag::exec::PackRecord rec = index.records()[0];
  {
    std::fstream f(rec.file, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(-1, std::ios::end);
    f.put('\x7f');
  }
  ag::Store store(dir);
  EXPECT_NE(
      errorOf([&] {
        store.read(key(9));
      }).find("corrupt stored value '" + rec.where() + "': checksum mismatch"),
      std::string::npos)
      << errorOf([&] { store.read(key(9)); });
}

} // namespace
