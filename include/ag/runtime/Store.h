//===- ag/runtime/Store.h - Durable store of node results -------*- C++ -*-===//
//
// The on-disk side of RunOptions::store (issue 14; format:
// docs/architecture.md, "Durable store"):
//
//   <dir>/FORMAT                    "ag-store 3"
//   <dir>/values/<k0k1>/<key>.agv   a large value: "AGS1" u64 size, u64
//                                   FNV-1a-64 of the payload, payload =
//                                   exec::encodeValue
//   <dir>/packs/<pid>-<rand>.agp    small values, appended by one process:
//                                   records "AGR2" u64 size, u64 checksum
//                                   (MurmurHash3 x64-128's first half of the
//                                   payload, seeded with the key), u64
//                                   key.hi, u64 key.lo, payload (format 2's
//                                   "AGR1" records, with FNV-1a-64 of key +
//                                   payload, are read too)
//   <dir>/runs/<id>.json            one record per run (id: 6 digits)
//   <dir>/lock                      flock'ed while a run id is allocated
//
// Values are content addressed: a key is a 128-bit hash of what produced the
// value (StoreKey). A large value's file is written atomically (temporary
// file, data synced, rename, directory synced). Small values (up to
// kPackMax bytes) cost a file creation each that way, more than the nodes
// that make them: they are appended instead to a pack file that only their
// process writes (so concurrent processes never interleave), in batches
// by a background thread, which syncs them at most a second later (see
// append). A record is whole and checksummed
// or ignored: a torn tail left by a killed process is skipped when packs
// are indexed (at open, and again before each run looks values up). A
// value that fails its size or checksum check is a miss plus one warning
// naming its file. No MLIR here; the evaluator's use of it is
// runtime/store/StoreRun.h.
//
//===----------------------------------------------------------------------===//
#ifndef AG_RUNTIME_STORE_H
#define AG_RUNTIME_STORE_H

#include "ag/runtime/Value.h"

#include <bitset>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <unordered_map>
#include <vector>

