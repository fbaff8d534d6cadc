//===- Nodes.cpp - AG_NODE calls and the lazy values they produce ---------===//
//
// Which locals hold node results is a fixed point over the body of each
// converted function: a local assigned (or initialized with) an expression
// that reads a node result holds one too. Locals of arithmetic type become
// ag::Tensor in the twin (so comparisons of node results are staged
// conditions), locals of any other type ag::Lazy<T>.
//
//===----------------------------------------------------------------------===//

#include "Nodes.h"

#include "Analysis.h"
#include "TwinEmitter.h"

#include "clang/AST/Attr.h"
#include "clang/AST/ParentMap.h"
#include "clang/AST/QualTypeNames.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"

#include <array>
#include <map>
#include <memory>
#include <set>

using namespace clang;

namespace ag {
namespace frontend {

static NodeKind annotatedKind(const FunctionDecl *fd) {
  for (const FunctionDecl *redecl : fd->redecls())
    for (const auto *attr : redecl->specific_attrs<AnnotateAttr>()) {
      if (attr->getAnnotation() == "ag.node")
        return NodeKind::Pure;
      if (attr->getAnnotation() == "ag.node_effect")
        return NodeKind::Effect;
    }
  return NodeKind::None;
}

NodeKind nodeKind(const FunctionDecl *fd) {
  if (!fd)
    return NodeKind::None;
  NodeKind kind = annotatedKind(fd);
  if (kind == NodeKind::None)
    if (const FunctionTemplateDecl *primary = fd->getPrimaryTemplate())
      kind = annotatedKind(primary->getTemplatedDecl());
  if (kind == NodeKind::None)
    if (const FunctionDecl *pattern = fd->getTemplateInstantiationPattern())
      kind = annotatedKind(pattern);
  return kind;
}

const FunctionDecl *nodeCallee(const Stmt *s) {
  const auto *call = dyn_cast_or_null<CallExpr>(s);
  if (!call || isa<CXXMemberCallExpr, CXXOperatorCallExpr>(call))
    return nullptr;
  const FunctionDecl *callee = call->getDirectCallee();
  if (nodeKind(callee) == NodeKind::None)
    return nullptr;
  if (const auto *method = dyn_cast<CXXMethodDecl>(callee);
      method && !method->isStatic())
    return nullptr;
  return callee;
}

/// `T` spelled from the global namespace, keeping typedef names
/// (`::std::string`); `auto` is replaced by what it deduced.
std::string spell(ASTContext &ctx, QualType type) {
  if (const auto *deduced = dyn_cast<DeducedType>(type.getTypePtr());
      deduced && !deduced->getDeducedType().isNull())
    type = deduced->getDeducedType();
  else if (type->getContainedDeducedType())
    type = type.getCanonicalType();
  return TypeName::getFullyQualifiedName(type, ctx, ctx.getPrintingPolicy(),
                                         /*WithGlobalNsPrefix=*/true);
}

/// `ns::C::f<int>` (namespaces and classes; anonymous and inline namespaces
/// left out, as lookup finds their members anyway).
static std::string scopedName(ASTContext &ctx, const FunctionDecl *fd) {
  std::string out = fd->getNameAsString();
  for (const DeclContext *dc = fd->getDeclContext(); dc; dc = dc->getParent()) {
    if (const auto *ns = dyn_cast<NamespaceDecl>(dc);
        ns && !ns->isAnonymousNamespace() && !ns->isInline())
      out = ns->getNameAsString() + "::" + out;
    else if (const auto *record = dyn_cast<CXXRecordDecl>(dc);
             record && record->getIdentifier())
      out = record->getNameAsString() + "::" + out;
  }
  if (const TemplateArgumentList *args = fd->getTemplateSpecializationArgs()) {
    llvm::raw_string_ostream os(out);
    PrintingPolicy policy = ctx.getPrintingPolicy();
    policy.FullyQualifiedName = true;
    policy.SuppressScope = false;
    printTemplateArgumentList(os, args->asArray(), policy);
  }
  return out;
}

std::string nodeName(ASTContext &ctx, const FunctionDecl *fd) {
  std::string name = scopedName(ctx, fd);
  // Overloads share a name: the registry tells them by their parameters.
  if (hasOverloads(fd) && !fd->getTemplateSpecializationArgs()) {
    std::string params;
    for (const ParmVarDecl *param : fd->parameters())
      params += (params.empty() ? "" : ", ") +
                TypeName::getFullyQualifiedName(param->getType(), ctx,
                                                ctx.getPrintingPolicy());
    name += "(" + params + ")";
  }
  return name;
}

std::string nodePointer(ASTContext &ctx, const FunctionDecl *fd) {
  std::string pointer = "&::" + scopedName(ctx, fd);
  if (!hasOverloads(fd) && !fd->getTemplateSpecializationArgs())
    return pointer;
  std::string params;
  for (const ParmVarDecl *param : fd->parameters())
    params += (params.empty() ? "" : ", ") + spell(ctx, param->getType());
  return "static_cast<" + spell(ctx, fd->getReturnType()) + " (*)(" + params +
         ")>(" + pointer + ")";
}

/// ag::Tensor, or an arithmetic type: an ag::Tensor in the twin
/// (ag::detail::NodeResultT). Enumerations are not (std::is_arithmetic).
static bool isTwinTensor(QualType type) {
  if (isTensorType(type))
    return true;
  type = type.getNonReferenceType().getCanonicalType();
  return isa<BuiltinType>(type) && type->isArithmeticType();
}

/// Holds an ag::Tensor somewhere (a struct of tensors, a vector of them):
/// converted functions already return those as graph results.
static bool containsTensor(QualType type, unsigned depth = 0) {
  if (isTensorType(type))
    return true;
  type = type.getNonReferenceType().getCanonicalType();
  const auto *record = type->getAsCXXRecordDecl();
  if (!record || !record->hasDefinition() || depth > 6)
    return false;
  if (record->getIdentifier() && record->getName() == "TensorList")
    return true;
  if (const auto *inst = dyn_cast<ClassTemplateSpecializationDecl>(record))
    for (const TemplateArgument &arg : inst->getTemplateArgs().asArray()) {
      // std::tuple's are a pack.
      llvm::ArrayRef<TemplateArgument> args(arg);
      if (arg.getKind() == TemplateArgument::Pack)
        args = arg.pack_elements();
      for (const TemplateArgument &each : args)
        if (each.getKind() == TemplateArgument::Type &&
            containsTensor(each.getAsType(), depth + 1))
          return true;
    }
  for (const FieldDecl *field : record->fields())
    if (containsTensor(field->getType(), depth + 1))
      return true;
  return false;
}

bool returnsLazy(const FunctionDecl *fd) {
  QualType type = fd->getReturnType();
  if (type.isNull() || type->isDependentType() || type->isVoidType() ||
      type->getContainedDeducedType() || type->isReferenceType() ||
      type->isPointerType() || isTwinTensor(type) || containsTensor(type) ||
      returnsNumbers(fd))
    return false;
  return true;
}

std::optional<llvm::SmallVector<QualType, 4>> tupleElements(QualType type) {
  const auto *inst = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
      type.getCanonicalType()->getAsCXXRecordDecl());
  if (!inst || !llvm::is_contained({"std::pair", "std::tuple"},
                                   inst->getQualifiedNameAsString()))
    return std::nullopt;
  llvm::SmallVector<QualType, 4> elements;
  for (const TemplateArgument &arg : inst->getTemplateArgs().asArray()) {
    llvm::ArrayRef<TemplateArgument> args(arg);
    if (arg.getKind() == TemplateArgument::Pack)
      args = arg.pack_elements();
    for (const TemplateArgument &each : args)
      if (each.getKind() == TemplateArgument::Type)
        elements.push_back(each.getAsType());
  }
  return elements;
}

static bool isNumberType(QualType type) {
  type = type.getCanonicalType();
  return !type->isReferenceType() && isa<BuiltinType>(type) &&
         type->isArithmeticType();
}

bool returnsNumbers(const FunctionDecl *fd, bool *whole) {
  QualType type = fd->getReturnType();
  // An in-place twin is the original itself: its type cannot change.
  if (type.isNull() || type->isDependentType() ||
      type->getContainedDeducedType() || isa<CXXMethodDecl>(fd) ||
      fd->getDescribedFunctionTemplate() || fd->getPrimaryTemplate())
    return false;
  if (whole)
    *whole = isNumberType(type);
  if (isNumberType(type))
    return true;
  auto elements = tupleElements(type);
  if (!elements || !llvm::any_of(*elements, isNumberType))
    return false; // a host class (returnsLazy), or tensors only
  // Numbers only (`std::pair<double, int>`) are numbers too: the parts may be
  // staged (ag::detail::isNumberTuple agrees). Another host element makes a
  // host class.
  return containsTensor(type) || llvm::all_of(*elements, isNumberType);
}

std::string twinResultType(ASTContext &ctx, const FunctionDecl *fd) {
  if (!returnsNumbers(fd))
    return lazyReturnType(ctx, fd);
  QualType type = fd->getReturnType();
  if (isNumberType(type))
    return "::ag::Tensor";
  std::string out =
      type.getCanonicalType()->getAsCXXRecordDecl()->getName() == "pair"
          ? "::std::pair<"
          : "::std::tuple<";
  bool first = true;
  // Named: a range-for over `*tupleElements(type)` would read the optional
  // after its destruction.
  auto elements = tupleElements(type);
  for (QualType element : *elements) {
    out += first ? "" : ", ";
    out += isNumberType(element) ? "::ag::Tensor" : spell(ctx, element);
    first = false;
  }
  return out + ">";
}

/// The element type and length of a `std::array<T, N>`, or nullopt.
static std::optional<std::pair<QualType, uint64_t>> stdArray(QualType type) {
  const auto *inst = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
      type.getCanonicalType()->getAsCXXRecordDecl());
  if (!inst || inst->getQualifiedNameAsString() != "std::array")
    return std::nullopt;
  const TemplateArgumentList &args = inst->getTemplateArgs();
  if (args.size() != 2 || args[0].getKind() != TemplateArgument::Type ||
      args[1].getKind() != TemplateArgument::Integral)
    return std::nullopt;
  return std::make_pair(args[0].getAsType(),
                        args[1].getAsIntegral().getZExtValue());
}

/// A class whose parts a composite local or parameter (not a result) may
/// name although it is no aggregate: public fields only, no base, not
/// polymorphic, and copied and assigned member by member (no user-written
/// copy or move), so merging it part by part is what assigning it does.
static bool isMemberwiseClass(const CXXRecordDecl *record) {
  return !record->isAggregate() && !record->isUnion() &&
         record->getNumBases() == 0 && !record->isPolymorphic() &&
         !record->hasUserDeclaredCopyAssignment() &&
         !record->hasUserDeclaredMoveAssignment() &&
         !record->hasUserDeclaredCopyConstructor() &&
         !record->hasUserDeclaredMoveConstructor() &&
         llvm::all_of(record->fields(), [](const FieldDecl *field) {
           return field->getAccess() == AS_public;
         });
}

/// The tensors of `type` below `access` (see resultSlots): false if some
/// part is not a tensor, or a number where `numbers` does not allow one.
/// `classes`: a memberwise class (isMemberwiseClass) has parts too.
static bool collectSlots(ASTContext &ctx, QualType type,
                         const std::string &part, const std::string &access,
                         bool numbers, unsigned depth,
                         std::vector<ResultSlot> &out, bool classes = false) {
  type = type.getCanonicalType();
  if (isTensorType(type) || (numbers && isNumberType(type))) {
    if (type->isReferenceType() || type.isConstQualified())
      return false;
    out.push_back({part, access, ""});
    if (!isTensorType(type))
      out.back().number = type.getAsString(ctx.getPrintingPolicy());
    return true;
  }
  auto join = [&](llvm::StringRef name) {
    return part.empty() ? name.str() : part + "." + name.str();
  };
  if (depth > 4 || type->isReferenceType())
    return false;
  // `std::array<ag::Tensor, 3> a` (or of structs): `a[0]`, `a[1]`...
  if (auto array = stdArray(type)) {
    if (array->second == 0 || array->second > 16)
      return false;
    for (uint64_t i = 0; i < array->second; ++i)
      if (!collectSlots(ctx, array->first, part + "[" + std::to_string(i) + "]",
                        "(" + access + ")[" + std::to_string(i) + "]", false,
                        depth + 1, out, classes))
        return false;
    return true;
  }
  const auto *record = type->getAsCXXRecordDecl();
  if (!record || !record->hasDefinition())
    return false;
  if (auto elements = tupleElements(type)) {
    bool pair = record->getName() == "pair";
    for (unsigned i = 0; i < elements->size(); ++i) {
      std::string name = pair ? (i ? "second" : "first") : std::to_string(i);
      // A number is an ag::Tensor in the twin only as a top-level element
      // (twinResultType).
      if (!collectSlots(ctx, (*elements)[i], join(name),
                        "::std::get<" + std::to_string(i) + ">(" + access + ")",
                        numbers && depth == 0, depth + 1, out, classes))
        return false;
    }
    return true;
  }
  if ((!record->isAggregate() && !(classes && isMemberwiseClass(record))) ||
      record->getNumBases() != 0 || record->isUnion())
    return false;
  for (const FieldDecl *field : record->fields())
    if (field->isBitField() || !field->getIdentifier() ||
        !collectSlots(ctx, field->getType(), join(field->getName()),
                      "(" + access + ")." + field->getName().str(), false,
                      depth + 1, out, classes))
      return false;
  return !out.empty();
}

std::optional<std::vector<ResultSlot>>
resultSlots(ASTContext &ctx, const FunctionDecl *fd, std::string *spelling) {
  QualType type = fd->getReturnType();
  if (type.isNull() || type->isDependentType() ||
      type->getContainedDeducedType() || isTwinTensor(type) ||
      !type->getAsCXXRecordDecl())
    return std::nullopt;
  std::vector<ResultSlot> slots;
  if (!collectSlots(ctx, type.getUnqualifiedType(), "", "@", returnsNumbers(fd),
                    0, slots))
    return std::nullopt;
  if (spelling)
    *spelling = returnsNumbers(fd) ? twinResultType(ctx, fd)
                                   : spell(ctx, type.getUnqualifiedType());
  return slots;
}

static bool numbersTupleCall(const Expr *e);

