//===- Fingerprints.cpp - Code fingerprints of converted functions --------===//
//
// A function's fingerprint is the MD5 of the raw tokens of its definition
// (their spelling only, so whitespace and comments do not count), of the
// definitions of the macros they name, and of its AG_NODE_VERSION tag, combined
// with the same hash of every AG_NODE or AG_CONVERT function of this file it
// references, directly or through others. The reachable set (not a recursive
// combination of fingerprints) is hashed, so cycles need no special case.
//
//===----------------------------------------------------------------------===//

#include "Fingerprints.h"

#include "Analysis.h"
#include "Nodes.h"
#include "TwinEmitter.h"

#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include "clang/Lex/MacroInfo.h"
#include "clang/Lex/Preprocessor.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/MapVector.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/MD5.h"

#include <algorithm>
#include <map>
#include <set>
#include <vector>

using namespace clang;

namespace ag {
namespace frontend {
namespace {

/// One annotated function definition of the main file (a template's
/// pattern stands for all its instantiations).
struct Unit {
  /// The bodies to look for references in: the definition and, for a
  /// template, each instantiation.
  std::vector<const FunctionDecl *> bodies;
  /// The names the graph records it under.
  std::vector<std::string> names;
  /// The AG_NODE_VERSION tag, if any.
  std::string version;
  /// Hash of its own tokens and tag.
  std::string own;
  llvm::SmallPtrSet<const FunctionDecl *, 4> references;
};

/// The definition `fd` is written as: the pattern of an instantiation.
const FunctionDecl *definitionOf(const FunctionDecl *fd) {
  if (const FunctionDecl *pattern = fd->getTemplateInstantiationPattern())
    fd = pattern;
  return fd->getDefinition();
}

std::string hex(llvm::MD5 &md5) {
  llvm::MD5::MD5Result result;
  md5.final(result);
  return result.digest().str().str();
}

/// Adds the definition of the macro `name` names, if any, and of the macros
/// that definition names, to `md5` (each once: `seen`).
void hashMacro(Preprocessor &pp, llvm::StringRef name, llvm::MD5 &md5,
               llvm::StringSet<> &seen) {
  IdentifierInfo *id = pp.getIdentifierInfo(name);
  const MacroInfo *macro = id ? pp.getMacroInfo(id) : nullptr;
  if (!macro || !seen.insert(name).second)
    return;
  md5.update(llvm::StringRef("\0#define\0", 9));
  md5.update(name);
  for (const IdentifierInfo *param : macro->params()) {
    md5.update(llvm::StringRef("", 1));
    md5.update(param->getName());
  }
  md5.update(macro->isFunctionLike() ? "(" : " ");
  for (const Token &tok : macro->tokens()) {
    std::string spelling = pp.getSpelling(tok);
    md5.update(spelling);
    md5.update(llvm::StringRef("", 1));
    if (tok.getIdentifierInfo())
      hashMacro(pp, spelling, md5, seen);
  }
}

/// The MD5 of the spelling of `fd`'s tokens, each followed by a NUL, and of
/// the macros they name.
std::string tokenHash(ASTContext &ctx, Preprocessor &pp, const FunctionDecl *fd,
                      llvm::StringRef version) {
  const SourceManager &sm = ctx.getSourceManager();
  CharSourceRange range = sm.getExpansionRange(fd->getSourceRange());
  auto [file, begin] = sm.getDecomposedLoc(range.getBegin());
  auto [endFile, end] = sm.getDecomposedLoc(range.getEnd());
  llvm::MD5 md5;
  llvm::StringSet<> macros;
  if (file == endFile && begin <= end) {
    llvm::StringRef buffer = sm.getBufferData(file);
    Lexer lexer(sm.getLocForStartOfFile(file), ctx.getLangOpts(),
                buffer.begin(), buffer.begin() + begin, buffer.end());
    Token tok;
    while (true) {
      lexer.LexFromRawLexer(tok);
      if (tok.is(tok::eof))
        break;
      unsigned offset = sm.getFileOffset(tok.getLocation());
      if (offset > end)
        break;
      llvm::StringRef spelling = buffer.substr(offset, tok.getLength());
      md5.update(spelling);
      md5.update(llvm::StringRef("", 1));
      if (tok.is(tok::raw_identifier))
        hashMacro(pp, spelling, md5, macros);
    }
  }
  if (!version.empty()) {
    md5.update(llvm::StringRef("\0AG_NODE_VERSION\0", 18));
    md5.update(version);
  }
  return hex(md5);
}

/// Calls `fn` on every function `s` names, lambda bodies included.
void forEachReference(const Stmt *s,
                      llvm::function_ref<void(const FunctionDecl *)> fn) {
  if (!s)
    return;
  if (const auto *ref = dyn_cast<DeclRefExpr>(s)) {
    if (const auto *callee = dyn_cast<FunctionDecl>(ref->getDecl()))
      fn(callee);
  } else if (const auto *member = dyn_cast<MemberExpr>(s)) {
    if (const auto *callee = dyn_cast<FunctionDecl>(member->getMemberDecl()))
      fn(callee);
  } else if (const auto *lambda = dyn_cast<LambdaExpr>(s)) {
    forEachReference(lambda->getBody(), fn);
  }
  for (const Stmt *child : s->children())
    forEachReference(child, fn);
}

/// AG_NODE functions defined in the main file, and AG_NODE_VERSION tags.
class Collector : public RecursiveASTVisitor<Collector> {
public:
  explicit Collector(ASTContext &ctx) : ctx(ctx), sm(ctx.getSourceManager()) {}
  bool shouldVisitTemplateInstantiations() const { return false; }

