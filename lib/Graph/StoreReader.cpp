//===- StoreReader.cpp - ag::Store: reading runs and stored values --------===//
//
// Reads the store layout (versions 1 and 2): FORMAT, the run records under
// runs/, the .agv values under values/ and the packs under packs/ (read
// through exec::PackIndex, the writer's own reader of the format). Never
// writes except in gc, which removes files and rewrites packs of writers
// that are gone.
//
//===----------------------------------------------------------------------===//

#include "ag/Store.h"

#include "ag/runtime/Codec.h"
#include "ag/runtime/Store.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstring>
#include <set>

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

namespace ag {
namespace {

constexpr int kFormat = exec::kStoreFormat;
constexpr int kRecordFormat = 1; // of runs/<id>.json
constexpr char kMagic[4] = {'A', 'G', 'S', '1'};
constexpr size_t kHeader = 4 + 8 + 8;

[[noreturn]] void fail(std::string message) {
  Diagnostic diag;
  diag.phase = Diagnostic::Phase::Evaluation;
  diag.message = std::move(message);
  throw Error(std::move(diag));
}

std::string join(const std::string &dir, llvm::StringRef a,
                 llvm::StringRef b = "", llvm::StringRef c = "") {
  llvm::SmallString<256> path(dir);
  for (llvm::StringRef part : {a, b, c})
    if (!part.empty())
      llvm::sys::path::append(path, part);
  return path.str().str();
}

/// The file's bytes, or nullopt when it cannot be read.
std::optional<std::string> readFile(const std::string &path) {
  auto buffer = llvm::MemoryBuffer::getFile(path, /*IsText=*/false,
                                            /*RequiresNullTerminator=*/false);
  if (!buffer)
    return std::nullopt;
  return (*buffer)->getBuffer().str();
}

uint64_t readU64(const char *p) {
  uint64_t v = 0;
  for (int i = 7; i >= 0; --i)
    v = v << 8 | static_cast<unsigned char>(p[i]);
  return v;
}

/// A run record's fields, checked: a record that is not what the format
/// describes is reported rather than half-read.
class RecordReader {
public:
  RecordReader(const std::string &path) : path(path) {}

  Run parse(llvm::StringRef text) {
    llvm::Expected<llvm::json::Value> json = llvm::json::parse(text);
    if (!json)
      bad(llvm::toString(json.takeError()));
    const llvm::json::Object *o = json->getAsObject();
    if (!o)
      bad("not a JSON object");
    std::optional<int64_t> format = o->getInteger("format");
    if (!format)
      bad("no \"format\"");
    if (*format > kRecordFormat)
      fail("run record '" + path + "' was made by a newer ag (format " +
           std::to_string(*format) + "; this ag reads format " +
           std::to_string(kRecordFormat) + ")");
    Run run;
    std::optional<int64_t> id = o->getInteger("id");
    if (!id)
      bad("no integer \"id\"");
    run.id = *id;
    run.program = str(*o, "program");
    run.start = str(*o, "start");
    run.end = str(*o, "end");
    run.status = str(*o, "status", /*required=*/true);
    if (const llvm::json::Object *e = o->getObject("error")) {
      StoredError error;
      error.message = str(*e, "message");
      error.loc.file = str(*e, "file");
      error.loc.line = lineNumber(*e, "line");
      error.loc.col = lineNumber(*e, "column");
      run.error = std::move(error);
    }
    if (const llvm::json::Object *outputs = o->getObject("outputs"))
      for (const auto &[name, key] : *outputs) {
        std::optional<llvm::StringRef> k = key.getAsString();
        if (!k)
          bad("output \"" + name.str() + "\" has no string key");
        run.outputs[name.str()] = k->str();
      }
    if (const llvm::json::Array *nodes = o->getArray("nodes"))
      for (const llvm::json::Value &n : *nodes) {
        const llvm::json::Object *node = n.getAsObject();
        if (!node)
          bad("a node is not a JSON object");
        StoredNode s;
        s.name = str(*node, "name", /*required=*/true);
        s.variable = str(*node, "variable");
        s.op = str(*node, "op");
        s.location = str(*node, "location");
        s.iteration = str(*node, "iteration");
        s.status = str(*node, "status");
        s.seconds = node->getNumber("seconds").value_or(0);
        s.thread = node->getInteger("thread").value_or(-1);
        s.bytes = static_cast<uint64_t>(
            std::max<int64_t>(node->getInteger("bytes").value_or(0), 0));
        s.key = str(*node, "key");
        run.nodes.push_back(std::move(s));
      }
    return run;
  }

private:
  /// A 1-based line or column; 0 (unknown) when absent or out of range.
  static unsigned lineNumber(const llvm::json::Object &o,
                             llvm::StringRef field) {
    int64_t v = o.getInteger(field).value_or(0);
    return v > 0 && v <= UINT32_MAX ? static_cast<unsigned>(v) : 0;
  }
  [[noreturn]] void bad(const std::string &why) {
    fail("corrupt run record '" + path + "': " + why);
  }
  /// A string field; null and absent read as "".
  std::string str(const llvm::json::Object &o, llvm::StringRef field,
                  bool required = false) {
    const llvm::json::Value *v = o.get(field);
    if (!v || v->kind() == llvm::json::Value::Null) {
      if (required)
        bad("no \"" + field.str() + "\"");
      return "";
    }
    std::optional<llvm::StringRef> s = v->getAsString();
    if (!s)
      bad("\"" + field.str() + "\" is not a string");
    return s->str();
  }

