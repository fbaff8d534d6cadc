//===- Nodes.cpp - AG_NODE calls as ag.node ops ---------------------------===//
//
// The trace side of ag/Node.h: a node call becomes an `ag.node` at the
// user's calling line (host arguments become `ag.host_constant`), an effect
// node threads the effect token, and the fan-out guard counts the nodes
// each call site adds.
//
//===----------------------------------------------------------------------===//
#include "TraceBuilder.h"

#include "ag/Node.h"
#include "ag/runtime/HostNode.h"

using namespace mlir;

namespace ag::detail {
namespace {

using trace::TraceBuilder;

/// The ag.node for `name` at `loc` with `operands`; returns its results.
Operation *createNode(TraceBuilder &t, const Loc &loc, const std::string &name,
                      bool effect, llvm::ArrayRef<Tensor> operands,
                      llvm::ArrayRef<int32_t> packs, Type resultType,
                      llvm::ArrayRef<Loc> operandLocs = {}) {
  std::vector<trace::Scope> &stack = trace::scopeStack();
  Location opLoc = stack.empty() || loc.line == 0
                       ? t.currentLoc()
                       : t.locationOf(stack.back(), loc, /*named=*/true);
  llvm::SmallVector<Value> values;
  llvm::SmallVector<Type> types;
  if (effect)
    values.push_back(t.currentToken());
  for (auto [i, operand] : llvm::enumerate(operands)) {
    if (!operand.defined())
      t.fail(trace::sourceLocOf(loc),
             "an argument of node '" + name +
                 "' has no value (a variable declared without one)");
    // A host value captured here is located at the argument it came from
    // and named by its spelling: Graph::save's error points at it.
    const detail::TensorImpl &impl = *operand.impl();
    if (!impl.symbolic && impl.host && i < operandLocs.size() &&
        operandLocs[i].line != 0 && !stack.empty())
      values.push_back(t.hostConstant(
          operand, t.locationOf(stack.back(), operandLocs[i], false),
          operandLocs[i].name ? operandLocs[i].name : ""));
    else
      values.push_back(t.valueOf(operand));
  }
  if (resultType)
    types.push_back(resultType);
  if (effect)
    types.push_back(t.tokenType());
  OpBuilder &b = t.builder();
  auto op = b.create<ir::NodeOp>(
      opLoc, types, b.getStringAttr(name), effect ? b.getUnitAttr() : nullptr,
      packs.empty() ? nullptr : b.getDenseI32ArrayAttr(packs), values);
  if (effect)
    t.setToken(op->getResults().back());
  return op;
}

Type resultTypeOf(TraceBuilder &t, bool hasResult, bool host,
                  const std::string &type, DType dtype,
                  const Shape &shape = {}) {
  if (!hasResult)
    return {};
  if (host)
    return ir::HostType::get(&t.context(), type);
  return t.tensorType(dtype, shape);
}

} // namespace

Tensor traceNode(const NodeCallInfo &call) {
  TraceBuilder *t = TraceBuilder::active();
  if (!t)
    throw std::logic_error("ag::detail::traceNode outside a trace");
  // The fan-out guard: a host loop around a node call unrolls into one node
  // per iteration. Counted per call site, before any node runs, and
  // reported at the loop (ag-convert passes it), which is what fans out.
  // The effect nodes that print a caught exception's e.what() are prints,
  // which the guard does not count (nor ag.print): a loop's catch printing
  // it is not a fan-out of the user's nodes.
  llvm::StringRef name = call.name;
  bool print =
      name == "ag::detail::printText" || name == "ag::detail::printfText";
  size_t &count = t->nodeCalls[{call.loc.line, call.loc.col}];
  if (!print && ++count > exec::maxFanout()) {
    std::string limit = std::to_string(exec::maxFanout());
    std::string advice = " (a host loop fans out too far: raise AG_MAX_FANOUT "
                         "or make the loop staged)";
    if (call.loop.line == 0)
      t->fail(trace::sourceLocOf(call.loc),
              "more than " + limit + " nodes from this call of '" + call.name +
                  "' in one graph" + advice);
    t->fail(trace::sourceLocOf(call.loop),
            "this loop adds more than " + limit +
                " nodes to one graph, one call of '" + call.name +
                "' per iteration" + advice,
            {{trace::sourceLocOf(call.loc),
              "'" + std::string(call.name) + "' is called here"}});
  }
  // The graph types every value while tracing; a tensor's dtype and rank
  // are not in the C++ type, so the user declares them.
  if (call.tensorResult && !call.tensorDeclared) {
    std::string fn = call.name;
    fn = fn.substr(0, fn.find('('));
    t->fail(trace::sourceLocOf(call.loc),
            "node '" + fn +
                "' returns ag::Tensor, whose dtype and rank the graph needs "
                "while tracing: declare them at namespace scope after the "
                "function, e.g. AG_NODE_TENSOR(" +
                fn +
                ", ag::DType::Float64, -1) for a float64 vector of any "
                "length");
  }
  Type resultType =
      resultTypeOf(*t, call.hasResult, call.hostResult, call.resultType,
                   call.resultDType, call.resultShape);
  Operation *op =
      createNode(*t, call.loc, call.name, call.effect, call.operands,
                 call.anyPack ? llvm::ArrayRef<int32_t>(call.packs)
                              : llvm::ArrayRef<int32_t>(),
                 resultType, call.operandLocs);
  if (!call.hasResult)
    return Tensor();
  // An arithmetic result is a C++ number eagerly, which meets a tensor as a
  // weakly typed scalar (adopting the tensor's dtype): so it does here.
  return t->wrap(op->getResult(0),
                 /*weak=*/!call.hostResult && !call.tensorResult);
}

Tensor tracePart(Loc loc, const std::string &name, const Tensor &value,
                 bool hostResult, const std::string &resultType,
                 DType resultDType) {
  TraceBuilder *t = TraceBuilder::active();
  if (!t)
    throw std::logic_error("ag::detail::tracePart outside a trace");
  Type type = resultTypeOf(*t, true, hostResult, resultType, resultDType);
  Operation *op =
      createNode(*t, loc, name, /*effect=*/false, {value}, {}, type);
  // An arithmetic part is weakly typed, as the C++ number it is eagerly.
  return t->wrap(op->getResult(0), /*weak=*/!hostResult);
}

} // namespace ag::detail
