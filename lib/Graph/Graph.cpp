//===- Graph.cpp - ag::Graph: MLIR text, Graphviz, lazy runs --------------===//

#include "Diagnostics.h"
#include "GraphImpl.h"
#include "InputGuard.h"

#include "ag/Lowering/Lowering.h"
#include "ag/runtime/HostNode.h"
#include "ag/runtime/Kernels.h"

#include "mlir/IR/AsmState.h"
#include "mlir/IR/Verifier.h"
#include "mlir/Parser/Parser.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/ScopeExit.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <fstream>

#include <unistd.h>

using namespace mlir;

namespace ag {
namespace detail {

std::shared_ptr<MLIRContext> makeGraphContext() {
  // Graphs are small and traced on the caller's thread: no thread pool.
  auto context =
      std::make_shared<MLIRContext>(MLIRContext::Threading::DISABLED);
  context->getOrLoadDialect<ir::AGDialect>();
  // Diagnostics are shown to users at their source: no generic op dumps.
  context->printOpOnDiagnostic(false);
  return context;
}

namespace {

std::string typeString(DType dtype, const Shape &shape) {
  return std::string(dtypeName(dtype)) + shapeToString(shape);
}

[[noreturn]] void fail(std::string message,
                       std::vector<DiagnosticNote> notes = {}) {
  Diagnostic diag;
  diag.message = std::move(message);
  diag.notes = std::move(notes);
  throw Error(std::move(diag));
}

} // namespace

std::shared_ptr<GraphImpl>
GraphImpl::fromModule(std::shared_ptr<MLIRContext> context,
                      OwningOpRef<ModuleOp> module, SourcePolicy *policy,
                      uint64_t maxConstantBytes) {
  auto impl = std::make_shared<GraphImpl>();
  impl->context = std::move(context);
  impl->module = std::move(module);
  // A traced graph that does not verify is a tracing bug; a loaded one is a
  // malformed file.
  DiagnosticCollector diags(
      *impl->context,
      policy ? Diagnostic::Phase::Verify : Diagnostic::Phase::Trace, policy);
  if (failed(verify(*impl->module)))
    diags.throwIfAny("the graph does not verify");
  ir::FuncOp func;
  for (auto f : impl->module->getOps<ir::FuncOp>())
    if (!f.isExternal()) {
      func = f;
      break;
    }
  if (!func) {
    impl->module->emitError("the graph has no ag.func with a body");
    diags.throwIfAny();
  }
  FailureOr<std::shared_ptr<exec::Program>> program =
      lowering::lowerFunction(func, maxConstantBytes);
  if (failed(program))
    diags.throwIfAny("the graph cannot be evaluated");
  if (policy)
    policy->apply(**program);
  impl->func = func;
  impl->program = std::move(*program);
  impl->session = std::make_unique<exec::Session>(impl->program);

  const exec::Program &p = *impl->program;
  for (exec::SlotId a : p.arguments())
    impl->inputs.push_back({p.slot(a).name, p.slot(a).dtype, p.slot(a).shape});
  const auto &results = p.results();
  impl->hasFinalToken = !results.empty() && p.slot(results.back()).isToken;
  size_t numValues = results.size() - (impl->hasFinalToken ? 1 : 0);
  for (size_t i = 0; i < numValues; ++i) {
    impl->outputNames.push_back("result" + std::to_string(i));
    impl->outputSlots.push_back(results[i]);
  }
  impl->allSlots = impl->outputSlots;
  if (impl->hasFinalToken)
    impl->allSlots.push_back(results.back());
  // Variables by the values they hold where the function returns (ag.bind),
  // never by the statement that computed a value. Results and parameters
  // last, so that their names stay what they say.
  // A graph without it (written by hand, or saved before ag.bind existed)
  // is named by its locations' variables, the last computed one winning.
  bool bound = func->hasAttr(ir::kBindAttrName);
  for (exec::SlotId s = 0; s < p.numSlots(); ++s) {
    if (!bound && !p.slot(s).name.empty() && !p.slot(s).isToken)
      impl->values[p.slot(s).name] = s;
    for (const std::string &variable : p.slot(s).bindings)
      impl->values[variable] = s;
  }
  for (size_t a = 0; a < p.arguments().size(); ++a)
    impl->values[impl->inputs[a].name] = p.arguments()[a];
  for (size_t i = 0; i < numValues; ++i)
    impl->values[impl->outputNames[i]] = results[i];
  return impl;
}

Tensor GraphImpl::checkFeed(size_t index, const Tensor &feed) const {
  const Input &in = inputs[index];
  if (!feed.defined())
    fail("missing feed for parameter '" + in.name + "'");
  if (feed.isStaged())
    fail("the feed for parameter '" + in.name +
         "' is a staged tensor; feed an eager value");
  // A dimension the graph leaves open (-1, hand-written IR) takes any size.
  bool shapeFits = feed.rank() == static_cast<int64_t>(in.shape.size());
  for (size_t d = 0; shapeFits && d < in.shape.size(); ++d)
    shapeFits = in.shape[d] < 0 || in.shape[d] == feed.shape()[d];
  if (feed.dtype() == in.dtype && shapeFits)
    return feed;
  // A C++ literal adopts the parameter's dtype as it would in arithmetic:
  // an integer literal may become a float, never the reverse.
  if (feed.isWeak() && shapeFits &&
      (!isFloat(feed.dtype()) || isFloat(in.dtype)))
    return kernels::cast(feed, in.dtype);
  fail("wrong feed for parameter '" + in.name + "' of '" + program->name +
       "': expected " + typeString(in.dtype, in.shape) + ", got " +
       typeString(feed.dtype(), feed.shape()));
}

std::vector<exec::Value>
GraphImpl::evaluate(const std::vector<exec::SlotId> &fetches,
                    const std::vector<Tensor> &feeds, const RunOptions &options,
                    bool timed) {
  std::lock_guard<std::mutex> lock(mutex);
  return evaluateLocked(fetches, feeds, options, timed);
}

std::vector<exec::Value>
GraphImpl::evaluateLocked(const std::vector<exec::SlotId> &fetches,
                          const std::vector<Tensor> &feeds,
                          const RunOptions &options, bool timed) {
  RunStats report; // what the native backend left to the interpreter
  if (auto native = evaluateNative(fetches, feeds, options, timed, report))
    return std::move(*native);
  auto merge = llvm::make_scope_exit([&] { mergeNativeStats(stats, report); });
  return interpret(fetches, feeds, options);
}

std::vector<exec::Value>
GraphImpl::interpret(const std::vector<exec::SlotId> &fetches,
                     const std::vector<Tensor> &feeds,
                     const RunOptions &options) {
  std::vector<exec::Value> values;
  try {
    values = session->run(fetches, feeds, options);
  } catch (...) {
    stats = session->lastRunStats();
    throw;
  }
  stats = session->lastRunStats();
  return values;
}

const std::vector<exec::SlotId> &GraphImpl::everything() const {
  return allSlots;
}

std::vector<Tensor> GraphImpl::runAll(const std::vector<Tensor> &feeds,
                                      const RunOptions &options) {
  if (feeds.size() != inputs.size())
    fail("'" + program->name + "' takes " + std::to_string(inputs.size()) +
         " tensor arguments, got " + std::to_string(feeds.size()));
  // checkFeed returns the feed itself unless it casts a weak literal: copy
  // the feeds only then.
  const std::vector<Tensor> *fed = &feeds;
  std::vector<Tensor> checked;
  for (size_t i = 0; i < feeds.size(); ++i) {
    Tensor feed = checkFeed(i, feeds[i]);
    if (fed == &feeds && feed.impl() == feeds[i].impl())
      continue;
    if (fed == &feeds) {
      checked.assign(feeds.begin(), feeds.begin() + i);
      fed = &checked;
    }
    checked.push_back(std::move(feed));
  }
  std::vector<Tensor> out;
  std::vector<exec::Value> values;
  {
    // One lock for both: after a fault the interpreter's run must be the
    // next (it skips the prints native code wrote), and native code must
    // not run twice.
    std::lock_guard<std::mutex> lock(mutex);
    bool faulted = false;
    if (runAllNative(*fed, options, out, faulted))
      return out;
    if (faulted) {
      auto note = llvm::make_scope_exit([&] {
        stats.nativeFallbacks = 1;
        stats.nativeReasons = {"the native code faulted: the interpreter "
                               "re-ran the graph"};
      });
      values = interpret(everything(), *fed, options);
    } else {
      values = evaluateLocked(everything(), *fed, options, /*timed=*/false);
    }
  }
  out.reserve(outputSlots.size());
  for (size_t i = 0; i < outputSlots.size(); ++i)
    // A node's result (ag::function of a function returning a host type)
    // travels in the handle an ag::Lazy holds.
    out.push_back(
        values[i].kind() == exec::Value::Kind::Host
            ? hostHandle(
                  std::shared_ptr<const std::any>(values[i].sharedHost()), "")
            : values[i].tensor());
  return out;
}

} // namespace detail

using detail::GraphImpl;

std::string Graph::mlir(bool withLocations) const {
  std::string text;
  llvm::raw_string_ostream os(text);
  OpPrintingFlags flags;
  if (withLocations)
    flags.enableDebugInfo(/*enable=*/true, /*prettyForm=*/false);
  impl_->module->print(os, flags);
  return text;
}

namespace {

/// Graphviz rendering: ops are boxes labelled with the op name and the
/// source variable, block arguments are ellipses, regions are clusters.
class DotWriter {
public:
  std::string write(ir::FuncOp func) {
    out_ += "digraph \"" + escape(func.getSymName()) + "\" {\n";
    out_ += "  node [shape=box, fontname=\"Helvetica\", fontsize=10];\n";
    out_ += "  edge [fontname=\"Helvetica\", fontsize=9];\n";
    writeBlock(func.getBody().front(), "  ");
    out_ += edges_;
    out_ += "}\n";
    return out_;
  }

private:
  static std::string escape(llvm::StringRef s) {
    std::string r;
    for (char c : s) {
      if (c == '"' || c == '\\')
        r += '\\';
      r += c;
    }
    return r;
  }