  std::string path;
};

/// The run records' paths by id.
std::map<int64_t, std::string> recordFiles(const std::string &dir) {
  std::map<int64_t, std::string> files;
  std::error_code ec;
  std::string runs = join(dir, "runs");
  if (!llvm::sys::fs::is_directory(runs))
    return files;
  for (llvm::sys::fs::directory_iterator it(runs, ec), end; !ec && it != end;
       it.increment(ec)) {
    llvm::StringRef name = llvm::sys::path::filename(it->path());
    int64_t id;
    // Temporary files of an atomic write (<id>.json.tmp.*) are not records.
    if (!name.consume_back(".json") || name.getAsInteger(10, id))
      continue;
    files[id] = it->path();
  }
  if (ec)
    fail("cannot list '" + runs + "': " + ec.message());
  return files;
}

Run readRecord(const std::string &path) {
  std::optional<std::string> text = readFile(path);
  if (!text)
    fail("cannot read run record '" + path + "'");
  return RecordReader(path).parse(*text);
}

/// Lowercase hex: a record naming anything else (a path) is never followed.
bool isKey(llvm::StringRef key) {
  return key.size() >= 2 && llvm::all_of(key, [](char c) {
           return llvm::isDigit(c) || (c >= 'a' && c <= 'f');
         });
}

} // namespace

std::string storeValuePath(const std::string &dir, const std::string &key) {
  return join(dir, "values", llvm::StringRef(key).take_front(2), key + ".agv");
}

uint64_t storeChecksum(std::string_view bytes) {
  uint64_t h = 0xcbf29ce484222325ull;
  for (unsigned char c : bytes) {
    h ^= c;
    h *= 0x100000001b3ull;
  }
  return h;
}

std::string storedTypeName(const exec::Value &v) {
  switch (v.kind()) {
  case exec::Value::Kind::Tensor:
  case exec::Value::Kind::Scalar: {
    Tensor t = v.tensor();
    std::string out = std::string("ag::Tensor ") + dtypeName(t.dtype()) + "[";
    for (int64_t i = 0; i < t.rank(); ++i)
      out += (i ? ", " : "") + std::to_string(t.shape()[i]);
    return out + "]";
  }
  case exec::Value::Kind::List:
    return "a list of tensors";
  case exec::Value::Kind::Host:
    if (const std::any *a = v.hostValue()) {
      if (auto codec = exec::findHostCodec(std::type_index(a->type())))
        return codec->type;
      return a->type().name();
    }
    break;
  case exec::Value::Kind::Token:
    return "an effect token";
  case exec::Value::Kind::Empty:
    break;
  }
  return "no value";
}

Store::Store(std::string dir) : dir_(std::move(dir)) {
  if (!llvm::sys::fs::is_directory(dir_))
    fail("no store at '" + dir_ + "': " +
         (llvm::sys::fs::exists(dir_) ? "not a directory"
                                      : "no such directory"));
  std::string formatPath = join(dir_, "FORMAT");
  std::optional<std::string> format = readFile(formatPath);
  if (!format)
    fail("'" + dir_ + "' is not an ag store: it has no FORMAT file");
  llvm::StringRef line = llvm::StringRef(*format).trim();
  unsigned version = 0;
  if (!line.consume_front("ag-store ") || line.getAsInteger(10, version) ||
      version == 0)
    fail("'" + formatPath +
         "' is not an ag store's FORMAT (expected \"ag-store " +
         std::to_string(kFormat) + "\")");
  if (version > kFormat)
    fail("the store '" + dir_ + "' was made by a newer ag (format " +
         std::to_string(version) + "; this ag reads format " +
         std::to_string(kFormat) + ")");
}

std::vector<Run> Store::runs() const {
  std::vector<Run> out;
  for (const auto &[id, path] : recordFiles(dir_)) {
    Run run = readRecord(path);
    run.dir_ = dir_;
    out.push_back(std::move(run));
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const Run &a, const Run &b) { return a.id < b.id; });
  return out;
}

