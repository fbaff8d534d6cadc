//===- ag/runtime/Program.h - Flat, lowered graphs --------------*- C++ -*-===//
//
// A Program is what the evaluator runs: a flat array of nodes in a valid
// (program) order, each reading operand slots and writing result slots of one
// slot space. Control flow nodes (if/while/for) own sub-Programs for their
// regions; a region has its own slot space, bound from the node's operands
// (block arguments) and from captured outer slots. No MLIR here: Programs are
// built by lib/Lowering or by hand (tests, future front ends).
//
//===----------------------------------------------------------------------===//
#ifndef AG_RUNTIME_PROGRAM_H
#define AG_RUNTIME_PROGRAM_H

#include "ag/Error.h"
#include "ag/Tensor.h"
#include "ag/runtime/Value.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace ag::exec {

using SlotId = uint32_t;
using NodeId = uint32_t;
constexpr uint32_t kNoNode = ~0u;

enum class NodeKind : uint8_t {
  Unary,         // op: operand -> result
  Binary,        // op: lhs, rhs -> result
  Select,        // cond, a, b
  Cast,          // x -> dtype
  Broadcast,     // x -> shape
  Index,         // source, i64 0-d index -> row
  SetIndex,      // source, i64 0-d index, row -> source with the row replaced
  ReduceSum,     // x -> 0-d
  Stack,         // values... -> stacked
  Token,         // -> the entry effect token
  Print,         // token, args... -> token; text is the `{}` format
  Assert,        // token, cond -> token; text is the message
  CheckNumerics, // token, x -> (x, token); text is the message
  If,            // cond, captures... ; regions: then, else
  While,         // inits..., captures... ; regions: before, after
  For,           // lb, ub, step, inits..., captures... ; region: body
  Host,          // operands... -> results via a user callable
  ListNew,       // -> the empty list
  ListPush,      // list, x -> a new list (list + [x]); list is unchanged
  ListStack,     // list -> stacked; dtype/shape: the result type ([-1, ...])
  Dim,           // x -> its size along `axis`, as a 0-d i64
  Reduce,        // x -> reduced over `shape` (the axes); `reduce`, `keepdims`
  Matmul,        // a, b -> matrix product
  Transpose,     // x -> dimensions permuted by `shape`
  Reshape,       // x -> reshaped to `shape` (one -1 computed)
  Concat,        // values... -> joined along `axis`
  Slice,         // x -> x[start:stop:step]; `shape` holds start, stop and
                 // step lists of equal length, one after the other
  Gather,        // x, indices -> numpy take along `axis`
  Try,           // captures... ; regions: body, handler (arg: the message);
                 // `axis` is 1 for catch (...), 0 for std::exception only
};
const char *nodeKindName(NodeKind kind);

/// A user operation on arbitrary values (host values or tensors).
using HostFn = std::function<std::vector<Value>(const std::vector<Value> &)>;

/// Where a value comes from and how it is typed (for feeds and diagnostics).
struct SlotInfo {
  std::string name; // source variable, or empty
  /// The variables the function returns with this value: the names a graph
  /// fetches it by (`name` above is only where it was computed).
  std::vector<std::string> bindings;
  NodeId producer = kNoNode; // kNoNode: argument, constant or capture
  bool isToken = false;
  /// An !ag.list: dtype/shape below mean nothing (lists are untyped).
  bool isList = false;
  /// An !ag.host value (a node's result): dtype/shape mean nothing either.
  bool isHost = false;
  /// dtype/shape below are known (set by the lowering and for constants);
  /// hand-built programs may leave intermediate slots untyped.
  bool typed = false;
  DType dtype = DType::Int64;
  /// -1 for a dynamic dimension (only list_stack makes them).
  Shape shape;
  /// A tensor whose dtype and whole shape are known.
  bool isStaticTensor() const {
    if (!typed || isToken || isList || isHost)
      return false;
    for (int64_t d : shape)
      if (d < 0)
        return false;
    return true;
  }
};

/// The source of a node: its location plus the chain of converted calls
/// ("called from here" notes), innermost first.
struct NodeSource {
  SourceLoc loc;
  std::vector<DiagnosticNote> callSites;
};

class Program;

/// A view of slot ids stored contiguously (see Program::finalize).
struct SlotSpan {
  const SlotId *data = nullptr;
  uint32_t count = 0;
  const SlotId *begin() const { return data; }
  const SlotId *end() const { return data + count; }
  size_t size() const { return count; }
  SlotId operator[](size_t i) const { return data[i]; }
};