  bool VisitFunctionDecl(FunctionDecl *fd) {
    if (nodeKind(fd) == NodeKind::None || !fd->isThisDeclarationADefinition() ||
        fd->isTemplateInstantiation() ||
        !sm.isInMainFile(sm.getExpansionLoc(fd->getLocation())) ||
        fd->getDeclContext()->isDependentContext())
      return true;
    Unit &unit = units[fd];
    if (FunctionTemplateDecl *tmpl = fd->getDescribedFunctionTemplate()) {
      for (const FunctionDecl *spec : tmpl->specializations())
        if (spec->isTemplateInstantiation() && spec->hasBody()) {
          unit.bodies.push_back(spec);
          unit.names.push_back(nodeName(ctx, spec));
        }
      unit.bodies.push_back(fd);
      return true;
    }
    unit.bodies.push_back(fd);
    unit.names.push_back(nodeName(ctx, fd));
    return true;
  }

  /// `static const bool x = ::ag::detail::nodeVersion_(&f, "tag");`, what
  /// AG_NODE_VERSION(f, "tag") expands to.
  bool VisitVarDecl(VarDecl *var) {
    const Expr *init = var->getInit();
    if (!init || !sm.isInMainFile(sm.getExpansionLoc(var->getLocation())))
      return true;
    const auto *call = dyn_cast<CallExpr>(init->IgnoreParenImpCasts());
    const FunctionDecl *callee = call ? call->getDirectCallee() : nullptr;
    if (!callee || call->getNumArgs() != 2 ||
        callee->getQualifiedNameAsString() != "ag::detail::nodeVersion_")
      return true;
    const Expr *fn = call->getArg(0)->IgnoreParenCasts();
    if (const auto *address = dyn_cast<UnaryOperator>(fn);
        address && address->getOpcode() == UO_AddrOf)
      fn = address->getSubExpr()->IgnoreParenCasts();
    const auto *ref = dyn_cast<DeclRefExpr>(fn);
    const auto *tag =
        dyn_cast<StringLiteral>(call->getArg(1)->IgnoreParenImpCasts());
    if (!ref || !tag || !tag->isOrdinary())
      return true;
    if (const auto *target = dyn_cast<FunctionDecl>(ref->getDecl()))
      if (const FunctionDecl *def = definitionOf(target))
        versions[def] = tag->getString().str();
    return true;
  }

