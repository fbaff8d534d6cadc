//===- Store.cpp - Durable store of node results: files
//--------------------===//
//
// Files only: keys, the .agv frame, atomic writes, run ids. What to store
// and when is StoreRun.cpp's.
//
//===----------------------------------------------------------------------===//

#include "ag/runtime/Store.h"
#include "ag/Error.h"
#include "ag/runtime/Codec.h"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <map>
#include <mutex>
#include <random>
#include <set>
#include <tuple>

#include <dirent.h>
#include <fcntl.h>
#include <pthread.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

namespace ag::exec {

//===----------------------------------------------------------------------===//
// Hashes
//===----------------------------------------------------------------------===//

namespace {
uint64_t rotl(uint64_t x, int r) { return (x << r) | (x >> (64 - r)); }
uint64_t fmix(uint64_t k) {
  k ^= k >> 33;
  k *= 0xff51afd7ed558ccdULL;
  k ^= k >> 33;
  k *= 0xc4ceb9fe1a85ec53ULL;
  k ^= k >> 33;
  return k;
}
uint64_t load64(const unsigned char *p) {
  uint64_t v;
  std::memcpy(&v, p, 8); // x86-64 and aarch64 Linux: little endian
  return v;
}
} // namespace

namespace {
/// MurmurHash3 x64-128 of `bytes` from seed `seed`.
StoreKey murmur128(std::string_view bytes, uint64_t seed) {
  const auto *data = reinterpret_cast<const unsigned char *>(bytes.data());
  const size_t len = bytes.size(), blocks = len / 16;
  const uint64_t c1 = 0x87c37b91114253d5ULL, c2 = 0x4cf5ad432745937fULL;
  uint64_t h1 = seed, h2 = seed;
  for (size_t i = 0; i < blocks; ++i) {
    uint64_t k1 = load64(data + 16 * i), k2 = load64(data + 16 * i + 8);
    k1 *= c1, k1 = rotl(k1, 31), k1 *= c2, h1 ^= k1;
    h1 = rotl(h1, 27), h1 += h2, h1 = h1 * 5 + 0x52dce729;
    k2 *= c2, k2 = rotl(k2, 33), k2 *= c1, h2 ^= k2;
    h2 = rotl(h2, 31), h2 += h1, h2 = h2 * 5 + 0x38495ab5;
  }
  const unsigned char *tail = data + 16 * blocks;
  uint64_t k1 = 0, k2 = 0;
  switch (len & 15) {
  case 15:
    k2 ^= uint64_t(tail[14]) << 48;
    [[fallthrough]];
  case 14:
    k2 ^= uint64_t(tail[13]) << 40;
    [[fallthrough]];
  case 13:
    k2 ^= uint64_t(tail[12]) << 32;
    [[fallthrough]];
  case 12:
    k2 ^= uint64_t(tail[11]) << 24;
    [[fallthrough]];
  case 11:
    k2 ^= uint64_t(tail[10]) << 16;
    [[fallthrough]];
  case 10:
    k2 ^= uint64_t(tail[9]) << 8;
    [[fallthrough]];
  case 9:
    k2 ^= uint64_t(tail[8]);
    k2 *= c2, k2 = rotl(k2, 33), k2 *= c1, h2 ^= k2;
    [[fallthrough]];
  case 8:
    k1 ^= uint64_t(tail[7]) << 56;
    [[fallthrough]];
  case 7:
    k1 ^= uint64_t(tail[6]) << 48;
    [[fallthrough]];
  case 6:
    k1 ^= uint64_t(tail[5]) << 40;
    [[fallthrough]];
  case 5:
    k1 ^= uint64_t(tail[4]) << 32;
    [[fallthrough]];
  case 4:
    k1 ^= uint64_t(tail[3]) << 24;
    [[fallthrough]];
  case 3:
    k1 ^= uint64_t(tail[2]) << 16;
    [[fallthrough]];
  case 2:
    k1 ^= uint64_t(tail[1]) << 8;
    [[fallthrough]];
  case 1:
    k1 ^= uint64_t(tail[0]);
    k1 *= c1, k1 = rotl(k1, 31), k1 *= c2, h1 ^= k1;
    break;
  default:
    break;
  }
  h1 ^= len, h2 ^= len;
  h1 += h2, h2 += h1;
  h1 = fmix(h1), h2 = fmix(h2);
  h1 += h2, h2 += h1;
  StoreKey key;
  key.hi = h1;
  key.lo = h2;
  key.valid = true;
  return key;
}
} // namespace

StoreKey hashKey(std::string_view bytes) {
  return murmur128(bytes, 0x61672d73746f7265ULL); // seed: "ag-store"
}

uint64_t fnv1a64(std::string_view bytes, uint64_t seed) {
  uint64_t h = seed;
  for (unsigned char c : bytes) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  return h;
}

std::string StoreKey::hex() const {
  if (!valid)
    return "";
  static const char digits[] = "0123456789abcdef";
  std::string out(32, '0');
  for (int i = 0; i < 16; ++i) {
    out[15 - i] = digits[(hi >> (4 * i)) & 15];
    out[31 - i] = digits[(lo >> (4 * i)) & 15];
  }
  return out;
}

StoreKey StoreKey::fromHex(std::string_view hex) {
  StoreKey key;
  if (hex.size() != 32)
    return key;
  for (size_t i = 0; i < 32; ++i) {
    char c = hex[i];
    int d = c >= '0' && c <= '9'   ? c - '0'
            : c >= 'a' && c <= 'f' ? c - 'a' + 10
                                   : -1;
    if (d < 0)
      return key;
    uint64_t &half = i < 16 ? key.hi : key.lo;
    half = half << 4 | static_cast<uint64_t>(d);
  }
  key.valid = true;
  return key;
}

//===----------------------------------------------------------------------===//
// The .agv frame
//===----------------------------------------------------------------------===//

namespace {
constexpr char kMagic[4] = {'A', 'G', 'S', '1'};
constexpr size_t kHeader = 4 + 8 + 8;

void putU64(std::string &out, uint64_t v) {
  char bytes[8];
  std::memcpy(bytes, &v, 8); // little endian, as load64 reads it
  out.append(bytes, 8);
}
uint64_t getU64(std::string_view b) {
  return load64(reinterpret_cast<const unsigned char *>(b.data())); // LE
}
} // namespace

std::string frameValue(std::string_view payload) {
  std::string out(kMagic, 4);
  out.reserve(kHeader + payload.size());
  putU64(out, payload.size());
  putU64(out, fnv1a64(payload));
  out.append(payload);
  return out;
}

std::optional<std::string_view> unframeValue(std::string_view file,
                                             std::string *why) {
  auto fail = [&](const std::string &reason) {
    if (why)
      *why = reason;
    return std::nullopt;
  };
  if (file.size() < kHeader)
    return fail("truncated (" + std::to_string(file.size()) +
                " bytes, shorter than the header)");
  if (file.substr(0, 4) != std::string_view(kMagic, 4))
    return fail("not an ag store value (bad magic)");
  uint64_t size = getU64(file.substr(4, 8));
  if (size != file.size() - kHeader)
    return fail("truncated or padded (the header says " + std::to_string(size) +
                " payload bytes, the file has " +
                std::to_string(file.size() - kHeader) + ")");
  std::string_view payload = file.substr(kHeader);
  if (fnv1a64(payload) != getU64(file.substr(12, 8)))
    return fail("checksum mismatch");
  return payload;
}

//===----------------------------------------------------------------------===//
// Files
//===----------------------------------------------------------------------===//

namespace {

[[noreturn]] void storeError(const std::string &message) {
  Diagnostic diag;
  diag.phase = Diagnostic::Phase::Evaluation;
  diag.message = message + " (RunOptions::store, ag-run --store, AG_STORE)";
  throw Error(std::move(diag));
}

/// One warning per file and process: a damaged value is recomputed on every
/// run until it is rewritten, which must not flood the log.
void warnOnce(const std::string &path, const std::string &why) {
  static std::mutex mutex;
  static std::set<std::string> *warned = new std::set<std::string>;
  std::lock_guard<std::mutex> lock(mutex);
  if (!warned->insert(path).second)
    return;
  std::cerr << "warning: ag store: ignoring " << escapeControlChars(path)
            << ": " << why << "; the value is recomputed\n";
}

bool readFile(const std::string &path, std::string &out, int &err) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    err = errno;
    return false;
  }
  struct stat st;
  if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    err = errno ? errno : EINVAL;
    ::close(fd);
    return false;
  }
  out.resize(static_cast<size_t>(st.st_size));
  size_t done = 0;
  while (done < out.size()) {
    ssize_t n = ::read(fd, out.data() + done, out.size() - done);
    if (n < 0 && errno == EINTR)
      continue;
    if (n <= 0)
      break;
    done += static_cast<size_t>(n);
  }
  out.resize(done);
  ::close(fd);
  return true;
}

