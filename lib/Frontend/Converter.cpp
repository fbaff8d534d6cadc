//===- Converter.cpp - Finds AG_CONVERT functions and inserts twins -------===//
//
// The rewritten TU keeps every original line; after each converted function
// it inserts `#line` (so errors in the twin point at the original function),
// the twin, its registration, and `#line` back to the original file so
// untouched code keeps its file and line numbers.
//
//===----------------------------------------------------------------------===//

#include "ag/Frontend/Converter.h"

#include "Analysis.h"
#include "Diagnostics.h"
#include "Fingerprints.h"
#include "Nodes.h"
#include "TwinEmitter.h"

#include "clang/AST/ASTConsumer.h"
#include "clang/AST/QualTypeNames.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Analysis/CFG.h"
#include "clang/Format/Format.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendAction.h"
#include "clang/Lex/Lexer.h"
#include "clang/Rewrite/Core/Rewriter.h"
#include "llvm/ADT/BitVector.h"
#include "llvm/ADT/MapVector.h"
#include "llvm/ADT/StringSwitch.h"
#include "llvm/Support/Path.h"

#include <cstring>

using namespace clang;

namespace ag {
namespace frontend {
namespace {

/// Annotated functions declared in the main file, in source order.
/// A member function (not a member template) of a class template itself,
/// not of a class nested in one or of a partial specialization.
static bool isClassTemplateMember(const CXXMethodDecl *method) {
  const CXXRecordDecl *parent = method->getParent();
  return parent->getDescribedClassTemplate() &&
         !parent->getDeclContext()->isDependentContext() &&
         !method->getDescribedFunctionTemplate();
}

class AnnotatedFinder : public RecursiveASTVisitor<AnnotatedFinder> {
public:
  explicit AnnotatedFinder(SourceManager &sm) : sm(sm) {}
  bool VisitFunctionDecl(FunctionDecl *fd) {
    if (nodeKind(fd) != NodeKind::None &&
        sm.isInMainFile(sm.getExpansionLoc(fd->getLocation())) &&
        !fd->isTemplateInstantiation())
      nodes.push_back(fd);
    if (!isAnnotated(fd))
      return true;
    SourceLocation loc = sm.getExpansionLoc(fd->getLocation());
    if (sm.isInMainFile(loc))
      functions.push_back(fd);
    else if (fd->doesThisDeclarationHaveABody() && hasInPlaceTwin(fd) &&
             !sm.isInSystemHeader(loc) &&
             (!fd->getDeclContext()->isDependentContext() ||
              (isa<CXXMethodDecl>(fd) &&
               isClassTemplateMember(cast<CXXMethodDecl>(fd)))))
      // Its twin would go inside it, in a file nobody rewrites.
      elsewhere.push_back(fd);
    return true;
  }
  // A lambda's call operator is not visited as a declaration.
  bool VisitLambdaExpr(LambdaExpr *lambda) {
    return VisitFunctionDecl(lambda->getCallOperator());
  }
  SourceManager &sm;
  std::vector<const FunctionDecl *> functions;
  /// Methods and function templates defined in an included file.
  std::vector<const FunctionDecl *> elsewhere;
  /// AG_NODE functions declared in the main file.
  std::vector<const FunctionDecl *> nodes;
};

/// Clang-format (LLVM style) the generated text only.
std::string formatGenerated(llvm::StringRef code) {
  format::FormatStyle style = format::getLLVMStyle();
  tooling::Replacements replacements = format::reformat(
      style, code, {tooling::Range(0, code.size())}, "<twin>.cpp");
  llvm::Expected<std::string> formatted =
      tooling::applyAllReplacements(code, replacements);
  if (!formatted) {
    llvm::consumeError(formatted.takeError());
    return code.str();
  }
  return *formatted;
}

/// Declarations of the twins `fd` calls that are defined after it, and of
/// the staged twins (stagedTwins) it calls with staged numbers.
std::string
forwardDeclarations(ASTContext &ctx, const FunctionDecl *fd,
                    const TwinNames &names,
                    llvm::SmallPtrSetImpl<const FunctionDecl *> &declared,
                    llvm::SmallPtrSetImpl<const FunctionDecl *> &stagedDeclared,
                    const llvm::SmallPtrSetImpl<const FunctionDecl *> &staged) {
  const SourceManager &sm = ctx.getSourceManager();
  std::string out;
  forEachDescendant(fd->getBody(), [&](const Stmt *s) {
    const auto *call = dyn_cast<CallExpr>(s);
    const FunctionDecl *callee = call ? call->getDirectCallee() : nullptr;
    if (!callee || !isAnnotated(callee) || !names.contains(callee) ||
        !(callee = callee->getDefinition()))
      return;
    if (!sm.isBeforeInTranslationUnit(fd->getBeginLoc(),
                                      callee->getBeginLoc()) ||
        callsTwinThroughRegistry(sm, fd, callee))
      return;
    bool stagedCall =
        passesStagedNumber(call) && staged.count(callee->getCanonicalDecl());
    // Once per twin: its default arguments may be given only once.
    auto &once = stagedCall ? stagedDeclared : declared;
    if (!once.insert(callee->getCanonicalDecl()).second)
      return;
    if (std::optional<std::string> signature =
            twinSignature(ctx, callee, names, true, stagedCall))
      out += *signature + ";\n";
  });
  return out;
}

/// The converted functions of this file that a converted caller passes a
/// staged number for a number parameter (passesStagedNumber): each gets a
/// staged twin too, whose own calls may need more. `firstCall`: the first
/// such call of each, for a note if its staged twin cannot be made.
static llvm::SmallPtrSet<const FunctionDecl *, 4> findStagedTwins(
    ASTContext &ctx, llvm::ArrayRef<const FunctionDecl *> defs,
    const TwinNames &names,
    llvm::DenseMap<const FunctionDecl *, const CallExpr *> &firstCall) {
  const SourceManager &sm = ctx.getSourceManager();
  llvm::SmallPtrSet<const FunctionDecl *, 4> staged;
  llvm::SmallVector<const FunctionDecl *, 4> pending;
  auto scan = [&](const FunctionDecl *caller) {
    forEachDescendant(caller->getBody(), [&](const Stmt *s) {
      const auto *call = dyn_cast<CallExpr>(s);
      if (!call || !passesStagedNumber(call))
        return;
      const FunctionDecl *callee = call->getDirectCallee()->getDefinition();
      if (!callee || !names.contains(callee) ||
          !canCallStagedTwin(sm, caller, callee))
        return;
      if (staged.insert(callee->getCanonicalDecl()).second) {
        firstCall[callee->getCanonicalDecl()] = call;
        pending.push_back(callee);
      }
    });
  };
  for (const FunctionDecl *fd : defs)
    scan(fd);
  while (!pending.empty()) {
    const FunctionDecl *fd = pending.pop_back_val();
    setStagedParameters(fd);
    scan(fd);
    setStagedParameters(nullptr);
  }
  return staged;
}

/// The statement starting the original of `fd`, on the line of its `{`:
/// a call reaching the original while tracing (through a function pointer
/// or reference, or a plain helper) runs the twin instead, so it is staged.
/// callTwin also stops recursion through such calls. None where the
/// arguments cannot be forwarded (unnamed or variadic parameters) or the
/// return type is deduced.
std::optional<std::string> redirectToTwin(ASTContext &ctx,
                                          const FunctionDecl *fd) {
  const auto *body = dyn_cast<CompoundStmt>(fd->getBody());
  // (A twin returning ::ag::Lazy<R> or numbers as tensors cannot stand in
  // for the original.)
  if (!body || body->getLBracLoc().isMacroID() || fd->isVariadic() ||
      fd->getDeclaredReturnType()->getContainedDeducedType() ||
      returnsLazy(fd) || returnsNumbers(fd))
    return std::nullopt;
  std::string args;
  for (const ParmVarDecl *param : fd->parameters()) {
    if (param->getName().empty())
      return std::nullopt;
    std::string name = param->getNameAsString();
    args += ", static_cast<decltype(" + name + ") &&>(" + name + ")";
  }
  return " if (::ag::detail::tracing()) return ::ag::detail::callTwin(" +
         originalPointer(ctx, fd, /*fromGlobal=*/true) + ", " +
         quote(fd->getNameAsString()) + args + ");";
}

/// `T` spelled from the global namespace.
static std::string spellType(ASTContext &ctx, QualType type) {
  return TypeName::getFullyQualifiedName(type.getCanonicalType(), ctx,
                                         ctx.getPrintingPolicy(),
                                         /*WithGlobalNsPrefix=*/true);
}

/// Can code at namespace scope name `fd` (`&Model::forward`)?
static bool isAccessible(const FunctionDecl *fd) {
  for (const Decl *d = fd; d; d = dyn_cast<Decl>(d->getDeclContext())) {
    if (d->getAccess() == AS_private || d->getAccess() == AS_protected)
      return false;
    if (!isa<CXXRecordDecl, CXXMethodDecl, FunctionDecl>(d))
      break;
  }
  return true;
}

/// The registrations of a function with an in-place twin, for ag::function
/// and ag::method: a non-static member function by its pointer-to-member, a
/// static one and every instantiation of a function template this file
/// makes as a twin of itself (its original runs the twin while tracing).
/// Private and protected methods are left out: no ag::method can name them.
class InPlaceRegistrar {
public:
  InPlaceRegistrar(ASTContext &ctx, const FunctionDecl *fd, unsigned &counter,
                   bool twinsOnly)
      : ctx(ctx), fd(fd), counter(counter), twinsOnly(twinsOnly) {
    SourceManager &sm = ctx.getSourceManager();
    where = sm.getPresumedLoc(sm.getFileLoc(fd->getLocation()));
    file = sourceFileExpr(sm, fd->getLocation());
    line = std::to_string(where.getLine());
  }

