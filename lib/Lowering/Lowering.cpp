//===- Lowering.cpp - ag dialect to runtime Programs ----------------------===//
//
// Each region becomes a Program with its own slot space. A value used inside
// a region but defined outside it becomes a capture of that region (and,
// transitively, of every region in between), and the region op lists the
// captured outer slots after its explicit operands, so the evaluator sees
// every dependence of a control-flow node on its own operand list.
//
// Slots are typed from the MLIR types: !ag.list slots are marked isList and
// carry no dtype/shape (lists are untyped; list_stack's result type names
// the element type it checks), and a dynamic dim (only list_stack makes
// them) is -1 in slot and node shapes.
//
//===----------------------------------------------------------------------===//

#include "ag/Lowering/Lowering.h"

#include "ag/Dialect/AGDType.h"
#include "ag/Dialect/AGOps.h"
#include "ag/Dialect/AGTypes.h"

#include "ag/runtime/HostNode.h"
#include "ag/runtime/Kernels.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinTypes.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/ScopeExit.h"
#include "llvm/ADT/TypeSwitch.h"
#include "llvm/Support/CheckedArithmetic.h"

#include <algorithm>
#include <optional>

using namespace mlir;

namespace ag::lowering {

//===----------------------------------------------------------------------===//
// Locations
//===----------------------------------------------------------------------===//

namespace {

/// Fills `src` from a location that is not a call site. The tracer writes
/// NameLoc(variable, FusedLoc<function>([start, end])) — every part optional.
void decodeLeaf(Location loc, SourceLoc &src) {
  if (auto name = dyn_cast<NameLoc>(loc)) {
    if (src.name.empty())
      src.name = name.getName().str();
    decodeLeaf(name.getChildLoc(), src);
    return;
  }
  if (auto fused = dyn_cast<FusedLoc>(loc)) {
    if (auto fn = dyn_cast_or_null<StringAttr>(fused.getMetadata()))
      if (src.function.empty())
        src.function = fn.str();
    for (Location part : fused.getLocations()) {
      auto flc = dyn_cast<FileLineColLoc>(part);
      if (flc && src.known()) {
        // A second position in the same file is the end of the range.
        if (src.endLine == 0 && flc.getFilename() == src.file) {
          src.endLine = flc.getLine();
          src.endCol = flc.getColumn();
        }
        continue;
      }
      decodeLeaf(part, src);
    }
    return;
  }
  if (auto flc = dyn_cast<FileLineColLoc>(loc)) {
    if (!src.known()) {
      src.file = flc.getFilename().str();
      src.line = flc.getLine();
      src.col = flc.getColumn();
    }
    return;
  }
  if (auto opaque = dyn_cast<OpaqueLoc>(loc))
    decodeLeaf(opaque.getFallbackLocation(), src);
}

/// Flattens nested call sites into [op location, innermost call site, ...,
/// outermost call site]. The inliner nests them as CallSiteLoc(CallSiteLoc(
/// op, inner), outer) and the tracer as CallSiteLoc(op, CallSiteLoc(inner,
/// outer)); both flatten to the same chain.
void flattenCallSites(Location loc, SmallVectorImpl<Location> &chain,
                      std::string &name) {
  if (auto site = dyn_cast<CallSiteLoc>(loc)) {
    flattenCallSites(site.getCallee(), chain, name);
    flattenCallSites(site.getCaller(), chain, name);
    return;
  }
  if (auto named = dyn_cast<NameLoc>(loc);
      named && mlir::isa<CallSiteLoc>(named.getChildLoc())) {
    if (chain.empty() && name.empty())
      name = named.getName().str();
    flattenCallSites(named.getChildLoc(), chain, name);
    return;
  }
  chain.push_back(loc);
}

} // namespace

exec::NodeSource toNodeSource(Location loc) {
  exec::NodeSource out;
  SmallVector<Location, 4> chain;
  std::string name;
  flattenCallSites(loc, chain, name);
  decodeLeaf(chain.front(), out.loc);
  if (out.loc.name.empty())
    out.loc.name = name;
  for (Location caller : llvm::drop_begin(chain)) {
    DiagnosticNote note;
    note.message = "called from here";
    decodeLeaf(caller, note.loc);
    out.callSites.push_back(std::move(note));
  }
  return out;
}

//===----------------------------------------------------------------------===//
// Ops
//===----------------------------------------------------------------------===//

namespace {

template <typename T>
Tensor denseToTensor(DenseElementsAttr attr, DType dtype, const Shape &shape) {
  // A splat is stored once in the attribute: fill the tensor directly rather
  // than expanding it into a temporary as large as the tensor.
  if (attr.isSplat()) {
    Tensor t = Tensor::zeros(dtype, shape);
    T *out = static_cast<T *>(t.rawMutableData());
    std::fill(out, out + t.numel(), attr.getSplatValue<T>());
    return t;
  }
  std::vector<T> values(attr.getValues<T>().begin(), attr.getValues<T>().end());
  return Tensor::fromBuffer(dtype, shape, values.data());
}

/// The elementwise ops, by the shared OpKind the kernels dispatch on.
std::optional<OpKind> elementwiseKind(Operation *op) {
  using namespace ag::ir;
  return llvm::TypeSwitch<Operation *, std::optional<OpKind>>(op)
#define AG_BINARY(Kind, Name, IrOp) .Case([](IrOp) { return OpKind::Kind; })
#define AG_UNARY(Kind, Name, IrOp) AG_BINARY(Kind, Name, IrOp)
#include "ag/semantics/Ops.def"
      .Case([](CmpOp cmp) {
        switch (cmp.getPredicate()) {
#define AG_COMPARE(Kind, Name, Predicate)                                      \
  case CmpPredicate::Predicate:                                                \
    return OpKind::Kind;
#include "ag/semantics/Ops.def"
        }
        return OpKind::Eq;
      })
      .Default([](Operation *) { return std::nullopt; });
}

/// The source variable a value was assigned to, if the tracer recorded one.
std::string variableName(Value value) {
  if (!value)
    return {};
  if (auto arg = dyn_cast<BlockArgument>(value))
    return toNodeSource(arg.getLoc()).loc.name;
  Operation *def = value.getDefiningOp();
  if (def->getNumResults() == 1)
    return toNodeSource(def->getLoc()).loc.name;
  return {};
}

/// A merged or loop-carried result is named after the variable that flows
/// into it: the value yielded for it, the loop's block argument or its init.
std::string resultName(OpResult result) {
  Operation *op = result.getOwner();
  unsigned i = result.getResultNumber();
  SmallVector<Value, 3> sources;
  if (auto ifOp = dyn_cast<ir::IfOp>(op)) {
    sources.push_back(ifOp.thenYield().getOperand(i));
    if (ifOp.elseBlock())
      sources.push_back(ifOp.elseYield().getOperand(i));
  } else if (auto tryOp = dyn_cast<ir::TryOp>(op)) {
    sources.push_back(tryOp.bodyYield().getOperand(i));
    sources.push_back(tryOp.handlerYield().getOperand(i));
  } else if (auto whileOp = dyn_cast<ir::WhileOp>(op)) {
    sources.push_back(whileOp.getConditionOp().getArgs()[i]);
    sources.push_back(whileOp.afterBlock()->getArgument(i));
    if (i < whileOp.getYieldOp().getNumOperands())
      sources.push_back(whileOp.getYieldOp().getOperand(i));
    // A list pushed only under an if inside the loop yields the if's
    // (unnamed) result; its ag.list_new before the loop carries the name.
    if (i < whileOp->getNumOperands())
      sources.push_back(whileOp->getOperand(i));
  } else if (auto forOp = dyn_cast<ir::ForOp>(op)) {
    sources.push_back(forOp.getBodyBlock()->getArgument(1 + i));
    sources.push_back(forOp.getYieldOp().getOperand(i));
    sources.push_back(forOp.getInits()[i]);
  }
  for (Value v : sources)
    if (std::string name = variableName(v); !name.empty())
      return name;
  return {};
}

} // namespace

std::string valueName(Value value) {
  if (auto result = dyn_cast<OpResult>(value)) {
    if (isa<ir::IfOp, ir::WhileOp, ir::ForOp, ir::TryOp>(result.getOwner()))
      return resultName(result);
    return variableName(value);
  }
  auto arg = llvm::cast<BlockArgument>(value);
  Operation *parent = arg.getOwner()->getParentOp();
  if (isa<ir::TokenType>(arg.getType()))
    return "token";
  // Loop block arguments are the loop's values: name them like its results.
  unsigned first = 0;
  if (isa<ir::ForOp>(parent)) {
    if (arg.getArgNumber() == 0)
      return "iteration";
    first = 1;
  } else if (!isa<ir::WhileOp>(parent)) {
    return variableName(value);
  }
  unsigned i = arg.getArgNumber() - first;
  if (i < parent->getNumResults())
    return resultName(parent->getResult(i));
  return {};
}

namespace {

/// The number of elements of `type` counting each dynamic dim as 1.
int64_t staticElements(RankedTensorType type) {
  int64_t n = 1;
  for (int64_t d : type.getShape())
    if (!ShapedType::isDynamic(d))
      n *= d;
  return n;
}

class Lowerer {
public:
  explicit Lowerer(uint64_t maxConstantBytes)
      : constantBytesLeft(maxConstantBytes) {}
  FailureOr<std::shared_ptr<exec::Program>> lower(ir::FuncOp func);

private:
  /// One region being lowered: its program and value→slot map.
  struct Scope {
    Scope(exec::Program &program, Scope *parent)
        : program(program), parent(parent) {}
    exec::Program &program;
    llvm::DenseMap<Value, exec::SlotId> slots;
    Scope *parent;
  };