std::optional<std::vector<ResultSlot>> compositeParts(const VarDecl *var) {
  // Every part, numbers too: the twin holds them all as tensors.
  if (isStagedComposite(var)) {
    ASTContext &ctx = var->getASTContext();
    QualType type = var->getType().getCanonicalType();
    std::vector<ResultSlot> slots;
    auto add = [&](QualType part, std::string name, std::string access) {
      slots.push_back({std::move(name), std::move(access), ""});
      if (!isTensorType(part))
        slots.back().number = part.getAsString(ctx.getPrintingPolicy());
    };
    if (auto elements = tupleElements(type)) {
      bool pair = type->getAsCXXRecordDecl()->getName() == "pair";
      for (unsigned i = 0; i < elements->size(); ++i)
        add((*elements)[i], pair ? (i ? "second" : "first") : std::to_string(i),
            "::std::get<" + std::to_string(i) + ">(@)");
    } else {
      for (const FieldDecl *field : type->getAsCXXRecordDecl()->fields())
        add(field->getType(), field->getName().str(),
            "(@)." + field->getName().str());
    }
    return slots;
  }
  // A by-value parameter is a local of the twin like any other.
  if (!var || !var->hasLocalStorage() || var->getType()->isReferenceType() ||
      var->getType().isConstQualified() || isTwinTensor(var->getType()) ||
      isStagedLocal(var) || !var->getType()->getAsCXXRecordDecl())
    return std::nullopt;
  ASTContext &ctx = var->getASTContext();
  QualType type = var->getType();
  bool numbers = false;
  // `auto p = stats(x);`: the twin's type, numbers as tensors.
  if (var->getInit() && var->getTypeSourceInfo() &&
      var->getTypeSourceInfo()->getType()->getContainedAutoType() &&
      numbersTupleCall(var->getInit()))
    numbers = true;
  std::vector<ResultSlot> slots;
  if (!collectSlots(ctx, type.getUnqualifiedType(), "", "@", numbers, 0, slots,
                    /*classes=*/true) ||
      slots.empty())
    return std::nullopt;
  return slots;
}

bool isItemCall(const Expr *e) {
  const auto *call = dyn_cast_or_null<CXXMemberCallExpr>(e);
  const CXXMethodDecl *method = call ? call->getMethodDecl() : nullptr;
  return method && method->getIdentifier() && method->getName() == "item" &&
         isTensorType(QualType(method->getParent()->getTypeForDecl(), 0)) &&
         isNumberType(call->getType());
}

/// `static_cast<bool>(t)`, `(bool)t`, `bool b(t)`, `bool b{t}`: ag::Tensor's
/// explicit `operator bool`, a staged bool like `t.item<bool>()` (in a
/// condition, the condition stages the tensor itself: TwinEmitter::condition).
static bool isTensorTruth(const Expr *e) {
  const auto *call = dyn_cast_or_null<CXXMemberCallExpr>(e);
  return call && isa_and_nonnull<CXXConversionDecl>(call->getMethodDecl()) &&
         call->getType()->isBooleanType() &&
         call->getImplicitObjectArgument() &&
         isTensorType(call->getImplicitObjectArgument()->getType());
}

/// The tensor of `static_cast<bool>(t)`, `(bool)t` or `bool(t)`, or null.
/// (The conversion alone is also a condition's: `if (t)` stages t itself.)
static const Expr *castTruth(const Expr *e) {
  const auto *cast = dyn_cast_or_null<ExplicitCastExpr>(e);
  if (!cast || !cast->getType()->isBooleanType())
    return nullptr;
  const auto *call =
      dyn_cast<CXXMemberCallExpr>(cast->getSubExpr()->IgnoreImplicit());
  return isTensorTruth(call) ? call->getImplicitObjectArgument() : nullptr;
}

/// `bool b(t);`, `bool b{t};`: the tensor, or null.
static const Expr *declaredTruth(const VarDecl *var) {
  if (!var->getType()->isBooleanType() || !var->getInit())
    return nullptr;
  const Expr *init = var->getInit()->IgnoreImplicit()->IgnoreParens();
  if (const auto *ile = dyn_cast<InitListExpr>(init);
      ile && ile->getNumInits() == 1)
    init = ile->getInit(0);
  const auto *call = dyn_cast<CXXMemberCallExpr>(init->IgnoreImplicit());
  return isTensorTruth(call) ? call->getImplicitObjectArgument() : nullptr;
}

std::string numberDType(QualType type) {
  type = type.getCanonicalType();
  const auto *builtin = cast<BuiltinType>(type.getTypePtr());
  if (builtin->getKind() == BuiltinType::Bool)
    return "::ag::DType::Bool";
  if (type->isIntegerType()) {
    // int64 for what int32 cannot hold: long, long long, unsigned int...
    switch (builtin->getKind()) {
    case BuiltinType::Long:
    case BuiltinType::LongLong:
    case BuiltinType::UInt:
    case BuiltinType::ULong:
    case BuiltinType::ULongLong:
    case BuiltinType::Char32:
    case BuiltinType::Int128:
    case BuiltinType::UInt128:
      return "::ag::DType::Int64";
    default:
      return "::ag::DType::Int32";
    }
  }
  if (builtin->getKind() == BuiltinType::Float)
    return "::ag::DType::Float32";
  return "::ag::DType::Float64";
}

std::string lazyReturnType(ASTContext &ctx, const FunctionDecl *fd) {
  return "::ag::Lazy<" + spell(ctx, fd->getReturnType().getUnqualifiedType()) +
         ">";
}

//===----------------------------------------------------------------------===//
// Which values are node results
//===----------------------------------------------------------------------===//

namespace {
/// The node results of one converted function's body.
struct NodeValues {
  const FunctionDecl *fd = nullptr;
  llvm::DenseSet<const ValueDecl *> staged;
  llvm::DenseSet<const VarDecl *> fanOut;
  /// Tensor vectors appended to under staged control flow (staged lists).
  llvm::DenseSet<const VarDecl *> lists;
  /// Locals of a struct/pair/tuple of tensors and numbers whose number part
  /// is given a staged value: the twin holds every part as an ag::Tensor.
  llvm::DenseSet<const VarDecl *> composites;
  /// The facts of fd's staged twin (setStagedParameters).
  bool stagedParams = false;
  void compute();

private:
  struct Body;
  bool mark(const ValueDecl *d);
  bool markDerived(const Body &body);
  bool markMerged(const Body &body);
  bool markFanIn(const Body &body);
};
} // namespace

/// By function and by twin: the plain twin's facts, then its staged twin's.
static std::map<std::pair<const FunctionDecl *, bool>,
                std::unique_ptr<NodeValues>> &
cache() {
  static std::map<std::pair<const FunctionDecl *, bool>,
                  std::unique_ptr<NodeValues>>
      values;
  return values;
}

static const FunctionDecl *stagedParamsOf = nullptr;

void resetNodeValues() {
  cache().clear();
  stagedParamsOf = nullptr;
}

void setStagedParameters(const FunctionDecl *fd) {
  stagedParamsOf = fd ? fd->getCanonicalDecl() : nullptr;
}

const FunctionDecl *stagedParameters() { return stagedParamsOf; }

/// The facts of the function declaring `d`, or null if it is not converted.
static const NodeValues *valuesOf(const Decl *d) {
  const auto *fd =
      dyn_cast_or_null<FunctionDecl>(d->getParentFunctionOrMethod());
  if (!fd || !fd->getBody() || !isAnnotated(fd))
    return nullptr;
  bool stagedParams = fd->getCanonicalDecl() == stagedParamsOf;
  std::unique_ptr<NodeValues> &slot = cache()[{fd, stagedParams}];
  if (!slot) {
    slot = std::make_unique<NodeValues>();
    slot->fd = fd;
    slot->stagedParams = stagedParams;
    slot->compute();
  }
  return slot.get();
}

/// Strips what Clang adds around a value: parens, implicit casts,
/// temporaries, and copies or moves of it.
static const Expr *stripValue(const Expr *e) {
  while (e) {
    const Expr *next = e->IgnoreParens()->IgnoreImplicit();
    if (const auto *construct = dyn_cast<CXXConstructExpr>(next);
        construct && construct->getNumArgs() == 1 &&
        construct->getStmtClass() == Stmt::CXXConstructExprClass &&
        construct->getConstructor()->isCopyOrMoveConstructor())
      next = construct->getArg(0);
    // `bool b{t}`: a number's braces hold its value.
    if (const auto *ile = dyn_cast<InitListExpr>(next);
        ile && ile->getNumInits() == 1 && isNumberType(ile->getType()))
      next = ile->getInit(0);
    if (next == e)
      return e;
    e = next;
  }
  return e;
}

/// std::move / std::forward: the value passes through.
static bool isMoveOrForward(const FunctionDecl *fd) {
  if (!fd || !fd->getIdentifier() ||
      !llvm::is_contained({"move", "forward"}, fd->getName()))
    return false;
  const auto *ns = dyn_cast<NamespaceDecl>(fd->getDeclContext());
  return ns && ns->getName() == "std";
}

static const Expr *loopCondition(const Stmt *loop) {
  if (const auto *w = dyn_cast<WhileStmt>(loop))
    return w->getCond();
  if (const auto *d = dyn_cast<DoStmt>(loop))
    return d->getCond();
  return cast<ForStmt>(loop)->getCond();
}

/// Does `s`, a part of loop body, leave that loop through a `break`,
/// `continue` or `return` under a staged `if` (which stages the loop, as
/// FunctionAnalysis finds)? `nested`: inside a loop or switch of its own,
/// which a break or continue would leave instead.
static bool leavesThroughStagedJump(const Stmt *s, bool staged, bool nested) {
  if (!s)
    return false;
  if (isa<ReturnStmt>(s) || (!nested && isa<BreakStmt, ContinueStmt>(s)))
    return staged;
  if (isa<LambdaExpr>(s))
    return false;
  if (const auto *ifs = dyn_cast<IfStmt>(s)) {
    bool inner = staged || isStagedCondition(ifs->getCond());
    return leavesThroughStagedJump(ifs->getThen(), inner, nested) ||
           leavesThroughStagedJump(ifs->getElse(), inner, nested);
  }
  nested |= isLoop(s) || isa<SwitchStmt>(s);
  for (const Stmt *child : s->children())
    if (leavesThroughStagedJump(child, staged, nested))
      return true;
  return false;
}

static bool isElementAccessor(const CXXMethodDecl *method) {
  return method && method->getIdentifier() &&
         llvm::is_contained({"at", "front", "back"}, method->getName());
}

/// `std::max(a, b)`, `std::min(a, b)`, `std::abs(x)` (and C's `abs`,
/// `labs`, `llabs`, `fabs`) of numbers: the ag function of the same name
/// computes what it does (`a < b ? b : a`, ElementOps.h), so a staged
/// number may be an argument. `std::clamp(v, lo, hi)` is `ag::clip`:
/// `min(max(v, lo), hi)` is clamp's `v < lo ? lo : hi < v ? hi : v` whenever
/// clamp is defined (`lo <= hi`), NaN and -0 included. Not `fmax`/`fmin`
/// (NaN rules of their own), comparators or initializer lists.
/// The <cmath> functions ag has (`sqrt`, `exp`, `log`, `sin`, `cos`,
/// `tanh`, `floor`, `ceil`, `round`, `pow`) of a float or double result
/// are ag's op of the same name on the arguments converted to that result
/// type (isFloatMath): ag's kernels call the same std:: overload
/// (semantics/ElementOps.h), and C++ computes `std::sqrt(int)` and
/// `std::pow(double, int)` in double too.
static bool isFloatMath(const CallExpr *call) {
  const FunctionDecl *callee = call->getDirectCallee();
  const DeclContext *dc = callee->getDeclContext()->getRedeclContext();
  if (!callee->isInStdNamespace() && !dc->isTranslationUnit())
    return false;
  QualType result = call->getType().getCanonicalType();
  if (!result->isSpecificBuiltinType(BuiltinType::Double) &&
      !result->isSpecificBuiltinType(BuiltinType::Float))
    return false;
  llvm::StringRef name = callee->getName();
  if (call->getNumArgs() == 2)
    return name == "pow";
  return call->getNumArgs() == 1 &&
         llvm::is_contained({"sqrt", "exp", "log", "sin", "cos", "tanh",
                             "floor", "ceil", "round"},
                            name);
}

static std::optional<llvm::StringRef> numberMath(const CallExpr *call) {
  const FunctionDecl *callee = call ? call->getDirectCallee() : nullptr;
  if (!callee || !callee->getIdentifier() || isa<CXXOperatorCallExpr>(call) ||
      !isNumberType(call->getType().getNonReferenceType()))
    return std::nullopt;
  const DeclContext *dc = callee->getDeclContext()->getRedeclContext();
  bool inStd = callee->isInStdNamespace();
  llvm::StringRef name = callee->getName();
  if (inStd && call->getNumArgs() == 2 &&
      llvm::is_contained({"max", "min"}, name))
    return name;
  if ((inStd || dc->isTranslationUnit()) && call->getNumArgs() == 1 &&
      llvm::is_contained({"abs", "labs", "llabs", "fabs"}, name))
    return llvm::StringRef("abs");
  if (inStd && call->getNumArgs() == 3 && name == "clamp")
    return llvm::StringRef("clip");
  if (isFloatMath(call))
    return name;
  return std::nullopt;
}

/// An `auto` local initialized with a numbersTupleCall: in the twin it
/// deduces the twin's type (numbers as ag::Tensor), so it is one too.
static const VarDecl *autoTupleVar(const Expr *e) {
  const auto *ref = dyn_cast_or_null<DeclRefExpr>(e);
  const auto *var = ref ? dyn_cast<VarDecl>(ref->getDecl()) : nullptr;
  if (!var || !var->hasLocalStorage() || isa<ParmVarDecl>(var) ||
      !var->getInit() || !var->getTypeSourceInfo() ||
      !var->getTypeSourceInfo()->getType()->getContainedAutoType())
    return nullptr;
  return var;
}

/// A call of a converted function returning a std::pair/std::tuple with
/// numbers (returnsNumbers, not a whole number), or an `auto` local holding
/// one: the twin has them as ag::Tensor elements, so the parts read from it
/// are staged numbers.
static bool numbersTupleCall(const Expr *e) {
  if (const VarDecl *var = autoTupleVar(stripValue(e)))
    return numbersTupleCall(var->getInit());
  const auto *call = dyn_cast_or_null<CallExpr>(stripValue(e));
  const FunctionDecl *callee = call && !isa<CXXOperatorCallExpr>(call)
                                   ? call->getDirectCallee()
                                   : nullptr;
  bool whole = false;
  return callee && isAnnotated(callee) && returnsNumbers(callee, &whole) &&
         !whole;
}

