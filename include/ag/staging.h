//===- ag/staging.h - The API graph-building twins call ---------*- C++ -*-===//
//
// ag-convert rewrites each AG_CONVERT function into a "twin" that calls these
// functions wherever the original had control flow on staged values
// (ag::Tensor). The twin stays readable C++: each construct becomes one call
// taking its source location, the variables it may assign (by reference,
// with their names) and lambdas for its parts, in the spirit of AutoGraph's
// if_stmt/while_stmt with get_state/set_state.
//
// When no tracer is active (the twin called outside ag::function) every call
// here behaves exactly like the C++ construct it replaced, eagerly.
//
//===----------------------------------------------------------------------===//
#ifndef AG_STAGING_H
#define AG_STAGING_H

#include "ag/Tensor.h"
#include "ag/TensorList.h"

#include <cstddef>
#include <exception>
#include <initializer_list>
#include <iostream>
#include <sstream>
#include <string>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

namespace ag {

template <typename T> class Lazy;

/// ag-convert brackets each twin (and its registration) with these. A twin
/// runs only while tracing, once per signature, where building the graph
/// costs far more than the twin's own code; optimizing it buys nothing, and
/// at -O2 its lambdas cost more to optimize than the original function
/// (docs/performance.md). Unoptimized, it does exactly the same.
#if defined(__clang__)
#define AG_BEGIN_TWIN _Pragma("clang optimize off")
#define AG_END_TWIN _Pragma("clang optimize on")
#elif defined(__GNUC__)
#define AG_BEGIN_TWIN                                                          \
  _Pragma("GCC push_options") _Pragma("GCC optimize(\"O0\")")
#define AG_END_TWIN _Pragma("GCC pop_options")
#else
#define AG_BEGIN_TWIN
#define AG_END_TWIN
#endif

/// The same for the templates twins instantiate (the FnRef of each lambda,
/// callTwin): a pragma applies where a template is defined, not where it is
/// instantiated, so AG_BEGIN_TWIN leaves them optimized, and at -O2 these
/// few-line functions, two per lambda, cost more than the twins themselves.
/// They run only while tracing. noinline: an optnone function must not be
/// inlined (clang), and inlining one into an optimized caller would optimize
/// it after all.
#if defined(__clang__)
#define AG_TWIN_CODE __attribute__((optnone, noinline))
#elif defined(__GNUC__)
#define AG_TWIN_CODE __attribute__((optimize("O0"), noinline))
#else
#define AG_TWIN_CODE
#endif

/// A position in the user's original source file. The file and enclosing
/// function come from the FunctionScope of the twin. `name` is the variable
/// being assigned (for graph value names and diagnostics), or null.
struct Loc {
  unsigned line = 0, col = 0;
  unsigned endLine = 0, endCol = 0; // inclusive end of the range, 0 if none
  const char *name = nullptr;
};

/// First statement of every twin: names the function and its file, and
/// records the current location as the call site when called from another
/// twin (so diagnostics show the chain of converted calls).
class FunctionScope {
public:
  FunctionScope(const char *function, const char *file, unsigned line,
                unsigned col);
  /// Also names the function's ag::Tensor parameters, in order: the traced
  /// graph's inputs get these names (feeds bind by them).
  FunctionScope(const char *function, const char *file, unsigned line,
                unsigned col, std::initializer_list<const char *> tensorParams);
  ~FunctionScope();
  FunctionScope(const FunctionScope &) = delete;
  FunctionScope &operator=(const FunctionScope &) = delete;
};

/// Sets the location that ops recorded by the following statement carry.
void at(Loc loc);

/// The value of a sub-expression that can fail when the graph runs (an
/// integer division or remainder, an index, stacking a staged list): the op
/// computing it is located at `loc`, so an evaluation error points at the
/// sub-expression rather than the whole statement. Returns `value`.
Tensor sub_(Loc loc, Tensor value);

/// A variable a construct may assign (branch-merged or loop-carried): a
/// tensor, or a staged list (carried as its graph value).
struct VarRef {
  VarRef(const char *name, Tensor &ref) : name(name), ref(&ref) {}
  VarRef(const char *name, TensorList &list)
      : name(name), ref(&list.handle()) {}
  /// A lazy value of a host type (a node's result), carried as its handle.
  template <typename T>
  VarRef(const char *name, Lazy<T> &lazy) : name(name), ref(&lazy.handle()) {}
  const char *name;
  Tensor *ref;
  /// False for a variable the construct assigns but nobody reads after it
  /// (see dead_): restored, never merged or carried.
  bool merged = true;
};
using Vars = std::initializer_list<VarRef>;

/// A variable a construct assigns that is dead after it (and, for a loop, at
/// its head). Each region (branch, loop body) is still traced from its value
/// before the construct, and it gets that value back afterwards: a region
/// traced earlier must not leak its assignment into a sibling region (the
/// else branch reads the value from before the if, not the then branch's).
inline VarRef dead_(const char *name, Tensor &ref) {
  VarRef var(name, ref);
  var.merged = false;
  return var;
}

namespace detail {
/// A variable read (not assigned) by bind_: const ones too.
struct BoundVar {
  BoundVar(const char *name, const Tensor &value) : name(name), value(&value) {}
  BoundVar(const char *name, const TensorList &list)
      : name(name), value(&list.handle()) {}
  /// A lazy value of the user's type (ag::Lazy<T>, include/ag/Node.h).
  template <typename L,
            typename = decltype(std::declval<const L &>().handle().impl())>
  BoundVar(const char *name, const L &lazy)
      : name(name), value(&lazy.handle()) {}
  const char *name;
  const Tensor *value;
};

/// Where a twin returns: the values its variables hold there, so that a
/// graph fetches a variable by name exactly (ag-convert emits one call
/// before each return, listing the function's tensor variables in scope).
void bind_(std::initializer_list<BoundVar> vars);

/// The value of out-parameter `name` (a non-const ag::Tensor& parameter)
/// when a function with lowered returns returns at `loc`, kept in its return
/// slot (`ag_retval.name`) so the caller gets the value each path returned
/// with. `returned` is the converter's return flag before this return: while
/// tracing, an out-parameter without a value is an ag::Error at `loc` unless
/// that flag is literally true (the point is never reached). A graph cannot
/// leave an out-parameter without a value on one path and give it one on
/// another.
Tensor outAtReturn_(Loc loc, const char *name, const Tensor &value,
                    const Tensor &returned);

/// A C++ number in a twin: `t.item<T>()` (number_(t, T's dtype)), a cast of
/// such a number, or the arithmetic result of a converted function. It is
/// a 0-d tensor of the number's dtype, weakly typed as a C++ number is when
/// it meets a tensor; an Int32 (a C++ int) is converted to int32 and held
/// as int64, the dtype `Tensor(int)` has eagerly. `t` must hold one element
/// (as item() demands).
Tensor number_(const Tensor &t, DType dtype);
/// `v[i]` of a std::vector<ag::Tensor> whose index is known only when the
/// graph runs: the elements stacked and indexed. They must agree in dtype,
/// shape and weakness (else an error at `loc`, as stacking would change
/// what `v[i]` is); an index outside `v` fails when the graph runs.
Tensor element_(Loc loc, const std::vector<Tensor> &v, const Tensor &index);
/// `l.size()` of a std::vector<ag::Tensor> the twin holds as a staged list:
/// its length when the graph runs, a size_t (a weak int64); eagerly (and
/// for a vector the twin kept) the vector's. An empty list has size 0.
Tensor listSize_(const TensorList &l);
inline Tensor listSize_(const std::vector<Tensor> &v) {
  return number_(Tensor(static_cast<long long>(v.size())), DType::Int64);
}
/// `l.empty()`: a staged bool.
template <typename L> Tensor listEmpty_(const L &l) {
  return listSize_(l) == Tensor(0LL);
}
/// `l[i]`, `l.at(i)`, `l.front()`, `l.back()` of a staged list: element
/// `index` (`l.size() - 1` for back) of the elements stacked. An index
/// outside the list (or an empty list) is an evaluation error at `loc`.
Tensor listElement_(Loc loc, const TensorList &l, const Tensor &index);
Tensor listBack_(Loc loc, const TensorList &l);
/// `for (ag::Tensor e : l)` of a staged list: its elements stacked, which
/// for_each_ iterates over (0 rows for an empty list).
Tensor listRows_(const TensorList &l);
/// The dtype a graph holds a C++ arithmetic type's values in (int32 for the
/// integers it can hold, int64 for the others; ag-convert's numberDType).
template <typename T> constexpr DType numberDType() {
  if constexpr (std::is_same_v<T, bool>)
    return DType::Bool;
  else if constexpr (std::is_integral_v<T>)
    return sizeof(T) < 4 || (sizeof(T) == 4 && std::is_signed_v<T>)
               ? DType::Int32
               : DType::Int64;
  else if constexpr (std::is_same_v<T, float>)
    return DType::Float32;
  else
    return DType::Float64;
}
/// C++ integer types a graph has no dtype for: unsigned ones (`unsigned`,
/// `size_t`, `uint8_t`...), `char`, `signed char` and `short`. A graph holds
/// their values in int64 (a 64-bit unsigned one as its bit pattern: values
/// from 2^63 are negative int64s) and computes C++'s wrap-around itself
/// (integer_, integerOp_).
template <typename T> constexpr bool isEmulatedInteger() {
  return std::is_integral_v<T> && !std::is_same_v<T, bool> && sizeof(T) <= 8 &&
         !(std::is_signed_v<T> && sizeof(T) >= 4);
}
/// `v` (one element) converted to a `bits`-wide integer as C++ converts to
/// it: to int64 (a floating value truncated; for a 64-bit unsigned one,
/// values from 2^63 to their bit pattern), then wrapped modulo 2^bits into
/// the type's range. A weak int64 0-d tensor.
Tensor integer_(const Tensor &v, unsigned bits, bool isSigned);
/// `a op b` for C++ operands of a `bits`-wide unsigned type (32 or 64: what
/// the usual arithmetic conversions give), held as isEmulatedInteger says:
/// `+ - * << & | ^` wrap modulo 2^bits; `/ % >>` and the comparisons are
/// unsigned ones (for 64 bits, exact on bit patterns from 2^63 too). `op`
/// is the C++ operator's spelling.
Tensor integerOp_(const Tensor &a, const char *op, const Tensor &b,
                  unsigned bits);
/// A 64-bit unsigned value (its bit pattern) converted to `dtype` (float32
/// or float64), rounded once as C++ rounds it.
Tensor unsigned64As_(const Tensor &v, DType dtype);
/// `static_cast<T>(v)` of a number in a twin: staged, or a host value.
template <typename T> Tensor numberAs_(const Tensor &v) {
  if constexpr (isEmulatedInteger<T>())
    return integer_(v, sizeof(T) * 8, std::is_signed_v<T>);
  else
    return number_(v, numberDType<T>());
}
template <typename T>
Tensor integerOp_(const Tensor &a, const char *op, const Tensor &b) {
  static_assert(std::is_unsigned_v<T> && sizeof(T) >= 4 && sizeof(T) <= 8);
  return integerOp_(a, op, b, sizeof(T) * 8);
}
/// `static_cast<To>(v)` of a staged 64-bit unsigned number to a floating
/// type.
template <typename To> Tensor unsigned64As_(const Tensor &v) {
  return unsigned64As_(v, numberDType<To>());
}
/// `v++` / `v--` (step -1) of a staged number of type T: v converted as
/// C++ stores it; the old value.
template <typename T> Tensor postStep_(Tensor &v, int step) {
  Tensor old = v;
  v = numberAs_<T>(v + Tensor(step));
  return old;
}
template <typename R, typename V, std::size_t... I>
void partsAsEach(V &value, std::index_sequence<I...>) {
  (
      [&] {
        using E = std::tuple_element_t<I, R>;
        if constexpr (std::is_arithmetic_v<E>)
          std::get<I>(value) = numberAs_<E>(std::get<I>(value));
      }(),
      ...);
}
/// The twin's value of a std::pair/std::tuple result R that holds numbers as
/// tensors, each number converted to its element's C++ type: what building
/// R did eagerly (`return {d, d};` into a std::pair<long, int> truncates).
template <typename R, typename V> V partsAs_(V value) {
  partsAsEach<R>(value, std::make_index_sequence<std::tuple_size_v<R>>());
  return value;
}
/// A value of C++ type T (no conversion) as the weak 0-d tensor a number
/// variable of type T holds: the dtype `Tensor(T)` has (an int is int64),
/// weak. For a staged `&&`, `||` or `?:` stored in a number variable.
template <typename T> Tensor keepNumber_(const Tensor &v) {
  DType dtype = numberDType<T>();
  return number_(v, dtype == DType::Int32 ? DType::Int64 : dtype);
}
template <typename T, typename V,
          std::enable_if_t<std::is_arithmetic_v<V>, int> = 0>
Tensor numberAs_(V v) {
  T value = static_cast<T>(v);
  if constexpr (std::is_same_v<T, bool>)
    return number_(Tensor(value), DType::Bool);
  else if constexpr (std::is_integral_v<T>)
    return number_(Tensor(static_cast<long long>(value)), numberDType<T>());
  else
    return number_(Tensor(static_cast<double>(value)), numberDType<T>());
}

template <typename Fn> class FnRef;
/// A non-owning reference to a callable (like llvm::function_ref): what the
/// staging calls take for a twin's lambdas. A std::function would cost every
/// lambda of every twin a dozen class and function template instantiations
/// (its manager, invoker and type traits) and a heap-capable copy: 10x the
/// compile time of the original file (docs/performance.md). The lambda must
/// outlive the call, as a lambda written in the call's arguments does.
template <typename R, typename... P> class FnRef<R(P...)> {
public:
  FnRef() = default;
  FnRef(std::nullptr_t) {}
  /// A const lambda (not `mutable`): the twins' lambdas capture by
  /// reference. No SFINAE: a FnRef argument picks the (non-template) copy
  /// constructor, and nothing is instantiated per lambda but the two below.
  template <typename F>
  AG_TWIN_CODE FnRef(const F &f) : call_(&invoke<F>), callable_(&f) {}
  R operator()(P... args) const { return call_(callable_, args...); }
  explicit operator bool() const { return call_ != nullptr; }

private:
  template <typename F>
  AG_TWIN_CODE static R invoke(const void *callable, P... args) {
    return (*static_cast<const F *>(callable))(args...);
  }
  R (*call_)(const void *, P...) = nullptr;
  const void *callable_ = nullptr;
};
} // namespace detail

using CondFn = detail::FnRef<Tensor()>;
using BlockFn = detail::FnRef<void()>;
using ValueFn = detail::FnRef<Tensor()>;
using RowFn = detail::FnRef<void(const Tensor &)>;

/// if (cond) thenFn(); else elseFn();  `vars` are the variables either
/// branch assigns; after the call the live ones hold the merged values, the
/// dead_ ones their values from before. Both branches are traced; only the
/// taken one runs. ag-convert emits `at(loc)` before the call, so that the
/// condition, computed as the argument, is located at the if; no else is
/// an empty one.
void if_(Loc loc, Vars vars, const Tensor &cond, BlockFn thenFn,
         BlockFn elseFn = nullptr);
/// The same with the condition computed by `cond()` inside, at `loc` (the
/// form twins converted before the one above used).
void if_(Loc loc, Vars vars, CondFn cond, BlockFn thenFn, BlockFn elseFn);

/// while (cond()) body();  `vars` are the loop-carried variables (assigned
/// in the loop and live at its head or after it).
void while_(Loc loc, Vars vars, CondFn cond, BlockFn body);

/// do body(); while (cond());
void do_while_(Loc loc, Vars vars, BlockFn body, CondFn cond);

/// for (Tensor row : seq) body(row);  over the first dimension of a staged
/// tensor.
void for_each_(Loc loc, Vars vars, const Tensor &seq, RowFn body);

/// cond() ? thenValue() : elseValue(), evaluating only the taken side.
Tensor cond_(Loc loc, CondFn cond, ValueFn thenValue, ValueFn elseValue);
/// The same where a side assigns variables (`c ? k += 1 : k`): `vars` are
/// merged after it as by if_.
Tensor cond_(Loc loc, Vars vars, CondFn cond, ValueFn thenValue,
             ValueFn elseValue);

/// lhs() && rhs() / lhs() || rhs() with short-circuit: rhs() only runs
/// (at evaluation time) when it decides the result.
Tensor and_(Loc loc, ValueFn lhs, ValueFn rhs);
Tensor or_(Loc loc, ValueFn lhs, ValueFn rhs);
/// The same where rhs() assigns variables (`x > 0 && ++k < n`): `vars` keep
/// their values from after lhs() where rhs() did not run, as eagerly.
Tensor and_(Loc loc, Vars vars, ValueFn lhs, ValueFn rhs);
Tensor or_(Loc loc, Vars vars, ValueFn lhs, ValueFn rhs);

namespace detail {
/// `v` as `std::cout << v` shows it now (with std::cout's flags, precision
/// and width), so a graph prints a host value byte for byte as the eager
/// code does: `1` for true, 6 significant digits for a double, a char as a
/// character. ag-convert passes the host values of a converted print through
/// it; PrintArg uses it for arithmetic arguments.
template <typename T> std::string streamText(const T &v) {
  std::ostringstream os;
  os.copyfmt(std::cout);
  os << v;
  return os.str();
}
/// An arithmetic host value; character types other than char (wchar_t,
/// char16_t, ...) print as their code.
template <typename T> std::string streamHost(T v) {
  if constexpr (std::is_same_v<T, wchar_t> ||
#if defined(__cpp_char8_t)
                std::is_same_v<T, char8_t> ||
#endif
                std::is_same_v<T, char16_t> || std::is_same_v<T, char32_t>)
    return streamText(static_cast<unsigned long long>(v));
  else
    return streamText(v);
}
/// The printf conversion that formats a value of arithmetic type T as
/// `std::cout << v` does now (its flags and precision): what a staged value
/// the eager code holds as a T (a node's number) prints with.
template <typename T> std::string streamConversion() {
  std::ios_base::fmtflags flags = std::cout.flags();
  std::string spec = "%";
  if (flags & std::ios_base::showpos)
    spec += '+';
  if constexpr (std::is_same_v<T, bool>) {
    return "%d";
  } else if constexpr (std::is_same_v<T, char> ||
                       std::is_same_v<T, signed char> ||
                       std::is_same_v<T, unsigned char>) {
    return "%c"; // std::cout prints the character
  } else if constexpr (std::is_integral_v<T>) {
    std::ios_base::fmtflags base = flags & std::ios_base::basefield;
    bool upper = flags & std::ios_base::uppercase;
    if ((flags & std::ios_base::showbase) && base != std::ios_base::dec &&
        base != std::ios_base::fmtflags{})
      spec += '#';
    spec += "ll";
    if (base == std::ios_base::hex)
      return spec + (upper ? 'X' : 'x');
    if (base == std::ios_base::oct)
      return spec + 'o';
    return spec + (std::is_signed_v<T> ? 'd' : 'u');
  } else {
    std::ios_base::fmtflags field = flags & std::ios_base::floatfield;
    bool upper = flags & std::ios_base::uppercase;
    if (field == (std::ios_base::fixed | std::ios_base::scientific))
      return spec + (upper ? 'A' : 'a');
    if ((flags & std::ios_base::showpoint) && field != std::ios_base::fixed &&
        field != std::ios_base::scientific)
      spec += '#';
    spec += "." + std::to_string(std::cout.precision());
    if (field == std::ios_base::fixed)
      return spec + (upper ? 'F' : 'f');
    if (field == std::ios_base::scientific)
      return spec + (upper ? 'E' : 'e');
    return spec + (upper ? 'G' : 'g');
  }
}
} // namespace detail

/// An argument of a staged print: a tensor, text known at trace time, or a
/// host (C++ arithmetic) value, whose value is known at trace time too.
class PrintArg {
public:
  PrintArg(const Tensor &t) : tensor_(t), isTensor_(true) {}
  PrintArg(const char *s) : text_(s) {}
  PrintArg(const std::string &s) : text_(s) {}
  /// A host value: `std::cout << v` text for print_, and the value for a
  /// printf conversion (formatted at trace time like a scalar tensor).
  template <typename T, typename = std::enable_if_t<std::is_arithmetic_v<T>>>
  PrintArg(T v) : text_(detail::streamHost(v)), isHost_(true) {
    if constexpr (std::is_same_v<T, bool>)
      tensor_ = Tensor(v);
    else if constexpr (std::is_floating_point_v<T>)
      tensor_ = Tensor(static_cast<double>(v));
    else
      tensor_ = Tensor(static_cast<long long>(v));
  }
  /// A staged value that the eager code holds as the arithmetic type T (a
  /// node's number, or a local ag-convert made a tensor): printed as
  /// `std::cout << T` would print it, not as a tensor.
  template <typename T> static PrintArg streamedAs(const Tensor &t) {
    PrintArg arg(t);
    arg.conversion_ = detail::streamConversion<T>();
    return arg;
  }
  bool isTensor() const { return isTensor_; }
  /// For a streamedAs value: its printf conversion; empty otherwise.
  const std::string &conversion() const { return conversion_; }
  /// A C++ arithmetic value: text() is how std::cout shows it, tensor() its
  /// value (bool, int64 or float64).
  bool isHost() const { return isHost_; }
  const Tensor &tensor() const { return tensor_; }
  const std::string &text() const { return text_; }

private:
  Tensor tensor_;
  std::string text_;
  std::string conversion_;
  bool isTensor_ = false;
  bool isHost_ = false;
};

/// std::cout << a << b ...;  and ag::print(a, b, ...) in twins: prints the
/// pieces in order when (and each time) evaluation reaches this point.
void print_(Loc loc, const std::vector<PrintArg> &pieces);
/// printf(format, args...) with staged arguments. The format is C printf
/// syntax; each conversion consumes one argument (a scalar tensor).
void printf_(Loc loc, const char *format, const std::vector<PrintArg> &args);
/// assert(cond && "message"): fails evaluation with an ag::Error at `loc`.
void assert_(Loc loc, const Tensor &cond, const char *message);

/// Prints its arguments followed by a newline: eagerly at once, in a graph
/// when evaluation reaches it (ag-convert rewrites it to print_ in twins).
template <typename... Args> void print(const Args &...args) {
  print_(Loc{}, std::vector<PrintArg>{PrintArg(args)..., PrintArg("\n")});
}

namespace detail {
/// A `throw` of a converted function, reached while tracing: false if it is
/// on every path of the trace (the twin then throws the user's exception at
/// once, as the eager code does), true after recording, when it is inside a
/// staged region (on some paths only), an ag.assert that always fails with
/// `text` (the exception's type and message) at `loc`.
bool throwStaged_(Loc loc, const std::string &text);
template <typename E> std::string thrownText_(const char *type, const E &e) {
  if constexpr (std::is_base_of_v<std::exception, E>)
    return std::string("throw ") + type + ": " + e.what();
  else
    return std::string("throw ") + type;
}
/// `throw e;` in a twin: eagerly and on every path of the trace C++'s own
/// throw; under staged control flow an evaluation error carrying e's
/// message, raised when (and only if) the graph takes this path.
template <typename E> void throw_(Loc loc, const char *type, E &&e) {
  if (!throwStaged_(loc, thrownText_(type, e)))
    throw std::forward<E>(e);
}

/// True while a twin is being traced on this thread. ag-convert starts each
/// AG_CONVERT original with `if (tracing()) return callTwin(...)`: a call
/// that reaches the original while tracing (through a function pointer, or
/// a plain helper) runs its twin instead of staging nothing.
bool tracing();

/// While ag::function traces: which ag::Tensor parameters of the traced
/// twin, in order, are not graph inputs (undefined out-parameters), so its
/// FunctionScope names the inputs it has.
class UnfedParams {
public:
  explicit UnfedParams(const std::vector<bool> &unfed);
  ~UnfedParams();
  UnfedParams(const UnfedParams &) = delete;
  UnfedParams &operator=(const UnfedParams &) = delete;

private:
  const std::vector<bool> *saved_;
};

/// While ag::function traces: how many graph inputs each tensor position of
/// the traced twin's parameters has (CallArgs::inputCounts in ag/Function.h),
/// so that its FunctionScope names them (`xs[0]`, `xs[1]`; none for an
/// undefined out-parameter). Takes precedence over UnfedParams.
class InputCounts {
public:
  explicit InputCounts(const std::vector<size_t> &counts);
  ~InputCounts();
  InputCounts(const InputCounts &) = delete;
  InputCounts &operator=(const InputCounts &) = delete;

private:
  const std::vector<size_t> *saved_;
};

/// Registers the twin of an AG_CONVERT function so ag::function finds it.
/// Emitted by ag-convert after each twin as a static initializer.
bool registerTwin(const void *original, const void *twin, const char *name,
                  const char *file, unsigned line);
/// Registers the names of the graph inputs of converted function
/// `original`, one per tensor position of its parameters (`x`, `p.w`,
/// `xs[]`), so ag::function can name them before tracing. Emitted by
/// ag-convert next to registerTwin.
bool registerTensorPositions(const void *original,
                             std::initializer_list<const char *> names);
/// The twin registered for `original`, or null.
const void *lookupTwin(const void *original);
/// Throws the ag::Error of a call to converted function `name` whose twin is
/// not registered, located at the current statement of the calling twin.
[[noreturn]] void missingTwin(const char *name);

/// One call through callTwin: finds the twin (missingTwin if there is none)
/// and, while tracing, fails on a call of a twin that is already running
/// this way (ag-convert sees recursion only within one file; traced, it
/// would never end).
class TwinCall {
public:
  TwinCall(const void *original, const char *name);
  ~TwinCall();
  TwinCall(const TwinCall &) = delete;
  TwinCall &operator=(const TwinCall &) = delete;
  const void *twin() const { return twin_; }

private:
  const void *twin_ = nullptr;
  bool tracked_ = false;
};

/// Converted member functions (docs/user-guide.md, "Methods"). Their twin
/// is the method itself: ag-convert puts it inside the original, under
/// `if (tracing())`, so it has the method's access rights and `this`. Its
/// first statements name the object's state it may read:
/// `SelfScope ag_self(this, {{"w", w}, {"steps", steps}})`. While
/// ag::method probes a bound object, that records where each piece lives
/// inside the object (by offset: stable while the object lives), so every
/// call feeds the current values (tensors as graph inputs, host values as
/// part of the trace key). Otherwise it does nothing.
struct SelfMember {
  enum Kind { TensorMember, VectorMember, HostMember };
  SelfMember(const char *name, const Tensor &t)
      : kind(TensorMember), name(name), ptr(&t), size(sizeof(Tensor)) {}
  SelfMember(const char *name, const std::vector<Tensor> &v)
      : kind(VectorMember), name(name), ptr(&v), size(sizeof(v)) {}
  template <typename T, typename = std::enable_if_t<std::is_arithmetic_v<T>>>
  SelfMember(const char *name, const T &v)
      : kind(HostMember), name(name), ptr(&v), size(sizeof(T)) {}
  Kind kind;
  const char *name;
  const void *ptr;
  size_t size;
};

class SelfScope {
public:
  SelfScope(const void *self, std::initializer_list<SelfMember> members);
};

/// A member of a class template whose declared type `Declared` depends on
/// the template's parameters: state (as SelfMember defines it) in some
/// instantiations only. Emitted by ag-convert after the SelfScope.
template <typename Declared, typename T>
void selfMember_(const void *self, const char *name, const T &value) {
  if constexpr (!std::is_reference_v<Declared> && !std::is_const_v<Declared> &&
                (std::is_same_v<Declared, Tensor> ||
                 std::is_same_v<Declared, std::vector<Tensor>> ||
                 std::is_arithmetic_v<Declared>)) {
    SelfScope scope(self, {SelfMember(name, value)});
    (void)scope;
  } else {
    (void)self, (void)name, (void)value;
  }
}

/// Where a converted method's state lives in the object ag::method binds,
/// found by a probing trace.
struct SelfLayout {
  struct Member {
    SelfMember::Kind kind;
    std::string name;
    size_t offset, size;
  };
  std::vector<Member> members;
};

/// Installed by ag::method around a call of the bound method while tracing:
/// with `probe`, SelfScopes of objects inside [root, root + size) add their
/// members to `layout` (and the values they held, restored by the
/// destructor); without, it only marks the trace as ag::method's.
class SelfBinding {
public:
  SelfBinding(void *root, size_t size, SelfLayout *probe);
  ~SelfBinding();
  SelfBinding(const SelfBinding &) = delete;
  SelfBinding &operator=(const SelfBinding &) = delete;

private:
  friend class SelfScope;
  char *root_;
  size_t size_;
  SelfLayout *probe_;
  std::vector<std::pair<Tensor *, Tensor>> savedTensors_;
  std::vector<std::pair<std::vector<Tensor> *, std::vector<Tensor>>>
      savedVectors_;
  SelfBinding *saved_;
};

/// Registers a converted non-static member function by the bytes of its
/// pointer-to-member (ag-convert emits this after the class). Returns the
/// key ag::method traces it under.
const void *registerMethodTwin(const void *memberPointer, size_t size,
                               const char *name, const char *file,
                               unsigned line);
template <typename M>
bool registerMethod(M memberPointer, const char *name, const char *file,
                    unsigned line) {
  return registerMethodTwin(&memberPointer, sizeof(M), name, file, line) !=
         nullptr;
}
/// The key registered for a pointer-to-member, or null.
const void *lookupMethodTwin(const void *memberPointer, size_t size);
/// The ag::Error of ag::method on a member function of `className` (a
/// typeid name) that is not converted.
[[noreturn]] void missingMethodTwin(const char *className);

/// Calls the registered twin of `original`, a converted function defined in
/// another file (emitted by ag-convert for such calls: naming the twin would
/// not link if that file were not converted). The twin has exactly the
/// original's type. missingTwin(name) if it is not registered.
template <typename R, typename... P, typename... A>
AG_TWIN_CODE R callTwin(R (*original)(P...), const char *name, A &&...args) {
  TwinCall call(reinterpret_cast<const void *>(original), name);
  return reinterpret_cast<R (*)(P...)>(const_cast<void *>(call.twin()))(
      std::forward<A>(args)...);
}
} // namespace detail

} // namespace ag

#endif // AG_STAGING_H