  FailureOr<exec::SlotInfo> slotInfo(Value value, Operation *user);
  LogicalResult defineValue(Scope &scope, Value value, Operation *user,
                            const std::string &name, bool isArgument);
  FailureOr<exec::SlotId> lookup(Scope &scope, Value value, Operation *user);
  LogicalResult lowerBlock(Scope &scope, Block &block,
                           llvm::ArrayRef<std::string> argNames = {});
  /// Lowers one op: a constant slot, or a node with its operands, regions,
  /// captures, named results and cost.
  LogicalResult lowerOp(Scope &scope, Operation *op);
  /// Appends the slots of `values` (captured from outer scopes as needed) to
  /// `node`'s operands.
  LogicalResult addOperands(Scope &scope, Operation *user, ValueRange values,
                            exec::Node &node);
  /// Constants are slots bound once per evaluation, not nodes.
  LogicalResult lowerConstant(Scope &scope, ir::ConstantOp op,
                              const std::string &name);
  LogicalResult lowerHostConstant(Scope &scope, ir::HostConstantOp op,
                                  const std::string &name);
  /// An ag.node: a host node calling the registered function.
  LogicalResult lowerNode(Scope &scope, ir::NodeOp op, exec::Node &node);
  /// ag.if, ag.while, ag.for: operands and regions as sub-programs.
  LogicalResult lowerControlFlow(Scope &scope, Operation *op, exec::Node &node);
  /// The kernel of an op computed from all its operands, and the attributes
  /// it needs; an error for an op the runtime cannot evaluate.
  LogicalResult describeKernel(Operation *op, exec::Node &node);
  /// Slots for the results, named after the variables they hold.
  LogicalResult defineResults(Scope &scope, Operation *op,
                              const std::string &name, exec::Node &node);
  /// Marks nodes worth a task of their own (loops, large tensors).
  void estimateCost(Operation *op, exec::Node &node) const;
  FailureOr<std::unique_ptr<exec::Program>>
  lowerRegion(Scope &parent, Block *block, ValueRange terminatorOperands,
              Operation *regionOp);
  bool containsHeavy(const exec::Program &program) const;

