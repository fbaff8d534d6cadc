//===- NativeFunction.cpp - scalar ag.funcs as machine code ---------------===//
//
// `ag-lower-to-llvm` and NativeFunction: lowerToArith, the upstream
// conversions to the LLVM dialect, and mlir::ExecutionEngine. The entry
// point is a small wrapper taking one array of 8-byte slots (arguments,
// then results) and returning the fault flag, so calling it needs no
// per-signature C++ code.
//
//===----------------------------------------------------------------------===//

#include "ag/Native/Native.h"

#include "ag/Dialect/AGDType.h"
#include "ag/Dialect/AGDialect.h"
#include "ag/Dialect/AGOps.h"
#include "ag/Error.h"
#include "ag/Lowering/Lowering.h"
#include "ag/detail/TensorImpl.h"
#include "ag/runtime/Kernels.h"
#include "ag/semantics/ElementOps.h"

#include "mlir/Conversion/Passes.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/ControlFlow/IR/ControlFlow.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/ExecutionEngine/ExecutionEngine.h"
#include "mlir/ExecutionEngine/OptUtils.h"
#include "mlir/IR/Builders.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Target/LLVMIR/Dialect/Builtin/BuiltinToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Dialect/LLVMIR/LLVMToLLVMIRTranslation.h"
#include "llvm/ExecutionEngine/Orc/JITTargetMachineBuilder.h"
#include "llvm/ExecutionEngine/Orc/Mangling.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Target/TargetMachine.h"

#include <chrono>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <iostream>
#include <mutex>
#include <sstream>

namespace ag {
#define GEN_PASS_DEF_LOWERTOLLVM
#include "ag/Native/Passes.h.inc"
} // namespace ag

using namespace mlir;

void ag::native::buildArithToLLVMPipeline(OpPassManager &pm) {
  pm.addPass(createConvertSCFToCFPass());
  pm.addPass(createConvertMathToLLVMPass());
  pm.addPass(createArithToLLVMConversionPass());
  pm.addPass(createConvertControlFlowToLLVMPass());
  pm.addPass(createConvertFuncToLLVMPass());
  pm.addPass(createReconcileUnrealizedCastsPass());
}

namespace {

struct LowerToLLVMPass : public ag::impl::LowerToLLVMBase<LowerToLLVMPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    if (failed(ag::native::lowerToArith(module)))
      return signalPassFailure();
    if (!module.getOps<ag::ir::FuncOp>().empty()) {
      module.emitError("some ag.funcs cannot be lowered to LLVM (see the "
                       "remarks)");
      return signalPassFailure();
    }
    OpPassManager pm("builtin.module");
    ag::native::buildArithToLLVMPipeline(pm);
    if (failed(runPipeline(pm, module)))
      signalPassFailure();
  }
};

std::string locPrefix(Location loc) {
  ag::SourceLoc src = ag::lowering::toNodeSource(loc).loc;
  if (!src.known())
    return "";
  return src.file + ":" + std::to_string(src.line) + ":" +
         std::to_string(src.col) + ": ";
}

/// A ranked tensor's dtype; nullopt for tokens.
std::optional<ag::DType> tensorDType(Type type) {
  auto tensor = dyn_cast<RankedTensorType>(type);
  return tensor ? ag::ir::toDType(tensor.getElementType()) : std::nullopt;
}