struct Node {
  NodeKind kind = NodeKind::Unary;
  OpKind op = OpKind::Add;    // Unary/Binary
  DType dtype = DType::Int64; // Cast target, ListStack element dtype
  int64_t axis = 0;           // Dim, Concat, Gather
  /// ListStack: the element type was declared, so an empty list stacks to
  /// [0, element shape...] instead of failing.
  bool declared = false;
  ReduceKind reduce = ReduceKind::Sum; // Reduce
  bool keepdims = false;               // Reduce
  /// Worth a task of its own when siblings are independent (large tensors,
  /// or a region containing such work). Cheap nodes always run inline.
  bool heavy = false;
  std::vector<SlotId> operands; // explicit operands, then captures
  uint32_t numExplicitOperands = 0;
  std::vector<SlotId> results;
  Shape shape;      // Broadcast/Reshape target, ListStack result shape, Reduce
                    // axes, Transpose permutation, Slice bounds
  std::string text; // Print format, Assert/CheckNumerics message
  /// Print: the output's control characters are shown escaped (a graph
  /// read from a file must not drive the terminal through `{%c}`).
  bool escapeOutput = false;
  std::vector<std::unique_ptr<Program>> regions;
  HostFn host;
  /// Host: operands per C++ parameter packed into a std::vector (-1: one
  /// operand), or empty when no parameter takes a pack (hostNodeArgs).
  std::vector<int32_t> packs;
  /// Try with typed clauses (ag.try catches): per `catch`, in order, the
  /// matcher of its type, null for `catch (...)`.
  std::vector<bool (*)(const std::exception_ptr &)> catches;
  std::string opName; // "ag.add" (verbose traces and dot)
  std::shared_ptr<const NodeSource> source;

  /// Distinct operand slots (filled by Program::finalize), so a node using a
  /// value twice releases it once.
  std::vector<SlotId> uniqueOperands;
};

class Program {
public:
  Program() = default;
  Program(const Program &) = delete;
  Program &operator=(const Program &) = delete;

  SlotId addSlot(SlotInfo info = {});
  /// Appends a node; its result slots' producer is set to it.
  NodeId addNode(Node node);
  /// A slot holding a constant for every evaluation.
  SlotId addConstant(Tensor value, std::string name = {});
  /// A slot holding a host value (an ag.host_constant) for every
  /// evaluation.
  SlotId addHostConstant(Value value, std::string name = {});
  /// Binds a block argument (or, at top level, a function parameter).
  SlotId addArgument(SlotInfo info);
  /// A region slot bound from `outer` in the parent program's slot space.
  SlotId addCapture(SlotId outer, SlotInfo info = {});
  void addResult(SlotId slot) { results_.push_back(slot); }

  /// Computes per-node and per-slot tables the evaluator needs. Call once
  /// after building (recurses into regions).
  void finalize();

  size_t numSlots() const { return slots_.size(); }
  const std::vector<SlotInfo> &slots() const { return slots_; }
  const SlotInfo &slot(SlotId s) const { return slots_[s]; }
  SlotInfo &slot(SlotId s) { return slots_[s]; }
  const std::vector<Node> &nodes() const { return nodes_; }
  std::vector<Node> &nodes() { return nodes_; }
  const std::vector<SlotId> &arguments() const { return arguments_; }
  const std::vector<std::pair<SlotId, Value>> &constants() const {
    return constants_;
  }
  /// (outer slot, inner slot) pairs.
  const std::vector<std::pair<SlotId, SlotId>> &captures() const {
    return captures_;
  }
  const std::vector<SlotId> &results() const { return results_; }
  /// Consumer nodes of each slot (each consumer once), after finalize().
  const std::vector<std::vector<NodeId>> &consumers() const {
    return consumers_;
  }
  /// Node n's operands, distinct operands and results, stored in one flat
  /// array (after finalize()): the evaluator walks nodes without chasing a
  /// separate heap block per node.
  SlotSpan operands(NodeId n) const { return span(refs_[n].operands); }
  /// The fields of node n the evaluator reads for every node, packed.
  struct HotInfo {
    NodeKind kind;
    OpKind op;
    DType dtype;
    bool control; // has regions
  };
  const HotInfo &hot(NodeId n) const { return refs_[n].hot; }
  SlotSpan uniqueOperands(NodeId n) const { return span(refs_[n].unique); }
  SlotSpan results(NodeId n) const { return span(refs_[n].results); }
  /// The total number of nodes here and in nested regions.
  size_t totalNodes() const;

  /// The function this program was lowered from (diagnostics).
  std::string name;

  /// A readable listing, for debugging and tests.
  std::string dump() const;

private:
  void dumpInto(std::string &out, unsigned indent) const;
  struct Range {
    uint32_t begin = 0, count = 0;
  };
  struct NodeRefs {
    Range operands, unique, results;
    HotInfo hot;
  };
  SlotSpan span(Range r) const { return {flat_.data() + r.begin, r.count}; }
  std::vector<NodeRefs> refs_;
  std::vector<SlotId> flat_;

  std::vector<SlotInfo> slots_;
  std::vector<Node> nodes_;
  std::vector<SlotId> arguments_;
  std::vector<std::pair<SlotId, Value>> constants_;
  std::vector<std::pair<SlotId, SlotId>> captures_;
  std::vector<SlotId> results_;
  std::vector<std::vector<NodeId>> consumers_;
};

} // namespace ag::exec

#endif // AG_RUNTIME_PROGRAM_H
