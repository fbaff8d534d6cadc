//===- ag/Function.h - Call a converted twin as a graph ---------*- C++ -*-===//
#ifndef AG_FUNCTION_H
#define AG_FUNCTION_H

#include "ag/Graph.h"
#include "ag/Tensor.h"
#include "ag/runtime/HostNode.h"
#include "ag/staging.h"

#include <algorithm>
#include <any>
#include <array>
#include <chrono>
#include <cstring>
#include <functional>
#include <future>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <tuple>
#include <type_traits>
#include <typeinfo>
#include <vector>

namespace ag {

//===-- Declared input signatures ----------------------------------------===//

/// A dimension of a declared input signature that may differ between calls
/// (TensorFlow's `None`, MLIR's `?`).
inline constexpr int64_t dyn = -1;

/// One declared input of `ag::function(&f, {...})`: its dtype and shape,
/// with ag::dyn for each dimension that varies between calls.
struct TensorSpec {
  DType dtype = DType::Float64;
  Shape shape;
};
inline TensorSpec spec(DType dtype, Shape shape = {}) {
  return TensorSpec{dtype, std::move(shape)};
}
/// "float64[?, 3]".
std::string toString(const TensorSpec &spec);

namespace detail {

struct FunctionImpl;

/// A call's arguments split into staged inputs (ag::Tensor parameters) and
/// static ones (arithmetic host values, part of the trace cache key).
struct CallArgs {
  std::vector<Tensor> tensors;
  std::vector<std::string> tensorNames; // parameter names, filled by tracing
  std::string staticKey;
  /// Graph inputs per tensor position of the parameters (see walkLeaves):
  /// 1 for an ag::Tensor, the length for a std::vector/std::array of them,
  /// 0 for an undefined out-parameter. The twin's FunctionScope names one
  /// position each; a declared signature has one spec each.
  std::vector<size_t> inputCounts;
};

/// Traces the twin through `invoke` on first use of a signature, caches the
/// graph and evaluates it. `invoke` calls the twin with staged tensors and
/// returns its results flattened. A non-owning reference (as
/// llvm::function_ref): only a trace calls it, within the call it is passed
/// to, so a call of a cached signature neither allocates nor copies the
/// arguments for it.
class TwinInvoker {
public:
  template <typename F, typename = std::enable_if_t<
                            !std::is_same_v<std::decay_t<F>, TwinInvoker>>>
  TwinInvoker(F &&f)
      : callable_(
            const_cast<void *>(static_cast<const void *>(std::addressof(f)))),
        call_(&callWith<std::remove_reference_t<F>>) {}
  std::vector<Tensor> operator()(const std::vector<Tensor> &staged) const {
    return call_(callable_, staged);
  }

private:
  template <typename F>
  static std::vector<Tensor> callWith(void *f,
                                      const std::vector<Tensor> &staged) {
    return (*static_cast<F *>(f))(staged);
  }
  void *callable_;
  std::vector<Tensor> (*call_)(void *, const std::vector<Tensor> &);
};

std::shared_ptr<FunctionImpl> makeFunction(const void *original);
/// With a declared input signature (see ag::function(f, signature)).
std::shared_ptr<FunctionImpl> makeFunction(const void *original,
                                           std::vector<TensorSpec> signature);
/// `resultLengths`, if given, receives the lengths of the std::vector
/// results of this signature's trace (filled by `invoke` while tracing).
std::vector<Tensor> callFunction(FunctionImpl &fn, const CallArgs &args,
                                 const TwinInvoker &invoke,
                                 std::vector<size_t> *resultLengths = nullptr,
                                 const RunOptions &options = {});
/// `resultLengths` as for callFunction: a trace records them for the
/// calls of this signature.
Graph functionGraph(FunctionImpl &fn, const CallArgs &args,
                    const TwinInvoker &invoke,
                    std::vector<size_t> *resultLengths = nullptr);
unsigned functionTraceCount(const FunctionImpl &fn);
void cancelFunction(FunctionImpl &fn);

template <typename T>
struct IsTensor : std::is_same<std::decay_t<T>, Tensor> {};

/// Appends the exact object representation of a host value to the key:
/// std::to_string would round 1e-7 and 2e-7 to the same "0.000000", and the
/// graph traced for one must not be reused for the other. Bits also tell
/// -0.0 from 0.0 (1 / x differs).
template <typename T> void appendKeyBits(std::string &key, const T &value) {
  static_assert(std::has_unique_object_representations_v<T> ||
                    std::is_floating_point_v<T>,
                "host argument without a unique object representation");
  constexpr char hex[] = "0123456789abcdef";
  unsigned char bytes[sizeof(T)];
  std::memcpy(bytes, &value, sizeof(T));
  // long double has padding bytes: only its value bits take part.
  size_t used = std::is_same_v<T, long double> ? std::min<size_t>(sizeof(T), 10)
                                               : sizeof(T);
  for (size_t i = 0; i < used; ++i) {
    key += hex[bytes[i] >> 4];
    key += hex[bytes[i] & 15];
  }
}

//===-- Parameters and results holding several tensors -------------------===//
//
// A parameter or result may be an ag::Tensor, a std::vector or std::array of
// them, or an aggregate struct whose fields are any of these (or arithmetic
// host values, part of the trace key): its tensors are graph inputs or
// results in field order. Fields are found by aggregate initialization and
// structured bindings, so no declaration is needed and any translation unit
// can call ag::function; ag-convert, which sees the struct, names the graph
// inputs after the fields (`p.w`, `xs[2]`).

template <typename T> struct IsTensorSequence : std::false_type {};
template <typename A>
struct IsTensorSequence<std::vector<Tensor, A>> : std::true_type {
  static constexpr bool resizable = true;
};
template <size_t N>
struct IsTensorSequence<std::array<Tensor, N>> : std::true_type {
  static constexpr bool resizable = false;
};
template <typename T> struct IsVector : std::false_type {};
template <typename E, typename A>
struct IsVector<std::vector<E, A>> : std::true_type {};
template <typename T> struct IsSequence : std::false_type {};
template <typename E, typename A>
struct IsSequence<std::vector<E, A>> : std::true_type {};
template <typename E, size_t N>
struct IsSequence<std::array<E, N>> : std::true_type {};

/// Converts to any field type; only used unevaluated, to count fields.
struct AnyField {
  template <typename T> operator T() const;
};
template <typename T, typename Seq, typename = void>
struct BracedFrom : std::false_type {};
template <typename T, size_t... I>
struct BracedFrom<T, std::index_sequence<I...>,
                  std::void_t<decltype(T{(void(I), AnyField{})...})>>
    : std::true_type {};
inline constexpr size_t kMaxFields = 12;
/// The number of fields of aggregate T (kMaxFields + 1 if more).
template <typename T, size_t N = 0> constexpr size_t fieldCount() {
  if constexpr (N > kMaxFields ||
                !BracedFrom<T, std::make_index_sequence<N + 1>>::value)
    return N;
  else
    return fieldCount<T, N + 1>();
}
template <typename F, typename... Fields>
void eachField(F &f, Fields &...fields) {
  (f(fields), ...);
}
#define AG_DETAIL_FIELDS(N, ...)                                               \
  else if constexpr (n == N) {                                                 \
    auto &[__VA_ARGS__] = value;                                               \
    eachField(f, __VA_ARGS__);                                                 \
  }
/// Calls f on each field of aggregate `value`, in declaration order.
template <typename T, typename F> void forEachField(T &value, F &&f) {
  constexpr size_t n = fieldCount<std::remove_cv_t<T>>();
  static_assert(n <= kMaxFields, "ag::function: a struct parameter or result "
                                 "has more than 12 fields; group them into "
                                 "nested structs");
  if constexpr (n == 0) {
  }
  AG_DETAIL_FIELDS(1, a)
  AG_DETAIL_FIELDS(2, a, b)
  AG_DETAIL_FIELDS(3, a, b, c)
  AG_DETAIL_FIELDS(4, a, b, c, d)
  AG_DETAIL_FIELDS(5, a, b, c, d, e)
  AG_DETAIL_FIELDS(6, a, b, c, d, e, g)
  AG_DETAIL_FIELDS(7, a, b, c, d, e, g, h)
  AG_DETAIL_FIELDS(8, a, b, c, d, e, g, h, i)
  AG_DETAIL_FIELDS(9, a, b, c, d, e, g, h, i, j)
  AG_DETAIL_FIELDS(10, a, b, c, d, e, g, h, i, j, k)
  AG_DETAIL_FIELDS(11, a, b, c, d, e, g, h, i, j, k, l)
  AG_DETAIL_FIELDS(12, a, b, c, d, e, g, h, i, j, k, l, m)
}
#undef AG_DETAIL_FIELDS

//===-- Host values: the user's own types (pipelines, ag/Node.h) ---------===//

template <typename T> constexpr bool hasTensorLeaf();
template <typename T> constexpr bool hasTensorLeafFwd() {
  return hasTensorLeaf<T>();
}
template <typename T> struct IsTupleLikeOf : std::false_type {};
template <typename... E>
struct IsTupleLikeOf<std::tuple<E...>> : std::true_type {
  static constexpr bool anyTensor = (false || ... || hasTensorLeafFwd<E>());
};
template <typename A, typename B>
struct IsTupleLikeOf<std::pair<A, B>> : std::true_type {
  static constexpr bool anyTensor =
      hasTensorLeafFwd<A>() || hasTensorLeafFwd<B>();
};
/// Converts only to arithmetic types.
struct ArithmeticField {
  template <typename U, typename = std::enable_if_t<std::is_arithmetic_v<U>>>
  operator U() const;
};
template <typename T, typename Seq, typename = void>
struct BracedFromArithmetic : std::false_type {};
template <typename T, size_t... I>
struct BracedFromArithmetic<
    T, std::index_sequence<I...>,
    std::void_t<decltype(T{(void(I), ArithmeticField{})...})>>
    : std::true_type {};
template <typename T> constexpr bool allArithmeticFields() {
  return BracedFromArithmetic<T,
                              std::make_index_sequence<fieldCount<T>()>>::value;
}

/// Converts to any type without tensors in it: an aggregate braced from
/// these has no tensor field.
struct NoTensorField {
  template <typename U, typename = std::enable_if_t<!hasTensorLeaf<U>()>>
  operator U() const;
};
template <typename T, typename Seq, typename = void>
struct BracedFromNoTensor : std::false_type {};
template <typename T, size_t... I>
struct BracedFromNoTensor<
    T, std::index_sequence<I...>,
    std::void_t<decltype(T{(void(I), NoTensorField{})...})>> : std::true_type {
};

/// True if a value of T holds an ag::Tensor (directly, in a sequence, a
/// pair/tuple or a field of an aggregate).
template <typename T> constexpr bool hasTensorLeaf() {
  using D = std::remove_cv_t<T>;
  if constexpr (std::is_same_v<D, Tensor> || IsTensorSequence<D>::value)
    return true;
  else if constexpr (std::is_arithmetic_v<D> || !std::is_class_v<D>)
    return false;
  else if constexpr (IsTupleLikeOf<D>::value)
    return IsTupleLikeOf<D>::anyTensor;
  else if constexpr (IsSequence<D>::value)
    return hasTensorLeaf<typename D::value_type>();
  else if constexpr (std::is_aggregate_v<D> && !std::is_polymorphic_v<D> &&
                     !IsSequence<D>::value)
    return !BracedFromNoTensor<
        D, std::make_index_sequence<fieldCount<D>()>>::value;
  else
    return false;
}

/// A parameter or result that is a host value of the user's type: a class
/// that holds no tensor and that ag::function does not take apart. As a
/// parameter it is a trace-time value (part of the trace key, compared with
/// ==); as a result the twin returns ag::Lazy<R>. A struct of arithmetic
/// fields stays what it was as a parameter (its bits are the key).
template <typename T>
inline constexpr bool isHostResult =
    std::is_class_v<std::decay_t<T>> && !hasTensorLeaf<std::decay_t<T>>();
/// A std::pair/std::tuple of numbers only (`std::pair<double, int>`): as a
/// result its numbers come back like those of a pair mixing numbers and
/// tensors (TwinResult), since they may be staged numbers; as a parameter it
/// stays a host value. ag-convert's returnsNumbers agrees.
template <typename T> struct IsNumberTuple : std::false_type {};
template <typename... E>
struct IsNumberTuple<std::tuple<E...>>
    : std::bool_constant<(sizeof...(E) > 0) &&
                         (std::is_arithmetic_v<E> && ...)> {};
template <typename A, typename B>
struct IsNumberTuple<std::pair<A, B>>
    : std::bool_constant<std::is_arithmetic_v<A> && std::is_arithmetic_v<B>> {};
/// A result the twin returns as ag::Lazy<R>: a host value not made of
/// numbers alone.
template <typename T>
inline constexpr bool isLazyResult =
    isHostResult<T> && !IsNumberTuple<std::decay_t<T>>::value;
template <typename T> constexpr bool hostParamType() {
  using D = std::decay_t<T>;
  // Only a class is looked into (bracing an enum from a class is a hard
  // error, not a substitution failure).
  if constexpr (!isHostResult<D>)
    return false;
  else
    return !(std::is_aggregate_v<D> && !IsSequence<D>::value &&
             !std::is_polymorphic_v<D> &&
             BracedFrom<D, std::make_index_sequence<fieldCount<D>()>>::value &&
             allArithmeticFields<D>());
}
template <typename T> inline constexpr bool isHostParam = hostParamType<T>();

template <typename T, typename = void>
struct IsEqualityComparable : std::false_type {};
template <typename T>
struct IsEqualityComparable<
    T, std::void_t<decltype(bool(std::declval<const T &>() ==
                                 std::declval<const T &>()))>>
    : std::true_type {};

/// The index of `value` among the distinct values of T passed as host
/// parameters so far (compared with ==): its part of the trace key.
template <typename T> size_t hostKeyIndex(const T &value) {
  static std::mutex mutex;
  static std::vector<T> seen;
  std::lock_guard<std::mutex> lock(mutex);
  for (size_t i = 0; i < seen.size(); ++i)
    if (seen[i] == value)
      return i;
  seen.push_back(value);
  return seen.size() - 1;
}

/// The result of a twin whose function returns host type R: its handle.
template <typename L> Tensor lazyHandle(const L &lazy) { return lazy.handle(); }

/// What the twin of a function returning R returns: an arithmetic R, or an
/// arithmetic element of a std::pair/std::tuple R, becomes an ag::Tensor
/// (a 0-d graph value, converted back to the number by numberOf); a host
/// class, ag::Lazy<R>. ag-convert spells the same type (Frontend README).
template <typename T> struct NumberAsTensor {
  using type = std::conditional_t<std::is_arithmetic_v<T>, Tensor, T>;
};
template <typename T> struct TwinResult {
  using type = std::conditional_t<
      isLazyResult<T>, Lazy<T>,
      std::conditional_t<std::is_arithmetic_v<T>, Tensor, T>>;
};
template <typename A, typename B> struct TwinResult<std::pair<A, B>> {
  using type =
      std::conditional_t<isLazyResult<std::pair<A, B>>, Lazy<std::pair<A, B>>,
                         std::pair<typename NumberAsTensor<A>::type,
                                   typename NumberAsTensor<B>::type>>;
};
template <typename... E> struct TwinResult<std::tuple<E...>> {
  using type =
      std::conditional_t<isLazyResult<std::tuple<E...>>, Lazy<std::tuple<E...>>,
                         std::tuple<typename NumberAsTensor<E>::type...>>;
};
/// The host value a fetched result handle holds.
template <typename R> R hostResult(const Tensor &handle) {
  const R *r = heldValue<R>(hostOf(handle));
  if (!r) {
    Diagnostic diag;
    diag.message = "ag::function: the graph's result is not a value of type " +
                   typeNameFromSignature(__PRETTY_FUNCTION__);
    throw Error(std::move(diag));
  }
  if constexpr (std::is_copy_constructible_v<R>) {
    return *r;
  } else {
    // A move-only result is moved out of its shared storage, which only
    // this handle may still own (a persisted value stays in the graph).
    if (hostOwners(handle) != 1) {
      Diagnostic diag;
      diag.message = "ag::function: the graph's result of move-only type " +
                     typeNameFromSignature(__PRETTY_FUNCTION__) +
                     " is still held by the graph (persisted), so it cannot "
                     "be moved out";
      throw Error(std::move(diag));
    }
    return std::move(*const_cast<R *>(r));
  }
}

template <typename T, typename V> void walkLeaves(T &value, V &v);

/// A std::vector or std::array of structs holding tensors.
template <typename T> constexpr bool isStructSequence() {
  if constexpr (IsSequence<T>::value && !IsTensorSequence<T>::value)
    return hasTensorLeaf<typename T::value_type>();
  else
    return false;
}

/// Forwards to V only the n-th tensor of a value (and, if `hosts`, its host
/// values): one column of a std::vector of structs.
template <typename V> struct NthTensor {
  V &v;
  size_t n;
  bool hosts;
  size_t seen = 0;
  void position(size_t) {}
  template <typename T> void tensor(T &t) {
    if (seen++ == n)
      v.tensor(t);
  }
  template <typename H> void host(H &value) {
    if (hosts)
      v.host(value);
  }
  template <typename S> void sequence(S &) {
    static_assert(alwaysFalse<S>,
                  "ag::function: a struct held in a std::vector or "
                  "std::array parameter or result cannot hold a "
                  "std::vector or std::array itself");
  }
};

/// Counts the tensors of a value of type T.
struct CountTensors {
  size_t n = 0;
  void position(size_t) {}
  void tensor(const Tensor &) { ++n; }
  template <typename H> void host(const H &) {}
  template <typename S> void sequence(const S &) {}
};

/// Visits the leaves of a parameter or result value in order:
/// `v.tensor(t)` for each tensor, `v.host(x)` for each arithmetic field,
/// `v.position(n)` once per tensor position before its n tensors, and
/// `v.sequence(s)` before the elements of a std::vector/std::array of
/// tensors (it may resize a vector).
template <typename T, typename V> void walkLeaves(T &value, V &v) {
  using D = std::remove_cv_t<T>;
  if constexpr (std::is_same_v<D, Tensor>) {
    v.position(1);
    v.tensor(value);
  } else if constexpr (std::is_arithmetic_v<D> || std::is_enum_v<D>) {
    v.host(value);
  } else if constexpr (IsTensorSequence<D>::value) {
    v.sequence(value);
    v.position(value.size());
    for (auto &element : value)
      v.tensor(element);
  } else if constexpr (isStructSequence<D>()) {
    // Structs of tensors, column by column: one tensor position per field
    // (`ps[].w`, with one input per element), so that positions and their
    // names do not depend on the length.
    using E = typename D::value_type;
    v.sequence(value);
    CountTensors count;
    E probe{};
    walkLeaves(probe, count);
    for (size_t field = 0; field < count.n; ++field) {
      v.position(value.size());
      for (auto &element : value) {
        NthTensor<V> column{v, field, false};
        walkLeaves(element, column);
      }
    }
    for (auto &element : value) {
      NthTensor<V> hosts{v, count.n, true};
      walkLeaves(element, hosts);
    }
  } else if constexpr (IsTupleLikeOf<D>::value) {
    // A std::pair/std::tuple parameter: its elements in order, as a
    // result's (flattenResult).
    std::apply([&](auto &...element) { (walkLeaves(element, v), ...); }, value);
  } else if constexpr (IsSequence<D>::value) {
    static_assert(alwaysFalse<D>,
                  "ag::function: a std::vector or std::array parameter or "
                  "result must hold ag::Tensor or structs of them (not host "
                  "values: they would be frozen into the graph, pass them as "
                  "a tensor)");
  } else if constexpr (std::is_class_v<D> && std::is_aggregate_v<D> &&
                       !std::is_polymorphic_v<D>) {
    forEachField(value, [&](auto &field) { walkLeaves(field, v); });
  } else {
    static_assert(alwaysFalse<D>,
                  "ag::function: parameters and results must be ag::Tensor, "
                  "arithmetic or enum host values, std::vector/std::array of "
                  "ag::Tensor, std::pair/std::tuple or aggregate structs of "
                  "these (public fields, no constructors or base classes)");
  }
}

/// A parameter's tensors become graph inputs; its host values and vector
/// lengths are part of the trace key.
struct CollectLeaves {
  CallArgs &call;
  void position(size_t n) { call.inputCounts.push_back(n); }
  void tensor(const Tensor &t) { call.tensors.push_back(t); }
  template <typename H> void host(const H &value);
  template <typename S> void sequence(const S &s) {
    call.staticKey += "[" + std::to_string(s.size()) + "]";
  }
};

/// Replaces a parameter copy's tensors with the staged ones, in order.
struct StageLeaves {
  const std::vector<Tensor> &staged;
  size_t &next;
  void position(size_t) {}
  void tensor(Tensor &t) { t = staged.at(next++); }
  template <typename H> void host(const H &) {}
  template <typename S> void sequence(const S &) {}
};

/// A result's tensors, in order, and its vectors' lengths.
struct FlattenLeaves {
  std::vector<Tensor> &values;
  std::vector<size_t> *lengths;
  void position(size_t) {}
  void tensor(const Tensor &t) { values.push_back(t); }
  template <typename H> void host(const H &) {
    static_assert(alwaysFalse<H>,
                  "ag::function: a struct result mixing tensors and "
                  "arithmetic fields is not supported (the twin cannot hold "
                  "a graph value in a C++ number field): make the field an "
                  "ag::Tensor, or return a std::pair or std::tuple, or a "
                  "struct of numbers only, whose numbers work");
  }
  template <typename S> void sequence(const S &s) {
    if (lengths)
      lengths->push_back(s.size());
  }
};

/// A 0-d tensor holding a number of type H, as H: the conversion the eager
/// function's return made, made by the twin (its value is exactly H's).
template <typename H> H numberOf(const Tensor &t) {
  if constexpr (std::is_same_v<H, bool>)
    return t.item<bool>();
  else if constexpr (std::is_integral_v<H>)
    return static_cast<H>(t.item<long long>());
  else if constexpr (std::is_same_v<H, float>)
    return t.item<float>();
  else
    return static_cast<H>(t.item<double>());
}

/// Fills a default-constructed result from the graph's values.
struct UnflattenLeaves {
  const std::vector<Tensor> &values;
  const std::vector<size_t> *lengths;
  size_t next = 0, nextLength = 0;
  void position(size_t) {}
  void tensor(Tensor &t) { t = values.at(next++); }
  /// A number the twin returned as a 0-d tensor (see TwinResult).
  template <typename H> void host(H &h) { h = numberOf<H>(values.at(next++)); }
  template <typename S> void sequence(S &s) {
    if constexpr (IsVector<S>::value)
      s.resize(lengths ? lengths->at(nextLength++) : 0);
  }
};

template <typename T> void addArg(CallArgs &call, const T &value) {
  if constexpr (isHostParam<T>) {
    static_assert(std::is_copy_constructible_v<T> &&
                      IsEqualityComparable<T>::value,
                  "ag::function: a parameter of a host type (not ag::Tensor, "
                  "not arithmetic) is a trace-time value: its type must be "
                  "copyable and equality-comparable (==), since equal values "
                  "reuse one graph");
    call.staticKey += "h" + std::to_string(hostKeyIndex(value)) + ";";
  } else if constexpr (IsTensor<T>::value) {
    call.inputCounts.push_back(1);
    call.tensors.push_back(value);
  } else if constexpr (std::is_enum_v<T>) {
    // A trace-time value like a number: its underlying integer is the key.
    appendKeyBits(call.staticKey,
                  static_cast<std::underlying_type_t<T>>(value));
    call.staticKey += ';';
  } else if constexpr (!std::is_arithmetic_v<T>) {
    CollectLeaves collect{call};
    walkLeaves(value, collect);
  } else {
    // bool is one byte that may hold only 0 or 1: key its value.
    if constexpr (std::is_same_v<T, bool>)
      call.staticKey += value ? "1" : "0";
    else
      appendKeyBits(call.staticKey, value);
    call.staticKey += ';';
  }
}

template <typename H> void CollectLeaves::host(const H &value) {
  addArg(call, value);
}

/// Rebuilds the twin's parameter list, substituting staged tensors in order.
template <typename T>
decltype(auto) pickArg(const T &value, const std::vector<Tensor> &staged,
                       size_t &next) {
  if constexpr (IsTensor<T>::value) {
    return Tensor(staged[next++]);
  } else if constexpr (std::is_arithmetic_v<T> || std::is_enum_v<T>) {
    return value;
  } else if constexpr (isHostParam<T>) {
    return value;
  } else {
    T copy = value;
    StageLeaves stage{staged, next};
    walkLeaves(copy, stage);
    return copy;
  }
}

/// A non-const ag::Tensor& parameter is an out-parameter: its value after
/// the call is an extra result of the graph (after the returned ones),
/// written back to the caller's variable. Left undefined by the caller, it
/// is no graph input (the twin sees an undefined tensor, as eagerly).
template <typename P>
struct IsOutParam
    : std::bool_constant<std::is_lvalue_reference_v<P> &&
                         !std::is_const_v<std::remove_reference_t<P>> &&
                         IsTensor<P>::value> {};

template <typename P, typename T>
void addParam(CallArgs &call, const T &value) {
  if constexpr (IsOutParam<P>::value) {
    if (!value.defined()) {
      call.staticKey += "undefined out;";
      call.inputCounts.push_back(0);
      return;
    }
  }
  addArg(call, value);
}

template <typename P, typename T>
decltype(auto) pickParam(const T &value, const std::vector<Tensor> &staged,
                         size_t &next, std::vector<bool> &unfed) {
  if constexpr (IsTensor<T>::value)
    unfed.push_back(IsOutParam<P>::value && !value.defined());
  if constexpr (IsOutParam<P>::value)
    return value.defined() ? pickArg(value, staged, next) : Tensor();
  else
    return pickArg(value, staged, next);
}

/// The address of an ag::Tensor argument (nullptr for anything else).
template <typename T> const void *tensorAddress(const T &value) {
  if constexpr (std::is_same_v<T, Tensor>)
    return &value;
  else
    return nullptr;
}

/// An out-parameter bound to the same variable as another reference
/// parameter (`g(a, a)` of `void f(ag::Tensor &acc, const ag::Tensor &v)`):
/// eagerly every write to `acc` is seen through `v` too, while a graph
/// takes each argument's value at the call, so the results would differ
/// silently.
inline void checkOutParamAliases(const void *const *addresses, const bool *outs,
                                 size_t count) {
  for (size_t i = 0; i < count; ++i)
    for (size_t j = 0; outs[i] && addresses[i] && j < count; ++j)
      if (j != i && addresses[j] == addresses[i]) {
        Diagnostic diag;
        diag.message =
            "ag::function: argument " + std::to_string(i + 1) +
            " (an ag::Tensor& out-parameter) and argument " +
            std::to_string(j + 1) +
            " are the same variable; eagerly the function would see its "
            "writes to one through the other, while a graph takes each "
            "argument's value at the call: pass a copy";
        throw Error(std::move(diag));
      }
}

template <typename T> struct IsTupleLike : std::false_type {};
template <typename... E>
struct IsTupleLike<std::tuple<E...>> : std::true_type {};
template <typename A, typename B>
struct IsTupleLike<std::pair<A, B>> : std::true_type {};

/// The result's tensors in order (a std::pair/std::tuple element by element,
/// each as walkLeaves flattens it); `lengths` gets its vectors' lengths.
template <typename R>
std::vector<Tensor> flattenResult(R &&r,
                                  std::vector<size_t> *lengths = nullptr) {
  using D = std::decay_t<R>;
  std::vector<Tensor> values;
  FlattenLeaves flatten{values, lengths};
  if constexpr (IsTupleLike<D>::value)
    std::apply([&](const auto &...e) { (walkLeaves(e, flatten), ...); }, r);
  else
    walkLeaves(r, flatten);
  return values;
}

template <typename R>
R unflattenResult(const std::vector<Tensor> &values,
                  const std::vector<size_t> *lengths = nullptr) {
  // `const ag::Tensor f(...)` returns a const R: build the unqualified one.
  if constexpr (std::is_same_v<std::remove_cv_t<R>, Tensor>) {
    return values.at(0);
  } else {
    std::remove_cv_t<R> result{};
    UnflattenLeaves unflatten{values, lengths};
    if constexpr (IsTupleLike<std::remove_cv_t<R>>::value)
      std::apply([&](auto &...e) { (walkLeaves(e, unflatten), ...); }, result);
    else
      walkLeaves(result, unflatten);
    return result;
  }
}

} // namespace detail

template <typename Sig> class Function;

/// How far a call has come: top-level graph nodes finished and needed.
struct Progress {
  uint64_t done = 0, total = 0;
};

/// A call of a converted function running on a thread of its own
/// (Function::async), so that independent pipelines run at the same time.
/// Like std::future: get() once; destroying it waits for the call.
template <typename R> class Future {
public:
  Future() = default;
  /// Waits for the call; returns its result or rethrows its ag::Error.
  R get() { return future_.get(); }
  /// Waits for the call to finish.
  void wait() const { future_.wait(); }
  /// Waits at most `d`; whether the call has finished.
  template <class Rep, class Period>
  bool waitFor(std::chrono::duration<Rep, Period> d) const {
    return future_.wait_for(d) == std::future_status::ready;
  }
  /// Whether the call has finished (get() will not wait).
  bool ready() const { return valid() && waitFor(std::chrono::seconds(0)); }
  /// Whether get() may be called.
  bool valid() const { return future_.valid(); }
  /// Stops this call (not other calls of the function): nodes already
  /// running finish, no other node starts, and get() throws an ag::Error
  /// "evaluation cancelled". Before the call's evaluation starts, it stops
  /// it before any node runs; after the call finished, does nothing.
  void cancel() const {
    if (control_)
      control_->cancelled.store(true);
  }
  /// Top-level nodes of the call's graph finished so far, and how many the
  /// evaluation needs (0 / 0 while tracing; a cached or stored result counts
  /// as not needed). From any thread, while the call runs or after.
  Progress progress() const {
    Progress p;
    if (control_) {
      p.total = control_->total.load();
      p.done = control_->done.load();
    }
    return p;
  }

private:
  template <typename Sig> friend class Function;
  std::future<R> future_;
  std::shared_ptr<RunControl> control_;
};

/// The converted twin of an AG_CONVERT function, called as a lazily
/// evaluated graph. Traced once per input signature (dtypes, shapes and the
/// values of arithmetic host arguments).
template <typename R, typename... A> class Function<R(A...)> {
  using TwinR = typename detail::TwinResult<R>::type;

public:
  explicit Function(R (*original)(A...))
      : impl_(detail::makeFunction(reinterpret_cast<const void *>(original))),
        twin_(reinterpret_cast<TwinR (*)(A...)>(const_cast<void *>(
            detail::lookupTwin(reinterpret_cast<const void *>(original))))) {}
  /// With a declared input signature: one spec per tensor position of the
  /// parameters (see ag::function(f, signature)).
  Function(R (*original)(A...), std::vector<TensorSpec> signature)
      : impl_(detail::makeFunction(reinterpret_cast<const void *>(original),
                                   std::move(signature))),
        twin_(reinterpret_cast<TwinR (*)(A...)>(const_cast<void *>(
            detail::lookupTwin(reinterpret_cast<const void *>(original))))) {}

  template <typename... Args> R operator()(Args &&...args) const {
    if constexpr (sizeof...(Args) != sizeof...(A)) {
      // One clear error, not a cascade: a function pointer carries no
      // default arguments.
      static_assert(sizeof...(Args) == sizeof...(A),
                    "ag::function: wrong number of arguments (default "
                    "arguments are not part of a function pointer: pass every "
                    "argument)");
    } else {
      return run(std::forward<Args>(args)...);
    }
  }

  /// Runs the call on a thread of its own and returns at once; get() on the
  /// result waits for it. Calls of different functions, or of this one with
  /// another signature, run at the same time (one graph runs one evaluation
  /// at a time). Arguments are copied into the call.
  template <typename... Args> Future<R> async(Args &&...args) const {
    static_assert(sizeof...(Args) == sizeof...(A),
                  "ag::function(...).async: wrong number of arguments "
                  "(default arguments are not part of a function pointer: "
                  "pass every argument)");
    static_assert(!(detail::IsOutParam<A>::value || ...),
                  "ag::function(...).async: an ag::Tensor& out-parameter "
                  "would be written after async returned; call it "
                  "synchronously");
    Future<R> future;
    future.control_ = std::make_shared<RunControl>();
    future.future_ = std::async(
        std::launch::async,
        [self = *this, control = future.control_,
         values = std::tuple<std::decay_t<A>...>{
             std::decay_t<A>(std::forward<Args>(args))...}]() {
          RunOptions options;
          options.control = control;
          return std::apply(
              [&](const auto &...v) { return self.runWith(options, v...); },
              values);
        });
    return future;
  }

  /// The graph this call signature traces to (tracing it if needed).
  template <typename... Args> Graph graph(Args &&...args) const {
    std::tuple<std::decay_t<A>...> values{std::decay_t<A>(args)...};
    std::vector<size_t> lengths; // of std::vector results, kept by a trace
    return detail::functionGraph(*impl_, collect(values),
                                 invoker(values, &lengths), &lengths);
  }

  /// How many times this function has been traced (one per signature).
  unsigned traceCount() const { return detail::functionTraceCount(*impl_); }

  /// Stops this function's calls in progress, from any thread (as
  /// Graph::cancel): each fails with an ag::Error ("evaluation cancelled")
  /// at the loop or op it was running. Calls made afterwards run normally.
  void cancel() const { detail::cancelFunction(*impl_); }

private:
  template <typename... Args> R run(Args &&...args) const {
    return runWith(RunOptions(), std::forward<Args>(args)...);
  }
  template <typename... Args>
  R runWith(const RunOptions &options, Args &&...args) const {
    static_assert(((!detail::IsOutParam<A>::value ||
                    std::is_same_v<Args, Tensor &>)&&...),
                  "an ag::Tensor& out-parameter needs a non-const ag::Tensor "
                  "variable to write back to");
    static_assert(((!std::is_lvalue_reference_v<A> ||
                    std::is_const_v<std::remove_reference_t<A>> ||
                    detail::IsTensor<A>::value) &&
                   ...),
                  "ag::function: a non-const reference to a host value is "
                  "not supported (only ag::Tensor& out-parameters are written "
                  "back)");
    if constexpr ((detail::IsOutParam<A>::value || ...)) {
      // A by-value parameter is a copy eagerly too: no alias.
      const void *addresses[] = {
          (std::is_reference_v<A> ? detail::tensorAddress(args) : nullptr)...};
      const bool outs[] = {detail::IsOutParam<A>::value...};
      detail::checkOutParamAliases(addresses, outs, sizeof...(A));
    }
    std::tuple<std::decay_t<A>...> values{std::decay_t<A>(args)...};
    detail::CallArgs call = collect(values);
    std::vector<size_t> lengths; // of std::vector results
    auto results = detail::callFunction(*impl_, call, invoker(values, &lengths),
                                        &lengths, options);
    // Out-parameters follow the returned values.
    size_t out =
        results.size() - (size_t(detail::IsOutParam<A>::value) + ... + 0);
    auto writeBack = [&](auto isOut, auto &arg) {
      if constexpr (decltype(isOut)::value)
        arg = results.at(out++);
    };
    (writeBack(detail::IsOutParam<A>{}, args), ...);
    if constexpr (detail::isLazyResult<R>)
      return detail::hostResult<R>(results.at(0));
    else if constexpr (!std::is_void_v<R>)
      return detail::unflattenResult<R>(results, &lengths);
  }

  template <typename Tuple> static detail::CallArgs collect(const Tuple &t) {
    detail::CallArgs call;
    std::apply([&](const auto &...v) { (detail::addParam<A>(call, v), ...); },
               t);
    return call;
  }
  /// `lengths`, if given, gets the lengths of the twin's std::vector
  /// results while it is traced.
  /// The lambda refers to `t`: it is called only within the call that
  /// builds it (see detail::TwinInvoker).
  template <typename Tuple>
  auto invoker(const Tuple &t, std::vector<size_t> *lengths = nullptr) const {
    auto twin = twin_;
    return [twin, &t, lengths](const std::vector<Tensor> &staged) {
      detail::CallArgs layout = collect(t);
      return std::apply(
          [&](const auto &...v) {
            // A braced list evaluates left to right (function arguments
            // would not), so staged tensors are handed out in order.
            size_t next = 0;
            std::vector<bool> unfed;
            std::tuple<decltype(detail::pickParam<A>(v, staged, next,
                                                     unfed))...>
                args{detail::pickParam<A>(v, staged, next, unfed)...};
            detail::InputCounts scope(layout.inputCounts);
            std::vector<Tensor> results;
            if (lengths)
              lengths->clear();
            if constexpr (detail::isLazyResult<R>)
              results.push_back(detail::lazyHandle(std::apply(twin, args)));
            else if constexpr (!std::is_void_v<R>)
              results = detail::flattenResult(std::apply(twin, args), lengths);
            else
              std::apply(twin, args);
            // The twin wrote its out-parameters into `args`.
            std::apply(
                [&](auto &...a) {
                  (
                      [&](auto isOut, auto &arg) {
                        if constexpr (decltype(isOut)::value)
                          results.push_back(arg);
                      }(detail::IsOutParam<A>{}, a),
                      ...);
                },
                args);
            return results;
          },
          t);
    };
  }

  std::shared_ptr<detail::FunctionImpl> impl_;
  TwinR (*twin_)(A...);
};

/// The graph-evaluating twin of `f`. If ag-convert did not run on f's file,
/// calling it throws ag::Error naming f and the missing build step.
template <typename R, typename... A> Function<R(A...)> function(R (*f)(A...)) {
  return Function<R(A...)>(f);
}

//===----------------------------------------------------------------------===//
// ag::method: converted member functions, bound to an object
//===----------------------------------------------------------------------===//

template <typename C, typename M> class Method;

namespace detail {
/// The state of a bound object a method's graph reads: tensors are graph
/// inputs (after the arguments), host values part of the trace key.
inline void addSelf(CallArgs &call, const char *object,
                    const SelfLayout &layout) {
  call.staticKey += "|self";
  for (const SelfLayout::Member &m : layout.members) {
    const char *at = object + m.offset;
    if (m.kind == SelfMember::TensorMember) {
      call.tensors.push_back(*reinterpret_cast<const Tensor *>(at));
      call.tensorNames.push_back(m.name);
    } else if (m.kind == SelfMember::VectorMember) {
      const auto &v = *reinterpret_cast<const std::vector<Tensor> *>(at);
      call.staticKey += ";" + std::to_string(v.size());
      for (size_t i = 0; i < v.size(); ++i) {
        call.tensors.push_back(v[i]);
        call.tensorNames.push_back(m.name + "[" + std::to_string(i) + "]");
      }
    } else {
      call.staticKey += ';';
      constexpr char hex[] = "0123456789abcdef";
      for (size_t i = 0; i < m.size; ++i) {
        auto byte = static_cast<unsigned char>(at[i]);
        call.staticKey += hex[byte >> 4];
        call.staticKey += hex[byte & 15];
      }
    }
  }
}

/// Every tensor of the layout, in input order: the members' slots.
inline std::vector<Tensor *> selfSlots(char *object, const SelfLayout &layout) {
  std::vector<Tensor *> slots;
  for (const SelfLayout::Member &m : layout.members) {
    char *at = object + m.offset;
    if (m.kind == SelfMember::TensorMember)
      slots.push_back(reinterpret_cast<Tensor *>(at));
    else if (m.kind == SelfMember::VectorMember)
      for (Tensor &t : *reinterpret_cast<std::vector<Tensor> *>(at))
        slots.push_back(&t);
  }
  return slots;
}
} // namespace detail

/// The converted twin of an AG_CONVERT member function, bound to one
/// object and called as a lazily evaluated graph. The object's tensor
/// members the method reads are graph inputs fed at every call (a later
/// `model.w = ...` is seen by the next call), its host (arithmetic)
/// members part of the trace key; members it assigns are written back.
template <typename C, typename R, typename... A> class Method<C, R(A...)> {
  using Layout = std::shared_ptr<detail::SelfLayout>;
  using CallFn = std::function<R(C &, A...)>;

public:
  template <typename M>
  Method(C &object, M method)
      : object_(&object),
        call_([method](C &o, A... a) -> R { return (o.*method)(a...); }) {
    key_ = detail::lookupMethodTwin(&method, sizeof(M));
    if (key_)
      impl_ = detail::makeFunction(key_);
  }

  template <typename... Args> R operator()(Args &&...args) const {
    static_assert(sizeof...(Args) == sizeof...(A),
                  "ag::method: wrong number of arguments (pass every "
                  "argument: default arguments are not part of a member "
                  "function pointer)");
    std::tuple<std::decay_t<A>...> values{std::decay_t<A>(args)...};
    detail::CallArgs call = prepare(values);
    std::vector<Tensor> results =
        detail::callFunction(*impl_, call, invoker(values));
    // The members' values after the call follow the returned values.
    std::vector<Tensor *> slots =
        detail::selfSlots(reinterpret_cast<char *>(object_), *layout(values));
    size_t next = results.size() - slots.size();
    for (Tensor *slot : slots)
      *slot = results.at(next++);
    if constexpr (!std::is_void_v<R>)
      return detail::unflattenResult<R>(results);
  }

  /// The graph this call signature traces to (tracing it if needed).
  template <typename... Args> Graph graph(Args &&...args) const {
    std::tuple<std::decay_t<A>...> values{std::decay_t<A>(args)...};
    return detail::functionGraph(*impl_, prepare(values), invoker(values));
  }

  /// How many times this method has been traced (one per signature; the
  /// probing trace of a new signature is not counted).
  unsigned traceCount() const {
    return impl_ ? detail::functionTraceCount(*impl_) : 0;
  }

private:
  static_assert((... && (detail::IsTensor<A>::value ||
                         std::is_arithmetic_v<std::decay_t<A>> ||
                         std::is_enum_v<std::decay_t<A>>)) &&
                    (... && (!std::is_lvalue_reference_v<A> ||
                             std::is_const_v<std::remove_reference_t<A>>)),
                "ag::method: parameters must be ag::Tensor or arithmetic "
                "or enum host values, by value or const reference");

  template <typename Tuple> static detail::CallArgs collect(const Tuple &t) {
    detail::CallArgs call;
    std::apply([&](const auto &...v) { (detail::addArg(call, v), ...); }, t);
    call.tensorNames.resize(call.tensors.size());
    for (const Tensor &x : call.tensors)
      call.staticKey += std::string(x.isWeak() ? "weak " : "") +
                        dtypeName(x.dtype()) + shapeToString(x.shape()) + ";";
    return call;
  }

  /// Where the method's state lives in the object, for the arguments'
  /// signature: found once by a probing trace, which records the
  /// SelfScope of the method and of the methods it calls on the object's
  /// members (the graph of that trace, with members frozen, is dropped).
  template <typename Tuple> const Layout &layout(const Tuple &t) const {
    detail::CallArgs call = collect(t);
    auto it = layouts_->find(call.staticKey);
    if (it != layouts_->end())
      return it->second;
    auto found = std::make_shared<detail::SelfLayout>();
    std::shared_ptr<detail::FunctionImpl> probe = detail::makeFunction(key_);
    C *object = object_;
    CallFn fn = call_;
    detail::functionGraph(
        *probe, call,
        [object, fn, t, found](const std::vector<Tensor> &staged) {
          detail::SelfBinding binding(object, sizeof(C), found.get());
          return invokeWith(*object, fn, t, staged);
        });
    return layouts_->emplace(call.staticKey, found).first->second;
  }

  template <typename Tuple> detail::CallArgs prepare(const Tuple &t) const {
    if (!key_)
      detail::missingMethodTwin(typeid(C).name());
    detail::CallArgs call = collect(t);
    detail::addSelf(call, reinterpret_cast<const char *>(object_), *layout(t));
    return call;
  }

  /// Calls the method with the staged arguments (the first of `staged`)
  /// and returns its results flattened.
  template <typename Tuple>
  static std::vector<Tensor> invokeWith(C &object, const CallFn &fn,
                                        const Tuple &t,
                                        const std::vector<Tensor> &staged) {
    return std::apply(
        [&](const auto &...v) {
          size_t next = 0;
          std::tuple<decltype(detail::pickArg(v, staged, next))...> args{
              detail::pickArg(v, staged, next)...};
          auto run = [&](auto &...a) { return fn(object, a...); };
          std::vector<Tensor> results;
          if constexpr (!std::is_void_v<R>)
            results = detail::flattenResult(std::apply(run, args));
          else
            std::apply(run, args);
          return results;
        },
        t);
  }

  /// The twin as ag::function traces it: the members' slots hold their
  /// staged inputs while the method runs, their values after it are extra
  /// results, and the object gets its own values back.
  template <typename Tuple> auto invoker(const Tuple &t) const {
    C *object = object_;
    CallFn fn = call_;
    Layout found = layout(t);
    return [object, fn, t, found](const std::vector<Tensor> &staged) {
      std::vector<Tensor *> slots =
          detail::selfSlots(reinterpret_cast<char *>(object), *found);
      std::vector<Tensor> saved;
      for (Tensor *slot : slots)
        saved.push_back(*slot);
      struct Restore {
        std::vector<Tensor *> &slots;
        std::vector<Tensor> &saved;
        ~Restore() {
          for (size_t i = 0; i < slots.size(); ++i)
            *slots[i] = saved[i];
        }
      } restore{slots, saved};
      size_t first = staged.size() - slots.size();
      for (size_t i = 0; i < slots.size(); ++i)
        *slots[i] = staged[first + i];
      detail::SelfBinding binding(object, sizeof(C), nullptr);
      std::vector<Tensor> results = invokeWith(*object, fn, t, staged);
      for (Tensor *slot : slots)
        results.push_back(*slot);
      return results;
    };
  }

  C *object_;
  CallFn call_;
  const void *key_ = nullptr;
  std::shared_ptr<detail::FunctionImpl> impl_;
  /// Layouts by the arguments' signature (dtypes, shapes, host values).
  std::shared_ptr<std::map<std::string, Layout>> layouts_ =
      std::make_shared<std::map<std::string, Layout>>();
};

/// `model.forward(x)` as a graph: `ag::method(model, &Model::forward)(x)`.
/// Binds `object` by reference: it must outlive the returned Method.
template <typename C, typename R, typename... A>
Method<C, R(A...)> method(C &object, R (C::*f)(A...)) {
  return Method<C, R(A...)>(object, f);
}
template <typename C, typename R, typename... A>
Method<C, R(A...)> method(C &object, R (C::*f)(A...) const) {
  return Method<C, R(A...)>(object, f);
}

/// With a declared input signature (like tf.function's input_signature):
/// one spec per tensor position of f's parameters — an ag::Tensor, a
/// std::vector/std::array of them (the spec applies to each element), each
/// tensor field of a struct — in order. Calls whose tensors have the
/// spec's dtype, its static dimensions and any size in its ag::dyn ones
/// share one graph; any other call is an ag::Error naming the parameter.
///   auto g = ag::function(&f, {ag::spec(ag::Float64, {ag::dyn})});
template <typename R, typename... A>
Function<R(A...)> function(R (*f)(A...), std::vector<TensorSpec> signature) {
  return Function<R(A...)>(f, std::move(signature));
}

} // namespace ag

#endif // AG_FUNCTION_H