/// func.func @_ag_entry(%slots: !llvm.ptr) -> i32: loads the arguments
/// from slots[0..n), calls `callee`, stores its results into the following
/// slots and returns the fault flag. Bools travel as one byte. For an
/// elementwise or buffered callee, a ranked argument's or result's slot
/// holds the buffer's address, and for an elementwise one the slot after
/// the results the element count.
/// Effect tokens (`tokenResults`, the callee's `i1` results that are
/// tokens) have no slot.
///
/// With dynamic shapes (kDynamicShapesAttr) a ranked parameter's slot is
/// followed by one per dimension, and a ranked result has 1 + rank slots
/// (its descriptor: the buffer the callee allocated, then the dimensions),
/// whose address the callee gets.
void addEntry(ModuleOp module, func::FuncOp callee,
              const std::vector<bool> &rankedResults,
              const std::vector<ag::Shape> &resultShapes,
              const std::vector<bool> &tokenResults, llvm::StringRef name) {
  OpBuilder b(module.getContext());
  b.setInsertionPointToEnd(module.getBody());
  Location loc = callee.getLoc();
  auto ptr = LLVM::LLVMPointerType::get(b.getContext());
  auto entry = b.create<func::FuncOp>(
      loc, name, b.getFunctionType({ptr}, {b.getI32Type()}));
  Block *block = entry.addEntryBlock();
  b.setInsertionPointToStart(block);
  Value slots = block->getArgument(0);
  auto slot = [&](int64_t i) {
    return b.create<LLVM::GEPOp>(
        loc, ptr, b.getI64Type(), slots,
        ArrayRef<LLVM::GEPArg>{static_cast<int32_t>(i)});
  };
  FunctionType type = callee.getFunctionType();
  bool elementwise = callee->hasAttr(ag::native::kElementwiseAttr);
  bool buffered = callee->hasAttr(ag::native::kBufferedAttr);
  // Slots: the parameters, then the results (ranked ones: the caller's
  // buffers, which the callee takes after the parameters), then the count.
  unsigned numRanked = llvm::count(rankedResults, true);
  unsigned numParams = type.getNumInputs() - (elementwise ? numRanked + 1
                                              : buffered  ? numRanked
                                                          : 0);
  auto load = [&](int64_t i, Type t) -> Value {
    Type stored = t.isInteger(1) ? b.getI8Type() : t;
    Value v = b.create<LLVM::LoadOp>(loc, stored, slot(i));
    if (t.isInteger(1))
      v = b.create<arith::TruncIOp>(loc, t, v);
    return v;
  };
  SmallVector<Value> args;
  for (unsigned i = 0; i < numParams; ++i)
    args.push_back(load(i, type.getInput(i)));
  bool dynamic = callee->hasAttr(ag::native::kDynamicShapesAttr);
  SmallVector<int64_t> scalarResultSlots;
  int64_t at = numParams;
  for (auto [r, ranked] : llvm::enumerate(rankedResults)) {
    if (!ranked)
      scalarResultSlots.push_back(at++);
    else if (!dynamic)
      args.push_back(load(at++, ptr));
    else {
      args.push_back(slot(at));
      at += 1 + static_cast<int64_t>(resultShapes[r].size());
    }
  }
  if (elementwise)
    args.push_back(load(at, b.getI64Type()));
  auto call = b.create<func::CallOp>(loc, callee, args);
  SmallVector<Value> scalarResults;
  for (auto [r, token] : llvm::enumerate(tokenResults))
    if (!token)
      scalarResults.push_back(call.getResult(r));
  for (auto [r, at] : llvm::enumerate(scalarResultSlots)) {
    Value v = scalarResults[r];
    if (v.getType().isInteger(1))
      v = b.create<arith::ExtUIOp>(loc, b.getI8Type(), v);
    b.create<LLVM::StoreOp>(loc, v, slot(at));
  }
  b.create<func::ReturnOp>(
      loc, Value(b.create<arith::ExtUIOp>(loc, b.getI32Type(),
                                          call.getResults().back())));
}

/// The functions lowered code calls: the ag::sem functors, by the names
/// LowerToArith's libm() gives them.
template <typename Op, typename T> T unary(T x) { return Op::apply(x); }
template <typename Op, typename T> T binary(T x, T y) {
  return Op::apply(x, y);
}

/// The effects of the native run in progress on this thread (runSlots).
/// Initial-exec: one load, not a __tls_get_addr call per native call and
/// per function with loops (libag is loaded at program start, never by
/// dlopen in a way that runs out of static TLS for one pointer).
__attribute__((tls_model(
    "initial-exec"))) thread_local ag::native::RunEffects *currentEffects =
    nullptr;

/// The countdown of loop iterations before a function's loops first call
/// nativePoll (LowerToArith's countIteration): the poll interval, or the
/// iteration limit + 1 when smaller, so that the limit is exact.
int64_t nativeFirstPoll() {
  constexpr uint64_t interval = ag::native::RunBudget::kPollInterval;
  const ag::native::RunEffects *effects = currentEffects;
  if (!effects || !effects->budget ||
      effects->budget->maxIterations >= interval)
    return interval;
  return static_cast<int64_t>(effects->budget->maxIterations + 1);
}

/// Budget::checkIterationSlow for native code, when the countdown of loop
/// iterations reached zero at iteration `iteration` of loop `loop` (inside
/// `depth` loops of the same function, `outer`: pairs of id and iteration,
/// innermost first): 0 if the run must stop (why is kept in the run's
/// RunEffects), else the next countdown. That is at most the poll
/// interval, and at most the iterations left before the most advanced of
/// these loops would exceed the limit (a loop starting later starts at 0),
/// so the limit is caught at its first exceeding iteration. The first stop
/// is kept; after a fault (`faulted`) nothing stops.
int64_t nativePoll(int64_t loop, int64_t iteration, const int64_t *outer,
                   int64_t depth, int64_t faulted) {
  using Kind = ag::native::BudgetStop::Kind;
  constexpr int64_t interval = ag::native::RunBudget::kPollInterval;
  ag::native::RunEffects *effects = currentEffects;
  if (!effects || !effects->budget || faulted)
    return interval;
  if (effects->stop.kind != Kind::None)
    return 0;
  const ag::native::RunBudget &budget = *effects->budget;
  auto set = [](const std::atomic<bool> *flag) {
    return flag && flag->load(std::memory_order_relaxed);
  };
  uint64_t count = static_cast<uint64_t>(iteration);
  Kind kind = Kind::None;
  if (count > budget.maxIterations)
    kind = Kind::Iterations;
  else if (set(budget.cancelled) || set(budget.callCancelled))
    kind = Kind::Cancelled;
  else if (budget.hasDeadline &&
           std::chrono::steady_clock::now() > budget.deadline)
    kind = Kind::Time;
  if (kind == Kind::None) {
    uint64_t most = count;
    for (int64_t k = 0; k < depth; ++k)
      most = std::max(most, static_cast<uint64_t>(outer[2 * k + 1]));
    uint64_t left = budget.maxIterations - most + 1; // most <= the limit
    return left && left < static_cast<uint64_t>(interval)
               ? static_cast<int64_t>(left)
               : interval;
  }
  ag::native::BudgetStop &stop = effects->stop;
  stop.kind = kind;
  stop.loop = static_cast<uint32_t>(loop);
  stop.iteration = count;
  for (int64_t k = 0; k < depth; ++k)
    stop.outer.push_back({static_cast<uint32_t>(outer[2 * k]),
                          static_cast<uint64_t>(outer[2 * k + 1])});
  return 0;
}