  static constexpr unsigned kMaxRegionDepth = 256;
  uint64_t constantBytesLeft;
  unsigned depth_ = 0; // regions being lowered
};

FailureOr<exec::SlotInfo> Lowerer::slotInfo(Value value, Operation *user) {
  exec::SlotInfo info;
  Type type = value.getType();
  info.typed = true;
  if (isa<ir::TokenType>(type)) {
    info.isToken = true;
    return info;
  }
  // A host value is opaque to the runtime: the node that consumes it
  // checks its C++ type.
  if (isa<ir::HostType>(type)) {
    info.isHost = true;
    return info;
  }
  // Lists carry no element type: the slot is a list and nothing more.
  if (isa<ir::ListType>(type)) {
    info.isList = true;
    return info;
  }
  auto tensor = dyn_cast<RankedTensorType>(type);
  std::optional<DType> dtype =
      tensor ? ir::toDType(tensor.getElementType()) : std::nullopt;
  if (!dtype)
    return user->emitError() << "cannot evaluate a value of type " << type
                             << ": the runtime supports ranked tensors of i1, "
                                "i32, i64, f32, f64, lists and tokens";
  info.dtype = *dtype;
  // A dynamic dim (a stacked list's length) is -1 in the runtime's shapes.
  for (int64_t d : tensor.getShape())
    info.shape.push_back(ShapedType::isDynamic(d) ? -1 : d);
  // Graph files may spell any shape: one whose element or byte count does
  // not fit in 63 bits could never be allocated, and computing its size
  // would wrap.
  std::optional<int64_t> count = 1;
  for (int64_t d : tensor.getShape())
    if (count && !ShapedType::isDynamic(d))
      count = llvm::checkedMul(*count, d);
  if (count)
    count = llvm::checkedMul(*count, static_cast<int64_t>(dtypeSize(*dtype)));
  if (!count)
    return user->emitError()
           << "the type " << type << " needs more than 2^63 bytes";
  return info;
}

LogicalResult Lowerer::defineValue(Scope &scope, Value value, Operation *user,
                                   const std::string &name, bool isArgument) {
  FailureOr<exec::SlotInfo> info = slotInfo(value, user);
  if (failed(info))
    return failure();
  info->name = name;
  FailureOr<SmallVector<StringRef>> bound = ir::boundNames(value);
  if (failed(bound))
    return (user ? user : value.getDefiningOp())->emitError()
           << "'" << ir::kBindAttrName
           << "' must be an array with one array of variable names per "
              "result";
  for (StringRef variable : *bound)
    info->bindings.push_back(variable.str());
  exec::SlotId slot = isArgument ? scope.program.addArgument(std::move(*info))
                                 : scope.program.addSlot(std::move(*info));
  scope.slots[value] = slot;
  return success();
}

FailureOr<exec::SlotId> Lowerer::lookup(Scope &scope, Value value,
                                        Operation *user) {
  auto it = scope.slots.find(value);
  if (it != scope.slots.end())
    return it->second;
  if (!scope.parent)
    return user->emitError("operand is not defined before its use");
  FailureOr<exec::SlotId> outer = lookup(*scope.parent, value, user);
  if (failed(outer))
    return failure();
  exec::SlotInfo info = scope.parent->program.slot(*outer);
  info.producer = exec::kNoNode;
  exec::SlotId inner = scope.program.addCapture(*outer, std::move(info));
  scope.slots[value] = inner;
  return inner;
}

LogicalResult Lowerer::lowerBlock(Scope &scope, Block &block,
                                  llvm::ArrayRef<std::string> argNames) {
  for (BlockArgument arg : block.getArguments()) {
    std::string name = arg.getArgNumber() < argNames.size()
                           ? argNames[arg.getArgNumber()]
                           : toNodeSource(arg.getLoc()).loc.name;
    if (failed(defineValue(scope, arg, block.getParentOp(), name, true)))
      return failure();
  }
  for (Operation &op : block.without_terminator())
    if (failed(lowerOp(scope, &op)))
      return failure();
  return success();
}

bool Lowerer::containsHeavy(const exec::Program &program) const {
  for (const exec::Node &node : program.nodes())
    if (node.heavy)
      return true;
  return false;
}

FailureOr<std::unique_ptr<exec::Program>>
Lowerer::lowerRegion(Scope &parent, Block *block, ValueRange terminatorOperands,
                     Operation *regionOp) {
  // Lowering, planning and evaluation recurse once per nesting level: a
  // limit far beyond what converted code nests keeps a hostile graph from
  // overflowing the stack (of this thread or of an evaluator worker).
  if (depth_ >= kMaxRegionDepth)
    return regionOp->emitError()
           << "control flow is nested more than " << kMaxRegionDepth
           << " levels deep, the evaluator's limit";
  ++depth_;
  auto restoreDepth = llvm::make_scope_exit([&] { --depth_; });
  auto program = std::make_unique<exec::Program>();
  program->name = parent.program.name;
  Scope scope(*program, &parent);
  if (block) {
    if (failed(lowerBlock(scope, *block)))
      return failure();
    for (Value v : terminatorOperands) {
      FailureOr<exec::SlotId> slot = lookup(scope, v, block->getTerminator());
      if (failed(slot))
        return failure();
      program->addResult(*slot);
    }
  }
  return program;
}

/// "Table" for !ag.host<"Table">, the C++ type for a 0-d tensor (as the
/// registry names an arithmetic parameter): "" where any type may do.
static std::string hostTypeName(Type type) {
  if (auto host = dyn_cast<ir::HostType>(type))
    return host.getName().str();
  return "";
}

/// Throws a KernelError naming `node` unless `v` (the node's result) is a
/// tensor of `dtype` and `shape` (-1 dims match any size): the graph typed
/// the result so (as AG_NODE_TENSOR declared when `declared`), and a graph
/// file may type any node's result as a tensor, so a different value (a
/// class, a number of another dtype) must not flow on.
static void checkNodeTensorResult(const std::string &node,
                                  const std::string &cxxResult,
                                  const exec::Value &v, DType dtype,
                                  const Shape &shape, bool declared) {
  auto typeString = [](DType d, const Shape &dims) {
    return std::string(dtypeName(d)) + shapeToString(dims);
  };
  if (!v.isTensor())
    throw kernels::KernelError("node '" + node + "' returned no tensor (a " +
                               cxxResult + "), the graph expects " +
                               typeString(dtype, shape));
  Tensor t = v.tensor();
  bool ok =
      t.dtype() == dtype && t.rank() == static_cast<int64_t>(shape.size());
  for (size_t i = 0; ok && i < shape.size(); ++i)
    ok = shape[i] < 0 || t.shape()[i] == shape[i];
  // Eagerly such a scalar adopts the other operand's dtype; the graph typed
  // the result as declared, so the two would differ.
  if (ok && declared && t.isWeak())
    throw kernels::KernelError(
        "node '" + node +
        "' returned a weakly typed scalar (an ag::Tensor made from a C++ "
        "number), whose dtype eager code adapts to the other operand but the "
        "graph cannot: return the number itself (a double result), or a "
        "typed tensor (ag::Tensor::full)");
  if (!ok)
    throw kernels::KernelError(
        "node '" + node + "' returned a tensor of type " +
        typeString(t.dtype(), t.shape()) + ", but " +
        (declared ? "its AG_NODE_TENSOR declaration" : "the graph") + " says " +
        typeString(dtype, shape));
}

LogicalResult Lowerer::lowerNode(Scope &scope, ir::NodeOp op,
                                 exec::Node &node) {
  std::string callee = op.getCallee().str();
  std::shared_ptr<const exec::HostNodeEntry> entry = exec::findHostNode(callee);
  if (!entry)
    return op.emitError()
           << "node '" << callee
           << "' is not registered in this process (link or load "
              "(ag-run --load) the library that defines it)";
  // The registered C++ signature must agree with the graph's types: a
  // graph file can reach registered functions only, and only with values
  // of their parameter types.
  ValueRange args = op.getOperands().drop_front(op.getEffect() ? 1 : 0);
  std::vector<int32_t> packs;
  if (auto p = op.getPacks())
    packs.assign(p->begin(), p->end());
  else
    packs.assign(args.size(), -1);
  if (!entry->params.empty() || !args.empty()) {
    if (packs.size() != entry->params.size())
      return op.emitError()
             << "node '" << callee << "' takes " << entry->params.size()
             << " arguments, got " << packs.size();
    size_t next = 0;
    for (size_t i = 0; i < packs.size(); ++i) {
      size_t count = packs[i] < 0 ? 1 : static_cast<size_t>(packs[i]);
      for (size_t k = 0; k < count; ++k, ++next) {
        std::string got = hostTypeName(args[next].getType());
        if (packs[i] < 0 && !got.empty() && got != entry->params[i])
          return op.emitError()
                 << "argument " << i + 1 << " of node '" << callee
                 << "' has type " << got << ", but the registered function "
                 << "takes " << entry->params[i];
      }
      if (packs[i] >= 0 && !entry->packers[i])
        return op.emitError() << "argument " << i + 1 << " of node '" << callee
                              << "' is not a std::vector";
    }
  }
  size_t valueResults = op.getNumResults() - (op.getEffect() ? 1 : 0);
  if (valueResults != (entry->result.empty() ? 0u : 1u))
    return op.emitError() << "node '" << callee << "' has "
                          << (entry->result.empty() ? 0 : 1)
                          << " results, the graph says " << valueResults;
  if (valueResults) {
    std::string got = hostTypeName(op.getResult(0).getType());
    if (!got.empty() && got != entry->result)
      return op.emitError() << "node '" << callee << "' returns "
                            << entry->result << ", the graph says " << got;
  }
  node.kind = exec::NodeKind::Host;
  // A user function: worth a task of its own next to independent work.
  node.heavy = true;
  node.text = callee;
  bool effect = op.getEffect();
  // Kept on the node so an MPI worker rank packs the same way.
  if (op.getPacks())
    node.packs = packs;
  // A tensor-typed result is checked against the graph's type: an
  // ag::Tensor result (AG_NODE_TENSOR) as declared, and any other, since a
  // graph file may type a node returning a class or a double as
  // tensor<i64>.
  std::optional<std::pair<DType, Shape>> tensorResult;
  if (valueResults && isa<RankedTensorType>(op.getResult(0).getType())) {
    FailureOr<exec::SlotInfo> info = slotInfo(op.getResult(0), op);
    if (failed(info))
      return failure();
    tensorResult.emplace(info->dtype, info->shape);
  }
  node.host = [entry, packs = node.packs, effect,
               tensorResult](const std::vector<exec::Value> &in) {
    std::vector<exec::Value> out =
        entry->call(exec::hostNodeArgs(*entry, packs, in, effect ? 1 : 0));
    if (tensorResult && !out.empty())
      checkNodeTensorResult(entry->name, entry->result, out[0],
                            tensorResult->first, tensorResult->second,
                            entry->result == "ag::Tensor");
    if (effect)
      out.push_back(exec::Value::token());
    return out;
  };
  return addOperands(scope, op, op.getOperands(), node);
}

LogicalResult Lowerer::addOperands(Scope &scope, Operation *user,
                                   ValueRange values, exec::Node &node) {
  for (Value v : values) {
    FailureOr<exec::SlotId> slot = lookup(scope, v, user);
    if (failed(slot))
      return failure();
    node.operands.push_back(*slot);
  }
  return success();
}

/// The tensor `attr` holds, as `dtype` and `shape` (from the slot's type).
/// Throws when it cannot be allocated.
static Tensor materialize(DenseElementsAttr attr, DType dtype,
                          const Shape &shape) {
  switch (dtype) {
  case DType::Bool: {
    if (attr.isSplat())
      return Tensor::full(DType::Bool, shape,
                          attr.getSplatValue<bool>() ? 1.0 : 0.0);
    std::vector<bool> bits(attr.getValues<bool>().begin(),
                           attr.getValues<bool>().end());
    std::vector<uint8_t> bytes(bits.begin(), bits.end());
    static_assert(sizeof(bool) == 1, "bool tensors store one byte each");
    return Tensor::fromBuffer(DType::Bool, shape, bytes.data());
  }
  case DType::Int32:
    return denseToTensor<int32_t>(attr, dtype, shape);
  case DType::Int64:
    return denseToTensor<int64_t>(attr, dtype, shape);
  case DType::Float32:
    return denseToTensor<float>(attr, dtype, shape);
  case DType::Float64:
    return denseToTensor<double>(attr, dtype, shape);
  }
  return Tensor();
}

LogicalResult Lowerer::lowerConstant(Scope &scope, ir::ConstantOp constant,
                                     const std::string &name) {
  Operation *op = constant;
  auto dense = dyn_cast<DenseElementsAttr>(constant.getValue());
  FailureOr<exec::SlotInfo> info = slotInfo(constant.getResult(), op);
  if (failed(info))
    return failure();
  if (!dense)
    return op->emitError("only dense constants can be evaluated");
  // Checked before allocating: `dense<1> : tensor<1000000000xi64>` is a
  // few bytes of text and 8 GB of memory.
  uint64_t bytes = dtypeSize(info->dtype);
  for (int64_t d : info->shape)
    bytes *= static_cast<uint64_t>(d); // slotInfo checked the product
  if (bytes > constantBytesLeft)
    return op->emitError()
           << "this constant needs " << bytes
           << " bytes, more than the memory limit leaves for the graph's "
              "constants (LoadOptions::maxBytes, ag-run --max-memory)";
  constantBytesLeft -= bytes;
  Tensor value;
  // A constant too large for memory is the graph's error, not an abort.
  try {
    value = materialize(dense, info->dtype, info->shape);
  } catch (const Error &e) {
    return op->emitError("cannot materialize this constant: ") << e.message();
  } catch (const std::exception &e) {
    return op->emitError("cannot materialize this constant: ") << e.what();
  }
  scope.slots[constant.getResult()] =
      scope.program.addConstant(std::move(value), name);
  return success();
}

LogicalResult Lowerer::lowerHostConstant(Scope &scope,
                                         ir::HostConstantOp hostConstant,
                                         const std::string &name) {
  std::string variable =
      hostConstant.getName() ? hostConstant.getName()->str() : name;
  std::shared_ptr<const std::any> value =
      exec::hostConstant(static_cast<uint64_t>(hostConstant.getId()));
  if (!value)
    return hostConstant.emitError()
           << "host constant " << hostConstant.getIdAttr().getInt()
           << (variable.empty() ? "" : " ('" + variable + "')")
           << " does not exist in this process: a graph holding host "
              "values captured while tracing cannot be loaded elsewhere";
  scope.slots[hostConstant.getResult()] = scope.program.addHostConstant(
      exec::Value::host(std::move(value)), variable);
  return success();
}

/// The kind of a node that needs nothing but its operands, if `op` lowers to
/// one.
static std::optional<exec::NodeKind> operandsOnlyKind(Operation *op) {
  using exec::NodeKind;
  return llvm::TypeSwitch<Operation *, std::optional<NodeKind>>(op)
      .Case([](ir::SelectOp) { return NodeKind::Select; })
      .Case([](ir::IndexOp) { return NodeKind::Index; })
      .Case([](ir::SetIndexOp) { return NodeKind::SetIndex; })
      .Case([](ir::ReduceSumOp) { return NodeKind::ReduceSum; })
      .Case([](ir::StackOp) { return NodeKind::Stack; })
      .Case([](ir::MatmulOp) { return NodeKind::Matmul; })
      .Case([](ir::ListNewOp) { return NodeKind::ListNew; })
      .Case([](ir::ListPushOp) { return NodeKind::ListPush; })
      .Case([](ir::TokenOp) { return NodeKind::Token; })
      .Default([](Operation *) { return std::nullopt; });
}

/// The kind and text (format or message) of an effect node.
static std::optional<std::pair<exec::NodeKind, std::string>>
textEffect(Operation *op) {
  using exec::NodeKind;
  using Effect = std::pair<NodeKind, std::string>;
  return llvm::TypeSwitch<Operation *, std::optional<Effect>>(op)
      .Case([](ir::PrintOp print) {
        return Effect(NodeKind::Print, print.getFormat().str());
      })
      .Case([](ir::AssertOp assertOp) {
        return Effect(NodeKind::Assert, assertOp.getMessage().str());
      })
      .Case([](ir::CheckNumericsOp check) {
        return Effect(NodeKind::CheckNumerics, check.getMessage().str());
      })
      .Default([](Operation *) { return std::nullopt; });
}

/// The error for an op without a kernel.
static LogicalResult unsupported(Operation *op) {
  if (auto call = dyn_cast<ir::CallOp>(op))
    return op->emitError() << "cannot evaluate a call to @" << call.getCallee()
                           << ": run the optimize pipeline (it inlines "
                              "calls) before lowering";
  return op->emitError() << "cannot evaluate op '" << op->getName()
                         << "': the runtime has no kernel for it";
}

LogicalResult Lowerer::describeKernel(Operation *op, exec::Node &node) {
  using exec::NodeKind;
  if (std::optional<OpKind> kind = elementwiseKind(op)) {
    node.kind = isUnary(*kind) ? NodeKind::Unary : NodeKind::Binary;
    node.op = *kind;
    return success();
  }
  if (std::optional<NodeKind> kind = operandsOnlyKind(op)) {
    node.kind = *kind;
    return success();
  }
  if (std::optional<std::pair<NodeKind, std::string>> effect = textEffect(op)) {
    node.kind = effect->first;
    node.text = std::move(effect->second);
    return success();
  }
  return llvm::TypeSwitch<Operation *, LogicalResult>(op)
      .Case([&](ir::CastOp castOp) -> LogicalResult {
        node.kind = NodeKind::Cast;
        Type type = castOp.getResult().getType();
        std::optional<DType> dtype =
            ir::toDType(mlir::cast<ShapedType>(type).getElementType());
        if (!dtype)
          return op->emitError() << "cannot cast to " << type;
        node.dtype = *dtype;
        return success();
      })
      .Case([&](ir::BroadcastOp broadcast) -> LogicalResult {
        node.kind = NodeKind::Broadcast;
        auto type = mlir::cast<ShapedType>(broadcast.getResult().getType());
        // The kernel needs the target shape up front, or `like` operands
        // to compute it from when it runs.
        if (!type.hasStaticShape() && broadcast.getLike().empty())
          return op->emitError() << "cannot evaluate a broadcast to " << type
                                 << ": the target shape must be static";
        node.shape.assign(type.getShape().begin(), type.getShape().end());
        std::replace(node.shape.begin(), node.shape.end(), ShapedType::kDynamic,
                     int64_t(-1));
        return success();
      })
      .Case([&](ir::DimOp dim) {
        node.kind = NodeKind::Dim;
        node.axis = static_cast<int64_t>(dim.getIndex());
        return success();
      })
      .Case([&](ir::ReduceOp reduce) {
        node.kind = NodeKind::Reduce;
        node.reduce =
            static_cast<ReduceKind>(static_cast<int>(reduce.getKind()));
        node.shape.assign(reduce.getAxes().begin(), reduce.getAxes().end());
        node.keepdims = reduce.getKeepdims();
        return success();
      })
      .Case([&](ir::TransposeOp transpose) {
        node.kind = NodeKind::Transpose;
        node.shape.assign(transpose.getPermutation().begin(),
                          transpose.getPermutation().end());
        return success();
      })
      .Case([&](ir::ReshapeOp reshape) {
        node.kind = NodeKind::Reshape;
        // -1 for the (at most one) dynamic dimension, as the kernel takes it.
        for (int64_t d : mlir::cast<ShapedType>(reshape.getType()).getShape())
          node.shape.push_back(ShapedType::isDynamic(d) ? -1 : d);
        return success();
      })
      .Case([&](ir::ConcatOp concat) {
        node.kind = NodeKind::Concat;
        node.axis = static_cast<int64_t>(concat.getAxis());
        return success();
      })
      .Case([&](ir::SliceOp slice) {
        node.kind = NodeKind::Slice;
        for (ArrayRef<int64_t> list :
             {slice.getStart(), slice.getStop(), slice.getStep()})
          node.shape.insert(node.shape.end(), list.begin(), list.end());
        return success();
      })
      .Case([&](ir::GatherOp gather) {
        node.kind = NodeKind::Gather;
        node.axis = static_cast<int64_t>(gather.getAxis());
        return success();
      })
      .Case([&](ir::ListStackOp stack) -> LogicalResult {
        node.kind = NodeKind::ListStack;
        // The result type names the element type the kernel checks.
        FailureOr<exec::SlotInfo> result = slotInfo(stack.getResult(), op);
        if (failed(result))
          return failure();
        node.dtype = result->dtype;
        node.shape = result->shape;
        node.declared = stack.getDeclared();
        return success();
      })
      .Default([&](Operation *) { return unsupported(op); });
}

LogicalResult Lowerer::lowerControlFlow(Scope &scope, Operation *op,
                                        exec::Node &node) {
  return llvm::TypeSwitch<Operation *, LogicalResult>(op)
      .Case([&](ir::IfOp ifOp) -> LogicalResult {
        node.kind = exec::NodeKind::If;
        if (failed(addOperands(scope, op, ifOp.getCond(), node)))
          return failure();
        auto thenR = lowerRegion(scope, ifOp.thenBlock(),
                                 ifOp.thenYield().getOperands(), op);
        if (failed(thenR))
          return failure();
        Block *elseBlock = ifOp.elseBlock();
        auto elseR = lowerRegion(
            scope, elseBlock,
            elseBlock ? ifOp.elseYield().getOperands() : ValueRange(), op);
        if (failed(elseR))
          return failure();
        node.regions.push_back(std::move(*thenR));
        node.regions.push_back(std::move(*elseR));
        return success();
      })
      .Case([&](ir::TryOp tryOp) -> LogicalResult {
        node.kind = exec::NodeKind::Try;
        node.axis = tryOp.getAll() ? 1 : 0;
        if (auto catches = tryOp.getCatches())
          for (StringRef type : catches->getAsValueRange<StringAttr>()) {
            exec::CatchMatcher matcher = nullptr;
            if (type != "..." && !(matcher = exec::findCatchType(type.str())))
              return tryOp.emitError()
                     << "catch type '" << type
                     << "' is not registered in this process (link or load "
                        "(ag-run --load) the library whose converted code "
                        "catches it)";
            node.catches.push_back(matcher);
          }
        for (auto [block, yield] :
             {std::pair(tryOp.bodyBlock(), tryOp.bodyYield()),
              std::pair(tryOp.handlerBlock(), tryOp.handlerYield())}) {
          auto region = lowerRegion(scope, block, yield.getOperands(), op);
          if (failed(region))
            return failure();
          node.regions.push_back(std::move(*region));
        }
        return success();
      })
      .Case([&](ir::WhileOp whileOp) -> LogicalResult {
        node.kind = exec::NodeKind::While;
        if (failed(addOperands(scope, op, whileOp.getInits(), node)))
          return failure();
        ir::ConditionOp condition = whileOp.getConditionOp();
        SmallVector<Value> beforeOut{condition.getCondition()};
        beforeOut.append(condition.getArgs().begin(),
                         condition.getArgs().end());
        auto before = lowerRegion(scope, whileOp.beforeBlock(), beforeOut, op);
        if (failed(before))
          return failure();
        auto after = lowerRegion(scope, whileOp.afterBlock(),
                                 whileOp.getYieldOp().getOperands(), op);
        if (failed(after))
          return failure();
        node.regions.push_back(std::move(*before));
        node.regions.push_back(std::move(*after));
        return success();
      })
      .Case([&](ir::ForOp forOp) -> LogicalResult {
        node.kind = exec::NodeKind::For;
        if (failed(addOperands(
                scope, op,
                {forOp.getLowerBound(), forOp.getUpperBound(), forOp.getStep()},
                node)) ||
            failed(addOperands(scope, op, forOp.getInits(), node)))
          return failure();
        auto body = lowerRegion(scope, forOp.getBodyBlock(),
                                forOp.getYieldOp().getOperands(), op);
        if (failed(body))
          return failure();
        node.regions.push_back(std::move(*body));
        return success();
      });
}

LogicalResult Lowerer::defineResults(Scope &scope, Operation *op,
                                     const std::string &name,
                                     exec::Node &node) {
  for (OpResult result : op->getResults()) {
    if (failed(defineValue(scope, result, op,
                           op->getNumResults() == 1 && !name.empty()
                               ? name
                               : resultName(result),
                           false)))
      return failure();
    node.results.push_back(scope.slots[result]);
  }
  return success();
}

void Lowerer::estimateCost(Operation *op, exec::Node &node) const {
  switch (node.kind) {
  case exec::NodeKind::While:
  case exec::NodeKind::For:
    // Trip counts are unknown: a loop is worth a task of its own.
    node.heavy = true;
    break;
  case exec::NodeKind::If:
  case exec::NodeKind::Try:
    node.heavy =
        containsHeavy(*node.regions[0]) || containsHeavy(*node.regions[1]);
    break;
  default:
    // Lists are not tensors and count nothing here; a dynamic dim counts as
    // 1, so a shape with one is judged by its static part (a lower bound).
    for (TypeRange types :
         {TypeRange(op->getResultTypes()), TypeRange(op->getOperandTypes())})
      for (Type type : types)
        if (auto tensor = dyn_cast<RankedTensorType>(type))
          node.heavy |= staticElements(tensor) >= kHeavyElements;
  }
}

LogicalResult Lowerer::lowerOp(Scope &scope, Operation *op) {
  exec::NodeSource source = toNodeSource(op->getLoc());
  std::string name = source.loc.name;
  // Constants are slots bound once per evaluation, not nodes.
  if (auto constant = dyn_cast<ir::ConstantOp>(op))
    return lowerConstant(scope, constant, name);
  if (auto hostConstant = dyn_cast<ir::HostConstantOp>(op))
    return lowerHostConstant(scope, hostConstant, name);

  exec::Node node;
  node.opName = op->getName().getStringRef().str();
  node.source = std::make_shared<const exec::NodeSource>(std::move(source));
  LogicalResult described = failure();
  if (auto nodeOp = dyn_cast<ir::NodeOp>(op))
    described = lowerNode(scope, nodeOp, node);
  else if (isa<ir::IfOp, ir::TryOp, ir::WhileOp, ir::ForOp>(op))
    described = lowerControlFlow(scope, op, node);
  else if (succeeded(describeKernel(op, node)))
    described = addOperands(scope, op, op->getOperands(), node);
  if (failed(described))
    return failure();

  node.numExplicitOperands = static_cast<uint32_t>(node.operands.size());
  // Captured outer values are operands too: the node depends on them.
  for (const auto &region : node.regions)
    for (const auto &[outer, inner] : region->captures())
      node.operands.push_back(outer);

  if (failed(defineResults(scope, op, name, node)))
    return failure();
  estimateCost(op, node);
  scope.program.addNode(std::move(node));
  return success();
}

/// Rejects a cycle in the call graph reachable from `entry`: the inliner
/// leaves a recursive ag.call in place and the evaluator has no calls, so
/// "run the optimize pipeline" would be advice that cannot help. The walk is
/// iterative, so a chain of many functions cannot overflow the stack.
LogicalResult checkRecursion(ir::FuncOp entry) {
  struct Frame {
    ir::FuncOp func;
    SmallVector<ir::CallOp> calls;
    size_t next = 0;
  };
  enum class State { OnStack, Done };
  llvm::DenseMap<Operation *, State> state;
  SmallVector<Frame> stack;
  // Cached: an uncached lookup scans every function, which made loading a
  // chain of 10,000 calls take seconds and of 100,000 minutes.
  SymbolTableCollection symbols;
  auto push = [&](ir::FuncOp func) {
    Frame frame{func, {}, 0};
    func.walk([&](ir::CallOp call) { frame.calls.push_back(call); });
    state[func] = State::OnStack;
    stack.push_back(std::move(frame));
  };
  push(entry);
  while (!stack.empty()) {
    Frame &top = stack.back();
    if (top.next == top.calls.size()) {
      state[top.func] = State::Done;
      stack.pop_back();
      continue;
    }
    ir::CallOp call = top.calls[top.next++];
    auto callee =
        symbols.lookupNearestSymbolFrom<ir::FuncOp>(call, call.getCalleeAttr());
    if (!callee)
      continue; // the verifier reports an unknown callee
    auto it = state.find(callee);
    if (it == state.end()) {
      push(callee);
      continue;
    }
    if (it->second == State::Done)
      continue;
    // stack[first..] is the cycle; each frame's last call leads on.
    size_t first = 0;
    while (stack[first].func != callee)
      ++first;
    ir::CallOp start = stack[first].calls[stack[first].next - 1];
    InFlightDiagnostic diag = start.emitError()
                              << "the graph recurses: @" << callee.getSymName()
                              << " calls itself";
    // A cycle through thousands of functions names the first few.
    constexpr size_t kMaxNamed = 8;
    size_t via = stack.size() - first - 1;
    size_t end = first + 1 + std::min(via, kMaxNamed);
    if (via > 0) {
      diag << " (via ";
      for (size_t i = first + 1; i < end; ++i)
        diag << (i == first + 1 ? "@" : ", @") << stack[i].func.getSymName();
      if (via > kMaxNamed)
        diag << " and " << via - kMaxNamed << " more functions";
      diag << ")";
    }
    diag << "; ag graphs cannot evaluate recursion: write it as a loop";
    for (size_t i = first + 1; i < end; ++i) {
      ir::CallOp step = stack[i].calls[stack[i].next - 1];
      diag.attachNote(step.getLoc())
          << "@" << stack[i].func.getSymName() << " calls @" << step.getCallee()
          << " here";
    }
    return failure();
  }
  return success();
}

FailureOr<std::shared_ptr<exec::Program>> Lowerer::lower(ir::FuncOp func) {
  if (func.isExternal())
    return func.emitError("cannot evaluate a function without a body");
  if (failed(checkRecursion(func)))
    return failure();
  auto program = std::make_shared<exec::Program>();
  program->name = func.getSymName().str();
  Scope scope(*program, nullptr);

  // Parameter names: an `ag.name` argument attribute, else a NameLoc on the
  // block argument, else "arg<i>".
  Block &entry = func.getBody().front();
  std::vector<std::string> argNames;
  for (BlockArgument arg : entry.getArguments()) {
    std::string name;
    if (auto attr =
            func.getArgAttrOfType<StringAttr>(arg.getArgNumber(), "ag.name"))
      name = attr.str();
    if (name.empty())
      name = toNodeSource(arg.getLoc()).loc.name;
    if (name.empty())
      name = "arg" + std::to_string(arg.getArgNumber());
    argNames.push_back(std::move(name));
  }
  if (failed(lowerBlock(scope, entry, argNames)))
    return failure();
  Operation *terminator = entry.getTerminator();
  for (Value v : terminator->getOperands()) {
    FailureOr<exec::SlotId> slot = lookup(scope, v, terminator);
    if (failed(slot))
      return failure();
    program->addResult(*slot);
  }
  program->finalize();
  return program;
}

} // namespace

FailureOr<std::shared_ptr<exec::Program>>
lowerFunction(ir::FuncOp func, uint64_t maxConstantBytes) {
  return Lowerer(maxConstantBytes).lower(func);
}

} // namespace ag::lowering
