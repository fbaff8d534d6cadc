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
void addEntry(ModuleOp module, func::FuncOp callee,
              const std::vector<bool> &rankedResults,
              const std::vector<bool> &tokenResults) {
  OpBuilder b(module.getContext());
  b.setInsertionPointToEnd(module.getBody());
  Location loc = callee.getLoc();
  auto ptr = LLVM::LLVMPointerType::get(b.getContext());
  auto entry = b.create<func::FuncOp>(
      loc, "_ag_entry", b.getFunctionType({ptr}, {b.getI32Type()}));
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
  SmallVector<int64_t> scalarResultSlots;
  for (auto [r, ranked] : llvm::enumerate(rankedResults)) {
    if (ranked)
      args.push_back(load(numParams + r, ptr));
    else
      scalarResultSlots.push_back(numParams + r);
  }
  if (elementwise)
    args.push_back(load(numParams + rankedResults.size(), b.getI64Type()));
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
thread_local ag::native::RunEffects *currentEffects = nullptr;

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
void *nativeAlloc(int64_t bytes) {
  return std::malloc(static_cast<size_t>(bytes));
}
void nativeFree(void *p) { std::free(p); }

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
    bind("ag_native_alloc", &nativeAlloc);
    bind("ag_native_free", &nativeFree);
    bind("ag_native_matmul_f32", &nativeMatmul<ag::DType::Float32>);
    bind("ag_native_matmul_f64", &nativeMatmul<ag::DType::Float64>);
    return map;
  });
}

} // namespace

