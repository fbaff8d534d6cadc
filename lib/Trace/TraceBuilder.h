//===- TraceBuilder.h - The tracer behind staged ag::Tensor -----*- C++ -*-===//
//
// TraceBuilder is the detail::Tracer installed while a twin is traced. It
// owns the OpBuilder into the ag.func being built, turns Tensor operations
// into ag ops, and gives the staging API (Staging.cpp) the pieces it needs:
// region frames (for effect tokens), source scopes (for locations) and
// typed merges of branch and loop values.
//
// User lambdas are only ever called from this library's own code, never from
// an MLIR callback: exceptions (ag::Error) must not cross MLIR frames.
//
//===----------------------------------------------------------------------===//
#ifndef AG_LIB_TRACE_TRACEBUILDER_H
#define AG_LIB_TRACE_TRACEBUILDER_H

#include "ag/Error.h"
#include "ag/detail/TensorImpl.h"
#include "ag/detail/Tracer.h"
#include "ag/staging.h"

#include "ag/Dialect/AGOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinOps.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace ag::detail {
/// A staged value whose eager dtype depends on the path taken. `x = 3; if
/// (c) x = 2.5;` leaves x the weak int64 3 when the then branch is not
/// taken and a float64 when it is; a loop-carried literal that the body
/// retypes (`s = 0; ... s = s + f32`) is still the literal in the first
/// iteration and after a loop that runs none. The graph holds one dtype
/// (the typed path's, see IfMerge and buildLoop), and on the weak path the
/// value converted to it. PathWeak.cpp checks each use: the graph must give
/// exactly the eager value on both paths, or the use is a located error.
struct PathWeak {
  DType dtype;      ///< eagerly, a value of this dtype on that path
  bool weak = true; ///< (weak unless an op made it typed)
  /// Its values there (one per path that leaves it weak), when known while
  /// tracing; empty when not (a loop's later iterations, a parameter).
  std::vector<Tensor> values;
  /// `values` are what sample values of an unknown operand gave (see
  /// PathWeak.cpp), not the values themselves.
  bool sampled = false;
  std::string name; ///< the user's variable
  std::string path; ///< "when the loop at line 4 runs no iteration"
  SourceLoc literalAt;
};
/// `a` and `b` without duplicates, or none (not known) past a few values.
std::vector<Tensor> unionOfValues(const std::vector<Tensor> &a,
                                  const std::vector<Tensor> &b);
} // namespace ag::detail

namespace ag::trace {

/// One annotated function on the current call chain (a FunctionScope). Kept
/// in eager mode too, so eager failures of staging calls know their file.
struct Scope {
  std::string function, file;
  unsigned line = 0, col = 0; // the function's definition
  Loc current;                // set by ag::at(); its name is in currentName
  std::string currentName;    // (a Scope moves, so Loc::name cannot own it)
  /// Where each variable was last assigned (for "both source lines" in
  /// merge errors); snapshotted around branches like the variables.
  llvm::StringMap<Loc> lastAssign;
  /// The caller's location when called from another twin (traced only).
  std::optional<mlir::Location> callSite;
  SourceLoc callSiteSource;
  std::optional<mlir::Location> cachedLoc, cachedUnnamedLoc; // of `current`
  /// std::uncaught_exceptions() when the scope began: more at its end means
  /// an exception is unwinding through the twin.
  int uncaught = 0;