  ASTContext &ctx;
  const SourceManager &sm;
  llvm::MapVector<const FunctionDecl *, Unit> units;
  llvm::DenseMap<const FunctionDecl *, std::string> versions;
};

/// A C identifier from `name` ("ns::f<int>" -> "ns__f_int_").
std::string identifierFor(llvm::StringRef name) {
  std::string out;
  for (char c : name)
    out += llvm::isAlnum(c) ? c : '_';
  return out;
}

} // namespace

std::string
fingerprintRegistrations(ASTContext &ctx, Preprocessor &pp,
                         llvm::ArrayRef<const FunctionDecl *> converted) {
  Collector collector(ctx);
  collector.TraverseDecl(ctx.getTranslationUnitDecl());
  auto &units = collector.units;
  for (const FunctionDecl *fd : converted) {
    const auto *method = dyn_cast<CXXMethodDecl>(fd);
    if (method && method->getParent()->isLambda())
      continue;
    // The name of the twin's FunctionScope (TwinEmitter), which the graph
    // records as the function of the ops it traces.
    std::string name = fd->getNameAsString();
    if (method && hasInPlaceTwin(fd))
      name = method->getParent()->getNameAsString() + "::" + name;
    Unit &unit = units[fd];
    unit.bodies.push_back(fd);
    if (FunctionTemplateDecl *tmpl = fd->getDescribedFunctionTemplate())
      for (const FunctionDecl *spec : tmpl->specializations())
        if (spec->isTemplateInstantiation() && spec->hasBody())
          unit.bodies.push_back(spec);
    // A private or protected method is traced only inside its class's
    // public ones: their fingerprints include its tokens.
    if (!method || method->getAccess() == AS_public)
      unit.names.push_back(name);
  }
  for (auto &[def, unit] : units) {
    unit.version = collector.versions.lookup(def);
    unit.own = tokenHash(ctx, pp, def, unit.version);
    for (const FunctionDecl *body : unit.bodies)
      forEachReference(body->getBody(), [&](const FunctionDecl *callee) {
        const FunctionDecl *target = definitionOf(callee);
        if (target && target != def && units.count(target))
          unit.references.insert(target);
      });
  }

  // Per name (two functions of this file may share one, e.g. converted
  // `a::f` and `b::f`: both then count), the fingerprints to combine.
  std::map<std::string, std::set<std::string>> byName;
  std::vector<std::string> order;
  for (auto &[def, unit] : units) {
    std::set<std::string> reached;
    llvm::SmallPtrSet<const FunctionDecl *, 8> seen{def};
    std::vector<const FunctionDecl *> work(unit.references.begin(),
                                           unit.references.end());
    while (!work.empty()) {
      const FunctionDecl *next = work.back();
      work.pop_back();
      if (!seen.insert(next).second)
        continue;
      const Unit &callee = units.find(next)->second;
      reached.insert(callee.own);
      work.insert(work.end(), callee.references.begin(),
                  callee.references.end());
    }
    llvm::MD5 md5;
    md5.update(unit.own);
    for (const std::string &hash : reached)
      md5.update(hash);
    std::string fingerprint = hex(md5);
    for (const std::string &name : unit.names) {
      if (!byName.count(name))
        order.push_back(name);
      byName[name].insert(fingerprint);
    }
  }

  std::string out;
  std::set<std::string> taken;
  for (const std::string &name : order) {
    const std::set<std::string> &prints = byName[name];
    std::string fingerprint = *prints.begin();
    if (prints.size() > 1) {
      llvm::MD5 md5;
      for (const std::string &print : prints)
        md5.update(print);
      fingerprint = hex(md5);
    }
    std::string ident = globalName("fp_") + identifierFor(name);
    for (unsigned n = 1; !taken.insert(ident).second; ++n)
      ident = globalName("fp_") + identifierFor(name) + "_" + std::to_string(n);
    out += "[[maybe_unused]] static const bool " + ident +
           " = ::ag::detail::fingerprint_(" + quote(name) + ", " +
           quote(fingerprint) + ");\n";
  }
  return out;
}

} // namespace frontend
} // namespace ag