/// ag.print in native code (LowerToArith's callPrint): formats and writes
/// what the interpreter's Print node would, byte for byte. Returns true if
/// the format fails (no exception may cross the JIT's frames): a fault, and
/// the interpreter re-runs the graph to report it.
bool nativePrint(const char *spec, int64_t specLength, const uint64_t *values,
                 int64_t count) {
  try {
    std::vector<ag::Tensor> operands;
    operands.reserve(count);
    for (int64_t k = 0; k < count; ++k) {
      ag::exec::Scalar s;
      s.dtype = static_cast<ag::DType>(spec[k]);
      switch (s.dtype) {
      case ag::DType::Bool: {
        uint8_t byte;
        std::memcpy(&byte, &values[k], 1);
        s.b = byte != 0;
        break;
      }
      case ag::DType::Int32:
        std::memcpy(&s.i32, &values[k], 4);
        break;
      case ag::DType::Float32:
        std::memcpy(&s.f32, &values[k], 4);
        break;
      default:
        std::memcpy(&s.i64, &values[k], 8);
        break;
      }
      operands.push_back(s.toTensor());
    }
    std::string format(spec + count, specLength - count);
    bool escape = currentEffects && currentEffects->escapeOutput;
    // As SourcePolicy escapes a loaded graph's format and the evaluator
    // its output.
    if (escape)
      format = ag::escapeControlChars(format, /*keepNewlines=*/true);
    std::string text = ag::kernels::format(format, operands);
    if (escape)
      text = ag::escapeControlChars(text, /*keepNewlines=*/true);
    std::cout << text << std::flush;
    if (currentEffects)
      ++currentEffects->prints;
    return false;
  } catch (...) {
    return true;
  }
}

/// Intermediate buffers of buffered functions (LowerToArith's allocate).
/// Buffers of native code come from the tensors' buffer cache, as the
/// interpreter's do: a fresh large malloc is an mmap whose pages fault on
/// first touch in every run (a 2048x2048 slice + concat chain ran 20x
/// slower than on the interpreter). Of the requested size exactly, so that
/// the cache's blocks fit tensors of the same shape; the Buffer of each
/// pointer is found again through a table (one lock per buffer, small
/// beside what a buffer costs).
struct NativeBuffers {
  std::mutex mutex;
  llvm::DenseMap<void *, ag::detail::Buffer *> owner;
};
NativeBuffers &nativeBuffers() {
  static auto *buffers = new NativeBuffers(); // outlives native code
  return *buffers;
}
void *nativeAlloc(int64_t bytes) {
  auto *buffer = new ag::detail::Buffer(static_cast<size_t>(bytes));
  NativeBuffers &all = nativeBuffers();
  std::lock_guard<std::mutex> lock(all.mutex);
  all.owner[buffer->data] = buffer;
  return buffer->data;
}
/// The Buffer of a pointer nativeAlloc returned, taken out of the table.
ag::detail::Buffer *releaseNative(void *p) {
  NativeBuffers &all = nativeBuffers();
  std::lock_guard<std::mutex> lock(all.mutex);
  auto it = all.owner.find(p);
  ag::detail::Buffer *buffer = it->second;
  all.owner.erase(it);
  return buffer;
}
void nativeFree(void *p) { delete releaseNative(p); }

/// The tensor owning a buffer native code allocated for a result (a
/// function with dynamic shapes): its Buffer leaves the table.
ag::Tensor adoptNative(void *p, ag::DType dtype, ag::Shape shape) {
  ag::detail::Buffer *buffer = releaseNative(p);
  auto impl = std::make_shared<ag::detail::TensorImpl>();
  impl->dtype = dtype;
  impl->shape = std::move(shape);
  impl->storage = std::shared_ptr<ag::detail::Buffer>(buffer);
  return ag::Tensor(std::move(impl));
}