  /// `current` with its variable name; valid while the scope is not moved.
  Loc here() const {
    Loc loc = current;
    loc.name = currentName.empty() ? nullptr : currentName.c_str();
    return loc;
  }
};

/// The thread's scope stack (see FunctionScope).
std::vector<Scope> &scopeStack();

/// Where the innermost twin was (statement and call chain, as a diagnostic
/// without a message) when an exception began unwinding through it. Set by
/// the first ~FunctionScope that unwinds, cleared by every ag::at(): a
/// helper's exception reaches traceFunction after the scopes that knew the
/// location are gone.
std::optional<Diagnostic> &unwoundAt();

/// The user's source position in a traced op's MLIR location.
SourceLoc userLocation(mlir::Location loc);

/// Source location of `loc` in the innermost scope.
SourceLoc sourceLocOf(const Loc &loc);

/// A region being traced. Effect ops thread a token; a region's token is
/// materialized lazily (the function starts one with ag.token, a loop adds a
/// carried block argument, a branch uses its parent's), so graphs without
/// effects carry no tokens.
struct LoopTokens;
struct Frame {
  enum class Kind { Function, Branch, LoopBefore, LoopAfter } kind;
  mlir::Block *block;
  mlir::Value token; // current token, null while not materialized
  LoopTokens *loop = nullptr;
};

/// The token arguments of a loop's blocks, added on first use.
struct LoopTokens {
  mlir::Block *before = nullptr, *after = nullptr; // after null for ag.for
  mlir::Value beforeArg, afterArg;
  bool used() const { return static_cast<bool>(beforeArg); }
};

class TraceBuilder : public detail::Tracer {
public:
  /// Installs itself as the thread's tracer until destroyed.
  explicit TraceBuilder(mlir::MLIRContext &context);
  ~TraceBuilder() override;

  // detail::Tracer
  Tensor unary(OpKind kind, const Tensor &x) override;
  Tensor binary(OpKind kind, const Tensor &a, const Tensor &b) override;
  Tensor select(const Tensor &cond, const Tensor &a, const Tensor &b) override;
  Tensor cast(const Tensor &x, DType dtype) override;
  Tensor index(const Tensor &x, const Tensor &i) override;
  Tensor setIndex(const Tensor &x, const Tensor &i, const Tensor &row) override;
  Tensor reduceSum(const Tensor &x) override;
  Tensor stack(const std::vector<Tensor> &values) override;
  Tensor checkNumerics(const Tensor &x, const std::string &msg) override;
  Tensor reduce(ReduceKind kind, const Tensor &x,
                const std::vector<int64_t> &axes, bool keepdims) override;
  Tensor matmul(const Tensor &a, const Tensor &b) override;
  Tensor transpose(const Tensor &x, const std::vector<int64_t> &perm) override;
  Tensor concat(const std::vector<Tensor> &values, int64_t axis) override;
  Tensor slice(const Tensor &x, const std::vector<int64_t> &start,
               const std::vector<int64_t> &stop,
               const std::vector<int64_t> &step) override;
  Tensor gather(const Tensor &x, const Tensor &indices, int64_t axis) override;
  Tensor broadcastTo(const Tensor &x, const Shape &shape) override;
  Tensor broadcastLike(const Tensor &x,
                       const std::vector<Tensor> &like) override;
  Tensor reshape(const Tensor &x, const Shape &shape) override;
  Tensor listNew() override;
  Tensor listPush(const Tensor &list, const Tensor &value) override;
  Tensor listStack(const Tensor &list, DType elementDType,
                   const Shape &elementShape, bool declared) override;
  [[noreturn]] void error(const std::string &message) override;
  [[noreturn]] void boolConversion(const Tensor &x) override;
  [[noreturn]] void eagerAccess(const Tensor &x, const char *what) override;

  /// The active TraceBuilder of this thread, or null (eager mode).
  static TraceBuilder *active();

  mlir::MLIRContext &context() { return context_; }
  mlir::OpBuilder &builder() { return builder_; }
  ir::FuncOp func() { return func_; }