void syncDir(const std::string &dir) {
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd >= 0) {
    ::fsync(fd);
    ::close(fd);
  }
}

std::string parentOf(const std::string &path) {
  size_t slash = path.rfind('/');
  return slash == std::string::npos ? "." : path.substr(0, slash);
}

/// A name no other process or thread writes: <path>.tmp.<pid>.<random>.
std::string tempName(const std::string &path) {
  thread_local std::mt19937_64 rng{std::random_device{}() ^
                                   static_cast<uint64_t>(::getpid())};
  char suffix[48];
  std::snprintf(suffix, sizeof suffix, ".tmp.%d.%016llx",
                static_cast<int>(::getpid()),
                static_cast<unsigned long long>(rng()));
  return path + suffix;
}

bool mkdirs(const std::string &path);

/// Writes `bytes` to a new temporary file next to `path`; returns its name
/// ("" on failure, errno set). `sync`: fsync it before closing.
std::string writeTemp(const std::string &path, std::string_view bytes,
                      bool sync) {
  std::string tmp = tempName(path);
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  // The folder may have been removed under a running process: remake it.
  if (fd < 0 && errno == ENOENT && mkdirs(parentOf(path)))
    fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0)
    return "";
  bool ok = writeAll(fd, bytes) && (!sync || ::fsync(fd) == 0);
  int err = errno;
  ok &= ::close(fd) == 0;
  if (!ok) {
    ::unlink(tmp.c_str());
    errno = err;
    return "";
  }
  return tmp;
}