/// An aggregate struct whose fields are all numbers (`struct Hit { long row;
/// double value; };`): built from staged numbers (`return {r, v};`), the twin
/// builds it in the graph (ag::detail::aggregate_), a lazy value.
static bool isNumberAggregate(QualType type) {
  type = type.getCanonicalType();
  const auto *record = type->getAsCXXRecordDecl();
  if (type->isReferenceType() || !record || !record->hasDefinition() ||
      !record->isAggregate() || record->getNumBases() != 0 ||
      record->isUnion() || record->isPolymorphic() || tupleElements(type) ||
      record->field_empty())
    return false;
  return llvm::all_of(record->fields(), [](const FieldDecl *field) {
    return !field->isBitField() && field->getIdentifier() &&
           isNumberType(field->getType());
  });
}

const InitListExpr *builtAggregate(const Expr *e, const NodeValues *local);

/// A std::pair/std::tuple or aggregate struct whose parts are tensors and
/// numbers, at least one a number: a local of it may hold staged numbers
/// (NodeValues::composites).
static bool isNumberComposite(QualType type) {
  type = type.getCanonicalType();
  const auto *record = type->getAsCXXRecordDecl();
  if (type->isReferenceType() || type.isConstQualified() || !record ||
      !record->hasDefinition())
    return false;
  auto part = [](QualType t) {
    return isTensorType(t) || (isNumberType(t) && !t.isConstQualified());
  };
  llvm::SmallVector<QualType, 4> parts;
  if (auto elements = tupleElements(type)) {
    parts.assign(elements->begin(), elements->end());
  } else {
    if (!record->isAggregate() || record->getNumBases() != 0 ||
        record->isUnion() || record->isPolymorphic())
      return false;
    // A default member initializer would be lost in the twin's parts.
    for (const FieldDecl *field : record->fields()) {
      if (field->isBitField() || !field->getIdentifier() ||
          field->hasInClassInitializer())
        return false;
      parts.push_back(field->getType());
    }
  }
  return !parts.empty() && llvm::all_of(parts, part) &&
         llvm::any_of(parts, [](QualType t) { return isNumberType(t); });
}

/// `a.sum` or `std::get<1>(p)`, a number part of local `a`/`p` of a number
/// composite type: that local.
static const VarDecl *numberPartOwner(const Expr *e) {
  if (!e || !isNumberType(e->getType().getNonReferenceType()))
    return nullptr;
  e = e->IgnoreParens();
  const Expr *base = nullptr;
  if (const auto *member = dyn_cast<MemberExpr>(e);
      member && !member->isArrow() && isa<FieldDecl>(member->getMemberDecl()))
    base = member->getBase();
  if (const auto *call = dyn_cast<CallExpr>(e);
      call && !isa<CXXOperatorCallExpr, CXXMemberCallExpr>(call) &&
      call->getNumArgs() == 1 && call->getDirectCallee() &&
      call->getDirectCallee()->isInStdNamespace() &&
      call->getDirectCallee()->getIdentifier() &&
      call->getDirectCallee()->getName() == "get")
    base = call->getArg(0);
  const auto *ref =
      base ? dyn_cast<DeclRefExpr>(base->IgnoreParenImpCasts()) : nullptr;
  const auto *var = ref ? dyn_cast<VarDecl>(ref->getDecl()) : nullptr;
  if (!var || !var->hasLocalStorage() || isa<ParmVarDecl>(var) ||
      !isNumberComposite(var->getType()))
    return nullptr;
  return var;
}

static bool isStagedComposite(const VarDecl *var, const NodeValues *local) {
  if (!var)
    return false;
  const NodeValues *values =
      local && var->getParentFunctionOrMethod() == local->fd ? local
                                                             : valuesOf(var);
  // A node's result is a lazy value of its own (member_).
  return values && values->composites.count(var) && !values->staged.count(var);
}

bool isStagedComposite(const VarDecl *var) {
  return isStagedComposite(var, nullptr);
}

bool isStagedNumberPart(const Expr *e) {
  return isStagedComposite(numberPartOwner(e), nullptr);
}

/// `l.size()` or `l.empty()` of a staged list `l` (NodeValues::lists):
/// known only when the graph runs. `local` as for derived().
static const VarDecl *listQuery(const Expr *e, const NodeValues *local) {
  const auto *call = dyn_cast_or_null<CXXMemberCallExpr>(e);
  const CXXMethodDecl *method = call ? call->getMethodDecl() : nullptr;
  if (!method || !method->getIdentifier() ||
      !llvm::is_contained({"size", "empty"}, method->getName()) ||
      call->getNumArgs() != 0)
    return nullptr;
  const VarDecl *var = referencedVar(call->getImplicitObjectArgument());
  if (!var || !isTensorVectorType(var->getType()))
    return nullptr;
  const NodeValues *values =
      local && var->getParentFunctionOrMethod() == local->fd ? local
                                                             : valuesOf(var);
  return values && values->lists.count(var) ? var : nullptr;
}

/// `e` reads a node result. `local`: the facts being computed for the
/// function (others come from the cache).
static bool derived(const Expr *e, const NodeValues *local) {
  if (!e)
    return false;
  e = stripValue(e);
  auto stagedDecl = [&](const ValueDecl *d) {
    const NodeValues *values =
        local && d->getParentFunctionOrMethod() == local->fd ? local
                                                             : valuesOf(d);
    return values && values->staged.count(d);
  };
  auto fanOutVar = [&](const Expr *v) {
    const VarDecl *var = referencedVar(v);
    if (!var)
      return false;
    const NodeValues *values =
        local && var->getParentFunctionOrMethod() == local->fd ? local
                                                               : valuesOf(var);
    return values && values->fanOut.count(var);
  };
  if (const FunctionDecl *callee = nodeCallee(e))
    return !callee->getReturnType()->isVoidType();
  // `a.sum`, `std::get<1>(p)` of a local whose numbers are staged.
  if (isStagedComposite(numberPartOwner(e), local))
    return true;
  if (const auto *call = dyn_cast<CallExpr>(e);
      call && !isa<CXXOperatorCallExpr>(call)) {
    const FunctionDecl *callee = call->getDirectCallee();
    if (callee && isAnnotated(callee) && returnsLazy(callee))
      return true;
    // A converted function's number: an ag::Tensor from its twin.
    bool whole = false;
    if (callee && isAnnotated(callee) && returnsNumbers(callee, &whole) &&
        whole)
      return true;
    if (isMoveOrForward(callee) && call->getNumArgs() == 1)
      return derived(call->getArg(0), local);
    // `std::get<1>(f(x))` of a number f's twin returns as a tensor.
    if (callee && callee->isInStdNamespace() && callee->getIdentifier() &&
        callee->getName() == "get" && call->getNumArgs() == 1 &&
        isNumberType(call->getType().getNonReferenceType()) &&
        numbersTupleCall(call->getArg(0)))
      return true;
    if (numberMath(call))
      return llvm::any_of(call->arguments(),
                          [&](const Expr *arg) { return derived(arg, local); });
  }
  if (const auto *ref = dyn_cast<DeclRefExpr>(e))
    return isa<VarDecl, BindingDecl>(ref->getDecl()) &&
           stagedDecl(ref->getDecl());
  if (const auto *member = dyn_cast<MemberExpr>(e))
    return isa<FieldDecl>(member->getMemberDecl()) && !member->isArrow() &&
           (derived(member->getBase(), local) ||
            (isNumberType(member->getType()) &&
             numbersTupleCall(member->getBase())));
  if (const auto *op = dyn_cast<CXXOperatorCallExpr>(e)) {
    if (op->getOperator() == OO_Subscript && op->getNumArgs() == 2)
      return fanOutVar(op->getArg(0));
    return false;
  }
  if (isItemCall(e) || castTruth(e) || listQuery(e, local))
    return true;
  if (const auto *call = dyn_cast<CXXMemberCallExpr>(e))
    return isElementAccessor(call->getMethodDecl()) &&
           fanOutVar(call->getImplicitObjectArgument());
  if (const auto *uo = dyn_cast<UnaryOperator>(e))
    return uo->getOpcode() != UO_AddrOf && uo->getOpcode() != UO_Deref &&
           derived(uo->getSubExpr(), local);
  // A number chosen by a staged condition (`t > 0 ? 1.5 : 2.0`, `t > 0 &&
  // u < 1` with tensors t, u) is known only when the graph runs too.
  bool number = e->getType()->isArithmeticType();
  // `(k += 1, 3 * n + 1)`: the comma's value is its right operand's.
  if (const auto *bo = dyn_cast<BinaryOperator>(e);
      bo && bo->getOpcode() == BO_Comma)
    return derived(bo->getRHS(), local);
  if (const auto *bo = dyn_cast<BinaryOperator>(e))
    return !bo->isAssignmentOp() && bo->getOpcode() != BO_Comma &&
           (derived(bo->getLHS(), local) || derived(bo->getRHS(), local) ||
            (number && bo->isLogicalOp() &&
             (isStagedCondition(bo->getLHS()) ||
              isStagedCondition(bo->getRHS()))));
  if (const auto *co = dyn_cast<ConditionalOperator>(e))
    return derived(co->getCond(), local) || derived(co->getTrueExpr(), local) ||
           derived(co->getFalseExpr(), local) ||
           (number && isStagedCondition(co->getCond()));
  if (const auto *cast = dyn_cast<ExplicitCastExpr>(e))
    return derived(cast->getSubExpr(), local);
  if (isa<InitListExpr>(e))
    return builtAggregate(e, local) != nullptr;
  return false;
}

/// `{r, c, v}` or `Hit{r, c, v}` building a number aggregate
/// (isNumberAggregate) from at least one staged number: its braced list.
const InitListExpr *builtAggregate(const Expr *e, const NodeValues *local) {
  if (!e)
    return nullptr;
  e = e->IgnoreParens();
  if (const auto *cast = dyn_cast<CXXFunctionalCastExpr>(e))
    e = cast->getSubExpr()->IgnoreImplicit();
  const auto *ile = dyn_cast<InitListExpr>(e);
  if (ile && !ile->isSemanticForm() && ile->getSemanticForm())
    ile = ile->getSemanticForm();
  if (!ile || !isNumberAggregate(ile->getType()) ||
      ile->getNumInits() !=
          size_t(
              std::distance(ile->getType()->getAsCXXRecordDecl()->field_begin(),
                            ile->getType()->getAsCXXRecordDecl()->field_end())))
    return nullptr;
  for (const Expr *init : ile->inits())
    if (derived(init, local))
      return ile;
  return nullptr;
}

/// What NodeValues::compute reads off a function's body, in one walk.
struct NodeValues::Body {
  /// A branch or loop, with its condition (and the loop).
  struct Construct {
    const Expr *cond;
    std::array<const Stmt *, 2> parts;
    const Stmt *loop;
  };
  llvm::SmallVector<const VarDecl *, 16> locals;
  llvm::SmallVector<const DecompositionDecl *, 4> decompositions;
  llvm::SmallVector<const CXXForRangeStmt *, 4> rangeFors;
  llvm::SmallVector<std::pair<const VarDecl *, const Expr *>, 16> assignments;
  llvm::SmallVector<std::pair<const VarDecl *, const Expr *>, 4> appends;
  /// `a.sum += v`, `std::get<1>(p) = v`: number parts of composite locals.
  llvm::SmallVector<std::pair<const VarDecl *, const Expr *>, 4> parts;
  llvm::SmallVector<Construct, 8> constructs;

  explicit Body(const FunctionDecl *fd);
  void collectAssignment(const Stmt *n, const FunctionDecl *fd);

  /// A by-value parameter of an arithmetic type is a local of the twin too:
  /// the twin copies it into an ag::Tensor local of the same name
  /// (promotedParamsPrologue).
  static bool isLocal(const VarDecl *var, const FunctionDecl *fd) {
    return var && var->hasLocalStorage() &&
           var->getParentFunctionOrMethod() == fd &&
           (!isa<ParmVarDecl>(var) || isPromotableParam(var));
  }
};

NodeValues::Body::Body(const FunctionDecl *fd) {
  forEachDescendant(fd->getBody(), [&](const Stmt *n) {
    if (const auto *ds = dyn_cast<DeclStmt>(n))
      for (const Decl *d : ds->decls()) {
        if (const auto *dd = dyn_cast<DecompositionDecl>(d))
          decompositions.push_back(dd);
        else if (const auto *var = dyn_cast<VarDecl>(d); isLocal(var, fd))
          locals.push_back(var);
      }
    if (const auto *range = dyn_cast<CXXForRangeStmt>(n))
      rangeFors.push_back(range);
    if (const auto *ifs = dyn_cast<IfStmt>(n))
      constructs.push_back(
          {ifs->getCond(), {ifs->getThen(), ifs->getElse()}, nullptr});
    if (isa<WhileStmt, DoStmt, ForStmt>(n)) {
      const Stmt *inc = nullptr;
      if (const auto *f = dyn_cast<ForStmt>(n))
        inc = f->getInc();
      constructs.push_back({loopCondition(n), {loopBody(n), inc}, n});
    }
    if (const auto *range = dyn_cast<CXXForRangeStmt>(n))
      constructs.push_back({nullptr, {range->getBody(), nullptr}, n});
    // The right of a staged `&&`/`||` and the sides of a staged `?:` run on
    // some paths only: a number they assign is merged after them.
    if (const auto *bo = dyn_cast<BinaryOperator>(n); bo && bo->isLogicalOp())
      constructs.push_back({bo, {bo->getRHS(), nullptr}, nullptr});
    if (const auto *co = dyn_cast<ConditionalOperator>(n))
      constructs.push_back(
          {co->getCond(), {co->getTrueExpr(), co->getFalseExpr()}, nullptr});
    collectAssignment(n, fd);
  });
}