  // Values -----------------------------------------------------------------
  /// The value of `t` in the graph: its symbolic value, or an ag.constant at
  /// the insertion point for an eager tensor.
  mlir::Value valueOf(const Tensor &t);
  /// `t` converted to `dtype`, and broadcast to `shape` unless it is 0-d
  /// (binary ops and select's condition take 0-d operands as they are) or
  /// `full` asks for the whole shape. When `shape` has a dimension known only
  /// at evaluation, the broadcast takes its shape from the values `like`
  /// returns when it runs (the other operands, whose broadcast with `t` is
  /// `shape`).
  mlir::Value
  operand(const Tensor &t, DType dtype, const Shape &shape, bool full = false,
          llvm::function_ref<llvm::SmallVector<mlir::Value>()> like = nullptr);
  /// The values of `others` that have a shape (for operand()'s `like`).
  llvm::SmallVector<mlir::Value>
  shapedValues(std::initializer_list<const Tensor *> others);
  /// `t` as a 0-d bool (C++ truthiness: a number means `!= 0`).
  mlir::Value condition(const Tensor &t, const char *what);
  mlir::Value constant(const Tensor &eager);
  /// An ag.host_constant holding the host value of an eager handle, at
  /// `loc` (default: the current location) named `name` (the argument's
  /// spelling, for Graph::save's error).
  mlir::Value hostConstant(const Tensor &handle,
                           std::optional<mlir::Location> loc = std::nullopt,
                           llvm::StringRef name = {});
  /// Node calls traced per call site (the fan-out guard, AG_MAX_FANOUT).
  llvm::DenseMap<std::pair<unsigned, unsigned>, size_t> nodeCalls;
  mlir::Value zero(mlir::Type type);
  /// A staged Tensor holding `value`: a tensor, or a list (whose Tensor
  /// dtype and shape mean nothing: see ag::TensorList::handle()).
  Tensor wrap(mlir::Value value, bool weak = false);
  /// `shape` may hold -1 for a dimension known only at evaluation.
  mlir::RankedTensorType tensorType(DType dtype, const Shape &shape);
  /// The graph type of `t` without materializing an eager one.
  mlir::Type typeOf(const Tensor &t);
  /// True if `t` holds a staged list rather than a tensor.
  bool isList(const Tensor &t);
  static DType dtypeOf(mlir::Type tensorType);
  /// The shape of a tensor type, -1 for a dynamic dimension.
  static Shape shapeOf(mlir::Type tensorType);
  mlir::Type tokenType();

  // Effects ----------------------------------------------------------------
  mlir::Value currentToken() { return tokenOf(frames_.size() - 1); }
  void setToken(mlir::Value token) { frames_.back().token = token; }
  std::vector<Frame> &frames() { return frames_; }
  mlir::Value tokenOf(size_t frame);

  // Locations and errors ---------------------------------------------------
  /// The location ops built now get (see README.md for the encoding).
  /// `named` = false leaves out the variable name: implicit conversions and
  /// constants are not the variable's value.
  mlir::Location currentLoc(bool named = true);
  mlir::Location locationOf(const Scope &scope, const Loc &loc, bool named);
  /// An ag::Error (Phase::Trace) at `loc` with the call-chain notes.
  [[noreturn]] void fail(const SourceLoc &loc, std::string message,
                         std::vector<DiagnosticNote> notes = {});
  [[noreturn]] void failHere(std::string message,
                             std::vector<DiagnosticNote> notes = {});
  /// The diagnostic fail() throws: `loc`, `message`, `notes`, then the call
  /// chain of the current scopes.
  static Diagnostic diagnose(const SourceLoc &loc, std::string message,
                             std::vector<DiagnosticNote> notes = {});
  /// Runs `fn`; an ag::Error without a location (from promotion or
  /// broadcasting) gets the current one.
  template <typename Fn> decltype(auto) located(Fn &&fn) {
    try {
      return fn();
    } catch (const Error &e) {
      if (e.loc().known())
        throw;
      failHere(e.message());
    }
  }

  /// Names the function's parameters (their block arguments' NameLoc).
  void nameParameters(llvm::ArrayRef<std::string> names);
  /// Starts tracing into the entry block of `func`.
  void begin(ir::FuncOp func);
  /// Results of the trace: returns `results` (+ the final token) from the
  /// function and fixes its type, and marks the bound variables (ag.bind).
  void finish(const std::vector<Tensor> &results);

