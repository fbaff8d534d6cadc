//===- Function.cpp - ag::function: trace once per signature, run lazily --===//

#include "Diagnostics.h"
#include "GraphImpl.h"

#include "ag/Function.h"
#include "ag/Lowering/Lowering.h"
#include "ag/Trace/Trace.h"
#include "ag/Transforms/Passes.h"

#include "mlir/Pass/PassManager.h"
#include "llvm/Demangle/Demangle.h"

#include <dlfcn.h>

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
  unsigned traces = 0;
  std::mutex mutex;
};

namespace {

/// The C++ name of `fn` for messages and the graph's symbol: from the
/// dynamic symbol table when exported, else its address.
std::string functionName(const void *fn, bool &known) {
  Dl_info info;
  known = dladdr(fn, &info) && info.dli_sname;
  if (known) {
    std::string name = llvm::demangle(info.dli_sname);
    return name.substr(0, name.find('('));
  }
  std::ostringstream os;
  os << "the function at " << fn;
  return os.str();
}

std::string signatureKey(const CallArgs &args) {
  std::string key;
  for (const Tensor &t : args.tensors)
    key += std::string(dtypeName(t.dtype())) + shapeToString(t.shape()) + ";";
  return key + "|" + args.staticKey;
}

Graph &graphFor(FunctionImpl &fn, const CallArgs &args,
                const TwinInvoker &invoke) {
  if (!lookupTwin(fn.original)) {
    Diagnostic diag;
    diag.phase = Diagnostic::Phase::Trace;
    diag.message = "no graph twin registered for " +
                   (fn.nameIsKnown ? "'" + fn.name + "'" : fn.name) +
                   ": add ag_convert(<target> SOURCES <file>) to CMake or "
                   "run ag-convert on its source";
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
  if (it != fn.graphs.end())
    return it->second;

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
                     args.tensors[i].dtype(), args.tensors[i].shape()});
  mlir::OwningOpRef<mlir::ModuleOp> module = trace::traceFunction(
      *fn.context, fn.name, specs,
      [&](const std::vector<Tensor> &staged) { return invoke(staged); });

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
  {
    std::lock_guard<std::mutex> lock(fn.mutex);
    graph = graphFor(fn, args, invoke).impl();
  }
  return graph->runAll(args.tensors);
}

Graph functionGraph(FunctionImpl &fn, const CallArgs &args,
                    const TwinInvoker &invoke) {
  std::lock_guard<std::mutex> lock(fn.mutex);
  return graphFor(fn, args, invoke);
}

unsigned functionTraceCount(const FunctionImpl &fn) { return fn.traces; }

} // namespace ag::detail
