//===- StoreRun.h - One evaluation against a store (internal) ---*- C++ -*-===//
//
// What the evaluator does with RunOptions::store. Before the run: every
// top-level slot gets a content key (ProgramKeys: node identities, computed
// once per program; feeds hashed per run), and the slots the fetches need
// whose values are stored are loaded, so planning treats them as available
// and their producers (and everything only they needed) do not run. After
// each top-level node: its small storable results are appended to the
// process's pack on the node's thread, large ones queued for a writer thread
// that writes .agv files, and the node's line of the run record is filled. At
// the end: the writer drains, the pack is synced and runs/<id>.json is
// rewritten with the outcome.
//
// Stored: the results of AG_NODE (host) nodes without effects, and fetched
// values. Tensor arithmetic is cheaper to recompute than to write, read and
// checksum a file, so intermediate tensor ops are keyed but not stored.
//
//===----------------------------------------------------------------------===//
#ifndef AG_RUNTIME_STORE_STORERUN_H
#define AG_RUNTIME_STORE_STORERUN_H

#include "ag/runtime/Program.h"
#include "ag/runtime/RunOptions.h"
#include "ag/runtime/Store.h"

#include <atomic>
#include <condition_variable>
#include <exception>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace ag::exec {

/// The keys of a program that do not depend on its feeds: one identity per
/// top-level node (what it computes, including its regions and, for
/// AG_NODE calls, the callee's code fingerprint) and one key per constant.
struct ProgramKeys {
  explicit ProgramKeys(const Program &p);
  std::vector<StoreKey> identity; // per top-level node
  std::vector<StoreKey> slot;     // constants' keys; invalid elsewhere
};

/// The store directory of a run: RunOptions::store, else AG_STORE, else "".
std::string storeDirectory(const RunOptions &options);

class StoreRun {
public:
  /// Keys the top-level slots of `p` for `feeds`. Throws ag::Error when
  /// the store cannot be used (before any node runs).
  StoreRun(std::shared_ptr<ValueStore> store, const Program &p,
           const ProgramKeys &keys, const std::vector<Tensor> &feeds,
           const std::vector<SlotId> &fetches);
  ~StoreRun();

  /// Loads the stored values the fetches need, walking back from them like
  /// planning does: `available[s]` (the session's cached slots on entry) is
  /// set for each slot loaded into `values[s]`; nodes none of whose needed
  /// results is missing count as cached.
  void lookup(std::vector<uint8_t> &available, std::vector<Value> &values);
  /// Writes the run's first record (status "running").
  void begin();

  /// A clock for node times (steady, nanoseconds).
  static uint64_t now();
  /// Top-level node `n` finished at now(); it started at `start`.
  void nodeDone(NodeId n, const std::vector<Value> &slots, uint64_t start);
  void nodeFailed(NodeId n, uint64_t start);

  /// Waits for the writer and rewrites the record; `error` is the run's
  /// exception, or null. Fills the store counters of `stats`.
  void finish(std::exception_ptr error, RunStats &stats);

private:
  enum class Status : uint8_t { None, Ran, Cached, Failed, NotStored };
  struct NodeRecord {
    Status status = Status::None;
    uint32_t thread = 0;
    double seconds = 0;
    uint64_t bytes = 0;
  };
  struct Item {
    NodeId node;
    StoreKey key;
    Value value;
  };
  void writerLoop();
  bool storable(SlotId s) const { return storable_[s]; }
  std::string record(uint64_t id, const char *status,
                     const std::string &errorJson) const;

  std::shared_ptr<ValueStore> store_;
  const Program &p_;
  std::vector<SlotId> fetches_;
  std::vector<StoreKey> keys_;    // per top-level slot
  std::vector<uint8_t> storable_; // per top-level slot
  std::vector<NodeRecord> nodes_; // per top-level node
  std::string start_;
  uint64_t id_ = 0;
  bool begun_ = false;
  uint64_t cached_ = 0, loaded_ = 0;

  std::mutex mutex_;
  std::condition_variable wake_;
  std::vector<Item> queue_;
  bool closing_ = false;
  std::atomic<uint64_t> stored_{0}; // by node threads and the writer
  std::thread writer_;
};

} // namespace ag::exec

#endif // AG_RUNTIME_STORE_STORERUN_H