  /// Variable `name` holds `value` where the traced function returns
  /// (ag::detail::bind_, emitted by ag-convert before each return).
  void bindVariable(llvm::StringRef name, const Tensor &value);
  /// `name`'s value was not carried out of a staged construct (it was dead
  /// there), so what the variable holds afterwards is not what the eager
  /// code holds: it must not become fetchable.
  void unbindable(llvm::StringRef name) { unbindable_.insert(name); }

  // Path-dependent weak dtypes (PathWeak.cpp) ------------------------------
  /// The PathWeak of `side` merged into a value of `dtype` (weak if
  /// `weak`): its own, or a new one if `side` is a weak value of another
  /// dtype or weakness; null if the merged value is what `side` is.
  std::shared_ptr<const detail::PathWeak>
  pathWeakOf(const Tensor &side, DType dtype, bool weak, llvm::StringRef name,
             std::string path, const SourceLoc &literalAt);
  /// `t` (a new handle) carrying `pathWeak`.
  static Tensor withPathWeak(const Tensor &t,
                             std::shared_ptr<const detail::PathWeak> pathWeak);
  /// Checks `result`, the graph's `op` on `operands`, against `eagerOp`
  /// replayed on the values the operands have on a weak path: the result,
  /// carrying the weak path's value if that one is another dtype.
  /// `operandDType` is the dtype the graph converts the operands to.
  Tensor
  pathChecked(llvm::ArrayRef<Tensor> operands, const Tensor &result,
              DType operandDType,
              llvm::function_ref<Tensor(llvm::ArrayRef<Tensor>)> eagerOp);
  /// The error of pathChecked when one combination of candidates `eagerIn`
  /// (the operands' values eagerly) gives another value than the graph.
  [[noreturn]] void failDiverging(const detail::PathWeak &first, bool known,
                                  llvm::ArrayRef<Tensor> operands,
                                  llvm::ArrayRef<Tensor> eagerIn,
                                  const std::string &gives);
  /// Checks a use that reads `t`'s value as it is (returned, printed,
  /// indexed...): its weak path's value must be exactly the graph's.
  void observePathWeak(const Tensor &t);
  /// While alive, valueOf/operand do not check path-dependent values: the
  /// merges and the elementwise ops check them themselves.
  class PathWeakExempt {
  public:
    explicit PathWeakExempt(TraceBuilder &t) : t_(t) { ++t_.pathWeakExempt_; }
    ~PathWeakExempt() { --t_.pathWeakExempt_; }

  private:
    TraceBuilder &t_;
  };

private:
  mlir::Value checkedSymbolic(const Tensor &t);

  llvm::StringMap<mlir::Value> bindings_;
  llvm::StringSet<> unbindable_;

  mlir::MLIRContext &context_;
  mlir::OpBuilder builder_;
  ir::FuncOp func_;
  uint64_t traceId_;
  std::vector<Frame> frames_;
  detail::Tracer *previousTracer_;
  std::vector<Scope> savedScopes_;
  int pathWeakExempt_ = 0;
};

/// Pushes a region frame for the duration of a scope (exception safe), with
/// the builder's insertion point at the end of `block`.
class FrameGuard {
public:
  FrameGuard(TraceBuilder &tracer, Frame frame);
  ~FrameGuard();
  FrameGuard(const FrameGuard &) = delete;
  FrameGuard &operator=(const FrameGuard &) = delete;
  /// The frame's token at the end (null if never materialized).
  mlir::Value token() const;

private:
  TraceBuilder &tracer_;
  mlir::OpBuilder::InsertionGuard insertion_;
  size_t depth_;
};

} // namespace ag::trace

#endif // AG_LIB_TRACE_TRACEBUILDER_H