  std::string registrations() {
    const auto *method = dyn_cast<CXXMethodDecl>(fd);
    if (method && !isAccessible(fd))
      return "";
    if (method && fd->getDescribedFunctionTemplate())
      return memberTemplate(method);
    if (method && method->getParent()->getDescribedClassTemplate())
      return classTemplateMember();
    if (method) {
      std::string cls = spellType(ctx, ctx.getRecordType(method->getParent()));
      std::string name =
          method->getParent()->getNameAsString() + "::" + fd->getNameAsString();
      return registerMember(method, cls, name,
                            "&" + cls + "::" + fd->getNameAsString(),
                            hasOverloads(fd));
    }
    return functionTemplate();
  }

private:
  /// Each instantiation of a member function template the file makes, by
  /// its (static_cast) pointer.
  std::string memberTemplate(const CXXMethodDecl *method) {
    std::string out;
    std::string cls = spellType(ctx, ctx.getRecordType(method->getParent()));
    for (const FunctionDecl *spec :
         fd->getDescribedFunctionTemplate()->specializations()) {
      if (!spec->isTemplateInstantiation())
        continue;
      std::string args =
          templateArgs(spec->getTemplateSpecializationArgs()->asArray());
      std::string name = method->getParent()->getNameAsString() +
                         "::" + fd->getNameAsString() + args;
      std::string target = "&" + cls + "::" + fd->getNameAsString() + args;
      out += registerMember(cast<CXXMethodDecl>(spec), cls, name, target,
                            /*cast=*/true);
    }
    return out;
  }

