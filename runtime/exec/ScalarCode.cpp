//===- ScalarCode.cpp - Scalar control flow as register code --------------===//

#include "ScalarCode.h"
#include "ScalarOps.h"

#include "ag/runtime/Kernels.h"

#include <cstring>

#include <map>
#include <optional>
#include <set>

namespace ag::exec {

namespace {

enum class Op : uint8_t {
  Binary,    // dst = a <kind> b
  Unary,     // dst = <kind> a
  Select,    // dst = a ? b : c
  Move,      // dst = a
  Jump,      // pc = target
  JumpIfNot, // if !a: pc = target
  Branch,    // an ag.if: counts one op, then JumpIfNot
  LoopEnter, // a loop starts: counts one op, iteration of `loop` = 0
  LoopNext,  // next iteration of `loop`
  ForCheck,  // error if the step `a` is zero
  ForTest,   // if !(step b > 0 ? a < c : a > c): pc = target ... see below
  ForStep,   // a += b; on overflow a = c (the bound: the loop ends)
  Halt,
  // Specialized int64/f64 forms of Binary: one dispatch per op, no dtype
  // or kind switch (collatz-style code is mostly these).
  AddI64,
  SubI64,
  MulI64,
  DivI64,
  RemI64,
  EqI64,
  NeI64,
  LtI64,
  LeI64,
  GtI64,
  GeI64,
  DivPow2I64,
  RemPow2I64, // by a constant 2^c, c >= 1: shifts
  AddF64,
  SubF64,
  MulF64,
  DivF64,
  LtF64,
  LeF64,
  GtF64,
  GeF64,
  // A while loop's condition fused with its exit branch (counts the
  // comparison): if !(a <op> b): pc = target.
  UnlessEqI64,
  UnlessNeI64,
  UnlessLtI64,
  UnlessLeI64,
  UnlessGtI64,
  UnlessGeI64,
  LoopBack, // ++iteration of `loop`; pc = target
};

/// The fused compare-and-exit form of a specialized int64 comparison.
std::optional<Op> fuseWithExit(Op compare) {
  switch (compare) {
  case Op::EqI64:
    return Op::UnlessEqI64;
  case Op::NeI64:
    return Op::UnlessNeI64;
  case Op::LtI64:
    return Op::UnlessLtI64;
  case Op::LeI64:
    return Op::UnlessLeI64;
  case Op::GtI64:
    return Op::UnlessGtI64;
  case Op::GeI64:
    return Op::UnlessGeI64;
  default:
    return std::nullopt;
  }
}

/// The specialized opcode for `kind` on `dtype`, or Op::Binary.
Op specialize(OpKind kind, DType dtype) {
  if (dtype == DType::Int64) {
    switch (kind) {
    case OpKind::Add:
      return Op::AddI64;
    case OpKind::Sub:
      return Op::SubI64;
    case OpKind::Mul:
      return Op::MulI64;
    case OpKind::Div:
      return Op::DivI64;
    case OpKind::Rem:
      return Op::RemI64;
    case OpKind::Eq:
      return Op::EqI64;
    case OpKind::Ne:
      return Op::NeI64;
    case OpKind::Lt:
      return Op::LtI64;
    case OpKind::Le:
      return Op::LeI64;
    case OpKind::Gt:
      return Op::GtI64;
    case OpKind::Ge:
      return Op::GeI64;
    default:
      return Op::Binary;
    }
  }
  if (dtype == DType::Float64) {
    switch (kind) {
    case OpKind::Add:
      return Op::AddF64;
    case OpKind::Sub:
      return Op::SubF64;
    case OpKind::Mul:
      return Op::MulF64;
    case OpKind::Div:
      return Op::DivF64;
    case OpKind::Lt:
      return Op::LtF64;
    case OpKind::Le:
      return Op::LeF64;
    case OpKind::Gt:
      return Op::GtF64;
    case OpKind::Ge:
      return Op::GeF64;
    default:
      return Op::Binary;
    }
  }
  return Op::Binary;
}

} // namespace

namespace {

/// A register: one element whose dtype the compiler knows statically (see
/// Impl::initial), 8 bytes so every write and move is a single store.
union Reg {
  bool b;
  int32_t i32;
  int64_t i64;
  float f32;
  double f64;
};
static_assert(sizeof(Reg) == 8, "registers are one word");

Reg toReg(const Scalar &s) {
  Reg r;
  std::memcpy(&r, &s.i64, sizeof(Reg)); // union members share an address
  return r;
}

Scalar toScalar(Reg r, DType dtype) {
  Scalar s;
  s.dtype = dtype;
  std::memcpy(&s.i64, &r, sizeof(Reg));
  return s;
}

} // namespace

struct ScalarCode::Instr {
  Op op;
  OpKind kind = OpKind::Add;
  uint32_t dst = 0, a = 0, b = 0, c = 0;
  uint32_t target = 0;
  int32_t loop = -1; // innermost enclosing loop (index into loops), or -1
  const Node *node = nullptr;
};

struct ScalarCode::Impl {
  std::vector<Instr> code;
  std::vector<Scalar> initial; // constants preloaded; others zero
  /// Registers loaded from / stored to the frame the node runs in.
  std::vector<std::pair<SlotId, uint32_t>> inputs, outputs;
  /// One per loop: its node and its enclosing loop (-1: outside the node).
  std::vector<std::pair<const Node *, int32_t>> loops;
  mutable std::vector<Reg> regs;
  mutable std::vector<LoopCtx> ctx;
};

namespace {

class Compiler {
public:
  Compiler(ScalarCode::Impl &out, const Program &root)
      : out_(out), root_(root) {}