  /// What a region of a control flow op is, in the user's terms.
  static std::string regionLabel(Operation &op, unsigned index) {
    if (isa<ir::IfOp>(op))
      return index == 0 ? "then" : "else";
    if (isa<ir::TryOp>(op))
      return index == 0 ? "try" : "catch";
    if (isa<ir::WhileOp>(op))
      return index == 0 ? "condition" : "body";
    if (isa<ir::ForOp>(op))
      return "body";
    return "region " + std::to_string(index);
  }

  static std::string typeLabel(Type type) {
    std::string s;
    llvm::raw_string_ostream os(s);
    type.print(os);
    return s;
  }

  void writeBlock(Block &block, const std::string &indent) {
    for (BlockArgument arg : block.getArguments()) {
      std::string id = "v" + std::to_string(next_++);
      nodes_[arg] = id;
      std::string name = lowering::valueName(arg);
      if (name.empty())
        name = "arg" + std::to_string(arg.getArgNumber());
      out_ += indent + id + " [shape=ellipse, label=\"" + escape(name) + "\\n" +
              escape(typeLabel(arg.getType())) + "\"];\n";
    }
    for (Operation &op : block)
      writeOp(op, indent);
  }

  void writeOp(Operation &op, const std::string &indent) {
    std::string id = "n" + std::to_string(next_++);
    exec::NodeSource src = lowering::toNodeSource(op.getLoc());
    std::string label = op.getName().getStringRef().str();
    // A node is the user's function: its name says what it is.
    if (auto node = dyn_cast<ir::NodeOp>(op))
      label = escape(node.getCallee()) + (node.getEffect() ? " (effect)" : "");
    if (auto constant = dyn_cast<ir::ConstantOp>(op)) {
      std::string value;
      llvm::raw_string_ostream os(value);
      constant.getValue().print(os);
      label += "\\n" +
               escape(value.size() > 40 ? value.substr(0, 37) + "..." : value);
    }
    if (!src.loc.name.empty())
      label += "\\n" + escape(src.loc.name);
    if (src.loc.known())
      label += "\\n" + escape(llvm::sys::path::filename(src.loc.file).str()) +
               ":" + std::to_string(src.loc.line);
    out_ += indent + id + " [label=\"" + label + "\"];\n";
    llvm::SmallPtrSet<void *, 4> seen; // one edge per value, not per use
    for (Value operand : op.getOperands()) {
      auto it = nodes_.find(operand);
      if (it != nodes_.end() &&
          seen.insert(operand.getAsOpaquePointer()).second)
        edges_ += "  " + it->second + " -> " + id + ";\n";
    }
    for (Value result : op.getResults())
      nodes_[result] = id;
    unsigned r = 0;
    for (Region &region : op.getRegions()) {
      if (region.empty())
        continue;
      std::string cluster = "cluster_" + std::to_string(next_++);
      out_ += indent + "subgraph " + cluster + " {\n";
      out_ += indent + "  label=\"" + escape(op.getName().getStringRef()) +
              " " + regionLabel(op, r++) + "\";\n";
      out_ += indent + "  style=rounded; color=gray;\n";
      for (Block &block : region)
        writeBlock(block, indent + "  ");
      out_ += indent + "}\n";
    }
  }

