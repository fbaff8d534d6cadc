//===- ag/Store.h - Reading a durable store of runs and values --*- C++ -*-===//
//
// The reading side of the durable store (issue 14): the runs an evaluation
// with RunOptions::store recorded, their nodes, and the values they stored.
//
//   ag::Store store("runs.store");
//   for (const ag::Run &run : store.runs())
//     std::cout << run.id << " " << run.status << "\n";
//   ag::Run last = store.runs().back();
//   double best = last.value<double>("best");
//   Table table = last.value<Table>("table"); // a type with a cereal codec
//
// The layout on disk (version 3; 1 has no packs, 2 checksums pack records
// with FNV-1a; all are read): FORMAT ("ag-store 3"),
// values/<k0k1>/<key>.agv (large values), packs/*.agp (small values) and
// runs/<id>.json. Every failure (a missing
// directory, a newer format, a corrupt record or value, a value that was not
// stored or has another type) is an ag::Error that says what and where.
//
//===----------------------------------------------------------------------===//
#ifndef AG_STORE_H
#define AG_STORE_H

#include "ag/Codec.h"
#include "ag/Error.h"
#include "ag/Node.h"
#include "ag/Tensor.h"
#include "ag/runtime/Value.h"

#include <any>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <type_traits>
#include <vector>

namespace ag {
namespace exec {
class PackIndex;
} // namespace exec

/// One node of a recorded run.
struct StoredNode {
  std::string name;     ///< The node's name (a function or an op).
  std::string variable; ///< The user's variable it computed, or "".
  std::string op;       ///< The graph op, e.g. "ag.host_call".
  std::string location; ///< "file:line:column", or "".
  /// A node inside loops: the iteration it ran in, outermost loop first
  /// ("3.12"); "" for a node outside loops.
  std::string iteration;
  /// "ran", "cached" (read from the store), "failed" or "not-stored" (ran;
  /// its value has no codec).
  std::string status;
  double seconds = 0;
  int64_t thread = -1;
  uint64_t bytes = 0;
  std::string key; ///< The stored value's key, or "" when none was stored.
};

/// Why a recorded run failed.
struct StoredError {
  std::string message;
  SourceLoc loc;
};

/// One recorded evaluation.
class Run {
public:
  int64_t id = 0;
  std::string program;
  std::string start, end; ///< ISO 8601 UTC; end is "" while running.
  /// "ok", "failed" or "running" (a killed run stays "running").
  std::string status;
  std::optional<StoredError> error;
  /// The fetched variables and their values' keys.
  std::map<std::string, std::string> outputs;
  std::vector<StoredNode> nodes;

  /// The node named `name` (the last one, when a loop ran it more than
  /// once). Throws ag::Error when the run has none.
  const StoredNode &node(const std::string &name) const;
  /// The key of the stored value of `variable`: a fetched output, a node's
  /// variable or a node's name. Throws ag::Error when there is none or it
  /// was not stored.
  std::string keyOf(const std::string &variable) const;
  /// The stored value of `variable` (see keyOf). Throws ag::Error as keyOf
  /// does, and when its file is missing or corrupt.
  exec::Value storedValue(const std::string &variable) const;
  /// The stored value of `variable` as a T: ag::Tensor, an arithmetic type
  /// (from a 0-d tensor), or a host type with a codec. Throws ag::Error as
  /// storedValue does, and when the value is not a T.
  template <typename T> T value(const std::string &variable) const;

private:
  friend class Store;
  std::string dir_;
  [[noreturn]] void wrongType(const std::string &variable, const exec::Value &v,
                              const std::string &wanted) const;
};

/// What Store::gc removed.
struct GcResult {
  size_t runsRemoved = 0, valuesRemoved = 0;
  /// Temporary files (`*.tmp.<pid>.*`) whose writer is gone.
  size_t temporariesRemoved = 0;
  uint64_t bytesRemoved = 0;
};

/// A store directory, opened for reading.
class Store {
public:
  /// Throws ag::Error when `dir` is not a store or a newer ag made it.
  explicit Store(std::string dir);
  const std::string &dir() const { return dir_; }
  /// The recorded runs, oldest first. A record that cannot be read is an
  /// ag::Error naming its file.
  std::vector<Run> runs() const;
  /// Run `id`; throws ag::Error when there is none.
  Run run(int64_t id) const;
  /// The value stored under `key`, its size and checksum verified. A host
  /// value needs its type's codec in this process (Run::value<T> registers
  /// T's).
  exec::Value read(const std::string &key) const;
  /// What `key` holds, without decoding it: "tensor", "scalar", "list", or
  /// the C++ type name of a host value.
  std::string typeOf(const std::string &key) const;
  /// Removes the runs older than the `keep` newest finished ones and the
  /// values that only removed runs reference. Running runs, and the values
  /// a kept or running run references, are never removed. A pack is
  /// rewritten without its removed values once its writer has exited.
  /// Temporary files of writers that died mid-write are removed too.
  GcResult gc(size_t keep) const;

private:
  /// The verified payload of `key`'s file or pack record
  /// (exec::encodeValue bytes).
  std::string payload(const std::string &key) const;
  /// The index of the store's packs, built at the first use.
  exec::PackIndex &packs() const;
  void gcPacks(const std::set<std::string> &gone, GcResult &result) const;
  void removeDeadTemporaries(GcResult &result) const;
  std::string dir_;
  mutable std::shared_ptr<exec::PackIndex> packs_;
};

/// The file holding the value stored under `key` in store `dir`.
std::string storeValuePath(const std::string &dir, const std::string &key);
/// FNV-1a 64 of `bytes`: a stored value's checksum.
uint64_t storeChecksum(std::string_view bytes);
/// A host value's C++ type name, or the kind of a runtime value, for
/// messages: "ag::Tensor", "double", "Table".
std::string storedTypeName(const exec::Value &v);

template <typename T> T Run::value(const std::string &variable) const {
  using D = std::decay_t<T>;
  if constexpr (!std::is_same_v<D, Tensor> && !std::is_arithmetic_v<D>)
    detail::registerCodec<D>(); // so that decoding finds D's codec
  exec::Value v = storedValue(variable);
  if constexpr (std::is_same_v<D, Tensor>) {
    if (v.isTensor())
      return v.tensor();
    wrongType(variable, v, "ag::Tensor");
  } else if constexpr (std::is_arithmetic_v<D>) {
    exec::Scalar s;
    if (v.asScalar(s))
      return detail::scalarAs<D>(s); // as an AG_NODE argument converts
    wrongType(variable, v, detail::typeName<D>());
  } else {
    if (const D *p = detail::heldValue<D>(v.hostValue()))
      return *p;
    wrongType(variable, v, detail::typeName<D>());
  }
}

} // namespace ag

#endif // AG_STORE_H