  bool compileNode(const Program &p, NodeId n, const Plan &plan, int32_t loop);

private:
  using Instr = ScalarCode::Instr;

  /// Lists and tensors of any rank, dynamic dims included, stay on the
  /// general evaluator: only 0-d tensors of a known dtype are registers.
  static bool isScalar(const SlotInfo &info) {
    return info.typed && !info.isToken && !info.isList && !info.isHost &&
           info.shape.empty();
  }
  /// The register of `slot` of `p`, or -1 if it is not a typed scalar.
  int64_t reg(const Program &p, SlotId slot);
  uint32_t newReg(DType dtype) {
    out_.initial.push_back(Scalar());
    out_.initial.back().dtype = dtype;
    return static_cast<uint32_t>(out_.initial.size() - 1);
  }
  DType typeOf(uint32_t r) const { return out_.initial[r].dtype; }
  size_t emit(Instr i) {
    out_.code.push_back(i);
    return out_.code.size() - 1;
  }
  bool move(uint32_t dst, uint32_t src, int32_t loop) {
    if (dst != src)
      emit({Op::Move, OpKind::Add, dst, src, 0, 0, 0, loop, nullptr});
    return true;
  }
  /// Makes the instruction computing yields[i] write the state register
  /// dsts[i] directly when nothing after it (in the straight-line code from
  /// `start`) still reads either; clears needed[i] for those.
  void retargetYields(size_t start, const std::vector<uint32_t> &dsts,
                      const std::vector<uint32_t> &yields,
                      std::vector<uint8_t> &needed);
  /// dsts[i] = srcs[i] for every needed i, as one simultaneous assignment.
  void parallelMove(const std::vector<uint32_t> &dsts,
                    const std::vector<uint32_t> &srcs,
                    const std::vector<uint8_t> &needed, int32_t loop);
  /// Emits a region's needed nodes; binds its captures and constants.
  bool compileRegion(const Program &region, const Plan &plan, int32_t loop);
  /// Region programs share registers with their parents: a capture is the
  /// outer register, a constant a preloaded one.
  bool enterRegion(const Program &p, const Program &region);
  /// The register of operand `i` of `node`; clears `ok` if it is not a
  /// scalar. Operands are looked up only where used: one the plan does not
  /// need is not bound in the frame, so it must not become an input.
  uint32_t operand(const Program &p, const Node &node, size_t i, bool &ok);
  // One per kind of node compileNode handles; `res` are its result
  // registers.
  bool compileBinary(const Program &p, const Node &node,
                     const std::vector<uint32_t> &res, int32_t loop);
  bool compileIf(const Program &p, NodeId n, const Plan &plan,
                 const std::vector<uint32_t> &res, int32_t loop);
  bool compileWhile(const Program &p, NodeId n, const Plan &plan,
                    const std::vector<uint32_t> &res, int32_t loop);
  bool compileFor(const Program &p, NodeId n, const Plan &plan,
                  const std::vector<uint32_t> &res, int32_t loop);
  bool regs(const Program &p, const std::vector<SlotId> &slots,
            std::vector<uint32_t> &out);