  /// A member of a class template: each instantiation of the class the file
  /// makes that defines it, by its own pointer (to member).
  std::string classTemplateMember() {
    std::string out;
    for (const FunctionDecl *spec : templateInstantiations(fd)) {
      const auto *m = cast<CXXMethodDecl>(spec);
      const auto *cls = cast<ClassTemplateSpecializationDecl>(m->getParent());
      std::string spelled = spellType(ctx, ctx.getRecordType(cls));
      std::string name = cls->getNameAsString() +
                         templateArgs(cls->getTemplateArgs().asArray()) +
                         "::" + fd->getNameAsString();
      out += registerMember(m, spelled, name,
                            "&" + spelled + "::" + fd->getNameAsString(),
                            hasOverloads(fd));
    }
    return out;
  }

  /// Each instantiation of a free function template the file makes.
  std::string functionTemplate() {
    const FunctionTemplateDecl *pattern = fd->getDescribedFunctionTemplate();
    if (!pattern)
      return "";
    std::string out;
    for (const FunctionDecl *spec : pattern->specializations()) {
      if (!spec->isTemplateInstantiation())
        continue;
      std::string args =
          templateArgs(spec->getTemplateSpecializationArgs()->asArray());
      std::string name = "&" + qualifiedName(fd);
      std::string pointer = "static_cast<" +
                            spellType(ctx, spec->getReturnType()) + " (*)(" +
                            params(spec) + ")>(" + name + args + ")";
      out += registerTwin(pointer, fd->getNameAsString() + args);
    }
    return out;
  }

  /// The registration of member function `m` of class `cls` (spelled),
  /// named `name` in messages, by `target` (`&C::f`). `cast`: spell the
  /// pointer's type, which overloads and template instantiations need.
  std::string registerMember(const CXXMethodDecl *m, const std::string &cls,
                             const std::string &name, std::string target,
                             bool cast) {
    if (m->isStatic()) {
      if (cast)
        target = "static_cast<" + spellType(ctx, m->getReturnType()) + " (*)(" +
                 params(m) + ")>(" + target + ")";
      return registerTwin(target, name);
    }
    if (cast) {
      const auto *proto = m->getType()->castAs<FunctionProtoType>();
      std::string quals = proto->isConst() ? " const" : "";
      if (proto->isVolatile())
        quals += " volatile";
      if (proto->getRefQualifier() == RQ_LValue)
        quals += " &";
      else if (proto->getRefQualifier() == RQ_RValue)
        quals += " &&";
      target = "static_cast<" + spellType(ctx, m->getReturnType()) + " (" +
               cls + "::*)(" + params(m) + ")" + quals + ">(" + target + ")";
    }
    return lineDirective() + variable() + "::ag::detail::registerMethod(" +
           target + ", " + quote(name) + ", " + file + ", " + line + ");\n";
  }

  /// A function that is its own twin (it runs the twin while tracing).
  std::string registerTwin(const std::string &pointer,
                           const std::string &name) {
    return lineDirective() + variable() +
           "::ag::detail::registerTwin(reinterpret_cast<const void *>(" +
           pointer + "), reinterpret_cast<const void *>(" + pointer + "), " +
           quote(name) + ", " + file + ", " + line + ");\n";
  }

  std::string variable() {
    return "[[maybe_unused]] static const bool " +
           globalName("registered_in_place_") + std::to_string(counter++) +
           "_" + fd->getNameAsString() + " = ";
  }

  std::string lineDirective() const {
    return twinsOnly
               ? std::string()
               : "#line " + line + " " + quote(where.getFilename()) + "\n";
  }

  std::string params(const FunctionDecl *f) const {
    std::string text;
    for (const ParmVarDecl *param : f->parameters())
      text += (text.empty() ? "" : ", ") + spellType(ctx, param->getType());
    return text;
  }

  std::string templateArgs(llvm::ArrayRef<TemplateArgument> args) const {
    std::string text;
    llvm::raw_string_ostream os(text);
    PrintingPolicy policy = ctx.getPrintingPolicy();
    policy.FullyQualifiedName = true;
    policy.SuppressScope = false;
    printTemplateArgumentList(os, args, policy);
    os.flush();
    return text;
  }

  ASTContext &ctx;
  const FunctionDecl *fd;
  unsigned &counter;
  bool twinsOnly;
  PresumedLoc where;
  std::string file, line;
};

static std::string registerInPlace(ASTContext &ctx, const FunctionDecl *fd,
                                   unsigned &counter, bool twinsOnly) {
  return InPlaceRegistrar(ctx, fd, counter, twinsOnly).registrations();
}

class ConvertConsumer : public ASTConsumer {
public:
  ConvertConsumer(const ConvertOptions &options,
                  std::vector<ConvertedFile> &results, Preprocessor &pp)
      : options(options), results(results), pp(pp) {}

  void HandleTranslationUnit(ASTContext &ctx) override;

private:
  bool checkDeclaration(const FunctionDecl *fd, Diagnostics &diags);
  void checkRecursion(llvm::ArrayRef<const FunctionDecl *> defs,
                      Diagnostics &diags);

  void checkHelper(const CallExpr *call, const FunctionDecl *callee,
                   Diagnostics &diags);
  /// The annotated definitions of this file whose declarations pass the
  /// checks; reports the others and any recursion among them.
  std::vector<const FunctionDecl *>
  checkedDefinitions(ASTContext &ctx, const AnnotatedFinder &finder,
                     Diagnostics &diags);

