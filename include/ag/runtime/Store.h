//===- ag/runtime/Store.h - Durable store of node results -------*- C++ -*-===//
//
// The on-disk side of RunOptions::store (issue 14; format: docs/store.md):
//
//   <dir>/FORMAT                    "ag-store 1"
//   <dir>/values/<k0k1>/<key>.agv   "AGS1" u64 size, u64 FNV-1a-64 of the
//                                   payload, payload = exec::encodeValue
//   <dir>/runs/<id>.json            one record per run (id: 6 digits)
//   <dir>/lock                      flock'ed while a run id is allocated
//
// Values are content addressed: a key is a 128-bit hash of what produced the
// value (StoreKey). Writes are atomic (temporary file, data synced, rename,
// directory synced), so a reader sees a whole value or none; a file that
// fails its size or checksum check is a miss plus one warning naming it.
// No MLIR here; the evaluator's use of it is runtime/store/StoreRun.h.
//
//===----------------------------------------------------------------------===//
#ifndef AG_RUNTIME_STORE_H
#define AG_RUNTIME_STORE_H

#include "ag/runtime/Value.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ag::exec {

/// The store format this ag writes and the newest it reads.
constexpr int kStoreFormat = 1;

/// A 128-bit content key; `valid` is false for a value that has no key (an
/// input without a codec, or a node inside a region).
struct StoreKey {
  uint64_t hi = 0, lo = 0;
  bool valid = false;
  /// 32 lowercase hex digits ("" when !valid).
  std::string hex() const;
  bool operator==(const StoreKey &o) const {
    return valid == o.valid && hi == o.hi && lo == o.lo;
  }
};

/// MurmurHash3 x64-128 of `bytes` (the key hash: fast and well mixed).
StoreKey hashKey(std::string_view bytes);
/// FNV-1a-64 of `bytes` (the .agv checksum of STORE.md).
uint64_t fnv1a64(std::string_view bytes);

/// One store directory opened for reading and writing.
class ValueStore {
public:
  /// Creates `dir` (and FORMAT) when missing. Throws ag::Error when `dir`
  /// is not a writable directory, or was made by a newer ag.
  explicit ValueStore(std::string dir);

  const std::string &dir() const { return dir_; }
  /// <dir>/values/<k0k1>/<key>.agv
  std::string valuePath(const StoreKey &key) const;

  /// The value stored under `key`, or nullopt. A file that is truncated,
  /// fails its checksum or does not decode is a miss, reported once per
  /// process as a warning on stderr naming the file. `bytes` gets the
  /// payload size on a hit.
  std::optional<Value> read(const StoreKey &key,
                            uint64_t *bytes = nullptr) const;
  /// Writes `payload` (encodeValue bytes) under `key` atomically: a
  /// temporary file, fsync, rename, fsync of the directory. Returns false
  /// (after a warning) when the write failed: the store is a cache, so a
  /// full disk loses results, never the run.
  bool write(const StoreKey &key, std::string_view payload) const;

  /// Writes many values with two syncfs(2) calls instead of two fsyncs per
  /// file (the temporary files are synced before any rename, the renames
  /// after): the same guarantee, at a cost that does not grow per value.
  struct Pending {
    StoreKey key;
    std::string payload;
  };
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
  std::string dir_;
  /// AG_STORE_SYNC=0: no fsync/syncfs (a scratch store on tmpfs, or where
  /// surviving a power failure does not matter). Writes stay atomic with
  /// respect to killed processes either way.
  bool sync_ = true;
};

/// A store directory opened once per process (ValueStore is stateless
/// beyond its path; this shares the FORMAT check between runs).
std::shared_ptr<ValueStore> openStore(const std::string &dir);

/// The .agv bytes of a payload (header + payload), and the payload of .agv
/// bytes (nullopt with `why` set when the header, size or checksum is wrong).
std::string frameValue(std::string_view payload);
std::optional<std::string_view> unframeValue(std::string_view file,
                                             std::string *why = nullptr);

} // namespace ag::exec

#endif // AG_RUNTIME_STORE_H
