//===- Function.cpp - ag::function: trace once per signature, run lazily --===//

#include "Diagnostics.h"
#include "GraphImpl.h"

#include "ag/Function.h"
#include "ag/Lowering/Lowering.h"
#include "ag/Trace/Trace.h"
#include "ag/Transforms/Passes.h"
#include "ag/detail/TensorImpl.h"

#include "mlir/Pass/PassManager.h"
#include "llvm/DebugInfo/Symbolize/Symbolize.h"
#include "llvm/Demangle/Demangle.h"
#include "llvm/Support/Path.h"

#include <dlfcn.h>
#include <link.h>

#include <iostream>
#include <map>
#include <mutex>
#include <optional>
#include <sstream>

namespace ag::detail {

/// Warn when one function keeps being traced: every new dtype/shape or host
/// argument value makes a new graph (tf.function's most common pitfall).
constexpr unsigned kRetraceWarningThreshold = 5;

struct FunctionImpl {
  const void *original = nullptr;
  std::string name;
  bool nameIsKnown = false;
  std::shared_ptr<mlir::MLIRContext> context;
  /// One traced signature.
  struct Trace {
    Graph graph;
    /// Which results the twin returned weakly typed (a literal that met no
    /// typed value): the graph's values are plain tensors, and the caller
    /// must get what the eager call returns.
    std::vector<bool> weakResults;
    /// The lengths of the twin's std::vector results.
    std::vector<size_t> resultLengths;
  };
  /// By signature key; entries are never removed, so pointers stay valid.
  std::map<std::string, Trace> bySignature;
  /// The argument types of the last call and its trace: a call with the same
  /// types and host key has the same signature, so it skips building the
  /// key (strings) and the map lookup.
  struct LastCall {
    struct Arg {
      DType dtype;
      bool weak;
      Shape shape;
    };
    std::vector<Arg> args;
    std::vector<size_t> inputCounts;
    std::string staticKey;
    Trace *trace = nullptr;