  std::string out_, edges_;
  unsigned next_ = 0;
  llvm::DenseMap<Value, std::string> nodes_;
};

} // namespace

std::string Graph::dot() const { return DotWriter().write(impl_->func); }

void Graph::save(const std::string &path) const {
  // A host value captured while tracing lives in this process only: the
  // file could not bring it back.
  ir::HostConstantOp captured;
  impl_->module->walk([&](ir::HostConstantOp op) {
    captured = op;
    return WalkResult::interrupt();
  });
  if (captured) {
    Diagnostic diag;
    diag.phase = Diagnostic::Phase::Trace;
    exec::NodeSource src = lowering::toNodeSource(captured.getLoc());
    diag.loc = src.loc;
    std::string user;
    for (Operation *op : captured->getUsers())
      if (auto node = dyn_cast<ir::NodeOp>(op)) {
        user = node.getCallee().str();
        break;
      }
    std::string type = detail::readableTypeName(
        llvm::cast<ir::HostType>(captured.getType()).getName().str());
    std::string passed =
        user.empty() ? std::string() : " passed to node '" + user + "'";
    // ag-convert names the host constant by the argument's spelling (the
    // variable, usually) and locates it there; older twins name only the
    // statement.
    if (captured.getName()) {
      std::string spelling = captured.getName()->str();
      if (spelling.size() > 60)
        spelling = spelling.substr(0, 57) + "...";
      diag.message = "cannot save this graph: it holds '" + spelling +
                     "', a host value of type " + type + passed;
    } else {
      diag.message = "cannot save this graph: it holds a host value of type " +
                     type + passed +
                     (src.loc.name.empty() ? std::string()
                                           : " in the statement assigning '" +
                                                 src.loc.name + "'");
    }
    diag.message += ", captured while tracing; it cannot be written to a file "
                    "(compute it in the graph with a node, or pass it as a "
                    "tensor)";
    diag.notes = src.callSites;
    throw Error(std::move(diag));
  }
  std::ofstream out(path);
  out << mlir(/*withLocations=*/true);
  if (!out)
    detail::fail("cannot write the graph to '" + path + "'");
}

Graph Graph::load(const std::string &path, const LoadOptions &options) {
  auto buffer = llvm::MemoryBuffer::getFile(path);
  if (!buffer)
    detail::fail("cannot read graph '" + escapeControlChars(path) +
                 "': " + buffer.getError().message());
  return parse((*buffer)->getBuffer().str(), path, options);
}

Graph Graph::parse(const std::string &mlirText, const std::string &bufferName,
                   const LoadOptions &options) {
  return detail::parseGraph(mlirText, bufferName, options,
                            detail::makeGraphContext());
}

Graph detail::parseGraph(const std::string &mlirText,
                         const std::string &bufferName,
                         const LoadOptions &options,
                         std::shared_ptr<MLIRContext> context) {
  detail::SourcePolicy policy(options, bufferName);
  if (std::optional<detail::UnsafeSyntax> bad =
          detail::findUnsafeSyntax(mlirText)) {
    Diagnostic diag;
    diag.phase = Diagnostic::Phase::Parse;
    diag.loc.file = bufferName;
    diag.loc.line = bad->line;
    diag.loc.col = bad->col;
    policy.apply(diag.loc);
    diag.message = std::move(bad->message);
    throw Error(std::move(diag));
  }
  OwningOpRef<ModuleOp> module;
  {
    detail::DiagnosticCollector diags(*context, Diagnostic::Phase::Parse,
                                      &policy);
    // fromModule verifies, so that verifier errors are labelled as such.
    module = parseSourceString<ModuleOp>(
        mlirText, ParserConfig(context.get(), /*verifyAfterParse=*/false),
        bufferName);
    if (!module)
      diags.throwIfAny("the graph cannot be parsed");
  }
  {
    // ir::boundNames reads an 'ag.bind' with one list too many or too few
    // as "no names", for a rewrite that changed an op's results; a file has
    // had no rewrite, so there the mismatch is an error at the op.
    detail::DiagnosticCollector diags(*context, Diagnostic::Phase::Verify,
                                      &policy);
    module->walk([&](Operation *op) {
      auto lists =
          dyn_cast_if_present<ArrayAttr>(op->getAttr(ir::kBindAttrName));
      if (lists && lists.size() != op->getNumResults())
        op->emitError() << "'ag.bind' must be an array with one array of "
                           "variable names per result ("
                        << lists.size() << " for " << op->getNumResults()
                        << ")";
    });
    diags.throwIfAny();
  }
  uint64_t maxBytes = options.maxBytes;
  if (!maxBytes) {
    long pages = sysconf(_SC_PHYS_PAGES), size = sysconf(_SC_PAGE_SIZE);
    maxBytes = pages > 0 && size > 0
                   ? static_cast<uint64_t>(pages) * static_cast<uint64_t>(size)
                   : UINT64_MAX;
  }
  return Graph(GraphImpl::fromModule(std::move(context), std::move(module),
                                     &policy, maxBytes));
}

std::vector<Parameter> Graph::parameters() const { return impl_->inputs; }

std::vector<std::string> Graph::inputNames() const {
  std::vector<std::string> names;
  for (const auto &in : impl_->inputs)
    names.push_back(in.name);
  return names;
}

std::vector<std::string> Graph::outputNames() const {
  return impl_->outputNames;
}

std::vector<std::string> Graph::valueNames() const {
  std::vector<std::string> names;
  for (const auto &[name, slot] : impl_->values)
    names.push_back(name);
  return names;
}

namespace {

/// "did you mean" candidates: names within a small edit distance, or that
/// one of the two starts with.
std::vector<DiagnosticNote> closeNames(const std::string &wanted,
                                       const std::vector<std::string> &names,
                                       const char *what) {
  std::vector<std::pair<unsigned, std::string>> scored;
  llvm::StringRef w(wanted);
  for (const std::string &name : names) {
    unsigned d = llvm::StringRef(name).edit_distance_insensitive(w);
    bool prefix = w.starts_with_insensitive(name) ||
                  llvm::StringRef(name).starts_with_insensitive(w);
    if (d <= std::max<size_t>(2, std::max(name.size(), wanted.size()) / 3) ||
        prefix)
      scored.emplace_back(d, name);
  }
  std::sort(scored.begin(), scored.end());
  std::vector<DiagnosticNote> notes;
  if (!scored.empty()) {
    std::string list;
    for (size_t i = 0; i < scored.size() && i < 3; ++i)
      list += (i ? "', '" : "'") + scored[i].second;
    notes.push_back({{}, "did you mean " + list + "'?"});
  }
  notes.push_back({{}, std::string(what) + ": " + llvm::join(names, ", ")});
  return notes;
}

} // namespace

std::map<std::string, FetchedValue>
Graph::evaluate(const std::vector<std::string> &fetches,
                const std::map<std::string, Tensor> &feeds,
                const RunOptions &options) {
  GraphImpl &g = *impl_;
  const std::string &fn = g.program->name;
  std::vector<Tensor> feedList(g.inputs.size());
  for (const auto &[name, tensor] : feeds) {
    auto it = std::find_if(g.inputs.begin(), g.inputs.end(),
                           [&](const auto &in) { return in.name == name; });
    if (it == g.inputs.end())
      detail::fail("'" + fn + "' has no parameter named '" + name + "'",
                   closeNames(name, inputNames(), "parameters"));
    size_t index = static_cast<size_t>(it - g.inputs.begin());
    feedList[index] = g.checkFeed(index, tensor);
  }

  std::vector<std::string> names = fetches;
  std::vector<exec::SlotId> slots;
  if (fetches.empty()) {
    // Everything: all results and every effect on the taken paths.
    for (size_t i = 0; i < feedList.size(); ++i)
      if (!feedList[i].defined())
        detail::fail("missing feed for parameter '" + g.inputs[i].name + "'");
    names = g.outputNames;
    slots = g.everything();
  } else {
    for (const std::string &name : fetches) {
      auto it = g.values.find(name);
      if (it == g.values.end())
        detail::fail("'" + fn + "' has no value named '" + name + "'",
                     closeNames(name, valueNames(), "fetchable values"));
      slots.push_back(it->second);
    }
  }
  std::vector<exec::Value> values = g.evaluate(slots, feedList, options);
  std::map<std::string, FetchedValue> out;
  for (size_t i = 0; i < names.size(); ++i) {
    FetchedValue &v = out[names[i]];
    if (values[i].isList()) {
      v.kind = FetchedValue::Kind::List;
      v.elements = values[i].list().elements();
    } else if (values[i].isTensor()) {
      v.kind = FetchedValue::Kind::Tensor;
      v.tensor = values[i].tensor();
    }
  }
  return out;
}

std::map<std::string, Tensor>
Graph::run(const std::vector<std::string> &fetches,
           const std::map<std::string, Tensor> &feeds,
           const RunOptions &options) {
  std::map<std::string, Tensor> out;
  for (auto &[name, value] : evaluate(fetches, feeds, options)) {
    if (value.kind != FetchedValue::Kind::List) {
      out[name] = std::move(value.tensor); // undefined for a token
      continue;
    }
    // A staged list (a std::vector<ag::Tensor> of the user's code) is
    // returned as ag::stack of its elements would be.
    if (value.elements.empty())
      detail::fail("list '" + name +
                   "' is empty at this point of the evaluation: there is "
                   "nothing to stack");
    out[name] = kernels::stack(value.elements);
  }
  return out;
}

// No lock: the run being cancelled holds the graph's mutex.
void Graph::cancel() {
  impl_->session->cancel();
  // Native code in progress (its loops poll this, NativeRun.cpp).
  impl_->nativeCancelled.store(true, std::memory_order_relaxed);
  // A run of the native backend's partitioned program (NativeRun.cpp).
  if (exec::Session *partitioned = impl_->partitionedSession.load())
    partitioned->cancel();
}

void Graph::persist(const std::string &name) {
  auto it = impl_->values.find(name);
  if (it == impl_->values.end())
    detail::fail("'" + impl_->program->name + "' has no value named '" + name +
                     "'",
                 closeNames(name, valueNames(), "fetchable values"));
  std::lock_guard<std::mutex> lock(impl_->mutex);
  impl_->session->persist(it->second);
  impl_->persisted = true;
}

void Graph::persistAll() {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  impl_->session->persistAll();
  impl_->persisted = true;
}

const RunStats &Graph::lastRunStats() const { return impl_->stats; }

} // namespace ag
