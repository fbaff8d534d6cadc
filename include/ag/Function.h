//===- ag/Function.h - ag::function: call a converted twin as a graph -*- C++ -*-===//
#ifndef AG_FUNCTION_H
#define AG_FUNCTION_H

#include "ag/Graph.h"
#include "ag/Tensor.h"
#include "ag/staging.h"

#include <algorithm>
#include <cstring>
#include <functional>
#include <memory>
#include <string>
#include <tuple>
#include <type_traits>
#include <vector>

namespace ag {
namespace detail {

struct FunctionImpl;

/// A call's arguments split into staged inputs (ag::Tensor parameters) and
/// static ones (arithmetic host values, part of the trace cache key).
struct CallArgs {
  std::vector<Tensor> tensors;
  std::vector<std::string> tensorNames; // parameter names, filled by tracing
  std::string staticKey;
};

/// Traces the twin through `invoke` on first use of a signature, caches the
/// graph and evaluates it. `invoke` calls the twin with staged tensors and
/// returns its results flattened.
using TwinInvoker =
    std::function<std::vector<Tensor>(const std::vector<Tensor> &)>;

std::shared_ptr<FunctionImpl> makeFunction(const void *original);
std::vector<Tensor> callFunction(FunctionImpl &fn, const CallArgs &args,
                                 const TwinInvoker &invoke);
Graph functionGraph(FunctionImpl &fn, const CallArgs &args,
                    const TwinInvoker &invoke);
unsigned functionTraceCount(const FunctionImpl &fn);
void cancelFunction(FunctionImpl &fn);

template <typename T> struct IsTensor : std::is_same<std::decay_t<T>, Tensor> {};

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
  size_t used = std::is_same_v<T, long double>
                    ? std::min<size_t>(sizeof(T), 10)
                    : sizeof(T);
  for (size_t i = 0; i < used; ++i) {
    key += hex[bytes[i] >> 4];
    key += hex[bytes[i] & 15];
  }
}

template <typename T> void addArg(CallArgs &call, const T &value) {
  if constexpr (IsTensor<T>::value) {
    call.tensors.push_back(value);
  } else {
    static_assert(std::is_arithmetic_v<T>,
                  "ag::function parameters must be ag::Tensor or arithmetic "
                  "host values");
    // bool is one byte that may hold only 0 or 1: key its value.
    if constexpr (std::is_same_v<T, bool>)
      call.staticKey += value ? "1" : "0";
    else
      appendKeyBits(call.staticKey, value);
    call.staticKey += ';';
  }
}

/// Rebuilds the twin's parameter list, substituting staged tensors in order.
template <typename T>
decltype(auto) pickArg(const T &value, const std::vector<Tensor> &staged,
                       size_t &next) {
  if constexpr (IsTensor<T>::value)
    return Tensor(staged[next++]);
  else
    return value;
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

template <typename R> std::vector<Tensor> flattenResult(R &&r) {
  using D = std::decay_t<R>;
  if constexpr (std::is_same_v<D, Tensor>) {
    return {std::forward<R>(r)};
  } else {
    return std::apply(
        [](auto &&...t) { return std::vector<Tensor>{Tensor(t)...}; }, r);
  }
}

template <typename R> R unflattenResult(const std::vector<Tensor> &values) {
  if constexpr (std::is_same_v<R, Tensor>) {
    return values.at(0);
  } else {
    return std::apply(
        [&](auto... ignored) {
          size_t i = 0;
          return R{(static_cast<void>(ignored), values.at(i++))...};
        },
        R{});
  }
}

} // namespace detail

template <typename Sig> class Function;

/// The converted twin of an AG_CONVERT function, called as a lazily
/// evaluated graph. Traced once per input signature (dtypes, shapes and the
/// values of arithmetic host arguments).
template <typename R, typename... A> class Function<R(A...)> {
public:
  explicit Function(R (*original)(A...))
      : impl_(detail::makeFunction(reinterpret_cast<const void *>(original))),
        twin_(reinterpret_cast<R (*)(A...)>(const_cast<void *>(
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

  /// The graph this call signature traces to (tracing it if needed).
  template <typename... Args> Graph graph(Args &&...args) const {
    std::tuple<std::decay_t<A>...> values{std::decay_t<A>(args)...};
    return detail::functionGraph(*impl_, collect(values), invoker(values));
  }

  /// How many times this function has been traced (one per signature).
  unsigned traceCount() const { return detail::functionTraceCount(*impl_); }

  /// Stops this function's calls in progress, from any thread (as
  /// Graph::cancel): each fails with an ag::Error ("evaluation cancelled")
  /// at the loop or op it was running. Calls made afterwards run normally.
  void cancel() const { detail::cancelFunction(*impl_); }

private:
  template <typename... Args> R run(Args &&...args) const {
    static_assert(((!detail::IsOutParam<A>::value ||
                    std::is_same_v<Args, Tensor &>) &&
                   ...),
                  "an ag::Tensor& out-parameter needs a non-const ag::Tensor "
                  "variable to write back to");
    static_assert(((!std::is_lvalue_reference_v<A> ||
                    std::is_const_v<std::remove_reference_t<A>> ||
                    detail::IsTensor<A>::value) &&
                   ...),
                  "ag::function: a non-const reference to a host value is "
                  "not supported (only ag::Tensor& out-parameters are written "
                  "back)");
    std::tuple<std::decay_t<A>...> values{std::decay_t<A>(args)...};
    detail::CallArgs call = collect(values);
    auto results = detail::callFunction(*impl_, call, invoker(values));
    // Out-parameters follow the returned values.
    size_t out =
        results.size() - (size_t(detail::IsOutParam<A>::value) + ... + 0);
    auto writeBack = [&](auto isOut, auto &arg) {
      if constexpr (decltype(isOut)::value)
        arg = results.at(out++);
    };
    (writeBack(detail::IsOutParam<A>{}, args), ...);
    if constexpr (!std::is_void_v<R>)
      return detail::unflattenResult<R>(results);
  }

  template <typename Tuple> static detail::CallArgs collect(const Tuple &t) {
    detail::CallArgs call;
    std::apply([&](const auto &...v) { (detail::addParam<A>(call, v), ...); },
               t);
    return call;
  }
  template <typename Tuple> detail::TwinInvoker invoker(const Tuple &t) const {
    auto twin = twin_;
    return [twin, t](const std::vector<Tensor> &staged) {
      return std::apply(
          [&](const auto &...v) {
            // A braced list evaluates left to right (function arguments
            // would not), so staged tensors are handed out in order.
            size_t next = 0;
            std::vector<bool> unfed;
            std::tuple<decltype(detail::pickParam<A>(v, staged, next,
                                                     unfed))...>
                args{detail::pickParam<A>(v, staged, next, unfed)...};
            detail::UnfedParams scope(unfed);
            std::vector<Tensor> results;
            if constexpr (!std::is_void_v<R>)
              results = detail::flattenResult(std::apply(twin, args));
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
  R (*twin_)(A...);
};

/// The graph-evaluating twin of `f`. If ag-convert did not run on f's file,
/// calling it throws ag::Error naming f and the missing build step.
template <typename R, typename... A> Function<R(A...)> function(R (*f)(A...)) {
  return Function<R(A...)>(f);
}

} // namespace ag

#endif // AG_FUNCTION_H
