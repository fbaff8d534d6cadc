//===- ag/Node.h - The user's own functions as graph nodes ---------*- C++ -*-===//
//
// AG_NODE marks an ordinary C++ function whose calls from converted code
// become graph nodes: run lazily (only when a fetch needs them), at most once
// per evaluation, in parallel with independent nodes, their results freed
// after their last consumer. Values of the user's own types flow between
// nodes as ag::Lazy<T>, the twin-side handle of a graph value of host type T.
//
// This header is the contract between ag-convert (which emits the calls
// below into twins) and the runtime that implements them.
//
//===----------------------------------------------------------------------===//
#ifndef AG_NODE_H
#define AG_NODE_H

#include "ag/Tensor.h"
#include "ag/staging.h"

#include <cstddef>
#include <type_traits>
#include <vector>

/// Marks a function as a graph node when called from converted code. Pure by
/// default: it may run in parallel with other nodes, or not at all when no
/// fetch needs its result.
/// AG_NODE_EFFECT marks a node with effects: ordered with prints and asserts
/// by the effect token, run exactly once, in program order, on taken paths.
#if defined(__clang__)
#define AG_NODE [[clang::annotate("ag.node")]]
#define AG_NODE_EFFECT [[clang::annotate("ag.node_effect")]]
#else
#define AG_NODE
#define AG_NODE_EFFECT
#endif

namespace ag {

/// A graph value of host type T in a twin: a node's result, a part of one
/// (member_, get_), or a host value captured at trace time. Carried through
/// staged branches and loops like a tensor (VarRef takes it).
template <typename T> class Lazy {
public:
  using value_type = T;
  Lazy() = default;
  /// A host value captured at trace time (a constant of the graph).
  Lazy(const T &value);
  Lazy(T &&value);

  /// The graph value, as the staging calls carry it.
  Tensor &handle() { return handle_; }
  const Tensor &handle() const { return handle_; }

private:
  Tensor handle_;
};

namespace detail {
/// What a node call or a part of a lazy value gives the twin: ag::Tensor for
/// ag::Tensor and arithmetic types (so comparisons of node results are staged
/// conditions), void for void, ag::Lazy<T> for every other type.
template <typename T> struct NodeResult {
  using type = std::conditional_t<
      std::is_same_v<std::decay_t<T>, Tensor> ||
          std::is_arithmetic_v<std::decay_t<T>>,
      Tensor,
      std::conditional_t<std::is_void_v<T>, void, Lazy<std::decay_t<T>>>>;
};
template <typename T> using NodeResultT = typename NodeResult<T>::type;

/// A call of the AG_NODE function `fn`, registered as `name`, at `loc`.
/// Each argument is an ag::Lazy<U> or ag::Tensor (a graph value), a
/// std::vector<ag::Lazy<U>> for a std::vector<U> parameter (fan-in), or any
/// other value (captured at trace time as a host constant of the
/// parameter's type).
template <typename R, typename... P, typename... A>
NodeResultT<R> node_(Loc loc, const char *name, R (*fn)(P...), A &&...args);

/// Like node_, for an AG_NODE_EFFECT function.
template <typename R, typename... P, typename... A>
NodeResultT<R> effect_node_(Loc loc, const char *name, R (*fn)(P...),
                            A &&...args);

/// `value.*member` (written `value.name` by the user) of a lazy aggregate.
template <typename T, typename M>
NodeResultT<M> member_(Loc loc, const Lazy<T> &value, M T::*member,
                       const char *name);

/// Element I of a lazy std::pair, std::tuple or aggregate (std::get<I>, or
/// the I-th name of a structured binding).
template <std::size_t I, typename T>
auto get_(Loc loc, const Lazy<T> &value);

/// Registers `fn` under `name` so that saved graphs and ag-run --load find
/// it. ag-convert emits one per AG_NODE function defined in a converted
/// file; node_ also registers on first use.
template <typename R, typename... P>
bool registerNode(R (*fn)(P...), const char *name);

/// Calls the registered twin of a converted function whose twin's result
/// type (TwinR, e.g. ag::Lazy<R>) differs from the original's R.
template <typename TwinR, typename R, typename... P, typename... A>
TwinR callTwinAs(R (*original)(P...), const char *name, A &&...args);
} // namespace detail

} // namespace ag

#endif // AG_NODE_H