Run Store::run(int64_t id) const {
  std::map<int64_t, std::string> files = recordFiles(dir_);
  auto it = files.find(id);
  if (it == files.end()) {
    std::string message =
        "the store '" + dir_ + "' has no run " + std::to_string(id);
    if (!files.empty())
      message += " (its runs are " + std::to_string(files.begin()->first) +
                 " to " + std::to_string(files.rbegin()->first) + ")";
    fail(message);
  }
  Run run = readRecord(it->second);
  run.dir_ = dir_;
  return run;
}

exec::PackIndex &Store::packs() const {
  if (!packs_) {
    packs_ = std::make_shared<exec::PackIndex>(dir_);
    packs_->refresh();
  }
  return *packs_;
}

std::string Store::payload(const std::string &key) const {
  if (!isKey(key))
    fail("'" + key + "' is not a store key");
  std::string path = storeValuePath(dir_, key);
  std::optional<std::string> bytes = readFile(path);
  if (!bytes) {
    // A small value: in a pack. Any whole copy will do; a damaged one is
    // reported when there is no other.
    std::string damaged;
    for (const exec::PackRecord &rec :
         packs().find(exec::StoreKey::fromHex(key))) {
      std::string why;
      if (std::optional<std::string> packed = exec::readPackRecord(rec, &why))
        return *packed;
      damaged = "corrupt stored value '" + rec.where() + "': " + why;
    }
    if (!damaged.empty())
      fail(damaged);
    fail("the value '" + key + "' is not in the store (no file '" + path +
         "' and no pack record; removed by --gc?)");
  }
  auto corrupt = [&](const std::string &why) {
    fail("corrupt stored value '" + path + "': " + why);
  };
  if (bytes->size() < kHeader || std::memcmp(bytes->data(), kMagic, 4) != 0)
    corrupt("not an ag stored value (no AGS1 header)");
  uint64_t size = readU64(bytes->data() + 4);
  uint64_t checksum = readU64(bytes->data() + 12);
  std::string_view payload(bytes->data() + kHeader, bytes->size() - kHeader);
  if (payload.size() != size)
    corrupt("truncated: " + std::to_string(payload.size()) + " of " +
            std::to_string(size) + " payload bytes");
  if (storeChecksum(payload) != checksum)
    corrupt("checksum mismatch");
  return std::string(payload);
}

/// The host type a payload names ("" for other kinds); see
/// runtime/Codec.cpp for the layout: "AGV" u8(version) u8(kind) ...
static std::string hostTypeName(std::string_view payload, std::string &kind) {
  kind = "unknown";
  if (payload.size() < 5 || payload.substr(0, 3) != "AGV")
    return "";
  switch (payload[4]) {
  case 1:
    kind = "tensor";
    return "";
  case 2:
    kind = "scalar";
    return "";
  case 3:
    kind = "list";
    return "";
  case 4:
    kind = "host";
    break;
  default:
    return "";
  }
  if (payload.size() < 9)
    return "";
  uint32_t size = 0;
  for (int i = 3; i >= 0; --i)
    size = size << 8 | static_cast<unsigned char>(payload[5 + i]);
  if (size > payload.size() - 9)
    return "";
  return std::string(payload.substr(9, size));
}

std::string Store::typeOf(const std::string &key) const {
  std::string kind;
  std::string host = hostTypeName(payload(key), kind);
  return kind == "host" && !host.empty() ? host : kind;
}

exec::Value Store::read(const std::string &key) const {
  std::string bytes = payload(key);
  std::string kind;
  std::string host = hostTypeName(bytes, kind);
  if (kind == "host" && !host.empty() && !exec::findHostCodec(host))
    fail("the stored value '" + key + "' is a " + host +
         ", and this process has no codec for that type (read it with "
         "ag::Run::value<" +
         host + ">)");
  try {
    return exec::decodeValue(bytes);
  } catch (const exec::CodecError &e) {
    fail("corrupt stored value '" + storeValuePath(dir_, key) +
         "': " + e.what());
  }
}