bool mkdirs(const std::string &path) {
  if (path.empty())
    return true;
  struct stat st;
  if (::stat(path.c_str(), &st) == 0)
    return S_ISDIR(st.st_mode) || (errno = ENOTDIR, false);
  std::string parent = parentOf(path);
  if (parent != path && parent != "." && !mkdirs(parent))
    return false;
  return ::mkdir(path.c_str(), 0755) == 0 || errno == EEXIST;
}

} // namespace

//===----------------------------------------------------------------------===//
// Packs
//===----------------------------------------------------------------------===//

namespace {
/// Records of format 3 ("AGR2") are checksummed with MurmurHash3 (16 bytes
/// a step); format 2's ("AGR1", byte-wise FNV-1a) are still read. FNV-1a
/// was the largest single CPU cost of storing a small value.
constexpr char kRecordMagic[4] = {'A', 'G', 'R', '2'};
constexpr char kRecordMagicV1[4] = {'A', 'G', 'R', '1'};

uint64_t recordChecksum(const StoreKey &key, std::string_view payload,
                        bool v1 = false) {
  if (v1) {
    std::string k;
    putU64(k, key.hi);
    putU64(k, key.lo);
    return fnv1a64(payload, fnv1a64(k));
  }
  return murmur128(payload, key.hi ^ rotl(key.lo, 29) ^ 0x61672d7061636bULL).hi;
}

/// Whether `header` starts a record: 0 no, 1 format 2's, 2 format 3's.
int recordVersion(std::string_view header) {
  std::string_view magic = header.substr(0, 4);
  if (magic == std::string_view(kRecordMagic, 4))
    return 2;
  return magic == std::string_view(kRecordMagicV1, 4) ? 1 : 0;
}

uint64_t steadyNs() {
  return static_cast<uint64_t>(
      std::chrono::duration_cast<std::chrono::nanoseconds>(
          std::chrono::steady_clock::now().time_since_epoch())
          .count());
}

bool preadAll(int fd, char *out, size_t size, uint64_t offset) {
  while (size) {
    ssize_t n = ::pread(fd, out, size, static_cast<off_t>(offset));
    if (n < 0 && errno == EINTR)
      continue;
    if (n <= 0)
      return false;
    out += n, size -= static_cast<size_t>(n), offset += static_cast<size_t>(n);
  }
  return true;
}
} // namespace

void appendPackRecord(std::string &out, const StoreKey &key,
                      std::string_view payload) {
  out.append(kRecordMagic, 4);
  putU64(out, payload.size());
  putU64(out, recordChecksum(key, payload));
  putU64(out, key.hi);
  putU64(out, key.lo);
  out.append(payload);
}

std::string packRecord(const StoreKey &key, std::string_view payload) {
  std::string out;
  out.reserve(kPackHeader + payload.size());
  appendPackRecord(out, key, payload);
  return out;
}

std::string PackRecord::where() const {
  return file + " (record at byte " + std::to_string(offset) + ")";
}

