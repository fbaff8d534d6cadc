//===- Program.cpp - Flat, lowered graphs ---------------------------------===//

#include "ag/runtime/Program.h"

#include <algorithm>
#include <cassert>

namespace ag::exec {

const char *nodeKindName(NodeKind kind) {
  switch (kind) {
  case NodeKind::Unary:
    return "unary";
  case NodeKind::Binary:
    return "binary";
  case NodeKind::Select:
    return "select";
  case NodeKind::Cast:
    return "cast";
  case NodeKind::Broadcast:
    return "broadcast";
  case NodeKind::Index:
    return "index";
  case NodeKind::SetIndex:
    return "set_index";
  case NodeKind::ReduceSum:
    return "reduce_sum";
  case NodeKind::Stack:
    return "stack";
  case NodeKind::Token:
    return "token";
  case NodeKind::Print:
    return "print";
  case NodeKind::Assert:
    return "assert";
  case NodeKind::CheckNumerics:
    return "check_numerics";
  case NodeKind::If:
    return "if";
  case NodeKind::While:
    return "while";
  case NodeKind::For:
    return "for";
  case NodeKind::Host:
    return "host";
  case NodeKind::ListNew:
    return "list_new";
  case NodeKind::ListPush:
    return "list_push";
  case NodeKind::ListStack:
    return "list_stack";
  case NodeKind::Dim:
    return "dim";
  case NodeKind::Reduce:
    return "reduce";
  case NodeKind::Matmul:
    return "matmul";
  case NodeKind::Transpose:
    return "transpose";
  case NodeKind::Reshape:
    return "reshape";
  case NodeKind::Concat:
    return "concat";
  case NodeKind::Slice:
    return "slice";
  case NodeKind::Gather:
    return "gather";
  case NodeKind::Try:
    return "try";
  }
  return "?";
}

SlotId Program::addSlot(SlotInfo info) {
  slots_.push_back(std::move(info));
  return static_cast<SlotId>(slots_.size() - 1);
}

NodeId Program::addNode(Node node) {
  NodeId id = static_cast<NodeId>(nodes_.size());
  for (SlotId r : node.results)
    slots_[r].producer = id;
  if (node.numExplicitOperands == 0 && node.regions.empty())
    node.numExplicitOperands = static_cast<uint32_t>(node.operands.size());
  nodes_.push_back(std::move(node));
  return id;
}

SlotId Program::addHostConstant(Value value, std::string name) {
  SlotInfo info;
  info.name = std::move(name);
  info.typed = true;
  info.isHost = true;
  SlotId s = addSlot(std::move(info));
  constants_.emplace_back(s, std::move(value));
  return s;
}

SlotId Program::addConstant(Tensor value, std::string name) {
  SlotInfo info;
  info.name = std::move(name);
  info.typed = true;
  info.dtype = value.dtype();
  info.shape = value.shape();
  SlotId s = addSlot(std::move(info));
  constants_.emplace_back(s, Value::compact(value));
  return s;
}

SlotId Program::addArgument(SlotInfo info) {
  SlotId s = addSlot(std::move(info));
  arguments_.push_back(s);
  return s;
}

SlotId Program::addCapture(SlotId outer, SlotInfo info) {
  SlotId s = addSlot(std::move(info));
  captures_.emplace_back(outer, s);
  return s;
}

void Program::finalize() {
  consumers_.assign(slots_.size(), {});
  refs_.assign(nodes_.size(), {});
  flat_.clear();
  auto append = [&](const std::vector<SlotId> &slots) {
    Range r{static_cast<uint32_t>(flat_.size()),
            static_cast<uint32_t>(slots.size())};
    flat_.insert(flat_.end(), slots.begin(), slots.end());
    return r;
  };
  for (NodeId n = 0; n < nodes_.size(); ++n) {
    Node &node = nodes_[n];
    node.uniqueOperands = node.operands;
    std::sort(node.uniqueOperands.begin(), node.uniqueOperands.end());
    node.uniqueOperands.erase(
        std::unique(node.uniqueOperands.begin(), node.uniqueOperands.end()),
        node.uniqueOperands.end());
    for (SlotId s : node.uniqueOperands) {
      assert(s < slots_.size() && "operand slot out of range");
      consumers_[s].push_back(n);
    }
    for (auto &region : node.regions)
      region->finalize();
    refs_[n] = {append(node.operands),
                append(node.uniqueOperands),
                append(node.results),
                {node.kind, node.op, node.dtype, !node.regions.empty()}};
  }
}

size_t Program::totalNodes() const {
  size_t total = nodes_.size();
  for (const Node &node : nodes_)
    for (const auto &region : node.regions)
      total += region->totalNodes();
  return total;
}

static std::string slotName(const Program &p, SlotId s) {
  std::string out = "%" + std::to_string(s);
  if (!p.slot(s).name.empty())
    out += "(" + p.slot(s).name + ")";
  return out;
}

void Program::dumpInto(std::string &out, unsigned indent) const {
  std::string pad(indent, ' ');
  auto list = [&](const std::vector<SlotId> &slots) {
    std::string s;
    for (size_t i = 0; i < slots.size(); ++i)
      s += (i ? ", " : "") + slotName(*this, slots[i]);
    return s;
  };
  out += pad + "args(" + list(arguments_) + ")\n";
  for (auto &[outer, inner] : captures_)
    out += pad + "capture " + slotName(*this, inner) + " <- outer %" +
           std::to_string(outer) + "\n";
  for (auto &[slot, value] : constants_)
    out += pad + "const " + slotName(*this, slot) + " = " +
           toString(value.tensor()) + "\n";
  for (const Node &node : nodes_) {
    out += pad + list(node.results) + " = " +
           (node.opName.empty() ? nodeKindName(node.kind) : node.opName) + "(" +
           list(node.operands) + ")" + (node.heavy ? " heavy" : "") + "\n";
    for (const auto &region : node.regions) {
      out += pad + "  {\n";
      region->dumpInto(out, indent + 4);
      out += pad + "  }\n";
    }
  }
  out += pad + "results(" + list(results_) + ")\n";
}

std::string Program::dump() const {
  std::string out;
  dumpInto(out, 0);
  return out;
}

} // namespace ag::exec
