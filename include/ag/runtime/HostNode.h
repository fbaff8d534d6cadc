//===- ag/runtime/HostNode.h - Registered AG_NODE functions ----*- C++ -*-===//
//
// The runtime side of ag/Node.h: nodes registered by a stable name (a graph
// never records an address), host values captured while tracing, and the
// handle an ag::Lazy keeps a host value in. No MLIR here.
//
//===----------------------------------------------------------------------===//
#ifndef AG_RUNTIME_HOSTNODE_H
#define AG_RUNTIME_HOSTNODE_H

#include "ag/runtime/Program.h"

#include <any>
#include <exception>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <vector>

namespace ag::exec {

/// A registered AG_NODE function: how to call it on runtime values.
struct HostNodeEntry {
  std::string name;
  /// Stable type names (detail::typeName) of the decayed parameter and
  /// result types; "" for a void result. Arithmetic types are 0-d tensors
  /// in the graph and named as the C++ type here.
  std::vector<std::string> params;
  std::string result;
  /// One value per C++ parameter; returns the result (none for void).
  HostFn call;
  /// Per parameter: builds a std::vector<U> parameter's value from a pack
  /// of U values (fan-in), or null where the parameter takes no pack.
  std::vector<std::function<Value(const std::vector<Value> &)>> packers;
  /// A cheap accessor (a member or part of a lazy value): runs where its
  /// input is, never on another MPI rank.
  bool local = false;
};

/// The C++ arguments of a call to `entry` from a node's operands `in`
/// (from index `first` on, past an effect token): packs[i] >= 0 operands
/// become parameter i's std::vector, -1 one operand. Empty `packs`: one
/// operand per parameter. Shared by the evaluator and MPI worker ranks.
std::vector<Value> hostNodeArgs(const HostNodeEntry &entry,
                                const std::vector<int32_t> &packs,
                                const std::vector<Value> &in, size_t first = 0);

/// Registers `entry` under its name. A second registration of one name
/// keeps the first (static registrations and first uses may both run).
bool registerHostNode(HostNodeEntry entry);
/// The node registered as `name`, or null.
std::shared_ptr<const HostNodeEntry> findHostNode(const std::string &name);
/// The registered names, sorted (for "did you mean" and listings).
std::vector<std::string> hostNodeNames();

/// Keeps a host value captured while tracing; the graph refers to it by the
/// returned id (ag.host_constant). Values live as long as the process.
uint64_t addHostConstant(std::shared_ptr<const std::any> value);
/// The value of `id`, or null.
std::shared_ptr<const std::any> hostConstant(uint64_t id);

/// An exception an AG_NODE function threw, as the evaluator gets it: what()
/// names the node, the exception's type and its what(); `thrown` is that
/// what() alone (what a converted `catch` sees), `isStd` whether the
/// exception derives from std::exception.
/// `original` is the exception itself, which a converted `catch` of a
/// particular type matches as C++ would (CatchMatcher).
class NodeException : public std::runtime_error {
public:
  NodeException(const std::string &message, std::string thrown, bool isStd,
                std::exception_ptr original = nullptr)
      : std::runtime_error(message), thrown(std::move(thrown)), isStd(isStd),
        original(std::move(original)) {}
  std::string thrown;
  bool isStd;
  std::exception_ptr original;
};

/// Called in a catch (...) around a node's body: rethrows the current
/// exception as a NodeException (an ag::Error passes through), so the
/// evaluator locates it at the node's calling line.
[[noreturn]] void rethrowNodeException(const std::string &node);

/// Whether an exception would be caught by a C++ `catch (const T &)` of one
/// type T (ag/Node.h instantiates one per type a converted `catch` names).
using CatchMatcher = bool (*)(const std::exception_ptr &);
/// Registers the matcher of the catch type named `name` (detail::typeName);
/// a graph's ag.try names its catch types, never addresses, so a saved graph
/// finds them here once the library that traced it is loaded.
bool registerCatchType(const std::string &name, CatchMatcher matcher);
/// The matcher registered as `name`, or null.
CatchMatcher findCatchType(const std::string &name);

/// Per-node retries (AG_NODE_RETRY): a node function that throws is called
/// again up to `retries` more times, in the graph only. Keyed by the
/// function's address, so the order of static registrations does not matter.
bool setNodeRetries(const void *fn, int retries);
/// The retries set for `fn` (0 when none).
int nodeRetries(const void *fn);

/// The result type of an AG_NODE function returning ag::Tensor
/// (AG_NODE_TENSOR): the graph cannot know it from the C++ type. `shape`
/// gives the rank, -1 for a dim known only when the node runs. Keyed by the
/// function's address, like retries.
bool setNodeTensorResult(const void *fn, DType dtype, Shape shape);
/// Whether `fn` declared its tensor result; sets `dtype` and `shape` if so.
bool nodeTensorResult(const void *fn, DType &dtype, Shape &shape);
/// The code fingerprint of a converted or AG_NODE function (by the name the
/// graph records), which ag-convert computes from the function's tokens and
/// registers statically. Store keys include it, so editing a function
/// invalidates exactly its results and its dependents'. Setting a name again
/// replaces its fingerprint (an explicit version tag does that).
bool setCodeFingerprint(const std::string &function, std::string fingerprint);
/// The fingerprint registered for `function`, or "" when none is.
std::string codeFingerprint(const std::string &function);

/// AG_MAX_FANOUT (default 10000): the most nodes one call site may add to a
/// trace (a host loop calling a node unrolls into one node per iteration).
size_t maxFanout();

} // namespace ag::exec

namespace ag::detail {
/// "Table" from __PRETTY_FUNCTION__ of typeName<Table>() (clang and GCC).
std::string typeNameFromSignature(const char *signature);
/// A type name (typeName<T>()) as users write it, for messages: the
/// standard library's inline namespaces dropped (GCC's std::__cxx11::,
/// libc++'s std::__1::) and std::basic_string<char> shown as std::string.
/// Graphs and registries keep the stable name itself.
std::string readableTypeName(std::string name);
/// An eager handle holding a host value (ag::Lazy's handle outside a trace,
/// or a value to capture as an ag.host_constant).
Tensor hostHandle(std::shared_ptr<const std::any> value, std::string type);
/// The host value a handle holds eagerly, or null.
const std::any *hostOf(const Tensor &handle);
/// How many owners share the host value `handle` holds (0 if none).
long hostOwners(const Tensor &handle);

/// How a graph holds a value of a move-only type T (std::any needs a
/// copyable one): in shared storage, never copied; consumers see it by const
/// reference.
template <typename T> struct MoveOnlyBox { std::shared_ptr<T> value; };
/// A graph value holding `value` (moved in if T cannot be copied).
template <typename T, typename A>
std::shared_ptr<const std::any> holdValue(A &&value) {
  if constexpr (std::is_copy_constructible_v<T>)
    return std::make_shared<const std::any>(T(std::forward<A>(value)));
  else
    return std::make_shared<const std::any>(
        MoveOnlyBox<T>{std::make_shared<T>(std::forward<A>(value))});
}
/// The T a graph value holds, or null if it holds another type.
template <typename T> const T *heldValue(const std::any *a) {
  if (!a)
    return nullptr;
  if constexpr (std::is_copy_constructible_v<T>) {
    return std::any_cast<T>(a);
  } else {
    const auto *box = std::any_cast<MoveOnlyBox<T>>(a);
    return box ? box->value.get() : nullptr;
  }
}
} // namespace ag::detail

#endif // AG_RUNTIME_HOSTNODE_H
