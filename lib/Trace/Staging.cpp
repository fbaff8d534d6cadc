//===- Staging.cpp - ag::if_, ag::while_, ... eagerly and traced ----------===//
//
// Each staging call runs its C++ construct eagerly when no tracer is active.
// While tracing, it records structured control flow: regions are traced
// into detached blocks (so the op's result types can follow from what the
// regions produce), user lambdas are called from here and never from an
// MLIR callback, and RAII guards restore the builder, the region frames and
// the variables when an ag::Error unwinds through.
//
//===----------------------------------------------------------------------===//

#include "TraceBuilder.h"

#include "ag/Node.h"
#include "ag/runtime/HostNode.h"
#include "ag/runtime/Kernels.h"
#include "ag/semantics/Format.h"

#include <any>
#include <cstdarg>
#include <cstdio>
#include <cstring>
#include <exception>
#include <iostream>
#include <limits>
#include <optional>
#include <sstream>

using namespace mlir;

namespace ag {

using trace::Frame;
using trace::FrameGuard;
using trace::Scope;
using trace::scopeStack;
using trace::sourceLocOf;
using trace::TraceBuilder;

namespace {

/// Only the converter's return slots may be merged with a zero when a path
/// leaves them undefined: that path returned earlier, so the value is never
/// read. A user variable undefined on a path is a real error.
bool isReturnSlot(llvm::StringRef name) {
  return name.starts_with("ag_retval");
}

/// The converter's flag set by a lowered `return`.
constexpr llvm::StringLiteral kReturnFlag = "ag_do_return";

/// True if `flag` is the literal `true` a lowered `return` assigns: the path
/// certainly returned.
bool certainlyTrue(const Tensor &flag) {
  return flag.defined() && !flag.isStaged() && flag.dtype() == DType::Bool &&
         flag.shape().empty() && flag.item<bool>();
}

/// The out-parameter whose value at each return slot `name` keeps
/// (`ag_retval.out`, see detail::outAtReturn_), or empty for the function's
/// result and other variables.
llvm::StringRef slotParam(llvm::StringRef name) {
  return name.starts_with("ag_retval.") ? name.drop_front(10) : "";
}

/// The part of a composite result (std::pair, std::tuple, struct) a return
/// slot `ag_retval[part]` holds, or empty.
llvm::StringRef resultPart(llvm::StringRef name) {
  return name.starts_with("ag_retval[") && name.ends_with("]")
             ? name.drop_front(10).drop_back()
             : "";
}

/// "the return value", or "'second' of the return value".
std::string returnValue(llvm::StringRef name) {
  llvm::StringRef part = resultPart(name);
  return part.empty() ? "the return value"
                      : "'" + part.str() + "' of the return value";
}

/// How merge errors speak of a variable: the return slot is the user's
/// return value, not a name they wrote.
std::string isTypeHere(llvm::StringRef name, const std::string &type) {
  if (!slotParam(name).empty())
    return "out-parameter '" + slotParam(name).str() + "' is " + type +
           " when the function returns here";
  if (!resultPart(name).empty())
    return "'" + resultPart(name).str() + "' of the value returned here is " +
           type;
  return isReturnSlot(name) ? "the value returned here is " + type
                            : "'" + name.str() + "' is " + type + " here";
}

std::string typeString(const Tensor &t) {
  return std::string(dtypeName(t.dtype())) + shapeToString(t.shape());
}

std::string typeString(Type type) {
  if (auto host = llvm::dyn_cast<ir::HostType>(type))
    return host.getName().str();
  auto tensor = llvm::dyn_cast<RankedTensorType>(type);
  if (!tensor)
    return "a list";
  return std::string(dtypeName(TraceBuilder::dtypeOf(type))) +
         shapeToString(TraceBuilder::shapeOf(tensor));
}

Tensor boolScalar(bool value) { return Tensor::full(DType::Bool, {}, value); }

/// True if a weak `value` may take `dtype` when merged with a typed value:
/// the same rule as in arithmetic, so a literal never loses its kind (a
/// float literal does not silently become an integer).
bool adopts(const Tensor &value, DType dtype) {
  if (!value.isWeak())
    return false;
  detail::TensorImpl typed;
  typed.dtype = dtype;
  return detail::operandType(OpKind::Eq, *value.impl(), typed) == dtype;
}

/// The shape a value of shape `a` on one path and `b` on another has after
/// the merge: equal dimensions stay, a dimension that differs (or is known
/// only at evaluation, -1, on either path) is unknown: eagerly the variable
/// simply has the taken path's shape. None if the ranks differ.
std::optional<Shape> joinShapes(const Shape &a, const Shape &b) {
  if (a.size() != b.size())
    return std::nullopt;
  Shape joined = a;
  for (size_t i = 0; i < a.size(); ++i)
    if (a[i] != b[i])
      joined[i] = -1;
  return joined;
}

/// The variables a construct may assign, their values when it starts and
/// where each was last assigned (to point at both lines in errors).
struct VarSnapshot {
  explicit VarSnapshot(Vars vars)
      : refs(vars), uncaught(std::uncaught_exceptions()) {
    TraceBuilder *t = TraceBuilder::active();
    for (const VarRef &ref : refs) {
      values.push_back(*ref.ref);
      // A dead variable gets its value from before the construct back, not
      // the eager one: never fetchable by name.
      if (!ref.merged && t && scopeStack().size() == 1)
        t->unbindable(ref.name);
    }
    if (!scopeStack().empty())
      lastAssign = scopeStack().back().lastAssign;
  }
  /// On an ag::Error the variables must not keep values of the discarded
  /// regions.
  ~VarSnapshot() {
    if (std::uncaught_exceptions() > uncaught)
      for (size_t i = 0; i < refs.size(); ++i)
        *refs[i].ref = values[i];
  }
  VarSnapshot(const VarSnapshot &) = delete;
  VarSnapshot &operator=(const VarSnapshot &) = delete;
  /// `afterLoop`: the loop's body was traced; where it set the return slot
  /// (a `return` inside the loop) is kept for merge errors after the loop.
  void restore(bool afterLoop = false) const {
    for (size_t i = 0; i < refs.size(); ++i)
      *refs[i].ref = values[i];
    if (scopeStack().empty())
      return;
    llvm::StringMap<Loc> &assigned = scopeStack().back().lastAssign;
    llvm::StringMap<Loc> slots;
    if (afterLoop)
      for (const auto &entry : assigned)
        if (isReturnSlot(entry.getKey()))
          slots[entry.getKey()] = entry.getValue();
    assigned = lastAssign;
    for (const auto &entry : slots)
      assigned[entry.getKey()] = entry.getValue();
  }
  bool anyUndefined() const {
    for (size_t i = 0; i < refs.size(); ++i)
      if (refs[i].merged && !values[i].defined())
        return true;
    return false;
  }

  std::vector<VarRef> refs;
  std::vector<Tensor> values;
  llvm::StringMap<Loc> lastAssign;
  int uncaught;
  /// A loop's carried variables whose eager dtype depends on the path (see
  /// PathWeak): in the body's first iteration, and after a loop that may
  /// run no iteration (`canSkip`; a do/while runs one).
  std::vector<std::shared_ptr<const detail::PathWeak>> firstIteration,
      noIteration;
  bool canSkip = true;
  /// The PathWeak of variable `i`'s block arguments, and of the loop's
  /// results.
  std::shared_ptr<const detail::PathWeak> argPathWeak(size_t i) const {
    if (i < firstIteration.size() && firstIteration[i])
      return firstIteration[i];
    return values[i].defined() ? values[i].impl()->pathWeak : nullptr;
  }
  std::shared_ptr<const detail::PathWeak> resultPathWeak(size_t i) const {
    if (i < noIteration.size() && noIteration[i])
      return noIteration[i];
    return values[i].defined() ? values[i].impl()->pathWeak : nullptr;
  }
};

/// True if a flag of a lowered `return`, `break` or `continue` (the
/// converter names them `ag_do_return`, `ag_break_N`, `ag_continue_N`) is
/// certainly set at the end of `branch`: that path left, and the converter
/// proved (definite assignment) that nothing it reaches reads a variable it
/// left without a value.
bool isJumpFlag(llvm::StringRef name) {
  return name == kReturnFlag || name.starts_with("ag_break_") ||
         name.starts_with("ag_continue_");
}

bool certainlyJumped(const VarSnapshot &vars,
                     const std::vector<Tensor> &branch) {
  for (size_t i = 0; i < vars.refs.size(); ++i)
    if (isJumpFlag(vars.refs[i].name) && certainlyTrue(branch[i]))
      return true;
  return false;
}

/// Where `name` was last assigned according to `assigned`, else `fallback`.
SourceLoc assignedAt(llvm::StringRef name, const llvm::StringMap<Loc> &assigned,
                     const Loc &fallback) {
  auto it = assigned.find(name);
  SourceLoc loc = sourceLocOf(it == assigned.end() ? fallback : it->second);
  loc.name = name.str();
  return loc;
}

/// How messages name variable `name`: quoted, or what the converter's slot
/// stands for.
std::string shownName(llvm::StringRef name) {
  if (name == "?:" || name == "&&" || name == "||")
    return "the value of the '" + name.str() + "'";
  if (isReturnSlot(name))
    return returnValue(name);
  if (!slotParam(name).empty())
    return "out-parameter '" + slotParam(name).str() + "'";
  return "'" + name.str() + "'";
}

const llvm::StringMap<Loc> &currentAssignments() {
  static const llvm::StringMap<Loc> none;
  return scopeStack().empty() ? none : scopeStack().back().lastAssign;
}

/// Attaches `blocks` to a new op built from `state` at the insertion point.
Operation *
createWithRegions(TraceBuilder &t, OperationState &state,
                  std::initializer_list<std::unique_ptr<Block> *> blocks) {
  for (std::unique_ptr<Block> *block : blocks)
    state.addRegion()->push_back(block->release());
  return t.builder().create(state);
}

//===----------------------------------------------------------------------===//
// ag.if
//===----------------------------------------------------------------------===//

struct Branch {
  std::unique_ptr<Block> block = std::make_unique<Block>();
  std::vector<Tensor> values; // the variables, then the branch's own value
  Value token;                // null when the branch had no effect
  llvm::StringMap<Loc> lastAssign;
};

void traceBranch(TraceBuilder &t, const VarSnapshot &vars, ValueFn fn,
                 Branch &out) {
  vars.restore();
  Tensor value;
  {
    FrameGuard frame(t, {Frame::Kind::Branch, out.block.get(),
                         t.frames().back().token, nullptr});
    if (fn)
      value = fn();
    out.token = frame.token();
  }
  for (const VarRef &ref : vars.refs)
    out.values.push_back(*ref.ref);
  out.values.push_back(value);
  out.lastAssign = currentAssignments();
}

/// `value` (or a zero when undefined) as the branch's yield of `type`.
/// True for the handle of an ag::Lazy (a host value, staged or eager).
bool isHostValue(TraceBuilder &t, const Tensor &value) {
  return value.defined() &&
         (value.impl()->host ||
          (value.impl()->symbolic && llvm::isa<ir::HostType>(t.typeOf(value))));
}

Value yieldValue(TraceBuilder &t, Block *block, const Tensor &value,
                 DType dtype, const Shape &shape) {
  OpBuilder::InsertionGuard guard(t.builder());
  t.builder().setInsertionPointToEnd(block);
  if (!value.defined())
    return t.zero(t.tensorType(dtype, shape));
  // A value whose dtype depends on the path flows on: its uses are checked.
  TraceBuilder::PathWeakExempt merged(t);
  return t.operand(value, dtype, shape, /*full=*/true);
}

/// What buildIf builds: an ag.if on `cond`, or an ag.try (no condition;
/// the then branch is the body, the else branch the handler).
enum class Construct { If, Try, TryAll };

/// Merges the two traced branches of one if into the values after it: checks
/// that each variable can merge, collects the yields and the op's result
/// types, builds the ag.if and records where each variable was assigned.
class IfMerge {
public:
  IfMerge(TraceBuilder &t, const Loc &loc, const VarSnapshot &vars,
          Branch &thenB, Branch &elseB, const char *valueName,
          Construct construct,
          const std::vector<std::string> *catches = nullptr)
      : t(t), loc(loc), ifLoc(sourceLocOf(loc)), vars(vars), thenB(thenB),
        elseB(elseB), valueName(valueName), construct(construct),
        catches(catches), results(thenB.values.size()) {
    findReturningBranches();
  }