    bool matches(const CallArgs &call) const {
      if (!trace || call.tensors.size() != args.size() ||
          call.staticKey != staticKey || call.inputCounts != inputCounts)
        return false;
      for (size_t i = 0; i < args.size(); ++i) {
        const Tensor &t = call.tensors[i];
        if (t.dtype() != args[i].dtype || t.isWeak() != args[i].weak ||
            t.shape() != args[i].shape)
          return false;
      }
      return true;
    }
    void remember(const CallArgs &call, Trace &t) {
      args.clear();
      for (const Tensor &x : call.tensors)
        args.push_back({x.dtype(), x.isWeak(), x.shape()});
      inputCounts = call.inputCounts;
      staticKey = call.staticKey;
      trace = &t;
    }
  } last;
  /// The declared input signature, if any: one spec per tensor position.
  std::optional<std::vector<TensorSpec>> signature;
  /// The tensors' types and the host key of the last trace, to say what
  /// changed when warning about retracing.
  std::vector<std::pair<DType, Shape>> lastTypes;
  std::string lastStaticKey;
  unsigned traces = 0;
  std::mutex mutex;
};

namespace {

/// The qualified name of a mangled or plain symbol, without parameters.
std::string shortName(const std::string &symbol) {
  llvm::ItaniumPartialDemangler demangler;
  if (!demangler.partialDemangle(symbol.c_str()))
    if (char *qualified = demangler.getFunctionName(nullptr, nullptr)) {
      std::string name = qualified;
      std::free(qualified);
      return name;
    }
  return symbol;
}

/// The C++ name of `fn` for messages and the graph's symbol: the name its
/// twin was registered with, else the dynamic symbol table's, else its
/// address (see describeMissingTwin for the error path).
std::string functionName(const void *fn, bool &known) {
  std::string registered = trace::registeredName(fn);
  known = !registered.empty();
  if (known)
    return registered;
  Dl_info info;
  known = dladdr(fn, &info) && info.dli_sname;
  if (known)
    return shortName(info.dli_sname);
  std::ostringstream os;
  os << "the function at " << fn;
  return os.str();
}

/// Why `fn` has no twin, naming it from the symbol table or debug info
/// (executables export no symbols, static functions never): not AG_CONVERT
/// when twins of its file exist, else not AG_CONVERT or not converted.
std::string describeMissingTwin(const void *fn, std::string name) {
  std::string file;
  Dl_info info;
  link_map *map = nullptr;
  if (dladdr1(fn, &info, reinterpret_cast<void **>(&map), RTLD_DL_LINKMAP) &&
      map) {
    llvm::symbolize::LLVMSymbolizer::Options options;
    options.PrintFunctions = llvm::DINameKind::LinkageName;
    options.Demangle = false;
    llvm::symbolize::LLVMSymbolizer symbolizer(options);
    std::string module =
        map->l_name && *map->l_name ? map->l_name : "/proc/self/exe";
    auto address = reinterpret_cast<uintptr_t>(fn) - map->l_addr;
    auto line = symbolizer.symbolizeCode(
        module, {address, llvm::object::SectionedAddress::UndefSection});
    if (line) {
      if (line->FunctionName != llvm::DILineInfo::BadString &&
          !line->FunctionName.empty() &&
          llvm::StringRef(name).starts_with("the function at "))
        name = shortName(line->FunctionName);
      if (line->FileName != llvm::DILineInfo::BadString)
        file = line->FileName;
    } else {
      llvm::consumeError(line.takeError());
    }
  }
  bool named = !llvm::StringRef(name).starts_with("the function at ");
  std::string what = named ? "'" + name + "'" : name;
  if (!file.empty() && trace::hasTwinsFromFile(file))
    return what +
           " has no graph twin: it is not AG_CONVERT (other "
           "functions of " +
           llvm::sys::path::filename(file).str() +
           " are converted); mark its definition AG_CONVERT";
  std::string source =
      file.empty() ? "its source file" : llvm::sys::path::filename(file).str();
  return what +
         " has no graph twin: either it is not AG_CONVERT (mark its "
         "definition AG_CONVERT), or " +
         source +
         " was not converted (add it to ag_convert(<target> SOURCES ...) "
         "in CMake, or run ag-convert on it)";
}

/// For each tensor of `args`, the index of its tensor position (one spec of
/// a declared signature each).
std::vector<size_t> tensorPositions(const CallArgs &args) {
  std::vector<size_t> positions;
  for (size_t p = 0; p < args.inputCounts.size(); ++p)
    positions.insert(positions.end(), args.inputCounts[p], p);
  // A caller that does not fill inputCounts: one position per tensor.
  while (positions.size() < args.tensors.size())
    positions.push_back(positions.size());
  return positions;
}

/// The name of tensor `i` of the call: its graph input's name (`x`, `p.w`,
/// `xs[2]`) as ag-convert registered it, else its position.
std::string inputName(const FunctionImpl &fn,
                      const std::vector<size_t> &positions, size_t i) {
  std::vector<std::string> names = trace::tensorPositionNames(fn.original);
  size_t p = positions[i];
  if (p >= names.size())
    return "tensor argument " + std::to_string(i + 1);
  size_t k = 0; // the element of a vector
  while (k < i && positions[i - k - 1] == p)
    ++k;
  llvm::StringRef pattern = names[p];
  size_t brackets = pattern.find("[]");
  if (brackets == llvm::StringRef::npos)
    return "'" + pattern.str() + "'";
  return "'" + pattern.take_front(brackets).str() + "[" + std::to_string(k) +
         "]" + pattern.drop_front(brackets + 2).str() + "'";
}

/// The shape a tensor is traced with: its own, or with a declared
/// signature, the spec's (ag::dyn stays unknown in the graph).
const Shape &tracedShape(const FunctionImpl &fn, const CallArgs &args,
                         const std::vector<size_t> &positions, size_t i) {
  return fn.signature ? (*fn.signature)[positions[i]].shape
                      : args.tensors[i].shape();
}

/// Checks the call against the declared signature: an ag::Error naming the
/// argument, the spec and what was passed.
void checkSignature(const FunctionImpl &fn, const CallArgs &args,
                    const std::vector<size_t> &positions) {
  const std::vector<TensorSpec> &specs = *fn.signature;
  auto fail = [&](std::string message) {
    Diagnostic diag;
    diag.phase = Diagnostic::Phase::Trace;
    diag.message = std::move(message);
    throw Error(std::move(diag));
  };
  if (specs.size() != args.inputCounts.size()) {
    std::string names;
    for (const std::string &name : trace::tensorPositionNames(fn.original))
      names += (names.empty() ? ": " : ", ") + name;
    fail("the input signature of ag::function '" + fn.name + "' has " +
         std::to_string(specs.size()) + " spec" +
         (specs.size() == 1 ? "" : "s") + ", but its parameters have " +
         std::to_string(args.inputCounts.size()) + " tensor position" +
         (args.inputCounts.size() == 1 ? "" : "s") + names +
         " (one spec per ag::Tensor, per std::vector or std::array of them, "
         "and per tensor field of a struct, in order)");
  }
  for (size_t i = 0; i < args.tensors.size(); ++i) {
    const Tensor &t = args.tensors[i];
    const TensorSpec &spec = specs[positions[i]];
    bool fits =
        t.dtype() == spec.dtype && t.rank() == (int64_t)spec.shape.size();
    for (size_t d = 0; fits && d < spec.shape.size(); ++d)
      fits = spec.shape[d] < 0 || spec.shape[d] == t.shape()[d];
    if (fits)
      continue;
    fail("argument " + inputName(fn, positions, i) + " of '" + fn.name +
         "' does not match its declared input signature: expected " +
         toString(spec) + ", got " + dtypeName(t.dtype()) +
         shapeToString(t.shape()) +
         (t.dtype() != spec.dtype
              ? " (cast it with ag::cast, or declare another ag::function "
                "for this dtype)"
              : ""));
  }
}

std::string signatureKey(const FunctionImpl &fn, const CallArgs &args,
                         const std::vector<size_t> &positions) {
  std::string key;
  // A weak argument (a literal) traces differently from a typed one.
  for (size_t i = 0; i < args.tensors.size(); ++i) {
    const Tensor &t = args.tensors[i];
    key += std::string(t.isWeak() ? "weak " : "") + dtypeName(t.dtype()) +
           shapeToString(tracedShape(fn, args, positions, i)) + ";";
  }
  return key + "|" + args.staticKey;
}

/// Why a function is traced once more: what changed since the last trace,
/// and what to do about it.
std::string retraceAdvice(const FunctionImpl &fn, const CallArgs &args,
                          const std::vector<size_t> &positions) {
  bool sameLayout = fn.lastTypes.size() == args.tensors.size();
  bool dtypesChanged = !sameLayout, shapesChanged = false;
  // A suggested signature: this call's types, with each dimension that
  // differs from the last trace (or within a vector) made ag::dyn.
  std::vector<std::optional<TensorSpec>> suggested(args.inputCounts.size());
  for (size_t i = 0; i < args.tensors.size(); ++i) {
    const Tensor &t = args.tensors[i];
    std::optional<TensorSpec> &spec = suggested[positions[i]];
    if (!spec)
      spec = TensorSpec{t.dtype(), t.shape()};
    auto widen = [&](const Shape &other) {
      if (other.size() != spec->shape.size())
        return;
      for (size_t d = 0; d < other.size(); ++d)
        if (other[d] != spec->shape[d])
          spec->shape[d] = dyn;
    };
    widen(t.shape());
    if (sameLayout) {
      const auto &[lastDType, lastShape] = fn.lastTypes[i];
      dtypesChanged |=
          lastDType != t.dtype() || lastShape.size() != t.shape().size();
      shapesChanged |= lastShape != t.shape();
      widen(lastShape);
    }
  }
  if (fn.lastStaticKey != args.staticKey)
    return "a host argument's value (or a vector's length) changed, and each "
           "value traces a new graph; pass values that change as ag::Tensor";
  if (dtypesChanged)
    return "each new argument dtype traces a new graph; cast the arguments "
           "to one dtype";
  if (!shapesChanged)
    return "each new argument dtype/shape or host-argument value traces a "
           "new graph";
  std::string specs;
  for (const std::optional<TensorSpec> &spec : suggested) {
    if (!specs.empty())
      specs += ", ";
    if (!spec) {
      specs += "...";
      continue;
    }
    specs += std::string("ag::spec(ag::") +
             (spec->dtype == DType::Bool      ? "Bool"
              : spec->dtype == DType::Int32   ? "Int32"
              : spec->dtype == DType::Int64   ? "Int64"
              : spec->dtype == DType::Float32 ? "Float32"
                                              : "Float64");
    if (!spec->shape.empty()) {
      specs += ", {";
      for (size_t d = 0; d < spec->shape.size(); ++d)
        specs += (d ? ", " : "") + (spec->shape[d] < 0
                                        ? std::string("ag::dyn")
                                        : std::to_string(spec->shape[d]));
      specs += "}";
    }
    specs += ")";
  }
  return "the shapes of its tensor arguments change between calls, and each "
         "new shape traces a new graph; declare the dimensions that vary "
         "with an input signature: ag::function(&f, {" +
         specs + "})";
}

/// Arguments must be eager: an ag::Error otherwise.
void checkEager(const FunctionImpl &fn, const CallArgs &args) {
  for (const Tensor &t : args.tensors)
    if (!t.defined() || t.isStaged()) {
      Diagnostic diag;
      diag.message = "arguments of ag::function '" + fn.name +
                     "' must be defined eager tensors";
      throw Error(std::move(diag));
    }
}

/// The trace of this call's signature, traced on first use (the caller
/// holds fn.mutex).
/// `lengths`, if given, is where `invoke` writes the lengths of the twin's
/// std::vector results while tracing.
FunctionImpl::Trace &traceFor(FunctionImpl &fn, const CallArgs &args,
                              const TwinInvoker &invoke,
                              std::vector<size_t> *lengths) {
  // Without a trace yet, the twin may be missing: say so before anything
  // else. A trace implies the twin exists.
  if (!fn.last.trace && !lookupTwin(fn.original)) {
    Diagnostic diag;
    diag.phase = Diagnostic::Phase::Trace;
    diag.message = describeMissingTwin(fn.original, fn.name);
    throw Error(std::move(diag));
  }
  checkEager(fn, args);
  if (fn.last.matches(args))
    return *fn.last.trace;
  std::vector<size_t> positions = tensorPositions(args);
  if (fn.signature)
    checkSignature(fn, args, positions);
  std::string key = signatureKey(fn, args, positions);
  auto it = fn.bySignature.find(key);
  if (it != fn.bySignature.end()) {
    fn.last.remember(args, it->second);
    return it->second;
  }
  if (++fn.traces > kRetraceWarningThreshold)
    std::cerr << "ag: warning: retracing '" << fn.name << "' (trace #"
              << fn.traces << ", signature " << key
              << "): " << retraceAdvice(fn, args, positions) << "\n";
  fn.lastTypes.clear();
  for (const Tensor &t : args.tensors)
    fn.lastTypes.emplace_back(t.dtype(), t.shape());
  fn.lastStaticKey = args.staticKey;

  std::vector<trace::ArgSpec> specs;
  for (size_t i = 0; i < args.tensors.size(); ++i)
    specs.push_back({i < args.tensorNames.size() && !args.tensorNames[i].empty()
                         ? args.tensorNames[i]
                         : "arg" + std::to_string(i),
                     args.tensors[i].dtype(),
                     tracedShape(fn, args, positions, i),
                     args.tensors[i].isWeak()});
  std::vector<bool> weakResults;
  mlir::OwningOpRef<mlir::ModuleOp> module = trace::traceFunction(
      *fn.context, fn.name, specs, [&](const std::vector<Tensor> &staged) {
        std::vector<Tensor> results = invoke(staged);
        weakResults.clear();
        for (const Tensor &r : results)
          weakResults.push_back(r.isWeak());
        return results;
      });

  {
    DiagnosticCollector diags(*fn.context);
    mlir::PassManager pm(fn.context.get());
#ifdef NDEBUG
    // Verifying after each pass costs as much as the passes on large graphs;
    // GraphImpl::fromModule verifies the result, and lit runs verify-each.
    pm.enableVerifier(false);
#endif
    buildOptimizePipeline(pm);
    if (mlir::failed(pm.run(*module)))
      diags.throwIfAny("optimizing the traced graph failed");
  }
  // The twin's FunctionScope located the ag.func at the definition, with the
  // function's name: better than what dladdr finds (nothing for static
  // functions), so adopt it for the symbol and for later messages.
  for (auto func : module->getOps<ir::FuncOp>()) {
    std::string traced = lowering::toNodeSource(func.getLoc()).loc.function;
    if (!traced.empty()) {
      fn.name = traced;
      fn.nameIsKnown = true;
      func.setSymName(traced);
    }
    break;
  }
  FunctionImpl::Trace trace{
      Graph(GraphImpl::fromModule(fn.context, std::move(module))),
      std::move(weakResults), lengths ? *lengths : std::vector<size_t>()};
  FunctionImpl::Trace &stored =
      fn.bySignature.emplace(key, std::move(trace)).first->second;
  fn.last.remember(args, stored);
  return stored;
}

} // namespace

std::shared_ptr<FunctionImpl> makeFunction(const void *original) {
  auto fn = std::make_shared<FunctionImpl>();
  fn->original = original;
  fn->name = functionName(original, fn->nameIsKnown);
  fn->context = makeGraphContext();
  trace::loadDialects(*fn->context);
  return fn;
}

std::shared_ptr<FunctionImpl> makeFunction(const void *original,
                                           std::vector<TensorSpec> signature) {
  std::shared_ptr<FunctionImpl> fn = makeFunction(original);
  fn->signature = std::move(signature);
  return fn;
}

std::vector<Tensor> callFunction(FunctionImpl &fn, const CallArgs &args,
                                 const TwinInvoker &invoke,
                                 std::vector<size_t> *resultLengths,
                                 const RunOptions &options) {
  // The graph and its trace stay alive with `fn` (traces are never
  // removed), which the caller's ag::function holds.
  GraphImpl *graph;
  const std::vector<bool> *weak;
  {
    std::lock_guard<std::mutex> lock(fn.mutex);
    FunctionImpl::Trace &trace = traceFor(fn, args, invoke, resultLengths);
    if (resultLengths)
      *resultLengths = trace.resultLengths;
    graph = trace.graph.impl().get();
    weak = &trace.weakResults;
  }
  std::vector<Tensor> results = graph->runAll(args.tensors, options);
  for (size_t i = 0; i < results.size() && i < weak->size(); ++i) {
    if (!(*weak)[i] || !results[i].defined())
      continue;
    const std::shared_ptr<TensorImpl> &impl = results[i].impl();
    // Only this handle holds a fresh result: mark it in place. Otherwise it
    // may be the caller's own argument or a value the session keeps: a new
    // handle on the same buffer.
    if (impl.use_count() == 1) {
      impl->weak = true;
      continue;
    }
    auto copy = std::make_shared<TensorImpl>(*impl);
    copy->weak = true;
    results[i] = Tensor(std::move(copy));
  }
  return results;
}

Graph functionGraph(FunctionImpl &fn, const CallArgs &args,
                    const TwinInvoker &invoke,
                    std::vector<size_t> *resultLengths) {
  std::lock_guard<std::mutex> lock(fn.mutex);
  return traceFor(fn, args, invoke, resultLengths).graph;
}

unsigned functionTraceCount(const FunctionImpl &fn) { return fn.traces; }

void cancelFunction(FunctionImpl &fn) {
  // Every signature's graph: a call runs the graph of its own signature. A
  // call still tracing holds the mutex, so this waits until it runs.
  std::lock_guard<std::mutex> lock(fn.mutex);
  for (auto &entry : fn.bySignature)
    entry.second.graph.cancel();
}

} // namespace ag::detail

std::string ag::toString(const TensorSpec &spec) {
  std::string text = std::string(dtypeName(spec.dtype)) + "[";
  for (size_t d = 0; d < spec.shape.size(); ++d)
    text +=
        (d ? ", " : "") +
        (spec.shape[d] < 0 ? std::string("?") : std::to_string(spec.shape[d]));
  return text + "]";
}