namespace ag::exec {

/// The store format this ag writes and the newest it reads (1: no packs;
/// 2: pack records "AGR1" checksummed with FNV-1a; 3: "AGR2" records, with
/// MurmurHash3: both are read).
constexpr int kStoreFormat = 3;
/// Payloads up to this size go to a pack; larger ones to their own .agv
/// file. AG_STORE_PACK_MAX=<bytes> overrides it (0: no packs).
constexpr uint64_t kPackMax = 64 * 1024;

/// A 128-bit content key; `valid` is false for a value that has no key (an
/// input without a codec, or a node inside a region).
struct StoreKey {
  uint64_t hi = 0, lo = 0;
  bool valid = false;
  /// 32 lowercase hex digits ("" when !valid).
  std::string hex() const;
  /// The key `hex()` printed; invalid unless `hex` is 32 hex digits.
  static StoreKey fromHex(std::string_view hex);
  bool operator==(const StoreKey &o) const {
    return valid == o.valid && hi == o.hi && lo == o.lo;
  }
};

/// MurmurHash3 x64-128 of `bytes` (the key hash: fast and well mixed).
StoreKey hashKey(std::string_view bytes);
/// FNV-1a-64 of `bytes` (the stored values' checksum); `seed` continues a
/// previous hash.
constexpr uint64_t kFnvOffset = 0xcbf29ce484222325ULL;
uint64_t fnv1a64(std::string_view bytes, uint64_t seed = kFnvOffset);

/// Where one record of a pack is.
struct PackRecord {
  std::string file;    ///< the pack's path
  uint64_t offset = 0; ///< of the record's header
  uint64_t size = 0;   ///< of its payload
  StoreKey key;
  /// "<file> (record at byte <offset>)", for messages.
  std::string where() const;
};

/// Reads `rec`'s payload and checks its header, key and checksum: the
/// payload, or nullopt with `why` set (`*missing` when the file is gone:
/// a gc rewrote it).
std::optional<std::string> readPackRecord(const PackRecord &rec,
                                          std::string *why = nullptr,
                                          bool *missing = nullptr);

/// The records of every pack under `<store>/packs`, by key. Packs are
/// scanned record header by record header; a record that runs past the end
/// of its file (a torn tail: its writer was killed mid-append, or is still
/// appending) ends the scan of that pack, and refresh() goes on from there.
/// Payloads are checked when read (readPackRecord). Thread-safe.
class PackIndex {
public:
  explicit PackIndex(std::string storeDir);
  /// Indexes packs created, and records appended, since the last call.
  void refresh();
  /// `key`'s records, oldest scanned first (several processes may have
  /// stored the same value).
  std::vector<PackRecord> find(const StoreKey &key) const;
  /// Every record indexed.
  std::vector<PackRecord> records() const;

private:
  void scan(const std::string &name);
  struct KeyHash {
    size_t operator()(const StoreKey &k) const { return k.hi ^ (k.lo << 1); }
  };
  /// One record, compactly (a store may hold millions): its pack by number.
  struct Entry {
    StoreKey key;
    uint64_t offset = 0, size = 0;
    uint32_t file = 0;
    uint32_t next = 0; // the key's previous record, or kNone
  };
  static constexpr uint32_t kNone = ~0u;
  PackRecord record(const Entry &e) const;
  std::string dir_; // <store>/packs
  mutable std::mutex mutex_;
  /// pack name -> (its number in files_, bytes scanned)
  std::map<std::string, std::pair<uint32_t, uint64_t>> scanned_;
  std::vector<std::string> files_;                       // pack paths
  std::unordered_map<StoreKey, uint32_t, KeyHash> head_; // key -> newest
  std::vector<Entry> entries_;
};

/// The bytes of a pack record for `payload` under `key`.
std::string packRecord(const StoreKey &key, std::string_view payload);
/// Appends them to `out`.
void appendPackRecord(std::string &out, const StoreKey &key,
                      std::string_view payload);
/// Size of a pack record's header.
constexpr size_t kPackHeader = 4 + 8 + 8 + 16;
/// Writes all of `bytes` to `fd` (retrying short writes and EINTR).
bool writeAll(int fd, std::string_view bytes);

/// One store directory opened for reading and writing.
class ValueStore {
public:
  /// Creates `dir` (and FORMAT) when missing. Throws ag::Error when `dir`
  /// is not a writable directory, or was made by a newer ag.
  explicit ValueStore(std::string dir);
  ~ValueStore();
  ValueStore(const ValueStore &) = delete;
  ValueStore &operator=(const ValueStore &) = delete;

  const std::string &dir() const { return dir_; }
  struct Pending {
    StoreKey key;
    std::string payload;
  };
  /// <dir>/values/<k0k1>/<key>.agv
  std::string valuePath(const StoreKey &key) const;

  /// The value stored under `key` (in a pack, else in its .agv file), or
  /// nullopt. A value that is truncated, fails its checksum or does not
  /// decode is a miss, reported once per process as a warning on stderr
  /// naming the file. `bytes` gets the payload size on a hit.
  std::optional<Value> read(const StoreKey &key,
                            uint64_t *bytes = nullptr) const;
  /// Indexes what other processes appended to packs since the last call
  /// (once per run, before it looks values up).
  void refresh() const;
  /// Payloads up to this size belong in a pack (append), larger ones in a
  /// .agv file (write, writeBatch).
  uint64_t packMax() const { return packMax_; }
  /// Appends `batch` to this process's pack: buffered, and written by a
  /// background thread with one write(2) per batch at most 10 ms after the
  /// first buffered record (closePack and syncPack write at once), so a
  /// killed process loses at most the last 10 ms of results; `now`: write
  /// it (and what is buffered) before returning. Not synced here:
  /// the background thread fdatasyncs the pack at most a second after its
  /// oldest unsynced write (syncPack, the destructor and exit at once), so a
  /// power failure loses at most that tail. Returns how many were taken; a
  /// failed write is a warning and leaves no torn record.
  size_t append(const std::vector<Pending> &batch, bool now = false);
  /// fdatasync of this process's packs now (unless AG_STORE_SYNC=0).
  void syncPack();
  /// Closes this process's pack (at a run's end; its sync, when due, is
  /// left to the background thread, which closes it after): the next
  /// append starts another, and a gc may rewrite this one (it rewrites only
  /// packs no process has open).
  void closePack();
  /// Stops the background sync and syncs what is left (the destructor, and
  /// exit for the stores openStore opened).
  void shutdown();
  /// Writes `payload` (encodeValue bytes) under `key` atomically: a
  /// temporary file, fsync, rename, fsync of the directory. Returns false
  /// (after a warning) when the write failed: the store is a cache, so a
  /// full disk loses results, never the run.
  bool write(const StoreKey &key, std::string_view payload) const;