std::optional<std::string> readPackRecord(const PackRecord &rec,
                                          std::string *why, bool *missing) {
  auto fail = [&](const std::string &reason) -> std::optional<std::string> {
    if (why)
      *why = reason;
    return std::nullopt;
  };
  int fd = ::open(rec.file.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    if (missing)
      *missing = errno == ENOENT;
    return fail(std::strerror(errno));
  }
  std::string bytes(kPackHeader + rec.size, '\0');
  bool whole = preadAll(fd, bytes.data(), bytes.size(), rec.offset);
  ::close(fd);
  if (!whole)
    return fail("truncated");
  std::string_view b(bytes);
  int version = recordVersion(b);
  if (!version || getU64(b.substr(4, 8)) != rec.size ||
      getU64(b.substr(20, 8)) != rec.key.hi ||
      getU64(b.substr(28, 8)) != rec.key.lo)
    return fail("not the record indexed (bad header)");
  if (recordChecksum(rec.key, b.substr(kPackHeader), version == 1) !=
      getU64(b.substr(12, 8)))
    return fail("checksum mismatch");
  return bytes.substr(kPackHeader);
}

PackIndex::PackIndex(std::string storeDir) : dir_(storeDir + "/packs") {}

void PackIndex::refresh() {
  std::vector<std::string> names;
  if (DIR *d = ::opendir(dir_.c_str())) {
    while (dirent *e = ::readdir(d)) {
      std::string_view name = e->d_name;
      if (name.size() > 4 && name.substr(name.size() - 4) == ".agp")
        names.emplace_back(name);
    }
    ::closedir(d);
  }
  std::lock_guard<std::mutex> lock(mutex_);
  for (const std::string &name : names)
    scan(name);
}

void PackIndex::scan(const std::string &name) {
  std::string path = dir_ + "/" + name;
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return; // removed by a gc since the listing
  struct stat st;
  auto [at, added] = scanned_.try_emplace(name, files_.size(), 0);
  if (added)
    files_.push_back(path);
  const uint32_t file = at->second.first;
  uint64_t &pos = at->second.second;
  if (::fstat(fd, &st) != 0 || static_cast<uint64_t>(st.st_size) <= pos) {
    ::close(fd);
    return;
  }
  const uint64_t end = static_cast<uint64_t>(st.st_size);
  // Headers are read from a buffer of the file's next bytes; payloads are
  // skipped, not read (readPackRecord checks them when they are needed).
  std::string buf;
  uint64_t bufAt = 0;
  while (pos + kPackHeader <= end) {
    if (pos < bufAt || pos + kPackHeader > bufAt + buf.size()) {
      bufAt = pos;
      buf.resize(std::min<uint64_t>(end - pos, 256 * 1024));
      if (!preadAll(fd, buf.data(), buf.size(), pos))
        break;
    }
    std::string_view h(buf.data() + (pos - bufAt), kPackHeader);
    if (!recordVersion(h))
      break; // not a record: nothing after it can be found
    uint64_t size = getU64(h.substr(4, 8));
    if (size > end - pos - kPackHeader)
      break; // a torn tail, or an append under way: scanned again later
    Entry e;
    e.offset = pos;
    e.size = size;
    e.key.hi = getU64(h.substr(20, 8));
    e.key.lo = getU64(h.substr(28, 8));
    e.key.valid = true;
    e.file = file;
    auto [it, fresh] = head_.try_emplace(e.key, kNone);
    e.next = it->second; // kNone for the key's first record
    it->second = static_cast<uint32_t>(entries_.size());
    entries_.push_back(e);
    pos += kPackHeader + size;
  }
  ::close(fd);
}

PackRecord PackIndex::record(const Entry &e) const {
  PackRecord rec;
  rec.file = files_[e.file];
  rec.offset = e.offset;
  rec.size = e.size;
  rec.key = e.key;
  return rec;
}

std::vector<PackRecord> PackIndex::find(const StoreKey &key) const {
  std::lock_guard<std::mutex> lock(mutex_);
  std::vector<PackRecord> out;
  auto it = head_.find(key);
  if (it == head_.end())
    return out;
  for (uint32_t i = it->second; i != kNone; i = entries_[i].next)
    out.push_back(record(entries_[i]));
  std::sort(out.begin(), out.end(), [](const auto &a, const auto &b) {
    return std::tie(a.file, a.offset) < std::tie(b.file, b.offset);
  });
  return out;
}

std::vector<PackRecord> PackIndex::records() const {
  std::lock_guard<std::mutex> lock(mutex_);
  std::vector<PackRecord> out;
  out.reserve(entries_.size());
  for (const Entry &e : entries_)
    out.push_back(record(e));
  return out;
}

namespace {
std::string withoutTrailingSlash(std::string dir) {
  while (dir.size() > 1 && dir.back() == '/')
    dir.pop_back();
  return dir;
}
} // namespace