GcResult Store::gc(size_t keep) const {
  std::vector<Run> all;
  std::vector<std::string> paths;
  for (const auto &[id, path] : recordFiles(dir_)) {
    all.push_back(readRecord(path));
    paths.push_back(path);
  }
  // The `keep` newest runs (by file, oldest first) stay; so does every run
  // still "running" (it may be alive; a killed one stays until removed by
  // hand).
  size_t firstKept = all.size() > keep ? all.size() - keep : 0;
  std::set<std::string> live, dropped;
  auto keys = [](const Run &run) {
    std::vector<std::string> out;
    for (const auto &[name, key] : run.outputs)
      out.push_back(key);
    for (const StoredNode &node : run.nodes)
      if (!node.key.empty())
        out.push_back(node.key);
    return out;
  };
  std::vector<std::string> removed;
  for (size_t i = 0; i < all.size(); ++i) {
    const Run &run = all[i];
    bool keepIt = i >= firstKept || run.status == "running";
    for (const std::string &key : keys(run))
      (keepIt ? live : dropped).insert(key);
    if (!keepIt)
      removed.push_back(paths[i]);
  }
  GcResult result;
  for (const std::string &path : removed)
    if (!llvm::sys::fs::remove(path))
      ++result.runsRemoved;
  std::set<std::string> gone;
  for (const std::string &key : dropped)
    if (!live.count(key) && isKey(key))
      gone.insert(key);
  gcPacks(gone, result);
  for (const std::string &key : gone) {
    std::string path = storeValuePath(dir_, key);
    uint64_t size = 0;
    if (llvm::sys::fs::file_size(path, size))
      continue; // already gone
    if (!llvm::sys::fs::remove(path)) {
      ++result.valuesRemoved;
      result.bytesRemoved += size;
    }
  }
  removeDeadTemporaries(result);
  return result;
}

namespace {
/// A pack's exclusive lock, held while gc rewrites it; -1 while a writer
/// has it open (it holds a shared lock until its run ends).
int lockClosedPack(const std::string &path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd >= 0 && ::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

void syncDirectory(const std::string &dir) {
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd >= 0) {
    ::fsync(fd);
    ::close(fd);
  }
}
} // namespace

void Store::gcPacks(const std::set<std::string> &gone, GcResult &result) const {
  std::map<std::string, std::vector<exec::PackRecord>> byPack;
  packs().refresh();
  for (exec::PackRecord &rec : packs().records())
    byPack[rec.file].push_back(std::move(rec));
  // The packs no process has open (a writer holds its pack's lock until its
  // run ends), locked while they are rewritten.
  std::vector<std::pair<std::string, int>> closed;
  bool removes = false;
  for (const auto &[path, records] : byPack) {
    int lock = lockClosedPack(path);
    if (lock < 0)
      continue; // a run is writing it: a later gc
    closed.emplace_back(path, lock);
    removes |= llvm::any_of(records, [&](const exec::PackRecord &r) {
      return gone.count(r.key.hex()) != 0;
    });
  }
  // Rewritten when values go, or to merge many runs' packs into one (the
  // index opens every pack). The kept records, checked, go to a new pack
  // under a new name (a reader's index of an old one finds it gone and
  // indexes again), then the old ones go.
  if (removes || closed.size() > 1) {
    std::string dir = join(dir_, "packs");
    llvm::SmallString<64> name;
    llvm::sys::fs::createUniquePath("gc-%%%%%%%%%%%%%%%%.agp", name, false);
    std::string fresh = join(dir, name.str().str());
    std::string tmp = fresh + ".tmp." + std::to_string(::getpid()) + ".0";
    int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    bool ok = fd >= 0, empty = true;
    size_t removed = 0;
    uint64_t bytes = 0;
    for (const auto &[path, lock] : closed) {
      for (const exec::PackRecord &rec : byPack[path]) {
        if (!ok)
          break;
        if (gone.count(rec.key.hex())) {
          ++removed;
          bytes += rec.size;
          continue;
        }
        // A damaged record (or a torn tail, never indexed) is dropped.
        if (std::optional<std::string> payload = exec::readPackRecord(rec)) {
          ok = exec::writeAll(fd, exec::packRecord(rec.key, *payload));
          empty = false;
        }
      }
    }
    if (fd >= 0) {
      ok = ok && ::fsync(fd) == 0;
      ok = ::close(fd) == 0 && ok;
    }
    if (ok && !empty)
      ok = !llvm::sys::fs::rename(tmp, fresh);
    else
      ::unlink(tmp.c_str());
    if (ok) {
      syncDirectory(dir);
      for (const auto &[path, lock] : closed)
        llvm::sys::fs::remove(path);
      syncDirectory(dir);
      result.valuesRemoved += removed;
      result.bytesRemoved += bytes;
    }
  }
  for (const auto &[path, lock] : closed)
    ::close(lock);
  packs_.reset(); // rewritten: index again at the next use
}