/// Float matmul in native code: the interpreter's GEMM itself, so the
/// summation order (Eigen's blocking) is the same. Flags are i64: an i1
/// parameter has no defined upper bits in this calling convention.
template <ag::DType D>
void nativeMatmul(const void *a, int64_t sharedA, const void *b,
                  int64_t sharedB, void *out, int64_t batch, int64_t m,
                  int64_t k, int64_t n) {
  ag::kernels::matmulInto(D, a, sharedA != 0, b, sharedB != 0, out, batch, m, k,
                          n);
}

void bindSemantics(ExecutionEngine &engine) {
  engine.registerSymbols([](llvm::orc::MangleAndInterner interner) {
    llvm::orc::SymbolMap map;
    auto bind = [&](const char *name, auto *fn) {
      map[interner(name)] = {llvm::orc::ExecutorAddr::fromPtr(fn),
                             llvm::JITSymbolFlags::Exported};
    };
#define AG_BIND_UNARY(Name, Op)                                                \
  bind("ag_" Name "_f32", &unary<ag::sem::Op, float>);                         \
  bind("ag_" Name "_f64", &unary<ag::sem::Op, double>);
    AG_BIND_UNARY("exp", Exp)
    AG_BIND_UNARY("log", Log)
    AG_BIND_UNARY("tanh", Tanh)
    AG_BIND_UNARY("sin", Sin)
    AG_BIND_UNARY("cos", Cos)
#undef AG_BIND_UNARY
    bind("ag_pow_f32", &binary<ag::sem::Pow, float>);
    bind("ag_pow_f64", &binary<ag::sem::Pow, double>);
    bind("ag_native_print", &nativePrint);
    bind("ag_native_first_poll", &nativeFirstPoll);
    bind("ag_native_poll", &nativePoll);
    bind("ag_native_alloc", &nativeAlloc);
    bind("ag_native_free", &nativeFree);
    bind("ag_native_matmul_f32", &nativeMatmul<ag::DType::Float32>);
    bind("ag_native_matmul_f64", &nativeMatmul<ag::DType::Float64>);
    return map;
  });
}

void initNativeTarget() {
  static std::once_flag targetsOnce;
  std::call_once(targetsOnce, [] {
    llvm::InitializeNativeTarget();
    llvm::InitializeNativeTargetAsmPrinter();
  });
}

/// Per function of a compileAll: its NativeFunction, or the error it gets.
template <typename F> struct Outcomes {
  explicit Outcomes(size_t n) : fns(n), errors(n) {}
  std::vector<std::unique_ptr<F>> fns;
  std::vector<std::optional<std::string>> errors;
  std::vector<llvm::Expected<std::unique_ptr<F>>> results() {
    std::vector<llvm::Expected<std::unique_ptr<F>>> out;
    for (size_t k = 0; k < fns.size(); ++k)
      if (errors[k])
        out.emplace_back(llvm::make_error<llvm::StringError>(
            *errors[k], llvm::inconvertibleErrorCode()));
      else
        out.emplace_back(std::move(fns[k]));
    return out;
  }
  /// Every function still pending gets the same error.
  std::vector<llvm::Expected<std::unique_ptr<F>>>
  failAll(const std::string &message) {
    for (auto &e : errors)
      if (!e)
        e = message;
    return results();
  }
};

/// Collects the remarks and errors of `context` as located lines.
std::unique_ptr<ScopedDiagnosticHandler>
collectDiagnostics(MLIRContext &context,
                   std::vector<std::string> &diagnostics) {
  return std::make_unique<ScopedDiagnosticHandler>(
      &context, [&diagnostics](mlir::Diagnostic &d) {
        diagnostics.push_back(locPrefix(d.getLocation()) +
                              (d.getSeverity() == DiagnosticSeverity::Remark
                                   ? "remark: "
                                   : "error: ") +
                              d.str());
        return success();
      });
}

/// A context for compiling: the ag dialect, what it lowers to, and the
/// LLVM translations. Diagnostics do not print the op (they are kept).
void loadDialects(MLIRContext &context) {
  context.getOrLoadDialect<ag::ir::AGDialect>();
  context.getOrLoadDialect<func::FuncDialect>();
  context.getOrLoadDialect<arith::ArithDialect>();
  context.getOrLoadDialect<math::MathDialect>();
  context.getOrLoadDialect<scf::SCFDialect>();
  context.getOrLoadDialect<cf::ControlFlowDialect>();
  context.getOrLoadDialect<LLVM::LLVMDialect>();
  registerBuiltinDialectTranslation(context);
  registerLLVMDialectTranslation(context);
  context.printOpOnDiagnostic(false);
}

/// `module` as text with its locations (to cross into another context).
std::string moduleText(ModuleOp module) {
  std::string text;
  llvm::raw_string_ostream os(text);
  module->print(os, OpPrintingFlags().enableDebugInfo(true, false));
  return text;
}