namespace {
/// Every live store's pack mutex, held across fork(): a child forked while
/// the syncer thread writes would inherit it locked, with no thread left to
/// unlock it (StoreTest.SecondProcessRunsNoStoredNode hung so under load).
class ForkGuard {
public:
  static ForkGuard &get() {
    // Never destroyed: the handlers may run after static destructors.
    static ForkGuard *guard = [] {
      auto *g = new ForkGuard;
      ::pthread_atfork([] { get().lockAll(); }, [] { get().unlockAll(); },
                       [] { get().unlockAll(); });
      return g;
    }();
    return *guard;
  }
  void add(std::mutex *m) {
    std::lock_guard<std::mutex> lock(registry_);
    mutexes_.insert(m);
  }
  void remove(std::mutex *m) {
    std::lock_guard<std::mutex> lock(registry_);
    mutexes_.erase(m);
  }

private:
  void lockAll() {
    registry_.lock();
    for (std::mutex *m : mutexes_)
      m->lock();
  }
  void unlockAll() {
    for (std::mutex *m : mutexes_)
      m->unlock();
    registry_.unlock();
  }
  std::mutex registry_;
  std::set<std::mutex *> mutexes_;
};
} // namespace

ValueStore::ValueStore(std::string dir)
    : dir_(withoutTrailingSlash(std::move(dir))), packs_(dir_) {
  const char *sync = std::getenv("AG_STORE_SYNC");
  sync_ = !sync || std::string(sync) != "0";
  if (const char *max = std::getenv("AG_STORE_PACK_MAX"))
    packMax_ = std::strtoull(max, nullptr, 10);
  if (dir_.empty())
    storeError("the store directory is empty");
  if (!mkdirs(dir_))
    storeError("cannot create the store directory '" + dir_ +
               "': " + std::strerror(errno));
  std::string format;
  int err = 0, version = 0;
  if (readFile(dir_ + "/FORMAT", format, err)) {
    if (std::sscanf(format.c_str(), "ag-store %d", &version) != 1 ||
        version < 1)
      storeError("'" + dir_ + "/FORMAT' does not name an ag store format");
    if (version > kStoreFormat)
      storeError("the store '" + dir_ + "' was made by a newer ag (format " +
                 std::to_string(version) + "; this ag reads format " +
                 std::to_string(kStoreFormat) + " and older)");
  } else if (err != ENOENT) {
    storeError("cannot read '" + dir_ + "/FORMAT': " + std::strerror(err));
  }
  // Before any node runs: a directory we cannot write is an error now, not
  // a warning per value later. (access(2) is not enough: root passes it on
  // a read-only file system.)
  std::string probe = writeTemp(dir_ + "/.probe", "", false);
  if (probe.empty())
    storeError("the store directory '" + dir_ +
               "' is not writable: " + std::strerror(errno));
  ::unlink(probe.c_str());
  if (!mkdirs(dir_ + "/values") || !mkdirs(dir_ + "/runs") ||
      !mkdirs(dir_ + "/packs"))
    storeError("cannot create the store's folders in '" + dir_ +
               "': " + std::strerror(errno));
  // A format-1 store gets packs from now on, which a format-1 reader would
  // not see: it is told the store is newer than it.
  if (version < kStoreFormat) {
    std::string tmp =
        writeTemp(dir_ + "/FORMAT",
                  "ag-store " + std::to_string(kStoreFormat) + "\n", true);
    if (tmp.empty() || ::rename(tmp.c_str(), (dir_ + "/FORMAT").c_str()) != 0)
      storeError("cannot write '" + dir_ + "/FORMAT': " + std::strerror(errno));
    syncDir(dir_);
  }
  refresh();
  ForkGuard::get().add(&packMutex_);
}

ValueStore::~ValueStore() {
  shutdown();
  ForkGuard::get().remove(&packMutex_);
}

void ValueStore::refresh() const {
  packs_.refresh();
  std::bitset<256> folders;
  if (DIR *d = ::opendir((dir_ + "/values").c_str())) {
    while (dirent *e = ::readdir(d)) {
      StoreKey k =
          StoreKey::fromHex(std::string(e->d_name) + std::string(30, '0'));
      if (k.valid && std::strlen(e->d_name) == 2)
        folders.set(k.hi >> 56);
    }
    ::closedir(d);
  }
  std::lock_guard<std::mutex> lock(foldersMutex_);
  folders_ |= folders;
}

void ValueStore::noteFolder(const StoreKey &key) const {
  std::lock_guard<std::mutex> lock(foldersMutex_);
  folders_.set(key.hi >> 56);
}

