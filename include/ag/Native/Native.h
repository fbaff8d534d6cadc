//===- ag/Native/Native.h - ag graphs as machine code -----------*- C++ -*-===//
//
// The native backend (docs/architecture.md, "Native code"): scalar ag.funcs
// lowered to func/arith/math/scf, then to the LLVM dialect, and compiled by
// mlir::ExecutionEngine. It sits beside the Program lowering (lib/Lowering),
// below the session (lib/Graph), which picks a backend per run.
//
//===----------------------------------------------------------------------===//
#ifndef AG_NATIVE_NATIVE_H
#define AG_NATIVE_NATIVE_H

#include "ag/Error.h"
#include "ag/runtime/Program.h"
#include "ag/runtime/Value.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/Pass.h"
#include "mlir/Pass/PassManager.h"
#include "llvm/Support/Error.h"

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace llvm {
class TargetMachine;
}
namespace mlir {
class ExecutionEngine;
}

namespace ag {

#define GEN_PASS_DECL
#include "ag/Native/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "ag/Native/Passes.h.inc"

namespace native {

/// Marks a lowered func.func that runs elementwise over tensors of one
/// shape (pointers in, pointers out, the element count last).
inline constexpr llvm::StringLiteral kElementwiseAttr = "ag.elementwise";
/// Marks a lowered func.func on tensors of static shapes, each tensor op a
/// loop nest over buffers (pointers in, pointers out, no count).
inline constexpr llvm::StringLiteral kBufferedAttr = "ag.buffered";
/// Marks a buffered func.func with dynamic dimensions: each ranked
/// parameter's pointer is followed by its dimensions (i64), and each
/// ranked result is a pointer to a descriptor the function fills with a
/// buffer from the tensors' buffer cache and its dimensions.
inline constexpr llvm::StringLiteral kDynamicShapesAttr = "ag.dynamic_shapes";

/// Lowers every ag.func of `module` that can be lowered to a func.func (see
/// the `ag-lower-to-arith` pass); each declined function keeps its ag.func
/// and gets a remark at the op that prevents it. Fails only on an internal
/// error (never for an unsupported op).
/// `loops`, if given, gets the location of each ag.while / ag.for lowered,
/// indexed by the id its budget checks pass to `ag_native_poll`.
mlir::LogicalResult lowerToArith(mlir::ModuleOp module,
                                 std::vector<mlir::Location> *loops = nullptr);

/// Why the top-level op `op` cannot run inside a natively compiled region
/// of a function that runs on the interpreter (Partition.cpp), or "" if it
/// can: the buffered path's ops, scalar ops and scalar control flow; never
/// an op touching an effect token.
std::string regionBlocker(mlir::Operation *op);

/// `module` as the native backend lowers it (lowerToArith on a copy, in a
/// context of its own): func/arith/math/scf, each function it declines
/// left an ag.func, after a `// remark:` line per remark saying why
/// (Graph::loweredMlir, `ag-run --print-lowered`).
std::string loweredText(mlir::ModuleOp module);

/// The passes from func/arith/math/scf to the LLVM dialect.
void buildArithToLLVMPipeline(mlir::OpPassManager &pm);

/// The budgets of one native run (RunOptions::maxIterations, timeout,
/// Graph::cancel and a call's RunControl), which the lowered loops check as
/// the evaluator's Budget does: the iteration count of each execution of a
/// loop against maxIterations at every iteration, the clock and the cancel
/// flags every kPollInterval iterations of the function's loops.
struct RunBudget {
  static constexpr uint64_t kPollInterval = 1024; // exec::Budget's
  uint64_t maxIterations = UINT64_MAX;
  bool hasDeadline = false;
  std::chrono::steady_clock::time_point deadline;
  double timeout = 0;                               // seconds, for the message
  const std::atomic<bool> *cancelled = nullptr;     // Graph::cancel
  const std::atomic<bool> *callCancelled = nullptr; // RunControl::cancelled
};

/// Where and why native code stopped for a budget (the loop's id in
/// NativeFunction::loopSources(), its 1-based iteration, and the enclosing
/// loops of the same function with theirs, innermost first).
struct BudgetStop {
  enum class Kind : uint8_t { None, Iterations, Time, Cancelled };
  Kind kind = Kind::None;
  uint32_t loop = 0;
  uint64_t iteration = 0;
  std::vector<std::pair<uint32_t, uint64_t>> outer;
};

/// What the effects of one native run share with its caller.
struct RunEffects {
  /// Escape control characters of print formats and output, as the
  /// interpreter does for a loaded graph (exec::Node::escapeOutput).
  bool escapeOutput = false;
  /// Prints written so far: when the run faults, the interpreter re-runs
  /// the graph without writing these again (exec::Session::skipPrints).
  uint64_t prints = 0;
  /// The run's budgets (null: none, as for ag-opt's tests), and what
  /// stopped it: a fault the caller reports with budgetError (not by an
  /// interpreter re-run, which would take as long again).
  const RunBudget *budget = nullptr;
  BudgetStop stop;
};

/// A 0-d value in a slot, as NativeFunction's entry reads it (bools as one
/// byte), and back.
uint64_t scalarSlot(const exec::Scalar &s);
exec::Scalar scalarOfSlot(uint64_t slot, DType dtype);

/// A scalar ag.func compiled to machine code. Thread safe: run() keeps no
/// state between calls.
class NativeFunction {
public:
  /// Compiles a copy of `module`'s function `name` (and the functions it
  /// calls); `module` is left unchanged. On failure, the error says why,
  /// as "file:line:col: <op> ..." when an op prevented it.
  static llvm::Expected<std::unique_ptr<NativeFunction>>
  compile(mlir::ModuleOp module, llvm::StringRef name);
  /// compile() of several functions of `module` with one LLVM compile and
  /// one JIT, which they share (the native regions of a function, see
  /// partition()): per name, its function or why it does not compile.
  static std::vector<llvm::Expected<std::unique_ptr<NativeFunction>>>
  compileAll(mlir::ModuleOp module, const std::vector<std::string> &names);
  ~NativeFunction();

