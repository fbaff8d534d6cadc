//===- ag/Node.h - The user's own functions as graph nodes ------*- C++ -*-===//
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

#include "ag/Function.h"
#include "ag/Tensor.h"
#include "ag/detail/CodecHook.h"
#include "ag/runtime/HostNode.h"
#include "ag/staging.h"

#include <any>
#include <cstddef>
#include <initializer_list>
#include <map>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <tuple>
#include <type_traits>
#include <utility>
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

/// At namespace scope after an AG_NODE function `fn`: when a call of it in a
/// graph throws, call it again, up to `n` more times (Metaflow's @retry), and
/// fail the evaluation only if the last attempt throws too. Eager calls are
/// not retried: eager code runs as written. An effect node is retried too, so
/// its effects may happen more than once.
#define AG_NODE_RETRY(fn, n)                                                   \
  [[maybe_unused]] static const bool AG_NODE_RETRY_CAT(ag_node_retry_,         \
                                                       __LINE__) =             \
      ::ag::exec::setNodeRetries(reinterpret_cast<const void *>(&fn), (n))
#define AG_NODE_RETRY_CAT(a, b) AG_NODE_RETRY_CAT2(a, b)

/// At namespace scope after an AG_NODE function `fn` returning ag::Tensor:
/// the dtype and dims of its result, which the graph needs while tracing
/// (the C++ type does not say them). A dim of -1 is known only when the
/// node runs (`?` in the graph); no dims means a 0-d tensor:
///   AG_NODE ag::Tensor loadMatrix(const std::string &path);
///   AG_NODE_TENSOR(loadMatrix, ag::DType::Float64, -1, 3);
/// The graph checks each result against it (a located error if it differs).
#define AG_NODE_TENSOR(fn, dtype, ...)                                         \
  [[maybe_unused]] static const bool AG_NODE_RETRY_CAT(ag_node_tensor_,        \
                                                       __LINE__) =             \
      ::ag::exec::setNodeTensorResult(reinterpret_cast<const void *>(&fn),     \
                                      (dtype), ::ag::Shape{__VA_ARGS__})
#define AG_NODE_RETRY_CAT2(a, b) a##b

/// At namespace scope after an AG_NODE or AG_CONVERT function `fn`: an
/// explicit version tag of its code. ag-convert mixes it into the function's
/// code fingerprint (and so into its callers'), which store keys include:
/// changing the tag invalidates the stored results as an edit of the body
/// would. In a file ag-convert does not rewrite, the tag alone is the node's
/// fingerprint.
#define AG_NODE_VERSION(fn, tag)                                               \
  [[maybe_unused]] static const bool AG_NODE_RETRY_CAT(ag_node_version_,       \
                                                       __LINE__) =             \
      ::ag::detail::nodeVersion_(reinterpret_cast<const void *>(&fn), (tag))