/// `v = e`, `v op= e`, `++v` (its own value, for where it is) and
/// `v.push_back(e)` of a local.
void NodeValues::Body::collectAssignment(const Stmt *n,
                                         const FunctionDecl *fd) {
  const Expr *lhs = nullptr, *rhs = nullptr;
  if (const auto *bo = dyn_cast<BinaryOperator>(n); bo && bo->isAssignmentOp())
    lhs = bo->getLHS(), rhs = bo->getRHS();
  if (const auto *op = dyn_cast<CXXOperatorCallExpr>(n);
      op && op->isAssignmentOp() && op->getNumArgs() == 2)
    lhs = op->getArg(0), rhs = op->getArg(1);
  if (const auto *uo = dyn_cast<UnaryOperator>(n);
      uo && uo->isIncrementDecrementOp())
    lhs = uo->getSubExpr(), rhs = uo;
  if (const auto *op = dyn_cast<CXXOperatorCallExpr>(n);
      op && op->getNumArgs() == 1 &&
      (op->getOperator() == OO_PlusPlus || op->getOperator() == OO_MinusMinus))
    lhs = op->getArg(0), rhs = op;
  if (const VarDecl *var = referencedVar(lhs); isLocal(var, fd))
    assignments.push_back({var, rhs});
  if (const VarDecl *var = numberPartOwner(lhs); isLocal(var, fd))
    parts.push_back({var, rhs});
  if (const VarDecl *var = appendedVar(n); isLocal(var, fd)) {
    const auto *call = cast<CXXMemberCallExpr>(n);
    if (call->getNumArgs() == 1)
      appends.push_back({var, call->getArg(0)});
  }
}

bool NodeValues::mark(const ValueDecl *d) {
  if (isTensorType(d->getType()))
    return false;
  return staged.insert(d).second;
}

/// Locals, bindings and range-for variables given a node's value.
bool NodeValues::markDerived(const Body &body) {
  bool changed = false;
  for (const VarDecl *var : body.locals)
    if (var->getInit() && (derived(var->getInit(), this) || declaredTruth(var)))
      changed |= mark(var);
  // `auto [mean, n] = stats(x);`: the numbers are staged, and the twin
  // binds the tensors its twin returns for them.
  for (const DecompositionDecl *dd : body.decompositions)
    if (derived(dd->getInit(), this) || numbersTupleCall(dd->getInit()))
      for (const BindingDecl *binding : dd->bindings())
        changed |= mark(binding);
  for (const CXXForRangeStmt *range : body.rangeFors)
    if (const VarDecl *vector = referencedVar(range->getRangeInit());
        vector && fanOut.count(vector))
      changed |= mark(range->getLoopVariable());
  for (auto [var, rhs] : body.assignments)
    if (derived(rhs, this))
      changed |= mark(var);
  for (auto [var, rhs] : body.parts)
    if (derived(rhs, this))
      changed |= composites.insert(var).second;
  return changed;
}

/// A number assigned under a staged condition (`if (f.loss < best.loss) {
/// best = f; bestRate = rate; }`, `while (err > tol) { ++iters; }`) is
/// merged by the staged if or loop, as AutoGraph makes a Python int a loop
/// variable: it becomes an ag::Tensor too.
bool NodeValues::markMerged(const Body &body) {
  const SourceManager &sm = fd->getASTContext().getSourceManager();
  bool changed = false;
  for (const auto &[cond, parts, loop] : body.constructs) {
    // Staged as FunctionAnalysis stages it: by its condition, by iterating
    // over a tensor, or by a staged jump out of it.
    const auto *range = dyn_cast_or_null<CXXForRangeStmt>(loop);
    if (!(cond && (derived(cond, this) || isStagedCondition(cond))) &&
        !(range && (isTensorType(range->getRangeInit()->getType()) ||
                    lists.count(referencedVar(range->getRangeInit())))) &&
        !(loop && leavesThroughStagedJump(loopBody(loop), false, false)))
      continue;
    // `e` (assigning or appending to `var`) is inside the construct, `var`
    // declared outside it.
    auto assignedWithin = [&](const VarDecl *var, const Expr *e) {
      auto within = [&](const Stmt *part) {
        if (!part)
          return false;
        SourceRange range = part->getSourceRange();
        auto inside = [&](SourceLocation loc) {
          return !sm.isBeforeInTranslationUnit(
                     loc, sm.getExpansionLoc(range.getBegin())) &&
                 !sm.isBeforeInTranslationUnit(
                     sm.getExpansionLoc(range.getEnd()), loc);
        };
        return inside(sm.getExpansionLoc(e->getBeginLoc())) &&
               !inside(sm.getExpansionLoc(var->getLocation()));
      };
      // A staged loop's condition runs at each iteration too
      // (`while ((i += 1) < n)`).
      return within(parts[0]) || within(parts[1]) || (loop && within(cond));
    };
    for (auto [var, rhs] : body.assignments) {
      if (!isTwinTensor(var->getType()) || isTensorType(var->getType()) ||
          var->getType()->isReferenceType())
        continue;
      if (assignedWithin(var, rhs))
        changed |= mark(var);
    }
    // A tensor vector appended to here is a staged list (as
    // FunctionAnalysis::computeStagedLists finds): its size is staged.
    for (auto [var, arg] : body.appends)
      if (isTensorVectorType(var->getType()) &&
          !var->getType()->isReferenceType() && assignedWithin(var, arg))
        changed |= lists.insert(var).second;
    for (auto [var, rhs] : body.parts)
      if (assignedWithin(var, rhs))
        changed |= composites.insert(var).second;
  }
  return changed;
}

/// A host vector receiving node results: a vector of 0-d tensors (an
/// arithmetic element too), each a node's result, gathered when passed to a
/// node.
bool NodeValues::markFanIn(const Body &body) {
  bool changed = false;
  for (auto [var, arg] : body.appends) {
    const auto *inst = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
        var->getType().getNonReferenceType()->getAsCXXRecordDecl());
    if (!inst || inst->getQualifiedNameAsString() != "std::vector" ||
        var->getType()->isReferenceType() || !derived(arg, this))
      continue;
    changed |= fanOut.insert(var).second;
  }
  return changed;
}

void NodeValues::compute() {
  Body body(fd);
  // The staged twin: a caller passes staged numbers for these.
  if (stagedParams)
    for (const ParmVarDecl *param : fd->parameters())
      if (isPromotableParam(param))
        mark(param);
  // To a fixpoint: each fact may make more values derived.
  bool changed = true;
  while (changed) {
    changed = markDerived(body);
    changed |= markMerged(body);
    changed |= markFanIn(body);
  }
}

bool isNodeValue(const Expr *e) { return derived(e, nullptr); }

bool passesStagedNumber(const CallExpr *call) {
  const FunctionDecl *callee = call ? call->getDirectCallee() : nullptr;
  if (!callee || !isAnnotated(callee) || nodeCallee(call))
    return false;
  for (unsigned i = 0; i < call->getNumArgs() && i < callee->getNumParams();
       ++i)
    if (isPromotableParam(callee->getParamDecl(i)) &&
        !isa<CXXDefaultArgExpr>(call->getArg(i)) &&
        isNodeValue(call->getArg(i)))
      return true;
  return false;
}

const Expr *stagedElementVector(const Expr *e, const Expr **index) {
  const Expr *vector = nullptr, *at = nullptr;
  if (const auto *op = dyn_cast_or_null<CXXOperatorCallExpr>(e);
      op && op->getOperator() == OO_Subscript && op->getNumArgs() == 2)
    vector = op->getArg(0), at = op->getArg(1);
  if (const auto *call = dyn_cast_or_null<CXXMemberCallExpr>(e);
      call && call->getNumArgs() == 1 && call->getMethodDecl() &&
      call->getMethodDecl()->getIdentifier() &&
      call->getMethodDecl()->getName() == "at")
    vector = call->getImplicitObjectArgument(), at = call->getArg(0);
  if (!vector || !isTensorVectorType(vector->getType()) ||
      !isTwinTensor(at->getType()) || !isNodeValue(at))
    return nullptr;
  if (index)
    *index = at;
  return vector;
}

bool isLazyValue(const Expr *e) {
  return e && !isTwinTensor(e->getType()) && !e->getType()->isVoidType() &&
         isNodeValue(e);
}

bool isPromotableParam(const VarDecl *var) {
  const auto *param = dyn_cast_or_null<ParmVarDecl>(var);
  if (!param || isTensorType(param->getType()))
    return false;
  QualType type = param->getType().getCanonicalType();
  // `const double &x` reads like a by-value `double x` (nothing writes
  // through it); a non-const reference is an out-parameter.
  if (type->isLValueReferenceType() &&
      type.getNonReferenceType().isConstQualified())
    type = type.getNonReferenceType();
  else if (type->isReferenceType())
    return false;
  return isa<BuiltinType>(type) && type->isArithmeticType();
}

bool isStagedLocal(const ValueDecl *var) {
  const NodeValues *values = var ? valuesOf(var) : nullptr;
  return values && values->staged.count(var);
}

bool isFanOutVector(const VarDecl *var) {
  const NodeValues *values = var ? valuesOf(var) : nullptr;
  return values && values->fanOut.count(var);
}

std::string twinTypeOf(ASTContext &ctx, const VarDecl *var) {
  QualType type = var->getType();
  QualType inner = type.getNonReferenceType();
  std::string base;
  if (isFanOutVector(var)) {
    const auto *inst =
        cast<ClassTemplateSpecializationDecl>(inner->getAsCXXRecordDecl());
    QualType element = inst->getTemplateArgs()[0].getAsType();
    base = isTwinTensor(element)
               ? "::std::vector<::ag::Tensor>"
               : "::std::vector<::ag::Lazy<" + spell(ctx, element) + ">>";
  } else if (isTwinTensor(inner)) {
    base = "::ag::Tensor";
  } else {
    base = "::ag::Lazy<" + spell(ctx, inner.getUnqualifiedType()) + ">";
  }
  if (inner.isConstQualified())
    base = "const " + base;
  if (type->isLValueReferenceType())
    base += " &";
  else if (type->isRValueReferenceType())
    base += " &&";
  return base;
}

//===----------------------------------------------------------------------===//
// Emitting
//===----------------------------------------------------------------------===//

/// A conversion of a number known only when the graph runs to another
/// arithmetic type (implicit, as Clang spells C++'s conversions, or a
/// cast): the twin converts the 0-d tensor the same way.
static bool isNumberConversion(const Expr *e) {
  const auto *cast = dyn_cast<CastExpr>(e);
  // An explicit cast is a NoOp around the implicit conversion Clang marks
  // part of it: the twin replaces the whole cast (a C++ cast cannot take
  // an ag::Tensor).
  if (!cast || !isNumberType(cast->getType()) ||
      !isNumberType(cast->getSubExpr()->getType()) ||
      (!isa<ExplicitCastExpr>(cast) &&
       cast->getType().getCanonicalType().getUnqualifiedType() ==
           cast->getSubExpr()
               ->getType()
               .getCanonicalType()
               .getUnqualifiedType()))
    return false;
  return isNodeValue(cast->getSubExpr());
}

static bool sameNumberType(QualType a, QualType b) {
  return a.getCanonicalType().getUnqualifiedType() ==
         b.getCanonicalType().getUnqualifiedType();
}

/// An integer type the graph has no dtype for (ag::detail::isEmulatedInteger
/// agrees): unsigned ones, char, signed char, short. The twin holds its
/// staged values in int64 and wraps them as C++ does.
static bool isEmulatedInteger(QualType type) {
  const auto *builtin = dyn_cast<BuiltinType>(
      type.getNonReferenceType().getCanonicalType().getTypePtr());
  if (!builtin || !builtin->isInteger())
    return false;
  return !llvm::is_contained({BuiltinType::Bool, BuiltinType::Int,
                              BuiltinType::Long, BuiltinType::LongLong,
                              BuiltinType::Int128, BuiltinType::UInt128},
                             builtin->getKind());
}

/// An unsigned type arithmetic happens in (after the usual arithmetic
/// conversions): `unsigned`, `unsigned long`, `unsigned long long`. Its
/// `+ - * <<` wrap, and its `/ % >> <` are unsigned (integerOp_).
static bool isWrappingType(QualType type) {
  const auto *builtin = dyn_cast<BuiltinType>(
      type.getNonReferenceType().getCanonicalType().getTypePtr());
  return builtin && llvm::is_contained({BuiltinType::UInt, BuiltinType::ULong,
                                        BuiltinType::ULongLong},
                                       builtin->getKind());
}

/// `text`, a staged number of type `from`, converted to `to` as C++
/// converts it: numberAs_, or unsigned64As_ for a 64-bit unsigned value
/// (held as its bit pattern) to a floating type.
static std::string convertedNumber(ASTContext &ctx, QualType to, QualType from,
                                   const std::string &text) {
  to = to.getNonReferenceType().getUnqualifiedType();
  if (to->isFloatingType() && isWrappingType(from) &&
      ctx.getTypeSize(from.getNonReferenceType()) == 64)
    return "::ag::detail::unsigned64As_<" + spell(ctx, to) + ">(" + text + ")";
  return "::ag::detail::numberAs_<" + spell(ctx, to) + ">(" + text + ")";
}

/// An operator of C++ integers the twin computes with integerOp_ or
/// postStep_ (an increment of an emulated integer would not wrap as a
/// tensor's): a staged operand of a wrapping type, or `++`/`--` of a staged
/// emulated integer.
static bool isEmulatedOperation(const Expr *e) {
  if (const auto *bo = dyn_cast<BinaryOperator>(e))
    return !bo->isAssignmentOp() && !bo->isLogicalOp() &&
           bo->getOpcode() != BO_Comma && bo->getOpcode() != BO_PtrMemD &&
           bo->getOpcode() != BO_PtrMemI && bo->getOpcode() != BO_Cmp &&
           isWrappingType(bo->getLHS()->getType()) && isNodeValue(bo);
  if (const auto *uo = dyn_cast<UnaryOperator>(e)) {
    if (uo->isIncrementDecrementOp())
      return isEmulatedInteger(uo->getSubExpr()->getType()) &&
             isNodeValue(uo->getSubExpr());
    return (uo->getOpcode() == UO_Minus || uo->getOpcode() == UO_Not) &&
           isWrappingType(uo->getType()) && isNodeValue(uo->getSubExpr());
  }
  return false;
}

/// The value before C++'s implicit arithmetic conversions (which a twin
/// spells as numberAs_).
static const Expr *beforeConversions(const Expr *e) {
  e = e->IgnoreParens();
  while (const auto *cast = dyn_cast<ImplicitCastExpr>(e)) {
    if (!isNumberType(cast->getSubExpr()->getType()))
      break;
    e = cast->getSubExpr()->IgnoreParens();
  }
  return e;
}