bool ValueStore::hasFolder(const StoreKey &key) const {
  std::lock_guard<std::mutex> lock(foldersMutex_);
  return folders_.test(key.hi >> 56);
}

std::string ValueStore::valuePath(const StoreKey &key) const {
  std::string hex = key.hex();
  return dir_ + "/values/" + hex.substr(0, 2) + "/" + hex + ".agv";
}

std::optional<Value> ValueStore::read(const StoreKey &key,
                                      uint64_t *bytes) const {
  if (!key.valid)
    return std::nullopt;
  auto decoded = [&](std::string_view payload,
                     const std::string &where) -> std::optional<Value> {
    try {
      Value v = decodeValue(payload);
      if (bytes)
        *bytes = payload.size();
      return v;
    } catch (const CodecError &e) {
      warnOnce(where, std::string("cannot decode: ") + e.what());
    }
    return std::nullopt;
  };
  // Newest process's record last; any whole one will do (equal keys, equal
  // values). A pack a gc rewrote since the index was built is gone: index
  // again, once.
  for (int attempt = 0; attempt < 2; ++attempt) {
    bool stale = false;
    for (const PackRecord &rec : packs_.find(key)) {
      std::string why;
      bool missing = false;
      if (std::optional<std::string> payload =
              readPackRecord(rec, &why, &missing)) {
        if (std::optional<Value> v = decoded(*payload, rec.where()))
          return v;
      } else if (missing) {
        stale = true;
      } else {
        warnOnce(rec.where(), why);
      }
    }
    if (!stale)
      break;
    packs_.refresh();
  }
  // Most stores hold small values only: no folder, no open(2) per miss.
  if (!hasFolder(key))
    return std::nullopt;
  std::string path = valuePath(key), file;
  int err = 0;
  if (!readFile(path, file, err)) {
    if (err != ENOENT && err != ENOTDIR)
      warnOnce(path, std::strerror(err));
    return std::nullopt;
  }
  std::string why;
  std::optional<std::string_view> payload = unframeValue(file, &why);
  if (!payload) {
    warnOnce(path, why);
    return std::nullopt;
  }
  return decoded(*payload, path);
}

bool ValueStore::openPack() {
  if (packFd_ >= 0 && packPid_ == ::getpid())
    return true;
  // A forked child shares its parent's pack descriptor: it gets its own.
  if (packFd_ >= 0)
    ::close(packFd_);
  packFd_ = -1;
  packPid_ = ::getpid();
  thread_local std::mt19937_64 rng{std::random_device{}() ^
                                   static_cast<uint64_t>(::getpid())};
  char name[64];
  std::snprintf(name, sizeof name, "/packs/%d-%016llx.agp", packPid_,
                static_cast<unsigned long long>(rng()));
  packPath_ = dir_ + name;
  if (!ensureDir(dir_ + "/packs"))
    return false;
  int fd = ::open(packPath_.c_str(),
                  O_WRONLY | O_CREAT | O_EXCL | O_APPEND | O_CLOEXEC, 0644);
  if (fd < 0)
    return false;
  // Held while this process lives: gc rewrites only packs it can lock
  // exclusively, i.e. those whose writer is gone.
  ::flock(fd, LOCK_SH);
  newPack_ = true; // its name is synced with its data, in the background
  packFd_ = fd;
  packEnd_ = 0;
  return true;
}

size_t ValueStore::append(const std::vector<Pending> &batch, bool now) {
  if (batch.empty())
    return 0;
  std::string bytes;
  size_t size = 0;
  for (const Pending &p : batch)
    size += kPackHeader + p.payload.size();
  bytes.reserve(size);
  for (const Pending &p : batch)
    appendPackRecord(bytes, p.key, p.payload);
  std::lock_guard<std::mutex> lock(packMutex_);
  if (buffer_.empty()) {
    bufferedSince_ = steadyNs();
    if (!syncer_ || syncerPid_ != ::getpid()) {
      syncer_ = new std::thread([this] { syncerLoop(); });
      syncerPid_ = ::getpid();
    }
    syncWake_.notify_one();
  }
  buffer_ += bytes;
  // A system call per value would cost more than many nodes (~10 us on a
  // busy VM), and creating a pack more: the background thread writes the
  // records in batches, at most kFlushNs after the first of them. A node
  // thread writes only to bound the buffer.
  if (now || buffer_.size() >= (1u << 20))
    return flushLocked() ? batch.size() : 0;
  return batch.size();
}

