//===- Analysis.cpp - What a twin needs to know about a function ----------===//
//
// The def-use facts are computed on the AST, conservatively: when unsure a
// variable is treated as live (an extra carried variable costs little; a
// missing one gives wrong results).
//
//===----------------------------------------------------------------------===//

#include "Analysis.h"
#include "Nodes.h"

#include "clang/AST/Attr.h"
#include "clang/Basic/SourceManager.h"

using namespace clang;

namespace ag {
namespace frontend {

bool isTensorType(QualType type) {
  if (type.isNull())
    return false;
  type = type.getNonReferenceType().getCanonicalType().getUnqualifiedType();
  const auto *record = type->getAsCXXRecordDecl();
  if (!record || !record->getIdentifier() || record->getName() != "Tensor")
    return false;
  const auto *ns =
      dyn_cast<NamespaceDecl>(record->getDeclContext()->getRedeclContext());
  return ns && ns->getIdentifier() && ns->getName() == "ag" &&
         ns->getDeclContext()->getRedeclContext()->isTranslationUnit();
}

bool isTensorElementType(QualType type) {
  if (type.isNull())
    return false;
  const auto *record = type.getNonReferenceType()->getAsCXXRecordDecl();
  if (!record || !record->getIdentifier() || record->getName() != "Element")
    return false;
  const auto *parent = dyn_cast<CXXRecordDecl>(record->getDeclContext());
  return parent && isTensorType(QualType(parent->getTypeForDecl(), 0));
}

bool isTensorVectorType(QualType type) {
  if (type.isNull())
    return false;
  const auto *record = type.getNonReferenceType()->getAsCXXRecordDecl();
  if (!record || record->getQualifiedNameAsString() != "std::vector")
    return false;
  const auto *inst = dyn_cast<ClassTemplateSpecializationDecl>(record);
  return inst && inst->getTemplateArgs().size() > 0 &&
         inst->getTemplateArgs()[0].getKind() == TemplateArgument::Type &&
         isTensorType(inst->getTemplateArgs()[0].getAsType());
}

bool isAnnotated(const FunctionDecl *fd) {
  for (const FunctionDecl *redecl : fd->redecls())
    for (const auto *attr : redecl->specific_attrs<AnnotateAttr>())
      if (attr->getAnnotation() == "ag.convert")
        return true;
  return false;
}

/// Strips parens and nodes Clang adds implicitly (casts, temporaries).
static const Expr *strip(const Expr *e) {
  while (true) {
    const Expr *next = e->IgnoreParens()->IgnoreImplicit();
    if (next == e)
      return e;
    e = next;
  }
}

const Expr *tensorConvertedToBool(const Expr *e) {
  const auto *call = dyn_cast<CXXMemberCallExpr>(strip(e));
  if (!call || !isa_and_nonnull<CXXConversionDecl>(call->getMethodDecl()))
    return nullptr;
  const Expr *object = call->getImplicitObjectArgument();
  if (!object || !isTensorType(object->getType()))
    return nullptr;
  // Keep parens: `(v > 0)` from a macro body maps to the whole expansion.
  return object->IgnoreImplicit();
}

bool isStagedCondition(const Expr *e) {
  if (!e)
    return false;
  if (tensorConvertedToBool(e))
    return true;
  e = strip(e);
  if (isTensorType(e->getType()))
    return true;
  // A node result is known only when the graph runs (ag/Node.h).
  if (isNodeValue(e))
    return true;
  if (const auto *bo = dyn_cast<BinaryOperator>(e))
    if (bo->isLogicalOp())
      return isStagedCondition(bo->getLHS()) || isStagedCondition(bo->getRHS());
  if (const auto *uo = dyn_cast<UnaryOperator>(e))
    if (uo->getOpcode() == UO_LNot)
      return isStagedCondition(uo->getSubExpr());
  if (const auto *co = dyn_cast<ConditionalOperator>(e))
    return isStagedCondition(co->getCond()) ||
           isStagedCondition(co->getTrueExpr()) ||
           isStagedCondition(co->getFalseExpr());
  return false;
}

void forEachDescendant(const Stmt *s,
                       llvm::function_ref<void(const Stmt *)> fn) {
  for (const Stmt *child : s->children()) {
    if (!child)
      continue;
    fn(child);
    if (!isa<LambdaExpr>(child) && !isa<BlockExpr>(child))
      forEachDescendant(child, fn);
  }
}

bool references(const Stmt *s, const VarDecl *var) {
  if (!s)
    return false;
  auto isRef = [&](const Stmt *n) {
    const auto *ref = dyn_cast<DeclRefExpr>(n);
    return ref && ref->getDecl() == var;
  };
  bool found = isRef(s);
  if (!found)
    forEachDescendant(s, [&](const Stmt *n) { found |= isRef(n); });
  return found;
}

bool isLoop(const Stmt *s) {
  return isa<WhileStmt, DoStmt, ForStmt, CXXForRangeStmt>(s);
}

const Stmt *loopBody(const Stmt *loop) {
  if (const auto *w = dyn_cast<WhileStmt>(loop))
    return w->getBody();
  if (const auto *d = dyn_cast<DoStmt>(loop))
    return d->getBody();
  if (const auto *f = dyn_cast<ForStmt>(loop))
    return f->getBody();
  return cast<CXXForRangeStmt>(loop)->getBody();
}

static const Expr *loopCond(const Stmt *loop) {
  if (const auto *w = dyn_cast<WhileStmt>(loop))
    return w->getCond();
  if (const auto *d = dyn_cast<DoStmt>(loop))
    return d->getCond();
  if (const auto *f = dyn_cast<ForStmt>(loop))
    return f->getCond();
  return nullptr;
}

const VarDecl *referencedVar(const Expr *e) {
  if (!e)
    return nullptr;
  const auto *ref = dyn_cast<DeclRefExpr>(strip(e));
  return ref ? dyn_cast<VarDecl>(ref->getDecl()) : nullptr;
}

const VarDecl *appendedVar(const Stmt *s) {
  const auto *call = dyn_cast_or_null<CXXMemberCallExpr>(s);
  const CXXMethodDecl *method = call ? call->getMethodDecl() : nullptr;
  if (!method || !method->getIdentifier() ||
      (method->getName() != "push_back" && method->getName() != "emplace_back"))
    return nullptr;
  return referencedVar(call->getImplicitObjectArgument());
}

static bool declares(const Stmt *s, const VarDecl *var) {
  const auto *ds = dyn_cast_or_null<DeclStmt>(s);
  if (!ds)
    return false;
  for (const Decl *d : ds->decls())
    if (d == var)
      return true;
  return false;
}

FunctionAnalysis::FunctionAnalysis(ASTContext &ctx, const FunctionDecl *fd)
    : ctx(ctx), fd(fd), body(fd->getBody()),
      parentMap(const_cast<Stmt *>(fd->getBody())) {
  forEachDescendant(body, [&](const Stmt *s) {
    if (isa<BreakStmt, ContinueStmt, ReturnStmt>(s))
      jumps.push_back(s);
    if (isLoop(s) && stagedReason(s) < 2)
      stagedLoops.insert(s);
  });
  computeLowering();
  computeStagedLists();
  // A range-for over a staged list is staged: its appends make more lists
  // staged, and its jumps are lowered.
  for (bool changed = true; changed;) {
    changed = false;
    forEachDescendant(body, [&](const Stmt *s) {
      if (const auto *range = dyn_cast<CXXForRangeStmt>(s);
          range && overStagedList(range))
        changed |= stagedLoops.insert(range).second;
    });
    if (changed) {
      computeLowering();
      computeStagedLists();
    }
  }
  computeAliased();
}

void FunctionAnalysis::computeAliased() {
  auto add = [&](const Expr *e) {
    if (const VarDecl *var = referencedVar(e);
        var && (isTensorType(var->getType()) || isStagedLocal(var) ||
                compositeParts(var)))
      aliased.insert(var);
  };
  forEachDescendant(body, [&](const Stmt *n) {
    if (const auto *uo = dyn_cast<UnaryOperator>(n);
        uo && uo->getOpcode() == UO_AddrOf)
      add(uo->getSubExpr());
    // A range-for's implicit `__range` is no alias: the loop reads the
    // tensor once, at its start (its rows iterator holds the value).
    if (const auto *ds = dyn_cast<DeclStmt>(n))
      for (const Decl *d : ds->decls())
        if (const auto *ref = dyn_cast<VarDecl>(d);
            ref && !ref->isImplicit() && ref->getType()->isReferenceType() &&
            ref->getInit())
          add(ref->getInit());
    if (const auto *lambda = dyn_cast<LambdaExpr>(n))
      for (const LambdaCapture &capture : lambda->captures())
        if (capture.capturesVariable() && capture.getCaptureKind() == LCK_ByRef)
          if (const auto *var = dyn_cast<VarDecl>(capture.getCapturedVar());
              var && (isTensorType(var->getType()) || isStagedLocal(var) ||
                      compositeParts(var)))
            aliased.insert(var);
  });
}

bool FunctionAnalysis::isStagedIf(const IfStmt *s) const {
  return isStagedCondition(s->getCond());
}

/// `for (ag::Tensor e : l)` over a staged list `l`: iterated as the rows of
/// its elements stacked, like a range-for over a tensor.
bool FunctionAnalysis::overStagedList(const CXXForRangeStmt *range) const {
  const VarDecl *var = referencedVar(range->getRangeInit());
  return var && isStagedList(var);
}

unsigned FunctionAnalysis::stagedReason(const Stmt *loop) const {
  if (const auto *range = dyn_cast<CXXForRangeStmt>(loop))
    return isTensorType(range->getRangeInit()->getType()) ||
                   overStagedList(range)
               ? 1
               : 2;
  return isStagedCondition(loopCond(loop)) ? 0 : 2;
}

const Stmt *FunctionAnalysis::jumpTarget(const Stmt *jump) const {
  if (isa<ReturnStmt>(jump))
    return nullptr;
  for (const Stmt *p = parentMap.getParent(jump); p; p = parentMap.getParent(p))
    if (isLoop(p) || (isa<BreakStmt>(jump) && isa<SwitchStmt>(p)))
      return p;
  return nullptr;
}

bool FunctionAnalysis::isWithin(const Stmt *inner, const Stmt *outer) const {
  for (const Stmt *s = inner; s; s = parentMap.getParent(s))
    if (s == outer)
      return true;
  return false;
}

bool FunctionAnalysis::containsJump(const Stmt *s) const {
  // A break/continue of a loop or switch inside `s` stays within it: the
  // statements after `s` still run.
  auto leaves = [&](const Stmt *n) {
    if (isa<ReturnStmt, GotoStmt, IndirectGotoStmt>(n))
      return true;
    if (!isa<BreakStmt, ContinueStmt>(n))
      return false;
    const Stmt *target = jumpTarget(n);
    return !target || !isWithin(target, s);
  };
  bool found = leaves(s);
  forEachDescendant(s, [&](const Stmt *n) { found |= leaves(n); });
  return found;
}

SmallVector<Flag, 2> FunctionAnalysis::exitFlags(const Stmt *s) const {
  SmallVector<Flag, 2> flags;
  for (const Stmt *jump : jumps) {
    if (!lowered.count(jump) || !isWithin(jump, s))
      continue;
    Flag flag{Flag::Return, nullptr};
    if (!isa<ReturnStmt>(jump)) {
      const Stmt *target = jumpTarget(jump);
      if (isWithin(target, s))
        continue;
      flag = {isa<BreakStmt>(jump) ? Flag::Break : Flag::Continue, target};
    }
    if (!llvm::is_contained(flags, flag))
      flags.push_back(flag);
  }
  return flags;
}

SmallVector<Flag, 2>
FunctionAnalysis::flagsAssignedIn(const Stmt *s, const Stmt *region) const {
  SmallVector<Flag, 2> flags;
  for (const Stmt *jump : jumps) {
    if (!lowered.count(jump) || !isWithin(jump, s))
      continue;
    Flag flag{Flag::Return, nullptr};
    if (!isa<ReturnStmt>(jump)) {
      const Stmt *target = jumpTarget(jump);
      // A break flag is declared just before its loop; a continue flag at
      // the top of the loop's body.
      bool outside = isa<BreakStmt>(jump)
                         ? (target == region || !isWithin(target, region))
                         : (region != target && isWithin(region, target));
      if (!outside)
        continue;
      flag = {isa<BreakStmt>(jump) ? Flag::Break : Flag::Continue, target};
    }
    if (!llvm::is_contained(flags, flag))
      flags.push_back(flag);
  }
  return flags;
}

bool FunctionAnalysis::needsBreakFlag(const Stmt *loop) const {
  return llvm::any_of(jumps, [&](const Stmt *j) {
    return isa<BreakStmt>(j) && lowered.count(j) && jumpTarget(j) == loop;
  });
}

bool FunctionAnalysis::needsContinueFlag(const Stmt *loop) const {
  return llvm::any_of(jumps, [&](const Stmt *j) {
    return isa<ContinueStmt>(j) && lowered.count(j) && jumpTarget(j) == loop;
  });
}

bool FunctionAnalysis::crossesLambda(const Stmt *jump) const {
  const Stmt *target = jumpTarget(jump);
  const Stmt *cur = jump;
  for (const Stmt *p = parentMap.getParent(cur); p;
       cur = p, p = parentMap.getParent(p)) {
    if (p == target)
      return stagedLoops.count(p);
    if (const auto *ifs = dyn_cast<IfStmt>(p))
      if (isStagedIf(ifs))
        return true;
    if (isLoop(p) && stagedLoops.count(p))
      return true;
    // Statements after one that may leave through a lowered jump are
    // guarded by an if_ (a lambda).
    if (const auto *cs = dyn_cast<CompoundStmt>(p))
      for (const Stmt *child : cs->body()) {
        if (child == cur)
          break;
        if (!exitFlags(child).empty())
          return true;
      }
  }
  return false;
}

void FunctionAnalysis::computeLowering() {
  bool changed = true;
  while (changed) {
    changed = false;
    for (const Stmt *jump : jumps) {
      if (lowered.count(jump) || !crossesLambda(jump))
        continue;
      lowered.insert(jump);
      changed = true;
    }
    // A loop left by a lowered jump must test the flag: it is staged.
    for (const Stmt *jump : lowered) {
      if (isa<ReturnStmt>(jump)) {
        for (const Stmt *p = parentMap.getParent(jump); p;
             p = parentMap.getParent(p))
          if (isLoop(p))
            changed |= stagedLoops.insert(p).second;
        continue;
      }
      const Stmt *target = jumpTarget(jump);
      if (target && isLoop(target))
        changed |= stagedLoops.insert(target).second;
    }
  }
  loweredReturn = llvm::any_of(
      lowered, [](const Stmt *jump) { return isa<ReturnStmt>(jump); });
}

void FunctionAnalysis::computeStagedLists() {
  const SourceManager &sm = ctx.getSourceManager();
  // Mirrors where the emitter stages code (and checks host writes): staged
  // if/else branches, staged loops, and the statements guarded after one
  // that may leave through a lowered jump.
  auto consider = [&](ArrayRef<const Stmt *> parts, const Stmt *construct,
                      const char *what, unsigned reason) {
    llvm::DenseSet<const VarDecl *> local;
    SmallVector<const CXXMemberCallExpr *, 4> appends;
    auto visit = [&](const Stmt *n) {
      if (const auto *ds = dyn_cast<DeclStmt>(n))
        for (const Decl *d : ds->decls())
          if (const auto *var = dyn_cast<VarDecl>(d))
            local.insert(var);
      if (appendedVar(n))
        appends.push_back(cast<CXXMemberCallExpr>(n));
    };
    for (const Stmt *part : parts)
      if (part) {
        visit(part);
        forEachDescendant(part, visit);
      }
    for (const CXXMemberCallExpr *call : appends) {
      const VarDecl *var = appendedVar(call);
      if (local.count(var) || !var->isLocalVarDecl() ||
          !var->hasLocalStorage() || var->getType()->isReferenceType() ||
          !isTensorVectorType(var->getType()))
        continue;
      auto [it, inserted] = stagedLists.try_emplace(
          var, StagedAppend{call, construct, what, reason});
      if (!inserted && sm.isBeforeInTranslationUnit(
                           sm.getFileLoc(call->getBeginLoc()),
                           sm.getFileLoc(it->second.call->getBeginLoc())))
        it->second = StagedAppend{call, construct, what, reason};
    }
  };
  auto visit = [&](const Stmt *s) {
    if (const auto *ifs = dyn_cast<IfStmt>(s); ifs && isStagedIf(ifs)) {
      consider({ifs->getThen(), ifs->getElse()}, ifs, "'if'", 0);
    } else if (isLoop(s) && isStaged(s)) {
      const Stmt *inc = nullptr, *loopVar = nullptr;
      if (const auto *f = dyn_cast<ForStmt>(s))
        inc = f->getInc();
      if (const auto *range = dyn_cast<CXXForRangeStmt>(s))
        loopVar = range->getLoopVarStmt();
      consider({loopCond(s), loopBody(s), inc, loopVar}, s, "loop",
               stagedReason(s));
    } else if (const auto *cs = dyn_cast<CompoundStmt>(s)) {
      SmallVector<const Stmt *, 8> stmts(cs->body());
      for (size_t i = 0; i + 1 < stmts.size(); ++i)
        if (!exitFlags(stmts[i]).empty()) {
          consider(ArrayRef<const Stmt *>(stmts).drop_front(i + 1), stmts[i],
                   "statement", 2);
          break;
        }
    }
  };
  visit(body);
  forEachDescendant(body, visit);
}

/// std::map and friends: a non-const operator[] inserts.
static bool isMapLike(QualType type) {
  const auto *record = type.getNonReferenceType()->getAsCXXRecordDecl();
  return record && record->getIdentifier() && record->getName().contains("map");
}

/// std::pair's and std::tuple's constructors and std::make_pair /
/// std::make_tuple take forwarding references but copy an lvalue: `return
/// {x, n};` reads n (the parameter's `double &` is no write).
static bool copiesForwarded(const FunctionDecl *fd) {
  if (const auto *ctor = dyn_cast<CXXConstructorDecl>(fd)) {
    const CXXRecordDecl *record = ctor->getParent();
    return record->isInStdNamespace() && record->getIdentifier() &&
           llvm::is_contained({"pair", "tuple"}, record->getName());
  }
  return fd->isInStdNamespace() && fd->getIdentifier() &&
         llvm::is_contained({"make_pair", "make_tuple"}, fd->getName());
}

bool FunctionAnalysis::isModified(const Expr *ref) const {
  const Stmt *child = ref;
  const Stmt *p = parentMap.getParent(child);
  // Through parens and casts that keep the object (a pointer's value is
  // read to reach its pointee: that counts as the pointer's state).
  auto transparent = [](const Stmt *n, const Stmt *from) {
    // A temporary keeps the object: `t[i] = v` assigns through the Element.
    if (isa<ParenExpr, MaterializeTemporaryExpr, CXXBindTemporaryExpr>(n))
      return true;
    const auto *ice = dyn_cast<ImplicitCastExpr>(n);
    if (!ice)
      return false;
    switch (ice->getCastKind()) {
    case CK_NoOp:
    case CK_ArrayToPointerDecay:
      return true;
    case CK_LValueToRValue:
      return cast<Expr>(from)->getType()->isPointerType();
    default:
      return false;
    }
  };
  while (p && transparent(p, child)) {
    child = p;
    p = parentMap.getParent(p);
  }
  if (!p)
    return false;
  // Part of the object (a member, an element, a pointee): modified when that
  // part is.
  if (const auto *member = dyn_cast<MemberExpr>(p);
      member && isa<FieldDecl>(member->getMemberDecl()))
    return isModified(member);
  if (const auto *sub = dyn_cast<ArraySubscriptExpr>(p))
    return sub->getBase() == child && isModified(sub);
  if (const auto *uo = dyn_cast<UnaryOperator>(p);
      uo && uo->getOpcode() == UO_Deref)
    return isModified(uo);
  if (const auto *bo = dyn_cast<BinaryOperator>(p))
    return bo->isAssignmentOp() && bo->getLHS() == child;
  if (const auto *uo = dyn_cast<UnaryOperator>(p))
    return uo->isIncrementDecrementOp();
  auto isMutableRef = [](QualType t) {
    return t->isLValueReferenceType() &&
           !t.getNonReferenceType().isConstQualified();
  };
  if (const auto *op = dyn_cast<CXXOperatorCallExpr>(p)) {
    const auto *callee = op->getDirectCallee();
    if (const auto *method = dyn_cast_or_null<CXXMethodDecl>(callee)) {
      if (op->getNumArgs() == 0 || op->getArg(0) != child)
        return false;
      // v[i], *it, p->: an element is reached, not yet modified.
      if ((op->getOperator() == OO_Subscript &&
           !isMapLike(cast<Expr>(child)->getType())) ||
          op->getOperator() == OO_Star || op->getOperator() == OO_Arrow)
        return isModified(op);
      return !method->isConst() && !method->isStatic();
    }
  }
  if (const auto *member = dyn_cast<MemberExpr>(p)) {
    const auto *method = dyn_cast<CXXMethodDecl>(member->getMemberDecl());
    if (!method || method->isConst() || method->isStatic())
      return false;
    // Element access of a container: modified when the element is.
    if (method->getIdentifier() &&
        llvm::is_contained({"at", "front", "back"}, method->getName()))
      if (const auto *call =
              dyn_cast_or_null<CXXMemberCallExpr>(parentMap.getParent(member)))
        return isModified(call);
    // An iterator of a non-const container (`hv.begin()` picks the
    // non-const overload): modified when something writes through it.
    if (method->getIdentifier() &&
        llvm::is_contained({"begin", "end", "rbegin", "rend"},
                           method->getName()))
      if (const auto *call =
              dyn_cast_or_null<CXXMemberCallExpr>(parentMap.getParent(member)))
        return !iteratorOnlyRead(call);
    return true;
  }
  if (const auto *call = dyn_cast<CallExpr>(p)) {
    const FunctionDecl *callee = call->getDirectCallee();
    if (!callee || copiesForwarded(callee))
      return false;
    for (unsigned i = 0, e = call->getNumArgs(); i != e; ++i)
      if (call->getArg(i) == child && i < callee->getNumParams())
        return isMutableRef(callee->getParamDecl(i)->getType());
    return false;
  }
  if (const auto *construct = dyn_cast<CXXConstructExpr>(p)) {
    const CXXConstructorDecl *ctor = construct->getConstructor();
    if (copiesForwarded(ctor))
      return false;
    for (unsigned i = 0, e = construct->getNumArgs(); i != e; ++i)
      if (construct->getArg(i) == child && i < ctor->getNumParams())
        return isMutableRef(ctor->getParamDecl(i)->getType());
  }
  return false;
}

/// Is iterator `e` only read: compared, dereferenced for reading, offset,
/// or passed to a standard algorithm that does not write through its
/// iterators? Anything else (stored, passed elsewhere) may write.
bool FunctionAnalysis::iteratorOnlyRead(const Expr *e) const {
  const Stmt *child = e;
  const Stmt *p = parentMap.getParent(e);
  auto copies = [](const Stmt *n) {
    const auto *construct = dyn_cast<CXXConstructExpr>(n);
    return construct && construct->getNumArgs() == 1 &&
           construct->getConstructor()->isCopyOrMoveConstructor();
  };
  while (p && (isa<ParenExpr, ImplicitCastExpr, MaterializeTemporaryExpr,
                   CXXBindTemporaryExpr, ExprWithCleanups>(p) ||
               copies(p))) {
    child = p;
    p = parentMap.getParent(p);
  }
  if (!p)
    return false;
  // `it - n` and `it + n` are iterators again; `a - b` is a distance.
  auto offset = [&](const Expr *result) {
    return result->getType()->isIntegerType() || iteratorOnlyRead(result);
  };
  if (const auto *bo = dyn_cast<BinaryOperator>(p))
    return bo->isComparisonOp() || (bo->isAdditiveOp() && offset(bo));
  if (const auto *op = dyn_cast<CXXOperatorCallExpr>(p)) {
    switch (op->getOperator()) {
    case OO_EqualEqual:
    case OO_ExclaimEqual:
    case OO_Less:
    case OO_Greater:
    case OO_LessEqual:
    case OO_GreaterEqual:
      return true;
    case OO_Minus:
    case OO_Plus:
      return offset(op);
    case OO_Star:
    case OO_Arrow:
      return op->getArg(0) == child && !isModified(op);
    default:
      return false;
    }
  }
  const auto *call = dyn_cast<CallExpr>(p);
  const FunctionDecl *callee = call ? call->getDirectCallee() : nullptr;
  return callee && callee->isInStdNamespace() && callee->getIdentifier() &&
         llvm::is_contained({"find",           "find_if",       "find_if_not",
                             "count",          "count_if",      "accumulate",
                             "distance",       "min_element",   "max_element",
                             "minmax_element", "all_of",        "any_of",
                             "none_of",        "equal",         "mismatch",
                             "search",         "adjacent_find", "lower_bound",
                             "upper_bound",    "binary_search", "equal_range",
                             "is_sorted",      "inner_product", "reduce",
                             "includes",       "is_permutation"},
                            callee->getName());
}

SmallVector<const VarDecl *, 4>
FunctionAnalysis::tensorsAssignedIn(ArrayRef<const Stmt *> parts) const {
  llvm::DenseSet<const VarDecl *> local;
  SmallVector<const DeclRefExpr *, 16> refs;
  auto visit = [&](const Stmt *s) {
    if (const auto *ds = dyn_cast<DeclStmt>(s))
      for (const Decl *d : ds->decls())
        if (const auto *var = dyn_cast<VarDecl>(d))
          local.insert(var);
    if (const auto *ref = dyn_cast<DeclRefExpr>(s))
      refs.push_back(ref);
  };
  for (const Stmt *part : parts) {
    if (!part)
      continue;
    visit(part);
    forEachDescendant(part, visit);
  }
  SmallVector<const VarDecl *, 4> vars;
  for (const DeclRefExpr *ref : refs) {
    const auto *var = dyn_cast<VarDecl>(ref->getDecl());
    if (!var || local.count(var) ||
        !(isTensorType(var->getType()) || stagedLists.count(var) ||
          isStagedLocal(var) || compositeParts(var)) ||
        llvm::is_contained(vars, var) || !isModified(ref))
      continue;
    vars.push_back(var);
  }
  return vars;
}

SmallVector<const Expr *, 2>
FunctionAnalysis::modifications(ArrayRef<const Stmt *> parts,
                                const VarDecl *var) const {
  SmallVector<const Expr *, 2> result;
  for (const Stmt *part : parts) {
    if (!part)
      continue;
    forEachDescendant(part, [&](const Stmt *s) {
      const auto *ref = dyn_cast<DeclRefExpr>(s);
      if (ref && ref->getDecl() == var && isModified(ref))
        result.push_back(ref);
    });
  }
  return result;
}

/// `x = e` where `e` does not read x: the old value of x is dead.
static bool isCleanKill(const Stmt *s, const VarDecl *var) {
  const auto *e = dyn_cast<Expr>(s);
  if (!e)
    return false;
  e = strip(e);
  if (const auto *op = dyn_cast<CXXOperatorCallExpr>(e))
    return op->getOperator() == OO_Equal && op->getNumArgs() == 2 &&
           referencedVar(op->getArg(0)) == var &&
           !references(op->getArg(1), var);
  if (const auto *bo = dyn_cast<BinaryOperator>(e))
    return bo->getOpcode() == BO_Assign && referencedVar(bo->getLHS()) == var &&
           !references(bo->getRHS(), var);
  return false;
}

FunctionAnalysis::Scan FunctionAnalysis::scan(const Stmt *s,
                                              const VarDecl *var) const {
  if (!references(s, var))
    return Scan::PassThrough;
  if (const auto *cs = dyn_cast<CompoundStmt>(s)) {
    bool jumped = false;
    for (const Stmt *child : cs->body()) {
      Scan r = scan(child, var);
      if (r == Scan::Live)
        return Scan::Live;
      if (r == Scan::Killed && !jumped)
        return Scan::Killed;
      jumped |= containsJump(child);
    }
    return Scan::PassThrough;
  }
  return isCleanKill(s, var) ? Scan::Killed : Scan::Live;
}

bool FunctionAnalysis::liveInLoop(const Stmt *loop, const VarDecl *var) const {
  // A range-for variable is initialized afresh at each iteration.
  if (const auto *range = dyn_cast<CXXForRangeStmt>(loop))
    if (range->getLoopVariable() == var)
      return false;
  if (aliased.count(var))
    return true;
  if (references(loopCond(loop), var))
    return true;
  Scan r = scan(loopBody(loop), var);
  if (r == Scan::Live)
    return true;
  if (const auto *f = dyn_cast<ForStmt>(loop))
    return r == Scan::PassThrough && references(f->getInc(), var);
  return false;
}

bool FunctionAnalysis::liveAfter(const Stmt *s, const VarDecl *var) const {
  // A reference (an out-parameter, an alias) or a global/static is read by
  // someone else later.
  if (var->getType()->isReferenceType() || var->hasGlobalStorage() ||
      aliased.count(var))
    return true;
  const Stmt *cur = s;
  for (const Stmt *p = parentMap.getParent(cur); p;
       cur = p, p = parentMap.getParent(p)) {
    if (const auto *cs = dyn_cast<CompoundStmt>(p)) {
      bool after = false, jumped = false, declaredHere = false;
      for (const Stmt *child : cs->body()) {
        declaredHere |= declares(child, var);
        if (child == cur) {
          // A break/continue/return inside `cur` leaves it on a path that
          // skips the statements after it: their kills do not cover it
          // (`if (c) { v = e; break; } v = f;` reads v after the loop).
          after = true;
          jumped = containsJump(cur);
          continue;
        }
        if (!after)
          continue;
        Scan r = scan(child, var);
        if (r == Scan::Live)
          return true;
        if (r == Scan::Killed && !jumped)
          return false;
        jumped |= containsJump(child);
      }
      if (declaredHere)
        return false;
    } else if (isLoop(p)) {
      if (cur != loopBody(p) && cur != loopCond(p) &&
          !(isa<ForStmt>(p) && cur == cast<ForStmt>(p)->getInc()))
        continue; // leaving the init of a for
      if (liveInLoop(p, var))
        return true;
      if (const auto *range = dyn_cast<CXXForRangeStmt>(p))
        if (range->getLoopVariable() == var)
          return false;
      if (const auto *f = dyn_cast<ForStmt>(p))
        if (declares(f->getInit(), var))
          return false;
    }
  }
  return false;
}

static bool hasValue(const VarDecl *var) {
  if (isa<ParmVarDecl>(var))
    return true;
  const Expr *init = var->getInit();
  if (!init)
    return false;
  // A node-result local of a class type starts from a default value.
  if (const auto *construct = dyn_cast<CXXConstructExpr>(strip(init)))
    return construct->getNumArgs() != 0 || isStagedLocal(var);
  return true;
}

/// True if evaluating `e` always assigns `var`: an assignment to it outside
/// the operands C++ may skip (the right of `&&`/`||`, the branches of `?:`)
/// and lambda bodies, e.g. `(y = x * 2) > 4` or `i = 0, j = n`.
static bool alwaysAssigns(const Expr *e, const VarDecl *var) {
  if (!e)
    return false;
  e = strip(e);
  if (const auto *op = dyn_cast<CXXOperatorCallExpr>(e)) {
    if (op->isAssignmentOp() && referencedVar(op->getArg(0)) == var)
      return true;
    if (op->getOperator() == OO_AmpAmp || op->getOperator() == OO_PipePipe)
      return alwaysAssigns(op->getArg(0), var);
  }
  if (const auto *bo = dyn_cast<BinaryOperator>(e)) {
    if (bo->isAssignmentOp() && referencedVar(bo->getLHS()) == var)
      return true;
    if (bo->isLogicalOp())
      return alwaysAssigns(bo->getLHS(), var);
  }
  if (const auto *co = dyn_cast<AbstractConditionalOperator>(e))
    return alwaysAssigns(co->getCond(), var);
  if (isa<LambdaExpr>(e))
    return false;
  for (const Stmt *child : e->children())
    if (alwaysAssigns(dyn_cast_or_null<Expr>(child), var))
      return true;
  return false;
}

/// The state of one variable along the paths through a statement.
struct FunctionAnalysis::AssignFlow {
  explicit AssignFlow(const VarDecl *var, const Stmt *probe = nullptr)
      : var(var), probe(probe) {}
  const VarDecl *var;
  /// The statement whose entry state definedBefore asks for, or null.
  const Stmt *probe;
  /// The variable holds a value on every path entering `probe` (true
  /// while none did).
  bool atProbe = true;
  /// Per loop or switch: the variable holds a value at every `break`
  /// (`continue`) reaching it; absent when none does.
  llvm::DenseMap<const Stmt *, bool> breaks, continues;
  /// Per switch: the state after its condition (entering a `case`).
  llvm::DenseMap<const Stmt *, bool> caseEntry;