  /// The value after the if of variable `i` (or of the branches' own value,
  /// the last one): unmerged, or a result of the op built later.
  void mergeValue(size_t i);
  /// Builds the ag.if over `cond` at the insertion point, threading the
  /// effect token if a branch has effects.
  void createOp(Value cond);
  /// The variables (assigned back), then the branches' own value.
  std::vector<Tensor> finish();

private:
  void findReturningBranches();
  /// Whether nothing reads variable `i` after a branch that returned.
  bool mootAfterReturn(size_t i, llvm::StringRef name, const Tensor &a,
                       const Tensor &b) const;
  /// For a variable moot after a return: true (and sets the result) if the
  /// if need not yield it; else clears the returning side, which yields a
  /// zero.
  bool takeLiveSide(size_t i, const std::string &name, Tensor &a, Tensor &b);
  /// Fails, at the user's lines, unless `a` and `b` can merge into one value.
  void checkMergeable(const std::string &name, const Tensor &a, const Tensor &b,
                      bool moot) const;
  /// Adds the yields of `a` and `b` as one result of the if.
  void yieldMerged(size_t i, const Tensor &a, const Tensor &b);
  /// The PathWeak of variable `i` merged into `dtype`: where its eager dtype
  /// depends on the branch taken.
  std::shared_ptr<const detail::PathWeak>
  pathWeakOfMerge(size_t i, const Tensor &a, const Tensor &b, DType dtype,
                  bool weak) const;
  /// Where each merged variable counts as assigned after the if.
  void recordAssignments();