namespace ag {

/// A graph value of host type T in a twin: a node's result, a part of one
/// (member_, get_), or a host value captured at trace time. Carried through
/// staged branches and loops like a tensor (VarRef takes it).
/// A value of a move-only T (std::unique_ptr members, large buffers) is held
/// in shared storage and never copied: consumers get it by const reference.
template <typename T> class Lazy {
public:
  using value_type = T;
  Lazy() = default;
  /// A host value captured at trace time (a constant of the graph).
  Lazy(const T &value)
      : handle_((detail::registerCodecOf<T>(),
                 detail::hostHandle(detail::holdValue<T>(value),
                                    detail::typeName<T>()))) {}
  Lazy(T &&value)
      : handle_((detail::registerCodecOf<T>(),
                 detail::hostHandle(detail::holdValue<T>(std::move(value)),
                                    detail::typeName<T>()))) {}
  /// A graph value (internal: what node_ and the staging calls make).
  explicit Lazy(Tensor handle) : handle_(std::move(handle)) {}

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

/// What ag-convert knows of a node call's source beyond its own range:
/// the host loop around it (the fan-out guard reports there), and each
/// argument's range named by its spelling (an error about a host value
/// captured from it names it). A Loc with line 0 is unknown.
struct NodeSite {
  Loc loop;
  std::initializer_list<Loc> args;
};

/// A call of the AG_NODE function `fn`, registered as `name`, at `loc`.
/// Each argument is an ag::Lazy<U> or ag::Tensor (a graph value), a
/// std::vector<ag::Lazy<U>> for a std::vector<U> parameter (fan-in), or any
/// other value (captured at trace time as a host constant of the
/// parameter's type).
template <typename R, typename... P, typename... A>
NodeResultT<R> node_(Loc loc, const char *name, R (*fn)(P...), A &&...args);
/// node_ with the call's NodeSite.
template <typename R, typename... P, typename... A>
NodeResultT<R> node_(Loc loc, const char *name, const NodeSite &site,
                     R (*fn)(P...), A &&...args);

/// Like node_, for an AG_NODE_EFFECT function.
template <typename R, typename... P, typename... A>
NodeResultT<R> effect_node_(Loc loc, const char *name, R (*fn)(P...),
                            A &&...args);
template <typename R, typename... P, typename... A>
NodeResultT<R> effect_node_(Loc loc, const char *name, const NodeSite &site,
                            R (*fn)(P...), A &&...args);

/// `value.*member` (written `value.name` by the user) of a lazy aggregate.
template <typename T, typename M>
NodeResultT<M> member_(Loc loc, const Lazy<T> &value, M T::*member,
                       const char *name);

/// Element I of a lazy std::pair, std::tuple or aggregate (std::get<I>, or
/// the I-th name of a structured binding).
template <std::size_t I, typename T> auto get_(Loc loc, const Lazy<T> &value);

/// Registers the code fingerprint ag-convert computed for the function the
/// graph records as `name` (emitted once per AG_NODE and AG_CONVERT function
/// of a converted file).
inline bool fingerprint_(const char *name, const char *fingerprint) {
  return exec::setCodeFingerprint(name, fingerprint);
}

/// The version tags of AG_NODE_VERSION, by function address.
inline std::map<const void *, std::string> &nodeVersions() {
  static std::map<const void *, std::string> versions;
  return versions;
}
inline std::mutex &nodeVersionsMutex() {
  static std::mutex mutex;
  return mutex;
}
/// What AG_NODE_VERSION(fn, tag) expands to (ag-convert recognizes it).
inline bool nodeVersion_(const void *fn, const char *tag) {
  std::lock_guard<std::mutex> lock(nodeVersionsMutex());
  nodeVersions()[fn] = tag;
  return true;
}
/// The AG_NODE_VERSION tag of `fn`, or "".
inline std::string nodeVersion(const void *fn) {
  std::lock_guard<std::mutex> lock(nodeVersionsMutex());
  auto it = nodeVersions().find(fn);
  return it == nodeVersions().end() ? std::string() : it->second;
}

/// Registers `fn` under `name` so that saved graphs and ag-run --load find
/// it. ag-convert emits one per AG_NODE function defined in a converted
/// file; node_ also registers on first use.
template <typename R, typename... P>
bool registerNode(R (*fn)(P...), const char *name);

/// The exception a converted `catch` handler sees: `e.what()` is the
/// error's message, known only when the graph runs (a lazy std::string).
class Caught {
public:
  explicit Caught(Tensor what) : what_(std::move(what)) {}
  Lazy<std::string> what() const { return Lazy<std::string>(what_); }

private:
  Tensor what_;
};

/// try { body(); } catch (...) { handler(e); }  around node calls: a
/// graph-level try. `vars` are the variables either part assigns, merged
/// as by if_. Both parts are traced; the handler runs (instead of the rest
/// of the body) when an op of the body fails while the graph runs. Without
/// `catchAll` (`catch (const std::exception &)`) an exception a node threw
/// that is not derived from std::exception is not caught.
template <typename H>
void try_(Loc loc, Vars vars, BlockFn body, const H &handler, bool catchAll);
/// What try_ records (lib/Trace): the handler gets the message's handle.
/// `messageType` is typeName<std::string>() as the user's code spells it
/// (the type its nodes' std::string parameters are registered with).
void traceTry(Loc loc, Vars vars, BlockFn body,
              FnRef<void(const Tensor &what)> handler, bool catchAll,
              const std::string &messageType);

/// `std::cout << e.what()` in a converted `catch`: the message is known only
/// when the graph runs, so an effect node prints it (registered by libag as
/// "ag::detail::printText").
void printText(const std::string &text);
/// printf("%-*.*s", width, precision, e.what()) and the like (fprintf to
/// stdout or stderr, puts, fputs) in a converted `catch`: `text` printed
/// as printf's `%s` with those (width 0 and precision -1: none; `left` for
/// the `-` flag) to
/// `stream` (1 stdout, 2 stderr), by an effect node registered by libag as
/// "ag::detail::printfText". Its other arguments are numbers, so a graph
/// printing e.what() to stdout can still be saved.
void printfText(long stream, bool left, long width, long precision,
                const std::string &text);
/// The host arguments of a piece of printf format, formatted while tracing
/// (what fprintf(stderr, ...) next to e.what() prints with printfText).
#if defined(__GNUC__)
__attribute__((format(printf, 1, 2)))
#endif
std::string
formatText_(const char *format, ...);

/// A converted `catch` clause of type T (void: `catch (...)`) whose body is
/// `fn(const Caught &)`; tryCatch_ takes one per clause, in order.
template <typename T, typename F> struct CatchClause { F fn; };
template <typename T, typename F> CatchClause<T, F> catch_(F fn) {
  return {std::move(fn)};
}
/// try { body(); } catch (const T0 &e) { ... } catch (const T1 &e) ...
/// around node calls, with clauses other than one `catch (const
/// std::exception &)` or `catch (...)`: a graph-level try whose error is
/// matched against the clauses' types in order when the graph runs, as C++
/// matches an exception; one no clause matches propagates.
template <typename... C>
void tryCatch_(Loc loc, Vars vars, BlockFn body, const C &...clauses);
/// What tryCatch_ records (lib/Trace): the handler gets the message's handle
/// and the index of the clause that matched (a 0-d int64 tensor); `catches`
/// names the clauses' types as registered (registerCatchType), "..." for
/// `catch (...)`.
void traceTryClauses(
    Loc loc, Vars vars, BlockFn body,
    FnRef<void(const Tensor &what, const Tensor &clause)> handler,
    const std::vector<std::string> &catches, const std::string &messageType);

/// Calls the registered twin of a converted function whose twin's result
/// type (TwinR, e.g. ag::Lazy<R>) differs from the original's R.
template <typename TwinR, typename R, typename... P, typename... A>
TwinR callTwinAs(R (*original)(P...), const char *name, A &&...args);
} // namespace detail

//===----------------------------------------------------------------------===//
// Implementation
//===----------------------------------------------------------------------===//

namespace detail {

/// One node call as the twin makes it (lib/Trace records it).
struct NodeCallInfo {
  Loc loc;
  const char *name = nullptr;
  bool effect = false;
  /// Graph values (staged handles, eager tensors, or host handles to capture
  /// as ag.host_constant), in parameter order, packs flattened.
  std::vector<Tensor> operands;
  /// Per parameter: -1 for one operand, n for a pack of n (fan-in).
  std::vector<int32_t> packs;
  bool anyPack = false;
  /// The result: none (void), a host value of `resultType`, or a tensor of
  /// `resultDType` and `resultShape` (0-d for an arithmetic result).
  bool hasResult = false, hostResult = false;
  std::string resultType;
  DType resultDType = DType::Int64;
  Shape resultShape;
  /// An ag::Tensor result: its type comes from AG_NODE_TENSOR, and
  /// `tensorDeclared` says whether there is one.
  bool tensorResult = false, tensorDeclared = false;
  /// The host loop around the call (line 0: none known), and per operand
  /// the source of the argument it came from (NodeSite).
  Loc loop;
  std::vector<Loc> operandLocs;
};
/// Records `call` as an ag.node in the active trace; returns its result
/// handle (undefined for void).
Tensor traceNode(const NodeCallInfo &call);
/// A part of a lazy value: `name` computed by `fn` (registered under it).
Tensor tracePart(Loc loc, const std::string &name, const Tensor &value,
                 bool hostResult, const std::string &resultType,
                 DType resultDType);

template <typename T> struct IsLazy : std::false_type {};
template <typename T> struct IsLazy<Lazy<T>> : std::true_type {};
template <typename T> struct IsLazyVector : std::false_type {};
template <typename T, typename A>
struct IsLazyVector<std::vector<Lazy<T>, A>> : std::true_type {
  using element = T;
};
template <typename T> struct IsStdVector : std::false_type {};
template <typename T, typename A>
struct IsStdVector<std::vector<T, A>> : std::true_type {
  using element = T;
};

/// A host vector of 0-d tensors (a fan-out of arithmetic node results)
/// passed to a node's std::vector of numbers.
template <typename A, typename P> struct IsNumberFanIn : std::false_type {};
template <typename A1, typename T, typename A2>
struct IsNumberFanIn<std::vector<Tensor, A1>, std::vector<T, A2>>
    : std::is_arithmetic<T> {};

/// The C++ type an arithmetic value is staged as: the one whose dtype
/// Tensor's constructor gives it eagerly (every integer, `int` included, is
/// int64), so that a node's result in the graph has the eager dtype.
template <typename T>
using CanonT = std::conditional_t<
    std::is_same_v<T, bool>, bool,
    std::conditional_t<
        std::is_floating_point_v<T>,
        std::conditional_t<std::is_same_v<T, float>, float, double>, int64_t>>;

template <typename D> D scalarAs(const exec::Scalar &s) {
  switch (s.dtype) {
  case DType::Bool:
    return static_cast<D>(s.b);
  case DType::Int32:
    return static_cast<D>(s.i32);
  case DType::Int64:
    return static_cast<D>(s.i64);
  case DType::Float32:
    return static_cast<D>(s.f32);
  case DType::Float64:
    break;
  }
  return static_cast<D>(s.f64);
}

/// A node's argument from its runtime value: a reference to the host value
/// (no copy), an arithmetic value, or a tensor.
template <typename D>
decltype(auto) fromValue(const exec::Value &v, const std::string &node) {
  if constexpr (std::is_same_v<D, Tensor>) {
    return v.tensor();
  } else if constexpr (std::is_arithmetic_v<D>) {
    exec::Scalar s;
    if (!v.asScalar(s))
      throw std::runtime_error("node '" + node + "' expected a scalar " +
                               typeName<D>() + " argument");
    return scalarAs<D>(s);
  } else {
    const D *p = heldValue<D>(v.hostValue());
    if (!p)
      throw std::runtime_error(
          "node '" + node + "' expected an argument of type " + typeName<D>());
    return static_cast<const D &>(*p);
  }
}

template <typename R> exec::Value toValue(R &&r) {
  using D = std::decay_t<R>;
  if constexpr (std::is_same_v<D, Tensor>)
    return exec::Value(std::forward<R>(r));
  else if constexpr (std::is_arithmetic_v<D>)
    return exec::Value(exec::Scalar::of(static_cast<CanonT<D>>(r)));
  else
    return exec::Value::host(holdValue<D>(std::forward<R>(r)));
}

/// An argument bound to a parameter of type P: a copy for an rvalue
/// reference (the graph's value may have other consumers; declarations
/// taking a move-only type so are rejected), else the value as is.
template <typename P, typename X> decltype(auto) passAs(X &&x) {
  if constexpr (std::is_rvalue_reference_v<P> && std::is_lvalue_reference_v<X>)
    return std::decay_t<X>(x);
  else
    return std::forward<X>(x);
}

template <typename P> auto packerFor() {
  using D = std::decay_t<P>;
  std::function<exec::Value(const std::vector<exec::Value> &)> pack;
  if constexpr (IsStdVector<D>::value) {
    static_assert(
        std::is_copy_constructible_v<typename IsStdVector<D>::element>,
        "AG_NODE: a std::vector parameter gathers separate graph values "
        "(fan-in) by copying them, and this element type is move-only; pass "
        "the values one by one, or make the vector a node's result");
    pack = [](const std::vector<exec::Value> &values) {
      D out;
      out.reserve(values.size());
      for (const exec::Value &v : values)
        out.push_back(
            fromValue<typename IsStdVector<D>::element>(v, "a fan-in"));
      return toValue(std::move(out));
    };
  }
  return pack;
}

template <typename R, typename... P, size_t... I>
std::vector<exec::Value> invokeNode(R (*fn)(P...), const std::string &name,
                                    const std::vector<exec::Value> &in,
                                    std::index_sequence<I...>) {
  if (in.size() != sizeof...(P))
    throw std::runtime_error("node '" + name + "' takes " +
                             std::to_string(sizeof...(P)) + " arguments, got " +
                             std::to_string(in.size()));
  std::tuple<decltype(fromValue<std::decay_t<P>>(in[I], name))...> args{
      fromValue<std::decay_t<P>>(in[I], name)...};
  try {
    if constexpr (std::is_void_v<R>) {
      fn(passAs<P>(std::get<I>(args))...);
      return {};
    } else {
      std::vector<exec::Value> out;
      out.push_back(toValue(fn(passAs<P>(std::get<I>(args))...)));
      return out;
    }
  } catch (...) {
    exec::rethrowNodeException(name);
  }
}

/// One argument of a node call while tracing: appended to `call`.
template <typename P, typename A> void addNodeArg(NodeCallInfo &call, A &&arg) {
  using D = std::decay_t<P>;
  using AD = std::decay_t<A>;
  if constexpr (IsLazy<AD>::value) {
    static_assert(std::is_same_v<typename AD::value_type, D>,
                  "AG_NODE: a lazy argument's type differs from the "
                  "parameter's");
    call.operands.push_back(arg.handle());
    call.packs.push_back(-1);
  } else if constexpr (IsLazyVector<AD>::value) {
    static_assert(IsStdVector<D>::value &&
                      std::is_same_v<typename IsLazyVector<AD>::element,
                                     typename IsStdVector<D>::element>,
                  "AG_NODE: a std::vector of lazy values is passed to a "
                  "parameter that is not a std::vector of that type");
    for (const auto &element : arg)
      call.operands.push_back(element.handle());
    call.packs.push_back(static_cast<int32_t>(arg.size()));
    call.anyPack = true;
  } else if constexpr (IsNumberFanIn<AD, D>::value) {
    // A fan-out of numbers (each a node's 0-d result) gathered into the
    // node's std::vector of them.
    for (const Tensor &element : arg)
      call.operands.push_back(element);
    call.packs.push_back(static_cast<int32_t>(arg.size()));
    call.anyPack = true;
  } else if constexpr (std::is_same_v<AD, Tensor>) {
    static_assert(std::is_same_v<D, Tensor> || std::is_arithmetic_v<D>,
                  "AG_NODE: an ag::Tensor is passed to a parameter that is "
                  "neither ag::Tensor nor arithmetic");
    call.operands.push_back(arg);
    call.packs.push_back(-1);
  } else if constexpr (std::is_arithmetic_v<D>) {
    call.operands.push_back(
        Tensor(static_cast<CanonT<D>>(static_cast<D>(arg))));
    call.packs.push_back(-1);
  } else if constexpr (std::is_same_v<D, Tensor>) {
    call.operands.push_back(Tensor(std::forward<A>(arg)));
    call.packs.push_back(-1);
  } else {
    static_assert(std::is_copy_constructible_v<D> ||
                      !std::is_lvalue_reference_v<A>,
                  "AG_NODE: a host variable of a move-only type passed to a "
                  "node is captured into the graph, which cannot copy it: "
                  "std::move it into the call, or make it a node's result");
    call.operands.push_back(
        hostHandle(holdValue<D>(std::forward<A>(arg)), typeName<D>()));
    call.packs.push_back(-1);
  }
}

/// An argument of a node call run eagerly (the twin called outside a
/// trace): the value itself.
template <typename P, typename A> decltype(auto) eagerArg(A &&arg) {
  using D = std::decay_t<P>;
  using AD = std::decay_t<A>;
  if constexpr (IsLazy<AD>::value) {
    const D *a = heldValue<D>(hostOf(arg.handle()));
    if (!a)
      throw std::runtime_error("use of an undefined lazy value");
    return static_cast<const D &>(*a);
  } else if constexpr (IsLazyVector<AD>::value) {
    D out;
    for (const auto &element : arg)
      out.push_back(eagerArg<typename IsStdVector<D>::element>(element));
    return out;
  } else if constexpr (std::is_same_v<AD, Tensor> && std::is_arithmetic_v<D>) {
    return static_cast<D>(arg.template item<double>());
  } else if constexpr (IsNumberFanIn<AD, D>::value) {
    D out;
    for (const Tensor &element : arg)
      out.push_back(eagerArg<typename IsStdVector<D>::element>(element));
    return out;
  } else {
    return std::forward<A>(arg);
  }
}

template <typename R> NodeResultT<R> wrapEager(R &&r) {
  using D = std::decay_t<R>;
  if constexpr (std::is_same_v<D, Tensor>)
    return std::forward<R>(r);
  else if constexpr (std::is_arithmetic_v<D>)
    return Tensor(static_cast<CanonT<D>>(r));
  else
    return Lazy<D>(std::forward<R>(r));
}

/// addNodeArg, recording where the argument is for its operands.
template <typename P, typename A>
void addNodeArgAt(NodeCallInfo &call, const Loc &where, A &&arg) {
  addNodeArg<P>(call, std::forward<A>(arg));
  call.operandLocs.resize(call.operands.size(), where);
}

template <bool Effect, typename R, typename... P, typename... A>
NodeResultT<R> callNode(Loc loc, const char *name, const NodeSite *site,
                        R (*fn)(P...), A &&...args) {
  using D = std::decay_t<R>;
  static_assert(sizeof...(P) == sizeof...(A),
                "AG_NODE: wrong number of arguments");
  static_assert(((std::is_lvalue_reference_v<P> ||
                  std::is_copy_constructible_v<std::decay_t<P>>)&&...),
                "AG_NODE: a node taking a move-only type by value or by "
                "rvalue reference would take the graph's value away from its "
                "other consumers; take it by const reference");
  if (!tracing()) {
    if constexpr (std::is_void_v<R>) {
      fn(passAs<P>(eagerArg<P>(std::forward<A>(args)))...);
      return;
    } else {
      return wrapEager(fn(passAs<P>(eagerArg<P>(std::forward<A>(args)))...));
    }
  }
  registerNode(fn, name);
  NodeCallInfo call;
  call.loc = loc;
  call.name = name;
  call.effect = Effect;
  [[maybe_unused]] size_t arg = 0;
  [[maybe_unused]] auto whereOf = [&](size_t i) {
    return site && i < site->args.size() ? site->args.begin()[i] : Loc{};
  };
  (addNodeArgAt<P>(call, whereOf(arg++), std::forward<A>(args)), ...);
  if (site)
    call.loop = site->loop;
  if constexpr (!std::is_void_v<R>) {
    call.hasResult = true;
    call.hostResult = !std::is_arithmetic_v<D> && !std::is_same_v<D, Tensor>;
    if constexpr (std::is_same_v<D, Tensor>) {
      call.tensorResult = true;
      call.tensorDeclared =
          exec::nodeTensorResult(reinterpret_cast<const void *>(fn),
                                 call.resultDType, call.resultShape);
    } else if constexpr (std::is_arithmetic_v<D>) {
      call.resultDType = Tensor(static_cast<CanonT<D>>(D{})).dtype();
    } else {
      call.resultType = typeName<D>();
    }
  }
  Tensor result = traceNode(call);
  if constexpr (std::is_arithmetic_v<D> || std::is_same_v<D, Tensor>)
    return result;
  else if constexpr (!std::is_void_v<R>)
    return Lazy<D>(std::move(result));
}

/// The fields of an aggregate as a tuple of references.
template <typename T> auto tieFields(const T &value) {
  constexpr size_t n = fieldCount<std::remove_cv_t<T>>();
  static_assert(n >= 1 && n <= 8,
                "ag::detail::get_: an aggregate with 1 to 8 fields");
  if constexpr (n == 1) {
    const auto &[a] = value;
    return std::tie(a);
  } else if constexpr (n == 2) {
    const auto &[a, b] = value;
    return std::tie(a, b);
  } else if constexpr (n == 3) {
    const auto &[a, b, c] = value;
    return std::tie(a, b, c);
  } else if constexpr (n == 4) {
    const auto &[a, b, c, d] = value;
    return std::tie(a, b, c, d);
  } else if constexpr (n == 5) {
    const auto &[a, b, c, d, e] = value;
    return std::tie(a, b, c, d, e);
  } else if constexpr (n == 6) {
    const auto &[a, b, c, d, e, f] = value;
    return std::tie(a, b, c, d, e, f);
  } else if constexpr (n == 7) {
    const auto &[a, b, c, d, e, f, g] = value;
    return std::tie(a, b, c, d, e, f, g);
  } else {
    const auto &[a, b, c, d, e, f, g, h] = value;
    return std::tie(a, b, c, d, e, f, g, h);
  }
}

template <typename T, typename = void> struct IsTupleLikeT : std::false_type {};
template <typename T>
struct IsTupleLikeT<T, std::void_t<decltype(std::tuple_size<T>::value)>>
    : std::true_type {};

template <std::size_t I, typename T> const auto &partOf(const T &value) {
  if constexpr (IsTupleLikeT<T>::value)
    return std::get<I>(value);
  else
    return std::get<I>(tieFields(value));
}

/// The T a lazy value holds, whose part is taken.
template <typename T> const T &wholeOf(const std::any &a) {
  const T *whole = heldValue<T>(&a);
  if (!whole)
    throw std::runtime_error("a part of a lazy value expected a value of "
                             "type " +
                             typeName<T>());
  return *whole;
}

/// A part of a lazy value, registered as the node `name` on first use.
template <typename T, typename M, typename Get>
NodeResultT<M> lazyPart(Loc loc, const std::string &name, const Tensor &handle,
                        Get get) {
  using D = std::decay_t<M>;
  static_assert(!std::is_same_v<D, Tensor>,
                "ag::detail::member_: ag::Tensor fields of a lazy value are "
                "not supported yet");
  static_assert(std::is_copy_constructible_v<D>,
                "ag::detail::member_: a part of a lazy value is a graph value "
                "of its own, copied out of the whole; this part is move-only: "
                "pass the whole value to a node by const reference instead");
  if (!tracing()) {
    const std::any *a = hostOf(handle);
    if (!a)
      throw std::runtime_error("use of an undefined lazy value");
    return wrapEager(D(get(*a)));
  }
  if (!exec::findHostNode(name)) {
    registerCodecOf<T>();
    registerCodecOf<D>();
    exec::HostNodeEntry entry;
    entry.name = name;
    entry.params = {typeName<T>()};
    entry.packers.resize(1);
    entry.result = typeName<D>();
    entry.local = true; // cheap: never worth sending the whole value away
    entry.call = [get, name](const std::vector<exec::Value> &in) {
      const std::any *a = in.at(0).hostValue();
      if (!a)
        throw std::runtime_error("'" + name + "' expected a host value");
      std::vector<exec::Value> out;
      out.push_back(toValue(D(get(*a))));
      return out;
    };
    exec::registerHostNode(std::move(entry));
  }
  DType dtype = DType::Int64;
  if constexpr (std::is_arithmetic_v<D>)
    dtype = Tensor(static_cast<CanonT<D>>(D{})).dtype();
  Tensor result =
      tracePart(loc, name, handle, !std::is_arithmetic_v<D>,
                std::is_arithmetic_v<D> ? "" : typeName<D>(), dtype);
  if constexpr (std::is_arithmetic_v<D>)
    return result;
  else
    return Lazy<D>(std::move(result));
}

template <typename R, typename... P, typename... A>
NodeResultT<R> node_(Loc loc, const char *name, R (*fn)(P...), A &&...args) {
  return callNode<false>(loc, name, nullptr, fn, std::forward<A>(args)...);
}

template <typename R, typename... P, typename... A>
NodeResultT<R> node_(Loc loc, const char *name, const NodeSite &site,
                     R (*fn)(P...), A &&...args) {
  return callNode<false>(loc, name, &site, fn, std::forward<A>(args)...);
}

template <typename R, typename... P, typename... A>
NodeResultT<R> effect_node_(Loc loc, const char *name, R (*fn)(P...),
                            A &&...args) {
  return callNode<true>(loc, name, nullptr, fn, std::forward<A>(args)...);
}

template <typename R, typename... P, typename... A>
NodeResultT<R> effect_node_(Loc loc, const char *name, const NodeSite &site,
                            R (*fn)(P...), A &&...args) {
  return callNode<true>(loc, name, &site, fn, std::forward<A>(args)...);
}

/// The return slot of a twin returning Lazy<T> through a lowered `return`:
/// a staged loop carries it from its start, so it holds a T (never read: a
/// path reads the slot only after it returned) where T has a default value.
template <typename T> Lazy<T> lazySlot_() {
  if constexpr (std::is_default_constructible_v<T>)
    return Lazy<T>(T{});
  else
    return Lazy<T>();
}

/// What the node aggregate_ records runs: S built from its fields.
template <typename S, typename... F> S aggregateOf(F... fields) {
  return S{fields...};
}
/// An aggregate struct S of number fields (of types F...) built in a twin
/// from staged numbers (`return {row, col, v};` in a function returning
/// `struct Hit { long row, col; double value; }`): a lazy value made by a
/// node from the fields, each already converted to its field's type
/// (numberAs_), as the braced list converts it eagerly.
template <typename S, typename... F, typename... A>
Lazy<S> aggregate_(Loc loc, A &&...fields) {
  static_assert(sizeof...(F) == sizeof...(A),
                "ag::detail::aggregate_: one value per field");
  static const std::string name = "ag::aggregate<" + typeName<S>() + ">";
  return callNode<false>(loc, name.c_str(), nullptr, &aggregateOf<S, F...>,
                         std::forward<A>(fields)...);
}

template <typename T, typename M>
NodeResultT<M> member_(Loc loc, const Lazy<T> &value, M T::*member,
                       const char *name) {
  return lazyPart<T, M>(loc, typeName<T>() + "." + name, value.handle(),
                        [member](const std::any &a) -> const M & {
                          return wholeOf<T>(a).*member;
                        });
}

template <std::size_t I, typename T> auto get_(Loc loc, const Lazy<T> &value) {
  using M = std::decay_t<decltype(partOf<I>(std::declval<const T &>()))>;
  return lazyPart<T, M>(
      loc, typeName<T>() + ".get<" + std::to_string(I) + ">", value.handle(),
      [](const std::any &a) -> const M & { return partOf<I>(wholeOf<T>(a)); });
}

/// A lazy std::pair/std::tuple of numbers returned whole by a converted
/// function whose twin returns its numbers as tensors (ag-convert's
/// returnsNumbers): each element as get_ gives it.
template <typename T> struct IsPairType : std::false_type {};
template <typename A, typename B>
struct IsPairType<std::pair<A, B>> : std::true_type {};
template <typename T, std::size_t... I>
auto numberParts(Loc loc, const Lazy<T> &value, std::index_sequence<I...>) {
  if constexpr (IsPairType<T>::value)
    return std::make_pair(get_<I>(loc, value)...);
  else
    return std::make_tuple(get_<I>(loc, value)...);
}
template <typename T> auto numberParts_(Loc loc, const Lazy<T> &value) {
  return numberParts(loc, value,
                     std::make_index_sequence<std::tuple_size_v<T>>());
}

template <typename R, typename... P>
bool registerNode(R (*fn)(P...), const char *name) {
  if (exec::findHostNode(name))
    return true;
  // A file ag-convert did not rewrite has no fingerprints: a version tag
  // stands for one (checked once, at the first registration).
  if (std::string tag = nodeVersion(reinterpret_cast<const void *>(fn));
      !tag.empty() && exec::codeFingerprint(name).empty())
    exec::setCodeFingerprint(name, "version:" + tag);
  (registerCodecOf<P>(), ...);
  if constexpr (!std::is_void_v<R>)
    registerCodecOf<R>();
  exec::HostNodeEntry entry;
  entry.name = name;
  entry.params = {typeName<std::decay_t<P>>()...};
  if constexpr (!std::is_void_v<R>)
    entry.result = typeName<std::decay_t<R>>();
  entry.packers = {packerFor<P>()...};
  std::string owned = name;
  entry.call = [fn, owned](const std::vector<exec::Value> &in) {
    // Read at each call: AG_NODE_RETRY may run after this registration.
    int retries = exec::nodeRetries(reinterpret_cast<const void *>(fn));
    for (int attempt = 0;; ++attempt) {
      try {
        return invokeNode(fn, owned, in, std::index_sequence_for<P...>{});
      } catch (...) {
        if (attempt >= retries)
          throw;
      }
    }
  };
  return exec::registerHostNode(std::move(entry));
}

template <typename H>
void try_(Loc loc, Vars vars, BlockFn body, const H &handler, bool catchAll) {
  auto withCaught = [&](const Tensor &what) { handler(Caught(what)); };
  traceTry(loc, vars, body, FnRef<void(const Tensor &)>(withCaught), catchAll,
           typeName<std::string>());
}

/// Whether `thrown` is caught by `catch (const T &)`.
template <typename T> bool catchMatches(const std::exception_ptr &thrown) {
  try {
    std::rethrow_exception(thrown);
  } catch (const T &) {
    return true;
  } catch (...) {
    return false;
  }
}
/// Registered while the program (or library) that instantiates it loads, so
/// that ag-run --load finds the catch types of a saved graph too.
template <typename T>
inline const bool catchTypeRegistered =
    exec::registerCatchType(typeName<T>(), &catchMatches<T>);

template <typename T, typename F>
std::string catchTypeOf(const CatchClause<T, F> &) {
  if constexpr (std::is_void_v<T>) {
    return "...";
  } else {
    (void)catchTypeRegistered<T>;
    return typeName<T>();
  }
}

/// Runs clause `I` of `first, rest...` when `clause` (the graph's index of
/// the clause that matched) is I: a chain of staged ifs, the last clause
/// unconditional (the graph runs the handler only when one matched).
template <size_t I, typename C, typename... Rest>
void dispatchCatch(const Loc &loc, Vars vars, const Tensor &what,
                   const Tensor &clause, const C &first, const Rest &...rest) {
  if constexpr (sizeof...(Rest) == 0) {
    first.fn(Caught(what));
  } else {
    if_(
        loc, vars, clause == Tensor(static_cast<int64_t>(I)),
        [&] { first.fn(Caught(what)); },
        [&] { dispatchCatch<I + 1>(loc, vars, what, clause, rest...); });
  }
}

template <typename... C>
void tryCatch_(Loc loc, Vars vars, BlockFn body, const C &...clauses) {
  static_assert(sizeof...(C) > 0, "a try needs a catch clause");
  std::vector<std::string> catches{catchTypeOf(clauses)...};
  auto handler = [&](const Tensor &what, const Tensor &clause) {
    dispatchCatch<0>(loc, vars, what, clause, clauses...);
  };
  traceTryClauses(loc, vars, body,
                  FnRef<void(const Tensor &, const Tensor &)>(handler), catches,
                  typeName<std::string>());
}

template <typename TwinR, typename R, typename... P, typename... A>
AG_TWIN_CODE TwinR callTwinAs(R (*original)(P...), const char *name,
                              A &&...args) {
  TwinCall call(reinterpret_cast<const void *>(original), name);
  return reinterpret_cast<TwinR (*)(P...)>(const_cast<void *>(call.twin()))(
      std::forward<A>(args)...);
}

} // namespace detail
} // namespace ag

#endif // AG_NODE_H