  /// Writes many values with two syncfs(2) calls instead of two fsyncs per
  /// file (the temporary files are synced before any rename, the renames
  /// after): the same guarantee, at a cost that does not grow per value.
  /// Returns how many were written.
  size_t writeBatch(std::vector<Pending> &batch) const;

  /// Allocates the next run id (under <dir>/lock) and writes
  /// `record(id)` as its record. Throws ag::Error when it cannot.
  uint64_t createRun(const std::function<std::string(uint64_t)> &record) const;
  /// Replaces the record of run `id` atomically.
  bool writeRun(uint64_t id, const std::string &json) const;
  std::string runPath(uint64_t id) const;

private:
  bool ensureDir(const std::string &path) const;
  bool openPack();
  std::string dir_;
  mutable PackIndex packs_;
  /// Which values/<k0k1> folders exist (listed by refresh, set by writes):
  /// a key whose folder does not exist is a miss without a system call.
  mutable std::mutex foldersMutex_;
  mutable std::bitset<256> folders_;
  void noteFolder(const StoreKey &key) const;
  bool hasFolder(const StoreKey &key) const;
  uint64_t packMax_ = kPackMax;
  void syncerLoop();
  bool flushLocked(); // writes buffer_; packMutex_ held
  static constexpr uint64_t kFlushNs = 10'000'000;
  std::string buffer_;         // records not written yet
  bool newPack_ = false;       // a pack was created since the last sync
  uint64_t bufferedSince_ = 0; // steady ns of buffer_'s first record
  void syncNow(std::unique_lock<std::mutex> &lock);
  /// This process's pack (opened at the first append, and again after a
  /// fork: a pack has one writing process), and its background sync.
  std::mutex packMutex_;
  std::condition_variable syncWake_;
  int packFd_ = -1;
  int packPid_ = 0;
  std::string packPath_;
  uint64_t packEnd_ = 0;
  uint64_t dirtySince_ = 0;  // steady ns of the oldest unsynced append, or 0
  std::vector<int> toClose_; // closed packs to sync, then close
  std::thread *syncer_ = nullptr; // left alone in a forked child
  int syncerPid_ = 0;
  bool stopping_ = false;
  /// AG_STORE_SYNC=0: no fsync/syncfs (a scratch store on tmpfs, or where
  /// surviving a power failure does not matter). Writes stay atomic with
  /// respect to killed processes either way.
  bool sync_ = true;
};

/// A store directory opened once per process: the FORMAT check, the pack
/// index and this process's pack are shared by its runs.
std::shared_ptr<ValueStore> openStore(const std::string &dir);

/// The .agv bytes of a payload (header + payload), and the payload of .agv
/// bytes (nullopt with `why` set when the header, size or checksum is wrong).
std::string frameValue(std::string_view payload);
std::optional<std::string_view> unframeValue(std::string_view file,
                                             std::string *why = nullptr);

} // namespace ag::exec

#endif // AG_RUNTIME_STORE_H
