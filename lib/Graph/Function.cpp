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
  std::map<std::string, Graph> graphs;
  /// Per signature, which results the twin returned weakly typed (a literal
  /// that met no typed value): the graph's values are plain tensors, and the
  /// caller must get what the eager call returns.
  std::map<std::string, std::vector<bool>> weakResults;
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

std::string signatureKey(const CallArgs &args) {
  std::string key;
  // A weak argument (a literal) traces differently from a typed one.
  for (const Tensor &t : args.tensors)
    key += std::string(t.isWeak() ? "weak " : "") + dtypeName(t.dtype()) +
           shapeToString(t.shape()) + ";";
  return key + "|" + args.staticKey;
}

/// The graph of this call's signature, traced on first use; `weakOut` gets
/// which of its results are weakly typed.
Graph &graphFor(FunctionImpl &fn, const CallArgs &args,
                const TwinInvoker &invoke,
                std::vector<bool> *weakOut = nullptr) {
  if (!lookupTwin(fn.original)) {
    Diagnostic diag;
    diag.phase = Diagnostic::Phase::Trace;
    diag.message = describeMissingTwin(fn.original, fn.name);
    throw Error(std::move(diag));
  }
  for (const Tensor &t : args.tensors)
    if (!t.defined() || t.isStaged()) {
      Diagnostic diag;
      diag.message = "arguments of ag::function '" + fn.name +
                     "' must be defined eager tensors";
      throw Error(std::move(diag));
    }
  std::string key = signatureKey(args);
  auto it = fn.graphs.find(key);
  if (it != fn.graphs.end()) {
    if (weakOut)
      *weakOut = fn.weakResults[key];
    return it->second;
  }

  if (++fn.traces > kRetraceWarningThreshold)
    std::cerr << "ag: warning: retracing '" << fn.name << "' (trace #"
              << fn.traces << ", signature " << key
              << "): each new argument dtype/shape or host-argument value "
                 "traces a new graph; pass values that change as ag::Tensor\n";

  std::vector<trace::ArgSpec> specs;
  for (size_t i = 0; i < args.tensors.size(); ++i)
    specs.push_back({i < args.tensorNames.size() && !args.tensorNames[i].empty()
                         ? args.tensorNames[i]
                         : "arg" + std::to_string(i),
                     args.tensors[i].dtype(), args.tensors[i].shape(),
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
  Graph graph(GraphImpl::fromModule(fn.context, std::move(module)));
  if (weakOut)
    *weakOut = weakResults;
  fn.weakResults[key] = std::move(weakResults);
  return fn.graphs.emplace(key, std::move(graph)).first->second;
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

std::vector<Tensor> callFunction(FunctionImpl &fn, const CallArgs &args,
                                 const TwinInvoker &invoke) {
  std::shared_ptr<GraphImpl> graph;
  std::vector<bool> weak;
  {
    std::lock_guard<std::mutex> lock(fn.mutex);
    graph = graphFor(fn, args, invoke, &weak).impl();
  }
  std::vector<Tensor> results = graph->runAll(args.tensors);
  for (size_t i = 0; i < results.size() && i < weak.size(); ++i)
    if (weak[i] && results[i].defined()) {
      // A new handle on the same buffer: the result may be the caller's own
      // argument or a value the session keeps.
      auto impl = std::make_shared<TensorImpl>(*results[i].impl());
      impl->weak = true;
      results[i] = Tensor(std::move(impl));
    }
  return results;
}

Graph functionGraph(FunctionImpl &fn, const CallArgs &args,
                    const TwinInvoker &invoke) {
  std::lock_guard<std::mutex> lock(fn.mutex);
  return graphFor(fn, args, invoke);
}

unsigned functionTraceCount(const FunctionImpl &fn) { return fn.traces; }

void cancelFunction(FunctionImpl &fn) {
  // Every signature's graph: a call runs the graph of its own signature. A
  // call still tracing holds the mutex, so this waits until it runs.
  std::lock_guard<std::mutex> lock(fn.mutex);
  for (auto &entry : fn.graphs)
    entry.second.cancel();
}

} // namespace ag::detail
