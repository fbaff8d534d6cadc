//===- Partition.cpp - Native regions inside interpreted functions --------===//
//
// The per-region fallback of the native backend: a function the native
// backend declines as a whole still runs its runs of natively compilable
// top-level ops as machine code. Each run is outlined into an ag.func of
// its own, compiled by NativeFunction::compile, and called from the
// interpreter's Program as one host node, so the evaluator keeps its
// laziness, its parallelism and the effect order (runs hold no effects).
//
//===----------------------------------------------------------------------===//

#include "ag/Native/Native.h"

#include "ag/Dialect/AGDialect.h"
#include "ag/Dialect/AGOps.h"
#include "ag/Lowering/Lowering.h"
#include "ag/runtime/Evaluator.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/Parser/Parser.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SetVector.h"
#include "llvm/Support/raw_ostream.h"

#include <atomic>

using namespace mlir;

namespace ag::native {

namespace {

/// One run of natively compilable top-level ops and the Program's
/// top-level nodes they were lowered to, in order. Constants are slots, not
/// nodes, and the entry token has no operands: neither cuts a run (a token
/// node inside a run's range runs before its host node).
struct Run {
  SmallVector<Operation *> ops;
  SmallVector<size_t> nodes;
};

/// A run's signature: the values from outside it (`params`; constants are
/// cloned in instead) and its values used after it (`outs`).
void signature(const Run &run, Block *body, llvm::SetVector<Value> &params,
               llvm::SetVector<Value> &outs,
               llvm::SetVector<Operation *> &constants);

/// Worth a native call on its own: a loop (its trip count is unknown), a
/// matmul or reduction, or a large tensor.
bool isHeavy(Operation *op) {
  if (isa<ir::WhileOp, ir::ForOp, ir::MatmulOp, ir::ReduceOp, ir::ReduceSumOp>(
          op))
    return true;
  for (TypeRange types :
       {TypeRange(op->getResultTypes()), TypeRange(op->getOperandTypes())})
    for (Type t : types)
      if (auto tensor = dyn_cast<RankedTensorType>(t))
        if (tensor.hasStaticShape() &&
            tensor.getNumElements() >= lowering::kHeavyElements)
          return true;
  return false;
}

/// An op on 0-d values only (a scalar part's call costs about as much as
/// interpreting kMinScalarRegionOps of them).
bool isScalarOp(Operation *op) {
  auto scalar = [](Type t) {
    auto tensor = dyn_cast<RankedTensorType>(t);
    return tensor && tensor.getRank() == 0;
  };
  return llvm::all_of(op->getOperandTypes(), scalar) &&
         llvm::all_of(op->getResultTypes(), scalar);
}

/// The top-level op of `body` that holds `op` (itself if it is one).
Operation *topLevel(Operation *op, Block *body) {
  while (op && op->getBlock() != body)
    op = op->getParentOp();
  return op;
}

void signature(const Run &run, Block *body, llvm::SetVector<Value> &params,
               llvm::SetVector<Value> &outs,
               llvm::SetVector<Operation *> &constants) {
  llvm::SmallPtrSet<Operation *, 16> members(run.ops.begin(), run.ops.end());
  for (Operation *op : run.ops)
    op->walk([&](Operation *inner) {
      for (Value v : inner->getOperands()) {
        Operation *def = v.getDefiningOp();
        if (def && members.contains(topLevel(def, body)))
          continue;
        if (auto arg = dyn_cast<BlockArgument>(v);
            arg && arg.getOwner() != body)
          continue; // a block argument of a region inside the run
        if (def && isa<ir::ConstantOp>(def))
          constants.insert(def);
        else
          params.insert(v);
      }
    });
  for (Operation *op : run.ops)
    for (Value v : op->getResults())
      for (Operation *user : v.getUsers())
        if (!members.contains(topLevel(user, body)))
          outs.insert(v);
}

/// Splits each run into its independent parts (connected by data flow),
/// each in op order: a fetch runs only the part it needs (laziness), and
/// independent heavy parts run in parallel, as their nodes would.
SmallVector<Run> splitIndependent(const SmallVector<Run> &runs, Block *body) {
  SmallVector<Run> parts;
  for (const Run &run : runs) {
    llvm::DenseMap<Operation *, size_t> index;
    for (auto [k, op] : llvm::enumerate(run.ops))
      index[op] = k;
    std::vector<size_t> parent(run.ops.size());
    for (size_t k = 0; k < parent.size(); ++k)
      parent[k] = k;
    auto find = [&](size_t k) {
      while (parent[k] != k)
        k = parent[k] = parent[parent[k]];
      return k;
    };
    for (auto [k, op] : llvm::enumerate(run.ops))
      op->walk([&](Operation *inner) {
        for (Value v : inner->getOperands())
          if (Operation *def = v.getDefiningOp())
            if (auto it = index.find(topLevel(def, body)); it != index.end())
              parent[find(it->second)] = find(k);
      });
    llvm::DenseMap<size_t, size_t> partOf;
    for (size_t k = 0; k < run.ops.size(); ++k) {
      auto [it, inserted] = partOf.try_emplace(find(k), parts.size());
      if (inserted)
        parts.emplace_back();
      parts[it->second].ops.push_back(run.ops[k]);
      parts[it->second].nodes.push_back(run.nodes[k]);
    }
  }
  return parts;
}

/// What the interpreter shows of a loaded graph (SourcePolicy: escaped
/// prints, filtered source lines): `to` is lowered from the same ops as
/// `from`, so its nodes mirror `from`'s.
void copyPresentation(const exec::Program &from, exec::Program &to) {
  to.name = from.name;
  for (exec::SlotId s = 0; s < from.numSlots() && s < to.numSlots(); ++s)
    to.slot(s).name = from.slot(s).name;
  size_t n = std::min(from.nodes().size(), to.nodes().size());
  for (size_t i = 0; i < n; ++i) {
    const exec::Node &a = from.nodes()[i];
    exec::Node &b = to.nodes()[i];
    b.text = a.text;
    b.escapeOutput = a.escapeOutput;
    b.source = a.source;
    for (size_t r = 0; r < a.regions.size() && r < b.regions.size(); ++r)
      copyPresentation(*a.regions[r], *b.regions[r]);
  }
}

/// A compiled run: what the host node calls.
struct Region {
  std::shared_ptr<NativeFunction> fn;
  /// The outlined function on the interpreter: a fault re-runs it there,
  /// so the diagnostic is the interpreter's (location, call chain, loop
  /// iteration).
  std::shared_ptr<const exec::Program> interpreted;
  /// Counts the calls that ran `interpreted` (Partition::interpreted),
  /// those after a fault (Partition::faulted), and the native calls.
  std::shared_ptr<std::atomic<uint64_t>> fallbacks, faults, calls;
  /// The budgets of the run in progress (Partition::budget).
  std::shared_ptr<const RunBudget> budget;
};

/// A scalar part on 0-d values: slots straight from the values, without a
/// tensor per operand (the call is then ~8 interpreter ops' worth).
std::optional<std::vector<exec::Value>>
runScalarRegion(const NativeFunction &fn, const std::vector<exec::Value> &in,
                RunEffects &effects) {
  size_t n = in.size(), m = fn.resultTypes().size();
  if (n != fn.argumentTypes().size())
    return std::nullopt;
  llvm::SmallVector<uint64_t, 16> slots(n + m, 0);
  for (size_t i = 0; i < n; ++i) {
    exec::Scalar s;
    if (!in[i].asScalar(s) || s.dtype != fn.argumentTypes()[i])
      return std::nullopt;
    slots[i] = scalarSlot(s);
  }
  if (!fn.runSlots(slots.data(), &effects))
    return std::nullopt;
  std::vector<exec::Value> out;
  out.reserve(m);
  for (size_t r = 0; r < m; ++r)
    out.emplace_back(scalarOfSlot(slots[n + r], fn.resultTypes()[r]));
  return out;
}

std::vector<exec::Value> runRegion(const Region &region,
                                   const std::vector<exec::Value> &in) {
  auto ran = [&] { region.calls->fetch_add(1, std::memory_order_relaxed); };
  // A copy: parts may run on several threads at once.
  RunBudget budget = *region.budget;
  RunEffects effects;
  effects.budget = &budget;
  if (!region.fn->elementwise() && !region.fn->buffered())
    if (auto values = runScalarRegion(*region.fn, in, effects)) {
      ran();
      return std::move(*values);
    }
  std::vector<Tensor> feeds;
  feeds.reserve(in.size());
  for (const exec::Value &v : in)
    feeds.push_back(v.tensor());
  bool scalar = !region.fn->elementwise() && !region.fn->buffered();
  bool faulted = scalar; // runScalarRegion declined: a fault or misfit
  if (!scalar)
    if (auto values = region.fn->runTensors(feeds, &faulted, &effects)) {
      ran();
      return std::move(*values);
    }
  // A budget: reported at the loop that hit it (a re-run would take as
  // long again).
  if (effects.stop.kind != BudgetStop::Kind::None) {
    ran();
    throw region.fn->budgetError(effects.stop, budget);
  }
  // A fault (or feeds the code does not take): the interpreter runs the
  // same ops on the same values and throws the error with its location,
  // under the run's iteration limit.
  region.fallbacks->fetch_add(1, std::memory_order_relaxed);
  if (faulted)
    region.faults->fetch_add(1, std::memory_order_relaxed);
  exec::Session session(region.interpreted);
  RunOptions options;
  if (budget.maxIterations != UINT64_MAX)
    options.maxIterations = budget.maxIterations;
  return session.run(region.interpreted->results(), feeds, options);
}

/// The stages of partition(), on a copy of the function in a context of
/// its own, as compile() has: the graph's is shared with tracing on other
/// threads and creates IR without locks.
class Partitioner {
public:
  explicit Partitioner(const exec::Program &original)
      : context(MLIRContext::Threading::DISABLED), original(original) {
    context.getOrLoadDialect<ir::AGDialect>();
    context.printOpOnDiagnostic(false);
  }