namespace ag::native {

NativeFunction::~NativeFunction() = default;

llvm::Expected<std::unique_ptr<NativeFunction>>
NativeFunction::compile(ModuleOp module, llvm::StringRef name) {
  auto start = std::chrono::steady_clock::now();
  static std::once_flag targetsOnce;
  std::call_once(targetsOnce, [] {
    llvm::InitializeNativeTarget();
    llvm::InitializeNativeTargetAsmPrinter();
  });
  auto fail = [](const llvm::Twine &message) {
    return llvm::make_error<llvm::StringError>(message,
                                               llvm::inconvertibleErrorCode());
  };

  std::unique_ptr<NativeFunction> fn(new NativeFunction());
  auto agFunc = module.lookupSymbol<ir::FuncOp>(name);
  if (!agFunc)
    return fail("no ag.func named '" + name + "'");
  for (Type t : agFunc.getArgumentTypes())
    if (auto d = tensorDType(t)) {
      auto shape = llvm::cast<RankedTensorType>(t).getShape();
      fn->argShapes_.emplace_back(shape.begin(), shape.end());
      fn->args_.push_back(*d);
      fn->rankedArgs_.push_back(llvm::cast<RankedTensorType>(t).getRank() != 0);
    }
  std::vector<bool> tokenResults;
  for (Type t : agFunc.getResultTypes())
    tokenResults.push_back(isa<ir::TokenType>(t));
  if (llvm::any_of(agFunc.getArgumentTypes(),
                   [](Type t) { return isa<ir::TokenType>(t); }))
    return fail("'" + name + "' takes an effect token");
  fn->effects_ = false;
  module.walk([&](ir::PrintOp) { fn->effects_ = true; });
  for (Type t : agFunc.getResultTypes())
    if (auto d = tensorDType(t)) {
      auto shape = llvm::cast<RankedTensorType>(t).getShape();
      fn->resultShapes_.emplace_back(shape.begin(), shape.end());
      fn->results_.push_back(*d);
      fn->rankedResults_.push_back(llvm::cast<RankedTensorType>(t).getRank() !=
                                   0);
    }

  // A context of our own: the graph's context is shared with tracing on
  // other threads, and loading dialects into it is not thread safe. The
  // module crosses over as text with its locations.
  MLIRContext context(MLIRContext::Threading::DISABLED);
  context.getOrLoadDialect<ir::AGDialect>();
  context.getOrLoadDialect<func::FuncDialect>();
  context.getOrLoadDialect<arith::ArithDialect>();
  context.getOrLoadDialect<math::MathDialect>();
  context.getOrLoadDialect<scf::SCFDialect>();
  context.getOrLoadDialect<cf::ControlFlowDialect>();
  context.getOrLoadDialect<LLVM::LLVMDialect>();
  registerBuiltinDialectTranslation(context);
  registerLLVMDialectTranslation(context);
  context.printOpOnDiagnostic(false);
  std::string text;
  {
    llvm::raw_string_ostream os(text);
    module->print(os, OpPrintingFlags().enableDebugInfo(true, false));
  }
  std::string why;
  ScopedDiagnosticHandler handler(&context, [&](mlir::Diagnostic &d) {
    if (why.empty())
      why = locPrefix(d.getLocation()) +
            (d.getSeverity() == DiagnosticSeverity::Remark ? "remark: "
                                                           : "error: ") +
            d.str();
    return success();
  });
  OwningOpRef<ModuleOp> copy =
      parseSourceString<ModuleOp>(text, ParserConfig(&context));
  if (!copy)
    return fail("cannot re-read the graph: " + why);
  if (failed(lowerToArith(*copy)))
    return fail(why);
  if (!copy->lookupSymbol<func::FuncOp>(name))
    return fail(why.empty() ? "the function does not lower" : why);
  // Only what the entry reaches is compiled: other functions may have been
  // declined but are never called.
  for (auto other : llvm::make_early_inc_range(copy->getOps<ir::FuncOp>()))
    other.erase();
  auto lowered = copy->lookupSymbol<func::FuncOp>(name);
  fn->elementwise_ = lowered->hasAttr(kElementwiseAttr);
  fn->buffered_ = lowered->hasAttr(kBufferedAttr);
  addEntry(*copy, lowered, fn->rankedResults_, tokenResults);
  PassManager pm(&context);
  buildArithToLLVMPipeline(pm);
  if (failed(pm.run(*copy)))
    return fail("lowering to LLVM failed: " + why);

  // -O3 with the host's target machine, so the IR passes (unrolling,
  // vectorization of tensor loops) use its cost model; the code generator
  // of the ExecutionEngine targets the host CPU as well.
  auto hostBuilder = llvm::orc::JITTargetMachineBuilder::detectHost();
  if (!hostBuilder)
    return fail("no target machine for this host: " +
                llvm::toString(hostBuilder.takeError()));
  hostBuilder->setCodeGenOptLevel(llvm::CodeGenOptLevel::Aggressive);
  auto host = hostBuilder->createTargetMachine();
  if (!host)
    return fail("no target machine for this host: " +
                llvm::toString(host.takeError()));
  fn->targetMachine_ = std::move(*host);
  // ExecutionEngineOptions::transformer is a function_ref: the
  // std::function it refers to must outlive create() (ASan found it read
  // after its scope when it was a temporary).
  std::function<llvm::Error(llvm::Module *)> optimize =
      makeOptimizingTransformer(/*optLevel=*/3, /*sizeLevel=*/0,
                                fn->targetMachine_.get());
  ExecutionEngineOptions options;
  options.transformer = optimize;
  options.jitCodeGenOptLevel = llvm::CodeGenOptLevel::Aggressive;
  auto engine = ExecutionEngine::create(*copy, options);
  if (!engine)
    return fail("LLVM cannot compile '" + name +
                "': " + llvm::toString(engine.takeError()));
  bindSemantics(**engine);
  auto entry = (*engine)->lookup("_ag_entry");
  if (!entry)
    return fail("LLVM cannot compile '" + name +
                "': " + llvm::toString(entry.takeError()));
  fn->engine_ = std::move(*engine);
  fn->entry_ = reinterpret_cast<Entry>(*entry);
  fn->compileSeconds_ =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
          .count();
  return fn;
}

bool NativeFunction::runSlots(uint64_t *slots, RunEffects *effects) const {
  if (!effects_)
    return entry_(slots) == 0;
  RunEffects local;
  RunEffects *outer = currentEffects;
  currentEffects = effects ? effects : &local;
  bool ok = entry_(slots) == 0;
  currentEffects = outer;
  return ok;
}

} // namespace ag::native