  static void join(llvm::DenseMap<const Stmt *, bool> &states,
                   const Stmt *target, bool in) {
    auto [it, inserted] = states.try_emplace(target, in);
    if (!inserted)
      it->second &= in;
  }
  static bool at(const llvm::DenseMap<const Stmt *, bool> &states,
                 const Stmt *target) {
    auto it = states.find(target);
    return it == states.end() || it->second;
  }
};

/// True if a `while`/`for` condition is absent or a nonzero literal: the
/// loop ends only through a jump.
static bool loopsForever(const Stmt *loop) {
  if (isa<CXXForRangeStmt, DoStmt>(loop))
    return false;
  const Expr *cond = loopCond(loop);
  if (!cond)
    return true;
  const Expr *bare = cond->IgnoreParenImpCasts();
  if (const auto *b = dyn_cast<CXXBoolLiteralExpr>(bare))
    return b->getValue();
  if (const auto *i = dyn_cast<IntegerLiteral>(bare))
    return i->getValue() != 0;
  return false;
}

/// How `s` can end (bits of ExitKind): falling through its end, or leaving
/// it through a return, a break or a continue.
unsigned FunctionAnalysis::exitsOf(const Stmt *s) const {
  if (!s)
    return Falls;
  if (isa<ReturnStmt>(s))
    return Returns;
  if (isa<BreakStmt>(s))
    return Breaks;
  if (isa<ContinueStmt>(s))
    return Continues;
  if (const auto *cs = dyn_cast<CompoundStmt>(s)) {
    unsigned out = 0;
    for (const Stmt *child : cs->body()) {
      unsigned e = exitsOf(child);
      out |= e & ~Falls;
      if (!(e & Falls))
        return out;
    }
    return out | Falls;
  }
  if (const auto *ifs = dyn_cast<IfStmt>(s))
    return exitsOf(ifs->getThen()) | exitsOf(ifs->getElse());
  // Loops, switches, expressions...: may fall through, and may leave
  // through the jumps inside them whose target is outside.
  unsigned out = Falls;
  forEachDescendant(s, [&](const Stmt *n) {
    if (isa<ReturnStmt>(n)) {
      out |= Returns;
    } else if (isa<BreakStmt, ContinueStmt>(n)) {
      const Stmt *target = jumpTarget(n);
      if (!target || !isWithin(target, s))
        out |= isa<BreakStmt>(n) ? Breaks : Continues;
    }
  });
  return out;
}

// Definite assignment as Java defines it (JLS ch. 16) for the statements C++
// shares with it: `in` says the variable holds a value on every path
// entering `s`; the result says so for every path leaving `s` at its end
// (vacuously true when none does). A `return` leaves the function, where
// nothing reads the variable; a `break`/`continue` hands its state to its
// loop or switch instead of the statement after it.
bool FunctionAnalysis::assignedAfter(const Stmt *s, bool in,
                                     AssignFlow &flow) const {
  if (!s)
    return in;
  if (s == flow.probe)
    flow.atProbe &= in;
  const VarDecl *var = flow.var;
  if (const auto *e = dyn_cast<Expr>(s))
    return in || alwaysAssigns(e, var);
  if (const auto *ds = dyn_cast<DeclStmt>(s)) {
    for (const Decl *d : ds->decls())
      if (const auto *v = dyn_cast<VarDecl>(d))
        // Declared afresh (in each iteration of a loop around it).
        in = v == var ? hasValue(var) : in || alwaysAssigns(v->getInit(), var);
    return in;
  }
  if (const auto *cs = dyn_cast<CompoundStmt>(s)) {
    for (const Stmt *child : cs->body())
      in = assignedAfter(child, in, flow);
    return in;
  }
  if (isa<ReturnStmt, GotoStmt, IndirectGotoStmt>(s))
    return true; // (goto is rejected with its own diagnostic)
  if (isa<BreakStmt, ContinueStmt>(s)) {
    AssignFlow::join(isa<BreakStmt>(s) ? flow.breaks : flow.continues,
                     jumpTarget(s), in);
    return true;
  }
  if (const auto *ifs = dyn_cast<IfStmt>(s)) {
    in = assignedAfter(ifs->getInit(), in, flow);
    in = assignedAfter(ifs->getConditionVariableDeclStmt(), in, flow);
    in = in || alwaysAssigns(ifs->getCond(), var);
    // A branch that cannot complete normally counts as assigning only if
    // the runtime sees it left: through one kind of jump (one flag, which
    // is then literally true at its end). After a branch that may return
    // or continue, say, both flags are staged values.
    auto branchOut = [&](const Stmt *branch) {
      bool out = assignedAfter(branch, in, flow);
      unsigned exits = exitsOf(branch);
      bool oneJump = exits == Returns || exits == Breaks || exits == Continues;
      return (exits & Falls) || oneJump ? out : in;
    };
    bool thenOut = branchOut(ifs->getThen());
    return branchOut(ifs->getElse()) && thenOut;
  }
  if (isLoop(s)) {
    // The header runs before anything can jump. (Not a do/while's
    // condition: a staged loop learns the type of a variable without a
    // value from its body only.)
    if (const auto *f = dyn_cast<ForStmt>(s)) {
      in = assignedAfter(f->getInit(), in, flow);
      in = assignedAfter(f->getConditionVariableDeclStmt(), in, flow);
    }
    if (const auto *w = dyn_cast<WhileStmt>(s))
      in = assignedAfter(w->getConditionVariableDeclStmt(), in, flow);
    if (const auto *r = dyn_cast<CXXForRangeStmt>(s)) {
      in = assignedAfter(r->getInit(), in, flow);
      in = assignedAfter(r->getRangeStmt(), in, flow);
    }
    if (!isa<DoStmt>(s))
      in = in || alwaysAssigns(loopCond(s), var);
    bool bodyOut = assignedAfter(loopBody(s), in, flow);
    // Leaving through the condition: in a do/while after the body (or a
    // `continue`), otherwise possibly before the first iteration.
    bool exit = isa<DoStmt>(s) ? bodyOut && AssignFlow::at(flow.continues, s)
                               : loopsForever(s) || in;
    return exit && AssignFlow::at(flow.breaks, s);
  }
  if (const auto *sw = dyn_cast<SwitchStmt>(s)) {
    in = assignedAfter(sw->getInit(), in, flow);
    in = assignedAfter(sw->getConditionVariableDeclStmt(), in, flow);
    in = in || alwaysAssigns(sw->getCond(), var);
    flow.caseEntry[sw] = in;
    // Code before the first label is unreachable.
    bool bodyOut = assignedAfter(sw->getBody(), true, flow);
    bool hasDefault = false;
    for (const SwitchCase *c = sw->getSwitchCaseList(); c;
         c = c->getNextSwitchCase())
      hasDefault |= isa<DefaultStmt>(c);
    return bodyOut && AssignFlow::at(flow.breaks, sw) && (hasDefault || in);
  }
  if (const auto *c = dyn_cast<SwitchCase>(s)) {
    // Entered from its switch or by falling through from the case above.
    const Stmt *sw = parentMap.getParent(c);
    while (sw && !isa<SwitchStmt>(sw))
      sw = parentMap.getParent(sw);
    auto entry = flow.caseEntry.find(sw);
    in = in && entry != flow.caseEntry.end() && entry->second;
    return assignedAfter(c->getSubStmt(), in, flow);
  }
  if (const auto *l = dyn_cast<LabelStmt>(s))
    return assignedAfter(l->getSubStmt(), in, flow);
  if (const auto *a = dyn_cast<AttributedStmt>(s))
    return assignedAfter(a->getSubStmt(), in, flow);
  return in; // try (rejected), null statements, ...
}

bool FunctionAnalysis::definitelyAssigns(const Stmt *s,
                                         const VarDecl *var) const {
  AssignFlow flow(var);
  return assignedAfter(s, /*in=*/false, flow);
}

bool FunctionAnalysis::definedBefore(const Stmt *s, const VarDecl *var) const {
  if (isa<ParmVarDecl>(var))
    return true;
  // Flow from the top of the body holding `s` (the function's, or that of
  // a lambda in it).
  const Stmt *root = s;
  for (const Stmt *p = parentMap.getParent(root); p && !isa<LambdaExpr>(p);
       p = parentMap.getParent(p))
    root = p;
  bool declaredInside = false;
  forEachDescendant(root, [&](const Stmt *n) {
    declaredInside |= isa<DeclStmt>(n) && declares(n, var);
  });
  AssignFlow flow(var, s);
  assignedAfter(root, declaredInside ? false : hasValue(var), flow);
  return flow.atProbe;
}

const DeclRefExpr *FunctionAnalysis::firstUseAfter(const Stmt *s,
                                                   const VarDecl *var) const {
  const SourceManager &sm = ctx.getSourceManager();
  SourceLocation end = sm.getFileLoc(s->getEndLoc());
  const DeclRefExpr *first = nullptr;
  forEachDescendant(body, [&](const Stmt *n) {
    const auto *ref = dyn_cast<DeclRefExpr>(n);
    if (!ref || ref->getDecl() != var)
      return;
    SourceLocation loc = sm.getFileLoc(ref->getBeginLoc());
    if (!sm.isBeforeInTranslationUnit(end, loc))
      return;
    if (!first ||
        sm.isBeforeInTranslationUnit(loc, sm.getFileLoc(first->getBeginLoc())))
      first = ref;
  });
  return first;
}

} // namespace frontend
} // namespace ag