/// `module` re-read in `context` and lowered by lowerToArith, without the
/// ag.funcs left (declined ones: only what the entries reach is compiled,
/// and that is never declined). `diagnostics` holds what
/// collectDiagnostics collected. Null on failure, with `why`.
OwningOpRef<ModuleOp> lowerCopy(MLIRContext &context, ModuleOp module,
                                std::vector<std::string> &diagnostics,
                                std::string &why,
                                std::vector<ag::exec::NodeSource> &loops) {
  std::string text = moduleText(module);
  auto first = [&] { return diagnostics.empty() ? "" : diagnostics.front(); };
  OwningOpRef<ModuleOp> copy =
      parseSourceString<ModuleOp>(text, ParserConfig(&context));
  if (!copy) {
    why = "cannot re-read the graph: " + first();
    return nullptr;
  }
  std::vector<Location> loopLocs;
  if (failed(ag::native::lowerToArith(*copy, &loopLocs))) {
    why = first();
    return nullptr;
  }
  for (Location loc : loopLocs)
    loops.push_back(ag::lowering::toNodeSource(loc));
  for (auto other : llvm::make_early_inc_range(copy->getOps<ag::ir::FuncOp>()))
    other.erase();
  return copy;
}

/// Why function `name` (one of `count`) did not lower: the first remark
/// naming it, or with one function the first remark.
std::string whyNotLowered(const std::vector<std::string> &diagnostics,
                          size_t count, const std::string &name) {
  for (const std::string &d : diagnostics)
    if (count > 1 && d.find("@" + name + " ") != std::string::npos)
      return d;
  if (!diagnostics.empty())
    return diagnostics.front();
  return "the function does not lower";
}

/// JIT-compiles `module` (LLVM dialect) at -O3 with the host's target
/// machine, so the IR passes (unrolling, vectorization of tensor loops)
/// use its cost model; the code generator targets the host CPU as well.
/// `machine` must outlive `engine` (its code refers to it).
llvm::Error jitCompile(ModuleOp module, const std::string &what,
                       std::unique_ptr<llvm::TargetMachine> &machine,
                       std::unique_ptr<ExecutionEngine> &engine) {
  auto fail = [](const llvm::Twine &message) {
    return llvm::make_error<llvm::StringError>(message,
                                               llvm::inconvertibleErrorCode());
  };
  auto hostBuilder = llvm::orc::JITTargetMachineBuilder::detectHost();
  if (!hostBuilder)
    return fail("no target machine for this host: " +
                llvm::toString(hostBuilder.takeError()));
  hostBuilder->setCodeGenOptLevel(llvm::CodeGenOptLevel::Aggressive);
  auto host = hostBuilder->createTargetMachine();
  if (!host)
    return fail("no target machine for this host: " +
                llvm::toString(host.takeError()));
  machine = std::move(*host);
  // ExecutionEngineOptions::transformer is a function_ref: the
  // std::function it refers to must outlive create() (ASan found it read
  // after its scope when it was a temporary).
  std::function<llvm::Error(llvm::Module *)> optimize =
      makeOptimizingTransformer(/*optLevel=*/3, /*sizeLevel=*/0, machine.get());
  ExecutionEngineOptions options;
  options.transformer = optimize;
  options.jitCodeGenOptLevel = llvm::CodeGenOptLevel::Aggressive;
  auto created = ExecutionEngine::create(module, options);
  if (!created)
    return fail("LLVM cannot compile " + what + ": " +
                llvm::toString(created.takeError()));
  bindSemantics(**created);
  engine = std::move(*created);
  return llvm::Error::success();
}

} // namespace