/// Is `e` a number the twin already holds as a weak 0-d tensor of its C++
/// type: a host value (`ag::Tensor(v)` is weak), a variable, `t.item<T>()`,
/// a node's result or a number field of one?
/// A staged `&&`, `||` or `?:` is not: its tensor is strongly typed.
static bool isPlainNumber(const Expr *e) {
  e = e->IgnoreParens();
  // A node's arithmetic result is weak already (node_).
  if (isa<DeclRefExpr>(e) || isItemCall(e) || nodeCallee(e) ||
      (isa<MemberExpr>(e) && needsNodeRewrite(e)))
    return true;
  // A host computation: nothing in it is staged.
  bool staged = false;
  std::function<void(const Stmt *)> visit = [&](const Stmt *n) {
    if (const auto *sub = dyn_cast<Expr>(n);
        sub && (isTensorType(sub->getType()) || isNodeValue(sub)))
      staged = true;
    for (const Stmt *child : n->children())
      if (child && !staged)
        visit(child);
  };
  visit(e);
  return !staged;
}

/// `n = e` or `n op= e` of a staged number `n` (a local or parameter the
/// twin holds as a weak 0-d tensor) whose value the twin must convert as
/// C++ does (`int n; n = 2.9;` stores 2, `float f; f += 0.1;` rounds the
/// double sum to float: *convert), or make a weak number of n's type
/// again (`found = found || e > 3`, a staged `||`: !*convert).
/// The stored number's type, or a null type. A number part of a staged
/// composite (`a.sum += v`, `std::get<1>(p) = v`) is stored the same way.
static QualType numberAssignment(const Expr *e, bool *convert) {
  const auto *bo = dyn_cast<BinaryOperator>(e);
  if (!bo || !bo->isAssignmentOp())
    return QualType();
  const auto *ref = dyn_cast<DeclRefExpr>(bo->getLHS()->IgnoreParens());
  const auto *var = ref ? dyn_cast<VarDecl>(ref->getDecl()) : nullptr;
  QualType target;
  if (var && isNumberType(var->getType()) && isStagedLocal(var))
    target = var->getType();
  else if (isStagedNumberPart(bo->getLHS()))
    target = bo->getLHS()->getType().getNonReferenceType();
  else
    return QualType();
  const Expr *rhs = beforeConversions(bo->getRHS());
  QualType value =
      isa<CompoundAssignOperator>(bo)
          ? cast<CompoundAssignOperator>(bo)->getComputationResultType()
          : rhs->getType();
  *convert = !sameNumberType(value, target);
  // `u += 1` of an unsigned `u` wraps (integerOp_), a tensor's `+=` not.
  if (isa<CompoundAssignOperator>(bo) &&
      (isEmulatedInteger(target) || isWrappingType(value)))
    *convert = true;
  return *convert || !isPlainNumber(rhs) ? target : QualType();
}

bool needsNodeRewrite(const Expr *e) {
  bool convert = false;
  if (nodeCallee(e) || isItemCall(e) || castTruth(e) || listQuery(e, nullptr) ||
      isNumberConversion(e) || !numberAssignment(e, &convert).isNull() ||
      isEmulatedOperation(e))
    return true;
  if (numberMath(dyn_cast<CallExpr>(e)) && isNodeValue(e))
    return true;
  if (isa<InitListExpr, CXXFunctionalCastExpr>(e->IgnoreParens()) &&
      builtAggregate(e, nullptr))
    return true;
  if (const auto *member = dyn_cast<MemberExpr>(e))
    return isa<FieldDecl>(member->getMemberDecl()) && !member->isArrow() &&
           isLazyValue(member->getBase());
  return false;
}

std::string NodeSpeller::emulatedOperand(const Expr *e, QualType type) const {
  type = type.getNonReferenceType().getUnqualifiedType();
  // A staged value of the type is held as it should be; a host one (or a
  // staged one of another type) converts as C++ converts it.
  if (sameNumberType(e->getType(), type) && isNodeValue(e))
    return expr(e);
  if (isNodeValue(e))
    return convertedNumber(ctx, type, e->getType(), expr(e));
  return "::ag::detail::numberAs_<" + spell(ctx, type) + ">(" + expr(e) + ")";
}

std::string NodeSpeller::emulatedOperation(const Expr *e) const {
  if (const auto *bo = dyn_cast<BinaryOperator>(e)) {
    QualType type = bo->getLHS()->getType();
    // A shift's right operand keeps its own type.
    const Expr *rhs = bo->getRHS();
    std::string right = bo->isShiftOp() ? "::ag::Tensor(" + expr(rhs) + ")"
                                        : emulatedOperand(rhs, type);
    return "::ag::detail::integerOp_<" +
           spell(ctx, type.getNonReferenceType().getUnqualifiedType()) + ">(" +
           emulatedOperand(bo->getLHS(), type) + ", \"" +
           bo->getOpcodeStr().str() + "\", " + right + ")";
  }
  const auto *uo = cast<UnaryOperator>(e);
  std::string type = spell(
      ctx,
      uo->getSubExpr()->getType().getNonReferenceType().getUnqualifiedType());
  std::string operand = expr(uo->getSubExpr());
  if (uo->isPrefix() && uo->isIncrementDecrementOp())
    return "(" + operand + " = ::ag::detail::numberAs_<" + type + ">(" +
           operand + (uo->isIncrementOp() ? " + 1" : " - 1") + "))";
  if (uo->isIncrementDecrementOp())
    return "::ag::detail::postStep_<" + type + ">(" + operand +
           (uo->isIncrementOp() ? ", 1)" : ", -1)");
  if (uo->getOpcode() == UO_Minus)
    return "::ag::detail::integerOp_<" + type + ">(::ag::detail::numberAs_<" +
           type + ">(0), \"-\", " +
           emulatedOperand(uo->getSubExpr(), uo->getType()) + ")";
  return "::ag::detail::integerOp_<" + type + ">(" +
         emulatedOperand(uo->getSubExpr(), uo->getType()) +
         ", \"^\", ::ag::detail::numberAs_<" + type + ">(-1))";
}

/// `std::sqrt(d)` of a staged number: ag's op of that name (numberMath).
std::string NodeSpeller::numberMathCall(const CallExpr *call,
                                        llvm::StringRef math) const {
  std::string out = "::ag::detail::numberAs_<" +
                    spell(ctx, call->getType().getUnqualifiedType()) +
                    ">(::ag::" + math.str() + "(";
  for (const Expr *arg : call->arguments()) {
    std::string value = "::ag::Tensor(" + expr(arg) + ")";
    if (isFloatMath(call))
      value = "::ag::cast(" + value + ", " + numberDType(call->getType()) + ")";
    out += (arg == *call->arg_begin() ? "" : ", ") + value;
  }
  return out + "))";
}

/// `n = v` or `n op= v` of a staged number `n` of type `stored`, the value
/// converted to it as C++ does (numberAssignment).
std::string NodeSpeller::numberAssignmentText(const BinaryOperator *bo,
                                              QualType stored,
                                              bool convert) const {
  std::string target = text(bo->getLHS()->getSourceRange());
  const auto *compound = dyn_cast<CompoundAssignOperator>(bo);
  const Expr *rhs = compound ? bo->getRHS() : beforeConversions(bo->getRHS());
  QualType computed =
      compound ? compound->getComputationResultType() : rhs->getType();
  std::string value;
  // The variable's value in the computation's type (`w += 0.5` of a
  // uint64 w computes in double).
  QualType lhs = compound ? compound->getComputationLHSType() : QualType();
  std::string left = !compound || sameNumberType(lhs, stored)
                         ? target
                         : convertedNumber(ctx, lhs, stored, target);
  if (compound && isWrappingType(computed)) {
    // `u -= 1`: the unsigned operation, in the computation type.
    value = "::ag::detail::integerOp_<" +
            spell(ctx, computed.getUnqualifiedType()) + ">(" + left + ", \"" +
            BinaryOperator::getOpcodeStr(
                BinaryOperator::getOpForCompoundAssignment(bo->getOpcode()))
                .str() +
            "\", " + emulatedOperand(rhs, lhs) + ")";
  } else if (compound) {
    value = left + " " +
            BinaryOperator::getOpcodeStr(
                BinaryOperator::getOpForCompoundAssignment(bo->getOpcode()))
                .str() +
            " (" + expr(rhs) + ")";
  } else {
    value = expr(rhs);
  }
  if (!convert)
    return target + " = ::ag::detail::keepNumber_<" +
           spell(ctx, stored.getUnqualifiedType()) + ">(" + value + ")";
  return target + " = " + convertedNumber(ctx, stored, computed, value);
}

/// A braced aggregate with staged number fields (builtAggregate): each field
/// converted to its type as the braced list converts it.
std::string NodeSpeller::aggregateText(const Expr *e, const InitListExpr *ile,
                                       llvm::StringRef name) const {
  const auto *record = ile->getType()->getAsCXXRecordDecl();
  std::string types, values;
  unsigned i = 0;
  for (const FieldDecl *field : record->fields()) {
    std::string type = spell(ctx, field->getType().getUnqualifiedType());
    const Expr *init = ile->getInit(i++);
    types += ", " + type;
    values +=
        ", ::ag::detail::numberAs_<" + type + ">(" +
        (isa<ImplicitValueInitExpr>(init) ? type + "()"
                                          : expr(beforeConversions(init))) +
        ")";
  }
  return "::ag::detail::aggregate_<" +
         spell(ctx, ile->getType().getUnqualifiedType()) + types + ">(" +
         loc(e->getSourceRange(), name) + values + ")";
}

/// A call of an AG_NODE function: node_ (effect_node_) with its arguments.
std::string NodeSpeller::nodeCallText(const CallExpr *call,
                                      const FunctionDecl *callee,
                                      llvm::StringRef name) const {
  std::string out =
      std::string("::ag::detail::") +
      (nodeKind(callee) == NodeKind::Effect ? "effect_node_(" : "node_(") +
      loc(call->getSourceRange(), name) + ", " + quote(nodeName(ctx, callee));
  if (std::string where = site ? site(call) : ""; !where.empty())
    out += ", " + where;
  out += ", " + nodePointer(ctx, callee);
  for (unsigned i = 0; i < call->getNumArgs(); ++i) {
    const Expr *arg = call->getArg(i);
    // A left-out default argument: node_ calls through a pointer.
    if (const auto *def = dyn_cast<CXXDefaultArgExpr>(arg))
      out += ", " + text(def->getExpr()->getSourceRange());
    else
      out += ", " + expr(arg);
  }
  return out + ")";
}

std::optional<std::string> NodeSpeller::rewrite(const Expr *e,
                                                llvm::StringRef name) const {
  if (const VarDecl *list = listQuery(e, nullptr))
    return "::ag::detail::" +
           std::string(cast<CXXMemberCallExpr>(e)->getMethodDecl()->getName() ==
                               "size"
                           ? "listSize_("
                           : "listEmpty_(") +
           list->getNameAsString() + ")";
  if (const Expr *tensor = castTruth(e))
    return "::ag::detail::number_(" + expr(tensor) + ", ::ag::DType::Bool)";
  if (isItemCall(e) && isEmulatedInteger(e->getType()))
    return "::ag::detail::numberAs_<" +
           spell(ctx, e->getType().getUnqualifiedType()) + ">(" +
           expr(cast<CXXMemberCallExpr>(e)->getImplicitObjectArgument()) + ")";
  if (isItemCall(e))
    return "::ag::detail::number_(" +
           expr(cast<CXXMemberCallExpr>(e)->getImplicitObjectArgument()) +
           ", " + numberDType(e->getType()) + ")";
  if (isNumberConversion(e))
    return convertedNumber(ctx, e->getType(),
                           cast<CastExpr>(e)->getSubExpr()->getType(),
                           expr(cast<CastExpr>(e)->getSubExpr()));
  if (isEmulatedOperation(e))
    return emulatedOperation(e);
  if (std::optional<llvm::StringRef> math = numberMath(dyn_cast<CallExpr>(e));
      math && isNodeValue(e))
    return numberMathCall(cast<CallExpr>(e), *math);
  bool convert = false;
  if (QualType stored = numberAssignment(e, &convert); !stored.isNull())
    return numberAssignmentText(cast<BinaryOperator>(e), stored, convert);
  if (isa<InitListExpr, CXXFunctionalCastExpr>(e->IgnoreParens()))
    if (const InitListExpr *ile = builtAggregate(e, nullptr))
      return aggregateText(e, ile, name);
  if (const FunctionDecl *callee = nodeCallee(e))
    return nodeCallText(cast<CallExpr>(e), callee, name);
  if (const auto *member = dyn_cast<MemberExpr>(e);
      member && needsNodeRewrite(member)) {
    const auto *field = cast<FieldDecl>(member->getMemberDecl());
    std::string record = spell(ctx, ctx.getRecordType(field->getParent()));
    return "::ag::detail::member_(" + loc(e->getSourceRange(), "") + ", " +
           expr(member->getBase()) + ", &" + record +
           "::" + field->getNameAsString() + ", " + quote(field->getName()) +
           ")";
  }
  return std::nullopt;
}

/// `int a = f(), b = 0;` can be written as one declaration per variable:
/// plain variables (no array or function type, no structured binding)
/// initialized with `=` or not at all.
static bool isSplittable(const DeclStmt *ds) {
  for (const Decl *d : ds->decls()) {
    const auto *var = dyn_cast<VarDecl>(d);
    if (!var || isa<DecompositionDecl>(var) || !var->hasLocalStorage())
      return false;
    QualType type = var->getType().getNonReferenceType();
    if (type->isArrayType() || type->isFunctionPointerType() ||
        type->isMemberPointerType() || type->isReferenceType() ||
        (var->getInit() && var->getInitStyle() != VarDecl::CInit))
      return false;
  }
  return true;
}

