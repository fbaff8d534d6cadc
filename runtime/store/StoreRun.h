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
// Inside regions (loop bodies, branches) keys are made as the region runs:
// an execution's slot keys (Plan::FrameState::keys) start from its
// constants, its captures' keys in the enclosing frame and its arguments'
// keys (a loop's carried values: the keys of the previous iteration's
// results, so iteration k's keys follow from the keys of what went in);
// each node's results are keyed from its identity and its operands' keys
// before it runs. A host node whose results are all stored is not run: its
// values are read (regionCached); one that runs has them written
// (regionDone), like a top-level node's.
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
#include <unordered_map>
#include <vector>

namespace ag::exec {

/// The keys of a program that do not depend on its feeds: one identity per
/// top-level node (what it computes, including its regions and, for
/// AG_NODE calls, the callee's code fingerprint) and one key per constant.
struct ProgramKeys {
  explicit ProgramKeys(const Program &p);
  std::vector<StoreKey> identity; // per top-level node
  std::vector<StoreKey> slot;     // constants' keys; invalid elsewhere
  /// The keys of region `r` of some node here (made on first use, kept for
  /// the program's life: regions run once per iteration). Thread-safe.
  const ProgramKeys &region(const Program &r) const;
  /// StoreRun::linePrefix of top-level node `n` of `p` (this program),
  /// made once: run records are written at the end of every run.
  const std::string &linePrefix(const Program &p, NodeId n, SlotId shown) const;

private:
  mutable std::mutex mutex_;
  mutable std::vector<std::pair<SlotId, std::string>> prefixes_;
  mutable std::unordered_map<const Program *, std::unique_ptr<ProgramKeys>>
      regions_;
};

/// The keys of one frame's slots, indexed by SlotId.
using SlotKeys = std::vector<StoreKey>;

/// The key of a loop's induction variable `iv` (an int64 value).
StoreKey indexKey(int64_t iv);

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
  /// The fixed start of node `node`'s line in a run record (name,
  /// variable, op, location; `shown`: the result that names it).
  static std::string linePrefix(const Program &p, const Node &node,
                                SlotId shown);

  /// The top-level slots' keys (the frame regions of top-level nodes
  /// capture from).
  const SlotKeys &topKeys() const { return keys_; }
  /// An execution of `region` starts: `keys` (its frame's) get its
  /// constants' keys and its captures' from `parent` (the enclosing
  /// frame's); its arguments' and nodes' are set as they are bound.
  void enterRegion(const Program &region, const SlotKeys &parent,
                   SlotKeys &keys);
  /// Node `n` of `region` is about to run in the frame whose keys are
  /// `keys`: keys its results. True when it is a storable host node whose
  /// results were all read from the store into `values` (then it does not
  /// run; `iteration` names the loop iterations it is in, e.g. "3.12").
  bool regionCached(const Program &region, NodeId n, SlotKeys &keys,
                    std::vector<Value> &values, const std::string &iteration);
  /// Node `n` of `region` ran (started at `start`): its storable results
  /// are written, a host node is recorded.
  void regionDone(const Program &region, NodeId n, const SlotKeys &keys,
                  const std::vector<Value> &slots, uint64_t start,
                  const std::string &iteration);
  void regionFailed(const Program &region, NodeId n, uint64_t start,
                    const std::string &iteration);

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
  /// A host node inside a region, per execution (iteration); at most
  /// kMaxRegionRecords are kept (a long loop would make a huge record).
  struct RegionRecord {
    const Node *node;
    std::string iteration;
    NodeRecord rec;
    StoreKey key;
    SlotId shown;
    const Program *region;
  };
  static constexpr size_t kMaxRegionRecords = 10000;
  void addRegionRecord(RegionRecord r);
  /// The record of one execution of host node `n` of `region` that began at
  /// `start`, counted as run.
  RegionRecord executedRecord(const Program &region, NodeId n, uint64_t start,
                              const std::string &iteration, Status status);
  /// Whether result `r` of node `n` of `region` is stored: a host node's
  /// result without effects.
  static bool regionStorable(const Program &region, NodeId n);
  /// Writes `n`'s storable results (top level or a region): small ones
  /// appended to the pack here, large ones queued for the writer.
  void storeResults(NodeId n, SlotSpan results, const SlotKeys &keys,
                    const std::vector<Value> &slots, NodeRecord &rec,
                    const std::vector<uint8_t> *storable);
  void writerLoop();
  static void appendNode(std::string &out, bool &first,
                         const std::string &prefix, const StoreKey &key,
                         const NodeRecord &rec, const std::string &iteration);
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
  const ProgramKeys &programKeys_;
  std::atomic<uint64_t> cached_{0}, loaded_{0};
  std::atomic<uint64_t> regionRan_{0};
  std::mutex recordsMutex_;
  std::vector<RegionRecord> regionRecords_;
  uint64_t regionOmitted_ = 0;

  std::mutex mutex_;
  std::condition_variable wake_;
  std::vector<Item> queue_;
  bool closing_ = false;
  std::atomic<uint64_t> stored_{0}; // by node threads and the writer
  std::thread writer_;
};

} // namespace ag::exec

#endif // AG_RUNTIME_STORE_STORERUN_H