  const ConvertOptions &options;
  std::vector<ConvertedFile> &results;
  Preprocessor &pp;
  llvm::SmallPtrSet<const FunctionDecl *, 8> checkedHelpers;
};

bool ConvertConsumer::checkDeclaration(const FunctionDecl *fd,
                                       Diagnostics &diags) {
  if (fd->isConsteval() || fd->isConstexpr()) {
    diags.report(fd->getLocation(), Diag::Constexpr)
        << (fd->isConsteval() ? 1 : 0) << fd;
    return false;
  }
  if (fd->isTemplateInstantiation() ||
      fd->getTemplateSpecializationKind() == TSK_ExplicitSpecialization) {
    diags.report(fd->getLocation(), Diag::Template) << 3 << fd;
    return false;
  }
  if (const auto *method = dyn_cast<CXXMethodDecl>(fd)) {
    const CXXRecordDecl *parent = method->getParent();
    if (parent->isLambda()) {
      diags.report(fd->getLocation(), Diag::Lambda);
      return false;
    }
    // A member function template of a plain class gets its in-place twin
    // like a free one (C++ instantiates it), and so does a member of a
    // class template, registered per instantiation of the class
    // (templateInstantiations). Templates within templates are not.
    if (parent->isDependentContext() && !isClassTemplateMember(method)) {
      diags.report(fd->getLocation(), Diag::Template) << 1 << fd;
      return false;
    }
    // Registered and named from namespace scope, after the class.
    bool local = !parent->getIdentifier();
    for (const DeclContext *dc = parent; dc; dc = dc->getParent())
      local |= dc->isFunctionOrMethod() ||
               (isa<RecordDecl>(dc) && !cast<RecordDecl>(dc)->getIdentifier());
    int kind = method->isVirtual()               ? 0
               : isa<CXXConstructorDecl>(method) ? 1
               : isa<CXXDestructorDecl>(method)  ? 2
               : isa<CXXConversionDecl>(method)  ? 3
               : method->isOverloadedOperator()  ? 4
               : local                           ? 5
                                                 : -1;
    if (kind >= 0) {
      diags.report(fd->getLocation(), Diag::Method) << kind << fd;
      return false;
    }
    return true;
  }
  if (!fd->getDeclContext()->getRedeclContext()->Equals(
          fd->getLexicalDeclContext()->getRedeclContext())) {
    // A friend defined in a class: its twin would be a member there.
    diags.report(fd->getLocation(), Diag::OutOfLine)
        << fd << (isa<CXXRecordDecl>(fd->getLexicalDeclContext()) ? 1 : 0);
    return false;
  }
  return true;
}

/// Clang's -Wreturn-type is only a warning, and the twin of a function that
/// falls off its end would return an undefined tensor: an error in converted
/// functions. A path falls off the end when a reachable predecessor of the
/// CFG's exit neither returns nor calls a noreturn function; trivially false
/// edges (`while (true)` without a break) are pruned, as Clang's own
/// analysis does.
static void checkFallsOffEnd(const FunctionDecl *fd, Diagnostics &diags) {
  if (fd->getReturnType()->isVoidType() || fd->isMain() || !fd->getBody())
    return;
  ASTContext &ctx = fd->getASTContext();
  CFG::BuildOptions options;
  options.PruneTriviallyFalseEdges = true;
  std::unique_ptr<CFG> cfg = CFG::buildCFG(fd, fd->getBody(), &ctx, options);
  if (!cfg)
    return;
  llvm::BitVector reached(cfg->getNumBlockIDs());
  llvm::SmallVector<const CFGBlock *, 16> work{&cfg->getEntry()};
  reached.set(cfg->getEntry().getBlockID());
  while (!work.empty()) {
    const CFGBlock *block = work.pop_back_val();
    for (const CFGBlock *succ : block->succs())
      if (succ && !reached.test(succ->getBlockID())) {
        reached.set(succ->getBlockID());
        work.push_back(succ);
      }
  }
  for (const CFGBlock *pred : cfg->getExit().preds()) {
    if (!pred || !reached.test(pred->getBlockID()) ||
        pred->hasNoReturnElement())
      continue;
    const Stmt *last = nullptr;
    for (const CFGElement &element : llvm::reverse(*pred))
      if (std::optional<CFGStmt> stmt = element.getAs<CFGStmt>()) {
        last = stmt->getStmt();
        break;
      }
    // A throw leaves through the exit block too (and is rejected on its own).
    if (last && isa<ReturnStmt, CoreturnStmt, CXXThrowExpr>(last))
      continue;
    const auto *body = dyn_cast<CompoundStmt>(fd->getBody());
    diags.report(body ? body->getRBracLoc() : fd->getEndLoc(),
                 Diag::FallsOffEnd)
        << fd;
    if (last)
      diags.report(last->getBeginLoc(), Diag::FallsOffEndHere)
          << last->getSourceRange();
    return;
  }
}

/// The first construct in `fd`'s body that branches on an ag::Tensor.
static const Stmt *stagedControlFlow(const FunctionDecl *fd) {
  const Stmt *found = nullptr;
  forEachDescendant(fd->getBody(), [&](const Stmt *s) {
    const Expr *cond = nullptr;
    if (const auto *ifs = dyn_cast<IfStmt>(s))
      cond = ifs->getCond();
    else if (const auto *w = dyn_cast<WhileStmt>(s))
      cond = w->getCond();
    else if (const auto *d = dyn_cast<DoStmt>(s))
      cond = d->getCond();
    else if (const auto *f = dyn_cast<ForStmt>(s))
      cond = f->getCond();
    else if (const auto *c = dyn_cast<ConditionalOperator>(s))
      cond = c->getCond();
    if (!found && cond && isStagedCondition(cond))
      found = s;
  });
  return found;
}

/// The first use of a mutable global or static variable in `body`.
static const DeclRefExpr *firstMutableGlobal(const Stmt *body) {
  const DeclRefExpr *found = nullptr;
  forEachDescendant(body, [&](const Stmt *n) {
    const auto *ref = dyn_cast<DeclRefExpr>(n);
    const auto *var = ref ? dyn_cast<VarDecl>(ref->getDecl()) : nullptr;
    QualType type = var ? var->getType() : QualType();
    if (found || !var || !var->hasGlobalStorage() || var->isConstexpr() ||
        type.getNonReferenceType().isConstQualified())
      return;
    // std::cout and friends: prints have their own check.
    if (const auto *record = type.getNonReferenceType()->getAsCXXRecordDecl();
        record && record->isInStdNamespace() && record->getIdentifier() &&
        record->getName().starts_with("basic_"))
      return;
    found = ref;
  });
  return found;
}

/// A plain helper called from a twin runs as written while tracing: if it
/// branches on a tensor, tracing fails there. Say so now, at the call.
void ConvertConsumer::checkHelper(const CallExpr *call,
                                  const FunctionDecl *callee,
                                  Diagnostics &diags) {
  const FunctionDecl *def = callee->getDefinition();
  if (!def || !def->getBody() || !checkedHelpers.insert(def).second)
    return;
  // Lambdas in converted functions have their own diagnostic.
  if (const auto *method = dyn_cast<CXXMethodDecl>(def);
      method && method->getParent()->isLambda())
    return;
  const SourceManager &sm = def->getASTContext().getSourceManager();
  if (sm.isInSystemHeader(def->getLocation())) {
    // std::max(a, b) of tensors: its `a < b ? b : a` would fail while
    // tracing, with advice about a function the user cannot annotate.
    // std::clamp branches in the std::min and std::max it calls.
    std::function<bool(const FunctionDecl *, unsigned)> branches =
        [&](const FunctionDecl *f, unsigned depth) {
          if (stagedControlFlow(f))
            return true;
          bool found = false;
          if (depth < 3)
            forEachDescendant(f->getBody(), [&](const Stmt *n) {
              const auto *inner = dyn_cast<CallExpr>(n);
              const FunctionDecl *g =
                  inner && inner->getDirectCallee()
                      ? inner->getDirectCallee()->getDefinition()
                      : nullptr;
              if (!found && g && g->getBody() && g != f &&
                  sm.isInSystemHeader(g->getLocation()))
                found = branches(g, depth + 1);
            });
          return found;
        };
    if (branches(def, 0)) {
      llvm::StringRef name = def->getName();
      llvm::StringRef use = llvm::StringSwitch<llvm::StringRef>(name)
                                .Case("max", "ag::max(a, b)")
                                .Case("min", "ag::min(a, b)")
                                .Case("clamp", "ag::clip(x, lo, hi)")
                                .Default("");
      diags.report(call->getBeginLoc(), Diag::LibraryBranches)
          << def->getQualifiedNameAsString() << use.empty() << use
          << call->getSourceRange();
    }
    return;
  }
  if (const Stmt *construct = stagedControlFlow(def)) {
    diags.report(call->getBeginLoc(), Diag::UnconvertedHelper)
        << def << call->getSourceRange();
    diags.report(construct->getBeginLoc(), Diag::HelperBranchesHere);
  } else if (const Expr *print = firstPrint(def->getBody())) {
    diags.report(call->getBeginLoc(), Diag::HelperPrints)
        << def << call->getSourceRange();
    diags.report(print->getBeginLoc(), Diag::HelperPrintsHere)
        << def << print->getSourceRange();
  } else if (const DeclRefExpr *ref = firstMutableGlobal(def->getBody())) {
    // `int next_id() { static int n; return ++n; }`: traced once.
    const auto *var = cast<VarDecl>(ref->getDecl());
    diags.report(call->getBeginLoc(), Diag::HelperState)
        << def << (var->isStaticLocal() || var->isStaticDataMember() ? 1 : 0)
        << var << call->getSourceRange();
    diags.report(ref->getBeginLoc(), Diag::HelperStateHere)
        << def << var << ref->getSourceRange();
  }
}

/// Calls from one converted function to another, with the call sites.
using CallGraph = llvm::MapVector<
    const FunctionDecl *,
    llvm::SmallVector<std::pair<const FunctionDecl *, const CallExpr *>, 4>>;

/// The first call of a converted function reached through plain helper
/// `def` (its body, and the plain functions it calls, transitively): while
/// tracing, that call runs the twin (see redirectToTwin).
static const CallExpr *
convertedCallThrough(const FunctionDecl *def,
                     llvm::SmallPtrSetImpl<const FunctionDecl *> &seen) {
  def = def->getDefinition();
  if (!def || !def->getBody() || !seen.insert(def).second ||
      def->getASTContext().getSourceManager().isInSystemHeader(
          def->getLocation()))
    return nullptr;
  const CallExpr *found = nullptr;
  forEachDescendant(def->getBody(), [&](const Stmt *s) {
    const auto *call = dyn_cast<CallExpr>(s);
    const FunctionDecl *callee = call ? call->getDirectCallee() : nullptr;
    if (found || !callee)
      return;
    if (isAnnotated(callee))
      found = call;
    else
      found = convertedCallThrough(callee, seen) ? call : nullptr;
  });
  return found;
}

void ConvertConsumer::checkRecursion(llvm::ArrayRef<const FunctionDecl *> defs,
                                     Diagnostics &diags) {
  CallGraph graph;
  // Calls of plain helpers in `graph`, and the call of a converted function
  // they reach.
  llvm::DenseMap<const CallExpr *, const CallExpr *> helperCalls;
  for (const FunctionDecl *fd : defs) {
    auto &edges = graph[fd->getCanonicalDecl()];
    forEachDescendant(fd->getBody(), [&](const Stmt *s) {
      const auto *call = dyn_cast<CallExpr>(s);
      const FunctionDecl *callee = call ? call->getDirectCallee() : nullptr;
      // A node runs when the graph runs, not while tracing.
      if (nodeCallee(call))
        return;
      if (callee && !isAnnotated(callee)) {
        checkHelper(call, callee, diags);
        // A cycle through plain helpers is recursion too.
        llvm::SmallPtrSet<const FunctionDecl *, 8> seen;
        const CallExpr *inner = call;
        while (inner && inner->getDirectCallee() &&
               !isAnnotated(inner->getDirectCallee()))
          inner = convertedCallThrough(inner->getDirectCallee(), seen);
        const FunctionDecl *target = inner ? inner->getDirectCallee() : nullptr;
        if (target && target->getDefinition() &&
            llvm::is_contained(defs, target->getDefinition())) {
          edges.push_back({target->getCanonicalDecl(), call});
          helperCalls[call] = inner;
        }
        return;
      }
      if (!callee || !isAnnotated(callee))
        return;
      // A callee defined in another file is called through the registry
      // (a cycle through it is not seen here).
      const FunctionDecl *def = callee->getDefinition();
      if (!def || !llvm::is_contained(defs, def))
        return;
      edges.push_back({callee->getCanonicalDecl(), call});
    });
  }
  // Depth-first search; a back edge closes a cycle.
  llvm::DenseMap<const FunctionDecl *, int> state; // 1 on stack, 2 done
  llvm::SmallVector<std::pair<const FunctionDecl *, const CallExpr *>, 8> path;
  std::function<void(const FunctionDecl *)> visit =
      [&](const FunctionDecl *fn) {
        state[fn] = 1;
        for (auto &[callee, call] : graph[fn]) {
          if (state[callee] == 1) {
            diags.report(call->getBeginLoc(), Diag::Recursion)
                << callee << call->getSourceRange();
            if (const CallExpr *inner = helperCalls.lookup(call))
              diags.report(inner->getBeginLoc(), Diag::HelperCallsHere)
                  << inner->getDirectCallee() << inner->getSourceRange();
            // Notes for the rest of the cycle, from the callee onwards.
            bool inCycle = false;
            for (auto &[caller, site] : path) {
              inCycle |= caller == callee;
              if (inCycle && site)
                diags.report(site->getBeginLoc(), Diag::RecursionNote)
                    << caller << cast<FunctionDecl>(site->getCalleeDecl());
            }
            continue;
          }
          if (state[callee] == 0) {
            path.push_back({fn, call});
            visit(callee);
            path.pop_back();
          }
        }
        state[fn] = 2;
      };
  for (auto &entry : graph)
    if (state[entry.first] == 0)
      visit(entry.first);
}

/// The converted functions of a file that get a twin of their own after
/// their definition (not a method or template, whose twin is inside it), and
/// which of their twins were declared ahead of their definitions.
struct FreeTwins {
  FreeTwins(ASTContext &ctx, std::vector<const FunctionDecl *> defs)
      : defs(std::move(defs)), names(this->defs),
        staged(findStagedTwins(ctx, this->defs, names, firstStagedCall)) {}