/// The initial values of the parts of staged composite `var`, in order (a
/// null for a part initialized to its type's zero), or nullopt for an
/// initializer other than none, `{...}`, `= {...}` or a constructor call
/// taking one value per part.
std::optional<std::vector<const Expr *>> compositeInits(const VarDecl *var) {
  auto slots = compositeParts(var);
  if (!slots)
    return std::nullopt;
  std::vector<const Expr *> inits(slots->size(), nullptr);
  const Expr *init =
      var->getInit() ? var->getInit()->IgnoreImplicit() : nullptr;
  if (const auto *cleanups = dyn_cast_or_null<ExprWithCleanups>(init))
    init = cleanups->getSubExpr()->IgnoreImplicit();
  if (!init)
    return inits;
  llvm::ArrayRef<const Expr *> given;
  if (const auto *ile = dyn_cast<InitListExpr>(init)) {
    if (!ile->isSemanticForm() && ile->getSemanticForm())
      ile = ile->getSemanticForm();
    given = llvm::ArrayRef(ile->getInits(), ile->getNumInits());
  } else if (const auto *construct = dyn_cast<CXXConstructExpr>(init)) {
    given = llvm::ArrayRef(construct->getArgs(), construct->getNumArgs());
  } else {
    return std::nullopt;
  }
  if (given.size() > inits.size() ||
      (!given.empty() && given.size() != inits.size() &&
       !isa<InitListExpr>(init)))
    return std::nullopt;
  for (size_t i = 0; i < given.size(); ++i)
    if (!isa<ImplicitValueInitExpr>(given[i]))
      inits[i] = given[i];
  return inits;
}

/// `Acc a{};` of a staged composite: every part an ag::Tensor, numbers
/// converted to their part's type.
std::optional<std::string>
NodeSpeller::compositeDeclarator(const VarDecl *var) const {
  auto slots = compositeParts(var);
  auto inits = compositeInits(var);
  if (!slots || !inits)
    return std::nullopt;
  QualType type = var->getType().getCanonicalType();
  std::string twinType, values;
  bool tuple = tupleElements(type).has_value();
  for (size_t i = 0; i < slots->size(); ++i) {
    const ResultSlot &slot = (*slots)[i];
    const Expr *init = (*inits)[i];
    if (!tuple)
      twinType += "::ag::Tensor " + slot.part + "; ";
    else
      twinType += std::string(i ? ", " : "") + "::ag::Tensor";
    std::string value;
    if (slot.number.empty())
      value = init ? expr(init) : "::ag::Tensor()";
    else
      value =
          "::ag::detail::numberAs_<" + slot.number + ">(" +
          (init ? expr(beforeConversions(init)) : "(" + slot.number + ")0") +
          ")";
    values += std::string(i ? ", " : "") + value;
  }
  twinType = tuple ? (type->getAsCXXRecordDecl()->getName() == "pair"
                          ? "::std::pair<" + twinType + ">"
                          : "::std::tuple<" + twinType + ">")
                   : "struct { " + twinType + "}";
  return twinType + " " + var->getNameAsString() + "{" + values + "};\n";
}

std::optional<std::string> NodeSpeller::declaration(const DeclStmt *ds,
                                                    unsigned &counter) const {
  // `struct Acc { ... } a{};`: the struct as written, then the variable.
  if (std::distance(ds->decl_begin(), ds->decl_end()) == 2 &&
      isa<TagDecl>(*ds->decl_begin()) &&
      isa<VarDecl>(*std::next(ds->decl_begin())) &&
      isStagedComposite(cast<VarDecl>(*std::next(ds->decl_begin()))))
    if (auto rest =
            compositeDeclarator(cast<VarDecl>(*std::next(ds->decl_begin()))))
      return text((*ds->decl_begin())->getSourceRange()) + ";\n" + *rest;
  if (!ds->isSingleDecl()) {
    // Several declarators, some staged (checkDeclaration rejects the rest):
    // one declaration each, in order.
    bool staged = llvm::any_of(ds->decls(), [](const Decl *d) {
      const auto *var = dyn_cast<VarDecl>(d);
      return var && (isStagedLocal(var) || isFanOutVector(var));
    });
    if (!staged || !isSplittable(ds))
      return std::nullopt;
    std::string out;
    for (const Decl *d : ds->decls()) {
      const auto *var = cast<VarDecl>(d);
      if (std::optional<std::string> one = declarator(var, counter)) {
        out += *one;
        continue;
      }
      out += spell(ctx, var->getType()) + " " + var->getNameAsString();
      if (const Expr *init = var->getInit())
        out += " = " + expr(init);
      out += ";\n";
    }
    return out;
  }
  const auto *var = dyn_cast<VarDecl>(ds->getSingleDecl());
  if (!var)
    return std::nullopt;
  return declarator(var, counter);
}

std::optional<std::string> NodeSpeller::declarator(const VarDecl *var,
                                                   unsigned &counter) const {
  const SourceManager &sm = ctx.getSourceManager();
  if (const auto *dd = dyn_cast<DecompositionDecl>(var)) {
    if (!isNodeValue(dd->getInit()))
      return std::nullopt;
    std::string tmp = local("parts_" + std::to_string(counter++));
    std::string out =
        "auto " + tmp + " = " + expr(stripValue(dd->getInit())) + ";\n";
    unsigned index = 0;
    for (const BindingDecl *binding : dd->bindings())
      out += "auto " + binding->getNameAsString() + " = ::ag::detail::get_<" +
             std::to_string(index++) + ">(" +
             loc(binding->getSourceRange(), binding->getName()) + ", " + tmp +
             ");\n";
    return out;
  }
  if (isStagedComposite(var))
    return compositeDeclarator(var);
  bool fanOut = isFanOutVector(var);
  if (!fanOut && !isStagedLocal(var))
    return std::nullopt;
  std::string out = twinTypeOf(ctx, var) + " " + var->getNameAsString();
  const Expr *init = var->getInit();
  // The declarator as written after the name: ` = e`, `(args)`, `{...}`.
  std::string rest;
  if (init) {
    SourceLocation nameEnd = Lexer::getLocForEndOfToken(var->getLocation(), 0,
                                                        sm, ctx.getLangOpts());
    CharSourceRange chars = Lexer::makeFileCharRange(
        CharSourceRange::getCharRange(
            nameEnd, Lexer::getLocForEndOfToken(var->getEndLoc(), 0, sm,
                                                ctx.getLangOpts())),
        sm, ctx.getLangOpts());
    rest = Lexer::getSourceText(chars, sm, ctx.getLangOpts()).trim().str();
  }
  bool defaultInit =
      !init ||
      (isa<CXXConstructExpr>(init->IgnoreImplicit()) &&
       cast<CXXConstructExpr>(init->IgnoreImplicit())->getNumArgs() == 0);
  if (fanOut)
    return out + (defaultInit ? "" : " " + rest) + ";\n";
  QualType type = var->getType().getNonReferenceType().getUnqualifiedType();
  if (const Expr *tensor = declaredTruth(var))
    return out + " = ::ag::detail::number_(" + expr(tensor) +
           ", ::ag::DType::Bool);\n";
  if (init && isNodeValue(init)) {
    // A node's result is named after the variable it initializes.
    const Expr *value = stripValue(init);
    std::optional<std::string> call;
    if (nodeCallee(value))
      call = rewrite(value, var->getName());
    std::string text = call ? *call : expr(value);
    // C++ converts the value to the declared type (`int k = d;` truncates,
    // `double d = f;` widens): the twin's tensor does not by itself.
    if (isNumberType(type) && !sameNumberType(value->getType(), type))
      text = convertedNumber(ctx, type, value->getType(), text);
    else if (isNumberType(type) && !isPlainNumber(value))
      text =
          "::ag::detail::keepNumber_<" + spell(ctx, type) + ">(" + text + ")";
    return out + " = " + text + ";\n";
  }
  if (isTwinTensor(type)) {
    if (!init)
      return out + ";\n";
    // Keep the declared type: `double best = 1` is a float64.
    llvm::StringRef value = rest;
    if (var->getInitStyle() == VarDecl::CInit)
      value = value.drop_front().trim(); // '='
    else
      value = value.drop_front().drop_back().trim(); // (...) or {...}
    return out + " = ::ag::Tensor(static_cast<" + spell(ctx, type) + ">(" +
           value.str() + "));\n";
  }
  std::string typeText = spell(ctx, type);
  // A host value: a constant of the graph.
  if (defaultInit)
    return out + " = " + typeText + "();\n";
  llvm::StringRef value = rest;
  std::string host;
  if (var->getInitStyle() == VarDecl::CInit) {
    value = value.drop_front().trim();
    host = value.starts_with("{")
               ? typeText + value.str()
               : "static_cast<" + typeText + ">(" + value.str() + ")";
  } else {
    host = typeText + value.str();
  }
  return out + " = " + host + ";\n";
}

//===----------------------------------------------------------------------===//
// Checks
//===----------------------------------------------------------------------===//

/// Can a value of `type` be copied or moved (so a graph can hold it)?
static bool isMovable(QualType type) {
  const auto *record = type.getNonReferenceType()->getAsCXXRecordDecl();
  if (!record || !record->hasDefinition())
    return true;
  record = record->getDefinition();
  bool any = false;
  for (const CXXConstructorDecl *ctor : record->ctors())
    if ((ctor->isCopyConstructor() || ctor->isMoveConstructor()) &&
        !ctor->isDeleted() && ctor->getAccess() != AS_private &&
        ctor->getAccess() != AS_protected)
      any = true;
  if (any)
    return true;
  // Implicit ones not declared yet.
  return (record->needsImplicitCopyConstructor() &&
          !record->defaultedCopyConstructorIsDeleted()) ||
         (record->needsImplicitMoveConstructor() &&
          !record->defaultedMoveConstructorIsDeleted());
}

/// Can a value of `type` be copied? A graph value passed to a node by value
/// is copied: other consumers may still need it.
static bool isCopyable(QualType type) {
  const auto *record = type.getNonReferenceType()->getAsCXXRecordDecl();
  if (!record || !record->hasDefinition())
    return true;
  record = record->getDefinition();
  for (const CXXConstructorDecl *ctor : record->ctors())
    if (ctor->isCopyConstructor())
      return !ctor->isDeleted() && ctor->getAccess() == AS_public;
  return record->needsImplicitCopyConstructor() &&
         !record->defaultedCopyConstructorIsDeleted();
}

void checkNodeDeclaration(const FunctionDecl *fd, Diagnostics &diags) {
  if (const auto *method = dyn_cast<CXXMethodDecl>(fd);
      method && !method->isStatic()) {
    diags.report(fd->getLocation(), Diag::NodeDeclaration) << 0 << fd;
    return;
  }
  if (fd->isVariadic()) {
    diags.report(fd->getLocation(), Diag::NodeDeclaration) << 1 << fd;
    return;
  }
  if (fd->isConstexpr()) {
    diags.report(fd->getLocation(), Diag::NodeDeclaration) << 2 << fd;
    return;
  }
  QualType result = fd->getReturnType();
  if (!result->isDependentType()) {
    if (result->isReferenceType() || result->isPointerType() ||
        result->isMemberPointerType())
      diags.report(fd->getLocation(), Diag::NodeResultType)
          << fd << (result->isReferenceType() ? 0 : 1) << result
          << fd->getReturnTypeSourceRange();
    else if (!result->isVoidType() && !isMovable(result))
      diags.report(fd->getLocation(), Diag::NodeNotMovable)
          << fd << 1 << result << fd->getReturnTypeSourceRange();
  }
  for (const ParmVarDecl *param : fd->parameters()) {
    QualType type = param->getType();
    if (type->isDependentType())
      continue;
    if (type->isLValueReferenceType() &&
        !type.getNonReferenceType().isConstQualified())
      diags.report(param->getLocation(), Diag::NodeReferenceParam)
          << param << fd << type << param->getSourceRange();
    else if (!type->isReferenceType() && !isMovable(type))
      diags.report(param->getLocation(), Diag::NodeNotMovable)
          << fd << 0 << type << param->getSourceRange();
    else if (!type->isLValueReferenceType() && !isCopyable(type)) {
      QualType value = type.getNonReferenceType().getUnqualifiedType();
      diags.report(param->getLocation(), Diag::NodeMoveOnlyParam)
          << fd << value << (type->isRValueReferenceType() ? 1 : 0)
          << fd->getASTContext().getLValueReferenceType(value.withConst())
          << param->getSourceRange();
    }
  }
}

namespace {
/// Reports the uses of node results the twin cannot stage.
class UseChecker {
public:
  UseChecker(const FunctionDecl *fd, Diagnostics &diags)
      : fd(fd), diags(diags), parents(const_cast<Stmt *>(fd->getBody())) {}
  bool run();

private:
  void check(const Expr *e);
  const Stmt *user(const Expr *e, const Stmt *&child);
  bool checkKept(const Expr *e, const Stmt *p, const Stmt *child, bool lazy);
  void checkDeclaration(const Expr *e, const DeclStmt *ds, bool lazy);
  void checkAssignedTo(const Expr *e, const Expr *target, const Stmt *child);
  void checkOperator(const Expr *e, const CXXOperatorCallExpr *op,
                     const Stmt *child, bool lazy);
  void checkMember(const Expr *e, const MemberExpr *member);
  void checkCall(const Expr *e, const CallExpr *call, const Stmt *child);
  void checkReturn(const Expr *e, bool lazy);
  void checkOther(const Expr *e, const Stmt *p, bool lazy);
  bool returnedAsNumber(const Stmt *p);
  bool buildsStructResult(const Stmt *p);
  void checkNumbersTuple(const Expr *e);
  bool discardedByComma(const Stmt *p, const Stmt *child);
  bool printedChoice(const Expr *e, const Stmt *p);
  bool agHas(llvm::StringRef name);
  /// Does the function call AG_NODE functions? Without, its values known
  /// only when the graph runs were read out of tensors (item()).
  bool callsNodes() {
    bool found = false;
    forEachDescendant(fd->getBody(), [&](const Stmt *n) {
      const auto *call = dyn_cast<CallExpr>(n);
      const FunctionDecl *callee = call ? call->getDirectCallee() : nullptr;
      found |= nodeCallee(n) ||
               (callee && isAnnotated(callee) && returnsLazy(callee));
    });
    return found;
  }
  void report(const Expr *e, llvm::StringRef what, llvm::StringRef why) {
    diags.report(e->getBeginLoc(), Diag::NodeValueUse)
        << e->getType().getNonReferenceType().getUnqualifiedType() << what
        << why << (callsNodes() ? 0 : 1) << e->getSourceRange();
    failed = true;
  }
  const FunctionDecl *fd;
  Diagnostics &diags;
  ParentMap parents;
  bool failed = false;
};
} // namespace

static const char *const kMarkNode =
    "do it in an AG_NODE function (its arguments may be node results)";