  TraceBuilder &t;
  const Loc &loc;
  SourceLoc ifLoc;
  const VarSnapshot &vars;
  Branch &thenB, &elseB;
  const char *valueName;
  Construct construct;
  /// Try: the types of its typed clauses (ag.try catches), if any.
  const std::vector<std::string> *catches;
  bool thenReturned = false, elseReturned = false;
  std::vector<Tensor> results;
  llvm::SmallVector<Value> thenYield, elseYield;
  llvm::SmallVector<Type> types;
  struct Merged {
    size_t index;
    bool weak;
    std::shared_ptr<const detail::PathWeak> pathWeak;
  };
  std::vector<Merged> merged;
  Operation *op = nullptr;
  bool threadsToken = false;
};

void IfMerge::findReturningBranches() {
  // A branch that certainly returned (a lowered `return`, or the else of the
  // converter's guard `if (!ag_do_return)`): nothing reads its variables any
  // more but the return slots (out-parameters have theirs too), so the other
  // branch's values are the merged ones. Merging would demand a value the
  // returning path need not have (an out-parameter assigned only before the
  // return).
  for (size_t i = 0; i < vars.refs.size(); ++i)
    if (vars.refs[i].name == kReturnFlag) {
      thenReturned = certainlyTrue(thenB.values[i]);
      elseReturned = certainlyTrue(elseB.values[i]);
    }
}

bool IfMerge::mootAfterReturn(size_t i, llvm::StringRef name, const Tensor &a,
                              const Tensor &b) const {
  // (Not a staged list or a lazy host value: they have a value on every
  // path, and no zero could stand in for them.)
  return i < vars.refs.size() && (thenReturned || elseReturned) &&
         !isReturnSlot(name) &&
         (name != kReturnFlag || (thenReturned && elseReturned)) &&
         !(a.defined() && (t.isList(a) || isHostValue(t, a))) &&
         !(b.defined() && (t.isList(b) || isHostValue(t, b)));
}

bool IfMerge::takeLiveSide(size_t i, const std::string &name, Tensor &a,
                           Tensor &b) {
  if (scopeStack().size() == 1)
    t.unbindable(name); // not the value each path returned with
  if (thenReturned && elseReturned) {
    // Every path returned: only the flag is still read.
    results[i] = name == kReturnFlag ? a : vars.values[i];
    return true;
  }
  // The returning side yields a zero: the other's value, unless that is the
  // value from before the if (it dominates the if) or none.
  (thenReturned ? a : b) = Tensor();
  const Tensor &live = thenReturned ? b : a;
  if (live.defined() && live.impl() != vars.values[i].impl())
    return false;
  results[i] = live;
  if (!scopeStack().empty()) {
    const Branch &from = thenReturned ? elseB : thenB;
    auto it = from.lastAssign.find(name);
    if (it != from.lastAssign.end())
      scopeStack().back().lastAssign[name] = it->second;
  }
  return true;
}

void IfMerge::checkMergeable(const std::string &name, const Tensor &a,
                             const Tensor &b, bool moot) const {
  SourceLoc thenAt = assignedAt(name, thenB.lastAssign, loc);
  SourceLoc elseAt = assignedAt(name, elseB.lastAssign, loc);
  if (!a.defined() || !b.defined()) {
    bool inThen = a.defined();
    if (isReturnSlot(name) || moot ||
        certainlyJumped(vars, (inThen ? elseB : thenB).values))
      return;
    // The other branch may have assigned it a value-less tensor (from a
    // helper that was not converted): show that assignment too.
    std::vector<DiagnosticNote> notes;
    const Branch &empty = inThen ? elseB : thenB;
    auto inBranch = empty.lastAssign.find(name);
    auto before = vars.lastAssign.find(name);
    if (inBranch != empty.lastAssign.end() &&
        (before == vars.lastAssign.end() ||
         inBranch->second.line != before->second.line ||
         inBranch->second.col != before->second.col))
      notes.push_back({inThen ? elseAt : thenAt,
                       "'" + name + "' is assigned no value here"});
    notes.push_back({ifLoc, "the if is here"});
    t.fail(inThen ? thenAt : elseAt,
           "variable '" + name + "' is assigned in the " +
               (inThen ? "then" : "else") +
               " branch of this if but has no value in the " +
               (inThen ? "else" : "then") + " branch (nor before the if)",
           std::move(notes));
  }
  if (isHostValue(t, a) || isHostValue(t, b)) {
    if (t.typeOf(a) != t.typeOf(b))
      t.fail(thenAt,
             "variable '" + name + "' has type " + typeString(t.typeOf(a)) +
                 " after the then branch but " + typeString(t.typeOf(b)) +
                 " after the else branch of this if",
             {{elseAt, "'" + name + "' is assigned here"},
              {ifLoc, "the if is here"}});
    return;
  }
  if (joinShapes(a.shape(), b.shape()) &&
      (a.dtype() == b.dtype() || adopts(a, b.dtype()) || adopts(b, a.dtype())))
    return;
  if (!slotParam(name).empty())
    t.fail(thenAt,
           "out-parameter '" + slotParam(name).str() + "' is " + typeString(a) +
               " when the function returns here but " + typeString(b) +
               " on another path; a converted function gives an "
               "out-parameter one dtype and shape",
           {{elseAt, isTypeHere(name, typeString(b))}});
  if (isReturnSlot(name))
    // The if may be the converter's (the code after an early return).
    t.fail(thenAt,
           "this function returns " + typeString(a) +
               (resultPart(name).empty()
                    ? std::string()
                    : " as '" + resultPart(name).str() + "'") +
               " here but " + typeString(b) +
               " on another path; a converted function returns one "
               "dtype and shape",
           {{elseAt, isTypeHere(name, typeString(b))}});
  if (name == "?:")
    // A staged conditional expression is no variable of the user's.
    t.fail(
        ifLoc,
        "the sides of this '?:' are " + typeString(a) + " and " +
            typeString(b) + "; a staged '?:' gives one dtype and shape" +
            (a.dtype() != b.dtype() ? " (cast one side with ag::cast)" : ""));
  t.fail(thenAt,
         "variable '" + name + "' is " + typeString(a) +
             " after the then branch but " + typeString(b) +
             " after the else branch of this if; a variable merged "
             "after an if needs one dtype and shape",
         {{elseAt, "'" + name + "' is " + typeString(b) + " here"},
          {ifLoc, "the if is here"}});
}

void IfMerge::yieldMerged(size_t i, const Tensor &a, const Tensor &b) {
  // A weak value adopts the other branch's dtype, as in arithmetic.
  const Tensor &typed =
      !b.defined() || (a.defined() && !adopts(a, b.dtype())) ? a : b;
  DType dtype = typed.dtype();
  Shape shape = a.defined() && b.defined() ? *joinShapes(a.shape(), b.shape())
                                           : typed.shape();
  thenYield.push_back(yieldValue(t, thenB.block.get(), a, dtype, shape));
  elseYield.push_back(yieldValue(t, elseB.block.get(), b, dtype, shape));
  types.push_back(thenYield.back().getType());
  // An undefined side (a path that returned, or has not returned yet, for a
  // return slot) yields a placeholder: the defined side decides.
  bool weak = !a.defined() || !b.defined() ? (a.defined() ? a : b).isWeak()
                                           : a.isWeak() && b.isWeak();
  merged.push_back({i, weak, pathWeakOfMerge(i, a, b, dtype, weak)});
}

std::shared_ptr<const detail::PathWeak>
IfMerge::pathWeakOfMerge(size_t i, const Tensor &a, const Tensor &b,
                         DType dtype, bool weak) const {
  // Eagerly the variable is whichever side ran: a side that is a weak value
  // of another dtype (or already one on some path) marks the merged value.
  std::string name =
      shownName(i < vars.refs.size() ? vars.refs[i].name : valueName);
  llvm::StringRef what = construct != Construct::If ? "try"
                         : i < vars.refs.size() || !*valueName
                             ? "if"
                             : llvm::StringRef(valueName);
  std::string where =
      "the " + what.str() + " at line " + std::to_string(ifLoc.line);
  auto sideOf = [&](const Tensor &side, const Branch &branch, bool isThen) {
    if (!side.defined())
      return std::shared_ptr<const detail::PathWeak>();
    llvm::StringRef var = i < vars.refs.size() ? vars.refs[i].name : "";
    SourceLoc literalAt = branch.lastAssign.count(var)
                              ? assignedAt(var, branch.lastAssign, loc)
                              : assignedAt(var, vars.lastAssign, loc);
    return t.pathWeakOf(side, dtype, weak, name,
                        "when " + where + " takes its " +
                            (isThen ? "then" : "else") + " branch",
                        literalAt);
  };
  if (a.defined() != b.defined()) {
    // A return slot set on one path only (the other returned, or returns
    // later): the merged value is that path's, so a literal stays known for
    // a later merge with a typed return value (`if (n < 0) return 0;`).
    const Tensor &side = a.defined() ? a : b;
    const detail::TensorImpl &impl = *side.impl();
    if (!impl.pathWeak && impl.weak && !impl.symbolic && impl.storage &&
        !impl.host) {
      auto known = std::make_shared<detail::PathWeak>();
      known->dtype = impl.dtype;
      known->values = {side};
      llvm::StringRef var = i < vars.refs.size() ? vars.refs[i].name : "";
      known->name = name;
      known->path = "when " + where + " takes its " +
                    (a.defined() ? "then" : "else") + " branch";
      known->literalAt =
          assignedAt(var, (a.defined() ? thenB : elseB).lastAssign, loc);
      return known;
    }
  }
  auto fromThen = sideOf(a, thenB, true), fromElse = sideOf(b, elseB, false);
  if (!fromThen || !fromElse || fromThen == fromElse)
    return fromThen ? fromThen : fromElse;
  // Weak on both paths, differently: the values of both (or, of other
  // dtypes, none: each use is then checked on sample values).
  auto both = std::make_shared<detail::PathWeak>(*fromThen);
  if (fromThen->dtype != fromElse->dtype || fromThen->weak != fromElse->weak ||
      fromThen->values.empty() || fromElse->values.empty())
    both->values.clear();
  else
    both->values = detail::unionOfValues(fromThen->values, fromElse->values);
  both->sampled = fromThen->sampled || fromElse->sampled;
  return both;
}

void IfMerge::mergeValue(size_t i) {
  Tensor a = thenB.values[i], b = elseB.values[i];
  std::string name = i < vars.refs.size() ? vars.refs[i].name : valueName;
  if (i < vars.refs.size() && !vars.refs[i].merged) {
    results[i] = vars.values[i]; // dead after the if: its value before
    return;
  }
  bool moot = mootAfterReturn(i, name, a, b);
  if (moot && takeLiveSide(i, name, a, b))
    return;
  // A break/continue flag set on both paths stays certainly set.
  if (i < vars.refs.size() && isJumpFlag(name) && certainlyTrue(a) &&
      certainlyTrue(b)) {
    results[i] = a;
    return;
  }
  if (a.impl() == b.impl()) { // unchanged on both paths (or undefined)
    results[i] = a;
    return;
  }
  checkMergeable(name, a, b, moot);
  yieldMerged(i, a, b);
}

void IfMerge::createOp(Value cond) {
  // Effects in a branch make the if produce the next token.
  Value before = t.frames().back().token;
  Value thenToken = thenB.token ? thenB.token : before;
  Value elseToken = elseB.token ? elseB.token : before;
  threadsToken = thenToken != before || elseToken != before;
  if (threadsToken) {
    thenYield.push_back(thenToken);
    elseYield.push_back(elseToken);
    types.push_back(t.tokenType());
  }

  Location opLoc = t.currentLoc(/*named=*/false);
  for (auto [block, yields] : {std::pair(thenB.block.get(), &thenYield),
                               std::pair(elseB.block.get(), &elseYield)}) {
    OpBuilder::InsertionGuard guard(t.builder());
    t.builder().setInsertionPointToEnd(block);
    t.builder().create<ir::YieldOp>(opLoc, *yields);
  }
  bool isTry = construct != Construct::If;
  OperationState state(opLoc, isTry ? ir::TryOp::getOperationName()
                                    : ir::IfOp::getOperationName());
  if (!isTry)
    state.addOperands(cond);
  state.addTypes(types);
  op = createWithRegions(t, state, {&thenB.block, &elseB.block});
  if (construct == Construct::TryAll)
    llvm::cast<ir::TryOp>(op).setAll(true);
  if (catches)
    llvm::cast<ir::TryOp>(op).setCatchesAttr(t.builder().getStrArrayAttr(
        llvm::SmallVector<llvm::StringRef>(catches->begin(), catches->end())));
}

void IfMerge::recordAssignments() {
  if (scopeStack().empty())
    return;
  auto &assigned = scopeStack().back().lastAssign;
  for (const Merged &m : merged) {
    size_t i = m.index;
    if (i >= vars.refs.size())
      continue;
    // The return slot keeps the return statement that set it (an early
    // return's branch), so a later mismatch points at the user's return.
    llvm::StringRef name = vars.refs[i].name;
    auto from = [&](const Branch &b) {
      auto it = b.lastAssign.find(name);
      return it == b.lastAssign.end() ? loc : it->second;
    };
    bool thenSet = thenB.values[i].impl() != vars.values[i].impl(),
         elseSet = elseB.values[i].impl() != vars.values[i].impl();
    if (!isReturnSlot(name) || thenSet == elseSet)
      assigned[name] = loc;
    else
      assigned[name] = from(thenSet ? thenB : elseB);
  }
}

std::vector<Tensor> IfMerge::finish() {
  for (size_t k = 0; k < merged.size(); ++k)
    results[merged[k].index] = TraceBuilder::withPathWeak(
        t.wrap(op->getResult(k), merged[k].weak), merged[k].pathWeak);
  if (threadsToken)
    t.setToken(op->getResults().back());
  recordAssignments();
  for (size_t i = 0; i < vars.refs.size(); ++i)
    *vars.refs[i].ref = results[i];
  return std::move(results);
}

/// Traces both branches and builds the ag.if at the insertion point. Returns
/// the merged values: the variables (also assigned back), then the value
/// the branch functions return (for ?:, && and ||, named `valueName`).
std::vector<Tensor> buildIf(TraceBuilder &t, const Loc &loc, Value cond,
                            const VarSnapshot &vars, ValueFn thenFn,
                            ValueFn elseFn, const char *valueName,
                            Construct construct = Construct::If,
                            const std::vector<std::string> *catches = nullptr) {
  Branch thenB, elseB;
  traceBranch(t, vars, thenFn, thenB);
  traceBranch(t, vars, elseFn, elseB);
  vars.restore();
  at(loc);
  IfMerge merge(t, loc, vars, thenB, elseB, valueName, construct, catches);
  for (size_t i = 0; i < thenB.values.size(); ++i)
    merge.mergeValue(i);
  merge.createOp(cond);
  return merge.finish();
}

//===----------------------------------------------------------------------===//
// ag.while and ag.for
//===----------------------------------------------------------------------===//

/// The loop-carried variables (those with a value at the loop's start).
struct Carried {
  std::vector<size_t> vars;
  llvm::SmallVector<Type> types;
};

Carried carriedOf(TraceBuilder &t, const VarSnapshot &snap) {
  Carried c;
  for (size_t i = 0; i < snap.values.size(); ++i) {
    if (!snap.refs[i].merged || !snap.values[i].defined())
      continue;
    c.vars.push_back(i);
    c.types.push_back(t.typeOf(snap.values[i]));
  }
  return c;
}

/// The location of carried variable `k`'s block arguments: named after the
/// variable. The loop's results are named from these (see the lowering's
/// resultName), never from the yielded value's op, whose name is only the
/// statement it was traced in: CSE may have merged it with an equal
/// subexpression of another variable's statement.
Location carriedLoc(TraceBuilder &t, const VarSnapshot &snap, const Carried &c,
                    size_t k, Location loc) {
  const char *name = snap.refs[c.vars[k]].name;
  if (!name || !*name)
    return loc;
  return NameLoc::get(StringAttr::get(t.builder().getContext(), name), loc);
}

/// Binds the carried variables to `block`'s arguments from `first` on.
void bindArgs(TraceBuilder &t, const VarSnapshot &snap, const Carried &c,
              Block *block, unsigned first) {
  for (size_t k = 0; k < c.vars.size(); ++k)
    *snap.refs[c.vars[k]].ref = TraceBuilder::withPathWeak(
        t.wrap(block->getArgument(first + k), snap.values[c.vars[k]].isWeak()),
        snap.argPathWeak(c.vars[k]));
}

/// A weakly typed initial value (a literal) of a carried variable that the
/// loop body turns into `dtype` (weak or not): eagerly the literal adopts
/// the type at the first iteration (`s = 0; s = s + int32_value` makes s
/// int32), so the loop is traced again carrying that type from the start.
struct Retype {
  size_t var; // index into the snapshot
  DType dtype;
  bool weak;
  /// Dimensions the body changes become dynamic (`v = concat(v, x)`):
  /// eagerly the variable simply has another shape at each iteration.
  std::optional<Shape> shape = std::nullopt;
  /// Instead of a new type: an iteration ends with a value whose dtype
  /// depends on the path (PathWeak) other than the one the block arguments
  /// have, so on that path the next iteration starts with it: from now on
  /// the block arguments' (and results') weak value is not known.
  std::shared_ptr<const detail::PathWeak> unknownPathWeak = nullptr;
};

/// `carried` with every dimension `now` gives another size made dynamic,
/// or nullopt if the rank differs.
static std::optional<Shape> relaxedShape(const Shape &carried,
                                         const Shape &now) {
  return joinShapes(carried, now);
}

/// The carried variables' values at the end of a loop region, as their
/// carried types; a variable whose type changed is an error, unless its
/// initial value was weak and adopts the new type: then it is added to
/// `retypes` (when given) and the caller traces the loop again.
llvm::SmallVector<Value> carriedValues(TraceBuilder &t, const VarSnapshot &snap,
                                       const Carried &c, const Loc &loopLoc,
                                       std::vector<Retype> *retypes) {
  // Retyping first: a later variable's change may follow from it.
  for (size_t k = 0; retypes && k < c.vars.size(); ++k) {
    const Tensor &initial = snap.values[c.vars[k]],
                 &now = *snap.refs[c.vars[k]].ref;
    Type type = c.types[k];
    if (!now.defined() || llvm::isa<ir::ListType, ir::HostType>(type) ||
        t.isList(now))
      continue;
    Shape carried = TraceBuilder::shapeOf(type);
    if (now.shape() != carried) {
      std::optional<Shape> relaxed = relaxedShape(carried, now.shape());
      if (relaxed && *relaxed != carried)
        retypes->push_back({c.vars[k], TraceBuilder::dtypeOf(type),
                            initial.isWeak(), *relaxed});
      continue;
    }
    if (!initial.isWeak())
      continue;
    DType dtype = TraceBuilder::dtypeOf(type);
    if ((now.dtype() != dtype && adopts(initial, now.dtype())) ||
        (now.dtype() == dtype && !now.isWeak())) {
      retypes->push_back({c.vars[k], now.dtype(), now.isWeak()});
      continue;
    }
  }
  // An iteration that ends with a value whose dtype depends on the path
  // (other than the one it started with) starts the next one with it.
  for (size_t k = 0; retypes && k < c.vars.size(); ++k) {
    const Tensor &now = *snap.refs[c.vars[k]].ref;
    if (!now.defined() || !now.impl()->pathWeak ||
        llvm::any_of(*retypes,
                     [&](const Retype &r) { return r.var == c.vars[k]; }))
      continue;
    const auto &carried = now.impl()->pathWeak;
    auto arg = snap.argPathWeak(c.vars[k]);
    if (arg == carried ||
        (arg && (arg->values.empty() || arg->sampled) &&
         arg->dtype == carried->dtype && arg->weak == carried->weak))
      continue;
    auto unknown = std::make_shared<detail::PathWeak>(*(arg ? arg : carried));
    unknown->values.clear();
    unknown->sampled = false;
    Type type = c.types[k];
    Retype r{c.vars[k], TraceBuilder::dtypeOf(type),
             snap.values[c.vars[k]].isWeak()};
    r.unknownPathWeak = std::move(unknown);
    retypes->push_back(std::move(r));
  }
  if (retypes && !retypes->empty())
    return {};
  // A value whose dtype depends on the path flows on (checked above).
  TraceBuilder::PathWeakExempt carried(t);
  llvm::SmallVector<Value> values;
  for (size_t k = 0; k < c.vars.size(); ++k) {
    const VarRef &ref = snap.refs[c.vars[k]];
    const Tensor &now = *ref.ref;
    Type type = c.types[k];
    if (llvm::isa<ir::ListType>(type)) {
      // A list stays a list: ag::TensorList only ever holds list values.
      values.push_back(t.valueOf(now));
      continue;
    }
    if (llvm::isa<ir::HostType>(type)) {
      // An ag::Lazy<T> holds T's only: the type cannot change.
      if (!now.defined())
        t.fail(assignedAt(ref.name, currentAssignments(), loopLoc),
               "loop-carried variable '" + std::string(ref.name) +
                   "' has no value at the end of an iteration");
      values.push_back(t.valueOf(now));
      continue;
    }
    DType dtype = TraceBuilder::dtypeOf(type);
    Shape shape = TraceBuilder::shapeOf(type);
    SourceLoc here = assignedAt(ref.name, currentAssignments(), loopLoc);
    if (!now.defined())
      t.fail(here, "loop-carried variable '" + std::string(ref.name) +
                       "' has no value at the end of an iteration");
    // A dimension the loop made dynamic takes any size.
    if (relaxedShape(shape, now.shape()) != shape ||
        (now.dtype() != dtype && !adopts(now, dtype)))
      t.fail(here,
             (!slotParam(ref.name).empty()
                  ? "out-parameter '" + slotParam(ref.name).str() + "'"
              : isReturnSlot(ref.name)
                  ? returnValue(ref.name)
                  : "loop-carried variable '" + std::string(ref.name) + "'") +
                 " changes type in the loop: it is " + typeString(type) +
                 " before the loop and " + typeString(now) +
                 " after an iteration",
             {{assignedAt(ref.name, snap.lastAssign, loopLoc),
               isTypeHere(ref.name, typeString(type))},
              {sourceLocOf(loopLoc), "the loop is here"}});
    values.push_back(t.operand(now, dtype, shape, /*full=*/true));
  }
  return values;
}

/// Types the variables undefined at the loop's start have after the body
/// (null where still undefined).
std::vector<Type> learnedTypes(TraceBuilder &t, const VarSnapshot &snap) {
  std::vector<Type> types(snap.refs.size());
  for (size_t i = 0; i < snap.refs.size(); ++i) {
    const Tensor &now = *snap.refs[i].ref;
    if (snap.refs[i].merged && !snap.values[i].defined() && now.defined())
      types[i] = t.typeOf(now);
  }
  return types;
}

/// Builds a loop with `build(probe, retypes)`. A variable without a value
/// before the loop (the converter's return slot) cannot be carried untyped:
/// probe the body once into scratch blocks to learn its type, then carry a
/// zero. A weak initial value the body retypes (see Retype) is converted
/// and the loop built again; each round only strengthens a type, so a few
/// rounds reach the fixed point (then a remaining change is an error).
template <typename BuildFn>
void buildLoop(TraceBuilder &t, const Loc &loc, VarSnapshot &snap,
               BuildFn build) {
  if (snap.anyUndefined()) {
    std::vector<Type> learned = build(/*probe=*/true, nullptr);
    snap.restore();
    at(loc);
    for (size_t i = 0; i < learned.size(); ++i)
      if (learned[i])
        snap.values[i] = t.wrap(t.zero(learned[i]));
    snap.restore();
  }
  size_t maxRounds = 2 * snap.refs.size() + 2;
  for (size_t round = 0;; ++round) {
    std::vector<Retype> retypes;
    build(/*probe=*/false, round < maxRounds ? &retypes : nullptr);
    if (retypes.empty())
      return;
    // The discarded regions may have left other values in the variables.
    snap.restore();
    at(loc);
    snap.firstIteration.resize(snap.refs.size());
    snap.noIteration.resize(snap.refs.size());
    for (const Retype &r : retypes) {
      Tensor &initial = snap.values[r.var];
      if (r.unknownPathWeak) {
        snap.firstIteration[r.var] = r.unknownPathWeak;
        if (snap.canSkip)
          snap.noIteration[r.var] = r.unknownPathWeak;
        continue;
      }
      if (!snap.firstIteration[r.var]) {
        // Eagerly the literal keeps its dtype until the body retypes it.
        llvm::StringRef name = snap.refs[r.var].name;
        std::string where =
            "the loop at line " + std::to_string(sourceLocOf(loc).line);
        SourceLoc literalAt = assignedAt(name, snap.lastAssign, loc);
        snap.firstIteration[r.var] =
            t.pathWeakOf(initial, r.dtype, r.weak, shownName(name),
                         "in the first iteration of " + where, literalAt);
        if (snap.canSkip)
          snap.noIteration[r.var] =
              t.pathWeakOf(initial, r.dtype, r.weak, shownName(name),
                           "when " + where + " runs no iteration", literalAt);
      }
      Tensor converted = initial.dtype() == r.dtype ? initial : t.located([&] {
        return cast(initial, r.dtype);
      });
      if (r.shape)
        converted = t.wrap(t.operand(converted, r.dtype, *r.shape,
                                     /*full=*/true),
                           converted.isWeak());
      auto impl = std::make_shared<detail::TensorImpl>(*converted.impl());
      impl->weak = r.weak;
      initial = Tensor(std::move(impl));
    }
    snap.restore();
  }
}

enum class LoopKind { While, DoWhile };

std::vector<Type> buildWhile(TraceBuilder &t, LoopKind kind, const Loc &loc,
                             VarSnapshot &snap, CondFn cond, BlockFn body,
                             bool probe, std::vector<Retype> *retypes) {
  Carried c = carriedOf(t, snap);
  auto before = std::make_unique<Block>(), after = std::make_unique<Block>();
  trace::LoopTokens tokens;
  tokens.before = before.get();
  tokens.after = after.get();
  Location argLoc = t.currentLoc(/*named=*/false);
  for (size_t k = 0; k < c.types.size(); ++k) {
    Location loc = carriedLoc(t, snap, c, k, argLoc);
    before->addArgument(c.types[k], loc);
    after->addArgument(c.types[k], loc);
  }

  Value condition, beforeToken, afterToken;
  llvm::SmallVector<Value> forwarded, yielded;
  {
    FrameGuard frame(t,
                     {Frame::Kind::LoopBefore, before.get(), Value(), &tokens});
    bindArgs(t, snap, c, before.get(), 0);
    if (kind == LoopKind::DoWhile) {
      body();
      if (probe)
        return learnedTypes(t, snap);
    }
    Tensor go = cond();
    condition = t.condition(go, "a loop condition");
    forwarded = carriedValues(t, snap, c, loc, retypes);
    if (retypes && !retypes->empty())
      return {};
    beforeToken = frame.token();
  }
  {
    FrameGuard frame(t,
                     {Frame::Kind::LoopAfter, after.get(), Value(), &tokens});
    bindArgs(t, snap, c, after.get(), 0);
    if (kind == LoopKind::While) {
      body();
      if (probe)
        return learnedTypes(t, snap);
      yielded = carriedValues(t, snap, c, loc, retypes);
      if (retypes && !retypes->empty())
        return {};
    } else {
      for (size_t k = 0; k < c.vars.size(); ++k)
        yielded.push_back(after->getArgument(k));
    }
    afterToken = frame.token();
  }

  llvm::SmallVector<Type> types = c.types;
  if (tokens.used()) {
    forwarded.push_back(beforeToken ? beforeToken : tokens.beforeArg);
    yielded.push_back(afterToken ? afterToken : tokens.afterArg);
    types.push_back(t.tokenType());
  }
  snap.restore(/*afterLoop=*/true);
  at(loc);
  Location opLoc = t.currentLoc(/*named=*/false);
  {
    OpBuilder::InsertionGuard guard(t.builder());
    t.builder().setInsertionPointToEnd(before.get());
    t.builder().create<ir::ConditionOp>(opLoc, condition, forwarded);
    t.builder().setInsertionPointToEnd(after.get());
    t.builder().create<ir::YieldOp>(opLoc, yielded);
  }
  TraceBuilder::PathWeakExempt carried(t); // the block arguments carry it
  llvm::SmallVector<Value> inits;
  for (size_t i : c.vars)
    inits.push_back(t.valueOf(snap.values[i]));
  if (tokens.used())
    inits.push_back(t.currentToken());
  OperationState state(opLoc, ir::WhileOp::getOperationName());
  state.addOperands(inits);
  state.addTypes(types);
  Operation *op = createWithRegions(t, state, {&before, &after});

  for (size_t k = 0; k < c.vars.size(); ++k)
    *snap.refs[c.vars[k]].ref = TraceBuilder::withPathWeak(
        t.wrap(op->getResult(k), snap.values[c.vars[k]].isWeak()),
        snap.resultPathWeak(c.vars[k]));
  if (tokens.used())
    t.setToken(op->getResults().back());
  return {};
}

void traceWhile(TraceBuilder &t, LoopKind kind, const Loc &loc, Vars vars,
                CondFn cond, BlockFn body) {
  at(loc);
  VarSnapshot snap(vars);
  snap.canSkip = kind != LoopKind::DoWhile;
  buildLoop(t, loc, snap, [&](bool probe, std::vector<Retype> *retypes) {
    return buildWhile(t, kind, loc, snap, cond, body, probe, retypes);
  });
}

std::vector<Type> buildFor(TraceBuilder &t, const Loc &loc, VarSnapshot &snap,
                           Value seq, RowFn body, bool probe,
                           std::vector<Retype> *retypes) {
  Carried c = carriedOf(t, snap);
  auto block = std::make_unique<Block>();
  trace::LoopTokens tokens;
  tokens.before = block.get();
  Location argLoc = t.currentLoc(/*named=*/false);
  Type indexType = t.tensorType(DType::Int64, {});
  Value iv = block->addArgument(indexType, argLoc);
  for (size_t k = 0; k < c.types.size(); ++k)
    block->addArgument(c.types[k], carriedLoc(t, snap, c, k, argLoc));

  auto seqType = llvm::cast<RankedTensorType>(seq.getType());
  Shape rowShape = TraceBuilder::shapeOf(seqType);
  rowShape.erase(rowShape.begin());
  llvm::SmallVector<Value> yielded;
  Value token;
  {
    FrameGuard frame(t,
                     {Frame::Kind::LoopBefore, block.get(), Value(), &tokens});
    bindArgs(t, snap, c, block.get(), 1);
    Tensor row = t.wrap(t.builder().create<ir::IndexOp>(
        argLoc, t.tensorType(TraceBuilder::dtypeOf(seqType), rowShape), seq,
        iv));
    body(row);
    if (probe)
      return learnedTypes(t, snap);
    yielded = carriedValues(t, snap, c, loc, retypes);
    if (retypes && !retypes->empty())
      return {};
    token = frame.token();
  }

  llvm::SmallVector<Type> types = c.types;
  if (tokens.used()) {
    yielded.push_back(token ? token : tokens.beforeArg);
    types.push_back(t.tokenType());
  }
  snap.restore(/*afterLoop=*/true);
  at(loc);
  Location opLoc = t.currentLoc(/*named=*/false);
  {
    OpBuilder::InsertionGuard guard(t.builder());
    t.builder().setInsertionPointToEnd(block.get());
    t.builder().create<ir::YieldOp>(opLoc, yielded);
  }
  auto index = [&](int64_t v) {
    return t.constant(Tensor::full(DType::Int64, {}, static_cast<double>(v)));
  };
  // A stacked list's row count is only known at evaluation.
  Value rows = seqType.isDynamicDim(0)
                   ? Value(t.builder().create<ir::DimOp>(opLoc, seq, 0))
                   : index(seqType.getShape()[0]);
  llvm::SmallVector<Value> operands{index(0), rows, index(1)};
  TraceBuilder::PathWeakExempt carried(t); // the block arguments carry it
  for (size_t i : c.vars)
    operands.push_back(t.valueOf(snap.values[i]));
  if (tokens.used())
    operands.push_back(t.currentToken());
  OperationState state(opLoc, ir::ForOp::getOperationName());
  state.addOperands(operands);
  state.addTypes(types);
  Operation *op = createWithRegions(t, state, {&block});

  for (size_t k = 0; k < c.vars.size(); ++k)
    *snap.refs[c.vars[k]].ref = TraceBuilder::withPathWeak(
        t.wrap(op->getResult(k), snap.values[c.vars[k]].isWeak()),
        snap.resultPathWeak(c.vars[k]));
  if (tokens.used())
    t.setToken(op->getResults().back());
  return {};
}

//===----------------------------------------------------------------------===//
// Effects
//===----------------------------------------------------------------------===//

/// Escapes text for an ag.print format ("{" and "}" are placeholders).
void appendLiteral(std::string &format, llvm::StringRef text) {
  for (char ch : text) {
    if (ch == '{' || ch == '}')
      format += ch;
    format += ch;
  }
}

/// Prints `format` (ag.print syntax) with `values`: now, or when the graph
/// reaches this point.
void emitPrint(const Loc &loc, const std::string &format,
               const std::vector<Tensor> &values) {
  TraceBuilder *t = TraceBuilder::active();
  if (!t) {
    try {
      std::cout << kernels::format(format, values);
    } catch (const kernels::KernelError &e) {
      Diagnostic diag;
      diag.loc = sourceLocOf(loc);
      diag.message = e.what();
      throw Error(std::move(diag));
    }
    return;
  }
  at(loc);
  t->located([&] {
    llvm::SmallVector<Value> inputs;
    for (const Tensor &v : values)
      inputs.push_back(t->valueOf(v));
    Value token = t->currentToken();
    auto op = t->builder().create<ir::PrintOp>(
        t->currentLoc(/*named=*/false), t->tokenType(), token, format, inputs);
    t->setToken(op.getResultToken());
  });
}

/// Converts a C printf format to ag.print's: each conversion becomes a
/// `{%spec}` placeholder taking the next tensor; text arguments of `%s` are
/// inlined since they are known now.
std::string convertPrintf(const Loc &loc, const char *format,
                          const std::vector<PrintArg> &args,
                          std::vector<Tensor> &values) {
  auto error = [&](const std::string &message) {
    Diagnostic diag;
    diag.phase = TraceBuilder::active() ? Diagnostic::Phase::Trace
                                        : Diagnostic::Phase::Evaluation;
    diag.loc = sourceLocOf(loc);
    diag.message = message;
    throw Error(std::move(diag));
  };
  std::string out;
  size_t next = 0;
  for (const char *p = format; *p; ++p) {
    if (*p != '%') {
      appendLiteral(out, llvm::StringRef(p, 1));
      continue;
    }
    if (p[1] == '%') {
      out += '%';
      ++p;
      continue;
    }
    const char *start = p;
    std::optional<ag::sem::Conversion> parsed = ag::sem::parseConversion(p);
    if (!parsed)
      error(std::string("unsupported printf conversion in \"") + format + "\"");
    p += parsed->size - 1; // at the conversion character
    if (next >= args.size())
      error(std::string("printf format \"") + format +
            "\" has more conversions than arguments");
    const PrintArg &arg = args[next++];
    if (arg.isHost()) {
      // Known now: formatted at trace time, exactly as a scalar would be.
      if (*p == 's')
        error("printf conversion '%s' needs text, got a number");
      try {
        appendLiteral(out,
                      kernels::format("{" + std::string(start, p + 1) + "}",
                                      {arg.tensor()}));
      } catch (const kernels::KernelError &e) {
        error(e.what());
      }
      continue;
    }
    if (!arg.isTensor()) {
      if (*p != 's')
        error("printf conversion '" + std::string(start, p + 1) +
              "' needs a number, got text");
      appendLiteral(out, arg.text());
      continue;
    }
    out += '{';
    out.append(start, p + 1);
    out += '}';
    values.push_back(arg.tensor());
  }
  if (next != args.size())
    error(std::string("printf format \"") + format +
          "\" has fewer conversions than arguments");
  return out;
}

} // namespace

//===----------------------------------------------------------------------===//
// Scopes and locations
//===----------------------------------------------------------------------===//

static const std::vector<bool> *&unfedParams() {
  thread_local const std::vector<bool> *unfed = nullptr;
  return unfed;
}

detail::UnfedParams::UnfedParams(const std::vector<bool> &unfed)
    : saved_(unfedParams()) {
  unfedParams() = &unfed;
}

detail::UnfedParams::~UnfedParams() { unfedParams() = saved_; }

static const std::vector<size_t> *&inputCounts() {
  thread_local const std::vector<size_t> *counts = nullptr;
  return counts;
}

detail::InputCounts::InputCounts(const std::vector<size_t> &counts)
    : saved_(inputCounts()) {
  inputCounts() = &counts;
}

detail::InputCounts::~InputCounts() { inputCounts() = saved_; }

FunctionScope::FunctionScope(const char *function, const char *file,
                             unsigned line, unsigned col,
                             std::initializer_list<const char *> tensorParams)
    : FunctionScope(function, file, line, col) {
  // Only the traced function's own parameters are graph inputs.
  TraceBuilder *t = TraceBuilder::active();
  if (!t || !t->func() || scopeStack().size() != 1)
    return;
  // One name per tensor position of the parameters (ag-convert lists them:
  // `x`, `p.w`, `xs[]` for a vector's elements); ag::function says how many
  // inputs each has. Undefined out-parameters are no inputs: skip them.
  std::vector<std::string> names;
  const std::vector<bool> *unfed = unfedParams();
  const std::vector<size_t> *counts = inputCounts();
  size_t i = 0;
  for (const char *name : tensorParams) {
    size_t count = 1;
    if (counts)
      count = i < counts->size() ? (*counts)[i] : 1;
    else if (unfed && i < unfed->size() && (*unfed)[i])
      count = 0;
    ++i;
    llvm::StringRef pattern(name);
    size_t brackets = pattern.find("[]");
    for (size_t k = 0; k < count; ++k)
      names.push_back(brackets == llvm::StringRef::npos
                          ? pattern.str()
                          : (pattern.take_front(brackets) + "[" +
                             llvm::Twine(k) + "]" +
                             pattern.drop_front(brackets + 2))
                                .str());
  }
  t->nameParameters(names);
}

FunctionScope::FunctionScope(const char *function, const char *file,
                             unsigned line, unsigned col) {
  std::vector<Scope> &stack = scopeStack();
  TraceBuilder *t = TraceBuilder::active();
  Scope scope;
  scope.function = function ? function : "";
  scope.file = file ? file : "";
  scope.line = line;
  scope.col = col;
  scope.uncaught = std::uncaught_exceptions();
  trace::unwoundAt().reset();
  if (!stack.empty()) {
    scope.callSiteSource = sourceLocOf(stack.back().here());
    if (t)
      scope.callSite = t->currentLoc(/*named=*/false);
  } else if (t && t->func()) {
    // The traced function itself: its definition locates the ag.func.
    t->func()->setLoc(t->locationOf(scope, Loc{}, /*named=*/false));
  }
  stack.push_back(std::move(scope));
}

FunctionScope::~FunctionScope() {
  std::vector<Scope> &stack = scopeStack();
  // An exception leaving the twin (from a helper, or an ag::Error the
  // runtime threw without a location): remember the statement it left from,
  // innermost scope first, for traceFunction to report it there.
  if (std::uncaught_exceptions() > stack.back().uncaught &&
      !trace::unwoundAt() && TraceBuilder::active()) {
    try {
      trace::unwoundAt() =
          TraceBuilder::diagnose(sourceLocOf(stack.back().here()), "");
    } catch (...) { // never throw from a destructor during unwinding
    }
  }
  stack.pop_back();
}

bool detail::tracing() { return TraceBuilder::active() != nullptr; }

bool detail::throwStaged_(Loc loc, const std::string &text) {
  TraceBuilder *t = TraceBuilder::active();
  // Eager, or in the function's own frame (of the outermost twin: called
  // twins are traced inline): the throw happens whatever the inputs are.
  if (!t || t->frames().size() <= 1)
    return false;
  assert_(loc, Tensor(false), text.c_str());
  return true;
}

void at(Loc loc) {
  std::vector<Scope> &stack = scopeStack();
  // Loc{} (ag::print outside converted code) keeps the current location.
  if (stack.empty() || loc.line == 0)
    return;
  // A new statement runs: an exception seen unwinding before was caught.
  trace::unwoundAt().reset();
  Scope &scope = stack.back();
  scope.current = loc;
  scope.current.name = nullptr;
  // The return slot is no user variable: where it was assigned is kept (for
  // merge errors), but ops are not named after it.
  scope.currentName = loc.name && !isReturnSlot(loc.name) ? loc.name : "";
  if (loc.name)
    scope.lastAssign[loc.name] = scope.current;
  scope.cachedLoc.reset();
  scope.cachedUnnamedLoc.reset();
}

void detail::bind_(std::initializer_list<BoundVar> vars) {
  TraceBuilder *t = TraceBuilder::active();
  // Only the traced function's own variables: a called twin's are not the
  // graph's names.
  if (!t || !t->func() || scopeStack().size() != 1)
    return;
  for (const BoundVar &var : vars)
    t->bindVariable(var.name, *var.value);
}

namespace detail {
Tensor number_(const Tensor &t, DType dtype) {
  // Eagerly item() reads the one element; a graph keeps it as a 0-d tensor.
  auto fail = [&](const std::string &message) {
    if (TraceBuilder *tracer = TraceBuilder::active())
      tracer->failHere(message);
    throw std::logic_error(message);
  };
  int64_t count = 1;
  for (int64_t d : t.shape()) {
    if (d < 0)
      fail("item() of a tensor whose size is not known while tracing (shape " +
           shapeToString(t.shape()) + ")");
    count *= d;
  }
  if (count != 1)
    fail("item() needs exactly one element, the tensor has shape " +
         shapeToString(t.shape()));
  Tensor scalar = t.shape().empty() ? t : reshape(t, {});
  Tensor typed = scalar.dtype() == dtype ? scalar : cast(scalar, dtype);
  // An int has an int's value but is int64 as a tensor, as eagerly
  // (Tensor(int)): `ag::Tensor(n)` or `v.push_back(n)` of an `int n` must
  // have the eager dtype.
  if (dtype == DType::Int32)
    typed = cast(typed, DType::Int64);
  auto impl = std::make_shared<detail::TensorImpl>(*typed.impl());
  impl->weak = true;
  return Tensor(std::move(impl));
}

Tensor integer_(const Tensor &v, unsigned bits, bool isSigned) {
  Tensor x = number_(v, v.dtype()); // one element, 0-d
  Tensor i;
  if ((x.dtype() == DType::Float32 || x.dtype() == DType::Float64) &&
      bits == 64 && !isSigned) {
    // int64 cannot hold a double from 2^63: subtract it, set the top bit.
    Tensor f = cast(x, DType::Float64);
    Tensor big = f >= Tensor(0x1p63);
    Tensor low = cast(where(big, f - Tensor(0x1p63), f), DType::Int64);
    i = where(big, low ^ Tensor(std::numeric_limits<int64_t>::min()), low);
  } else {
    i = cast(x, DType::Int64);
  }
  if (bits < 64) {
    int64_t mask = (int64_t(1) << bits) - 1;
    i = i & Tensor(static_cast<long long>(mask));
    if (isSigned) {
      long long sign = static_cast<long long>(int64_t(1) << (bits - 1));
      i = (i ^ Tensor(sign)) - Tensor(sign);
    }
  }
  return number_(i, DType::Int64);
}

/// `a < b` of 64-bit unsigned values held as their bit patterns: flipping
/// the top bit maps unsigned order onto signed order.
static Tensor unsignedLess(const Tensor &a, const Tensor &b) {
  Tensor top(std::numeric_limits<long long>::min());
  return (a ^ top) < (b ^ top);
}

/// a / b of 64-bit unsigned bit patterns (Hacker's Delight's divlu: a
/// divisor from 2^63 gives 0 or 1; a dividend from 2^63 is halved, divided
/// and corrected by one step). A zero divisor divides by zero, as C++'s.
static Tensor unsignedDivide(const Tensor &a, const Tensor &b) {
  Tensor zero(0LL), one(1LL);
  Tensor bigDivisor = b < zero;
  // Never INT64_MIN / -1 where a branch that is not taken divides.
  Tensor d = where(bigDivisor, one, b);
  Tensor small = a / d;
  Tensor half = (a >> one) & Tensor(std::numeric_limits<long long>::max());
  Tensor q = (half / d) << one;
  Tensor r = a - q * d;
  Tensor big = q + cast(!unsignedLess(r, d), DType::Int64);
  Tensor byBig = cast(!unsignedLess(a, b), DType::Int64);
  return where(bigDivisor, byBig, where(a < zero, big, small));
}

Tensor integerOp_(const Tensor &a, const char *op, const Tensor &b,
                  unsigned bits) {
  Tensor x = number_(a, DType::Int64), y = number_(b, DType::Int64);
  llvm::StringRef o(op);
  bool wide = bits == 64;
  // A 32-bit shift by 32 or more is undefined in C++: shifting by 64 makes
  // it the evaluation error an int64 shift out of range is.
  if (!wide && (o == "<<" || o == ">>"))
    y = where(y < Tensor(static_cast<long long>(bits)), y, Tensor(64LL));
  auto wrap = [&](const Tensor &r) { return integer_(r, bits, false); };
  if (o == "+")
    return wrap(x + y);
  if (o == "-")
    return wrap(x - y);
  if (o == "*")
    return wrap(x * y);
  if (o == "<<")
    return wrap(x << y);
  if (o == "&")
    return number_(x & y, DType::Int64);
  if (o == "|")
    return number_(x | y, DType::Int64);
  if (o == "^")
    return number_(x ^ y, DType::Int64);
  if (o == "==")
    return x == y;
  if (o == "!=")
    return x != y;
  // Below 64 bits the values are non-negative int64s: signed is unsigned.
  if (o == "<")
    return wide ? unsignedLess(x, y) : x < y;
  if (o == ">")
    return wide ? unsignedLess(y, x) : x > y;
  if (o == "<=")
    return wide ? !unsignedLess(y, x) : x <= y;
  if (o == ">=")
    return wide ? !unsignedLess(x, y) : x >= y;
  if (o == "/")
    return number_(wide ? unsignedDivide(x, y) : x / y, DType::Int64);
  if (o == "%")
    return number_(wide ? x - unsignedDivide(x, y) * y : x % y, DType::Int64);
  if (o == ">>") {
    if (!wide)
      return number_(x >> y, DType::Int64);
    // Logical: the sign bit shifted in is masked off (a shift by 0 is x).
    Tensor zero(0LL), one(1LL);
    Tensor s = where(y == zero, one, y);
    Tensor shifted =
        (x >> s) & (Tensor(std::numeric_limits<long long>::max()) >> (s - one));
    return number_(where(y == zero, x, shifted), DType::Int64);
  }
  throw std::logic_error(std::string("integerOp_: unknown operator ") + op);
}

Tensor unsigned64As_(const Tensor &v, DType dtype) {
  Tensor x = number_(v, DType::Int64);
  Tensor one(1LL);
  // From 2^63: half the value with its lowest bit kept sticky rounds as the
  // whole does.
  Tensor halved =
      ((x >> one) & Tensor(std::numeric_limits<long long>::max())) | (x & one);
  Tensor big = cast(halved, dtype) * Tensor(2.0);
  return number_(where(x < Tensor(0LL), big, cast(x, dtype)), dtype);
}

/// The elements of staged list `l` stacked with their own type declared, so
/// that an empty list stacks to 0 rows rather than failing.
static Tensor stackedList(const TensorList &l) {
  if (!l.hasElementType())
    TraceBuilder::active()->failHere(
        "a staged list read before anything is pushed onto it: its "
        "element type is unknown");
  return stack(l, l.elementDType(), l.elementShape());
}

Tensor listSize_(const TensorList &l) {
  TraceBuilder *t = TraceBuilder::active();
  if (!l.isStaged() || !t)
    return number_(Tensor(static_cast<long long>(l.elements().size())),
                   DType::Int64);
  Tensor rows = stackedList(l);
  Value dim = t->builder().create<ir::DimOp>(t->currentLoc(/*named=*/false),
                                             t->valueOf(rows), 0);
  return number_(t->wrap(dim), DType::Int64);
}

Tensor listElement_(Loc loc, const TensorList &l, const Tensor &index) {
  if (!l.isStaged() || !TraceBuilder::active()) {
    int64_t i = index.item<int64_t>();
    if (i < 0 || i >= static_cast<int64_t>(l.elements().size()))
      throw std::logic_error("index " + std::to_string(i) +
                             " is out of range for a list of " +
                             std::to_string(l.elements().size()) + " elements");
    return l.elements()[i];
  }
  return sub_(loc, stackedList(l)[index]);
}

Tensor listRows_(const TensorList &l) {
  if (l.isStaged() && TraceBuilder::active())
    return stackedList(l);
  // Eagerly: no rows to iterate over for an empty list.
  return l.elements().empty() ? Tensor::zeros(DType::Float64, {0}) : stack(l);
}

Tensor listBack_(Loc loc, const TensorList &l) {
  return listElement_(loc, l, listSize_(l) - Tensor(1LL));
}

Tensor element_(Loc loc, const std::vector<Tensor> &v, const Tensor &index) {
  TraceBuilder *t = TraceBuilder::active();
  auto fail = [&](const std::string &message) {
    if (t)
      t->fail(sourceLocOf(loc), message);
    throw std::logic_error(message);
  };
  if (v.empty())
    fail("indexing an empty std::vector<ag::Tensor>");
  // A number known while tracing (a constant): the element itself.
  if (!index.isStaged()) {
    int64_t i = index.item<int64_t>();
    if (i < 0 || i >= static_cast<int64_t>(v.size()))
      fail("index " + std::to_string(i) + " is out of range for a " +
           "std::vector<ag::Tensor> of " + std::to_string(v.size()) +
           " elements");
    return v[i];
  }
  // Stacking promotes mixed elements, which would change v[i]'s dtype.
  for (size_t i = 1; i < v.size(); ++i)
    if (v[i].dtype() != v[0].dtype() || v[i].shape() != v[0].shape() ||
        v[i].isWeak() != v[0].isWeak())
      fail("indexing a std::vector<ag::Tensor> with a number known only "
           "when the graph runs reads its elements stacked, so they must "
           "agree: element 0 is " +
           typeString(v[0]) + (v[0].isWeak() ? " (weak)" : "") +
           " and element " + std::to_string(i) + " is " + typeString(v[i]) +
           (v[i].isWeak() ? " (weak)" : "") +
           "; index with a host int, or make the elements alike");
  Tensor element = sub_(loc, stack(v)[index]);
  if (!v[0].isWeak())
    return element;
  auto impl = std::make_shared<detail::TensorImpl>(*element.impl());
  impl->weak = true;
  return Tensor(std::move(impl));
}

Tensor outAtReturn_(Loc loc, const char *name, const Tensor &value,
                    const Tensor &returned) {
  TraceBuilder *t = TraceBuilder::active();
  if (value.defined() || !t || certainlyTrue(returned))
    return value;
  SourceLoc here = sourceLocOf(loc);
  here.name = name;
  t->fail(here, std::string("out-parameter '") + name +
                    "' has no value when the function returns here, but is "
                    "assigned on another path; a graph cannot leave it "
                    "without a value on some paths only (assign it before "
                    "this return, or pass it a value)");
}
} // namespace detail

Tensor sub_(Loc loc, Tensor value) {
  TraceBuilder *t = TraceBuilder::active();
  std::vector<Scope> &stack = scopeStack();
  if (!t || stack.empty() || loc.line == 0 || !value.defined() ||
      !value.impl()->symbolic)
    return value;
  Value v = t->valueOf(value);
  Operation *op = v.getDefiningOp();
  // Only the op this statement just recorded: a value computed earlier (a
  // variable, a CSE'd constant) keeps the place that computed it.
  if (!op)
    return value;
  bool named = op->getLoc() == t->currentLoc(/*named=*/true);
  if (!named && op->getLoc() != t->currentLoc(/*named=*/false))
    return value;
  // It keeps the statement's variable name, only its range narrows.
  loc.name = stack.back().here().name;
  op->setLoc(t->locationOf(stack.back(), loc, named));
  return value;
}

//===----------------------------------------------------------------------===//
// Control flow
//===----------------------------------------------------------------------===//

void if_(Loc loc, Vars vars, CondFn cond, BlockFn thenFn, BlockFn elseFn) {
  if (!TraceBuilder::active()) {
    if (static_cast<bool>(cond()))
      thenFn();
    else if (elseFn)
      elseFn();
    return;
  }
  at(loc);
  Tensor c = cond();
  if_(loc, vars, c, thenFn, elseFn);
}

void if_(Loc loc, Vars vars, const Tensor &cond, BlockFn thenFn,
         BlockFn elseFn) {
  TraceBuilder *t = TraceBuilder::active();
  if (!t) {
    if (static_cast<bool>(cond))
      thenFn();
    else if (elseFn)
      elseFn();
    return;
  }
  at(loc);
  Value condition = t->condition(cond, "the condition of an if");
  VarSnapshot snap(vars);
  auto thenValue = [&] {
    thenFn();
    return Tensor();
  };
  auto elseValue = [&] {
    elseFn();
    return Tensor();
  };
  buildIf(*t, loc, condition, snap, thenFn ? ValueFn(thenValue) : nullptr,
          elseFn ? ValueFn(elseValue) : nullptr, "");
}

namespace detail {
void traceTry(Loc loc, Vars vars, BlockFn body,
              FnRef<void(const Tensor &what)> handler, bool catchAll,
              const std::string &messageType) {
  TraceBuilder *t = TraceBuilder::active();
  if (!t) {
    auto message = [&](std::string what) {
      return hostHandle(std::make_shared<const std::any>(std::move(what)),
                        messageType);
    };
    try {
      body();
    } catch (const std::exception &e) {
      handler(message(e.what()));
    } catch (...) {
      if (!catchAll)
        throw;
      handler(message("an exception not derived from std::exception"));
    }
    return;
  }
  at(loc);
  VarSnapshot snap(vars);
  auto bodyValue = [&] {
    body();
    return Tensor();
  };
  auto handlerValue = [&] {
    // The handler's one argument: the error's message, as evaluation
    // passes it.
    Block *block = t->frames().back().block;
    Value what =
        block->addArgument(ir::HostType::get(&t->context(), messageType),
                           t->currentLoc(/*named=*/false));
    handler(t->wrap(what));
    return Tensor();
  };
  buildIf(*t, loc, Value(), snap, bodyValue, handlerValue, "",
          catchAll ? Construct::TryAll : Construct::Try);
}

void printText(const std::string &text) { std::cout << text << std::flush; }
[[maybe_unused]] static const bool printTextRegistered =
    registerNode(&printText, "ag::detail::printText");

void printfText(long stream, bool left, long width, long precision,
                const std::string &text) {
  // printf's %s: at most `precision` characters (none if negative),
  // padded to `width` (a negative one, from `*`, means `-`).
  if (width < 0) {
    left = true;
    width = -width;
  }
  std::string out = precision >= 0 && size_t(precision) < text.size()
                        ? text.substr(0, precision)
                        : text;
  if (width > 0 && size_t(width) > out.size())
    out.insert(left ? out.size() : 0, size_t(width) - out.size(), ' ');
  if (stream == 2) {
    std::cout << std::flush;
    std::cerr << out << std::flush;
  } else {
    std::cout << out << std::flush;
  }
}
[[maybe_unused]] static const bool printfTextRegistered =
    registerNode(&printfText, "ag::detail::printfText");

std::string formatText_(const char *format, ...) {
  va_list args, again;
  va_start(args, format);
  va_copy(again, args);
  int n = std::vsnprintf(nullptr, 0, format, args);
  va_end(args);
  std::string out(n > 0 ? size_t(n) : 0, '\0');
  if (n > 0)
    std::vsnprintf(out.data(), out.size() + 1, format, again);
  va_end(again);
  return out;
}

void traceTryClauses(
    Loc loc, Vars vars, BlockFn body,
    FnRef<void(const Tensor &what, const Tensor &clause)> handler,
    const std::vector<std::string> &catches, const std::string &messageType) {
  TraceBuilder *t = TraceBuilder::active();
  if (!t) {
    auto message = [&](std::string what) {
      return hostHandle(std::make_shared<const std::any>(std::move(what)),
                        messageType);
    };
    try {
      body();
    } catch (...) {
      std::exception_ptr thrown = std::current_exception();
      for (size_t i = 0; i < catches.size(); ++i) {
        exec::CatchMatcher matches =
            catches[i] == "..." ? nullptr : exec::findCatchType(catches[i]);
        if (catches[i] != "..." && (!matches || !matches(thrown)))
          continue;
        std::string what = "an exception not derived from std::exception";
        try {
          throw;
        } catch (const std::exception &e) {
          what = e.what();
        } catch (...) {
        }
        handler(message(std::move(what)), Tensor(static_cast<int64_t>(i)));
        return;
      }
      throw;
    }
    return;
  }
  at(loc);
  VarSnapshot snap(vars);
  auto bodyValue = [&] {
    body();
    return Tensor();
  };
  auto handlerValue = [&] {
    // The message, as for traceTry, and the index of the matching clause.
    Block *block = t->frames().back().block;
    Location argLoc = t->currentLoc(/*named=*/false);
    Value what = block->addArgument(
        ir::HostType::get(&t->context(), messageType), argLoc);
    Value clause = block->addArgument(t->tensorType(DType::Int64, {}), argLoc);
    handler(t->wrap(what), t->wrap(clause));
    return Tensor();
  };
  buildIf(*t, loc, Value(), snap, bodyValue, handlerValue, "", Construct::Try,
          &catches);
}
} // namespace detail

void while_(Loc loc, Vars vars, CondFn cond, BlockFn body) {
  TraceBuilder *t = TraceBuilder::active();
  if (!t) {
    while (static_cast<bool>(cond()))
      body();
    return;
  }
  traceWhile(*t, LoopKind::While, loc, vars, cond, body);
}

void do_while_(Loc loc, Vars vars, BlockFn body, CondFn cond) {
  TraceBuilder *t = TraceBuilder::active();
  if (!t) {
    do
      body();
    while (static_cast<bool>(cond()));
    return;
  }
  traceWhile(*t, LoopKind::DoWhile, loc, vars, cond, body);
}

void for_each_(Loc loc, Vars vars, const Tensor &seq, RowFn body) {
  TraceBuilder *t = TraceBuilder::active();
  if (!t) {
    if (seq.rank() == 0) {
      Diagnostic diag;
      diag.loc = sourceLocOf(loc);
      diag.message = "cannot iterate over a 0-d tensor";
      throw Error(std::move(diag));
    }
    for (int64_t i = 0, n = seq.dim(0); i < n; ++i)
      body(seq[i]);
    return;
  }
  at(loc);
  Value sequence = t->located([&] {
    if (seq.defined() && seq.rank() == 0)
      t->failHere("cannot iterate over a 0-d tensor");
    return t->valueOf(seq);
  });
  VarSnapshot snap(vars);
  // A sequence of static, non-zero length runs at least one iteration: no
  // path skips the loop (a weak initial value is retyped on every path).
  if (seq.defined() && seq.rank() > 0 && seq.shape()[0] > 0)
    snap.canSkip = false;
  buildLoop(*t, loc, snap, [&](bool probe, std::vector<Retype> *retypes) {
    return buildFor(*t, loc, snap, sequence, body, probe, retypes);
  });
}

Tensor cond_(Loc loc, Vars vars, CondFn cond, ValueFn thenValue,
             ValueFn elseValue) {
  TraceBuilder *t = TraceBuilder::active();
  if (!t)
    return static_cast<bool>(cond()) ? thenValue() : elseValue();
  at(loc);
  Tensor c = cond();
  Value condition = t->condition(c, "the condition of ?:");
  // After the condition: its own assignments happen on every path.
  VarSnapshot snap(vars);
  return buildIf(*t, loc, condition, snap, thenValue, elseValue, "?:").back();
}

Tensor cond_(Loc loc, CondFn cond, ValueFn thenValue, ValueFn elseValue) {
  return cond_(loc, Vars{}, cond, thenValue, elseValue);
}

/// `lhs && rhs` / `lhs || rhs`: the rhs is traced into the branch that
/// needs it, so it only runs when it decides the result; `vars` (assigned
/// by the rhs) are merged after it.
static Tensor shortCircuit(Loc loc, Vars vars, bool isAnd, ValueFn lhs,
                           ValueFn rhs) {
  TraceBuilder *t = TraceBuilder::active();
  const char *what = isAnd ? "an operand of &&" : "an operand of ||";
  if (!t) {
    bool l = static_cast<bool>(lhs());
    return boolScalar(isAnd ? l && static_cast<bool>(rhs())
                            : l || static_cast<bool>(rhs()));
  }
  at(loc);
  Tensor l = lhs();
  Value condition = t->condition(l, what);
  Tensor decided = t->wrap(condition);
  auto evalRhs = [&] { return t->wrap(t->condition(rhs(), what)); };
  auto keepLhs = [&] { return decided; };
  ValueFn rhsFn = evalRhs, lhsFn = keepLhs;
  // After lhs(): its assignments happen on every path.
  VarSnapshot snap(vars);
  return buildIf(*t, loc, condition, snap, isAnd ? rhsFn : lhsFn,
                 isAnd ? lhsFn : rhsFn, isAnd ? "&&" : "||")
      .back();
}

Tensor and_(Loc loc, ValueFn lhs, ValueFn rhs) {
  return shortCircuit(loc, Vars{}, /*isAnd=*/true, lhs, rhs);
}

Tensor or_(Loc loc, ValueFn lhs, ValueFn rhs) {
  return shortCircuit(loc, Vars{}, /*isAnd=*/false, lhs, rhs);
}

Tensor and_(Loc loc, Vars vars, ValueFn lhs, ValueFn rhs) {
  return shortCircuit(loc, vars, /*isAnd=*/true, lhs, rhs);
}

Tensor or_(Loc loc, Vars vars, ValueFn lhs, ValueFn rhs) {
  return shortCircuit(loc, vars, /*isAnd=*/false, lhs, rhs);
}

//===----------------------------------------------------------------------===//
// Effects
//===----------------------------------------------------------------------===//

void print_(Loc loc, const std::vector<PrintArg> &pieces) {
  std::string format;
  std::vector<Tensor> values;
  for (const PrintArg &piece : pieces) {
    if (piece.isTensor()) {
      format += "{" + piece.conversion() + "}";
      values.push_back(piece.tensor());
    } else {
      appendLiteral(format, piece.text());
    }
  }
  emitPrint(loc, format, values);
}

void printf_(Loc loc, const char *format, const std::vector<PrintArg> &args) {
  std::vector<Tensor> values;
  std::string converted = convertPrintf(loc, format, args, values);
  emitPrint(loc, converted, values);
}

void assert_(Loc loc, const Tensor &cond, const char *message) {
  std::string text = message && *message ? message : "assertion failed";
  TraceBuilder *t = TraceBuilder::active();
  if (!t) {
    if (!static_cast<bool>(cond)) {
      Diagnostic diag;
      diag.loc = sourceLocOf(loc);
      diag.message = "assertion failed: " + text;
      throw Error(std::move(diag));
    }
    return;
  }
  at(loc);
  Value condition = t->condition(cond, "an assert condition");
  Value token = t->currentToken();
  auto op = t->builder().create<ir::AssertOp>(
      t->currentLoc(/*named=*/false), t->tokenType(), token, condition, text);
  t->setToken(op.getResultToken());
}

} // namespace ag