bool ValueStore::flushLocked() {
  if (buffer_.empty())
    return true;
  std::string bytes;
  bytes.swap(buffer_);
  if (!openPack()) {
    warnOnce(packPath_, std::string("cannot write: ") + std::strerror(errno));
    return false;
  }
  // One write(2) for the batch: a killed process leaves whole records and
  // at most one torn tail, which readers skip.
  if (!writeAll(packFd_, bytes)) {
    int err = errno;
    // Cut a partial append off, so that later records stay reachable; if
    // even that fails, the next append starts a new pack.
    if (::ftruncate(packFd_, static_cast<off_t>(packEnd_)) != 0) {
      ::close(packFd_);
      packFd_ = -1;
    }
    warnOnce(packPath_, std::string("cannot write: ") + std::strerror(err));
    return false;
  }
  packEnd_ += bytes.size();
  // Synced in the background, at most a second after the oldest unsynced
  // write: nodes never wait for a disk flush.
  if (sync_ && !dirtySince_)
    dirtySince_ = steadyNs();
  return true;
}

void ValueStore::syncerLoop() {
  std::unique_lock<std::mutex> lock(packMutex_);
  while (true) {
    syncWake_.wait(
        lock, [&] { return stopping_ || !buffer_.empty() || dirtySince_; });
    if (stopping_)
      return; // shutdown writes and syncs what is left
    uint64_t due = ~0ull;
    if (!buffer_.empty())
      due = bufferedSince_ + kFlushNs;
    if (dirtySince_)
      due = std::min<uint64_t>(due, dirtySince_ + 1'000'000'000ull);
    if (syncWake_.wait_until(lock,
                             std::chrono::steady_clock::time_point(
                                 std::chrono::nanoseconds(due)),
                             [&] { return stopping_; }))
      return;
    uint64_t now = steadyNs();
    if (!buffer_.empty() && now >= bufferedSince_ + kFlushNs)
      flushLocked();
    if (dirtySince_ && now >= dirtySince_ + 1'000'000'000ull)
      syncNow(lock);
  }
}

void ValueStore::syncNow(std::unique_lock<std::mutex> &lock) {
  std::vector<int> closing;
  closing.swap(toClose_);
  int current = -1;
  if (packFd_ >= 0 && packPid_ == ::getpid() && dirtySince_)
    current = ::dup(packFd_); // synced without holding up appends
  dirtySince_ = 0;
  bool newPack = newPack_ && sync_;
  newPack_ = false;
  lock.unlock();
  if (newPack)
    syncDir(dir_ + "/packs");
  for (int fd : closing) {
    if (sync_)
      ::fdatasync(fd);
    ::close(fd); // releases the pack's lock: a gc may rewrite it
  }
  if (current >= 0) {
    ::fdatasync(current);
    ::close(current);
  }
  lock.lock();
}

void ValueStore::syncPack() {
  std::unique_lock<std::mutex> lock(packMutex_);
  flushLocked();
  syncNow(lock);
}

void ValueStore::closePack() {
  std::lock_guard<std::mutex> lock(packMutex_);
  flushLocked();
  if (packFd_ >= 0 && packPid_ == ::getpid()) {
    if (dirtySince_)
      toClose_.push_back(packFd_); // the syncer syncs and closes it
    else
      ::close(packFd_);
  }
  packFd_ = -1;
}

void ValueStore::shutdown() {
  closePack();
  std::thread *syncer = nullptr;
  {
    std::lock_guard<std::mutex> lock(packMutex_);
    stopping_ = true;
    if (syncerPid_ == ::getpid())
      std::swap(syncer, syncer_);
  }
  syncWake_.notify_all();
  if (syncer) {
    syncer->join();
    delete syncer;
  }
  syncPack();
}

bool ValueStore::ensureDir(const std::string &path) const {
  static std::mutex mutex;
  static std::set<std::string> *made = new std::set<std::string>;
  {
    std::lock_guard<std::mutex> lock(mutex);
    if (made->count(path))
      return true;
  }
  if (!mkdirs(path))
    return false;
  std::lock_guard<std::mutex> lock(mutex);
  made->insert(path);
  return true;
}

bool ValueStore::write(const StoreKey &key, std::string_view payload) const {
  std::string path = valuePath(key), dir = parentOf(path);
  std::string tmp;
  if (ensureDir(dir)) {
    noteFolder(key);
    tmp = writeTemp(path, frameValue(payload), sync_);
  }
  if (tmp.empty() || ::rename(tmp.c_str(), path.c_str()) != 0) {
    int err = errno;
    if (!tmp.empty())
      ::unlink(tmp.c_str());
    warnOnce(path, std::string("cannot write: ") + std::strerror(err));
    return false;
  }
  if (sync_)
    syncDir(dir);
  return true;
}

size_t ValueStore::writeBatch(std::vector<Pending> &batch) const {
  std::vector<std::pair<std::string, std::string>> renames; // tmp, path
  renames.reserve(batch.size());
  for (Pending &p : batch) {
    std::string path = valuePath(p.key);
    std::string tmp;
    if (ensureDir(parentOf(path))) {
      noteFolder(p.key);
      tmp = writeTemp(path, frameValue(p.payload), false);
    }
    if (tmp.empty()) {
      warnOnce(path, std::string("cannot write: ") + std::strerror(errno));
      continue;
    }
    renames.emplace_back(std::move(tmp), std::move(path));
  }
  if (renames.empty())
    return 0;
  int dirFd =
      sync_ ? ::open(dir_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC) : -1;
  // Every temporary file's data is on disk before any of them gets its
  // name, and the names are on disk before the batch counts as written.
  if (dirFd >= 0)
    ::syncfs(dirFd);
  size_t written = 0;
  for (auto &[tmp, path] : renames) {
    if (::rename(tmp.c_str(), path.c_str()) == 0) {
      ++written;
      continue;
    }
    warnOnce(path, std::string("cannot write: ") + std::strerror(errno));
    ::unlink(tmp.c_str());
  }
  if (dirFd >= 0) {
    ::syncfs(dirFd);
    ::close(dirFd);
  }
  return written;
}

std::string ValueStore::runPath(uint64_t id) const {
  char name[32];
  std::snprintf(name, sizeof name, "%06llu.json",
                static_cast<unsigned long long>(id));
  return dir_ + "/runs/" + name;
}

uint64_t ValueStore::createRun(
    const std::function<std::string(uint64_t)> &record) const {
  std::string lockPath = dir_ + "/lock";
  int lockFd = ::open(lockPath.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (lockFd < 0)
    storeError("cannot open '" + lockPath + "': " + std::strerror(errno));
  // Held only while the id is chosen and its first record written.
  while (::flock(lockFd, LOCK_EX) != 0 && errno == EINTR)
    ;
  uint64_t last = 0;
  if (DIR *d = ::opendir((dir_ + "/runs").c_str())) {
    while (dirent *e = ::readdir(d)) {
      const char *name = e->d_name;
      size_t len = std::strlen(name);
      if (len < 11 || std::strcmp(name + len - 5, ".json") != 0)
        continue;
      bool digits = true;
      for (size_t i = 0; i + 5 < len; ++i)
        digits &= name[i] >= '0' && name[i] <= '9';
      if (digits)
        last = std::max<uint64_t>(last, std::strtoull(name, nullptr, 10));
    }
    ::closedir(d);
  }
  uint64_t id = last + 1;
  bool ok = writeRun(id, record(id));
  int err = errno;
  ::flock(lockFd, LOCK_UN);
  ::close(lockFd);
  if (!ok)
    storeError("cannot write the run record '" + runPath(id) +
               "': " + std::strerror(err));
  return id;
}

bool ValueStore::writeRun(uint64_t id, const std::string &json) const {
  // Records are replaced atomically but not synced: they describe runs, and
  // losing the last one to a power failure loses no result.
  std::string path = runPath(id);
  std::string tmp = writeTemp(path, json, false);
  if (tmp.empty())
    return false;
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    ::unlink(tmp.c_str());
    return false;
  }
  return true;
}

std::shared_ptr<ValueStore> openStore(const std::string &dir) {
  static std::mutex mutex;
  static auto *open = new std::map<std::string, std::shared_ptr<ValueStore>>;
  std::lock_guard<std::mutex> lock(mutex);
  auto it = open->find(dir);
  if (it != open->end()) {
    // The directory may have been removed since (tests, `rm -rf`): check
    // it again cheaply and reopen when gone.
    struct stat st;
    if (::stat((dir + "/FORMAT").c_str(), &st) == 0)
      return it->second;
  }
  auto store = std::make_shared<ValueStore>(dir);
  (*open)[dir] = store;
  // These stores live as long as the process: sync their packs at exit.
  static bool registered = [] {
    return std::atexit([] {
             std::lock_guard<std::mutex> lock(mutex);
             for (auto &[path, s] : *open)
               s->shutdown();
           }) == 0;
  }();
  (void)registered;
  return store;
}

bool writeAll(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR)
      continue;
    if (n <= 0)
      return false;
    bytes.remove_prefix(static_cast<size_t>(n));
  }
  return true;
}

} // namespace ag::exec