void UseChecker::check(const Expr *e) {
  // A node's ag::Tensor result (AG_NODE_TENSOR) is a staged tensor in the
  // twin like any other: it goes wherever tensors go.
  if (isTensorType(e->getType()))
    return;
  const Stmt *child = e;
  const Stmt *p = user(e, child);
  if (!p)
    return;
  bool lazy = !isTwinTensor(e->getType());
  // The graph's integers are int32 and int64: C++'s wrapping of unsigned
  // and narrow types is not theirs.
  if (const auto *builtin = dyn_cast<BuiltinType>(
          e->getType().getNonReferenceType().getCanonicalType());
      builtin && !lazy && !callsNodes() && !isEmulatedInteger(e->getType()) &&
      !llvm::is_contained({BuiltinType::Bool, BuiltinType::Int,
                           BuiltinType::Long, BuiltinType::LongLong,
                           BuiltinType::Float, BuiltinType::Double},
                          builtin->getKind())) {
    report(e, "held in type '" + e->getType().getAsString() + "'",
           "the graph computes with bool, the C++ integer types up to 64 "
           "bits, float and double only; use one of those");
    return;
  }
  if (!lazy && returnedAsNumber(p))
    return;
  if (printedChoice(e, p))
    return;
  if (discardedByComma(p, child))
    return; // `++i, --j`: each operand is a statement of its own
  // The value of a comma: the comma is checked as a node value itself.
  if (const auto *bo = dyn_cast<BinaryOperator>(p);
      bo && bo->getOpcode() == BO_Comma && bo->getRHS() == child)
    return;
  if (checkKept(e, p, child, lazy))
    return;
  if (const auto *ds = dyn_cast<DeclStmt>(p))
    return checkDeclaration(e, ds, lazy);
  if (const auto *bo = dyn_cast<BinaryOperator>(p); bo && bo->isAssignmentOp())
    return checkAssignedTo(e, bo->getLHS(), child);
  if (const auto *op = dyn_cast<CXXOperatorCallExpr>(p))
    return checkOperator(e, op, child, lazy);
  if (const auto *member = dyn_cast<MemberExpr>(p))
    return checkMember(e, member);
  if (const auto *call = dyn_cast<CallExpr>(p))
    return checkCall(e, call, child);
  if (isa<ReturnStmt>(p))
    return checkReturn(e, lazy);
  checkOther(e, p, lazy);
}

/// A number returned by a function whose twin returns numbers as tensors
/// (returnsNumbers): `p` is the return, or builds the returned std::pair or
/// std::tuple (`{t, n}`, `std::make_pair(t, n)`), whose element the twin
/// holds as an ag::Tensor.
bool UseChecker::returnedAsNumber(const Stmt *p) {
  bool whole = false;
  if (!returnsNumbers(fd, &whole))
    return false;
  if (isa<ReturnStmt>(p))
    return whole;
  if (whole)
    return false;
  const auto *call = dyn_cast<CallExpr>(p);
  const FunctionDecl *callee = call ? call->getDirectCallee() : nullptr;
  if (!isa<InitListExpr, CXXConstructExpr>(p) &&
      !(callee && callee->isInStdNamespace() && callee->getIdentifier() &&
        llvm::is_contained({"make_pair", "make_tuple"}, callee->getName())))
    return false;
  const Stmt *up = parents.getParent(p);
  while (up && (isa<ParenExpr, MaterializeTemporaryExpr, CXXBindTemporaryExpr,
                    ExprWithCleanups, ImplicitCastExpr, CXXConstructExpr,
                    CXXFunctionalCastExpr>(up)))
    up = parents.getParent(up);
  return up && isa<ReturnStmt>(up);
}

/// Does `p` (a braced list or constructor call) build the aggregate struct
/// this function returns? Its number fields cannot be staged numbers.
bool UseChecker::buildsStructResult(const Stmt *p) {
  QualType type = fd->getReturnType();
  const auto *record = type.isNull() ? nullptr : type->getAsCXXRecordDecl();
  if (!record || tupleElements(type) || !record->hasDefinition() ||
      !record->isAggregate())
    return false;
  const Stmt *up = parents.getParent(p);
  while (up && isa<ParenExpr, MaterializeTemporaryExpr, CXXBindTemporaryExpr,
                   ExprWithCleanups, ImplicitCastExpr, CXXConstructExpr,
                   CXXFunctionalCastExpr>(up))
    up = parents.getParent(up);
  return up && isa<ReturnStmt>(up);
}

/// A call whose twin returns a std::pair/std::tuple holding numbers as
/// tensors (numbersTupleCall): its parts may be read (`auto [a, b] = f(x)`,
/// `f(x).first`, `std::get<1>(f(x))`), the whole kept in an `auto` local
/// (read the same way) or returned as this function's own result of that
/// type; a host object of its explicit type cannot hold it (a twin that
/// would not compile).
void UseChecker::checkNumbersTuple(const Expr *e) {
  const Stmt *child = e;
  const Stmt *p = user(e, child);
  if (!p || isa<CompoundStmt, MemberExpr>(p))
    return;
  if (const auto *ds = dyn_cast<DeclStmt>(p);
      ds && ds->isSingleDecl() && isa<DecompositionDecl>(ds->getSingleDecl()))
    return;
  // `auto p = f(x);`: p has the twin's type; its uses are checked as this.
  if (const auto *ds = dyn_cast<DeclStmt>(p); ds && ds->isSingleDecl())
    if (const auto *var = dyn_cast<VarDecl>(ds->getSingleDecl());
        var && var->getInit() && stripValue(var->getInit()) == stripValue(e) &&
        var->getTypeSourceInfo() &&
        var->getTypeSourceInfo()->getType()->getContainedAutoType())
      return;
  const auto *call = dyn_cast<CallExpr>(p);
  const FunctionDecl *callee = call ? call->getDirectCallee() : nullptr;
  if (callee && callee->isInStdNamespace() && callee->getIdentifier() &&
      callee->getName() == "get")
    return;
  // `best = cur;` of two such values of one type: the twin assigns the
  // tensors (a staged if or loop merges them part by part, compositeParts).
  if (const auto *op = dyn_cast<CXXOperatorCallExpr>(p);
      op && op->getOperator() == OO_Equal && op->getNumArgs() == 2 &&
      numbersTupleCall(op->getArg(0)) && numbersTupleCall(op->getArg(1)) &&
      op->getArg(0)->getType().getCanonicalType().getUnqualifiedType() ==
          op->getArg(1)->getType().getCanonicalType().getUnqualifiedType())
    return;
  if (isa<ReturnStmt>(p) && returnsNumbers(fd) &&
      fd->getReturnType().getCanonicalType().getUnqualifiedType() ==
          e->getType().getCanonicalType().getUnqualifiedType())
    return;
  report(e, "held whole in a host object",
         "bind its parts (`auto [a, b] = ...`) or read them (`.first`, "
         "`std::get<0>(...)`)");
}

/// printf, or fprintf to stdout (which the twin prints as printf).
static bool isPrintf(const CallExpr *call) {
  const FunctionDecl *callee = call ? call->getDirectCallee() : nullptr;
  if (!callee || !callee->getIdentifier())
    return false;
  if (callee->getName() == "printf")
    return true;
  const auto *stream =
      callee->getName() == "fprintf" && call->getNumArgs() >= 2
          ? dyn_cast<DeclRefExpr>(call->getArg(0)->IgnoreParenImpCasts())
          : nullptr;
  return stream && stream->getDecl()->getName() == "stdout";
}

/// `b ? "yes" : "no"` printed (a printf argument, a std::cout operand):
/// a staged condition choosing between host values, which the twin prints
/// per side (a staged if around the print), as for a tensor condition.
bool UseChecker::printedChoice(const Expr *e, const Stmt *p) {
  const auto *co = dyn_cast<ConditionalOperator>(e->IgnoreParens());
  if (!co || isTwinTensor(co->getType()) || isNodeValue(co->getTrueExpr()) ||
      isNodeValue(co->getFalseExpr()))
    return false;
  if (const auto *op = dyn_cast<CXXOperatorCallExpr>(p))
    return op->getOperator() == OO_LessLess;
  return isPrintf(dyn_cast<CallExpr>(p));
}

/// Is `child`'s value dropped by the comma operator `p`: its left operand,
/// or the right one of a comma whose own value is dropped (an expression
/// statement, a for's increment, the left of another comma)? The twin
/// keeps the comma, and each operand does what it does as a statement.
bool UseChecker::discardedByComma(const Stmt *p, const Stmt *child) {
  const auto *comma = dyn_cast<BinaryOperator>(p);
  if (!comma || comma->getOpcode() != BO_Comma)
    return false;
  if (comma->getLHS() == child)
    return true;
  child = comma;
  const Stmt *up = user(comma, child);
  if (!up || isa<CompoundStmt, LabelStmt, CaseStmt, DefaultStmt>(up))
    return true;
  if (isa<ForStmt>(up))
    return cast<ForStmt>(up)->getCond() != child;
  if ((isa<IfStmt>(up) && cast<IfStmt>(up)->getCond() != child) ||
      (isa<WhileStmt>(up) && cast<WhileStmt>(up)->getBody() == child) ||
      (isa<DoStmt>(up) && cast<DoStmt>(up)->getBody() == child))
    return true;
  return discardedByComma(up, child);
}

/// The expression or statement using `e`'s value, above what keeps the
/// value as it is (parentheses, temporaries, copies); `child` is its
/// operand holding the value.
const Stmt *UseChecker::user(const Expr *e, const Stmt *&child) {
  const Stmt *p = parents.getParent(e);
  while (p && (isa<ParenExpr, MaterializeTemporaryExpr, CXXBindTemporaryExpr,
                   ExprWithCleanups, ImplicitCastExpr>(p) ||
               (isa<CXXConstructExpr>(p) &&
                p->getStmtClass() == Stmt::CXXConstructExprClass &&
                cast<CXXConstructExpr>(p)->getNumArgs() == 1 &&
                cast<CXXConstructExpr>(p)
                    ->getConstructor()
                    ->isCopyOrMoveConstructor()))) {
    child = p;
    p = parents.getParent(p);
  }
  return p;
}

/// Uses that keep a node value but that the twin cannot express: chosen
/// by a staged `?:`, modified in part, cast; and its use as a part of a
/// larger node value (checked there). True if `p` was one of them.
bool UseChecker::checkKept(const Expr *e, const Stmt *p, const Stmt *child,
                           bool lazy) {
  if (isa<ConditionalOperator>(p) && lazy &&
      isStagedCondition(cast<ConditionalOperator>(p)->getCond())) {
    report(e, "chosen by a staged '?:'",
           "the twin's '?:' chooses between ag::Tensor values; use an if");
    return true;
  }
  // Modifying a part of a node result: the twin would modify a temporary.
  bool modifies = false;
  if (const auto *uo = dyn_cast<UnaryOperator>(p))
    modifies = uo->isIncrementDecrementOp();
  if (const auto *bo = dyn_cast<BinaryOperator>(p))
    modifies = bo->isAssignmentOp() && bo->getLHS() == child;
  if (const auto *op = dyn_cast<CXXOperatorCallExpr>(p))
    modifies = op->getNumArgs() >= 1 && op->getArg(0) == child &&
               (op->isAssignmentOp() || op->getOperator() == OO_PlusPlus ||
                op->getOperator() == OO_MinusMinus);
  if (modifies && !(isa<DeclRefExpr>(e) && isStagedLocal(referencedVar(e))) &&
      !isStagedNumberPart(e)) {
    report(e, "modified",
           "only a whole local variable can be given a new value; compute "
           "the new value in an AG_NODE function");
    return true;
  }
  // A cast of a number to another arithmetic type is a graph cast
  // (isNumberConversion).
  if (isa<ExplicitCastExpr>(p) && !isTensorType(cast<Expr>(p)->getType()) &&
      !(!lazy && isNumberType(cast<Expr>(p)->getType()))) {
    report(e, "converted with a cast",
           "in the twin it is an ag::Tensor, which a C++ cast cannot "
           "convert; drop the cast");
    return true;
  }
  // Part of a larger expression that is a node value itself (arithmetic,
  // a member, an element): checked there.
  if (const auto *user = dyn_cast<Expr>(p);
      user && isNodeValue(user) && !isa<CallExpr>(user))
    return true;
  return false;
}

/// A declaration initialized from a node value.
void UseChecker::checkDeclaration(const Expr *e, const DeclStmt *ds,
                                  bool lazy) {
  for (const Decl *d : ds->decls())
    if (const auto *var = dyn_cast<VarDecl>(d); var && var->getInit()) {
      if (isa<DecompositionDecl>(var) || isStagedLocal(var))
        continue;
      if (isTensorType(var->getType()) && !lazy)
        continue;
      if (!var->hasLocalStorage())
        report(e, "stored in a static variable",
               "it would hold the value of one evaluation forever");
    }
  if (!ds->isSingleDecl() && !isSplittable(ds))
    for (const Decl *d : ds->decls())
      if (const auto *var = dyn_cast<VarDecl>(d);
          var && (isStagedLocal(var) || isFanOutVector(var))) {
        report(e, "declared together with other variables",
               "declare it on its own");
        break;
      }
}

/// A node value assigned to `target`.
void UseChecker::checkAssignedTo(const Expr *e, const Expr *target,
                                 const Stmt *child) {
  if (target == child)
    return; // a promoted local, rewritten as a whole
  if (const VarDecl *var = referencedVar(target);
      var && (isStagedLocal(var) || isTensorType(var->getType())))
    return;
  if (isStagedNumberPart(target))
    return;
  report(e, "assigned to this target",
         "only a local variable can hold it (a member or element of a host "
         "object would be written once, while tracing)");
}