namespace ag::native {

/// What the functions of one compileAll share: the JIT and its host target
/// machine (the engine's code refers to it, so it outlives the engine).
struct NativeFunction::Compiled {
  std::unique_ptr<llvm::TargetMachine> targetMachine;
  std::unique_ptr<mlir::ExecutionEngine> engine;
};

NativeFunction::~NativeFunction() = default;

llvm::Expected<std::unique_ptr<NativeFunction>>
NativeFunction::compile(ModuleOp module, llvm::StringRef name) {
  std::vector<llvm::Expected<std::unique_ptr<NativeFunction>>> all =
      compileAll(module, {name.str()});
  return std::move(all.front());
}

std::unique_ptr<NativeFunction> NativeFunction::describe(Operation *op,
                                                         bool effects) {
  auto agFunc = llvm::cast<ir::FuncOp>(op);
  std::unique_ptr<NativeFunction> fn(new NativeFunction());
  for (Type t : agFunc.getArgumentTypes())
    if (auto d = tensorDType(t)) {
      auto shape = llvm::cast<RankedTensorType>(t).getShape();
      fn->argShapes_.emplace_back(shape.begin(), shape.end());
      fn->args_.push_back(*d);
      fn->rankedArgs_.push_back(llvm::cast<RankedTensorType>(t).getRank() != 0);
    }
  fn->effects_ = effects;
  for (Type t : agFunc.getResultTypes())
    if (auto d = tensorDType(t)) {
      auto shape = llvm::cast<RankedTensorType>(t).getShape();
      fn->resultShapes_.emplace_back(shape.begin(), shape.end());
      fn->results_.push_back(*d);
      fn->rankedResults_.push_back(llvm::cast<RankedTensorType>(t).getRank() !=
                                   0);
    }
  return fn;
}

std::vector<llvm::Expected<std::unique_ptr<NativeFunction>>>
NativeFunction::compileAll(ModuleOp module,
                           const std::vector<std::string> &names) {
  auto start = std::chrono::steady_clock::now();
  initNativeTarget();
  // Each name's function, or the error it gets.
  Outcomes<NativeFunction> out(names.size());
  auto &fns = out.fns;
  auto &errors = out.errors;
  std::vector<std::vector<bool>> tokenResults(names.size());

  bool effects = false;
  module.walk([&](ir::PrintOp) { effects = true; });
  for (auto [k, name] : llvm::enumerate(names)) {
    auto agFunc = module.lookupSymbol<ir::FuncOp>(name);
    if (!agFunc) {
      errors[k] = "no ag.func named '" + name + "'";
      continue;
    }
    if (llvm::any_of(agFunc.getArgumentTypes(),
                     [](Type t) { return isa<ir::TokenType>(t); })) {
      errors[k] = "'" + name + "' takes an effect token";
      continue;
    }
    std::unique_ptr<NativeFunction> fn = describe(agFunc, effects);
    for (Type t : agFunc.getResultTypes())
      tokenResults[k].push_back(isa<ir::TokenType>(t));
    fns[k] = std::move(fn);
  }

  // A context of our own: the graph's context is shared with tracing on
  // other threads, and loading dialects into it is not thread safe. The
  // module crosses over as text with its locations.
  MLIRContext context(MLIRContext::Threading::DISABLED);
  loadDialects(context);
  std::vector<std::string> diagnostics;
  auto handler = collectDiagnostics(context, diagnostics);
  std::string why;
  auto loops = std::make_shared<std::vector<exec::NodeSource>>();
  OwningOpRef<ModuleOp> copy =
      lowerCopy(context, module, diagnostics, why, *loops);
  if (!copy)
    return out.failAll(why);
  std::vector<std::string> entries(names.size());
  for (auto [k, name] : llvm::enumerate(names)) {
    if (errors[k])
      continue;
    auto lowered = copy->lookupSymbol<func::FuncOp>(name);
    if (!lowered) {
      errors[k] = whyNotLowered(diagnostics, names.size(), name);
      continue;
    }
    fns[k]->elementwise_ = lowered->hasAttr(kElementwiseAttr);
    fns[k]->buffered_ = lowered->hasAttr(kBufferedAttr);
    entries[k] =
        names.size() == 1 ? "_ag_entry" : "_ag_entry" + std::to_string(k);
    fns[k]->dynamic_ = lowered->hasAttr(kDynamicShapesAttr);
    addEntry(*copy, lowered, fns[k]->rankedResults_, fns[k]->resultShapes_,
             tokenResults[k], entries[k]);
  }
  if (llvm::all_of(errors, [](const auto &e) { return e.has_value(); }))
    return out.results();
  PassManager pm(&context);
  buildArithToLLVMPipeline(pm);
  if (failed(pm.run(*copy)))
    return out.failAll("lowering to LLVM failed: " +
                       (diagnostics.empty() ? "" : diagnostics.front()));

  auto compiled = std::make_shared<Compiled>();
  std::string what = names.size() == 1
                         ? "'" + names.front() + "'"
                         : std::to_string(names.size()) + " functions";
  if (llvm::Error e =
          jitCompile(*copy, what, compiled->targetMachine, compiled->engine))
    return out.failAll(llvm::toString(std::move(e)));
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
          .count();
  for (size_t k = 0; k < names.size(); ++k) {
    if (errors[k])
      continue;
    auto entry = compiled->engine->lookup(entries[k]);
    if (!entry) {
      errors[k] = "LLVM cannot compile '" + names[k] +
                  "': " + llvm::toString(entry.takeError());
      continue;
    }
    fns[k]->compiled_ = compiled;
    fns[k]->loops_ = loops;
    fns[k]->entry_ = reinterpret_cast<Entry>(*entry);
    fns[k]->compileSeconds_ = seconds;
  }
  return out.results();
}

/// A slot holding a 0-d value, as NativeFunction's entry reads it.
uint64_t scalarSlot(const exec::Scalar &s) {
  uint64_t slot = 0;
  switch (s.dtype) {
  case DType::Bool: {
    uint8_t v = s.b;
    std::memcpy(&slot, &v, 1);
    break;
  }
  case DType::Int32:
    std::memcpy(&slot, &s.i32, 4);
    break;
  case DType::Int64:
    std::memcpy(&slot, &s.i64, 8);
    break;
  case DType::Float32:
    std::memcpy(&slot, &s.f32, 4);
    break;
  case DType::Float64:
    std::memcpy(&slot, &s.f64, 8);
    break;
  }
  return slot;
}

exec::Scalar scalarOfSlot(uint64_t slot, DType dtype) {
  switch (dtype) {
  case DType::Bool: {
    uint8_t v;
    std::memcpy(&v, &slot, 1);
    return exec::Scalar::of(v != 0);
  }
  case DType::Int32: {
    int32_t v;
    std::memcpy(&v, &slot, 4);
    return exec::Scalar::of(v);
  }
  case DType::Int64: {
    int64_t v;
    std::memcpy(&v, &slot, 8);
    return exec::Scalar::of(v);
  }
  case DType::Float32: {
    float v;
    std::memcpy(&v, &slot, 4);
    return exec::Scalar::of(v);
  }
  case DType::Float64:
    break;
  }
  double v;
  std::memcpy(&v, &slot, 8);
  return exec::Scalar::of(v);
}

/// Runs a scalar function (0-d values only), or an elementwise one: every
/// ranked feed must have the same shape (else the interpreter runs and
/// reports the mismatch); ranked results get fresh buffers of that shape.
/// A buffered function's feeds must have its static shapes, and its
/// results get buffers of theirs.
/// Whether `feed` fits a parameter of dtype `dtype` and shape `shape`
/// (a dynamic dimension takes any size).
bool feedFits(const Tensor &feed, DType dtype, const Shape &shape) {
  if (!feed.defined() || feed.isStaged() || feed.dtype() != dtype ||
      feed.rank() != static_cast<int64_t>(shape.size()))
    return false;
  for (size_t d = 0; d < shape.size(); ++d)
    if (!mlir::ShapedType::isDynamic(shape[d]) && shape[d] != feed.shape()[d])
      return false;
  return true;
}

/// Slots of a function with dynamic shapes (addEntry): a ranked feed's
/// address and dimensions; a ranked result's descriptor the code fills
/// (a buffer it allocated, which the result adopts, and the dimensions).
/// After a fault the buffers are freed and the interpreter runs.
std::optional<std::vector<exec::Value>>
NativeFunction::runDynamic(const std::vector<Tensor> &feeds, bool *faulted,
                           RunEffects *effects) const {
  if (feeds.size() != args_.size())
    return std::nullopt;
  llvm::SmallVector<uint64_t, 32> slots;
  for (size_t i = 0; i < feeds.size(); ++i) {
    const Tensor &feed = feeds[i];
    if (!feedFits(feed, args_[i], argShapes_[i]))
      return std::nullopt;
    if (!rankedArgs_[i]) {
      slots.push_back(scalarSlot(exec::Scalar::fromTensor(feed)));
      continue;
    }
    slots.push_back(reinterpret_cast<uintptr_t>(feed.rawData()));
    for (int64_t d : feed.shape())
      slots.push_back(static_cast<uint64_t>(d));
  }
  size_t first = slots.size();
  for (size_t r = 0; r < results_.size(); ++r)
    slots.append(rankedResults_[r] ? 1 + resultShapes_[r].size() : 1, 0);
  bool ok = runSlots(slots.data(), effects);
  std::vector<exec::Value> values;
  for (size_t r = 0, at = first; r < results_.size(); ++r) {
    if (!rankedResults_[r]) {
      values.emplace_back(scalarOfSlot(slots[at++], results_[r]));
      continue;
    }
    void *p = reinterpret_cast<void *>(static_cast<uintptr_t>(slots[at]));
    Shape shape(slots.begin() + at + 1,
                slots.begin() + at + 1 + resultShapes_[r].size());
    at += 1 + resultShapes_[r].size();
    if (ok)
      values.emplace_back(adoptNative(p, results_[r], std::move(shape)));
    else if (p)
      nativeFree(p);
  }
  if (!ok) {
    if (faulted)
      *faulted = true;
    return std::nullopt; // an evaluation error: the interpreter reports it
  }
  return values;
}

std::optional<std::vector<exec::Value>>
NativeFunction::runTensors(const std::vector<Tensor> &feeds, bool *faulted,
                           RunEffects *effects) const {
  if (dynamic_)
    return runDynamic(feeds, faulted, effects);
  const NativeFunction &fn = *this;
  const std::vector<bool> &rankedArgs = fn.rankedArguments();
  const std::vector<bool> &rankedResults = fn.rankedResults();
  if (feeds.size() != rankedArgs.size())
    return std::nullopt;
  std::optional<Shape> shape;
  std::vector<uint64_t> slots;
  slots.reserve(feeds.size() + rankedResults.size() + 1);
  for (size_t i = 0; i < feeds.size(); ++i) {
    const Tensor &feed = feeds[i];
    if (!feed.defined() || feed.isStaged() ||
        (feed.rank() != 0) != rankedArgs[i] ||
        feed.dtype() != fn.argumentTypes()[i])
      return std::nullopt;
    if (!rankedArgs[i]) {
      slots.push_back(scalarSlot(exec::Scalar::fromTensor(feed)));
      continue;
    }
    if (fn.buffered()) {
      if (feed.shape() != fn.argumentShapes()[i])
        return std::nullopt;
    } else if (shape && *shape != feed.shape()) {
      return std::nullopt;
    }
    shape = feed.shape();
    slots.push_back(reinterpret_cast<uintptr_t>(feed.rawData()));
  }
  // An elementwise function without ranked parameters has a static shape:
  // the interpreter runs it (rare: its results are constants). A scalar
  // function has no ranked values at all.
  if (!shape && fn.elementwise())
    return std::nullopt;
  std::vector<Tensor> outputs(rankedResults.size());
  for (size_t r = 0; r < rankedResults.size(); ++r) {
    if (rankedResults[r]) {
      outputs[r] = Tensor::zeros(fn.resultTypes()[r],
                                 fn.buffered() ? fn.resultShapes()[r] : *shape);
      slots.push_back(reinterpret_cast<uintptr_t>(outputs[r].rawMutableData()));
    } else {
      slots.push_back(0);
    }
  }
  if (fn.elementwise()) {
    int64_t count = 1;
    for (int64_t d : *shape)
      count *= d;
    slots.push_back(static_cast<uint64_t>(count));
  }
  if (!fn.runSlots(slots.data(), effects)) {
    if (faulted)
      *faulted = true;
    return std::nullopt; // an evaluation error: the interpreter reports it
  }
  std::vector<exec::Value> values;
  for (size_t r = 0; r < rankedResults.size(); ++r)
    values.push_back(rankedResults[r]
                         ? exec::Value(std::move(outputs[r]))
                         : exec::Value(scalarOfSlot(slots[feeds.size() + r],
                                                    fn.resultTypes()[r])));
  return values;
}

bool NativeFunction::runSlots(uint64_t *slots, RunEffects *effects) const {
  if (!effects_ && !effects)
    return entry_(slots) == 0;
  RunEffects local;
  RunEffects *outer = currentEffects;
  currentEffects = effects ? effects : &local;
  bool ok = entry_(slots) == 0;
  currentEffects = outer;
  return ok;
}

std::string loweredText(ModuleOp module) {
  MLIRContext context(MLIRContext::Threading::DISABLED);
  loadDialects(context);
  std::vector<std::string> diagnostics;
  auto handler = collectDiagnostics(context, diagnostics);
  std::string text;
  llvm::raw_string_ostream os(text);
  OwningOpRef<ModuleOp> copy =
      parseSourceString<ModuleOp>(moduleText(module), ParserConfig(&context));
  if (!copy || failed(lowerToArith(*copy))) {
    for (const std::string &d : diagnostics)
      os << "// " << d << "\n";
    return text;
  }
  for (const std::string &d : diagnostics)
    os << "// " << d << "\n";
  copy->print(os);
  return text;
}

ag::Error NativeFunction::budgetError(const BudgetStop &stop,
                                      const RunBudget &budget) const {
  // The evaluator's messages (Budget::poll, checkIterationSlow);
  // test/Run/budgets-native.mlir checks both backends print the same.
  std::string why;
  if (stop.kind == BudgetStop::Kind::Iterations) {
    why = "this loop exceeded the iteration limit of " +
          std::to_string(budget.maxIterations) +
          " (RunOptions::maxIterations, ag-run --max-iterations, "
          "AG_MAX_ITERATIONS)";
  } else {
    if (stop.kind == BudgetStop::Kind::Cancelled) {
      why = "evaluation cancelled";
    } else {
      std::ostringstream os;
      os << "the evaluation exceeded its time limit of " << budget.timeout
         << " s (RunOptions::timeout, ag-run --timeout, AG_TIMEOUT)";
      why = os.str();
    }
    why += " in iteration " + std::to_string(stop.iteration) + " of this loop";
  }
  Diagnostic diag;
  diag.phase = Diagnostic::Phase::Evaluation;
  diag.catchAs = Diagnostic::Catch::None;
  diag.message = std::move(why);
  auto source = [&](uint32_t id) {
    return loops_ && id < loops_->size() ? (*loops_)[id] : exec::NodeSource();
  };
  exec::NodeSource at = source(stop.loop);
  diag.loc = at.loc;
  // As exec::makeError: a note per enclosing loop, innermost first,
  // interleaved with the (inlined) calls they sit in.
  const std::vector<DiagnosticNote> &sites = at.callSites;
  size_t depth = sites.size(), cur = depth;
  for (auto [id, iteration] : stop.outer) {
    exec::NodeSource loop = source(id);
    for (size_t d = std::min(loop.callSites.size(), depth); cur > d; --cur)
      diag.notes.push_back(sites[depth - cur]);
    DiagnosticNote note;
    note.loc = loop.loc;
    note.message = "in iteration " + std::to_string(iteration) +
                   (note.loc.known() ? " of this loop" : " of a loop");
    diag.notes.push_back(std::move(note));
  }
  for (; cur > 0; --cur)
    diag.notes.push_back(sites[depth - cur]);
  return ag::Error(std::move(diag));
}

} // namespace ag::native