  /// Runs the function on `slots`: one per parameter (a 0-d value, or for
  /// an elementwise() function the address of a ranked one's contiguous
  /// elements), one per result (a 0-d result is written there; a ranked
  /// one's slot holds the address of its buffer, of the parameters' shape),
  /// then, for an elementwise function, the element count. Bools are one
  /// byte. Prints run as they are reached, in program order, on
  /// std::cout (`effects` counts them). Returns false if the code reached
  /// an evaluation error or a failed assert (the caller re-runs the
  /// interpreter, which reports it, skipping the prints already written).
  bool runSlots(uint64_t *slots, RunEffects *effects = nullptr) const;

  /// Runs the function on tensors: 0-d feeds by value, ranked feeds of
  /// its shapes (an elementwise() function's all of one shape) by address;
  /// ranked results get fresh buffers. Nothing when the feeds do not fit or
  /// the code faulted (the interpreter then runs and reports it). Prints of
  /// a scalar function are not counted: call it on functions without
  /// (native regions, elementwise and buffered functions).
  /// `faulted` (if given) is set when the code ran and faulted.
  std::optional<std::vector<exec::Value>>
  runTensors(const std::vector<Tensor> &feeds, bool *faulted = nullptr,
             RunEffects *effects = nullptr) const;

  /// The error a budget stop of this function's code is, as the
  /// evaluator words it: at the loop that hit the limit (a timeout or
  /// cancel: that noticed it, "in iteration k of this loop"), with a note
  /// per enclosing loop of the same function and per inlined call.
  ag::Error budgetError(const BudgetStop &stop, const RunBudget &budget) const;