  std::vector<const FunctionDecl *> defs;
  TwinNames names;
  /// Callers pass some of these staged numbers: they get a staged twin too.
  llvm::DenseMap<const FunctionDecl *, const CallExpr *> firstStagedCall;
  llvm::SmallPtrSet<const FunctionDecl *, 4> staged;
  llvm::SmallPtrSet<const FunctionDecl *, 8> declared;
  llvm::SmallPtrSet<const FunctionDecl *, 4> declaredStaged;
};

/// The forward declarations `fd`'s twin needs, its twin and, when a caller
/// passes it staged numbers, its staged twin: the same body with the number
/// parameters staged. None (with errors reported) if a twin cannot be made.
static std::optional<std::string> emitFreeTwin(ASTContext &ctx,
                                               const FunctionDecl *fd,
                                               FreeTwins &free,
                                               Diagnostics &diags) {
  std::string declarations = forwardDeclarations(
      ctx, fd, free.names, free.declared, free.declaredStaged, free.staged);
  std::optional<std::string> twin = emitTwin(
      ctx, fd, free.names, diags, !free.declared.count(fd->getCanonicalDecl()));
  if (!twin)
    return std::nullopt;
  if (!free.staged.count(fd->getCanonicalDecl()))
    return declarations + *twin;
  setStagedParameters(fd);
  std::string stagedDeclarations = forwardDeclarations(
      ctx, fd, free.names, free.declared, free.declaredStaged, free.staged);
  std::optional<std::string> staged =
      emitTwin(ctx, fd, free.names, diags,
               !free.declaredStaged.count(fd->getCanonicalDecl()), true);
  setStagedParameters(nullptr);
  if (!staged) {
    const CallExpr *call = free.firstStagedCall.lookup(fd->getCanonicalDecl());
    diags.report(call->getBeginLoc(), Diag::StagedTwinCall)
        << fd << call->getSourceRange();
    return std::nullopt;
  }
  return declarations + *twin + stagedDeclarations + *staged;
}

/// The registrations of `fd`'s twin `twinName`: for ag::function (the
/// original's pointer to the twin's) and the names of its graph inputs, for
/// ag::function's errors before a trace.
static std::string registerFreeTwin(ASTContext &ctx, const FunctionDecl *fd,
                                    const std::string &twinName) {
  SourceManager &sm = ctx.getSourceManager();
  PresumedLoc where = sm.getPresumedLoc(sm.getFileLoc(fd->getLocation()));
  // The twin has the original's type (minus noexcept, which the cast
  // accepts): it picks this overload out of `&f`.
  std::string original = "&" + fd->getNameAsString();
  if (hasOverloads(fd))
    original = "static_cast<decltype(&" + twinName + ")>(" + original + ")";
  std::string suffix = twinName.substr(globalName("twin_").size());
  std::string registration =
      "[[maybe_unused]] static const bool " + globalName("registered_") +
      suffix + " = ::ag::detail::registerTwin(reinterpret_cast<const void *>(" +
      original + "), reinterpret_cast<const void *>(&" + twinName + "), " +
      quote(fd->getNameAsString()) + ", " +
      sourceFileExpr(sm, fd->getLocation()) + ", " +
      std::to_string(where.getLine()) + ");\n";
  std::string positions;
  for (const std::string &position : tensorPositionNames(fd))
    positions += (positions.empty() ? "" : ", ") + quote(position);
  if (!positions.empty())
    registration += "[[maybe_unused]] static const bool " +
                    globalName("positions_") + suffix +
                    " = ::ag::detail::registerTensorPositions("
                    "reinterpret_cast<const void *>(" +
                    original + "), {" + positions + "});\n";
  return registration;
}

/// Inserts `text` (an in-place twin) right after the `{` of `fd`: `#line`
/// to the function (errors in the twin point there), the twin, `#line` back
/// and spaces up to the column of what followed the `{`.
static void insertInPlaceTwin(Rewriter &rewriter, ASTContext &ctx,
                              const FunctionDecl *fd, const std::string &text) {
  SourceManager &sm = ctx.getSourceManager();
  SourceLocation brace =
      sm.getFileLoc(cast<CompoundStmt>(fd->getBody())->getLBracLoc());
  PresumedLoc start = sm.getPresumedLoc(sm.getFileLoc(fd->getBeginLoc()));
  PresumedLoc open = sm.getPresumedLoc(brace);
  unsigned column = open.getColumn() +
                    Lexer::MeasureTokenLength(brace, sm, ctx.getLangOpts()) - 1;
  rewriter.InsertTextAfterToken(
      brace, "\n#line " + std::to_string(start.getLine()) + " " +
                 quote(start.getFilename()) + "\n" + text + "#line " +
                 std::to_string(open.getLine()) + " " +
                 quote(open.getFilename()) + "\n" + std::string(column, ' '));
}

/// Inserts `text` (a free twin and its registrations) after `fd`: at the
/// start of the line after its closing brace, or right after the brace when
/// more code follows it on its line (the `}` of a namespace, another
/// function), since the twin must be in the original's scope.
static void insertAfterDefinition(Rewriter &rewriter, ASTContext &ctx,
                                  const FunctionDecl *fd,
                                  const std::string &text) {
  SourceManager &sm = ctx.getSourceManager();
  FileID mainFile = sm.getMainFileID();
  llvm::StringRef buffer = sm.getBufferData(mainFile);
  SourceLocation end = sm.getFileLoc(fd->getEndLoc());
  // The brace may be spelled `%>` (a digraph).
  unsigned braceLength = Lexer::MeasureTokenLength(end, sm, ctx.getLangOpts());
  unsigned offset = sm.getFileOffset(end) + braceLength;
  size_t newline = buffer.find('\n', offset);
  bool restBlank = buffer.slice(offset, newline).find_first_not_of(" \t\r") ==
                   llvm::StringRef::npos;
  std::string prefix;
  if (!restBlank) {
    newline = offset;
    prefix = "\n";
  } else if (newline == llvm::StringRef::npos) {
    newline = buffer.size();
    prefix = "\n";
  } else {
    ++newline;
  }
  SourceLocation insertAt =
      sm.getLocForStartOfFile(mainFile).getLocWithOffset(newline);
  // Under a #line of the user's, the twin keeps the presumed file too.
  PresumedLoc start = sm.getPresumedLoc(sm.getFileLoc(fd->getBeginLoc()));
  // AG_BEGIN_TWIN/AG_END_TWIN (ag/staging.h): the twin is not optimized,
  // which halves what it adds to an -O2 build of the file.
  std::string inserted =
      prefix + "AG_BEGIN_TWIN\n#line " + std::to_string(start.getLine()) + " " +
      quote(start.getFilename()) + "\n" + text + "AG_END_TWIN\n";
  if (!restBlank) {
    // Back to the brace's line, and spaces up to the column after it.
    PresumedLoc brace = sm.getPresumedLoc(end);
    inserted += "#line " + std::to_string(brace.getLine()) + " " +
                quote(brace.getFilename()) + "\n" +
                std::string(brace.getColumn() + braceLength - 1, ' ');
  } else if (newline < buffer.size()) {
    PresumedLoc next = sm.getPresumedLoc(insertAt);
    inserted += "#line " + std::to_string(next.getLine()) + " " +
                quote(next.getFilename()) + "\n";
  }
  rewriter.InsertText(insertAt, inserted, /*InsertAfter=*/true);
}

std::vector<const FunctionDecl *> ConvertConsumer::checkedDefinitions(
    ASTContext &ctx, const AnnotatedFinder &finder, Diagnostics &diags) {
  SourceManager &sm = ctx.getSourceManager();
  for (const FunctionDecl *fd : finder.elsewhere)
    diags.report(fd->getLocation(), Diag::DefinedInHeader)
        << (isa<CXXMethodDecl>(fd) ? 0 : 1) << fd
        << llvm::sys::path::filename(
               sm.getPresumedLoc(sm.getExpansionLoc(fd->getLocation()))
                   .getFilename());
  std::vector<const FunctionDecl *> defs;
  for (const FunctionDecl *fd : finder.functions) {
    if (fd->doesThisDeclarationHaveABody()) {
      if (checkDeclaration(fd, diags)) {
        checkFallsOffEnd(fd, diags);
        defs.push_back(fd);
      }
    } else if (!fd->getDefinition() && !fd->isDeleted() && !fd->isDefaulted()) {
      diags.report(fd->getLocation(), Diag::NoBody) << fd;
    }
  }
  // Keep going after errors so that one run reports all of them.
  checkRecursion(defs, diags);
  return defs;
}

/// Checks the AG_NODE functions declared in this file or called from
/// converted code (`defs`); true if there is any.
static bool checkNodes(const AnnotatedFinder &finder,
                       llvm::ArrayRef<const FunctionDecl *> defs,
                       Diagnostics &diags) {
  llvm::SmallPtrSet<const FunctionDecl *, 8> checked;
  auto checkNode = [&](const FunctionDecl *fd) {
    if (nodeKind(fd) != NodeKind::None &&
        checked.insert(fd->getCanonicalDecl()).second)
      checkNodeDeclaration(fd, diags);
  };
  for (const FunctionDecl *fd : finder.nodes)
    checkNode(fd);
  for (const FunctionDecl *fd : defs)
    forEachDescendant(fd->getBody(), [&](const Stmt *s) {
      if (const auto *call = dyn_cast<CallExpr>(s))
        if (const FunctionDecl *callee = call->getDirectCallee())
          checkNode(callee);
    });
  return !checked.empty();
}

void ConvertConsumer::HandleTranslationUnit(ASTContext &ctx) {
  DiagnosticsEngine &engine = ctx.getDiagnostics();
  if (engine.hasErrorOccurred())
    return; // Clang already said why.
  SourceManager &sm = ctx.getSourceManager();
  Diagnostics diags(engine);
  resetNodeValues();
  chooseGlobalPrefix(sm, ctx.getLangOpts());

  AnnotatedFinder finder(sm);
  finder.TraverseDecl(ctx.getTranslationUnitDecl());
  std::vector<const FunctionDecl *> defs =
      checkedDefinitions(ctx, finder, diags);
  // Node values get their codecs from ag/Codec.h, which <ag/ag.h> leaves out
  // (ag/detail/CodecHook.h): a file calling or defining a node includes it.
  bool lazyValues = checkNodes(finder, defs, diags);
  std::string nodeRegistration = nodeRegistrations(ctx);
  if (!nodeRegistration.empty())
    nodeRegistration = formatGenerated(nodeRegistration);
  // The store's code fingerprints (issue 14), after the node registrations;
  // one line each, so that they are easy to find and compare.
  nodeRegistration += fingerprintRegistrations(ctx, pp, defs);

  FileID mainFile = sm.getMainFileID();
  llvm::StringRef buffer = sm.getBufferData(mainFile);
  std::string fileName =
      sm.getPresumedLoc(sm.getLocForStartOfFile(mainFile)).getFilename();
  Rewriter rewriter(sm, ctx.getLangOpts());
  std::string twins;
  std::vector<const FunctionDecl *> freeDefs;
  for (const FunctionDecl *fd : defs)
    if (!hasInPlaceTwin(fd))
      freeDefs.push_back(fd);
  FreeTwins free(ctx, std::move(freeDefs));
  std::string registrations;
  unsigned registered = 0;
  for (const FunctionDecl *fd : defs) {
    bool inPlace = hasInPlaceTwin(fd);
    std::optional<std::string> twin =
        inPlace ? emitInPlaceTwin(ctx, fd, free.names, diags)
                : emitFreeTwin(ctx, fd, free, diags);
    if (!twin)
      continue;
    // Methods and template instantiations are registered at the end of the
    // file, after everything their names use is declared.
    std::string registration =
        inPlace ? registerInPlace(ctx, fd, registered, options.twinsOnly)
                : registerFreeTwin(ctx, fd, free.names(fd));
    std::string text = formatGenerated(inPlace ? *twin : *twin + registration);
    lazyValues |= llvm::StringRef(text).contains("::ag::Lazy<");
    if (options.twinsOnly) {
      twins += (twins.empty() ? "" : "\n") + text +
               (inPlace ? registration : std::string());
      continue;
    }
    if (inPlace) {
      registrations += registration;
      insertInPlaceTwin(rewriter, ctx, fd, text);
      continue;
    }
    insertAfterDefinition(rewriter, ctx, fd, text);
    if (std::optional<std::string> redirect = redirectToTwin(ctx, fd))
      rewriter.InsertTextAfterToken(
          cast<CompoundStmt>(fd->getBody())->getLBracLoc(), *redirect);
  }
  if (diags.hasErrors())
    return;
  std::string fileVar = defs.empty() ? ""
                                     : std::string("static const char ") +
                                           sourceFileVar() +
                                           "[] = " + quote(fileName) + ";\n";
  if (lazyValues)
    fileVar = "#include <ag/Codec.h>\n" + fileVar;
  if (options.twinsOnly) {
    results.push_back({fileName, fileVar + twins + nodeRegistration});
    return;
  }
  registrations += nodeRegistration;
  // After a UTF-8 byte order mark: a compiler skips one only at the start.
  unsigned bom = buffer.starts_with("\xEF\xBB\xBF") ? 3 : 0;
  rewriter.InsertText(sm.getLocForStartOfFile(mainFile).getLocWithOffset(bom),
                      fileVar + "#line 1 " + quote(fileName) + "\n",
                      /*InsertAfter=*/false);
  if (!registrations.empty())
    rewriter.InsertText(sm.getLocForEndOfFile(mainFile),
                        (buffer.ends_with("\n") ? "" : "\n") + registrations,
                        /*InsertAfter=*/true);
  std::string out;
  llvm::raw_string_ostream os(out);
  rewriter.getEditBuffer(mainFile).write(os);
  os.flush();
  results.push_back({fileName, out});
}

class ConvertAction : public ASTFrontendAction {
public:
  ConvertAction(const ConvertOptions &options,
                std::vector<ConvertedFile> &results)
      : options(options), results(results) {}
  std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &ci,
                                                 llvm::StringRef) override {
    return std::make_unique<ConvertConsumer>(options, results,
                                             ci.getPreprocessor());
  }

private:
  const ConvertOptions &options;
  std::vector<ConvertedFile> &results;
};

class ConvertActionFactory : public tooling::FrontendActionFactory {
public:
  ConvertActionFactory(const ConvertOptions &options,
                       std::vector<ConvertedFile> &results)
      : options(options), results(results) {}
  std::unique_ptr<FrontendAction> create() override {
    return std::make_unique<ConvertAction>(options, results);
  }

private:
  ConvertOptions options;
  std::vector<ConvertedFile> &results;
};

} // namespace

std::unique_ptr<tooling::FrontendActionFactory>
newConvertActionFactory(const ConvertOptions &options,
                        std::vector<ConvertedFile> &results) {
  return std::make_unique<ConvertActionFactory>(options, results);
}

} // namespace frontend
} // namespace ag