/// A node value as an operand of an overloaded operator.
void UseChecker::checkOperator(const Expr *e, const CXXOperatorCallExpr *op,
                               const Stmt *child, bool lazy) {
  if (op->isAssignmentOp() && op->getNumArgs() == 2) {
    if (op->getArg(0) == child)
      return;
    if (const VarDecl *var = referencedVar(op->getArg(0));
        var && (isStagedLocal(var) || isTensorType(var->getType())))
      return;
    if (isStagedNumberPart(op->getArg(0)))
      return;
    report(e, "assigned to this target",
           "only a local variable can hold it (a member or element of a "
           "host object would be written once, while tracing)");
    return;
  }
  // An operand of a host object's own operator (`v[i]` on a std::vector;
  // prints are handled below): it takes a host number, and the twin has a
  // graph value. Elements of a std::vector<ag::Tensor> are stacked and
  // indexed (stagedElementVector).
  if (stagedElementVector(op))
    return;
  if (op->getOperator() != OO_LessLess &&
      isa_and_nonnull<CXXMethodDecl>(op->getDirectCallee()) &&
      op->getArg(0) != child && !isTensorType(op->getArg(0)->getType()) &&
      !isTensorElementType(op->getArg(0)->getType())) {
    report(e, "an operand of an operator of a host object",
           op->getOperator() == OO_Subscript
               ? "index an ag::Tensor instead (ag::stack(v)[i] for a "
                 "std::vector<ag::Tensor>)"
               : kMarkNode);
    return;
  }
  if (op->getOperator() == OO_LessLess && !lazy)
    return; // a print argument: the tensor is printed
  if (op->getOperator() == OO_LessLess)
    report(e, "printed",
           "print its arithmetic members, or print it in an "
           "AG_NODE_EFFECT function");
  else if (!isTensorType(op->getType()) &&
           !isTensorType(op->getArg(0)->getType()) &&
           !isTensorElementType(op->getArg(0)->getType()))
    // (An ag::Tensor's own operators, and its element proxy's, take a
    // staged number as a tensor: `v[i]` returns the proxy.)
    report(e, "an operand of this overloaded operator", kMarkNode);
}

/// A node value whose member is named.
void UseChecker::checkMember(const Expr *e, const MemberExpr *member) {
  if (isa<FieldDecl>(member->getMemberDecl())) {
    if (member->isArrow() ||
        cast<FieldDecl>(member->getMemberDecl())->isBitField())
      report(e, "read through a pointer or a bit-field", kMarkNode);
    return;
  }
  report(e,
         "the object of a call of member function '" +
             member->getMemberDecl()->getNameAsString() + "'",
         "the member function runs while tracing, before any node has run; " +
             std::string(kMarkNode));
}

/// A node value passed to a call.
void UseChecker::checkCall(const Expr *e, const CallExpr *call,
                           const Stmt *child) {
  const FunctionDecl *callee = call->getDirectCallee();
  if (nodeCallee(call))
    return;
  if (const VarDecl *vector = appendedVar(dyn_cast<CXXMemberCallExpr>(call));
      vector && isFanOutVector(vector))
    return;
  if (callee && isAnnotated(callee)) {
    for (unsigned i = 0; i < call->getNumArgs(); ++i)
      if (call->getArg(i) == child && i < callee->getNumParams() &&
          !isTensorType(callee->getParamDecl(i)->getType())) {
        // A number parameter: the callee's staged twin takes it.
        if (isPromotableParam(callee->getParamDecl(i)) &&
            canCallStagedTwin(fd->getASTContext().getSourceManager(), fd,
                              callee))
          return;
        report(e,
               "passed to AG_CONVERT function '" + callee->getNameAsString() +
                   "' for its host parameter '" +
                   callee->getParamDecl(i)->getNameAsString() + "'",
               "a host parameter is a value known while tracing; make "
               "that function AG_NODE, or the parameter an ag::Tensor");
        return;
      }
    return;
  }
  if (isMoveOrForward(callee) || stagedElementVector(call) || numberMath(call))
    return; // the call is a node value itself, or an element (element_)
  // A number printed by printf (or fprintf to stdout): the twin's
  // ::ag::printf_ takes the 0-d tensor (converted print).
  if (isPrintf(call) && isTwinTensor(e->getType()))
    return;
  std::string name = callee ? "'" + callee->getNameAsString() + "'"
                            : std::string("the called function");
  // A library function cannot be marked: name ag's function of that name
  // (ag::sqrt, ag::pow...) when there is one.
  const SourceManager &sm = fd->getASTContext().getSourceManager();
  // fprintf(stderr, ...) next to a caught exception's e.what() is printed
  // by the graph, but formats its other values while tracing.
  if (callee && callee->getIdentifier() && callee->getName() == "fprintf") {
    report(e, "printed by fprintf",
           "fprintf to stderr (which prints e.what() of a caught exception "
           "when the graph runs) formats its other values while tracing; "
           "print it with printf to stdout");
    return;
  }
  if (callee && (callee->isInStdNamespace() ||
                 sm.isInSystemHeader(callee->getLocation()))) {
    std::string instead = "an AG_NODE function of your own";
    if (callee->getIdentifier() && agHas(callee->getName()))
      instead = "ag::" + callee->getName().str() +
                " on an ag::Tensor (a staged number is one: "
                "ag::Tensor(n)), or " +
                instead;
    report(e, "passed to library function " + name,
           "the function runs while tracing, before any node has run; use " +
               instead);
    return;
  }
  report(e, "passed to plain function " + name,
         "the function runs while tracing, before any node has run; mark it "
         "AG_NODE");
}

/// Does namespace ag declare a function `name` (ag::sqrt, ag::pow...)?
bool UseChecker::agHas(llvm::StringRef name) {
  ASTContext &ctx = fd->getASTContext();
  for (const NamedDecl *ns :
       ctx.getTranslationUnitDecl()->lookup(&ctx.Idents.get("ag")))
    if (const auto *agNs = dyn_cast<NamespaceDecl>(ns))
      for (const NamedDecl *d : agNs->lookup(&ctx.Idents.get(name)))
        if (isa<FunctionDecl, FunctionTemplateDecl>(d->getUnderlyingDecl()))
          return true;
  return false;
}

/// A node value returned.
void UseChecker::checkReturn(const Expr *e, bool lazy) {
  if (isTensorType(fd->getReturnType()) && !lazy)
    return;
  if (returnsLazy(fd) && lazy)
    return;
  // A std::pair/std::tuple of numbers: the twin returns its parts
  // (ag::detail::numberParts_).
  if (lazy && returnsNumbers(fd) &&
      fd->getReturnType().getCanonicalType().getUnqualifiedType() ==
          e->getType().getCanonicalType().getUnqualifiedType())
    return;
  report(e,
         "returned from a function returning '" +
             fd->getReturnType().getAsString() + "'",
         lazy ? "return it from a function returning its own type"
              : "return ag::Tensor");
}

/// Any other use: converted to a tensor, a condition, an object.
void UseChecker::checkOther(const Expr *e, const Stmt *p, bool lazy) {
  // Converted to an ag::Tensor (a parameter, a result, an operand).
  if (const auto *user = dyn_cast<Expr>(p);
      user && !lazy && isTensorType(user->getType()))
    return;
  // A field of a number aggregate the twin builds in the graph.
  if (isa<InitListExpr>(p) && builtAggregate(cast<InitListExpr>(p), nullptr))
    return;
  if (isa<InitListExpr, CXXConstructExpr, CXXTemporaryObjectExpr>(p)) {
    report(e, "used to build this object",
           buildsStructResult(p)
               ? "a struct result of a converted function that holds tensors "
                 "holds its numbers as host values: make this field an "
                 "ag::Tensor, or return a std::pair or std::tuple, or a "
                 "struct of numbers only, whose numbers work"
               : kMarkNode);
    return;
  }
  if (isa<UnaryOperator>(p) &&
      cast<UnaryOperator>(p)->getOpcode() == UO_AddrOf) {
    report(e, "have its address taken", "the twin holds a graph value");
    return;
  }
  if (isa<Stmt>(p) && !isa<Expr>(p))
    return; // a condition or an expression statement
  if (const auto *user = dyn_cast<Expr>(p);
      user && !lazy &&
      (isTensorType(user->getType()) || isStagedCondition(user)))
    return;
  report(e, "used this way", kMarkNode);
}

bool UseChecker::run() {
  // A staged composite is read and written part by part: as a whole, the
  // twin's value (every part a tensor) is not the C++ type.
  forEachDescendant(fd->getBody(), [&](const Stmt *n) {
    if (const auto *ds = dyn_cast<DeclStmt>(n))
      for (const Decl *d : ds->decls())
        if (const auto *var = dyn_cast<VarDecl>(d);
            var && isStagedComposite(var) && !compositeInits(var)) {
          diags.report(var->getLocation(), Diag::Unsupported)
              << ("initializing '" + var->getNameAsString() +
                  "' other than with {...} or one value per part: a number "
                  "part of it holds a value known only when the graph runs")
              << var->getSourceRange();
          failed = true;
        }
    const auto *ref = dyn_cast<DeclRefExpr>(n);
    const auto *var = ref ? dyn_cast<VarDecl>(ref->getDecl()) : nullptr;
    if (!var || !isStagedComposite(var))
      return;
    const Stmt *child = ref;
    const Stmt *p = user(ref, child);
    if (const auto *member = dyn_cast_or_null<MemberExpr>(p);
        member && !member->isArrow())
      return;
    if (const auto *call = dyn_cast_or_null<CallExpr>(p);
        call && numberPartOwner(call) == var)
      return;
    if (const auto *call = dyn_cast_or_null<CallExpr>(p);
        call && call->getNumArgs() == 1 && call->getDirectCallee() &&
        call->getDirectCallee()->isInStdNamespace() &&
        call->getDirectCallee()->getIdentifier() &&
        call->getDirectCallee()->getName() == "get" &&
        isTensorType(call->getType()))
      return;
    diags.report(ref->getBeginLoc(), Diag::Unsupported)
        << ("using '" + var->getNameAsString() +
            "' as a whole: a number part of it holds a value known only when "
            "the graph runs, so the twin holds its parts as ag::Tensor; read "
            "and write its parts (or use separate variables)")
        << ref->getSourceRange();
    failed = true;
  });
  forEachDescendant(fd->getBody(), [&](const Stmt *n) {
    const auto *e = dyn_cast<Expr>(n);
    if (!e || isa<ImplicitCastExpr, ParenExpr, MaterializeTemporaryExpr,
                  CXXBindTemporaryExpr, ExprWithCleanups>(e))
      return;
    // `Hit{r, v}`: the cast is the value (its braced list is part of it).
    if (isa<InitListExpr>(e) &&
        isa_and_nonnull<CXXFunctionalCastExpr>(parents.getParent(e)))
      return;
    if (isNodeValue(e))
      check(e);
    else if (isa<CallExpr, DeclRefExpr>(e) && numbersTupleCall(e))
      checkNumbersTuple(e);
  });
  // A host argument is captured into the graph by copy: a move-only one
  // must be given up (std::move) or be a node result itself.
  forEachDescendant(fd->getBody(), [&](const Stmt *n) {
    const auto *call = dyn_cast<CallExpr>(n);
    if (!call || !nodeCallee(call))
      return;
    for (const Expr *arg : call->arguments()) {
      const Expr *bare = arg->IgnoreParenImpCasts();
      if (isNodeValue(bare) || !bare->isLValue() ||
          isTwinTensor(bare->getType()) || isCopyable(bare->getType()))
        continue;
      diags.report(bare->getBeginLoc(), Diag::NodeMoveOnlyArg)
          << bare->getType().getNonReferenceType().getUnqualifiedType()
          << nodeCallee(call) << bare->getSourceRange();
      failed = true;
    }
  });
  // Lambdas would run while tracing.
  forEachDescendant(fd->getBody(), [&](const Stmt *n) {
    const auto *lambda = dyn_cast<LambdaExpr>(n);
    if (!lambda)
      return;
    std::function<void(const Stmt *)> walk = [&](const Stmt *s) {
      for (const Stmt *child : s->children()) {
        if (!child)
          continue;
        if (const auto *e = dyn_cast<Expr>(child);
            e && (nodeCallee(e) || (isa<DeclRefExpr>(e) && isNodeValue(e)))) {
          report(e, "used inside a lambda",
                 "a lambda runs while tracing; write a loop, or an AG_NODE "
                 "function");
          return;
        }
        walk(child);
      }
    };
    walk(lambda->getBody());
  });
  return !failed;
}

bool tryCallsNodes(const CXXTryStmt *s) {
  bool calls = false;
  forEachDescendant(s->getTryBlock(), [&](const Stmt *inner) {
    calls |= nodeCallee(inner) != nullptr;
  });
  return calls;
}

bool checkNodeUses(const FunctionDecl *fd, Diagnostics &diags) {
  return UseChecker(fd, diags).run();
}

//===----------------------------------------------------------------------===//
// Registrations
//===----------------------------------------------------------------------===//

std::string nodeRegistrations(ASTContext &ctx) {
  const SourceManager &sm = ctx.getSourceManager();
  std::string out;
  std::set<std::string> taken;
  auto add = [&](const FunctionDecl *fd) {
    std::string ident = globalName("node_") + fd->getNameAsString();
    for (unsigned n = 1; !taken.insert(ident).second; ++n)
      ident =
          globalName("node_") + fd->getNameAsString() + "_" + std::to_string(n);
    out += "[[maybe_unused]] static const bool " + ident +
           " = ::ag::detail::registerNode(" + nodePointer(ctx, fd) + ", " +
           quote(nodeName(ctx, fd)) + ");\n";
  };
  std::function<void(const DeclContext *)> visit = [&](const DeclContext *dc) {
    for (const Decl *d : dc->decls()) {
      if (const auto *ns = dyn_cast<NamespaceDecl>(d)) {
        visit(ns);
        continue;
      }
      if (const auto *record = dyn_cast<CXXRecordDecl>(d);
          record && record->isThisDeclarationADefinition() &&
          !record->isDependentContext() && record->getIdentifier()) {
        visit(record);
        continue;
      }
      if (const auto *linkage = dyn_cast<LinkageSpecDecl>(d)) {
        visit(linkage);
        continue;
      }
      if (const auto *tmpl = dyn_cast<FunctionTemplateDecl>(d)) {
        const FunctionDecl *pattern = tmpl->getTemplatedDecl();
        if (!pattern->isThisDeclarationADefinition() ||
            nodeKind(pattern) == NodeKind::None ||
            !sm.isInMainFile(sm.getExpansionLoc(pattern->getLocation())))
          continue;
        for (const FunctionDecl *spec : tmpl->specializations())
          if (spec->isTemplateInstantiation())
            add(spec);
        continue;
      }
      const auto *fd = dyn_cast<FunctionDecl>(d);
      if (!fd || !fd->isThisDeclarationADefinition() ||
          nodeKind(fd) == NodeKind::None ||
          !sm.isInMainFile(sm.getExpansionLoc(fd->getLocation())))
        continue;
      if (const auto *method = dyn_cast<CXXMethodDecl>(fd);
          method && (!method->isStatic() || method->getAccess() != AS_public))
        continue;
      add(fd);
    }
  };
  visit(ctx.getTranslationUnitDecl());
  return out;
}

} // namespace frontend
} // namespace ag