  const std::vector<DType> &argumentTypes() const { return args_; }
  const std::vector<DType> &resultTypes() const { return results_; }
  /// Whether each parameter / result is a tensor of rank >= 1 (only for an
  /// elementwise function).
  const std::vector<bool> &rankedArguments() const { return rankedArgs_; }
  const std::vector<bool> &rankedResults() const { return rankedResults_; }
  /// The function prints (runSlots then writes to std::cout).
  bool hasEffects() const { return effects_; }
  /// The function runs over the elements of tensors of one shape.
  bool elementwise() const { return elementwise_; }
  /// The function runs on tensors of the static shapes argumentShapes()
  /// and resultShapes() (pointers in, pointers out, no element count).
  bool buffered() const { return buffered_; }
  /// The buffered function has dynamic dimensions: sizes are read from the
  /// feeds, and the results' buffers and shapes come from the code.
  bool dynamicShapes() const { return dynamic_; }
  /// Per parameter / result, its static shape (empty for 0-d values; a
  /// dynamic dimension is ShapedType's kDynamic).
  const std::vector<Shape> &argumentShapes() const { return argShapes_; }
  const std::vector<Shape> &resultShapes() const { return resultShapes_; }
  /// Seconds the lowering and the LLVM compile took (for all the functions
  /// of a compileAll).
  double compileSeconds() const { return compileSeconds_; }

private:
  NativeFunction() = default;
  /// A function for the ag.func `op`, its signature filled in.
  static std::unique_ptr<NativeFunction> describe(mlir::Operation *op,
                                                  bool effects);
  struct Compiled;
  /// The JIT holding the code (shared by the functions of a compileAll).
  std::shared_ptr<Compiled> compiled_;
  using Entry = int32_t (*)(void *slots);
  Entry entry_ = nullptr;
  std::vector<DType> args_, results_;
  std::vector<bool> rankedArgs_, rankedResults_;
  bool elementwise_ = false;
  bool buffered_ = false;
  bool dynamic_ = false;
  std::vector<Shape> argShapes_, resultShapes_;
  /// runTensors() of a function with dynamic shapes.
  std::optional<std::vector<exec::Value>>
  runDynamic(const std::vector<Tensor> &feeds, bool *faulted,
             RunEffects *effects) const;
  /// Per loop id of the compiled module, its source (budgetError).
  std::shared_ptr<const std::vector<exec::NodeSource>> loops_;
  bool effects_ = false;
  double compileSeconds_ = 0;
};

/// A function whose top-level block runs on the interpreter, with each
/// worthwhile run of natively compilable ops compiled and called as one
/// host node (lib/Backend/Native/README.md, "Per-region fallback").
struct Partition {
  /// The residual program: `original`'s slots, each compiled run replaced
  /// by a host node. Null when no run was compiled.
  std::shared_ptr<exec::Program> program;
  /// Per slot of `program`: computed inside a native run and not one of its
  /// results, so `program` cannot fetch it (the interpreter can).
  std::vector<bool> hidden;
  /// One remark per op that cut a run ("file:line:col: remark: ...").
  std::vector<std::string> remarks;
  size_t regions = 0;   // compiled runs
  size_t nativeOps = 0; // ops inside them
  /// Region calls the interpreter ran instead of the native code (a fault,
  /// or feeds the code does not take), over every run of `program`.
  std::shared_ptr<std::atomic<uint64_t>> interpreted =
      std::make_shared<std::atomic<uint64_t>>(0);
  /// Of those, the re-runs after the native code faulted (the rest: feeds
  /// the code does not take); and the region calls the native code ran.
  std::shared_ptr<std::atomic<uint64_t>> faulted =
      std::make_shared<std::atomic<uint64_t>>(0);
  std::shared_ptr<std::atomic<uint64_t>> nativeCalls =
      std::make_shared<std::atomic<uint64_t>>(0);
  /// The budgets of the run of `program` in progress, which the session
  /// sets before each run (runs of one graph do not overlap) and the
  /// native regions' loops check.
  std::shared_ptr<RunBudget> budget = std::make_shared<RunBudget>();
};

/// Partitions `module`'s function `name` (on a copy; `module` is left
/// unchanged), whose Program `original` the interpreter runs (its top-level
/// nodes mirror the function's top-level ops). Runs of at least
/// kMinRegionOps ops or with one heavy op (loop, matmul, reduction, large
/// tensor) are compiled; a run faulting re-runs on the interpreter, which
/// throws the diagnostic. Never fails: a run that does not compile stays on
/// the interpreter.
Partition partition(mlir::ModuleOp module, llvm::StringRef name,
                    const exec::Program &original);

/// Runs below this many ops (without a heavy one) stay on the interpreter:
/// a native call costs slot marshalling and an allocation per ranked
/// result, a few interpreter ops' worth. A run of 0-d ops only needs
/// kMinScalarRegionOps: interpreted scalar ops are cheap, and 4 of them ran
/// 10% faster than one native call, 8 as fast (`ag-bench-native
/// partition`).
inline constexpr size_t kMinRegionOps = 4;
inline constexpr size_t kMinScalarRegionOps = 8;

} // namespace native
} // namespace ag

#endif // AG_NATIVE_NATIVE_H