  Partition run(ModuleOp module, llvm::StringRef name) {
    ScopedDiagnosticHandler quiet(&context, [](mlir::Diagnostic &) {
      return success(); // a run that does not lower stays interpreted
    });
    if (!load(module, name))
      return std::move(result);
    findRuns();
    outline();
    if (names.empty())
      return std::move(result);
    compile();
    if (compiled.empty() || !splice())
      return std::move(result);
    addRemarks();
    return std::move(result);
  }

private:
  bool load(ModuleOp module, llvm::StringRef name);
  void findRuns();
  void outline();
  void compile();
  bool splice();
  void addRemarks();

  MLIRContext context;
  const exec::Program &original;
  Partition result;
  OwningOpRef<ModuleOp> copy;
  ir::FuncOp func;
  Block *body = nullptr;
  /// The Program's top-level nodes, one per non-constant op in order.
  SmallVector<Operation *> nodeOps;
  /// Why node i is in no run ("" for a compilable op, maybe in a run too
  /// small to compile).
  std::vector<std::string> blockers;
  SmallVector<Run> runs;
  /// The runs worth compiling, as functions `names` of `outlined`.
  OwningOpRef<ModuleOp> outlined;
  std::vector<std::string> names;
  std::vector<const Run *> candidates;
  std::vector<ir::FuncOp> outlinedFuncs;
  std::vector<std::pair<const Run *, Region>> compiled;
  std::vector<bool> inCompiled;
};

/// Copies `module`'s function `name` into our context and matches its
/// top-level ops with the Program's nodes.
bool Partitioner::load(ModuleOp module, llvm::StringRef name) {
  std::string text;
  {
    llvm::raw_string_ostream os(text);
    module->print(os, OpPrintingFlags().enableDebugInfo(true, false));
  }
  copy = parseSourceString<ModuleOp>(text, ParserConfig(&context));
  if (!copy)
    return false;
  func = copy->lookupSymbol<ir::FuncOp>(name);
  if (!func || func.isExternal())
    return false;
  body = &func.getBody().front();
  for (Operation &op : body->without_terminator())
    if (!isa<ir::ConstantOp, ir::HostConstantOp>(op))
      nodeOps.push_back(&op);
  if (nodeOps.size() != original.nodes().size())
    return false;
  for (auto [i, op] : llvm::enumerate(nodeOps))
    if (original.nodes()[i].opName != op->getName().getStringRef() ||
        original.nodes()[i].results.size() != op->getNumResults())
      return false;
  return true;
}

/// Maximal runs of compilable ops, split into independent parts.
void Partitioner::findRuns() {
  blockers.assign(nodeOps.size(), "");
  Run current;
  auto close = [&] {
    if (!current.ops.empty())
      runs.push_back(std::move(current));
    current = Run();
  };
  for (auto [i, op] : llvm::enumerate(nodeOps)) {
    if (isa<ir::TokenOp>(op))
      continue;
    blockers[i] = regionBlocker(op);
    if (!blockers[i].empty()) {
      close();
      continue;
    }
    current.ops.push_back(op);
    current.nodes.push_back(i);
  }
  close();
  runs = splitIndependent(runs, body);
}

/// Every worthwhile part as a function of one module, compiled together
/// (one LLVM compile and JIT for all of them).
void Partitioner::outline() {
  OpBuilder b(&context);
  outlined = ModuleOp::create(func.getLoc());
  static std::atomic<uint64_t> nextId{0};
  for (const Run &run : runs) {
    if (llvm::none_of(run.ops, isHeavy) &&
        run.ops.size() < (llvm::all_of(run.ops, isScalarOp)
                              ? kMinScalarRegionOps
                              : kMinRegionOps))
      continue;
    llvm::SetVector<Value> params, outs;
    llvm::SetVector<Operation *> constants;
    signature(run, body, params, outs, constants);
    if (outs.empty())
      continue; // nothing reads it (the optimizer removes such ops)
    SmallVector<Type> paramTypes, outTypes;
    for (Value v : params)
      paramTypes.push_back(v.getType());
    for (Value v : outs)
      outTypes.push_back(v.getType());
    std::string name =
        (func.getSymName() + ".native." + std::to_string(nextId.fetch_add(1)))
            .str();
    b.setInsertionPointToEnd(outlined->getBody());
    auto fn = b.create<ir::FuncOp>(run.ops.front()->getLoc(), name,
                                   b.getFunctionType(paramTypes, outTypes));
    Block *entry = fn.addEntryBlock();
    b.setInsertionPointToStart(entry);
    IRMapping map;
    for (auto [v, arg] : llvm::zip(params, entry->getArguments()))
      map.map(v, arg);
    for (Operation *c : constants)
      b.clone(*c, map);
    for (Operation *op : run.ops)
      b.clone(*op, map);
    SmallVector<Value> returned;
    for (Value v : outs)
      returned.push_back(map.lookup(v));
    b.create<ir::ReturnOp>(run.ops.back()->getLoc(), returned);
    names.push_back(name);
    candidates.push_back(&run);
    outlinedFuncs.push_back(fn);
  }
}

/// Compiles the outlined parts; each that compiles becomes a Region (its
/// native code and its interpreted twin, for faults).
void Partitioner::compile() {
  std::vector<llvm::Expected<std::unique_ptr<NativeFunction>>> natives =
      NativeFunction::compileAll(*outlined, names);
  inCompiled.assign(nodeOps.size(), false);
  for (size_t k = 0; k < names.size(); ++k) {
    const Run &run = *candidates[k];
    auto &native = natives[k];
    if (!native) {
      // Stays on the interpreter: say why where the remarks go.
      result.remarks.push_back(llvm::toString(native.takeError()));
      continue;
    }
    FailureOr<std::shared_ptr<exec::Program>> interpreted =
        lowering::lowerFunction(outlinedFuncs[k]);
    if (failed(interpreted))
      continue;
    // The outlined ops are the run's nodes in order: show them as the
    // original's (a loaded graph's escaping and source policy).
    for (size_t n = 0;
         n < (*interpreted)->nodes().size() && n < run.nodes.size(); ++n) {
      const exec::Node &from = original.nodes()[run.nodes[n]];
      exec::Node &to = (*interpreted)->nodes()[n];
      to.source = from.source;
      for (size_t r = 0; r < from.regions.size() && r < to.regions.size(); ++r)
        copyPresentation(*from.regions[r], *to.regions[r]);
    }
    (*interpreted)->name = original.name;
    Region region{std::shared_ptr<NativeFunction>(std::move(*native)),
                  std::move(*interpreted),
                  result.interpreted,
                  result.faulted,
                  result.nativeCalls,
                  result.budget};
    compiled.emplace_back(&run, std::move(region));
    for (size_t n : run.nodes)
      inCompiled[n] = true;
  }
}

/// The residual program: a fresh lowering (the interpreter keeps the
/// original), each compiled run's nodes replaced by one host node. False
/// (and no program) if a part's values cannot be found.
bool Partitioner::splice() {
  FailureOr<std::shared_ptr<exec::Program>> fresh =
      lowering::lowerFunction(func);
  if (failed(fresh) || (*fresh)->nodes().size() != original.nodes().size())
    return false;
  exec::Program &p = **fresh;
  copyPresentation(original, p);
  // Result slots per top-level node, kept as nodes move below.
  std::vector<std::vector<exec::SlotId>> nodeResults;
  for (const exec::Node &node : p.nodes())
    nodeResults.push_back(node.results);
  auto slotOf = [&](Value v) -> std::optional<exec::SlotId> {
    if (auto arg = dyn_cast<BlockArgument>(v))
      return arg.getOwner() == body ? std::optional<exec::SlotId>(
                                          p.arguments()[arg.getArgNumber()])
                                    : std::nullopt;
    auto it = llvm::find(nodeOps, v.getDefiningOp());
    if (it == nodeOps.end())
      return std::nullopt;
    return nodeResults[it - nodeOps.begin()]
                      [llvm::cast<OpResult>(v).getResultNumber()];
  };

  // Each part's host node goes where its first op was: its parameters come
  // from before its maximal run, and ops of other parts of that run never
  // read its values (they would be one part).
  std::vector<exec::Node> hosts;
  std::vector<size_t> hostAt(p.nodes().size(), SIZE_MAX);
  std::vector<bool> hidden(p.numSlots(), false);
  for (auto &[run, region] : compiled) {
    llvm::SetVector<Value> params, outs;
    llvm::SetVector<Operation *> constants;
    signature(*run, body, params, outs, constants);
    exec::Node host;
    host.kind = exec::NodeKind::Host;
    host.opName = "ag.native";
    host.text = region.interpreted->name + " (native region)";
    host.source = p.nodes()[run->nodes.front()].source;
    bool ok = true;
    for (Value v : params) {
      auto s = slotOf(v);
      ok &= s.has_value();
      host.operands.push_back(s.value_or(0));
    }
    for (Value v : outs) {
      auto s = slotOf(v);
      ok &= s.has_value();
      host.results.push_back(s.value_or(0));
    }
    if (!ok) { // not expected: keep the interpreter's nodes
      result = Partition();
      return false;
    }
    host.numExplicitOperands = static_cast<uint32_t>(host.operands.size());
    for (size_t n : run->nodes) {
      const exec::Node &inner = p.nodes()[n];
      host.heavy |= inner.heavy;
      for (exec::SlotId s : inner.results)
        hidden[s] = true;
    }
    for (exec::SlotId s : host.results)
      hidden[s] = false;
    host.host = [region = region](const std::vector<exec::Value> &in) {
      return runRegion(region, in);
    };
    hostAt[run->nodes.front()] = hosts.size();
    hosts.push_back(std::move(host));
    result.nativeOps += run->ops.size();
    ++result.regions;
  }
  std::vector<exec::Node> nodes;
  for (size_t n = 0; n < p.nodes().size(); ++n) {
    if (hostAt[n] != SIZE_MAX)
      nodes.push_back(std::move(hosts[hostAt[n]]));
    else if (!inCompiled[n])
      nodes.push_back(std::move(p.nodes()[n]));
  }
  p.nodes() = std::move(nodes);
  for (exec::SlotId s = 0; s < p.numSlots(); ++s)
    p.slot(s).producer = exec::kNoNode;
  for (exec::NodeId n = 0; n < p.nodes().size(); ++n)
    for (exec::SlotId s : p.nodes()[n].results)
      p.slot(s).producer = n;
  p.finalize();
  result.program = std::move(*fresh);
  result.hidden = std::move(hidden);
  return true;
}

/// One remark per op that cut a run with compiled parts: the ops compiled
/// in the runs before and after it.
void Partitioner::addRemarks() {
  auto nativeAround = [&](size_t i) {
    size_t count = 0;
    for (size_t k = i; k-- > 0 && blockers[k].empty();)
      count += inCompiled[k];
    for (size_t k = i + 1; k < nodeOps.size() && blockers[k].empty(); ++k)
      count += inCompiled[k];
    return count;
  };
  for (size_t i = 0; i < nodeOps.size(); ++i) {
    if (blockers[i].empty())
      continue;
    size_t around = nativeAround(i);
    if (!around)
      continue;
    SourceLoc loc = lowering::toNodeSource(nodeOps[i]->getLoc()).loc;
    std::string where = loc.known()
                            ? loc.file + ":" + std::to_string(loc.line) + ":" +
                                  std::to_string(loc.col) + ": "
                            : "";
    result.remarks.push_back(
        where + "remark: '" + nodeOps[i]->getName().getStringRef().str() +
        "' runs on the interpreter; the " + std::to_string(around) +
        " ops around it run natively");
  }
}

} // namespace

Partition partition(ModuleOp module, llvm::StringRef name,
                    const exec::Program &original) {
  return Partitioner(original).run(module, name);
}

} // namespace ag::native