  ScalarCode::Impl &out_;
  const Program &root_;
  std::map<std::pair<const Program *, SlotId>, uint32_t> regs_;
  std::set<uint32_t> constants_; // registers preloaded with a constant
};

int64_t Compiler::reg(const Program &p, SlotId slot) {
  auto key = std::make_pair(&p, slot);
  auto it = regs_.find(key);
  if (it != regs_.end())
    return it->second;
  const SlotInfo &info = p.slot(slot);
  if (!isScalar(info))
    return -1;
  uint32_t r = newReg(info.dtype);
  regs_[key] = r;
  if (&p != &root_)
    return r;
  // The frame's constants are known now: preload them (so divisions by a
  // constant power of two become shifts) instead of loading them per run.
  for (auto &[constSlot, value] : root_.constants()) {
    Scalar c;
    if (constSlot == slot && value.asScalar(c) && c.dtype == info.dtype) {
      out_.initial[r] = c;
      constants_.insert(r);
      return r;
    }
  }
  out_.inputs.emplace_back(slot, r);
  return r;
}

bool Compiler::regs(const Program &p, const std::vector<SlotId> &slots,
                    std::vector<uint32_t> &out) {
  out.clear();
  for (SlotId s : slots) {
    int64_t r = reg(p, s);
    if (r < 0)
      return false;
    out.push_back(static_cast<uint32_t>(r));
  }
  return true;
}

static bool isStraightLine(Op op) {
  switch (op) {
  case Op::Jump:
  case Op::JumpIfNot:
  case Op::Branch:
  case Op::LoopEnter:
  case Op::LoopNext:
  case Op::ForCheck:
  case Op::ForTest:
  case Op::ForStep:
  case Op::Halt:
  case Op::LoopBack:
  case Op::UnlessEqI64:
  case Op::UnlessNeI64:
  case Op::UnlessLtI64:
  case Op::UnlessLeI64:
  case Op::UnlessGtI64:
  case Op::UnlessGeI64:
    return false;
  default:
    return true;
  }
}

/// Whether a straight-line instruction reads register r.
static bool readsReg(const ScalarCode::Instr &in, uint32_t r) {
  switch (in.op) {
  case Op::Move:
  case Op::Unary:
  case Op::DivPow2I64:
  case Op::RemPow2I64:
    return in.a == r;
  case Op::Select:
    return in.a == r || in.b == r || in.c == r;
  default:
    return in.a == r || in.b == r;
  }
}

void Compiler::retargetYields(size_t start, const std::vector<uint32_t> &dsts,
                              const std::vector<uint32_t> &yields,
                              std::vector<uint8_t> &needed) {
  std::vector<Instr> &code = out_.code;
  for (size_t k = start; k < code.size(); ++k)
    if (!isStraightLine(code[k].op))
      return;
  for (size_t i = 0; i < yields.size(); ++i) {
    uint32_t y = yields[i], d = dsts[i];
    if (!needed[i] || y == d)
      continue;
    bool shared = false;
    for (size_t j = 0; j < yields.size(); ++j)
      shared |= j != i && (yields[j] == y || (needed[j] && yields[j] == d));
    if (shared)
      continue;
    // The single writer of y in this code...
    size_t writer = code.size();
    unsigned writes = 0;
    for (size_t k = start; k < code.size(); ++k)
      if (code[k].dst == y && code[k].op != Op::Jump) {
        writer = k;
        ++writes;
      }
    if (writes != 1)
      continue;
    // ...after which neither y nor the state register d is read or written.
    bool clobbers = false;
    for (size_t k = writer + 1; k < code.size() && !clobbers; ++k)
      clobbers =
          readsReg(code[k], y) || readsReg(code[k], d) || code[k].dst == d;
    if (clobbers)
      continue;
    code[writer].dst = d;
    needed[i] = 0;
  }
}

void Compiler::parallelMove(const std::vector<uint32_t> &dsts,
                            const std::vector<uint32_t> &srcs,
                            const std::vector<uint8_t> &needed, int32_t loop) {
  // Sequential moves are correct unless a source is a destination written
  // earlier; then go through fresh temporaries.
  bool hazard = false;
  for (size_t i = 0; i < dsts.size(); ++i)
    for (size_t j = 0; j < i; ++j)
      hazard |=
          needed[i] && needed[j] && srcs[i] == dsts[j] && srcs[j] != dsts[j];
  if (!hazard) {
    for (size_t i = 0; i < dsts.size(); ++i)
      if (needed[i])
        move(dsts[i], srcs[i], loop);
    return;
  }
  std::vector<uint32_t> temps(dsts.size());
  for (size_t i = 0; i < dsts.size(); ++i)
    if (needed[i]) {
      temps[i] = newReg(typeOf(dsts[i]));
      move(temps[i], srcs[i], loop);
    }
  for (size_t i = 0; i < dsts.size(); ++i)
    if (needed[i])
      move(dsts[i], temps[i], loop);
}

bool Compiler::compileRegion(const Program &region, const Plan &plan,
                             int32_t loop) {
  for (NodeId n : plan.order)
    if (!compileNode(region, n, plan, loop))
      return false;
  return true;
}

uint32_t Compiler::operand(const Program &p, const Node &node, size_t i,
                           bool &ok) {
  int64_t r = reg(p, node.operands[i]);
  ok &= r >= 0;
  return r < 0 ? 0 : static_cast<uint32_t>(r);
}

bool Compiler::enterRegion(const Program &p, const Program &region) {
  for (auto &[outer, inner] : region.captures()) {
    int64_t r = reg(p, outer);
    if (r < 0 || !isScalar(region.slot(inner)))
      return false;
    regs_[{&region, inner}] = static_cast<uint32_t>(r);
  }
  for (auto &[slot, value] : region.constants()) {
    Scalar c;
    if (!value.asScalar(c))
      return false;
    int64_t r = reg(region, slot);
    if (r < 0)
      return false;
    out_.initial[r] = c;
    constants_.insert(static_cast<uint32_t>(r));
  }
  return true;
}

bool Compiler::compileNode(const Program &p, NodeId n, const Plan &plan,
                           int32_t loop) {
  const Node &node = p.nodes()[n];
  std::vector<uint32_t> res;
  if (!regs(p, node.results, res))
    return false;
  bool ok = true;
  switch (node.kind) {
  case NodeKind::Binary:
    return compileBinary(p, node, res, loop);
  case NodeKind::Unary: {
    uint32_t a = operand(p, node, 0, ok);
    if (!ok || !hasScalarFastPath(node.op, typeOf(a)))
      return false;
    emit({Op::Unary, node.op, res[0], a, 0, 0, 0, loop, &node});
    return true;
  }
  case NodeKind::Select: {
    uint32_t c = operand(p, node, 0, ok), a = operand(p, node, 1, ok),
             b = operand(p, node, 2, ok);
    if (!ok || typeOf(c) != DType::Bool || typeOf(a) != typeOf(b))
      return false;
    emit({Op::Select, OpKind::Add, res[0], c, a, b, 0, loop, &node});
    return true;
  }
  case NodeKind::If:
    return compileIf(p, n, plan, res, loop);
  case NodeKind::While:
    return compileWhile(p, n, plan, res, loop);
  case NodeKind::For:
    return compileFor(p, n, plan, res, loop);
  default:
    return false;
  }
}

bool Compiler::compileBinary(const Program &p, const Node &node,
                             const std::vector<uint32_t> &res, int32_t loop) {
  bool ok = true;
  uint32_t a = operand(p, node, 0, ok), b = operand(p, node, 1, ok);
  if (!ok || typeOf(a) != typeOf(b) || !hasScalarFastPath(node.op, typeOf(a)))
    return false;
  Op code = specialize(node.op, typeOf(a));
  uint32_t shift = 0;
  // An integer division by a constant power of two is a shift, as a C++
  // compiler would make it (the constant register is never written).
  if ((code == Op::DivI64 || code == Op::RemI64) && constants_.count(b)) {
    int64_t d = out_.initial[b].i64;
    if (d >= 2 && (d & (d - 1)) == 0) {
      while ((int64_t(1) << shift) != d)
        ++shift;
      code = code == Op::DivI64 ? Op::DivPow2I64 : Op::RemPow2I64;
    }
  }
  emit({code, node.op, res[0], a, b, shift, 0, loop, &node});
  return true;
}

bool Compiler::compileIf(const Program &p, NodeId n, const Plan &plan,
                         const std::vector<uint32_t> &res, int32_t loop) {
  const Node &node = p.nodes()[n];
  const Plan &thenPlan = *plan.regions[n][0], &elsePlan = *plan.regions[n][1];
  const Program &thenR = *node.regions[0], &elseR = *node.regions[1];
  bool ok = true;
  uint32_t cond = operand(p, node, 0, ok);
  if (!ok || typeOf(cond) != DType::Bool || !enterRegion(p, thenR) ||
      !enterRegion(p, elseR))
    return false;
  size_t branch =
      emit({Op::Branch, OpKind::Add, 0, cond, 0, 0, 0, loop, &node});
  std::vector<uint32_t> yields;
  if (!compileRegion(thenR, thenPlan, loop) ||
      !regs(thenR, thenR.results(), yields))
    return false;
  for (size_t i = 0; i < res.size(); ++i)
    if (plan.slotNeeded[node.results[i]])
      move(res[i], yields[i], loop);
  size_t jumpEnd = emit({Op::Jump, OpKind::Add, 0, 0, 0, 0, 0, loop, &node});
  out_.code[branch].target = static_cast<uint32_t>(out_.code.size());
  if (!compileRegion(elseR, elsePlan, loop) ||
      !regs(elseR, elseR.results(), yields))
    return false;
  for (size_t i = 0; i < res.size(); ++i)
    if (plan.slotNeeded[node.results[i]])
      move(res[i], yields[i], loop);
  out_.code[jumpEnd].target = static_cast<uint32_t>(out_.code.size());
  return true;
}

bool Compiler::compileWhile(const Program &p, NodeId n, const Plan &plan,
                            const std::vector<uint32_t> &res, int32_t loop) {
  const Node &node = p.nodes()[n];
  const Plan &beforePlan = *plan.regions[n][0],
             &afterPlan = *plan.regions[n][1];
  const Program &before = *node.regions[0], &after = *node.regions[1];
  if (!enterRegion(p, before) || !enterRegion(p, after))
    return false;
  int32_t self = static_cast<int32_t>(out_.loops.size());
  out_.loops.emplace_back(&node, loop);
  std::vector<uint32_t> beforeArgs, afterArgs, fwd, yields;
  if (!regs(before, before.arguments(), beforeArgs))
    return false;
  // Initial state: the before region's arguments hold the loop's state.
  bool ok = true;
  for (size_t i = 0; i < beforeArgs.size(); ++i)
    if (beforePlan.argNeeded[i])
      move(beforeArgs[i], operand(p, node, i, ok), loop);
  if (!ok)
    return false;
  // LoopEnter starts iteration 1; the back edge counts the next ones.
  emit({Op::LoopEnter, OpKind::Add, 0, 0, 1, 0, 0, self, &node});
  size_t head = out_.code.size();
  if (!compileRegion(before, beforePlan, self) ||
      !regs(before, before.results(), fwd) || typeOf(fwd[0]) != DType::Bool)
    return false;
  // `%c = cmp ...; ag.condition %c(...)`: the comparison is the exit
  // branch, unless %c is also forwarded.
  size_t exitJump;
  std::optional<Op> fused;
  if (out_.code.size() > head && out_.code.back().dst == fwd[0])
    fused = fuseWithExit(out_.code.back().op);
  for (size_t i = 1; fused && i < fwd.size(); ++i)
    if (fwd[i] == fwd[0])
      fused.reset();
  if (fused) {
    exitJump = out_.code.size() - 1;
    out_.code.back().op = *fused;
  } else {
    exitJump =
        emit({Op::JumpIfNot, OpKind::Add, 0, fwd[0], 0, 0, 0, self, &node});
  }
  // The usual `ag.condition %c(%state...)` forwards the state unchanged:
  // then the after region reads the state registers themselves.
  bool coalesce = after.arguments().size() == beforeArgs.size();
  for (size_t i = 0; coalesce && i < beforeArgs.size(); ++i)
    coalesce = fwd[1 + i] == beforeArgs[i];
  if (coalesce) {
    for (size_t i = 0; i < beforeArgs.size(); ++i)
      regs_[{&after, after.arguments()[i]}] = beforeArgs[i];
    afterArgs = beforeArgs;
  } else {
    if (!regs(after, after.arguments(), afterArgs))
      return false;
    for (size_t i = 0; i < afterArgs.size(); ++i)
      if (afterPlan.argNeeded[i])
        move(afterArgs[i], fwd[1 + i], self);
  }
  size_t afterStart = out_.code.size();
  if (!compileRegion(after, afterPlan, self) ||
      !regs(after, after.results(), yields))
    return false;
  std::vector<uint8_t> needed(beforeArgs.size());
  for (size_t i = 0; i < beforeArgs.size(); ++i)
    needed[i] = beforePlan.argNeeded[i];
  retargetYields(afterStart, beforeArgs, yields, needed);
  parallelMove(beforeArgs, yields, needed, self);
  emit({Op::LoopBack, OpKind::Add, 0, 0, 0, 0, static_cast<uint32_t>(head),
        self, &node});
  out_.code[exitJump].target = static_cast<uint32_t>(out_.code.size());
  for (size_t i = 0; i < res.size(); ++i)
    if (plan.slotNeeded[node.results[i]])
      move(res[i], fwd[1 + i], loop);
  return true;
}

bool Compiler::compileFor(const Program &p, NodeId n, const Plan &plan,
                          const std::vector<uint32_t> &res, int32_t loop) {
  const Node &node = p.nodes()[n];
  const Plan &bodyPlan = *plan.regions[n][0];
  const Program &body = *node.regions[0];
  if (!enterRegion(p, body))
    return false;
  int32_t self = static_cast<int32_t>(out_.loops.size());
  out_.loops.emplace_back(&node, loop);
  std::vector<uint32_t> args, yields;
  if (!regs(body, body.arguments(), args))
    return false;
  // Fresh state registers: the body's yields may be its own arguments
  // in another order, so state and arguments must not be the same.
  bool ok = true;
  uint32_t lb = operand(p, node, 0, ok), ub = operand(p, node, 1, ok),
           step = operand(p, node, 2, ok);
  if (!ok || typeOf(lb) != DType::Int64 || typeOf(ub) != DType::Int64 ||
      typeOf(step) != DType::Int64)
    return false;
  uint32_t iv = newReg(DType::Int64);
  std::vector<uint32_t> state;
  for (size_t i = 0; i < res.size(); ++i) {
    state.push_back(newReg(typeOf(res[i])));
    // Carried values the plan needs (as in planRegionNode).
    if (bodyPlan.argNeeded[1 + i] || plan.slotNeeded[node.results[i]])
      move(state.back(), operand(p, node, 3 + i, ok), loop);
  }
  if (!ok)
    return false;
  move(iv, lb, loop);
  emit({Op::ForCheck, OpKind::Add, 0, step, 0, 0, 0, loop, &node});
  emit({Op::LoopEnter, OpKind::Add, 0, 0, 0, 0, 0, self, &node});
  size_t head =
      emit({Op::ForTest, OpKind::Add, 0, iv, step, ub, 0, self, &node});
  emit({Op::LoopNext, OpKind::Add, 0, 0, 0, 0, 0, self, &node});
  if (bodyPlan.argNeeded[0])
    move(args[0], iv, self);
  for (size_t i = 0; i < state.size(); ++i)
    if (bodyPlan.argNeeded[1 + i])
      move(args[1 + i], state[i], self);
  if (!compileRegion(body, bodyPlan, self) ||
      !regs(body, body.results(), yields))
    return false;
  for (size_t i = 0; i < state.size(); ++i)
    move(state[i], yields[i], self);
  emit({Op::ForStep, OpKind::Add, 0, iv, step, ub, 0, self, &node});
  emit({Op::Jump, OpKind::Add, 0, 0, 0, 0, static_cast<uint32_t>(head), self,
        &node});
  out_.code[head].target = static_cast<uint32_t>(out_.code.size());
  for (size_t i = 0; i < res.size(); ++i)
    if (plan.slotNeeded[node.results[i]])
      move(res[i], state[i], loop);
  return true;
}

} // namespace

ScalarCode::ScalarCode() : impl_(std::make_unique<Impl>()) {}
ScalarCode::~ScalarCode() = default;

std::unique_ptr<ScalarCode> ScalarCode::compile(const Program &p, NodeId n,
                                                const Plan &plan) {
  const Node &node = p.nodes()[n];
  if (node.kind != NodeKind::If && node.kind != NodeKind::While &&
      node.kind != NodeKind::For)
    return nullptr;
  std::unique_ptr<ScalarCode> code(new ScalarCode());
  Compiler compiler(*code->impl_, p);
  if (!compiler.compileNode(p, n, plan, -1))
    return nullptr;
  Impl &impl = *code->impl_;
  impl.code.push_back({Op::Halt});
  // Results are registers of the frame's program too; they are outputs,
  // not inputs, unless the node also reads them (it cannot).
  for (SlotId r : node.results) {
    for (auto it = impl.inputs.begin(); it != impl.inputs.end(); ++it)
      if (it->first == r) {
        if (plan.slotNeeded[r])
          impl.outputs.push_back(*it);
        impl.inputs.erase(it);
        break;
      }
  }
  for (const Scalar &init : impl.initial)
    impl.regs.push_back(toReg(init));
  impl.ctx.resize(impl.loops.size());
  return code;
}

// One function on purpose (about 250 lines): the interpreter's dispatch
// loop. Its program counter, register file and loop contexts stay in locals
// the compiler can keep in machine registers; splitting the cases into
// functions would add a call per instruction to the scalar fast path.
int64_t ScalarCode::run(std::vector<Value> &slots, const LoopCtx *loops,
                        const Budget &budget) const {
  Impl &impl = *impl_;
  Reg *regs = impl.regs.data();
  for (auto &[slot, r] : impl.inputs) {
    Scalar v;
    if (!slots[slot].asScalar(v) || v.dtype != impl.initial[r].dtype)
      return -1;
    regs[r] = toReg(v);
  }
  auto scalar = [&](uint32_t r) {
    return toScalar(regs[r], impl.initial[r].dtype);
  };
  for (size_t l = 0; l < impl.loops.size(); ++l) {
    impl.ctx[l].loop = impl.loops[l].first;
    impl.ctx[l].outer =
        impl.loops[l].second < 0 ? loops : &impl.ctx[impl.loops[l].second];
  }
  auto chain = [&](int32_t loop) -> const LoopCtx * {
    return loop < 0 ? loops : &impl.ctx[loop];
  };

  int64_t ops = 0;
  const Instr *code = impl.code.data();
  uint32_t pc = 0;
  auto slowBinary = [&](const Instr &in) {
    // No fast result (a zero divisor...): the kernel has the verdict.
    try {
      regs[in.dst] = toReg(Scalar::fromTensor(kernels::binary(
          in.kind, scalar(in.a).toTensor(), scalar(in.b).toTensor())));
    } catch (const std::exception &e) {
      throw makeError(*in.node, e.what(), chain(in.loop));
    }
  };

  // Threaded dispatch where the compiler has computed goto (each handler
  // jumps to the next one itself, which predicts far better than one shared
  // indirect jump); a plain switch elsewhere.
#if defined(__GNUC__)
#define AG_OP(name) L_##name:
#define AG_NEXT goto *labels[static_cast<size_t>(code[pc].op)]
  static void *const labels[] = {
      &&L_Binary,      &&L_Unary,       &&L_Select,      &&L_Move,
      &&L_Jump,        &&L_JumpIfNot,   &&L_Branch,      &&L_LoopEnter,
      &&L_LoopNext,    &&L_ForCheck,    &&L_ForTest,     &&L_ForStep,
      &&L_Halt,        &&L_AddI64,      &&L_SubI64,      &&L_MulI64,
      &&L_DivI64,      &&L_RemI64,      &&L_EqI64,       &&L_NeI64,
      &&L_LtI64,       &&L_LeI64,       &&L_GtI64,       &&L_GeI64,
      &&L_DivPow2I64,  &&L_RemPow2I64,  &&L_AddF64,      &&L_SubF64,
      &&L_MulF64,      &&L_DivF64,      &&L_LtF64,       &&L_LeF64,
      &&L_GtF64,       &&L_GeF64,       &&L_UnlessEqI64, &&L_UnlessNeI64,
      &&L_UnlessLtI64, &&L_UnlessLeI64, &&L_UnlessGtI64, &&L_UnlessGeI64,
      &&L_LoopBack};
  static_assert(sizeof(labels) / sizeof(labels[0]) ==
                    static_cast<size_t>(Op::LoopBack) + 1,
                "one label per opcode");
  AG_NEXT;
  {
#else
#define AG_OP(name) case Op::name:
#define AG_NEXT continue
  for (;;) {
    switch (code[pc].op) {
#endif
    AG_OP(Binary) {
      const Instr &in = code[pc];
      ++ops;
      Scalar r;
      if (scalarBinary(in.kind, scalar(in.a), scalar(in.b), r))
        regs[in.dst] = toReg(r);
      else
        slowBinary(in);
      ++pc;
      AG_NEXT;
    }
    AG_OP(Unary) {
      const Instr &in = code[pc];
      ++ops;
      Scalar r;
      if (scalarUnary(in.kind, scalar(in.a), r)) {
        regs[in.dst] = toReg(r);
      } else {
        try {
          regs[in.dst] = toReg(Scalar::fromTensor(
              kernels::unary(in.kind, scalar(in.a).toTensor())));
        } catch (const std::exception &e) {
          throw makeError(*in.node, e.what(), chain(in.loop));
        }
      }
      ++pc;
      AG_NEXT;
    }
    AG_OP(Select) {
      const Instr &in = code[pc];
      ++ops;
      regs[in.dst] = regs[in.a].b ? regs[in.b] : regs[in.c];
      ++pc;
      AG_NEXT;
    }
    AG_OP(Move) {
      const Instr &in = code[pc];
      regs[in.dst] = regs[in.a];
      ++pc;
      AG_NEXT;
    }
    AG_OP(Jump) {
      pc = code[pc].target;
      AG_NEXT;
    }
    AG_OP(Branch) {
      ++ops;
      const Instr &in = code[pc];
      pc = regs[in.a].b ? pc + 1 : in.target;
      AG_NEXT;
    }
    AG_OP(JumpIfNot) {
      const Instr &in = code[pc];
      pc = regs[in.a].b ? pc + 1 : in.target;
      AG_NEXT;
    }
    AG_OP(LoopEnter) {
      ++ops;
      impl.ctx[code[pc].loop].iteration = code[pc].b;
      ++pc;
      AG_NEXT;
    }
    AG_OP(LoopBack) {
      LoopCtx &ctx = impl.ctx[code[pc].loop];
      budget.checkIteration(*ctx.loop, ++ctx.iteration, ctx.outer);
      pc = code[pc].target;
      AG_NEXT;
    }
#define AG_UNLESS_OP(NAME, OP)                                                 \
  AG_OP(NAME) {                                                                \
    const Instr &in = code[pc];                                                \
    ++ops;                                                                     \
    pc = regs[in.a].i64 OP regs[in.b].i64 ? pc + 1 : in.target;                \
    AG_NEXT;                                                                   \
  }
    AG_UNLESS_OP(UnlessEqI64, ==)
    AG_UNLESS_OP(UnlessNeI64, !=)
    AG_UNLESS_OP(UnlessLtI64, <)
    AG_UNLESS_OP(UnlessLeI64, <=)
    AG_UNLESS_OP(UnlessGtI64, >)
    AG_UNLESS_OP(UnlessGeI64, >=)
#undef AG_UNLESS_OP
    AG_OP(LoopNext) {
      LoopCtx &ctx = impl.ctx[code[pc].loop];
      budget.checkIteration(*ctx.loop, ++ctx.iteration, ctx.outer);
      ++pc;
      AG_NEXT;
    }
    AG_OP(ForCheck) {
      const Instr &in = code[pc];
      if (regs[in.a].i64 == 0)
        throw makeError(*in.node, "the step of this loop is zero",
                        chain(in.loop));
      ++pc;
      AG_NEXT;
    }
    AG_OP(ForTest) {
      const Instr &in = code[pc];
      int64_t iv = regs[in.a].i64, step = regs[in.b].i64, ub = regs[in.c].i64;
      pc = (step > 0 ? iv < ub : iv > ub) ? pc + 1 : in.target;
      AG_NEXT;
    }
    AG_OP(ForStep) {
      const Instr &in = code[pc];
      // An induction value that would overflow is past any bound: end the
      // loop, as the general evaluator does.
      if (__builtin_add_overflow(regs[in.a].i64, regs[in.b].i64,
                                 &regs[in.a].i64))
        regs[in.a].i64 = regs[in.c].i64;
      ++pc;
      AG_NEXT;
    }
// The specialized forms compute through the same ag::sem functors as the
// kernels; only the dispatch is specialized.
#define AG_TYPED_OP(NAME, SEM, FIELD, OUT)                                     \
  AG_OP(NAME) {                                                                \
    const Instr &in = code[pc];                                                \
    ++ops;                                                                     \
    regs[in.dst].OUT = sem::SEM::apply(regs[in.a].FIELD, regs[in.b].FIELD);    \
    ++pc;                                                                      \
    AG_NEXT;                                                                   \
  }
    AG_TYPED_OP(AddI64, Add, i64, i64)
    AG_TYPED_OP(SubI64, Sub, i64, i64)
    AG_TYPED_OP(MulI64, Mul, i64, i64)
    AG_TYPED_OP(EqI64, Eq, i64, b)
    AG_TYPED_OP(NeI64, Ne, i64, b)
    AG_TYPED_OP(LtI64, Lt, i64, b)
    AG_TYPED_OP(LeI64, Le, i64, b)
    AG_TYPED_OP(GtI64, Gt, i64, b)
    AG_TYPED_OP(GeI64, Ge, i64, b)
    AG_TYPED_OP(LtF64, Lt, f64, b)
    AG_TYPED_OP(LeF64, Le, f64, b)
    AG_TYPED_OP(GtF64, Gt, f64, b)
    AG_TYPED_OP(GeF64, Ge, f64, b)
    AG_TYPED_OP(AddF64, Add, f64, f64)
    AG_TYPED_OP(SubF64, Sub, f64, f64)
    AG_TYPED_OP(MulF64, Mul, f64, f64)
    AG_TYPED_OP(DivF64, Div, f64, f64)
#undef AG_TYPED_OP
    AG_OP(DivI64)
    AG_OP(RemI64) {
      const Instr &in = code[pc];
      ++ops;
      int64_t x = regs[in.a].i64, y = regs[in.b].i64;
      if (sem::checkDivision(x, y, in.op == Op::RemI64))
        slowBinary(in); // the kernel reports it (zero divisor, overflow)
      else
        regs[in.dst].i64 =
            in.op == Op::DivI64 ? sem::Div::apply(x, y) : sem::Rem::apply(x, y);
      ++pc;
      AG_NEXT;
    }
    AG_OP(DivPow2I64)
    AG_OP(RemPow2I64) {
      // Strength reduction of sem::Div/sem::Rem on int64 by a constant 2^c
      // (exactly what a C++ compiler emits for them): bias negative
      // dividends by 2^c - 1, then shift.
      const Instr &in = code[pc];
      ++ops;
      int64_t x = regs[in.a].i64;
      int64_t bias = (x >> 63) & ((int64_t(1) << in.c) - 1);
      int64_t q = (x + bias) >> in.c;
      regs[in.dst].i64 =
          in.op == Op::DivPow2I64
              ? q
              : static_cast<int64_t>(static_cast<uint64_t>(x) -
                                     (static_cast<uint64_t>(q) << in.c));
      ++pc;
      AG_NEXT;
    }
    AG_OP(Halt) {
      for (auto &[slot, r] : impl.outputs)
        slots[slot] = Value(scalar(r));
      return ops;
    }
#if !defined(__GNUC__)
  }
#endif
}
#undef AG_OP
#undef AG_NEXT
}

} // namespace ag::exec