void Store::removeDeadTemporaries(GcResult &result) const {
  // <name>.tmp.<pid>.<rand>: an atomic write under way, or left by a
  // writer that died between creating it and renaming it. Only the latter
  // goes: its process is gone (or, should its pid have been reused since,
  // it is older than a day: no write takes that long).
  auto now = std::chrono::system_clock::now();
  auto visit = [&](const std::string &dir) {
    std::error_code ec;
    for (llvm::sys::fs::directory_iterator it(dir, ec), end; !ec && it != end;
         it.increment(ec)) {
      llvm::StringRef name = llvm::sys::path::filename(it->path());
      size_t at = name.rfind(".tmp.");
      if (at == llvm::StringRef::npos)
        continue;
      llvm::StringRef pidText = name.drop_front(at + 5).split('.').first;
      int pid = 0;
      if (pidText.getAsInteger(10, pid) || pid <= 0)
        continue;
      bool dead = ::kill(pid, 0) != 0 && errno == ESRCH;
      llvm::sys::fs::file_status st;
      if (!dead && !llvm::sys::fs::status(it->path(), st))
        dead = now - st.getLastModificationTime() > std::chrono::hours(24);
      uint64_t size = 0;
      llvm::sys::fs::file_size(it->path(), size);
      if (dead && !llvm::sys::fs::remove(it->path())) {
        ++result.temporariesRemoved;
        result.bytesRemoved += size;
      }
    }
  };
  visit(dir_);
  visit(join(dir_, "runs"));
  visit(join(dir_, "packs"));
  std::error_code ec;
  for (llvm::sys::fs::directory_iterator it(join(dir_, "values"), ec), end;
       !ec && it != end; it.increment(ec))
    if (it->type() == llvm::sys::fs::file_type::directory_file)
      visit(it->path());
}

const StoredNode &Run::node(const std::string &name) const {
  for (auto it = nodes.rbegin(); it != nodes.rend(); ++it)
    if (it->name == name)
      return *it;
  std::string message =
      "run " + std::to_string(id) + " has no node named '" + name + "'";
  std::set<std::string> names;
  for (const StoredNode &n : nodes)
    names.insert(n.name);
  if (!names.empty() && names.size() <= 20) {
    message += " (its nodes: ";
    bool first = true;
    for (const std::string &n : names) {
      message += (first ? "" : ", ") + n;
      first = false;
    }
    message += ")";
  }
  fail(message);
}

exec::Value Run::storedValue(const std::string &variable) const {
  return Store(dir_).read(keyOf(variable));
}

std::string Run::keyOf(const std::string &variable) const {
  std::string key;
  const StoredNode *found = nullptr;
  if (auto it = outputs.find(variable);
      it != outputs.end() && !it->second.empty())
    key = it->second;
  for (auto it = nodes.rbegin(); key.empty() && it != nodes.rend(); ++it)
    if (it->variable == variable) {
      found = &*it;
      key = it->key;
      break;
    }
  for (auto it = nodes.rbegin(); !found && key.empty() && it != nodes.rend();
       ++it)
    if (it->name == variable) {
      found = &*it;
      key = it->key;
    }
  if (key.empty()) {
    std::string where = "run " + std::to_string(id);
    if (!found)
      fail(where + " has no stored value named '" + variable + "'");
    std::string why =
        found->status == "failed" ? "its node failed"
        : found->status == "not-stored"
            ? "its type has no codec"
            : "its node did not store it (status '" + found->status + "')";
    fail("'" + variable + "' was not stored in " + where + ": " + why +
         (found->location.empty() ? "" : " (at " + found->location + ")"));
  }
  return key;
}

void Run::wrongType(const std::string &variable, const exec::Value &v,
                    const std::string &wanted) const {
  fail("'" + variable + "' of run " + std::to_string(id) + " is " +
       storedTypeName(v) + ", not " + wanted);
}

} // namespace ag
