//===- TwinEmitter.cpp - Builds the graph-building twin of a function -----===//
//
// Expressions are copied from the source buffer, with the sub-expressions that
// need rewriting (staged ?:, &&, ||, calls to converted functions) spliced in.
// Statements are rebuilt so that each one recording staged ops is preceded by
// ag::at(...) with its original location.
//
// break/continue/return that would leave a lambda of the twin are lowered to
// control flags as in AutoGraph: `ag_break_N = true;`, the statements after
// it guarded by `if_(!ag_break_N, ...)`, the loop condition tested with the
// flag.
//
//===----------------------------------------------------------------------===//

#include "TwinEmitter.h"
#include "Nodes.h"

#include "ag/semantics/Format.h"

#include "clang/AST/Attr.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/AST/QualTypeNames.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/MapVector.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/StringExtras.h"

#include <functional>
#include <set>

using namespace clang;

namespace ag {
namespace frontend {

TwinNames::TwinNames(llvm::ArrayRef<const FunctionDecl *> defs) {
  // Overloads of one name in one namespace, in declaration order.
  llvm::MapVector<std::pair<const DeclContext *, DeclarationName>,
                  llvm::SmallVector<const FunctionDecl *, 2>>
      groups;
  for (const FunctionDecl *fd : defs)
    groups[{fd->getDeclContext()->getRedeclContext()->getPrimaryContext(),
            fd->getDeclName()}]
        .push_back(fd->getCanonicalDecl());
  // Plain names first, so that a function named `f_1` keeps `ag_twin_f_1`
  // and an overload of `f` numbers around it.
  std::set<std::pair<const DeclContext *, std::string>> taken;
  auto take = [&](const DeclContext *dc, const std::string &name) {
    return taken.insert({dc, name}).second;
  };
  for (auto &[key, fns] : groups) {
    names[fns.front()] = globalName("twin_") + key.second.getAsString();
    take(key.first, names[fns.front()]);
  }
  for (auto &[key, fns] : groups) {
    unsigned suffix = 0;
    for (const FunctionDecl *fd : llvm::drop_begin(fns)) {
      std::string name;
      do
        name = names[fns.front()] + "_" + std::to_string(++suffix);
      while (!take(key.first, name));
      names[fd] = name;
    }
  }
}

bool TwinNames::contains(const FunctionDecl *fd) const {
  return names.count(fd->getCanonicalDecl());
}

const std::string &TwinNames::operator()(const FunctionDecl *fd) const {
  return names.find(fd->getCanonicalDecl())->second;
}

bool hasOverloads(const FunctionDecl *fd) {
  const FunctionDecl *canonical = fd->getCanonicalDecl();
  for (const NamedDecl *d :
       fd->getDeclContext()->getRedeclContext()->lookup(fd->getDeclName())) {
    d = d->getUnderlyingDecl();
    if (isa<FunctionTemplateDecl>(d))
      return true;
    if (const auto *other = dyn_cast<FunctionDecl>(d);
        other && other->getCanonicalDecl() != canonical)
      return true;
  }
  return false;
}

bool callsTwinThroughRegistry(const SourceManager &sm,
                              const FunctionDecl *caller,
                              const FunctionDecl *callee) {
  const FunctionDecl *definition = callee->getDefinition();
  if (!definition || !sm.isBeforeInTranslationUnit(caller->getBeginLoc(),
                                                   definition->getBeginLoc()))
    return false;
  return !definition->getDeclContext()->getRedeclContext()->Equals(
      caller->getDeclContext()->getRedeclContext());
}

bool canCallStagedTwin(const SourceManager &sm, const FunctionDecl *caller,
                       const FunctionDecl *callee) {
  const FunctionDecl *definition = callee->getDefinition();
  return definition && isAnnotated(definition) &&
         sm.isWrittenInMainFile(
             sm.getExpansionLoc(definition->getLocation())) &&
         !hasInPlaceTwin(caller) && !hasInPlaceTwin(definition) &&
         !callsTwinThroughRegistry(sm, caller, definition);
}

std::string stagedTwinName(const TwinNames &names, const FunctionDecl *fd) {
  return globalName("staged_") + names(fd).substr(globalName("twin_").size());
}

std::string sourceFileExpr(const SourceManager &sm, SourceLocation loc) {
  llvm::StringRef file = sm.getPresumedLoc(sm.getFileLoc(loc)).getFilename();
  llvm::StringRef mainFile =
      sm.getPresumedLoc(sm.getLocForStartOfFile(sm.getMainFileID()))
          .getFilename();
  // Code under a #line naming another file spells its name out.
  return file == mainFile ? sourceFileVar() : quote(file);
}

static std::string globalPrefix = "ag_";

void chooseGlobalPrefix(const SourceManager &sm, const LangOptions &lang) {
  static constexpr llvm::StringLiteral stems[] = {
      "twin_", "staged_", "registered_", "positions_",
      "fp_",   "node_",   "source_file"};
  FileID main = sm.getMainFileID();
  llvm::StringRef buffer = sm.getBufferData(main);
  Lexer lexer(sm.getLocForStartOfFile(main), lang, buffer.begin(),
              buffer.begin(), buffer.end());
  std::set<std::string> idents;
  Token tok;
  for (lexer.LexFromRawLexer(tok); tok.isNot(tok::eof);
       lexer.LexFromRawLexer(tok))
    if (tok.is(tok::raw_identifier) && tok.getRawIdentifier().starts_with("ag"))
      idents.insert(tok.getRawIdentifier().str());
  for (unsigned n = 0;; ++n) {
    globalPrefix = n ? "ag" + std::to_string(n) + "_" : "ag_";
    if (llvm::none_of(idents, [](const std::string &ident) {
          return llvm::any_of(stems, [&](llvm::StringRef stem) {
            return llvm::StringRef(ident).starts_with(globalPrefix +
                                                      stem.str());
          });
        }))
      return;
  }
}

std::string globalName(llvm::StringRef stem) {
  return globalPrefix + stem.str();
}

std::string quote(llvm::StringRef text) {
  std::string out = "\"";
  for (char c : text) {
    switch (c) {
    case '"':
      out += "\\\"";
      break;
    case '\\':
      out += "\\\\";
      break;
    case '\n':
      out += "\\n";
      break;
    case '\t':
      out += "\\t";
      break;
    default:
      out += c;
    }
  }
  return out + "\"";
}

struct WhatPrint;

namespace {

const char *const kTensorLambda = "[&]() -> ::ag::Tensor { return ";

/// A range of byte offsets in the main file.
struct Range {
  unsigned begin = 0, end = 0;
  bool valid = false;
};

/// Rewritten text for a part of the main file.
struct SourcePiece {
  Range range;
  std::string text;
};

/// The text of `whole` in `buffer` with each piece's range replaced by its
/// text. A piece nested in an earlier one (implicit wrapper nodes) is
/// skipped.
static std::string splicePieces(llvm::StringRef buffer, Range whole,
                                llvm::SmallVectorImpl<SourcePiece> &pieces) {
  llvm::sort(pieces, [](const SourcePiece &a, const SourcePiece &b) {
    return a.range.begin < b.range.begin;
  });
  std::string out;
  unsigned pos = whole.begin;
  for (const SourcePiece &piece : pieces) {
    if (piece.range.begin < pos)
      continue;
    out += buffer.slice(pos, piece.range.begin).str();
    out += piece.text;
    pos = piece.range.end;
  }
  out += buffer.slice(pos, whole.end).str();
  return out;
}

class TwinEmitter {
public:
  TwinEmitter(ASTContext &ctx, const FunctionDecl *fd, const TwinNames &names,
              Diagnostics &diags)
      : ctx(ctx), sm(ctx.getSourceManager()), lang(ctx.getLangOpts()), fd(fd),
        names(names), diags(diags), analysis(ctx, fd) {}

  std::optional<std::string> emit();

  /// A twin-internal local: `ag_<name>`, or `ag<N>_<name>` when the
  /// function itself uses names starting with `ag_` (no collision, no
  /// shadowing of the user's names).
  std::string local(llvm::StringRef name) const {
    return localPrefix + name.str();
  }

private:
  // --- source text --------------------------------------------------------
  CharSourceRange fileRange(SourceRange range) const;
  Range offsets(SourceRange range) const;
  std::string sourceText(SourceRange range);
  std::string loc(SourceRange range, llvm::StringRef name = "") const;
  std::string at(SourceRange range, llvm::StringRef name) const;
  std::string locatedHeader(const Expr *e);

  // --- expressions --------------------------------------------------------
  bool isSpecial(const Stmt *s);
  /// A tensor sub-expression whose op can fail at evaluation: located by
  /// ::ag::sub_ so the error's caret covers it, not the statement.
  bool mayFailWhenRun(const Stmt *s);
  /// A std::cout chain, printf or puts used as a statement.
  bool printStatement(const Stmt *s);
  std::string lambdaBody(const LambdaExpr *lambda);
  void checkPrints();
  /// The range of the last ag::at() emitted (the statement being emitted).
  mutable Range statementRange;
  bool needsRewrite(const Stmt *s);
  std::string expr(const Expr *e);
  std::string lambdaExpr(const LambdaExpr *lambda);
  bool checkGenericLambda(const LambdaExpr *lambda);
  std::string vectorElement(const Expr *e, const Expr *vector,
                            const Expr *index);
  std::optional<std::string> convertedCall(const Expr *e,
                                           const FunctionDecl *callee);
  std::string splice(const Stmt *s, Range extraRange = {},
                     llvm::StringRef extraText = "");
  std::string condition(const Expr *e);
  void checkStagedValueUse(const Expr *e);
  bool numberPartOfResult(const clang::Stmt *child, const clang::Stmt *p);
  /// The expression condition() is emitting: a staged value is wanted.
  const Expr *asCondition = nullptr;
  std::string crossFileCall(const CallExpr *call, const FunctionDecl *callee);
  /// Spells node calls, member_ and declarations of node results.
  NodeSpeller nodes();
  /// NodeSpeller::site.
  std::string nodeSite(const CallExpr *call);
  unsigned nextParts = 1;
  std::string tensorLambda(const std::string &body) const {
    return kTensorLambda + body + "; }";
  }
  std::string stagedIf(SourceRange range, const std::string &vars,
                       const std::string &cond, const std::string &thenBody,
                       const std::string *elseBody) const;
  bool recordsOps(const Stmt *s);
  const VarDecl *appendedStagedList(const Expr *e) const;
  const VarDecl *listElement(const Expr *e, const Expr **index = nullptr,
                             bool *back = nullptr) const;
  llvm::StringRef assignedName(const Expr *e) const;

  // --- statements ---------------------------------------------------------
  std::string stmt(const Stmt *s);
  std::string block(const Stmt *s);
  std::string body(const Stmt *s);
  std::string sequence(llvm::ArrayRef<const Stmt *> stmts, const Stmt *region);
  std::string exprStmt(const Expr *e);
  std::string jumpStmt(const Stmt *s);
  std::string declStmt(const DeclStmt *ds);
  std::string switchStmt(const SwitchStmt *sw);
  // The steps of emit().
  bool prepareResult(bool &returnsVoid, bool &lazyResult);
  std::string functionScope(const std::string &scopeName);
  std::string promotedParams(std::string &out);
  std::string returnSlots(bool returnsVoid, bool lazyResult,
                          const CompoundStmt *bodyStmt);
  std::string outParamsAtEnd(const CompoundStmt *bodyStmt);
  void checkAfterEmit();
  bool directlyInSwitch(const Stmt *s);
  std::optional<std::string> stagedListDecl(const DeclStmt *ds,
                                            bool single = false,
                                            std::string *located = nullptr);
  std::string ifStmt(const IfStmt *s);
  std::string tryStmt(const CXXTryStmt *s);
  void checkTry(const CXXTryStmt *s);
  void checkTryHandler(const CXXTryStmt *s, const CXXCatchStmt *handler);
  std::string loopStmt(const Stmt *s);
  void loopVariables(const Stmt *s, llvm::ArrayRef<const Stmt *> parts,
                     llvm::SmallVectorImpl<const VarDecl *> &vars,
                     llvm::SmallVectorImpl<const VarDecl *> &dead);
  std::string loopIncrement(const Stmt *inc, llvm::ArrayRef<Flag> stops);
  std::string rangeForLoop(const CXXForRangeStmt *r, std::string out,
                           std::string bodyText, const std::string &varsText,
                           llvm::ArrayRef<Flag> stops, unsigned reason,
                           SourceRange range);
  std::string whileLoop(const Stmt *s, const Expr *cond,
                        const std::string &bodyText,
                        const std::string &varsText, llvm::ArrayRef<Flag> stops,
                        SourceRange range);
  std::string hostLoop(const Stmt *s);
  std::string loopVarText(const CXXForRangeStmt *loop);
  std::string rangeInitText(const CXXForRangeStmt *loop);
  std::string returnStmt(const ReturnStmt *s);
  std::string keepOutParams(SourceRange at);
  std::string bindVariables(SourceLocation point);
  std::optional<std::string> effect(const Expr *e);
  std::optional<std::string> assertEffect(const Expr *e);
  std::optional<std::string> coutEffect(const Expr *e,
                                        const CXXOperatorCallExpr *op);
  std::optional<std::string> whatPrintEffect(const Expr *e, const WhatPrint &p);
  std::optional<std::string> printCallEffect(const Expr *e,
                                             const CallExpr *call);
  std::optional<std::string> itemValue(const Expr *arg);
  /// The print_ statements of a std::cout chain: the formatted operands
  /// not yet printed, and the text so far.
  struct CoutText {
    std::string where, out;
    llvm::SmallVector<std::string, 4> args;
    void flush() {
      if (!args.empty())
        out +=
            "::ag::print_(" + where + ", {" + llvm::join(args, ", ") + "});\n";
      args.clear();
    }
  };
  void coutPiece(const Expr *piece, CoutText &text);

  template <typename Fn> std::string inLambda(Fn emit) {
    ++lambdaDepth;
    std::string text = emit();
    --lambdaDepth;
    return text;
  }

  // --- variables and flags ------------------------------------------------
  std::string flagName(const Flag &flag) const;
  std::string notFlags(llvm::ArrayRef<Flag> flags) const;
  std::string varList(llvm::ArrayRef<const VarDecl *> vars,
                      llvm::ArrayRef<Flag> flags,
                      llvm::ArrayRef<const VarDecl *> dead = {},
                      llvm::ArrayRef<std::string> members = {}) const;
  /// The ag::Tensor members of `this` that `parts` assign, directly or
  /// through calls of the object's own methods, spelled from `this`.
  llvm::SmallVector<std::string, 4>
  membersAssignedIn(llvm::ArrayRef<const Stmt *> parts) const;
  void checkHostWrites(llvm::ArrayRef<const Stmt *> parts,
                       const Stmt *construct, llvm::StringRef what,
                       unsigned reason);
  void checkHostCondition(const Expr *cond, llvm::StringRef what);
  void checkConditionalEffects(const Expr *operand, unsigned kind);
  bool mergedVariable(const clang::ValueDecl *d) const;
  std::string conditionalVars(llvm::ArrayRef<const clang::Stmt *> parts);
  void checkDefined(const Stmt *construct, llvm::ArrayRef<const Stmt *> parts,
                    const VarDecl *var, llvm::StringRef what);
  void noteCarried(llvm::ArrayRef<const VarDecl *> vars, const Stmt *construct,
                   unsigned kind);
  void checkEscapes();
  void checkLambdaWrites(const LambdaExpr *lambda);
  llvm::SmallVector<const DeclRefExpr *, 2>
  lambdaHostWrites(const VarDecl *closure) const;
  void checkStagedLists();
  void checkElementTargets();
  void checkMutableGlobals();
  void reportStagedListUse(const VarDecl *var, SourceLocation where,
                           SourceRange range, unsigned kind);
  void validate();

  ASTContext &ctx;
  const SourceManager &sm;
  const LangOptions &lang;
  const FunctionDecl *fd;
  const TwinNames &names;
  Diagnostics &diags;
  FunctionAnalysis analysis;
  llvm::DenseMap<const Stmt *, bool> rewriteCache;
  llvm::DenseMap<const Stmt *, std::string> breakFlags, continueFlags;
  llvm::DenseMap<const VarDecl *, std::pair<const Stmt *, unsigned>> carried;
  /// Staged lists whose declaration was emitted as an ag::TensorList.
  llvm::DenseSet<const VarDecl *> declaredLists;
  /// Modifications inside staged &&/||/?: operands already reported.
  llvm::DenseSet<const Stmt *> reportedEffects;
  /// Every staged list, in order of declaration.
  llvm::SmallVector<const VarDecl *, 2> listDecls;
  /// Out-parameters (non-const ag::Tensor& parameters the function assigns)
  /// of a function with lowered returns: each keeps its value at every
  /// return in a slot `ag_retval_<name>`, written back at the end, since a
  /// path that returned no longer carries its variables (a merge after it
  /// takes the other path's values).
  llvm::SmallVector<const ParmVarDecl *, 2> outSlots;
  /// A composite result (std::pair/std::tuple, aggregate struct) of a
  /// function with lowered returns: one return slot `ag_retval[part]` per
  /// tensor of it, reached in `ag_retval` of type `resultType`
  /// (resultSlots). Empty: the result is one slot.
  std::vector<ResultSlot> resultParts;
  std::string resultType;
  unsigned nextFlag = 1;
  /// How many staging lambdas enclose the code being emitted.
  unsigned lambdaDepth = 0;
  /// The prints (std::cout chains, printf, puts) emitted as staged effects;
  /// any other one is reported (see checkPrints).
  llvm::DenseSet<const Expr *> handledPrints;
  bool failed = false;
  std::string localPrefix = "ag_";

public:
  /// False when the twin was declared before (its defaults are there).
  bool withDefaults = true;
  /// The staged twin (setStagedParameters): number parameters are
  /// ::ag::Tensor.
  bool stagedTwin = false;
  /// Emit the `if (tracing())` block of a method or function template (see
  /// hasInPlaceTwin) instead of a function.
  bool inPlace = false;

private:
  std::string partOfResult(const ResultSlot &part) const;
  void checkDependent();
  void checkMemberWrites();
  std::string selfMembers();
  std::optional<std::string> macroStatement(const Stmt *s);
};

} // namespace

//===----------------------------------------------------------------------===//
// Source text
//===----------------------------------------------------------------------===//

CharSourceRange TwinEmitter::fileRange(SourceRange range) const {
  return Lexer::makeFileCharRange(CharSourceRange::getTokenRange(range), sm,
                                  lang);
}

Range TwinEmitter::offsets(SourceRange range) const {
  CharSourceRange file = fileRange(range);
  Range r;
  if (file.isInvalid() || !sm.isWrittenInMainFile(file.getBegin()))
    return r;
  r.begin = sm.getFileOffset(file.getBegin());
  r.end = sm.getFileOffset(file.getEnd());
  r.valid = r.begin <= r.end;
  return r;
}

std::string TwinEmitter::sourceText(SourceRange range) {
  CharSourceRange file = fileRange(range);
  if (file.isInvalid()) {
    // Part of a macro's body: there is no source text to copy.
    diags.report(range.getBegin(), Diag::InMacro) << range;
    failed = true;
    return "";
  }
  return Lexer::getSourceText(file, sm, lang).str();
}

std::string TwinEmitter::loc(SourceRange range, llvm::StringRef name) const {
  CharSourceRange file = fileRange(range);
  SourceLocation begin =
      file.isValid() ? file.getBegin() : sm.getExpansionLoc(range.getBegin());
  PresumedLoc b = sm.getPresumedLoc(begin);
  std::string out =
      "{" + std::to_string(b.getLine()) + ", " + std::to_string(b.getColumn());
  if (file.isValid() && file.getEnd() != file.getBegin()) {
    PresumedLoc e = sm.getPresumedLoc(file.getEnd().getLocWithOffset(-1));
    out += ", " + std::to_string(e.getLine()) + ", " +
           std::to_string(e.getColumn());
  } else if (!name.empty()) {
    out += ", 0, 0";
  }
  if (!name.empty())
    out += ", " + quote(name);
  return out + "}";
}

std::string TwinEmitter::at(SourceRange range, llvm::StringRef name) const {
  statementRange = offsets(range);
  return "::ag::at(" + loc(range, name) + ");\n";
}

/// `e` of a host loop's header (evaluated again at each iteration, after
/// the body's statements moved the location on), located at itself when
/// it records ops: `(::ag::at(...), e)`.
std::string TwinEmitter::locatedHeader(const Expr *e) {
  if (!e || !recordsOps(e))
    return e ? expr(e) : "";
  statementRange = offsets(e->getSourceRange());
  std::string where = "::ag::at(" + loc(e->getSourceRange(), "") + ")";
  return "(" + where + ", " + expr(e) + ")";
}

//===----------------------------------------------------------------------===//
// Expressions
//===----------------------------------------------------------------------===//

static bool isNamed(const NamedDecl *d, llvm::StringRef qualified) {
  return d && d->getQualifiedNameAsString() == qualified;
}

static bool isStagedLogical(const Stmt *s) {
  const auto *bo = dyn_cast<BinaryOperator>(s);
  return bo && bo->isLogicalOp() &&
         (isStagedCondition(bo->getLHS()) || isStagedCondition(bo->getRHS()));
}

static const FunctionDecl *convertedCallee(const Stmt *s) {
  const auto *call = dyn_cast<CallExpr>(s);
  if (!call || isa<CXXMemberCallExpr, CXXOperatorCallExpr>(call))
    return nullptr;
  const FunctionDecl *callee = call->getDirectCallee();
  return callee && isAnnotated(callee) ? callee : nullptr;
}

bool TwinEmitter::isSpecial(const Stmt *s) {
  if (const auto *co = dyn_cast<ConditionalOperator>(s))
    return isStagedCondition(co->getCond());
  if (isa<CXXMemberCallExpr>(s) && tensorConvertedToBool(cast<Expr>(s)))
    return true;
  if (const auto *e = dyn_cast<Expr>(s);
      e && (needsNodeRewrite(e) || stagedElementVector(e) || listElement(e)))
    return true;
  return isStagedLogical(s) || convertedCallee(s);
}

/// A nonzero number literal (possibly converted to ag::Tensor): dividing by
/// it cannot fail.
static bool isNonzeroLiteral(const Expr *e) {
  e = e->IgnoreImplicit()->IgnoreParens();
  if (const auto *construct = dyn_cast<CXXConstructExpr>(e);
      construct && construct->getNumArgs() == 1)
    e = construct->getArg(0)->IgnoreImplicit()->IgnoreParens();
  if (const auto *integer = dyn_cast<IntegerLiteral>(e))
    return integer->getValue() != 0;
  if (const auto *real = dyn_cast<FloatingLiteral>(e))
    return !real->getValue().isZero();
  return false;
}

bool TwinEmitter::mayFailWhenRun(const Stmt *s) {
  const auto *e = dyn_cast<Expr>(s);
  // A row read as a value (not assigned to) is an index like any other.
  if (!e ||
      !(isTensorType(e->getType()) ||
        (isTensorElementType(e->getType()) && !analysis.isModified(e))) ||
      !e->getBeginLoc().isFileID() || !e->getEndLoc().isFileID())
    return false;
  if (const auto *op = dyn_cast<CXXOperatorCallExpr>(e)) {
    if (op->getOperator() == OO_Subscript)
      return op->getNumArgs() == 2 && isTensorType(op->getArg(0)->getType());
    if (op->getOperator() == OO_Slash || op->getOperator() == OO_Percent)
      return op->getNumArgs() == 2 && !isNonzeroLiteral(op->getArg(1));
    return false;
  }
  // ag::stack of a staged list: empty at evaluation, or (with a declared
  // element type) of another type.
  if (const auto *call = dyn_cast<CallExpr>(e);
      call && call->getNumArgs() >= 1 &&
      isNamed(call->getDirectCallee(), "ag::stack"))
    if (const VarDecl *var = referencedVar(call->getArg(0)))
      return analysis.isStagedList(var);
  return false;
}

bool TwinEmitter::needsRewrite(const Stmt *s) {
  auto it = rewriteCache.find(s);
  if (it != rewriteCache.end())
    return it->second;
  bool result = isSpecial(s) || mayFailWhenRun(s);
  if (const auto *lambda = dyn_cast<LambdaExpr>(s)) {
    // A lambda is a separate function: staged control flow in it would
    // need its own twin. A generic one is checked in expr().
    result |= lambda->isGenericLambda();
    forEachDescendant(lambda->getBody(), [&](const Stmt *n) {
      if (const auto *ifs = dyn_cast<IfStmt>(n))
        result |= isStagedCondition(ifs->getCond());
      else if (const auto *w = dyn_cast<WhileStmt>(n))
        result |= isStagedCondition(w->getCond());
      else
        result |=
            (isSpecial(n) && !isa<CXXMemberCallExpr>(n)) || printStatement(n);
    });
  } else {
    for (const Stmt *child : s->children())
      if (child && needsRewrite(child)) {
        result = true;
        break;
      }
  }
  rewriteCache[s] = result;
  return result;
}

std::string TwinEmitter::splice(const Stmt *s, Range extraRange,
                                llvm::StringRef extraText) {
  Range whole = offsets(s->getSourceRange());
  if (!whole.valid) {
    if (needsRewrite(s)) {
      diags.report(s->getBeginLoc(), Diag::InMacro) << s->getSourceRange();
      failed = true;
    }
    return sourceText(s->getSourceRange());
  }
  llvm::SmallVector<SourcePiece, 4> pieces;
  if (extraRange.valid)
    pieces.push_back({extraRange, extraText.str()});
  if (!isa<LambdaExpr>(s))
    for (const Stmt *child : s->children()) {
      if (!child || !needsRewrite(child))
        continue;
      Range r = offsets(child->getSourceRange());
      if (!r.valid || r.begin < whole.begin || r.end > whole.end) {
        diags.report(child->getBeginLoc(), Diag::InMacro)
            << child->getSourceRange();
        failed = true;
        continue;
      }
      const auto *e = dyn_cast<Expr>(child);
      pieces.push_back({r, e ? expr(e) : stmt(child)});
    }
  return splicePieces(sm.getBufferData(sm.getMainFileID()), whole, pieces);
}

/// A generic lambda is copied from its pattern, where a condition over
/// `auto` parameters reads as a host one: staged in an instantiation, it
/// would fail while tracing. False (reported) if one is.
bool TwinEmitter::checkGenericLambda(const LambdaExpr *lambda) {
  if (const FunctionTemplateDecl *pattern =
          lambda->getCallOperator()->getDescribedFunctionTemplate())
    for (const FunctionDecl *spec : pattern->specializations()) {
      const Stmt *staged = nullptr;
      llvm::StringRef what;
      if (spec->getBody())
        forEachDescendant(spec->getBody(), [&](const Stmt *n) {
          const Expr *cond = nullptr;
          llvm::StringRef kind;
          if (const auto *co = dyn_cast<ConditionalOperator>(n)) {
            cond = co->getCond();
            kind = "'?:'";
          } else if (const auto *bo = dyn_cast<BinaryOperator>(n);
                     bo && bo->isLogicalOp()) {
            cond = bo->getLHS();
            kind = bo->getOpcode() == BO_LAnd ? "'&&'" : "'||'";
          } else if (const auto *ifs = dyn_cast<IfStmt>(n)) {
            cond = ifs->getCond();
            kind = "'if'";
          } else if (const auto *w = dyn_cast<WhileStmt>(n)) {
            cond = w->getCond();
            kind = "'while'";
          }
          if (!staged && cond && isStagedCondition(cond)) {
            staged = n;
            what = kind;
          }
        });
      if (staged) {
        diags.report(staged->getBeginLoc(), Diag::DependentCondition)
            << what << spec << staged->getSourceRange();
        failed = true;
        return false;
      }
    }
  return true;
}

/// A lambda: staged statements in it need the function-level rewrite, an
/// error; staged ?:, && and || are rewritten in place (lambdaBody), and a
/// call of a converted function runs its twin while tracing
/// (redirectToTwin).
std::string TwinEmitter::lambdaExpr(const LambdaExpr *lambda) {
  const Stmt *inner = nullptr;
  forEachDescendant(lambda->getBody(), [&](const Stmt *n) {
    bool staged = false;
    if (const auto *ifs = dyn_cast<IfStmt>(n))
      staged = isStagedCondition(ifs->getCond());
    else if (const auto *w = dyn_cast<WhileStmt>(n))
      staged = isStagedCondition(w->getCond());
    else if (const auto *f = dyn_cast<ForStmt>(n))
      staged = f->getCond() && isStagedCondition(f->getCond());
    else if (const auto *d = dyn_cast<DoStmt>(n))
      staged = isStagedCondition(d->getCond());
    else if (const auto *ex = dyn_cast<Expr>(n))
      staged = needsNodeRewrite(ex);
    if (!inner && staged)
      inner = n;
  });
  if (inner) {
    diags.report(inner->getBeginLoc(), Diag::InLambda);
    failed = true;
    return sourceText(lambda->getSourceRange());
  }
  if (!checkGenericLambda(lambda))
    return sourceText(lambda->getSourceRange());
  return lambdaBody(lambda);
}

/// `v[i]` of a std::vector<ag::Tensor> with a staged index `i`: the
/// element of the stacked vector; writing it is an error.
std::string TwinEmitter::vectorElement(const Expr *e, const Expr *vector,
                                       const Expr *index) {
  const VarDecl *var = referencedVar(vector);
  // A non-const reference bound to it could modify it later.
  const Stmt *user = analysis.parents().getParent(e);
  while (user && isa<ParenExpr, ImplicitCastExpr>(user))
    user = analysis.parents().getParent(user);
  bool aliased = false;
  if (const auto *ds = dyn_cast_or_null<DeclStmt>(user))
    for (const Decl *d : ds->decls())
      if (const auto *bound = dyn_cast<VarDecl>(d))
        aliased |= bound->getType()->isLValueReferenceType() &&
                   !bound->getType().getNonReferenceType().isConstQualified();
  if (aliased || analysis.isModified(e) ||
      (var && analysis.isStagedList(var))) {
    diags.report(e->getBeginLoc(), Diag::Unsupported)
        << (var && analysis.isStagedList(var)
                ? "indexing a list appended to under staged control flow "
                  "with a number known only when the graph runs (stack it "
                  "with ag::stack and index the tensor)"
                : "modifying (or binding a non-const reference to) an "
                  "element of a std::vector<ag::Tensor> chosen by a "
                  "number known only when the graph runs "
                  "(the twin reads the stacked elements; keep the values "
                  "in an ag::Tensor and assign its row)")
        << e->getSourceRange();
    failed = true;
    return sourceText(e->getSourceRange());
  }
  return "::ag::detail::element_(" + loc(e->getSourceRange()) + ", " +
         expr(vector) + ", " + expr(index) + ")";
}

/// A call of converted function `callee`: the twin (or its staged twin),
/// the original where it runs its in-place twin, or through the registry.
std::optional<std::string>
TwinEmitter::convertedCall(const Expr *e, const FunctionDecl *callee) {
  // The original runs its in-place twin while tracing.
  if (hasInPlaceTwin(callee))
    return splice(e);
  // An in-place twin has no room for forward declarations of twins.
  if ((inPlace || !names.contains(callee) ||
       callsTwinThroughRegistry(sm, fd, callee)) &&
      !isa<CXXMethodDecl>(callee))
    return crossFileCall(cast<CallExpr>(e), callee);
  // Call the twin: replace the callee's name, keep any qualifier.
  const Expr *calleeExpr = cast<CallExpr>(e)->getCallee()->IgnoreImplicit();
  if (const auto *ref = dyn_cast<DeclRefExpr>(calleeExpr)) {
    Range name = offsets(ref->getLocation());
    if (name.valid)
      return splice(e, name,
                    passesStagedNumber(cast<CallExpr>(e))
                        ? stagedTwinName(names, callee)
                        : names(callee));
  }
  diags.report(e->getBeginLoc(), Diag::Unsupported)
      << "this form of call to a converted function" << e->getSourceRange();
  failed = true;
  return std::nullopt;
}

std::string TwinEmitter::expr(const Expr *e) {
  if (!needsRewrite(e))
    return sourceText(e->getSourceRange());
  if ((isa<ConditionalOperator>(e) && isSpecial(e)) || isStagedLogical(e))
    if (e != asCondition)
      checkStagedValueUse(e);
  if (const auto *co = dyn_cast<ConditionalOperator>(e); co && isSpecial(co)) {
    if (analysis.isModified(co)) {
      diags.report(co->getBeginLoc(), Diag::ConditionalAssigned)
          << co->getSourceRange();
      failed = true;
    }
    checkConditionalEffects(co->getTrueExpr(), 2);
    checkConditionalEffects(co->getFalseExpr(), 2);
    return "::ag::cond_(" + loc(co->getSourceRange()) + ", " +
           conditionalVars({co->getTrueExpr(), co->getFalseExpr()}) +
           tensorLambda(condition(co->getCond())) + ", " +
           tensorLambda(expr(co->getTrueExpr())) + ", " +
           tensorLambda(expr(co->getFalseExpr())) + ")";
  }
  if (isStagedLogical(e)) {
    const auto *bo = cast<BinaryOperator>(e);
    checkConditionalEffects(bo->getRHS(), bo->getOpcode() == BO_LAnd ? 0 : 1);
    return std::string(bo->getOpcode() == BO_LAnd ? "::ag::and_("
                                                  : "::ag::or_(") +
           loc(bo->getSourceRange()) + ", " + conditionalVars({bo->getRHS()}) +
           tensorLambda(condition(bo->getLHS())) + ", " +
           tensorLambda(condition(bo->getRHS())) + ")";
  }
  if (isa<CXXMemberCallExpr>(e) && tensorConvertedToBool(e)) {
    diags.report(e->getBeginLoc(), Diag::StagedAsBool) << e->getSourceRange();
    failed = true;
    return sourceText(e->getSourceRange());
  }
  if (const auto *lambda = dyn_cast<LambdaExpr>(e))
    return lambdaExpr(lambda);
  if (std::optional<std::string> text = nodes().rewrite(e))
    return *text;
  const Expr *index = nullptr;
  bool back = false;
  if (const VarDecl *list = listElement(e, &index, &back))
    return "::ag::detail::" +
           std::string(back ? "listBack_(" : "listElement_(") +
           loc(e->getSourceRange()) + ", " + list->getNameAsString() +
           (back    ? ""
            : index ? ", ::ag::Tensor(" + expr(index) + ")"
                    : ", ::ag::Tensor(0)") +
           ")";
  if (const Expr *vector = stagedElementVector(e, &index))
    return vectorElement(e, vector, index);
  if (const FunctionDecl *callee = convertedCallee(e))
    if (std::optional<std::string> text = convertedCall(e, callee))
      return *text;
  // The statement's own range needs no narrowing.
  Range range = offsets(e->getSourceRange());
  if (mayFailWhenRun(e) &&
      (range.begin != statementRange.begin || range.end != statementRange.end))
    return "::ag::sub_(" + loc(e->getSourceRange()) + ", " + splice(e) + ")";
  return splice(e);
}

/// The name of `fd` from the global namespace: `f` or `::ns::f` (anonymous
/// and inline namespaces left out: lookup finds their members anyway).
std::string qualifiedName(const FunctionDecl *fd) {
  std::string out = fd->getNameAsString();
  bool global = true;
  for (const DeclContext *dc = fd->getDeclContext(); dc; dc = dc->getParent())
    if (const auto *ns = dyn_cast<NamespaceDecl>(dc);
        ns && !ns->isAnonymousNamespace() && !ns->isInline()) {
      out = ns->getNameAsString() + "::" + out;
      global = false;
    }
  return global ? out : "::" + out;
}

/// A call of a converted function defined in another file goes through the
/// registry: naming its twin would not link if that file is not converted,
/// callTwin says so at run time, at this call. So does one defined later in
/// another namespace of this file (see callsTwinThroughRegistry).
std::string originalPointer(ASTContext &ctx, const FunctionDecl *callee,
                            bool fromGlobal) {
  std::string name = qualifiedName(callee);
  if (fromGlobal && !llvm::StringRef(name).starts_with("::"))
    name = "::" + name;
  std::string function = "&" + name;
  if (hasOverloads(callee)) {
    // Picks the overload by its type, spelled from the global namespace
    // (the twin may be in another one). noexcept is left out: the cast
    // accepts a noexcept function, and callTwin calls the twin without it.
    auto spell = [&](QualType type) {
      return TypeName::getFullyQualifiedName(type.getCanonicalType(), ctx,
                                             ctx.getPrintingPolicy(),
                                             /*WithGlobalNsPrefix=*/true);
    };
    std::string params;
    for (const ParmVarDecl *param : callee->parameters())
      params += (params.empty() ? "" : ", ") + spell(param->getType());
    function = "static_cast<" + spell(callee->getReturnType()) + " (*)(" +
               params + ")>(" + function + ")";
  }
  return function;
}

NodeSpeller TwinEmitter::nodes() {
  return NodeSpeller{ctx,
                     [this](const Expr *e) { return expr(e); },
                     [this](SourceRange range, llvm::StringRef name) {
                       return loc(range, name);
                     },
                     [this](SourceRange range) { return sourceText(range); },
                     [this](llvm::StringRef name) { return local(name); },
                     [this](const CallExpr *call) { return nodeSite(call); }};
}

static bool isCaughtWhat(const Expr *e);

/// The host loop whose iterations run `e` again (its body, condition or
/// increment; not a staged loop, whose body is traced once), or null.
static const Stmt *hostLoopAround(const Expr *e, FunctionAnalysis &analysis) {
  const Stmt *child = e;
  for (const Stmt *p = analysis.parents().getParent(e); p;
       child = p, p = analysis.parents().getParent(p)) {
    if (!isLoop(p) || analysis.isStaged(p))
      continue;
    if (const auto *f = dyn_cast<ForStmt>(p); f && child != f->getBody() &&
                                              child != f->getCond() &&
                                              child != f->getInc())
      continue;
    if (const auto *f = dyn_cast<CXXForRangeStmt>(p);
        f && child != f->getBody())
      continue;
    return p;
  }
  return nullptr;
}

std::string TwinEmitter::nodeSite(const CallExpr *call) {
  const FunctionDecl *callee = nodeCallee(call);
  std::string loop = "{}";
  if (const Stmt *l = hostLoopAround(call, analysis)) {
    // The loop's header: `for (...)`, `while (...)`, `do`.
    SourceLocation end = l->getBeginLoc();
    if (const auto *f = dyn_cast<ForStmt>(l))
      end = f->getRParenLoc();
    else if (const auto *f = dyn_cast<CXXForRangeStmt>(l))
      end = f->getRParenLoc();
    else if (const auto *w = dyn_cast<WhileStmt>(l))
      end = w->getRParenLoc();
    loop = loc(SourceRange(l->getBeginLoc(), end), "");
  }
  // Each argument that may be captured as a host value (one of a host
  // type that is no graph value yet), named by its spelling.
  bool hostArgs = false;
  std::vector<std::string> args;
  for (unsigned i = 0; i < call->getNumArgs(); ++i) {
    const Expr *arg = call->getArg(i);
    QualType param =
        callee && i < callee->getNumParams()
            ? callee->getParamDecl(i)->getType().getNonReferenceType()
            : arg->getType();
    // The value passed, under a copy or a conversion to the parameter.
    const Expr *value = arg->IgnoreImplicit();
    while (const auto *construct = dyn_cast<CXXConstructExpr>(value)) {
      if (construct->getNumArgs() == 0 || isa<CXXTemporaryObjectExpr>(value) ||
          !llvm::all_of(
              llvm::drop_begin(construct->arguments()),
              [](const Expr *a) { return isa<CXXDefaultArgExpr>(a); }))
        break;
      value = construct->getArg(0)->IgnoreImplicit();
    }
    const auto *ref = dyn_cast<DeclRefExpr>(value->IgnoreParenImpCasts());
    const auto *var = ref ? dyn_cast<VarDecl>(ref->getDecl()) : nullptr;
    if (isa<CXXDefaultArgExpr>(arg) || param->isArithmeticType() ||
        isTensorType(param) || isLazyValue(arg) || isNodeValue(arg) ||
        isCaughtWhat(value) || (var && isFanOutVector(var))) {
      args.push_back("{}");
      continue;
    }
    CharSourceRange file = fileRange(arg->getSourceRange());
    std::string spelling =
        file.isValid() ? Lexer::getSourceText(file, sm, lang).str() : "";
    // One line, as a name in a message.
    std::replace(spelling.begin(), spelling.end(), '\n', ' ');
    args.push_back(loc(arg->getSourceRange(), spelling));
    hostArgs = true;
  }
  if (loop == "{}" && !hostArgs)
    return "";
  return "{" + loop + ", {" + llvm::join(args, ", ") + "}}";
}

std::string TwinEmitter::crossFileCall(const CallExpr *call,
                                       const FunctionDecl *callee) {
  std::string name = qualifiedName(callee);
  std::string function = originalPointer(ctx, callee);
  // A twin returning ::ag::Lazy<R> or numbers has not the original's type.
  std::string out =
      (returnsLazy(callee) || returnsNumbers(callee)
           ? "::ag::detail::callTwinAs<" + twinResultType(ctx, callee) + ">("
           : std::string("::ag::detail::callTwin(")) +
      function + ", " + quote(llvm::StringRef(name).ltrim(':'));
  for (const Expr *arg : call->arguments()) {
    if (isa<CXXDefaultArgExpr>(arg)) {
      // Its text is in the callee's declaration, maybe in another scope.
      diags.report(call->getBeginLoc(), Diag::CrossFileDefaultArg)
          << callee << call->getSourceRange();
      failed = true;
      break;
    }
    out += ", " + expr(arg);
  }
  return out + ")";
}

/// The text of a staged condition as an ag::Tensor expression.
std::string TwinEmitter::condition(const Expr *e) {
  if (const Expr *tensor = tensorConvertedToBool(e))
    return expr(tensor);
  const Expr *saved = asCondition;
  asCondition = e->IgnoreParens();
  std::string text = expr(e);
  asCondition = saved;
  return text;
}

/// A staged ?:, && or || is an ag::Tensor in the twin: it cannot go into a
/// host variable, parameter or result (`int k = a > 0 ? 1 : 2;`,
/// `bool b = a > 0 && c > 0;`, `auto`), nor bind a non-const reference
/// (`ag::Tensor &r = c ? x : y;`): report it here rather than let the twin
/// fail to compile (or fail later while tracing).
void TwinEmitter::checkStagedValueUse(const Expr *e) {
  ParentMap &pm = analysis.parents();
  // A row `t[i]` of a tensor variable is an ag::Tensor::Element: a tensor
  // value too (the twin's ?: of two rows is an ag::Tensor).
  auto isTensorValue = [](QualType type) {
    return isTensorType(type) || isTensorElementType(type);
  };
  const Stmt *child = e;
  const Stmt *p = pm.getParent(e);
  auto passThrough = [&](const Stmt *n) {
    if (isa<ParenExpr, ExprWithCleanups>(n))
      return true;
    // An operand of arithmetic: the whole expression is a staged number
    // (`(d < 0 ? -d : d) * 0.5`), whose own use decides.
    if (const auto *bo = dyn_cast<BinaryOperator>(n))
      return !bo->isAssignmentOp() && bo->getOpcode() != BO_Comma &&
             bo->getType()->isArithmeticType();
    if (const auto *uo = dyn_cast<UnaryOperator>(n))
      return llvm::is_contained({UO_LNot, UO_Minus, UO_Plus}, uo->getOpcode());
    const auto *cast = dyn_cast<ImplicitCastExpr>(n);
    return cast && !isTensorValue(cast->getType());
  };
  while (p && passThrough(p)) {
    child = p;
    p = pm.getParent(p);
  }
  if (!p)
    return;
  if (numberPartOfResult(child, p))
    return;
  QualType dest;
  unsigned use = 0;
  if (const auto *ds = dyn_cast<DeclStmt>(p)) {
    for (const Decl *d : ds->decls())
      if (const auto *var = dyn_cast<VarDecl>(d);
          var && var->getInit() == child) {
        // A range-for's `auto &&__range`: the staged loop iterates over
        // the value (for_each_ takes it), nothing binds to it.
        if (var->isImplicit() &&
            isTensorValue(var->getType().getNonReferenceType()))
          return;
        // A local holding a node result is an ag::Tensor in the twin.
        dest = isStagedLocal(var) ? QualType() : var->getType();
      }
  } else if (const auto *bo = dyn_cast<BinaryOperator>(p);
             bo && bo->isAssignmentOp() && bo->getRHS() == child) {
    dest = isStagedLocal(referencedVar(bo->getLHS())) ? QualType()
                                                      : bo->getLHS()->getType();
    use = 1;
  } else if (const auto *call = dyn_cast<CallExpr>(p);
             call && !isa<CXXOperatorCallExpr>(call)) {
    const FunctionDecl *callee = call->getDirectCallee();
    for (unsigned i = 0;
         callee && i < call->getNumArgs() && i < callee->getNumParams(); ++i)
      if (call->getArg(i) == child)
        dest = callee->getParamDecl(i)->getType();
    // A number parameter of a converted function: its staged twin takes it.
    if (callee && passesStagedNumber(call) && canCallStagedTwin(sm, fd, callee))
      for (unsigned i = 0; i < call->getNumArgs() && i < callee->getNumParams();
           ++i)
        if (call->getArg(i) == child &&
            isPromotableParam(callee->getParamDecl(i)))
          return;
    use = 2;
  } else if (isa<ReturnStmt>(p)) {
    // The result of the innermost function: the lambda's, in a lambda.
    dest = fd->getReturnType();
    bool inLambda = false;
    for (const Stmt *up = pm.getParent(p); up; up = pm.getParent(up))
      if (const auto *lambda = dyn_cast<LambdaExpr>(up)) {
        dest = lambda->getCallOperator()->getReturnType();
        inLambda = true;
        break;
      }
    // A number result is a 0-d tensor in the twin (returnsNumbers).
    bool number = false;
    if (!inLambda && returnsNumbers(fd, &number) && number)
      return;
    use = 3;
  } else if (const auto *user = dyn_cast<Expr>(p);
             user && !isTensorValue(user->getType()) &&
             !isTensorValue(cast<Expr>(child)->getType()) &&
             !isStagedLogical(user) && !isSpecial(user)) {
    dest = user->getType();
    use = 4;
  }
  if (dest.isNull() || dest->isDependentType())
    return;
  if (isTensorValue(dest) && !(dest->isLValueReferenceType() &&
                               !dest.getNonReferenceType().isConstQualified()))
    return;
  llvm::StringRef what = isa<ConditionalOperator>(e)
                             ? "?:"
                             : cast<BinaryOperator>(e)->getOpcodeStr();
  diags.report(e->getBeginLoc(), Diag::StagedValueInHost)
      << what << use << dest << e->getSourceRange();
  failed = true;
}

/// Is `child` (a number, below `p`) an element of the std::pair/std::tuple
/// that this function returns (`return {mean, n > 1 ? v : 0.0f};`,
/// `std::make_pair(...)`), whose twin holds its numbers as tensors
/// (returnsNumbers)?
bool TwinEmitter::numberPartOfResult(const Stmt *child, const Stmt *p) {
  ParentMap &pm = analysis.parents();
  bool number = false;
  if (inPlace || !returnsNumbers(fd, &number) || number || !isa<Expr>(child) ||
      !cast<Expr>(child)->getType()->isArithmeticType())
    return false;
  auto wrapper = [](const Stmt *n) {
    return isa<ParenExpr, MaterializeTemporaryExpr, CXXBindTemporaryExpr,
               ExprWithCleanups, ImplicitCastExpr, CXXFunctionalCastExpr>(n) ||
           (isa<CXXConstructExpr>(n) &&
            cast<CXXConstructExpr>(n)->getNumArgs() == 1);
  };
  while (p && isa<MaterializeTemporaryExpr, ImplicitCastExpr>(p))
    p = pm.getParent(p);
  const auto *call = dyn_cast_or_null<CallExpr>(p);
  const FunctionDecl *callee = call ? call->getDirectCallee() : nullptr;
  if (!p ||
      !(isa<InitListExpr, CXXConstructExpr>(p) ||
        (callee && callee->isInStdNamespace() && callee->getIdentifier() &&
         llvm::is_contained({"make_pair", "make_tuple"}, callee->getName()))))
    return false;
  const Stmt *up = pm.getParent(p);
  while (up && wrapper(up))
    up = pm.getParent(up);
  if (!up || !isa<ReturnStmt>(up))
    return false;
  // Not a lambda's return.
  for (const Stmt *outer = pm.getParent(up); outer; outer = pm.getParent(outer))
    if (isa<LambdaExpr>(outer))
      return false;
  return true;
}

/// Does statement `s` (outside nested statements) record staged ops?
bool TwinEmitter::recordsOps(const Stmt *s) {
  auto records = [&](const Stmt *n) {
    const auto *e = dyn_cast<Expr>(n);
    if (e && appendedStagedList(e))
      return true; // ag.list_push
    if (convertedCallee(n))
      return true; // its ops, and the call site of its scope
    if (e && needsNodeRewrite(e))
      return true; // a node, member_
    if (const auto *ds = dyn_cast<DeclStmt>(n);
        ds && ds->isSingleDecl() &&
        isa<DecompositionDecl>(ds->getSingleDecl()) &&
        isNodeValue(cast<DecompositionDecl>(ds->getSingleDecl())->getInit()))
      return true; // get_
    // In a template, a dependent expression may be a tensor op.
    if (e && e->isTypeDependent())
      return true;
    // t.item<T>(), t.dim(0)...: may fail while tracing (a staged tensor
    // has no value), at this statement.
    if (const auto *member = dyn_cast_or_null<CXXMemberCallExpr>(e);
        member && member->getImplicitObjectArgument() &&
        isTensorType(member->getImplicitObjectArgument()->getType()))
      return true;
    if (!e || !isTensorType(e->getType()))
      return false;
    if (const auto *call = dyn_cast<CXXOperatorCallExpr>(e))
      if (const auto *method =
              dyn_cast_or_null<CXXMethodDecl>(call->getDirectCallee()))
        return !method->isCopyAssignmentOperator() &&
               !method->isMoveAssignmentOperator();
    if (const auto *construct = dyn_cast<CXXConstructExpr>(e))
      return construct->getNumArgs() != 0 &&
             !construct->getConstructor()->isCopyOrMoveConstructor();
    return isa<CallExpr>(e);
  };
  bool found = records(s);
  forEachDescendant(s, [&](const Stmt *n) { found |= records(n); });
  return found;
}

/// `l[i]`, `l.at(i)`, `l.front()` or `l.back()` of a staged list `l`: the
/// list, and the index expression (null for front and back).
const VarDecl *TwinEmitter::listElement(const Expr *e, const Expr **index,
                                        bool *back) const {
  const Expr *object = nullptr, *at = nullptr;
  bool last = false;
  if (const auto *op = dyn_cast_or_null<CXXOperatorCallExpr>(e);
      op && op->getOperator() == OO_Subscript && op->getNumArgs() == 2)
    object = op->getArg(0), at = op->getArg(1);
  if (const auto *call = dyn_cast_or_null<CXXMemberCallExpr>(e)) {
    const CXXMethodDecl *method = call->getMethodDecl();
    llvm::StringRef name = method && method->getIdentifier()
                               ? method->getName()
                               : llvm::StringRef();
    if ((name == "at" && call->getNumArgs() == 1) ||
        (llvm::is_contained({"front", "back"}, name) &&
         call->getNumArgs() == 0)) {
      object = call->getImplicitObjectArgument();
      at = name == "at" ? call->getArg(0) : nullptr;
      last = name == "back";
    }
  }
  const VarDecl *var = object ? referencedVar(object) : nullptr;
  if (!var || !analysis.isStagedList(var))
    return nullptr;
  if (index)
    *index = at;
  if (back)
    *back = last;
  return var;
}

/// The staged list `e` appends to (`list.push_back(...)`), or null.
const VarDecl *TwinEmitter::appendedStagedList(const Expr *e) const {
  const VarDecl *var = appendedVar(e->IgnoreImplicit()->IgnoreParens());
  return var && analysis.isStagedList(var) ? var : nullptr;
}

//===----------------------------------------------------------------------===//
// Statements
//===----------------------------------------------------------------------===//

std::string TwinEmitter::body(const Stmt *s) {
  if (!s)
    return "";
  if (const auto *cs = dyn_cast<CompoundStmt>(s)) {
    llvm::SmallVector<const Stmt *, 8> children(cs->body());
    return sequence(children, cs);
  }
  return sequence({s}, s);
}

std::string TwinEmitter::block(const Stmt *s) { return "{\n" + body(s) + "}"; }

std::string TwinEmitter::sequence(llvm::ArrayRef<const Stmt *> stmts,
                                  const Stmt *region) {
  std::string out;
  for (size_t i = 0; i < stmts.size(); ++i) {
    out += stmt(stmts[i]);
    llvm::SmallVector<Flag, 2> flags = analysis.exitFlags(stmts[i]);
    if (flags.empty() || i + 1 == stmts.size())
      continue;
    // The rest only runs if no lowered jump left through stmts[i].
    llvm::ArrayRef<const Stmt *> rest = stmts.drop_front(i + 1);
    llvm::SmallVector<const VarDecl *, 4> vars, dead;
    for (const VarDecl *var : analysis.tensorsAssignedIn(rest))
      if (analysis.isStagedList(var) || analysis.liveAfter(rest.back(), var))
        vars.push_back(var);
      else
        dead.push_back(var);
    llvm::SmallVector<Flag, 2> assigned;
    for (const Stmt *s : rest)
      for (const Flag &flag : analysis.flagsAssignedIn(s, region))
        if (!llvm::is_contained(assigned, flag))
          assigned.push_back(flag);
    checkHostWrites(rest, stmts[i], "statement", 2);
    SourceRange range(rest.front()->getBeginLoc(), rest.back()->getEndLoc());
    // Its else is the path that returned (or left through a break or
    // continue): saying so lets the merge of its variables take the then
    // branch's values (the runtime's buildIf).
    bool onlyOne = flags.size() == 1 && !vars.empty();
    if (onlyOne && !llvm::is_contained(assigned, flags.front()))
      assigned.push_back(flags.front());
    std::string left = flagName(flags.front()) + " = true;\n";
    out += stagedIf(
        range, varList(vars, assigned, dead, membersAssignedIn(rest)),
        notFlags(flags), inLambda([&] { return sequence(rest, region); }),
        onlyOne ? &left : nullptr);
    break;
  }
  return out;
}

std::string TwinEmitter::flagName(const Flag &flag) const {
  switch (flag.kind) {
  case Flag::Break:
    return breakFlags.lookup(flag.loop);
  case Flag::Continue:
    return continueFlags.lookup(flag.loop);
  case Flag::Return:
    return local("do_return");
  }
  llvm_unreachable("unknown flag");
}

/// `::ag::at(range); ::ag::if_(range, vars, cond, [&] { then }[, [&] { else
/// }]);`. The condition is a value, computed after at() as the runtime used
/// to compute its lambda, and an empty else is left out: every lambda of a
/// twin costs a closure class and a FnRef constructor and thunk to compile
/// (docs/performance.md, "Compile cost of converted files").
std::string TwinEmitter::stagedIf(SourceRange range, const std::string &vars,
                                  const std::string &cond,
                                  const std::string &thenBody,
                                  const std::string *elseBody) const {
  std::string where = loc(range);
  return "::ag::at(" + where + ");\n::ag::if_(" + where + ", " + vars + ", " +
         cond + ", [&] {\n" + thenBody + "}" +
         (elseBody ? ", [&] {\n" + *elseBody + "}" : std::string()) + ");\n";
}

std::string TwinEmitter::notFlags(llvm::ArrayRef<Flag> flags) const {
  if (flags.size() == 1)
    return "!" + flagName(flags.front());
  std::string out = "!(";
  for (const Flag &flag : flags)
    out += (&flag == flags.begin() ? "" : " | ") + flagName(flag);
  return out + ")";
}

std::string TwinEmitter::varList(llvm::ArrayRef<const VarDecl *> vars,
                                 llvm::ArrayRef<Flag> flags,
                                 llvm::ArrayRef<const VarDecl *> dead,
                                 llvm::ArrayRef<std::string> members) const {
  llvm::SmallVector<std::string, 4> items;
  // A pair, tuple or struct of tensors is merged (carried) part by part,
  // each a variable named after its part (`best.second`).
  auto parts = [&](const VarDecl *var, bool live) {
    auto slots = compositeParts(var);
    if (!slots)
      return false;
    std::string name = var->getNameAsString();
    for (const ResultSlot &slot : *slots) {
      std::string access = slot.access;
      access.replace(access.find('@'), 1, name);
      std::string label =
          quote(name + (slot.part[0] == '[' ? "" : ".") + slot.part);
      items.push_back(live ? "{" + label + ", " + access + "}"
                           : "::ag::dead_(" + label + ", " + access + ")");
    }
    return true;
  };
  for (const VarDecl *var : vars)
    if (!parts(var, true))
      items.push_back("{\"" + var->getNameAsString() + "\", " +
                      var->getNameAsString() + "}");
  // The object's state outlives the method: always live after.
  for (const std::string &member : members)
    items.push_back("{" + quote(member) + ", this->" + member + "}");
  // Assigned but dead after the construct: still restored before each
  // region is traced (a sibling region must see the value from before).
  for (const VarDecl *var : dead)
    if (!parts(var, false))
      items.push_back("::ag::dead_(\"" + var->getNameAsString() + "\", " +
                      var->getNameAsString() +
                      (isStagedLocal(var) && !isTensorType(var->getType()) &&
                               !var->getType()->isArithmeticType()
                           ? ".handle()"
                           : "") +
                      ")");
  for (const Flag &flag : flags) {
    std::string name = flagName(flag);
    // The runtime knows the flags and the return slots by these names
    // (`ag_break_N`, whatever prefix the twin's locals have).
    std::string known = flag.kind == Flag::Return
                            ? std::string("ag_do_return")
                            : "ag_" + name.substr(localPrefix.size());
    items.push_back("{\"" + known + "\", " + name + "}");
    if (flag.kind == Flag::Return && !fd->getReturnType()->isVoidType() &&
        resultParts.empty())
      items.push_back("{\"ag_retval\", " + local("retval") + "}");
    if (flag.kind == Flag::Return)
      for (const ResultSlot &part : resultParts)
        items.push_back("{\"ag_retval[" + part.part + "]\", " +
                        partOfResult(part) + "}");
    if (flag.kind == Flag::Return)
      for (const ParmVarDecl *param : outSlots)
        items.push_back("{\"ag_retval." + param->getNameAsString() + "\", " +
                        local("retval_" + param->getNameAsString()) + "}");
  }
  return "{" + llvm::join(items, ", ") + "}";
}

/// A host statement spelled by a macro (`#define CHECK(x) if (x) return 0`)
/// has no text of its own in the file to rebuild it from: copy the macro
/// invocation as written, when it stages nothing (all it would need is an
/// ::ag::at, which then covers the invocation). One that stages is
/// reported by the rebuilding path (Diag::InMacro).
std::optional<std::string> TwinEmitter::macroStatement(const Stmt *s) {
  if (!isa<IfStmt, ReturnStmt, CompoundStmt, SwitchStmt>(s) && !isLoop(s))
    return std::nullopt;
  if (!s->getBeginLoc().isMacroID() && !s->getEndLoc().isMacroID())
    return std::nullopt;
  // The whole invocation, also when the statement ends inside an argument
  // (`#define REPEAT(n, s) for (...) s`, used as `REPEAT(3, x += 1;);`),
  // provided no other statement of its block comes from that invocation.
  CharSourceRange file = fileRange(s->getSourceRange());
  SourceLocation begin = s->getBeginLoc();
  if (file.isInvalid() && begin.isMacroID() &&
      Lexer::isAtStartOfMacroExpansion(begin, sm, lang)) {
    SourceRange invocation = sm.getExpansionRange(begin).getAsRange();
    auto inInvocation = [&](SourceLocation loc) {
      return loc.isMacroID() &&
             sm.getExpansionRange(loc).getAsRange() == invocation;
    };
    const auto *parent =
        dyn_cast_or_null<CompoundStmt>(analysis.parents().getParent(s));
    if (inInvocation(s->getEndLoc()) && parent &&
        llvm::none_of(parent->body(), [&](const Stmt *other) {
          return other != s && (inInvocation(other->getBeginLoc()) ||
                                inInvocation(other->getEndLoc()));
        }))
      file = sm.getExpansionRange(begin);
  }
  if (file.isInvalid() || !sm.isWrittenInMainFile(file.getBegin()))
    return std::nullopt;
  auto inAssert = [&](SourceLocation loc) {
    for (; loc.isMacroID(); loc = sm.getImmediateMacroCallerLoc(loc))
      if (Lexer::getImmediateMacroName(loc, sm, lang) == "assert")
        return true;
    return false;
  };
  auto stages = [&](const Stmt *n) {
    if (const auto *ifs = dyn_cast<IfStmt>(n); ifs && analysis.isStagedIf(ifs))
      return true;
    if (isLoop(n) && analysis.isStaged(n))
      return true;
    if (isa<LambdaExpr>(n))
      return needsRewrite(n);
    return analysis.isLowered(n) || isSpecial(n) || printStatement(n) ||
           inAssert(n->getBeginLoc());
  };
  bool staged = stages(s);
  forEachDescendant(s, [&](const Stmt *n) { staged = staged || stages(n); });
  if (staged)
    return std::nullopt;
  std::string out;
  if (recordsOps(s))
    out += at(SourceRange(sm.getExpansionRange(s->getBeginLoc()).getBegin(),
                          sm.getExpansionRange(s->getEndLoc()).getEnd()),
              "");
  // The statement's `;` follows the invocation; an extra one is harmless.
  return out + Lexer::getSourceText(file, sm, lang).str() + ";\n";
}

/// `break`/`continue`: as written in a host loop, else a flag of the
/// staged loop it leaves.
std::string TwinEmitter::jumpStmt(const Stmt *s) {
  if (!analysis.isLowered(s))
    return isa<BreakStmt>(s) ? "break;\n" : "continue;\n";
  const Stmt *target = analysis.jumpTarget(s);
  if (!target || !isLoop(target)) {
    diags.report(s->getBeginLoc(), Diag::SwitchBody)
        << (isa<BreakStmt>(s) ? "break" : "continue") << s->getSourceRange();
    failed = true;
    return "";
  }
  return flagName({isa<BreakStmt>(s) ? Flag::Break : Flag::Continue, target}) +
         " = true;\n";
}

std::string TwinEmitter::declStmt(const DeclStmt *ds) {
  // Located and named like an assignment: its ag.list_new is the list's
  // first value (fetchable by name, never mistaken for the last variable).
  if (std::optional<std::string> list = stagedListDecl(ds))
    return *list + (ds->isSingleDecl() ? "\n" : "");
  std::string out;
  const auto *var =
      ds->isSingleDecl() ? dyn_cast<VarDecl>(ds->getSingleDecl()) : nullptr;
  // Node results: ::ag::Lazy<T> locals, get_ of a structured binding.
  if (std::optional<std::string> lazy = nodes().declaration(ds, nextParts)) {
    if (recordsOps(ds))
      out += var && var->getInit() && !isa<DecompositionDecl>(var)
                 ? at(var->getInit()->getSourceRange(), var->getName())
                 : at(ds->getSourceRange(), "");
    return out + *lazy;
  }
  if (recordsOps(ds) && var && var->getInit())
    out += at(var->getInit()->getSourceRange(), var->getName());
  else if (recordsOps(ds))
    out += at(ds->getSourceRange(), "");
  return out + splice(ds) + "\n";
}

/// A switch on a host value: rebuilt, with what its statements need
/// rewritten. Staged `if`s and loops in its cases are emitted like anywhere
/// else (each is one call that stays inside its case); a jump lowered to a
/// flag that leaves the switch (a `break` of it, a `continue` or `break` of
/// an enclosing loop, a `return`) is an error: the rest of the switch would
/// have to be guarded, and that rest spans its case labels.
std::string TwinEmitter::switchStmt(const SwitchStmt *sw) {
  bool stagedValue = false;
  forEachDescendant(sw->getCond(), [&](const Stmt *n) {
    if (const auto *e = dyn_cast<Expr>(n))
      stagedValue |= isTensorType(e->getType());
  });
  if (stagedValue) {
    diags.report(sw->getBeginLoc(), Diag::SwitchStaged)
        << sw->getCond()->getSourceRange();
    failed = true;
    return "";
  }
  const Stmt *inner = nullptr;
  forEachDescendant(sw->getBody(), [&](const Stmt *n) {
    if (inner || !analysis.isLowered(n))
      return;
    const Stmt *target = analysis.jumpTarget(n);
    if (!target || !analysis.isWithin(target, sw->getBody()))
      inner = n;
  });
  if (inner) {
    diags.report(inner->getBeginLoc(), Diag::SwitchBody)
        << (isa<ReturnStmt>(inner)  ? "return"
            : isa<BreakStmt>(inner) ? "break"
                                    : "continue");
    failed = true;
    return "";
  }
  // Rebuilt rather than copied: its statements may print (staged effects)
  // or call converted functions.
  std::string head;
  // What the header records (or fails on while tracing) is located at it.
  if ((sw->getInit() && recordsOps(sw->getInit())) ||
      (sw->getConditionVariableDeclStmt() &&
       recordsOps(sw->getConditionVariableDeclStmt())) ||
      recordsOps(sw->getCond()))
    head = at(SourceRange(sw->getLParenLoc(), sw->getRParenLoc()), "");
  head += "switch (";
  if (sw->getInit() || sw->getConditionVariable())
    head += Lexer::getSourceText(
                CharSourceRange::getCharRange(
                    sw->getLParenLoc().getLocWithOffset(1), sw->getRParenLoc()),
                sm, lang)
                .str();
  else
    head += expr(sw->getCond());
  return head + ") " + block(sw->getBody()) + "\n";
}

/// Whether `s` is a statement of a switch's body itself (possibly under
/// its case labels), where a declaration is in scope of the later labels.
bool TwinEmitter::directlyInSwitch(const Stmt *s) {
  const Stmt *p = analysis.parents().getParent(s);
  while (isa_and_nonnull<SwitchCase, AttributedStmt>(p))
    p = analysis.parents().getParent(p);
  if (isa_and_nonnull<CompoundStmt>(p))
    p = analysis.parents().getParent(p);
  return isa_and_nonnull<SwitchStmt>(p);
}

std::string TwinEmitter::stmt(const Stmt *s) {
  if (std::optional<std::string> copied = macroStatement(s))
    return *copied;
  if (const auto *cs = dyn_cast<CompoundStmt>(s))
    return block(cs) + "\n";
  if (const auto *ifs = dyn_cast<IfStmt>(s))
    return ifStmt(ifs);
  if (const auto *ts = dyn_cast<CXXTryStmt>(s))
    return tryStmt(ts);
  if (isLoop(s)) {
    if (!analysis.isStaged(s))
      return hostLoop(s);
    // A staged loop may declare flags before it: in a switch's body, where
    // a later case label must not jump past them, it gets a scope.
    return directlyInSwitch(s) ? "{\n" + loopStmt(s) + "}\n" : loopStmt(s);
  }
  if (const auto *ret = dyn_cast<ReturnStmt>(s))
    return returnStmt(ret);
  if (isa<BreakStmt, ContinueStmt>(s))
    return jumpStmt(s);
  if (isa<NullStmt>(s))
    return ";\n";
  if (const auto *ds = dyn_cast<DeclStmt>(s))
    return declStmt(ds);
  if (const auto *e = dyn_cast<Expr>(s))
    return exprStmt(e);
  if (const auto *sw = dyn_cast<SwitchStmt>(s))
    return switchStmt(sw);
  if (const auto *label = dyn_cast<CaseStmt>(s)) {
    std::string out = "case " + sourceText(label->getLHS()->getSourceRange());
    if (label->getRHS())
      out += " ... " + sourceText(label->getRHS()->getSourceRange());
    return out + ":\n" + stmt(label->getSubStmt());
  }
  if (const auto *label = dyn_cast<DefaultStmt>(s))
    return "default:\n" + stmt(label->getSubStmt());
  if (const auto *attributed = dyn_cast<AttributedStmt>(s)) {
    // [[fallthrough]] stays (without it a case falling through warns, an
    // error under -Werror); [[likely]] and the like may not fit the
    // rewritten statement and change no meaning.
    bool fallthrough = llvm::any_of(attributed->getAttrs(), [](const Attr *a) {
      return isa<FallThroughAttr>(a);
    });
    return (fallthrough ? "[[fallthrough]] " : "") +
           stmt(attributed->getSubStmt());
  }
  diags.report(s->getBeginLoc(), Diag::Unsupported)
      << (std::string("statement '") + s->getStmtClassName() + "'")
      << s->getSourceRange();
  failed = true;
  return "";
}

/// The variable an expression statement assigns (or the staged list it
/// appends to), for op names.
llvm::StringRef TwinEmitter::assignedName(const Expr *e) const {
  if (const VarDecl *list = appendedStagedList(e))
    return list->getName();
  e = e->IgnoreImplicit()->IgnoreParens();
  const Expr *target = nullptr;
  if (const auto *op = dyn_cast<CXXOperatorCallExpr>(e)) {
    if (op->isAssignmentOp() || op->getOperator() == OO_PlusPlus ||
        op->getOperator() == OO_MinusMinus)
      target = op->getArg(0);
  } else if (const auto *bo = dyn_cast<BinaryOperator>(e)) {
    if (bo->isAssignmentOp())
      target = bo->getLHS();
  }
  // `t[i][j] = v` assigns `t`.
  while (target && isTensorElementType(target->getType()))
    if (const auto *sub = dyn_cast<CXXOperatorCallExpr>(
            target->IgnoreImplicit()->IgnoreParens());
        sub && sub->getOperator() == OO_Subscript)
      target = sub->getArg(0);
    else
      break;
  const VarDecl *var = referencedVar(target);
  return var ? var->getName() : "";
}

std::string TwinEmitter::exprStmt(const Expr *e) {
  std::string out;
  // `throw E(...);`: C++'s throw where it is on every path, an evaluation
  // error carrying E's message where it is staged (ag::detail::throw_).
  if (const auto *thr = dyn_cast<CXXThrowExpr>(e->IgnoreImplicit());
      thr && thr->getSubExpr()) {
    QualType type = thr->getSubExpr()->getType().getUnqualifiedType();
    out += at(e->getSourceRange(), "") + "::ag::detail::throw_(" +
           loc(e->getSourceRange(), "") + ", " +
           quote(type.getAsString(ctx.getPrintingPolicy())) + ", " +
           expr(thr->getSubExpr()) + ");\n";
    return out;
  }
  if (recordsOps(e))
    out += at(e->getSourceRange(), assignedName(e));
  // A print's arguments run before its op records its own location: one
  // that fails while tracing (`(long)t.item<long>()`) is at this statement.
  if (std::optional<std::string> effectText = effect(e))
    return out + *effectText;
  return out + expr(e) + ";\n";
}

/// The declaration of a staged list becomes an empty ag::TensorList (its
/// initializer is checked by checkStagedLists), preceded by an ag::at naming
/// it like an assignment: its ag.list_new is the list's first value
/// (fetchable by name, never mistaken for the variable before it). Other
/// declarators of the statement (`std::vector<ag::Tensor> parts, scratch;`)
/// keep the type as written. Null for declarations without a staged list;
/// `single` asks for one declaration (a for-init), returned without its
/// ag::at in `located`.
std::optional<std::string> TwinEmitter::stagedListDecl(const DeclStmt *ds,
                                                       bool single,
                                                       std::string *located) {
  llvm::SmallVector<const VarDecl *, 2> vars;
  bool anyList = false;
  for (const Decl *d : ds->decls()) {
    const auto *var = dyn_cast<VarDecl>(d);
    vars.push_back(var);
    anyList |= var && analysis.isStagedList(var);
  }
  if (!anyList)
    return std::nullopt;
  auto declare = [&](const VarDecl *var) {
    declaredLists.insert(var);
    std::string name = var->getNameAsString();
    std::string where =
        at(ds->isSingleDecl() ? ds->getSourceRange() : var->getSourceRange(),
           name);
    if (located)
      *located += where;
    return (located ? "" : where) + "::ag::TensorList " + name + ";";
  };
  if (ds->isSingleDecl())
    return declare(vars.front());
  // Several declarators share the written type: every one a plain
  // std::vector<ag::Tensor> without initializer (lists need none anyway).
  Range whole = offsets(ds->getSourceRange());
  bool plain = !single && whole.valid;
  for (const VarDecl *var : vars)
    plain &= var && var->getType() == vars.front()->getType() &&
             (analysis.isStagedList(var) || !var->hasInit() ||
              (isa<CXXConstructExpr>(var->getInit()->IgnoreImplicit()) &&
               cast<CXXConstructExpr>(var->getInit()->IgnoreImplicit())
                       ->getNumArgs() == 0));
  Range first = plain ? offsets(vars.front()->getLocation()) : Range();
  if (!plain || !first.valid) {
    for (const VarDecl *var : vars)
      if (var)
        declaredLists.insert(var);
    diags.report(ds->getBeginLoc(), Diag::Unsupported)
        << "declaring a staged list together with other variables this way"
        << ds->getSourceRange();
    failed = true;
    return "";
  }
  std::string type = sm.getBufferData(sm.getMainFileID())
                         .substr(whole.begin, first.begin - whole.begin)
                         .rtrim()
                         .str();
  std::string out;
  for (const VarDecl *var : vars)
    out += analysis.isStagedList(var)
               ? declare(var) + "\n"
               : type + " " + var->getNameAsString() + ";\n";
  return out;
}

std::string TwinEmitter::returnStmt(const ReturnStmt *s) {
  const Expr *value = s->getRetValue();
  bool slot =
      value && analysis.isLowered(s) && !fd->getReturnType()->isVoidType();
  std::string out;
  // Named after the return slot (it names no op): a merge error about the
  // returned value points at this statement.
  if (value && (slot || recordsOps(value)))
    out += at(value->getSourceRange(), slot ? "ag_retval" : "");
  // Each part's slot remembers this return too (for merge errors).
  if (slot)
    for (const ResultSlot &part : resultParts)
      out += at(value->getSourceRange(), "ag_retval[" + part.part + "]");
  std::string returned = value ? expr(value) : "";
  // A braced list of host values (`return {-1, 0.0};`) builds the host
  // result itself, which the twin's ::ag::Lazy<R> holds.
  if (value && !inPlace && returnsLazy(fd) && !isLazyValue(value) &&
      isa<InitListExpr>(value->IgnoreImplicit()))
    returned = spell(ctx, fd->getReturnType().getUnqualifiedType()) + returned;
  // A number is returned as a 0-d tensor of its type (returnsNumbers).
  bool number = false;
  if (value && !inPlace && returnsNumbers(fd, &number) && !number &&
      isLazyValue(value))
    // A node's std::pair of numbers, returned whole: its parts.
    returned = "::ag::detail::numberParts_(" +
               loc(value->getSourceRange(), "") + ", " + returned + ")";
  else if (value && !inPlace && number)
    returned = "::ag::detail::numberAs_<" +
               fd->getReturnType().getCanonicalType().getAsString(
                   ctx.getPrintingPolicy()) +
               ">(" + returned + ")";
  // A pair/tuple with numbers: each converted to its part's type, as
  // building the result converts it (a lowered return's parts are, below).
  if (value && !inPlace && returnsNumbers(fd, &number) && !number &&
      !analysis.isLowered(s))
    returned =
        "::ag::detail::partsAs_<" +
        fd->getReturnType().getCanonicalType().getUnqualifiedType().getAsString(
            ctx.getPrintingPolicy()) +
        ">([&]() -> " + twinResultType(ctx, fd) + " { return " + returned +
        "; }())";
  if (!analysis.isLowered(s))
    return out + bindVariables(s->getBeginLoc()) + "return" +
           (value ? " " + returned : "") + ";\n";
  // A composite is built as the return statement would build it (a braced
  // list, std::make_pair...), then assigned whole.
  if (value && !fd->getReturnType()->isVoidType() && !resultParts.empty()) {
    out += local("retval") + " = [&]() -> " + resultType + " { return " +
           returned + "; }();\n";
    // A number part has its C++ type on every path (as a whole number
    // result has, returnStmt above).
    for (const ResultSlot &part : resultParts)
      if (!part.number.empty())
        out += partOfResult(part) + " = ::ag::detail::numberAs_<" +
               part.number + ">(" + partOfResult(part) + ");\n";
  } else if (value && !fd->getReturnType()->isVoidType())
    out += local("retval") + " = " + returned + ";\n";
  return out + keepOutParams(s->getSourceRange()) + local("do_return") +
         " = true;\n";
}

/// The tensor of the result `part` names, in the twin's `ag_retval`.
std::string TwinEmitter::partOfResult(const ResultSlot &part) const {
  std::string out = part.access;
  size_t at = out.find('@');
  return out.replace(at, 1, local("retval"));
}

/// At a lowered return (or the end of the function), each out-parameter's
/// value goes to its slot.
std::string TwinEmitter::keepOutParams(SourceRange range) {
  std::string out;
  for (const ParmVarDecl *param : outSlots) {
    std::string name = param->getNameAsString();
    out += local("retval_" + name) + " = ::ag::detail::outAtReturn_(" +
           loc(range, name) + ", " + quote(name) + ", " + name + ", " +
           local("do_return") + ");\n";
  }
  return out;
}

/// What the function's tensor variables (and staged lists) in scope at
/// `point` hold there, for the graph's fetch names: a ::ag::detail::bind_
/// call, or nothing. Not inside a lambda of the user's: its return is not
/// the function's.
std::string TwinEmitter::bindVariables(SourceLocation point) {
  auto before = [&](SourceLocation a, SourceLocation b) {
    return sm.isBeforeInTranslationUnit(a, b);
  };
  bool inUserLambda = false;
  forEachDescendant(fd->getBody(), [&](const Stmt *n) {
    if (const auto *lambda = dyn_cast<LambdaExpr>(n))
      if (!before(point, lambda->getBeginLoc()) &&
          !before(lambda->getEndLoc(), point))
        inUserLambda = true;
  });
  if (inUserLambda)
    return "";
  // After a statement with a lowered `return`, the rest of the body is
  // emitted inside a guard's lambda: its declarations are not in scope at
  // the end of the twin.
  SourceLocation limit = point;
  if (analysis.hasLoweredReturn())
    for (const Stmt *top : cast<CompoundStmt>(fd->getBody())->body()) {
      bool lowered = false;
      forEachDescendant(top, [&](const Stmt *n) {
        lowered |= isa<ReturnStmt>(n) && analysis.isLowered(n);
      });
      if (lowered) {
        if (before(top->getEndLoc(), limit))
          limit = top->getEndLoc();
        break;
      }
    }
  llvm::SmallVector<std::string, 8> items;
  forEachDescendant(fd->getBody(), [&](const Stmt *n) {
    const auto *ds = dyn_cast<DeclStmt>(n);
    if (!ds || !before(ds->getEndLoc(), limit))
      return;
    // The variable's scope ends with the statement that holds its
    // declaration: the block, or the for/if/while/switch of its init.
    DynTypedNodeList parents = ctx.getParents(*ds);
    const Stmt *holder = parents.empty() ? nullptr : parents[0].get<Stmt>();
    if (!holder || before(holder->getEndLoc(), point))
      return;
    for (const Decl *d : ds->decls()) {
      const auto *var = dyn_cast<VarDecl>(d);
      if (!var || !var->hasLocalStorage() || var->getType()->isReferenceType())
        continue;
      // A lazy local of the user's type is a graph value too (fetched,
      // persisted by its name).
      bool tensor = isTensorType(var->getType()) || isStagedLocal(var);
      if (!tensor && !analysis.isStagedList(var))
        continue;
      std::string name = var->getNameAsString();
      items.push_back("{\"" + name + "\", " + name + "}");
    }
  });
  if (items.empty())
    return "";
  return "::ag::detail::bind_({" + llvm::join(items, ", ") + "});\n";
}

std::string TwinEmitter::ifStmt(const IfStmt *s) {
  if (!analysis.isStagedIf(s)) {
    checkHostCondition(s->getCond(), "'if'");
    // What the header records (or fails on while tracing) is located at it.
    std::string head;
    if ((s->getInit() && recordsOps(s->getInit())) ||
        (s->getConditionVariableDeclStmt() &&
         recordsOps(s->getConditionVariableDeclStmt())) ||
        recordsOps(s->getCond()))
      head = at(SourceRange(s->getLParenLoc(), s->getRParenLoc()), "");
    head += s->isConstexpr() ? "if constexpr (" : "if (";
    if (s->getInit() || s->getConditionVariable()) {
      // Keep the C++17 init-statement / condition variable as written.
      CharSourceRange chars = CharSourceRange::getCharRange(
          s->getLParenLoc().getLocWithOffset(1), s->getRParenLoc());
      head += Lexer::getSourceText(chars, sm, lang).str();
    } else {
      head += expr(s->getCond());
    }
    std::string out = head + ") " + block(s->getThen());
    if (const Stmt *elseStmt = s->getElse()) {
      if (!isa<IfStmt>(elseStmt)) {
        out += " else " + block(elseStmt) + "\n";
      } else {
        // A staged `else if` is two statements (at() and if_()).
        std::string elseIf = stmt(elseStmt);
        if (llvm::StringRef(elseIf).starts_with("::ag::at("))
          elseIf = "{\n" + elseIf + "}\n";
        out += " else " + elseIf;
      }
    } else {
      out += "\n";
    }
    return out;
  }
  if (s->getConditionVariable()) {
    diags.report(s->getConditionVariable()->getLocation(),
                 Diag::ConditionVariable)
        << "'if'";
    failed = true;
    return "";
  }
  const Stmt *parts[] = {s->getThen(), s->getElse()};
  llvm::SmallVector<const VarDecl *, 4> vars, dead;
  for (const VarDecl *var : analysis.tensorsAssignedIn(parts)) {
    // A staged list always has a value: listed whenever it is appended to.
    if (analysis.isStagedList(var)) {
      vars.push_back(var);
    } else if (analysis.liveAfter(s, var)) {
      vars.push_back(var);
      checkDefined(s, parts, var, "'if'");
    } else {
      dead.push_back(var);
    }
  }
  llvm::SmallVector<Flag, 2> flags;
  for (const Stmt *part : parts)
    if (part)
      for (const Flag &flag : analysis.flagsAssignedIn(part, s))
        if (!llvm::is_contained(flags, flag))
          flags.push_back(flag);
  checkHostWrites(parts, s, "'if'", 0);
  noteCarried(vars, s, 0);
  SourceRange range(s->getIfLoc(), s->getRParenLoc());
  std::string varsText = varList(vars, flags, dead, membersAssignedIn(parts));
  std::string cond = condition(s->getCond());
  std::string thenText = inLambda([&] { return body(s->getThen()); });
  std::string elseText =
      s->getElse() ? inLambda([&] { return body(s->getElse()); }) : "";
  std::string out = stagedIf(range, varsText, cond, thenText,
                             s->getElse() ? &elseText : nullptr);
  if (s->getInit())
    return "{\n" + stmt(s->getInit()) + out + "}\n";
  return out;
}

/// The declaration of a range-for variable, up to the ':' (its range would
/// include the range expression; a structured binding's ends at '[').
std::string TwinEmitter::loopVarText(const CXXForRangeStmt *loop) {
  // An element of a fan-out vector is a node result.
  if (const VarDecl *var = loop->getLoopVariable(); isStagedLocal(var))
    return twinTypeOf(ctx, var) + " " + var->getNameAsString();
  SourceLocation begin = loop->getLoopVariable()->getBeginLoc();
  CharSourceRange chars = Lexer::makeFileCharRange(
      CharSourceRange::getCharRange(begin, loop->getColonLoc()), sm, lang);
  if (chars.isInvalid()) {
    diags.report(begin, Diag::InMacro) << loop->getSourceRange();
    failed = true;
    return "";
  }
  return Lexer::getSourceText(chars, sm, lang).rtrim().str();
}

/// A C++20 range-for init-statement, with its ';', or "".
std::string TwinEmitter::rangeInitText(const CXXForRangeStmt *loop) {
  const Stmt *init = loop->getInit();
  if (!init)
    return "";
  if (const auto *e = dyn_cast<Expr>(init))
    return expr(e) + ";";
  return splice(init);
}

static bool isTrueLiteral(const Expr *e) {
  if (!e)
    return true;
  e = e->IgnoreParenImpCasts();
  if (const auto *b = dyn_cast<CXXBoolLiteralExpr>(e))
    return b->getValue();
  if (const auto *i = dyn_cast<IntegerLiteral>(e))
    return i->getValue() != 0;
  return false;
}

static const Expr *loopCondition(const Stmt *loop) {
  if (const auto *w = dyn_cast<WhileStmt>(loop))
    return w->getCond();
  if (const auto *d = dyn_cast<DoStmt>(loop))
    return d->getCond();
  if (const auto *f = dyn_cast<ForStmt>(loop))
    return f->getCond();
  return nullptr;
}

std::string TwinEmitter::hostLoop(const Stmt *s) {
  checkHostCondition(loopCondition(s), "loop");
  if (const auto *w = dyn_cast<WhileStmt>(s)) {
    if (w->getConditionVariable())
      return (recordsOps(w->getConditionVariableDeclStmt())
                  ? at(w->getConditionVariableDeclStmt()->getSourceRange(), "")
                  : "") +
             sourceText(w->getSourceRange()) + "\n";
    return "while (" + locatedHeader(w->getCond()) + ") " +
           block(w->getBody()) + "\n";
  }
  if (const auto *d = dyn_cast<DoStmt>(s)) {
    std::string body = block(d->getBody());
    return "do " + body + " while (" + locatedHeader(d->getCond()) + ");\n";
  }
  if (const auto *f = dyn_cast<ForStmt>(s)) {
    std::string init = ";", located;
    // The init-statement runs once, before the loop.
    if (f->getInit() && recordsOps(f->getInit()))
      located = at(f->getInit()->getSourceRange(), "");
    if (const Stmt *i = f->getInit()) {
      if (!isa<DeclStmt>(i))
        init = expr(cast<Expr>(i)) + ";";
      else if (std::optional<std::string> list =
                   stagedListDecl(cast<DeclStmt>(i), /*single=*/true, &located))
        init = *list;
      else
        init = splice(i);
    }
    std::string cond = locatedHeader(f->getCond());
    std::string inc = locatedHeader(f->getInc());
    return located + "for (" + init + " " + cond + "; " + inc + ") " +
           block(f->getBody()) + "\n";
  }
  const auto *r = cast<CXXForRangeStmt>(s);
  // The range is evaluated once, before the loop.
  std::string located = recordsOps(r->getRangeInit())
                            ? at(r->getRangeInit()->getSourceRange(), "")
                            : "";
  return located + "for (" + rangeInitText(r) + loopVarText(r) + " : " +
         expr(r->getRangeInit()) + ") " + block(r->getBody()) + "\n";
}

/// The tensors a staged loop `s` assigns in `parts`: those it carries
/// (read in a later iteration or after it, and staged lists) in `vars`, the
/// others in `dead`.
void TwinEmitter::loopVariables(const Stmt *s,
                                llvm::ArrayRef<const Stmt *> parts,
                                llvm::SmallVectorImpl<const VarDecl *> &vars,
                                llvm::SmallVectorImpl<const VarDecl *> &dead) {
  for (const VarDecl *var : analysis.tensorsAssignedIn(parts))
    if (analysis.isStagedList(var)) {
      vars.push_back(var);
    } else if (analysis.liveInLoop(s, var) || analysis.liveAfter(s, var)) {
      vars.push_back(var);
      if (analysis.liveAfter(s, var) && !analysis.definitelyAssigns(s, var))
        checkDefined(s, parts, var, "loop");
    } else {
      dead.push_back(var);
    }
}

/// A for loop's increment, skipped once a flag in `stops` is set.
std::string TwinEmitter::loopIncrement(const Stmt *inc,
                                       llvm::ArrayRef<Flag> stops) {
  std::string incText = (recordsOps(inc) ? at(inc->getSourceRange(),
                                              assignedName(cast<Expr>(inc)))
                                         : "") +
                        expr(cast<Expr>(inc)) + ";\n";
  if (stops.empty())
    return incText;
  llvm::SmallVector<const VarDecl *, 4> incVars;
  for (const VarDecl *var : analysis.tensorsAssignedIn({inc}))
    incVars.push_back(var);
  return stagedIf(inc->getSourceRange(), varList(incVars, {}), notFlags(stops),
                  incText, nullptr);
}

/// A range-for whose iterations are guarded by `stops`, after `out` (its
/// flags): unrolled over a host container, or `for_each_` over a tensor's
/// rows (reason 1).
std::string TwinEmitter::rangeForLoop(const CXXForRangeStmt *r, std::string out,
                                      std::string bodyText,
                                      const std::string &varsText,
                                      llvm::ArrayRef<Flag> stops,
                                      unsigned reason, SourceRange range) {
  // As for the rest of a block after a lowered return (sequence): the
  // else of an iteration guarded by the return flag alone is the path
  // that returned, and saying so lets the merge take the then branch's
  // values (nothing reads that path's variables any more).
  std::string returned = local("do_return") + " = true;\n";
  bool onlyReturn =
      stops.size() == 1 && stops[0].kind == Flag::Return && reason != 1;
  if (!stops.empty())
    bodyText =
        stagedIf(r->getBody()->getSourceRange(), varsText, notFlags(stops),
                 bodyText, onlyReturn ? &returned : nullptr);
  if (reason != 1) // a host container: unrolled, each iteration guarded
    return out + "for (" + rangeInitText(r) + loopVarText(r) + " : " +
           expr(r->getRangeInit()) + ") {\n" + bodyText + "}\n";
  const VarDecl *loopVar = r->getLoopVariable();
  QualType type = loopVar->getType();
  std::string param = loopVar->getNameAsString();
  if (!type->isReferenceType() ||
      !type.getNonReferenceType().isConstQualified()) {
    param = local("row_") + std::to_string(nextFlag++);
    bodyText = "::ag::Tensor " + loopVar->getNameAsString() + " = " + param +
               ";\n" + bodyText;
  }
  // A staged list's elements stacked (an empty one has no rows).
  std::string rows =
      analysis.overStagedList(r)
          ? "::ag::detail::listRows_(" +
                referencedVar(r->getRangeInit())->getNameAsString() + ")"
          : expr(r->getRangeInit());
  out += "::ag::for_each_(" + loc(range) + ", " + varsText + ", " + rows +
         ", [&](const ::ag::Tensor &" + param + ") {\n" + bodyText + "});\n";
  // A C++20 init-statement scopes to the loop.
  return r->getInit() ? "{\n" + stmt(r->getInit()) + out + "}\n" : out;
}

/// A staged while, do-while or for loop, stopped by `stops` too.
std::string TwinEmitter::whileLoop(const Stmt *s, const Expr *cond,
                                   const std::string &bodyText,
                                   const std::string &varsText,
                                   llvm::ArrayRef<Flag> stops,
                                   SourceRange range) {
  std::string condText;
  if (isTrueLiteral(cond))
    condText = stops.empty() ? "true" : notFlags(stops);
  else if (stops.empty())
    condText = condition(cond);
  else
    condText = "::ag::and_(" + loc(cond->getSourceRange()) + ", " +
               tensorLambda(notFlags(stops)) + ", " +
               tensorLambda(condition(cond)) + ")";
  if (isa<DoStmt>(s))
    return "::ag::do_while_(" + loc(range) + ", " + varsText + ", [&] {\n" +
           bodyText + "}, " + tensorLambda(condText) + ");\n";
  return "::ag::while_(" + loc(range) + ", " + varsText + ", " +
         tensorLambda(condText) + ", [&] {\n" + bodyText + "});\n";
}

std::string TwinEmitter::loopStmt(const Stmt *s) {
  const Stmt *loopBodyStmt = loopBody(s);
  const Expr *cond = loopCondition(s);
  const Stmt *inc = nullptr;
  const Stmt *init = nullptr;
  if (const auto *f = dyn_cast<ForStmt>(s)) {
    inc = f->getInc();
    init = f->getInit();
  }
  if (const auto *w = dyn_cast<WhileStmt>(s); w && w->getConditionVariable()) {
    diags.report(w->getConditionVariable()->getLocation(),
                 Diag::ConditionVariable)
        << "loop";
    failed = true;
    return "";
  }
  std::string breakFlag, continueFlag;
  if (analysis.needsBreakFlag(s))
    breakFlags[s] = breakFlag = local("break_") + std::to_string(nextFlag++);
  if (analysis.needsContinueFlag(s))
    continueFlags[s] = continueFlag =
        local("continue_") + std::to_string(nextFlag++);

  const Stmt *loopVarStmt = nullptr;
  if (const auto *range = dyn_cast<CXXForRangeStmt>(s))
    loopVarStmt = range->getLoopVarStmt();
  const Stmt *parts[] = {cond, loopBodyStmt, inc, loopVarStmt};
  llvm::SmallVector<const VarDecl *, 4> vars, dead;
  loopVariables(s, parts, vars, dead);
  llvm::SmallVector<Flag, 2> flags = analysis.flagsAssignedIn(loopBodyStmt, s);
  unsigned reason = analysis.stagedReason(s);
  checkHostWrites(parts, s, "loop", reason);
  noteCarried(vars, s, 1);

  // Flags that stop the loop: its own break, and an early return.
  llvm::SmallVector<Flag, 2> stops;
  if (!breakFlag.empty())
    stops.push_back({Flag::Break, s});
  if (llvm::any_of(flags, [](const Flag &f) { return f.kind == Flag::Return; }))
    stops.push_back({Flag::Return, nullptr});

  SourceLocation keyword = s->getBeginLoc();
  SourceRange range(keyword, cond ? cond->getEndLoc() : keyword);
  if (const auto *r = dyn_cast<CXXForRangeStmt>(s))
    range = SourceRange(keyword, r->getRParenLoc());

  std::string bodyText;
  if (!continueFlag.empty())
    bodyText += "::ag::Tensor " + continueFlag + " = false;\n";
  bodyText += inLambda([&] { return body(loopBodyStmt); });
  if (inc)
    bodyText += loopIncrement(inc, stops);

  std::string out;
  if (init)
    out += "{\n" + stmt(init);
  if (!breakFlag.empty())
    out += "::ag::Tensor " + breakFlag + " = false;\n";
  std::string varsText = varList(vars, flags, dead, membersAssignedIn(parts));
  if (const auto *r = dyn_cast<CXXForRangeStmt>(s))
    return rangeForLoop(r, out, bodyText, varsText, stops, reason, range);
  out += whileLoop(s, cond, bodyText, varsText, stops, range);
  if (init)
    out += "}\n";
  return out;
}

//===----------------------------------------------------------------------===//
// Effects: assert, std::cout <<, printf, ag::print
//===----------------------------------------------------------------------===//

/// What ag::PrintArg accepts: tensors, arithmetic values, C strings and
/// std::string.
static bool isPrintable(QualType type) {
  type = type.getNonReferenceType().getCanonicalType();
  if (isTensorType(type) || type->isArithmeticType())
    return true;
  if (const auto *array = type->getAsArrayTypeUnsafe())
    return array->getElementType()->isCharType();
  if (type->isPointerType())
    return type->getPointeeType()->isCharType();
  const auto *record = type->getAsCXXRecordDecl();
  return record && isNamed(record, "std::basic_string");
}

/// If `op` is the outermost `<<` of `stream << a << b ...` printing to a
/// named std::ostream (std::cout, std::cerr, or an `std::ostream &`
/// variable), that stream; its operands go to `pieces`. String streams and
/// files are host objects, not prints.
static const VarDecl *printStream(const CXXOperatorCallExpr *op,
                                  llvm::SmallVectorImpl<const Expr *> *pieces) {
  const Expr *cur = op;
  while (const auto *shift = dyn_cast<CXXOperatorCallExpr>(
             cur->IgnoreImplicit()->IgnoreParens())) {
    if (shift->getOperator() != OO_LessLess || shift->getNumArgs() != 2)
      break;
    if (pieces)
      pieces->insert(pieces->begin(), shift->getArg(1));
    cur = shift->getArg(0);
  }
  const VarDecl *stream = referencedVar(cur);
  if (!stream || cur == op)
    return nullptr;
  const auto *record =
      stream->getType().getNonReferenceType()->getAsCXXRecordDecl();
  if (!record || !isNamed(record, "std::basic_ostream"))
    return nullptr;
  return stream;
}

/// `e.what()` of the exception a `catch` caught (in a twin, a graph-level
/// try's: other tries are rejected).
static bool isCaughtWhat(const CXXMemberCallExpr *call) {
  const auto *ref = dyn_cast<DeclRefExpr>(
      call->getImplicitObjectArgument()->IgnoreParenImpCasts());
  const auto *var = ref ? dyn_cast<VarDecl>(ref->getDecl()) : nullptr;
  return var && var->isExceptionVariable() && call->getMethodDecl() &&
         call->getMethodDecl()->getName() == "what";
}
static bool isCaughtWhat(const Expr *e) {
  const auto *call = dyn_cast<CXXMemberCallExpr>(e->IgnoreParenImpCasts());
  return call && isCaughtWhat(call);
}

/// 1 for `stdout`, 2 for `stderr`, else 0.
static int streamOf(const Expr *e) {
  const auto *ref = dyn_cast<DeclRefExpr>(e->IgnoreParenImpCasts());
  const auto *var = ref ? dyn_cast<VarDecl>(ref->getDecl()) : nullptr;
  if (!var || !var->hasGlobalStorage())
    return 0;
  return var->getName() == "stdout" ? 1 : var->getName() == "stderr" ? 2 : 0;
}

/// A printf-family call printing `e.what()` of a caught exception: printf,
/// fprintf to stdout or stderr, puts, fputs (C or std::). Its format (null
/// for puts and fputs) and arguments after it.
struct WhatPrint {
  int stream = 0; // 1 stdout, 2 stderr
  const Expr *format = nullptr;
  llvm::SmallVector<const Expr *, 4> args;
  bool newline = false; // puts
};
static std::optional<WhatPrint> whatPrint(const CallExpr *call) {
  const FunctionDecl *callee = call ? call->getDirectCallee() : nullptr;
  if (!callee)
    return std::nullopt;
  auto named = [&](llvm::StringRef name) {
    return isNamed(callee, name) || isNamed(callee, ("std::" + name).str());
  };
  unsigned n = call->getNumArgs();
  WhatPrint p;
  unsigned first = 0;
  if (named("printf") && n >= 1) {
    p.stream = 1;
    p.format = call->getArg(0);
    first = 1;
  } else if (named("fprintf") && n >= 2) {
    p.stream = streamOf(call->getArg(0));
    p.format = call->getArg(1);
    first = 2;
  } else if (named("puts") && n == 1) {
    p.stream = 1;
    p.newline = true;
  } else if (named("fputs") && n == 2) {
    p.stream = streamOf(call->getArg(1));
    n = 1;
  }
  if (!p.stream)
    return std::nullopt;
  for (unsigned i = first; i < n; ++i)
    p.args.push_back(call->getArg(i));
  if (!llvm::any_of(p.args, [](const Expr *a) { return isCaughtWhat(a); }))
    return std::nullopt;
  return p;
}

/// fprintf(stdout, ...) or fputs(text, stdout) (C or std::): printf and
/// puts without the newline.
static bool isStdoutPrint(const CallExpr *call) {
  const FunctionDecl *callee = call ? call->getDirectCallee() : nullptr;
  if (!callee)
    return false;
  if ((isNamed(callee, "fprintf") || isNamed(callee, "std::fprintf")) &&
      call->getNumArgs() >= 2)
    return streamOf(call->getArg(0)) == 1;
  if ((isNamed(callee, "fputs") || isNamed(callee, "std::fputs")) &&
      call->getNumArgs() == 2)
    return streamOf(call->getArg(1)) == 1;
  return false;
}

/// printf, puts, fprintf or fputs to stdout (C or std::), or a
/// printf-family call printing a caught exception's e.what().
static bool isPrintCall(const CallExpr *call) {
  const FunctionDecl *callee = call ? call->getDirectCallee() : nullptr;
  if (!callee || call->getNumArgs() == 0)
    return false;
  return isNamed(callee, "printf") || isNamed(callee, "std::printf") ||
         ((isNamed(callee, "puts") || isNamed(callee, "std::puts")) &&
          call->getNumArgs() == 1) ||
         isStdoutPrint(call) || whatPrint(call);
}

const Expr *firstPrint(const Stmt *body) {
  const Expr *found = nullptr;
  forEachDescendant(body, [&](const Stmt *n) {
    const auto *e = dyn_cast<Expr>(n);
    if (found || !e)
      return;
    const Expr *stripped = e->IgnoreImplicit()->IgnoreParens();
    const auto *op = dyn_cast<CXXOperatorCallExpr>(stripped);
    if ((op && op->getOperator() == OO_LessLess && printStream(op, nullptr)) ||
        isPrintCall(dyn_cast<CallExpr>(stripped)))
      found = e;
  });
  return found;
}

bool TwinEmitter::printStatement(const Stmt *s) {
  const auto *e = dyn_cast<Expr>(s);
  if (!e || isa_and_nonnull<Expr>(analysis.parents().getParent(s)))
    return false;
  const Expr *stripped = e->IgnoreImplicit()->IgnoreParens();
  if (const auto *op = dyn_cast<CXXOperatorCallExpr>(stripped))
    return op->getOperator() == OO_LessLess && printStream(op, nullptr);
  return isPrintCall(dyn_cast<CallExpr>(stripped));
}

/// A lambda is copied as written, but its prints become staged effects
/// (each `[&] { ... }()` so that it stays one statement): called while
/// tracing, they are recorded where it is called; called eagerly, print_
/// prints at once. Its staged `?:`, `&&` and `||` become ag::cond_,
/// ag::and_ and ag::or_ as in the function body.
std::string TwinEmitter::lambdaBody(const LambdaExpr *lambda) {
  Range whole = offsets(lambda->getSourceRange());
  if (!whole.valid) {
    diags.report(lambda->getBeginLoc(), Diag::InMacro)
        << lambda->getSourceRange();
    failed = true;
    return "";
  }
  llvm::SmallVector<SourcePiece, 4> pieces;
  std::function<void(const Stmt *)> walk = [&](const Stmt *n) {
    for (const Stmt *child : n->children()) {
      if (!child)
        continue;
      std::optional<std::string> text;
      const auto *e = dyn_cast<Expr>(child);
      if (printStatement(child)) {
        if (std::optional<std::string> effectText = effect(cast<Expr>(child)))
          text = "[&] {\n" + *effectText + "}()";
      } else if (e && (isa<LambdaExpr>(e) || isStagedLogical(e) ||
                       (isa<ConditionalOperator>(e) && isSpecial(e)))) {
        if (!needsRewrite(e))
          continue;
        text = expr(e);
      } else {
        walk(child);
        continue;
      }
      Range r = offsets(child->getSourceRange());
      if (!r.valid || !text) {
        diags.report(child->getBeginLoc(), Diag::InMacro)
            << child->getSourceRange();
        failed = true;
        continue;
      }
      pieces.push_back({r, *text});
    }
  };
  walk(lambda->getBody());
  return splicePieces(sm.getBufferData(sm.getMainFileID()), whole, pieces);
}

/// A print the twin did not turn into an effect (used as a value, in a
/// for-header, in a nested lambda...) would print once, while tracing.
void TwinEmitter::checkPrints() {
  std::function<void(const Stmt *)> visit = [&](const Stmt *n) {
    if (const auto *e = dyn_cast<Expr>(n)) {
      const Expr *stripped = e->IgnoreImplicit()->IgnoreParens();
      if (handledPrints.count(stripped))
        return;
      const auto *op = dyn_cast<CXXOperatorCallExpr>(stripped);
      if ((op && op->getOperator() == OO_LessLess &&
           printStream(op, nullptr)) ||
          isPrintCall(dyn_cast<CallExpr>(stripped))) {
        diags.report(e->getBeginLoc(), Diag::PrintNotStatement)
            << e->getSourceRange();
        failed = true;
        return;
      }
    }
    for (const Stmt *child : n->children())
      if (child)
        visit(child);
  };
  visit(fd->getBody());
}

/// The ag::DType enumerator of an arithmetic C++ type a tensor element
/// converts to exactly: bool, a 32/64-bit signed integer, float, double.
static std::optional<StringRef> scalarDType(const ASTContext &ctx,
                                            QualType type) {
  const auto *builtin = type.getCanonicalType()->getAs<BuiltinType>();
  if (!builtin)
    return std::nullopt;
  switch (builtin->getKind()) {
  case BuiltinType::Bool:
    return StringRef("Bool");
  case BuiltinType::Int:
  case BuiltinType::Long:
  case BuiltinType::LongLong:
    if (ctx.getTypeSize(type) == 32)
      return StringRef("Int32");
    if (ctx.getTypeSize(type) == 64)
      return StringRef("Int64");
    return std::nullopt;
  case BuiltinType::Float:
    return StringRef("Float32");
  case BuiltinType::Double:
    return StringRef("Float64");
  default:
    return std::nullopt;
  }
}

std::optional<std::string> TwinEmitter::effect(const Expr *e) {
  // assert(cond && "message") is a macro: find its argument.
  SourceLocation begin = e->getBeginLoc();
  if (begin.isMacroID() &&
      Lexer::getImmediateMacroName(begin, sm, lang) == "assert")
    return assertEffect(e);
  const Expr *stripped = e->IgnoreImplicit()->IgnoreParens();
  // std::cout << a << b ...;
  if (const auto *op = dyn_cast<CXXOperatorCallExpr>(stripped);
      op && op->getOperator() == OO_LessLess)
    return coutEffect(e, op);
  const auto *call = dyn_cast<CallExpr>(stripped);
  const FunctionDecl *callee = call ? call->getDirectCallee() : nullptr;
  if (!callee)
    return std::nullopt;
  // ag::print(a, b, ...)
  if (isNamed(callee, "ag::print")) {
    llvm::SmallVector<std::string, 4> args;
    for (const Expr *arg : call->arguments())
      args.push_back(expr(arg));
    args.push_back("\"\\n\"");
    return "::ag::print_(" + loc(e->getSourceRange()) + ", {" +
           llvm::join(args, ", ") + "});\n";
  }
  if (!isPrintCall(call))
    return std::nullopt;
  return printCallEffect(e, call);
}

std::optional<std::string> TwinEmitter::assertEffect(const Expr *e) {
  const Expr *arg = nullptr;
  forEachDescendant(e, [&](const Stmt *n) {
    const auto *ex = dyn_cast<Expr>(n);
    if (!arg && ex && sm.isMacroArgExpansion(ex->getBeginLoc()))
      arg = ex;
  });
  if (!arg || !isStagedCondition(arg))
    return std::nullopt;
  const Expr *cond = arg;
  std::string message;
  const auto *bo = dyn_cast<BinaryOperator>(arg->IgnoreParenImpCasts());
  if (bo && bo->getOpcode() == BO_LAnd &&
      isa<StringLiteral>(bo->getRHS()->IgnoreParenImpCasts())) {
    cond = bo->getLHS();
    message = sourceText(bo->getRHS()->getSourceRange());
  } else {
    message = quote(sourceText(arg->getSourceRange()));
  }
  return "::ag::assert_(" + loc(arg->getSourceRange()) + ", " +
         condition(cond) + ", " + message + ");\n";
}

/// `t.item<T>()`, possibly under casts `(U)`: the tensor converted as the
/// eager value was, `::ag::cast` to T's (then U's) dtype, so that it can
/// be printed when the graph runs (while tracing, it has no value).
std::optional<std::string> TwinEmitter::itemValue(const Expr *arg) {
  const Expr *a = arg->IgnoreParenImpCasts();
  llvm::SmallVector<StringRef, 2> casts;
  while (const auto *cast = dyn_cast<ExplicitCastExpr>(a)) {
    std::optional<StringRef> dtype = scalarDType(ctx, cast->getType());
    if (!dtype)
      break;
    casts.push_back(*dtype);
    a = cast->getSubExpr()->IgnoreParenImpCasts();
  }
  const auto *item = dyn_cast<CXXMemberCallExpr>(a);
  std::optional<StringRef> itemType;
  if (!item || !item->getMethodDecl() ||
      item->getMethodDecl()->getName() != "item" ||
      !isTensorType(item->getImplicitObjectArgument()->getType()) ||
      !(itemType = scalarDType(ctx, item->getType())))
    return std::nullopt;
  std::string text = "::ag::cast(" + expr(item->getImplicitObjectArgument()) +
                     ", ::ag::DType::" + itemType->str() + ")";
  for (StringRef dtype : llvm::reverse(casts))
    text = "::ag::cast(" + text + ", ::ag::DType::" + dtype.str() + ")";
  return text;
}

std::optional<std::string>
TwinEmitter::coutEffect(const Expr *e, const CXXOperatorCallExpr *op) {
  llvm::SmallVector<const Expr *, 4> pieces;
  const VarDecl *stream = printStream(op, &pieces);
  if (!stream)
    return std::nullopt;
  handledPrints.insert(op);
  if (!isNamed(stream, "std::cout")) {
    // Output to std::cerr & co. would happen once, while tracing.
    diags.report(e->getBeginLoc(), Diag::Unsupported)
        << "printing to a stream other than std::cout" << e->getSourceRange();
    failed = true;
    return "";
  }
  // Every print is an effect of every evaluation, in program order, even
  // one of host values only: it becomes an ag.print. Host values are
  // known while tracing and are formatted then, exactly as std::cout
  // would. A staged choice of text (`c ? "yes" : "no"`, a staged bool)
  // becomes a staged if_ printing either side.
  CoutText text;
  text.where = loc(e->getSourceRange());
  for (const Expr *piece : pieces)
    coutPiece(piece, text);
  text.flush();
  return text.out;
}

/// Adds one operand of a std::cout chain to `text`.

void TwinEmitter::coutPiece(const Expr *piece, CoutText &text) {
  const Expr *p = piece->IgnoreParenImpCasts();
  if (const auto *ref = dyn_cast<DeclRefExpr>(p);
      ref && isa<FunctionDecl>(ref->getDecl())) {
    if (ref->getDecl()->getName() == "endl")
      text.args.push_back("\"\\n\"");
    else if (ref->getDecl()->getName() != "flush") {
      diags.report(piece->getBeginLoc(), Diag::StreamManipulator)
          << cast<FunctionDecl>(ref->getDecl())->getQualifiedNameAsString()
          << piece->getSourceRange();
      failed = true;
    }
    return;
  }
  // std::setw(n), std::setprecision(n)...: a call returning an
  // unspecified type of the standard library.
  if (const auto *call = dyn_cast<CallExpr>(p);
      call && call->getDirectCallee() &&
      call->getDirectCallee()->isInStdNamespace() &&
      call->getDirectCallee()->getName().starts_with("set")) {
    diags.report(piece->getBeginLoc(), Diag::StreamManipulator)
        << call->getDirectCallee()->getQualifiedNameAsString()
        << piece->getSourceRange();
    failed = true;
    return;
  }
  if (const auto *ch = dyn_cast<CharacterLiteral>(p)) {
    text.args.push_back(quote(std::string(1, char(ch->getValue()))));
    return;
  }
  // `e.what()` of a graph-level try's exception (checkTryHandler allows it
  // here): known only when the graph runs, so printed by an effect node
  // between the print_ of the pieces before and after it.
  if (const auto *what = dyn_cast<CXXMemberCallExpr>(p);
      what && isCaughtWhat(what)) {
    text.flush();
    text.out += "::ag::detail::effect_node_(" + loc(piece->getSourceRange()) +
                ", \"ag::detail::printText\", &::ag::detail::printText, " +
                expr(piece) + ");\n";
    return;
  }
  // A node's number is printed as the tensor it is in the twin.
  bool nodeNumber = isNodeValue(p) && !p->getType()->isBooleanType() &&
                    !isa<ConditionalOperator>(p);
  if (!isTensorType(piece->getType()) && isStagedCondition(p) && !nodeNumber) {
    // A staged choice between host values: print the chosen one.
    text.flush();
    const auto *co = dyn_cast<ConditionalOperator>(p);
    auto side = [&](const Expr *value, bool truth) {
      std::string saved = std::move(text.out);
      text.out.clear();
      if (value)
        coutPiece(value, text);
      else
        text.args.push_back("::ag::detail::streamText(" +
                            std::string(truth ? "true" : "false") + ")");
      text.flush();
      std::swap(saved, text.out);
      return saved;
    };
    std::string cond = condition(co ? co->getCond() : p);
    std::string thenText = side(co ? co->getTrueExpr() : nullptr, true);
    std::string elseText = side(co ? co->getFalseExpr() : nullptr, false);
    text.out += stagedIf(p->getSourceRange(), "{}", cond, thenText, &elseText);
    return;
  }
  if (p->getType()->isAnyCharacterType() && !nodeNumber) {
    text.args.push_back("std::string(1, " + expr(piece) + ")");
    return;
  }
  if (!isPrintable(piece->getType())) {
    diags.report(piece->getBeginLoc(), Diag::Unsupported)
        << "printing a value of type '" +
               piece->getType().getAsString(ctx.getPrintingPolicy()) + "'"
        << piece->getSourceRange();
    failed = true;
    return;
  }
  std::optional<std::string> item;
  if (!isTensorType(piece->getType()) && piece->getType()->isArithmeticType() &&
      !nodeNumber && !(item = itemValue(piece)))
    text.args.push_back("::ag::detail::streamText(" + expr(piece) + ")");
  else if (item)
    // Printed as std::cout prints its C++ type, when the graph runs.
    text.args.push_back(
        "::ag::PrintArg::streamedAs<" +
        piece->getType().getCanonicalType().getUnqualifiedType().getAsString(
            ctx.getPrintingPolicy()) +
        ">(" + *item + ")");
  else if (nodeNumber && piece->getType()->isArithmeticType())
    // Staged, but std::cout formats it as its C++ type, not a tensor.
    text.args.push_back("::ag::PrintArg::streamedAs<" +
                        piece->getType().getUnqualifiedType().getAsString(
                            ctx.getPrintingPolicy()) +
                        ">(" + expr(piece) + ")");
  else
    text.args.push_back(expr(piece));
}

std::optional<std::string> TwinEmitter::printCallEffect(const Expr *e,
                                                        const CallExpr *call) {
  const FunctionDecl *callee = call->getDirectCallee();
  handledPrints.insert(call);
  if (std::optional<WhatPrint> what = whatPrint(call))
    return whatPrintEffect(e, *what);
  // fputs(text, stdout): the text.
  if (isNamed(callee, "fputs") || isNamed(callee, "std::fputs"))
    return "::ag::print_(" + loc(e->getSourceRange()) + ", {" +
           expr(call->getArg(0)) + "});\n";
  // fprintf(stdout, format, ...): printf(format, ...).
  unsigned format =
      isNamed(callee, "fprintf") || isNamed(callee, "std::fprintf") ? 1 : 0;
  // puts(text): the text and a newline.
  if (!format && !isNamed(callee, "printf") && !isNamed(callee, "std::printf"))
    return "::ag::print_(" + loc(e->getSourceRange()) + ", {" +
           expr(call->getArg(0)) + ", \"\\n\"});\n";
  // printf(format, t.item<long>(), n, ...): every printf is an effect of
  // every evaluation (see above). An argument chosen by a staged condition
  // splits it into a staged if_ of two printf_.
  // `t.item<T>()`, possibly under casts `(U)`, prints t converted as the
  // eager value was: `::ag::cast` to T's (then U's) dtype. printf's format
  // alone would print a float64 t as a double where the eager code passed
  // a float, or truncate it for `item<bool>()` under `%d`.
  auto printfArg = [&](const Expr *arg) {
    if (std::optional<std::string> text = itemValue(arg))
      return *text;
    return expr(arg->IgnoreParenImpCasts());
  };
  llvm::SmallVector<const Expr *, 4> callArgs;
  for (const Expr *arg : llvm::drop_begin(call->arguments(), format + 1))
    callArgs.push_back(arg->IgnoreParenImpCasts());
  std::string where = loc(e->getSourceRange());
  std::string formatText = expr(call->getArg(format));
  llvm::SmallVector<std::string, 4> args;
  // The printf_ (or staged if_ of them) for the arguments from `i` on, after
  // `args`; leaves `args` as it found it.
  std::function<std::string(size_t)> emitFrom = [&](size_t i) {
    size_t depth = args.size();
    std::string text;
    for (; i < callArgs.size(); ++i) {
      const auto *co = dyn_cast<ConditionalOperator>(callArgs[i]);
      if (co && !isTensorType(co->getType()) &&
          isStagedCondition(co->getCond())) {
        auto side = [&](const Expr *value) {
          args.push_back(printfArg(value));
          std::string rest = emitFrom(i + 1);
          args.pop_back();
          return rest;
        };
        std::string cond = condition(co->getCond());
        std::string thenText = side(co->getTrueExpr());
        std::string elseText = side(co->getFalseExpr());
        text = stagedIf(co->getSourceRange(), "{}", cond, thenText, &elseText);
        args.resize(depth);
        return text;
      }
      args.push_back(printfArg(callArgs[i]));
    }
    text = "::ag::printf_(" + where + ", " + formatText + ", {" +
           llvm::join(args, ", ") + "});\n";
    args.resize(depth);
    return text;
  };
  return emitFrom(0);
}

/// An effect node printing `text` with printf's `%s` on `stream` (1: stdout,
/// 2: stderr), padded and cut as `left`, `width` and `precision` say (C++
/// expressions); `site` names it for Graph::save's error, if not empty.
static std::string
printfTextNode(const std::string &where, int stream, const std::string &site,
               const std::string &left, const std::string &width,
               const std::string &precision, const std::string &text) {
  return "::ag::detail::effect_node_(" + where +
         ", \"ag::detail::printfText\", " + site + (site.empty() ? "" : ", ") +
         "&::ag::detail::printfText, " + std::to_string(stream) + "L, " + left +
         ", " + width + ", " + precision + ", " + text + ");\n";
}

/// The printfText node of `format` with `args` (host values), formatted
/// while tracing: to stderr, which ag.print does not write. `formatLoc` names
/// the format for Graph::save's error (this text is a host value captured
/// while tracing).
static std::string formattedTextNode(const std::string &where, int stream,
                                     const std::string &formatLoc,
                                     const std::string &format,
                                     llvm::ArrayRef<std::string> args) {
  std::string text = "::ag::detail::formatText_(" + quote(format);
  for (const std::string &a : args)
    text += ", " + a;
  return printfTextNode(where, stream,
                        "{{}, {{}, {}, {}, {}, " + formatLoc + "}}", "false",
                        "0L", "-1L", text + ")");
}

/// printf("... %-*.*s ...", ..., e.what(), ...) and the like (WhatPrint):
/// e.what() is known only when the graph runs, so each `%s` of it is an
/// effect node (printfText) between the prints of the format's other
/// pieces, in order. To stdout those are printf_ (so the graph can still be
/// saved); to stderr, which ag.print does not write, printfText of their
/// text, formatted while tracing from host values.
std::optional<std::string> TwinEmitter::whatPrintEffect(const Expr *e,
                                                        const WhatPrint &p) {
  std::string where = loc(e->getSourceRange());
  std::string out;
  auto arg = [&](const Expr *a) {
    if (std::optional<std::string> text = itemValue(a))
      return *text;
    return expr(a->IgnoreParenImpCasts());
  };
  // The format's text and conversions up to the next e.what(), with
  // their arguments.
  std::string plain;
  llvm::SmallVector<const Expr *, 4> plainArgs;
  auto flush = [&] {
    if (plain.empty())
      return;
    // To stderr, host values (checkNodeUses rejects staged ones).
    llvm::SmallVector<std::string, 4> args;
    for (const Expr *a : plainArgs)
      args.push_back(p.stream == 1 ? arg(a) : expr(a));
    out += p.stream == 1
               ? "::ag::printf_(" + where + ", " + quote(plain) + ", {" +
                     llvm::join(args, ", ") + "});\n"
               : formattedTextNode(where, p.stream,
                                   loc(p.format->getSourceRange(),
                                       sourceText(p.format->getSourceRange())),
                                   plain, args);
    plain.clear();
    plainArgs.clear();
  };
  if (!p.format) {
    // puts(e.what()), fputs(e.what(), stream).
    out += printfTextNode(where, p.stream, "", "false", "0L", "-1L",
                          expr(p.args[0]));
    if (p.newline)
      out += "::ag::printf_(" + where + ", \"\\n\", {});\n";
    return out;
  }
  const auto *literal =
      dyn_cast<StringLiteral>(p.format->IgnoreParenImpCasts());
  if (!literal || !literal->isOrdinary()) {
    diags.report(p.format->getBeginLoc(), Diag::PrintWhatFormat)
        << 0 << "" << p.format->getSourceRange();
    failed = true;
    return "";
  }
  llvm::StringRef f = literal->getString();
  size_t next = 0; // the next argument
  auto take = [&]() -> const Expr * {
    return next < p.args.size() ? p.args[next++] : nullptr;
  };
  for (size_t i = 0; i < f.size();) {
    if (f[i] != '%' || (i + 1 < f.size() && f[i + 1] == '%')) {
      plain += f[i] == '%' ? "%%" : std::string(1, f[i]);
      i += f[i] == '%' ? 2 : 1;
      continue;
    }
    sem::Spec spec = sem::scanSpec({f.data() + i, f.size() - i});
    llvm::StringRef written = f.substr(i, spec.size);
    i += spec.size;
    const Expr *widthArg = spec.width == "*" ? take() : nullptr;
    const Expr *precisionArg = spec.precision == "*" ? take() : nullptr;
    const Expr *value = take();
    if (!value || !isCaughtWhat(value)) {
      plain += written.str();
      for (const Expr *a : {widthArg, precisionArg, value})
        if (a)
          plainArgs.push_back(a);
      continue;
    }
    if (spec.conversion != 's') {
      diags.report(value->getBeginLoc(), Diag::PrintWhatFormat)
          << 1 << written << value->getSourceRange();
      failed = true;
      return "";
    }
    flush();
    std::string width =
        spec.width.empty() ? "0L" : std::string(spec.width) + "L";
    std::string precision = !spec.hasPrecision ? "-1L"
                            : spec.precision.empty()
                                ? "0L"
                                : std::string(spec.precision) + "L";
    bool left = spec.flags.find('-') != std::string_view::npos;
    out += printfTextNode(where, p.stream, "", left ? "true" : "false",
                          widthArg ? arg(widthArg) : width,
                          precisionArg ? arg(precisionArg) : precision,
                          expr(value));
  }
  flush();
  return out;
}

//===----------------------------------------------------------------------===//
// Checks
//===----------------------------------------------------------------------===//

/// std::cout and friends: writes to them are effects, staged separately.
static bool isStream(QualType type) {
  const auto *record = type.getNonReferenceType()->getAsCXXRecordDecl();
  return record && (isNamed(record, "std::basic_ostream") ||
                    isNamed(record, "std::basic_ios"));
}

/// A host condition computed from t.item<T>() would be fixed while tracing
/// (and fails on a staged tensor): the user meant a staged condition.
void TwinEmitter::checkHostCondition(const Expr *cond, llvm::StringRef what) {
  if (!cond)
    return;
  auto check = [&](const Stmt *n) {
    const auto *call = dyn_cast<CXXMemberCallExpr>(n);
    const CXXMethodDecl *method = call ? call->getMethodDecl() : nullptr;
    if (!method || !method->getIdentifier() ||
        (method->getName() != "item" &&
         method->getName() != "elementAsDouble") ||
        !isTensorType(call->getImplicitObjectArgument()->getType()))
      return;
    diags.report(call->getBeginLoc(), Diag::HostValueOfTensor)
        << what << method->getName() << call->getSourceRange();
    failed = true;
  };
  check(cond);
  forEachDescendant(cond, check);
}

/// A variable a staged construct merges when it assigns it: a tensor, a
/// staged number, a pair/tuple/struct of tensors (not a staged list: only
/// its push statements may append to it).
bool TwinEmitter::mergedVariable(const ValueDecl *d) const {
  const auto *var = dyn_cast<VarDecl>(d);
  return var && !analysis.isStagedList(var) &&
         (isTensorType(var->getType()) || isStagedLocal(var) ||
          compositeParts(var));
}

/// The variables the operands `parts` of a staged &&, || or ?: (which run
/// on some paths only) assign, as the `vars` argument of and_/or_/cond_
/// followed by a comma, or nothing.
std::string TwinEmitter::conditionalVars(llvm::ArrayRef<const Stmt *> parts) {
  llvm::SmallVector<const VarDecl *, 4> vars;
  for (const VarDecl *var : analysis.tensorsAssignedIn(parts))
    if (mergedVariable(var))
      vars.push_back(var);
  llvm::SmallVector<std::string, 4> members = membersAssignedIn(parts);
  return vars.empty() && members.empty()
             ? ""
             : varList(vars, {}, {}, members) + ", ";
}

/// An operand of a staged &&, || or ?: that runs only on some paths is
/// traced unconditionally: a variable it modifies would be modified on
/// every path (kind: 0 '&&', 1 '||', 2 '?:').
void TwinEmitter::checkConditionalEffects(const Expr *operand, unsigned kind) {
  auto report = [&](const Expr *target) {
    target = target->IgnoreParenImpCasts();
    if (!reportedEffects.insert(target).second)
      return;
    diags.report(target->getBeginLoc(), Diag::ConditionalSideEffect)
        << sourceText(target->getSourceRange()) << (kind == 2 ? 1 : 0)
        << (kind == 0   ? "&&"
            : kind == 1 ? "||"
                        : "?:")
        << target->getSourceRange();
    failed = true;
  };
  // isModified sees through members, elements and pointees: `s.count++`
  // modifies `s`. A variable the construct merges (conditionalVars) is
  // fine.
  auto check = [&](const Stmt *n) {
    if (const auto *ref = dyn_cast<DeclRefExpr>(n);
        ref && isa<VarDecl, BindingDecl>(ref->getDecl()) &&
        analysis.isModified(ref) && !mergedVariable(ref->getDecl()))
      report(ref);
  };
  check(operand);
  forEachDescendant(operand, check);
}

void TwinEmitter::checkHostWrites(llvm::ArrayRef<const Stmt *> parts,
                                  const Stmt *construct, llvm::StringRef what,
                                  unsigned reason) {
  llvm::DenseSet<const VarDecl *> local, reported;
  llvm::DenseSet<const ValueDecl *> reportedDecls;
  auto collectLocal = [&](const Stmt *n) {
    if (const auto *ds = dyn_cast<DeclStmt>(n))
      for (const Decl *d : ds->decls())
        if (const auto *var = dyn_cast<VarDecl>(d))
          local.insert(var);
  };
  for (const Stmt *part : parts)
    if (part) {
      collectLocal(part);
      forEachDescendant(part, collectLocal);
    }
  auto check = [&](const Stmt *n) {
    // Writes to part of an outer object (a[i] = t, p.first = t) cannot be
    // listed as variables of the construct.
    if (const auto *op = dyn_cast<CXXOperatorCallExpr>(n);
        op && op->getNumArgs() > 0 && isTensorType(op->getArg(0)->getType()) &&
        (op->isAssignmentOp() || op->getOperator() == OO_PlusPlus ||
         op->getOperator() == OO_MinusMinus) &&
        !referencedVar(op->getArg(0))) {
      const Expr *base = op->getArg(0)->IgnoreParenImpCasts();
      while (true) {
        if (const auto *member = dyn_cast<MemberExpr>(base))
          base = member->getBase()->IgnoreParenImpCasts();
        else if (const auto *sub = dyn_cast<ArraySubscriptExpr>(base))
          base = sub->getBase()->IgnoreParenImpCasts();
        else if (const auto *call = dyn_cast<CXXOperatorCallExpr>(base);
                 call && (call->getOperator() == OO_Subscript ||
                          call->getOperator() == OO_Star ||
                          call->getOperator() == OO_Arrow))
          base = call->getArg(0)->IgnoreParenImpCasts();
        else if (const auto *deref = dyn_cast<UnaryOperator>(base);
                 deref && deref->getOpcode() == UO_Deref)
          base = deref->getSubExpr()->IgnoreParenImpCasts();
        else
          break;
      }
      const auto *baseRef = dyn_cast<DeclRefExpr>(base);
      const ValueDecl *var = baseRef ? baseRef->getDecl() : nullptr;
      const auto *baseVar = dyn_cast_or_null<VarDecl>(var);
      // A part of a pair, tuple or struct of tensors: merged part by part.
      bool isLocal =
          baseVar && (local.count(baseVar) || compositeParts(baseVar));
      // Any other use of a staged list is rejected by checkStagedLists.
      if (baseVar && analysis.isStagedList(baseVar))
        return;
      if (var && !isLocal && reportedDecls.insert(var).second) {
        diags.report(op->getBeginLoc(), Diag::PartAssigned)
            << var << op->getArg(0)->getSourceRange();
        diags.report(construct->getBeginLoc(), Diag::StagedBecause)
            << what << reason;
        failed = true;
      }
      return;
    }
    const auto *ref = dyn_cast<DeclRefExpr>(n);
    if (const auto *binding =
            ref ? dyn_cast<BindingDecl>(ref->getDecl()) : nullptr) {
      if (analysis.isModified(ref) && reportedDecls.insert(binding).second) {
        diags.report(ref->getBeginLoc(), Diag::PartAssigned)
            << binding << ref->getSourceRange();
        diags.report(construct->getBeginLoc(), Diag::StagedBecause)
            << what << reason;
        failed = true;
      }
      return;
    }
    const auto *var = ref ? dyn_cast<VarDecl>(ref->getDecl()) : nullptr;
    // A lambda declared before the construct and called in it writes its
    // captures here, although its body is not part of the construct: once,
    // while tracing, whatever the graph's paths are. (Tensors are rejected
    // by checkLambdaWrites; a lambda declared inside is checked above as
    // part of the construct.)
    if (var && !local.count(var) && !reported.count(var)) {
      llvm::SmallVector<const DeclRefExpr *, 2> writes = lambdaHostWrites(var);
      for (const DeclRefExpr *write : writes) {
        const ValueDecl *captured = write->getDecl();
        if (!reportedDecls.insert(captured).second)
          continue;
        diags.report(write->getBeginLoc(), Diag::LambdaHostWrite)
            << var << captured << write->getSourceRange();
        diags.report(ref->getBeginLoc(), Diag::LambdaCalledHere)
            << var << ref->getSourceRange();
        diags.report(construct->getBeginLoc(), Diag::StagedBecause)
            << what << reason;
        failed = true;
      }
      if (!writes.empty()) {
        reported.insert(var); // a mutable lambda: not also as modified
        return;
      }
    }
    // A mutable global or static scalar is rejected wherever it is used
    // (checkMutableGlobals): one error for it is enough.
    if (!var || local.count(var) || isTensorType(var->getType()) ||
        isStagedLocal(var) || compositeParts(var) ||
        (var->hasGlobalStorage() && !isTensorVectorType(var->getType())) ||
        analysis.isStagedList(var) || isStream(var->getType()) ||
        reported.count(var) || reportedDecls.count(var) ||
        !analysis.isModified(ref))
      return;
    reported.insert(var);
    failed = true;
    if (isTensorVectorType(var->getType())) {
      const Stmt *parent = analysis.parents().getParent(ref);
      while (parent && isa<ImplicitCastExpr, ParenExpr>(parent))
        parent = analysis.parents().getParent(parent);
      if (isa_and_nonnull<MemberExpr>(parent))
        parent = analysis.parents().getParent(parent);
      bool append = appendedVar(parent) == var;
      diags.report(ref->getBeginLoc(), Diag::VectorAppend)
          << var << var->getType() << (append ? 0 : 1) << ref->getSourceRange();
    } else {
      diags.report(ref->getBeginLoc(), Diag::HostAssigned)
          << var << var->getType()
          << (isa<ParmVarDecl>(var) && var->getType()->isReferenceType() &&
                      var->getType().getNonReferenceType()->isArithmeticType()
                  ? 1
                  : 0)
          << ref->getSourceRange();
    }
    diags.report(construct->getBeginLoc(), Diag::StagedBecause)
        << what << reason;
  };
  for (const Stmt *part : parts)
    if (part) {
      check(part);
      forEachDescendant(part, check);
    }
}

void TwinEmitter::checkDefined(const Stmt *construct,
                               llvm::ArrayRef<const Stmt *> parts,
                               const VarDecl *var, llvm::StringRef what) {
  if (analysis.definedBefore(construct, var) ||
      analysis.definitelyAssigns(construct, var))
    return;
  const DeclRefExpr *use = analysis.firstUseAfter(construct, var);
  SourceLocation where = use ? use->getBeginLoc() : construct->getBeginLoc();
  diags.report(where, Diag::MaybeUndefined)
      << var << what
      << sm.getPresumedLineNumber(sm.getFileLoc(construct->getBeginLoc()))
      << (use ? use->getSourceRange() : SourceRange());
  for (const Expr *mod : analysis.modifications(parts, var))
    diags.report(mod->getBeginLoc(), Diag::AssignedHere) << var;
  failed = true;
}

void TwinEmitter::noteCarried(llvm::ArrayRef<const VarDecl *> vars,
                              const Stmt *construct, unsigned kind) {
  // Any other use of a staged list is rejected by checkStagedLists.
  for (const VarDecl *var : vars)
    if (!analysis.isStagedList(var))
      carried.try_emplace(var, construct, kind);
}

void TwinEmitter::checkEscapes() {
  forEachDescendant(fd->getBody(), [&](const Stmt *n) {
    if (const auto *uo = dyn_cast<UnaryOperator>(n);
        uo && uo->getOpcode() == UO_AddrOf) {
      const VarDecl *var = referencedVar(uo->getSubExpr());
      auto it = carried.find(var);
      if (var && it != carried.end()) {
        diags.report(uo->getBeginLoc(), Diag::AddressOfCarried)
            << var << it->second.second << uo->getSourceRange();
        diags.report(it->second.first->getBeginLoc(), Diag::CarriedNote)
            << it->second.second;
        failed = true;
      }
    }
    if (const auto *ds = dyn_cast<DeclStmt>(n))
      for (const Decl *d : ds->decls()) {
        const auto *ref = dyn_cast<VarDecl>(d);
        // A range-for's implicit `__range` reference is the twin's own
        // business: a range-for over a tensor becomes for_each_ over its
        // current value, so nothing is rebound behind the user's back.
        if (!ref || ref->isImplicit() ||
            !ref->getType()->isLValueReferenceType() ||
            ref->getType().getNonReferenceType().isConstQualified())
          continue;
        const VarDecl *var = referencedVar(ref->getInit());
        auto it = carried.find(var);
        if (!var || it == carried.end())
          continue;
        diags.report(ref->getLocation(), Diag::ReferenceToCarried)
            << ref << var << it->second.second
            << ref->getInit()->getSourceRange();
        diags.report(it->second.first->getBeginLoc(), Diag::CarriedNote)
            << it->second.second;
        failed = true;
      }
  });
}

/// The writes to captured host variables (by reference, or a mutable
/// lambda's copies) in the body of the lambda `closure` holds.
llvm::SmallVector<const DeclRefExpr *, 2>
TwinEmitter::lambdaHostWrites(const VarDecl *closure) const {
  llvm::SmallVector<const DeclRefExpr *, 2> writes;
  const CXXRecordDecl *record =
      closure->getType().getNonReferenceType()->getAsCXXRecordDecl();
  const CXXMethodDecl *call =
      record && record->isLambda() ? record->getLambdaCallOperator() : nullptr;
  if (!call || !call->getBody())
    return writes;
  forEachDescendant(call->getBody(), [&](const Stmt *n) {
    const auto *ref = dyn_cast<DeclRefExpr>(n);
    const auto *var = ref ? dyn_cast<VarDecl>(ref->getDecl()) : nullptr;
    if (var && ref->refersToEnclosingVariableOrCapture() &&
        !isTensorType(var->getType()) && !isStream(var->getType()) &&
        analysis.isModified(ref))
      writes.push_back(ref);
  });
  return writes;
}

/// A lambda writing a tensor captured by reference hides the write from the
/// variable lists (and from the twin's rebinding): rejected.
void TwinEmitter::checkLambdaWrites(const LambdaExpr *lambda) {
  std::function<void(const Stmt *)> walk = [&](const Stmt *n) {
    for (const Stmt *child : n->children()) {
      if (!child)
        continue;
      const auto *ref = dyn_cast<DeclRefExpr>(child);
      const auto *var = ref ? dyn_cast<VarDecl>(ref->getDecl()) : nullptr;
      if (var && ref->refersToEnclosingVariableOrCapture() &&
          isTensorType(var->getType()) && analysis.isModified(ref)) {
        diags.report(ref->getBeginLoc(), Diag::LambdaWrite)
            << var << ref->getSourceRange();
        failed = true;
      }
      walk(child);
    }
  };
  walk(lambda->getBody());
}

void TwinEmitter::reportStagedListUse(const VarDecl *var, SourceLocation where,
                                      SourceRange range, unsigned kind) {
  const StagedAppend &append = analysis.firstStagedAppend(var);
  diags.report(where, Diag::StagedListUse) << var << kind << range;
  diags.report(append.call->getBeginLoc(), Diag::StagedListAppend)
      << append.call->getSourceRange();
  diags.report(append.construct->getBeginLoc(), Diag::StagedBecause)
      << append.what << append.reason;
  failed = true;
}

/// A staged list is an ag::TensorList in the twin: it supports being
/// declared empty, push_back/emplace_back (as statements) and ag::stack.
/// `t[i] = v` (and `t[i][j] += v`, `++t[i]`) is an assignment to the tensor
/// variable `t`, which the analysis merges and carries like any other. A
/// row reached another way (`(k > 0 ? a[0] : b[0]) = v`, a row of a call's
/// result) would be written eagerly but not seen as an assignment of any
/// variable: reject it at its column rather than trace something else.
void TwinEmitter::checkElementTargets() {
  std::function<void(const Stmt *)> visit = [&](const Stmt *n) {
    const Expr *target = nullptr;
    if (const auto *op = dyn_cast<CXXOperatorCallExpr>(n);
        op && op->getNumArgs() >= 1 &&
        (op->isAssignmentOp() || op->getOperator() == OO_PlusPlus ||
         op->getOperator() == OO_MinusMinus))
      target = op->getArg(0);
    if (target && isTensorElementType(target->getType())) {
      const Expr *row = target;
      while (row) {
        row = row->IgnoreImplicit()->IgnoreParens();
        const auto *sub = dyn_cast<CXXOperatorCallExpr>(row);
        if (!sub || sub->getOperator() != OO_Subscript)
          break;
        row = sub->getArg(0);
      }
      const auto *ref = row ? dyn_cast<DeclRefExpr>(row) : nullptr;
      if (!ref || !isa<VarDecl>(ref->getDecl())) {
        diags.report(target->getBeginLoc(), Diag::Unsupported)
            << "assigning to a row not written as 't[i]' of a tensor "
               "variable 't' (such as a row chosen by '?:'; use an if)"
            << target->getSourceRange();
        failed = true;
      }
    }
    for (const Stmt *child : n->children())
      if (child)
        visit(child);
  };
  visit(fd->getBody());
}

void TwinEmitter::checkStagedLists() {
  ParentMap &parents = analysis.parents();
  auto parentOf = [&](const Stmt *n) {
    const Stmt *p = parents.getParent(n);
    while (p && isa<ImplicitCastExpr, ParenExpr>(p))
      p = parents.getParent(p);
    return p;
  };
  // The lists range-fors iterate over (rangeForLoop stacks them).
  llvm::DenseSet<const Expr *> iterated;
  forEachDescendant(fd->getBody(), [&](const Stmt *n) {
    if (const auto *range = dyn_cast<CXXForRangeStmt>(n);
        range && analysis.overStagedList(range))
      iterated.insert(range->getRangeInit()->IgnoreParenImpCasts());
  });
  auto isSupported = [&](const DeclRefExpr *ref, const VarDecl *var) {
    if (iterated.count(ref))
      return true;
    const Stmt *p = parentOf(ref);
    // Reads: `l.size()`, `l.empty()` (staged numbers: Nodes.cpp listQuery),
    // `l[i]`, `l.at(i)`, `l.front()`, `l.back()` (listElement), not written.
    if (const auto *member = dyn_cast_or_null<MemberExpr>(p)) {
      const auto *call = dyn_cast_or_null<CXXMemberCallExpr>(parentOf(member));
      if (call && (isNodeValue(call) || listElement(call)))
        return !analysis.isModified(call);
    }
    if (const auto *op = dyn_cast_or_null<CXXOperatorCallExpr>(p);
        op && listElement(op))
      return !analysis.isModified(op);
    if (const auto *member = dyn_cast_or_null<MemberExpr>(p)) {
      const auto *call = dyn_cast_or_null<CXXMemberCallExpr>(parentOf(member));
      if (!call || appendedVar(call) != var || call->getNumArgs() != 1)
        return false;
      // Used as a statement: TensorList's push_back returns nothing.
      const Stmt *user = parents.getParent(call);
      while (user && isa<ExprWithCleanups>(user))
        user = parents.getParent(user);
      return user && !isa<Expr>(user);
    }
    const auto *call = dyn_cast_or_null<CallExpr>(p);
    return call && !isa<CXXMemberCallExpr, CXXOperatorCallExpr>(call) &&
           isNamed(call->getDirectCallee(), "ag::stack") &&
           call->getNumArgs() >= 1 && referencedVar(call->getArg(0)) == var;
  };
  std::function<void(const Stmt *, bool)> visit = [&](const Stmt *n,
                                                      bool inLambda) {
    if (const auto *ds = dyn_cast<DeclStmt>(n))
      for (const Decl *d : ds->decls()) {
        const auto *var = dyn_cast<VarDecl>(d);
        if (!var || !analysis.isStagedList(var))
          continue;
        listDecls.push_back(var);
        if (!var->getInit())
          continue;
        const auto *construct = dyn_cast<CXXConstructExpr>(var->getInit());
        if (!construct ||
            construct->getStmtClass() != Stmt::CXXConstructExprClass ||
            construct->getNumArgs() != 0)
          reportStagedListUse(var, var->getLocation(),
                              var->getInit()->getSourceRange(), 1);
      }
    const auto *ref = dyn_cast<DeclRefExpr>(n);
    const auto *var = ref ? dyn_cast<VarDecl>(ref->getDecl()) : nullptr;
    if (var && analysis.isStagedList(var)) {
      if (inLambda)
        reportStagedListUse(var, ref->getBeginLoc(), ref->getSourceRange(), 2);
      else if (!isSupported(ref, var))
        reportStagedListUse(var, ref->getBeginLoc(), ref->getSourceRange(), 0);
    }
    if (const auto *lambda = dyn_cast<LambdaExpr>(n)) {
      // An implicit capture names the variable at the capture default: the
      // uses in the body are reported instead.
      for (auto [capture, init] :
           llvm::zip(lambda->captures(), lambda->capture_inits()))
        if (init && !capture.isImplicit())
          visit(init, true);
      visit(lambda->getBody(), true);
      return;
    }
    for (const Stmt *child : n->children())
      if (child)
        visit(child, inLambda);
  };
  visit(fd->getBody(), false);
}

/// A mutable global or static is read once, while tracing (its value is a
/// constant of the graph), and a write to it happens at trace time only.
void TwinEmitter::checkMutableGlobals() {
  llvm::DenseSet<const VarDecl *> reported;
  std::function<void(const Stmt *)> walk = [&](const Stmt *n) {
    for (const Stmt *child : n->children()) {
      if (!child)
        continue;
      walk(child); // lambda bodies too: they run while tracing
      const auto *ref = dyn_cast<DeclRefExpr>(child);
      const auto *var = ref ? dyn_cast<VarDecl>(ref->getDecl()) : nullptr;
      if (!var || !var->hasGlobalStorage() || isStream(var->getType()) ||
          var->getType().isConstQualified() || var->isConstexpr() ||
          (var->getType()->isReferenceType() &&
           var->getType().getNonReferenceType().isConstQualified()) ||
          !reported.insert(var).second)
        continue;
      // fprintf and fputs to stdout, and to stderr of a caught exception's
      // e.what(), are effects of the graph, which writes to the stream.
      if (streamOf(ref)) {
        const Stmt *up = analysis.parents().getParent(ref);
        while (isa_and_nonnull<ImplicitCastExpr, ParenExpr>(up))
          up = analysis.parents().getParent(up);
        const auto *print = dyn_cast_or_null<CallExpr>(up);
        if (isStdoutPrint(print) || whatPrint(print)) {
          reported.erase(var);
          continue;
        }
      }
      diags.report(ref->getBeginLoc(), Diag::MutableGlobal)
          << (analysis.isModified(ref) ? 1 : 0)
          << (var->isStaticLocal() || var->isStaticDataMember() ? 1 : 0) << var
          << ref->getSourceRange();
      failed = true;
    }
  };
  walk(fd->getBody());
}

/// A `throw e;` statement (not a rethrow, not part of a larger expression,
/// not in a lambda): ag::detail::throw_ in the twin (exprStmt).
static bool isThrowStatement(const CXXThrowExpr *thr, const ParentMap &pm) {
  if (!thr->getSubExpr())
    return false;
  const Stmt *child = thr, *parent = pm.getParent(thr);
  while (parent && isa<ExprWithCleanups, ParenExpr>(parent))
    child = parent, parent = pm.getParent(parent);
  if (!parent || isa<Expr>(parent))
    return false;
  for (const Stmt *p = parent; p; p = pm.getParent(p))
    if (isa<LambdaExpr>(p))
      return false;
  return isa<CompoundStmt, IfStmt, WhileStmt, DoStmt, ForStmt, CXXForRangeStmt,
             CaseStmt, DefaultStmt>(parent);
}

/// Constructs with no staged equivalent, rejected up front.
void TwinEmitter::validate() {
  if (const auto *coroutine = dyn_cast<CoroutineBodyStmt>(fd->getBody())) {
    // Report the first co_* the user wrote (Clang adds implicit ones).
    const Stmt *first = nullptr;
    forEachDescendant(coroutine->getBody(), [&](const Stmt *n) {
      bool written =
          (isa<CoawaitExpr>(n) && !cast<CoawaitExpr>(n)->isImplicit()) ||
          isa<CoyieldExpr>(n) ||
          (isa<CoreturnStmt>(n) && !cast<CoreturnStmt>(n)->isImplicit());
      if (!first && written)
        first = n;
    });
    SourceLocation where = first ? first->getBeginLoc() : fd->getLocation();
    diags.report(where, Diag::Coroutine)
        << (!first || isa<CoawaitExpr>(first) ? "co_await"
            : isa<CoyieldExpr>(first)         ? "co_yield"
                                              : "co_return");
    failed = true;
    return;
  }
  if (const auto *tryBlock = dyn_cast<CXXTryStmt>(fd->getBody())) {
    // A function-try-block.
    diags.report(tryBlock->getTryLoc(), Diag::Exceptions)
        << "try" << SourceRange(tryBlock->getTryLoc());
    failed = true;
    return;
  }
  forEachDescendant(fd->getBody(), [&](const Stmt *n) {
    SourceLocation where = n->getBeginLoc();
    if (const auto *lambda = dyn_cast<LambdaExpr>(n)) {
      checkLambdaWrites(lambda);
      return;
    }
    if (isa<GotoStmt, IndirectGotoStmt>(n)) {
      diags.report(where, Diag::Goto) << n->getSourceRange();
    } else if (const auto *label = dyn_cast<LabelStmt>(n)) {
      diags.report(where, Diag::Goto) << SourceRange(label->getIdentLoc());
    } else if (const auto *tryStmt = dyn_cast<CXXTryStmt>(n)) {
      if (tryCallsNodes(tryStmt)) {
        checkTry(tryStmt); // a graph-level try
        return;
      }
      diags.report(where, Diag::Exceptions)
          << "try" << SourceRange(tryStmt->getTryLoc());
    } else if (isa<CXXThrowExpr>(n)) {
      // A statement `throw e;` is ag::detail::throw_ (exprStmt); a rethrow,
      // a throw inside an expression or a lambda is not.
      if (!isThrowStatement(cast<CXXThrowExpr>(n), analysis.parents()))
        diags.report(where, Diag::Exceptions) << "throw" << n->getSourceRange();
      else
        return;
    } else if (isa<AsmStmt>(n)) {
      diags.report(where, Diag::Unsupported)
          << "inline assembly" << SourceRange(where);
    } else {
      return;
    }
    failed = true;
  });
}

/// The statement of `block` (a compound statement) that contains `n`, or
/// null when `n` is not inside it.
static const Stmt *topLevelIn(const Stmt *n, const CompoundStmt *block,
                              const ParentMap &parents) {
  for (const Stmt *p = parents.getParent(n); p; n = p, p = parents.getParent(p))
    if (p == block)
      return n;
  return nullptr;
}

/// A `try` around node calls becomes a graph-level try (ag::detail::try_):
/// what the graph cannot do like the eager code is rejected here.
void TwinEmitter::checkTry(const CXXTryStmt *s) {
  // Any number of clauses of any types: the graph matches the exception
  // against them in order when it runs (ag.try catches).
  for (unsigned h = 0; h < s->getNumHandlers(); ++h)
    checkTryHandler(s, s->getHandler(h));
}

/// "return", "break" or "continue" if `n` is one that leaves the try `s`
/// (a region of the graph, not C++ control flow), else null.
static const char *jumpOutOfTry(const Stmt *n, const CXXTryStmt *s,
                                const FunctionAnalysis &analysis,
                                const ParentMap &parents) {
  const char *what = isa<ReturnStmt>(n)     ? "return"
                     : isa<BreakStmt>(n)    ? "break"
                     : isa<ContinueStmt>(n) ? "continue"
                                            : nullptr;
  if (!what || isa<ReturnStmt>(n))
    return what;
  const Stmt *target = analysis.jumpTarget(n);
  for (const Stmt *p = target ? parents.getParent(target) : nullptr; p;
       p = parents.getParent(p))
    if (p == s)
      return nullptr; // a loop or switch inside the try
  return what;
}

/// The parent of `n` past implicit casts and parentheses.
static const Stmt *parentPastParens(const Stmt *n, const ParentMap &parents) {
  const Stmt *up = parents.getParent(n);
  while (isa_and_nonnull<ImplicitCastExpr, ParenExpr>(up))
    up = parents.getParent(up);
  return up;
}

/// Is `call` std::exception::what() or an override of it? Another type's
/// what() is not known to the graph, which has the thrown exception's
/// std::exception::what().
static bool isStdExceptionWhat(const Stmt *call) {
  const auto *member = dyn_cast_or_null<CXXMemberCallExpr>(call);
  for (const CXXMethodDecl *m = member ? member->getMethodDecl() : nullptr; m;
       m = m->size_overridden_methods() ? *m->begin_overridden_methods()
                                        : nullptr)
    if (m->getName() == "what" &&
        m->getParent()->getQualifiedNameAsString() == "std::exception")
      return true;
  return false;
}

/// Is `what` (an e.what()) a node call's argument of type std::string?
static bool isNodeStringArgument(const CXXMemberCallExpr *what,
                                 const ParentMap &parents) {
  // Up through the conversion to std::string to the node call.
  const Stmt *arg = what, *up = parents.getParent(what);
  while (isa_and_nonnull<ImplicitCastExpr, ParenExpr, CXXConstructExpr,
                         MaterializeTemporaryExpr, CXXBindTemporaryExpr,
                         CXXFunctionalCastExpr>(up)) {
    arg = up;
    up = parents.getParent(up);
  }
  const auto *nodeCall = dyn_cast_or_null<CallExpr>(up);
  const FunctionDecl *callee = nodeCall ? nodeCallee(nodeCall) : nullptr;
  if (!callee)
    return false;
  bool ok = false;
  for (unsigned i = 0; i < nodeCall->getNumArgs(); ++i)
    if (nodeCall->getArg(i) == arg && i < callee->getNumParams()) {
      QualType param = callee->getParamDecl(i)
                           ->getType()
                           .getNonReferenceType()
                           .getUnqualifiedType()
                           .getCanonicalType();
      const auto *record = param->getAsCXXRecordDecl();
      ok = record &&
           record->getQualifiedNameAsString() == "std::basic_string" &&
           param.getAsString().find("<char") != std::string::npos;
    }
  return ok;
}

/// Is `call` (an e.what()) a piece of its own of a std::cout chain (see
/// coutPiece)?
static bool isCoutPiece(const Stmt *call, const ParentMap &parents) {
  const Stmt *piece = call, *up = parents.getParent(call);
  while (isa_and_nonnull<ImplicitCastExpr, ParenExpr>(up)) {
    piece = up;
    up = parents.getParent(up);
  }
  const auto *op = dyn_cast_or_null<CXXOperatorCallExpr>(up);
  while (op && isa_and_nonnull<CXXOperatorCallExpr>(parents.getParent(op)) &&
         cast<CXXOperatorCallExpr>(parents.getParent(op))->getOperator() ==
             OO_LessLess)
    op = cast<CXXOperatorCallExpr>(parents.getParent(op));
  llvm::SmallVector<const Expr *, 4> pieces;
  const VarDecl *stream = op && op->getOperator() == OO_LessLess
                              ? printStream(op, &pieces)
                              : nullptr;
  return stream && isNamed(stream, "std::cout") &&
         llvm::any_of(pieces, [&](const Expr *e) {
           return e == piece || e->IgnoreParenImpCasts() == call;
         });
}

/// The one use a graph-level try's handler may make of the exception it
/// caught (`ref`): `e.what()` as a node's std::string argument, printed by a
/// std::cout chain, or by printf, fprintf to stdout or stderr, puts or fputs
/// (whatPrintEffect checks its conversion).
static bool isAllowedCaughtUse(const DeclRefExpr *ref,
                               const ParentMap &parents) {
  const auto *member =
      dyn_cast_or_null<MemberExpr>(parentPastParens(ref, parents));
  const Stmt *call = member ? parents.getParent(member) : nullptr;
  if (!isStdExceptionWhat(call))
    return false;
  return isNodeStringArgument(cast<CXXMemberCallExpr>(call), parents) ||
         isCoutPiece(call, parents) ||
         whatPrint(dyn_cast_or_null<CallExpr>(parentPastParens(call, parents)))
             .has_value();
}

/// How a try's handler first uses `var`, statement by statement: it reads
/// it before any top-level assignment to it, or overwrites it first.
enum class HandlerUse { None, Read, Overwritten };
static HandlerUse firstUseInHandler(const CompoundStmt *catchBlock,
                                    const VarDecl *var) {
  for (const Stmt *stmt : catchBlock->body()) {
    const auto *assign = dyn_cast<Expr>(stmt);
    if (assign) // past ExprWithCleanups of a temporary in the statement
      assign = assign->IgnoreImplicit();
    const Expr *lhs = nullptr, *rhs = nullptr;
    if (const auto *bo = dyn_cast_or_null<BinaryOperator>(assign);
        bo && bo->getOpcode() == BO_Assign) {
      lhs = bo->getLHS();
      rhs = bo->getRHS();
    } else if (const auto *op = dyn_cast_or_null<CXXOperatorCallExpr>(assign);
               op && op->getOperator() == OO_Equal && op->getNumArgs() == 2) {
      lhs = op->getArg(0);
      rhs = op->getArg(1);
    }
    bool reads = false;
    auto scanReads = [&](const Stmt *n) {
      if (const auto *ref = dyn_cast<DeclRefExpr>(n))
        reads |= ref->getDecl() == var;
    };
    const Stmt *scanned = lhs && referencedVar(lhs) == var ? rhs : stmt;
    scanReads(scanned);
    forEachDescendant(scanned, scanReads);
    if (reads)
      return HandlerUse::Read;
    if (scanned == rhs)
      return HandlerUse::Overwritten;
  }
  return HandlerUse::None;
}

/// Each handler `handler` of graph-level try `s` is checked for jumps out
/// of the try, uses of the caught exception the graph cannot make, and
/// variables the try assigns whose value the handler would see differently.
void TwinEmitter::checkTryHandler(const CXXTryStmt *s,
                                  const CXXCatchStmt *handler) {
  const ParentMap &parents = analysis.parents();
  auto reject = [&](SourceLocation where, Diag kind) {
    failed = true;
    return diags.report(where, kind);
  };
  const Stmt *parts[] = {s->getTryBlock(), handler->getHandlerBlock()};
  for (const Stmt *part : parts)
    forEachDescendant(part, [&](const Stmt *n) {
      if (const char *what = jumpOutOfTry(n, s, analysis, parents)) {
        reject(n->getBeginLoc(), Diag::NodeTryJump)
            << what << SourceRange(n->getBeginLoc());
        diags.report(s->getTryLoc(), Diag::NodeTryHere);
      }
    });
  if (const VarDecl *caught = handler->getExceptionDecl())
    forEachDescendant(handler->getHandlerBlock(), [&](const Stmt *n) {
      const auto *ref = dyn_cast<DeclRefExpr>(n);
      if (ref && ref->getDecl() == caught && !isAllowedCaughtUse(ref, parents))
        reject(ref->getBeginLoc(), Diag::NodeTryCaught)
            << caught << ref->getSourceRange();
    });
  // A variable the try assigns keeps, eagerly, the value it had when a node
  // failed; the graph's handler sees its value from before the try. They
  // agree when the assignment is the try's last statement (a failure in it
  // leaves the old value) or the handler overwrites it before reading it.
  const auto *tryBlock = cast<CompoundStmt>(s->getTryBlock());
  const auto *catchBlock = cast<CompoundStmt>(handler->getHandlerBlock());
  for (const VarDecl *var : analysis.tensorsAssignedIn({tryBlock})) {
    if (analysis.isStagedList(var))
      continue;
    bool live = analysis.liveAfter(s, var);
    HandlerUse use = firstUseInHandler(catchBlock, var);
    bool readInHandler = use == HandlerUse::Read;
    if (use == HandlerUse::Overwritten || (!live && !readInHandler))
      continue;
    auto mods = analysis.modifications({tryBlock}, var);
    if (!readInHandler && mods.size() == 1 && !tryBlock->body_empty() &&
        topLevelIn(mods.front(), tryBlock, parents) == tryBlock->body_back() &&
        isa<Expr>(tryBlock->body_back()))
      continue;
    const Expr *at = mods.empty() ? nullptr : mods.back();
    reject(at ? at->getBeginLoc() : s->getTryLoc(), Diag::NodeTryPartial)
        << var << (readInHandler ? 1 : 0)
        << (at ? at->getSourceRange() : SourceRange());
    diags.report(s->getTryLoc(), Diag::NodeTryHere);
  }
}

std::string TwinEmitter::tryStmt(const CXXTryStmt *s) {
  const CXXCatchStmt *handler = s->getHandler(0);
  llvm::SmallVector<const Stmt *, 4> parts{s->getTryBlock()};
  for (unsigned h = 0; h < s->getNumHandlers(); ++h)
    parts.push_back(s->getHandler(h)->getHandlerBlock());
  llvm::SmallVector<const VarDecl *, 4> vars, dead;
  for (const VarDecl *var : analysis.tensorsAssignedIn(parts)) {
    if (analysis.isStagedList(var)) {
      vars.push_back(var);
    } else if (analysis.liveAfter(s, var)) {
      vars.push_back(var);
      checkDefined(s, parts, var, "'try'");
    } else {
      dead.push_back(var);
    }
  }
  checkHostWrites(parts, s, "'try'", 3);
  noteCarried(vars, s, 0);
  const VarDecl *caught = handler->getExceptionDecl();
  std::string name = caught ? caught->getName().str() : "";
  auto isStdException = [](const VarDecl *v) {
    const auto *record =
        v->getType().getNonReferenceType()->getAsCXXRecordDecl();
    return record && record->getQualifiedNameAsString() == "std::exception";
  };
  if (s->getNumHandlers() != 1 || (caught && !isStdException(caught))) {
    // Typed clauses: matched in order when the graph runs.
    std::string out = "::ag::detail::tryCatch_(" +
                      loc(SourceRange(s->getTryLoc())) + ", " +
                      varList(vars, {}, dead) + ", [&] {\n" +
                      inLambda([&] { return body(s->getTryBlock()); }) + "}";
    for (unsigned h = 0; h < s->getNumHandlers(); ++h) {
      const CXXCatchStmt *c = s->getHandler(h);
      const VarDecl *var = c->getExceptionDecl();
      std::string type =
          var ? TypeName::getFullyQualifiedName(
                    var->getType().getNonReferenceType().getUnqualifiedType(),
                    ctx, ctx.getPrintingPolicy(),
                    /*WithGlobalNsPrefix=*/true)
              : "void";
      out += ",\n::ag::detail::catch_<" + type +
             ">([&](const ::ag::detail::Caught &" +
             (var ? var->getName().str() : "") + ") {\n" +
             inLambda([&] { return body(c->getHandlerBlock()); }) + "})";
    }
    return out + ");\n";
  }
  return "::ag::detail::try_(" + loc(SourceRange(s->getTryLoc())) + ", " +
         varList(vars, {}, dead) + ", [&] {\n" +
         inLambda([&] { return body(s->getTryBlock()); }) +
         "}, [&](const ::ag::detail::Caught &" + name + ") {\n" +
         inLambda([&] { return body(handler->getHandlerBlock()); }) + "}, " +
         (caught ? "false" : "true") + ");\n";
}

/// The prefix of twin-internal names, chosen so that no name the function
/// declares or mentions starts with it.
static std::string internalPrefix(const FunctionDecl *fd) {
  std::set<std::string> used;
  for (const ParmVarDecl *param : fd->parameters())
    used.insert(param->getNameAsString());
  std::function<void(const Stmt *)> visit = [&](const Stmt *n) {
    if (const auto *ref = dyn_cast<DeclRefExpr>(n))
      used.insert(ref->getNameInfo().getAsString());
    if (const auto *ds = dyn_cast<DeclStmt>(n))
      for (const Decl *d : ds->decls())
        if (const auto *named = dyn_cast<NamedDecl>(d)) {
          used.insert(named->getNameAsString());
          if (const auto *dd = dyn_cast<DecompositionDecl>(d))
            for (const BindingDecl *b : dd->bindings())
              used.insert(b->getNameAsString());
        }
    for (const Stmt *child : n->children())
      if (child)
        visit(child);
  };
  visit(fd->getBody());
  for (unsigned n = 0;; ++n) {
    std::string prefix = n ? "ag" + std::to_string(n) + "_" : "ag_";
    if (llvm::none_of(used, [&](const std::string &name) {
          return llvm::StringRef(name).starts_with(prefix);
        }))
      return prefix;
  }
}

/// The graph-input names of a parameter of type `type` named `name`, one per
/// tensor position in the order ag::function flattens it (ag/Function.h,
/// walkLeaves): an ag::Tensor is `name`, a std::vector or std::array of them
/// `name[]` (the runtime numbers the elements), of structs `name[].field`,
/// an aggregate struct its fields' names after `name.`, a pair or tuple its
/// elements' (`name.first`, `name.0`).
static void tensorPositions(QualType type, const std::string &name,
                            std::vector<std::string> &out, unsigned depth = 0) {
  if (isTensorType(type)) {
    out.push_back(name);
    return;
  }
  type = type.getNonReferenceType().getCanonicalType();
  const auto *record = type->getAsCXXRecordDecl();
  if (!record || !record->hasDefinition() || depth > 8)
    return;
  if (const auto *inst = dyn_cast<ClassTemplateSpecializationDecl>(record)) {
    std::string qualified = record->getQualifiedNameAsString();
    if (qualified == "std::vector" || qualified == "std::array") {
      const TemplateArgumentList &args = inst->getTemplateArgs();
      if (args.size() > 0 && args[0].getKind() == TemplateArgument::Type) {
        // Tensors, or structs of them column by column: `ps[].w`.
        if (isTensorType(args[0].getAsType()))
          out.push_back(name + "[]");
        else
          tensorPositions(args[0].getAsType(), name + "[]", out, depth + 1);
      }
      return;
    }
  }
  // A pair's or tuple's elements: `p.first`, `t.0` (compositeParts' names).
  if (auto elements = tupleElements(type)) {
    bool pair = record->getName() == "pair";
    for (unsigned i = 0; i < elements->size(); ++i)
      tensorPositions((*elements)[i],
                      name + "." +
                          (pair ? (i ? "second" : "first") : std::to_string(i)),
                      out, depth + 1);
    return;
  }
  if (!record->isAggregate() || record->getNumBases() > 0 ||
      record->isPolymorphic())
    return;
  for (const FieldDecl *field : record->fields())
    tensorPositions(field->getType(), name + "." + field->getNameAsString(),
                    out, depth + 1);
}

std::vector<std::string> tensorPositionNames(const FunctionDecl *fd) {
  std::vector<std::string> names;
  unsigned index = 0;
  for (const ParmVarDecl *param : fd->parameters()) {
    size_t before = names.size();
    tensorPositions(param->getType(),
                    param->getName().empty() ? "arg" + std::to_string(index)
                                             : param->getName().str(),
                    names);
    index += names.size() - before;
  }
  return names;
}

/// Which kind of result the twin returns; false (reported) for a lowered
/// `return` of a type a staged return cannot carry.
bool TwinEmitter::prepareResult(bool &returnsVoid, bool &lazyResult) {
  returnsVoid = fd->getReturnType()->isVoidType();
  // A template's dependent return type is a tensor if every instantiation
  // this file makes returns one.
  bool returnsTensor = isTensorType(fd->getReturnType());
  if (fd->getReturnType()->isDependentType())
    returnsTensor =
        llvm::all_of(templateInstantiations(fd), [](const FunctionDecl *spec) {
          return isTensorType(spec->getReturnType());
        });
  // A twin returning ::ag::Lazy<R> merges it like a tensor.
  lazyResult = !inPlace && returnsLazy(fd);
  // A number's twin returns an ag::Tensor (returnsNumbers).
  bool numberResult = false;
  if (!inPlace)
    returnsNumbers(fd, &numberResult);
  if (!analysis.hasLoweredReturn() || returnsVoid || returnsTensor ||
      lazyResult || numberResult)
    return true;
  if (auto parts = resultSlots(ctx, fd, &resultType))
    resultParts = std::move(*parts);
  if (!resultParts.empty())
    return true;
  const Stmt *first = nullptr;
  forEachDescendant(fd->getBody(), [&](const Stmt *n) {
    if (!first && isa<ReturnStmt>(n) && analysis.isLowered(n))
      first = n;
  });
  diags.report(first->getBeginLoc(), Diag::NonTensorReturn)
      << fd->getReturnType() << first->getSourceRange();
  return false;
}

/// The twin's `::ag::FunctionScope`, naming the staged parameters so the
/// graph's inputs (and feeds) use the user's parameter names rather than
/// arg0, arg1...
std::string TwinEmitter::functionScope(const std::string &scopeName) {
  PresumedLoc where = sm.getPresumedLoc(sm.getFileLoc(fd->getLocation()));
  std::string out = "::ag::FunctionScope " + local("scope") + "(" +
                    quote(scopeName) + ", " +
                    sourceFileExpr(sm, fd->getLocation()) + ", " +
                    std::to_string(where.getLine()) + ", " +
                    std::to_string(where.getColumn());
  std::string tensorParams;
  for (const std::string &name : tensorPositionNames(fd))
    tensorParams += (tensorParams.empty() ? "" : ", ") + quote(name);
  if (!tensorParams.empty())
    out += ", {" + tensorParams + "}";
  return out + ");\n";
}

/// A by-value number parameter assigned under staged control flow is an
/// ag::Tensor in the twin, like such a local: a block shadows it (the
/// signature stays the function's; C++ forbids redeclaring a parameter in
/// the function's outermost block). Appends the copies to `out` and
/// returns the shadowing declarations ("" when there are none).
std::string TwinEmitter::promotedParams(std::string &out) {
  std::string promoted;
  for (const ParmVarDecl *param : fd->parameters())
    if (isPromotableParam(param) && isStagedLocal(param)) {
      std::string name = param->getNameAsString();
      out += "const auto " + local("param_" + name) + " = " + name + ";\n";
      std::string type = param->getType()
                             .getNonReferenceType()
                             .getCanonicalType()
                             .getUnqualifiedType()
                             .getAsString(ctx.getPrintingPolicy());
      // The staged twin's argument may be any number (or a weak literal):
      // converted as C++ converts it to the parameter's type.
      std::string value = stagedTwin ? "::ag::detail::numberAs_<" + type +
                                           ">(" + local("param_" + name) + ")"
                                     : "::ag::Tensor(static_cast<" + type +
                                           ">(" + local("param_" + name) + "))";
      promoted += "::ag::Tensor " + name + " = " + value + ";\n";
    }
  return promoted;
}

/// The slots of a lowered `return`: the result, the flag, and one per
/// out-parameter the body modifies (collected in outSlots).
std::string TwinEmitter::returnSlots(bool returnsVoid, bool lazyResult,
                                     const CompoundStmt *bodyStmt) {
  std::string out;
  if (!returnsVoid)
    out +=
        (lazyResult             ? lazyReturnType(ctx, fd)
         : !resultParts.empty() ? resultType
                                : std::string("::ag::Tensor")) +
        " " + local("retval") +
        // A staged loop carries the slot from its start: a host value
        // stands in until a path returns (nothing reads it before).
        (lazyResult
             ? " = ::ag::detail::lazySlot_<" +
                   spell(ctx, fd->getReturnType().getUnqualifiedType()) + ">()"
             : "") +
        ";\n";
  out += "::ag::Tensor " + local("do_return") + " = false;\n";
  for (const ParmVarDecl *param : fd->parameters()) {
    QualType type = param->getType();
    if (type->isLValueReferenceType() && isTensorType(type) &&
        !type.getNonReferenceType().isConstQualified() &&
        !analysis.modifications({bodyStmt}, param).empty()) {
      outSlots.push_back(param);
      out +=
          "::ag::Tensor " + local("retval_" + param->getNameAsString()) + ";\n";
    }
  }
  return out;
}

/// The end of the function is the last return: keep the out-parameters
/// there too (the else is the path that returned earlier), then give each
/// the value its path returned with.
std::string TwinEmitter::outParamsAtEnd(const CompoundStmt *bodyStmt) {
  SourceRange end(bodyStmt->getRBracLoc());
  std::string slots = varList({}, {Flag{Flag::Return, nullptr}});
  std::string returned = local("do_return") + " = true;\n";
  std::string out = stagedIf(end, slots, "!" + local("do_return"),
                             keepOutParams(end) + returned, &returned);
  for (const ParmVarDecl *param : outSlots)
    out += param->getNameAsString() + " = " +
           local("retval_" + param->getNameAsString()) + ";\n";
  return out;
}

/// Checks that need the whole twin emitted first.
void TwinEmitter::checkAfterEmit() {
  checkPrints();
  for (const VarDecl *var : listDecls)
    if (!declaredLists.count(var)) {
      diags.report(var->getLocation(), Diag::Unsupported)
          << "declaring a staged list here" << var->getSourceRange();
      failed = true;
    }
  checkEscapes();
  checkMutableGlobals();
}

std::optional<std::string> TwinEmitter::emit() {
  localPrefix = internalPrefix(fd);
  validate();
  if (failed)
    return std::nullopt;
  checkStagedLists();
  checkElementTargets();
  if (!checkNodeUses(fd, diags))
    failed = true;
  if (failed)
    return std::nullopt;
  bool returnsVoid = false, lazyResult = false;
  if (!prepareResult(returnsVoid, lazyResult))
    return std::nullopt;

  std::string out;
  std::string scopeName = fd->getNameAsString();
  if (inPlace) {
    checkDependent();
    checkMemberWrites();
    if (failed)
      return std::nullopt;
    out = "if (::ag::detail::tracing()) {\n";
    if (const auto *method = dyn_cast<CXXMethodDecl>(fd))
      scopeName = method->getParent()->getNameAsString() + "::" + scopeName;
  } else {
    std::optional<std::string> signature =
        twinSignature(ctx, fd, names, withDefaults, stagedTwin);
    if (!signature) {
      diags.report(fd->getLocation(), Diag::FunctionInMacro) << fd;
      return std::nullopt;
    }
    out = *signature + " {\n";
  }
  const auto *bodyStmt = cast<CompoundStmt>(fd->getBody());
  out += functionScope(scopeName);
  if (inPlace)
    out += selfMembers();
  std::string promoted = promotedParams(out);
  if (!promoted.empty())
    out += "{\n" + promoted;
  if (analysis.hasLoweredReturn())
    out += returnSlots(returnsVoid, lazyResult, bodyStmt);
  out += body(bodyStmt);
  if (!outSlots.empty())
    out += outParamsAtEnd(bodyStmt);
  // Falling off the end, or the one return of a lowered `return`.
  const auto *last = bodyStmt->body_empty()
                         ? nullptr
                         : dyn_cast<ReturnStmt>(bodyStmt->body_back());
  if (!last || analysis.isLowered(last))
    out += bindVariables(bodyStmt->getRBracLoc());
  if (analysis.hasLoweredReturn() && !returnsVoid)
    out += "return " + local("retval") + ";\n";
  else if (inPlace && returnsVoid)
    out += "return;\n"; // not into the original's body
  if (!promoted.empty())
    out += "}\n";
  out += "}\n";
  checkAfterEmit();
  if (failed)
    return std::nullopt;
  return out;
}

/// The offset of `loc` in the main file, if it is written there outside any
/// macro.
static std::optional<unsigned> mainFileOffset(const SourceManager &sm,
                                              SourceLocation loc) {
  if (loc.isMacroID() || !sm.isWrittenInMainFile(loc))
    return std::nullopt;
  return sm.getFileOffset(loc);
}

namespace {
/// The text of a declaration of a function from just after its name to its
/// body (parameters, qualifiers, trailing return type), edited by the file
/// offsets of what it holds. Edits go from the last parameter to the first,
/// so that the offsets of those not yet edited stay valid.
class SignatureTail {
public:
  SignatureTail(ASTContext &ctx, unsigned nameEnd, unsigned end)
      : sm(ctx.getSourceManager()), lang(ctx.getLangOpts()), nameEnd(nameEnd),
        text(sm.getBufferData(sm.getMainFileID())
                 .slice(nameEnd, end)
                 .rtrim()
                 .str()) {}

  /// Drops `fd`'s noexcept: the twin may throw ag::Error while tracing.
  void dropExceptionSpec(const FunctionDecl *fd, unsigned end) {
    SourceRange spec = fd->getExceptionSpecSourceRange();
    std::optional<unsigned> specBegin = offset(spec.getBegin());
    std::optional<unsigned> specEnd = offset(spec.getEnd());
    if (!spec.isValid() || !specBegin || !specEnd || *specBegin < nameEnd ||
        *specEnd >= end)
      return;
    unsigned length = *specEnd - *specBegin +
                      Lexer::MeasureTokenLength(spec.getEnd(), sm, lang);
    text.erase(*specBegin - nameEnd, length);
  }

  /// Default arguments are given once, on the twin's first declaration: a
  /// definition after a forward declaration of the twin drops them
  /// (`!withDefaults`); else one given only on an earlier declaration of the
  /// function is written in. False if the text cannot be edited.
  bool editDefault(const ParmVarDecl *param, bool withDefaults) {
    if (!withDefaults && param->hasDefaultArg() &&
        !param->hasInheritedDefaultArg())
      return dropDefault(param);
    if (!withDefaults || !param->hasInheritedDefaultArg() ||
        !param->getDefaultArg())
      return true;
    return writeInheritedDefault(param);
  }

  /// The staged twin takes number parameter `param` as a staged number.
  /// False if the text cannot be edited.
  bool stageNumberType(const ParmVarDecl *param) {
    if (!isPromotableParam(param))
      return true;
    SourceLocation typeEnd =
        param->getIdentifier()
            ? param->getLocation()
            : Lexer::getLocForEndOfToken(
                  param->getTypeSourceInfo()->getTypeLoc().getEndLoc(), 0, sm,
                  lang);
    std::optional<unsigned> from = offset(param->getBeginLoc());
    std::optional<unsigned> to = offset(typeEnd);
    if (!from || !to || *from < nameEnd || *to < *from ||
        *to - nameEnd > text.size())
      return false;
    text.replace(*from - nameEnd, *to - *from, "::ag::Tensor ");
    return true;
  }

  const std::string &str() const { return text; }

private:
  std::optional<unsigned> offset(SourceLocation loc) const {
    return mainFileOffset(sm, loc);
  }

  /// Removes ` = value` of `param`'s own default argument.
  bool dropDefault(const ParmVarDecl *param) {
    std::optional<unsigned> valueEnd = offset(Lexer::getLocForEndOfToken(
        param->getDefaultArgRange().getEnd(), 0, sm, lang));
    std::optional<unsigned> valueBegin =
        offset(param->getDefaultArgRange().getBegin());
    if (!valueBegin || !valueEnd || *valueBegin < nameEnd ||
        *valueEnd - nameEnd > text.size())
      return false;
    size_t eq = text.rfind('=', *valueBegin - nameEnd);
    if (eq == std::string::npos)
      return false;
    size_t from = llvm::StringRef(text).take_front(eq).rtrim().size();
    text.erase(from, *valueEnd - nameEnd - from);
    return true;
  }

  /// Appends ` = value` of the default argument `param` inherits from an
  /// earlier declaration.
  bool writeInheritedDefault(const ParmVarDecl *param) {
    CharSourceRange value =
        Lexer::makeFileCharRange(CharSourceRange::getTokenRange(
                                     param->getDefaultArg()->getSourceRange()),
                                 sm, lang);
    std::optional<unsigned> after =
        offset(Lexer::getLocForEndOfToken(param->getEndLoc(), 0, sm, lang));
    if (value.isInvalid() || !after || *after < nameEnd ||
        *after - nameEnd > text.size())
      return false;
    text.insert(*after - nameEnd,
                " = " + Lexer::getSourceText(value, sm, lang).str());
    return true;
  }

  const SourceManager &sm;
  const LangOptions &lang;
  unsigned nameEnd; // the offset just past the function's name
  std::string text;
};
} // namespace

/// The text of `fd`'s declaration from its start to its name, [begin, name),
/// with the return type of its twin: a host result becomes a lazy value of
/// the graph, a number a tensor.
static std::optional<std::string> twinHead(ASTContext &ctx,
                                           const FunctionDecl *fd,
                                           unsigned begin, unsigned name) {
  const SourceManager &sm = ctx.getSourceManager();
  llvm::StringRef buffer = sm.getBufferData(sm.getMainFileID());
  if (!returnsLazy(fd) && !returnsNumbers(fd))
    return buffer.slice(begin, name).str();
  SourceRange written = fd->getReturnTypeSourceRange();
  std::optional<unsigned> typeBegin = mainFileOffset(sm, written.getBegin());
  std::optional<unsigned> typeEnd =
      written.isValid()
          ? mainFileOffset(sm, Lexer::getLocForEndOfToken(
                                   written.getEnd(), 0, sm, ctx.getLangOpts()))
          : std::nullopt;
  if (!typeBegin || !typeEnd || *typeBegin < begin || *typeEnd > name)
    return std::nullopt;
  return buffer.slice(begin, *typeBegin).str() + twinResultType(ctx, fd) +
         buffer.slice(*typeEnd, name).str();
}

std::optional<std::string> twinSignature(ASTContext &ctx,
                                         const FunctionDecl *fd,
                                         const TwinNames &names,
                                         bool withDefaults, bool staged) {
  const SourceManager &sm = ctx.getSourceManager();
  // From the declaration's start to the body (or the end of a declaration),
  // with the twin's name instead of the function's.
  const auto *body = dyn_cast_or_null<CompoundStmt>(fd->getBody());
  SourceLocation endLoc = body ? body->getLBracLoc() : fd->getEndLoc();
  std::optional<unsigned> begin = mainFileOffset(sm, fd->getBeginLoc());
  std::optional<unsigned> name = mainFileOffset(sm, fd->getLocation());
  std::optional<unsigned> end = mainFileOffset(sm, endLoc);
  if (!begin || !name || !end)
    return std::nullopt;
  // The name's spelling may hold a line continuation (`spl\<newline>it`).
  unsigned nameEnd = *name + Lexer::MeasureTokenLength(fd->getLocation(), sm,
                                                       ctx.getLangOpts());
  SignatureTail tail(ctx, nameEnd, *end);
  tail.dropExceptionSpec(fd, *end);
  // Last first: offsets stay valid.
  for (const ParmVarDecl *param : llvm::reverse(fd->parameters()))
    if (!tail.editDefault(param, withDefaults) ||
        (staged && !tail.stageNumberType(param)))
      return std::nullopt;
  std::optional<std::string> head = twinHead(ctx, fd, *begin, *name);
  if (!head)
    return std::nullopt;
  return *head + (staged ? stagedTwinName(names, fd) : names(fd)) + tail.str();
}

std::optional<std::string> emitTwin(ASTContext &ctx, const FunctionDecl *fd,
                                    const TwinNames &names, Diagnostics &diags,
                                    bool withDefaults, bool staged) {
  TwinEmitter emitter(ctx, fd, names, diags);
  emitter.withDefaults = withDefaults;
  emitter.stagedTwin = staged;
  return emitter.emit();
}

//===----------------------------------------------------------------------===//
// In-place twins: member functions and function templates
//===----------------------------------------------------------------------===//

bool hasInPlaceTwin(const FunctionDecl *fd) {
  return isa<CXXMethodDecl>(fd) || fd->getDescribedFunctionTemplate() ||
         fd->getPrimaryTemplate();
}

llvm::SmallVector<const FunctionDecl *, 4>
templateInstantiations(const FunctionDecl *fd) {
  llvm::SmallVector<const FunctionDecl *, 4> out;
  if (const FunctionTemplateDecl *pattern =
          fd->getDescribedFunctionTemplate()) {
    for (const FunctionDecl *spec : pattern->specializations())
      if (spec->isTemplateInstantiation())
        out.push_back(spec);
    return out;
  }
  const auto *method = dyn_cast<CXXMethodDecl>(fd);
  const ClassTemplateDecl *cls =
      method ? method->getParent()->getDescribedClassTemplate() : nullptr;
  if (!cls)
    return out;
  // Members are instantiated with the class's declaration, their
  // definitions only where used: a class instantiation that never defines
  // the member has no twin of it to register.
  for (const ClassTemplateSpecializationDecl *spec : cls->specializations()) {
    if (!isTemplateInstantiation(spec->getSpecializationKind()))
      continue;
    for (const Decl *d : spec->decls())
      if (const auto *m = dyn_cast<CXXMethodDecl>(d)) {
        const FunctionDecl *from = m->getInstantiatedFromMemberFunction();
        if (from && from->getCanonicalDecl() == method->getCanonicalDecl() &&
            m->isDefined())
          out.push_back(m);
      }
  }
  return out;
}

std::optional<std::string> emitInPlaceTwin(ASTContext &ctx,
                                           const FunctionDecl *fd,
                                           const TwinNames &names,
                                           Diagnostics &diags) {
  TwinEmitter emitter(ctx, fd, names, diags);
  emitter.inPlace = true;
  return emitter.emit();
}

/// The member `e` names through `this` (`w`, `this->w`, `l1.w`, a base's
/// member), with its spelling from `this`; null for anything else (an
/// element, a member of another object).
static const FieldDecl *memberOfThis(const Expr *e, std::string *spelling) {
  const auto *member = dyn_cast<MemberExpr>(e->IgnoreParenImpCasts());
  const FieldDecl *field =
      member ? dyn_cast<FieldDecl>(member->getMemberDecl()) : nullptr;
  if (!field)
    return nullptr;
  const Expr *base = member->getBase()->IgnoreParenImpCasts();
  std::string prefix;
  if (!isa<CXXThisExpr>(base)) {
    if (member->isArrow() || !memberOfThis(base, &prefix))
      return nullptr;
    prefix += ".";
  }
  if (spelling)
    *spelling = prefix + field->getNameAsString();
  return field;
}

/// The kind of state SelfScope records: an ag::Tensor, a
/// std::vector<ag::Tensor> or an arithmetic value (not const: a const
/// member is fixed for the object's lifetime, so frozen is right).
static bool isSelfState(QualType type) {
  if (type->isReferenceType() || type.isConstQualified())
    return false;
  return isTensorType(type) || isTensorVectorType(type) ||
         type->isArithmeticType();
}

using MemberVisitor = llvm::function_ref<void(
    const MemberExpr *, const std::string &, const FunctionAnalysis &)>;
static void visitMembers(ASTContext &ctx, const FunctionAnalysis &analysis,
                         const Stmt *s, const std::string &prefix,
                         llvm::SmallPtrSetImpl<const Decl *> &seen,
                         MemberVisitor visit);
/// Whether the twin may name member `e` as `name` from `this` (visitMembers):
/// a member of a member only if it is public (a callee's private state).
static bool nameable(const MemberExpr *e, const std::string &name) {
  return name.find('.') == std::string::npos ||
         e->getMemberDecl()->getAccess() == AS_public;
}

/// `::ag::detail::SelfScope ag_self(this, {{"w", w}, ...});`: the class's
/// own data members and every member of a member (or of a base) the body
/// names through `this`, which ag::method feeds at each call.
std::string TwinEmitter::selfMembers() {
  const auto *method = dyn_cast<CXXMethodDecl>(fd);
  if (!method || method->isStatic())
    return "";
  llvm::SmallVector<std::string, 8> spelled;
  auto add = [&](const std::string &name) {
    if (!llvm::is_contained(spelled, name))
      spelled.push_back(name);
  };
  // In a class template, a member of a dependent type is state in some
  // instantiations only: each one decides (selfMember_).
  llvm::SmallVector<std::string, 4> dependent;
  for (const FieldDecl *field : method->getParent()->fields()) {
    if (field->isBitField() || !field->getIdentifier())
      continue;
    if (field->getType()->isDependentType())
      dependent.push_back(field->getNameAsString());
    else if (isSelfState(field->getType()))
      add(field->getNameAsString());
  }
  // The declared type: in a const method, every member reads as const.
  // A method called on a member reads and writes its members too
  // (`l1.update(g)`: `l1.w`, `l1.b`).
  llvm::SmallPtrSet<const Decl *, 8> seen{fd};
  visitMembers(ctx, analysis, fd->getBody(), "", seen,
               [&](const MemberExpr *e, const std::string &name,
                   const FunctionAnalysis &) {
                 if (isSelfState(e->getMemberDecl()->getType()) &&
                     nameable(e, name))
                   add(name);
               });
  std::string out;
  if (!spelled.empty()) {
    out = "::ag::detail::SelfScope " + local("self") + "(this, {";
    for (const std::string &name : spelled)
      out += (&name == spelled.begin() ? "" : ", ") + ("{" + quote(name)) +
             ", " + name + "}";
    out += "});\n";
  }
  // decltype of the unparenthesized member: its declared type, not made
  // const by a const method.
  for (const std::string &name : dependent)
    out += "::ag::detail::selfMember_<decltype(" + name + ")>(this, " +
           quote(name) + ", " + name + ");\n";
  return out;
}

/// The outermost expression of instantiation `spec`'s body written at the
/// range of `e` (of the template's pattern), or null.
static const Expr *instantiated(const FunctionDecl *spec, const Expr *e) {
  const Expr *found = nullptr;
  std::function<void(const Stmt *)> visit = [&](const Stmt *n) {
    if (found)
      return;
    if (const auto *x = dyn_cast<Expr>(n);
        x && x->getBeginLoc() == e->getBeginLoc() &&
        x->getEndLoc() == e->getEndLoc()) {
      found = x;
      return;
    }
    for (const Stmt *child : n->children())
      if (child)
        visit(child);
  };
  if (spec->getBody())
    visit(spec->getBody());
  return found;
}

/// In a template, the twin is one text for all instantiations, written
/// from the pattern, where a condition of a dependent type reads as a host
/// condition. That is right only if it is one in every instantiation this
/// file makes (the only ones: the template is defined here).
void TwinEmitter::checkDependent() {
  llvm::SmallVector<const FunctionDecl *, 4> specs = templateInstantiations(fd);
  auto report = [&](const Expr *cond, llvm::StringRef what) {
    if (!cond || !cond->isTypeDependent())
      return;
    for (const FunctionDecl *spec : specs) {
      const Expr *inst = instantiated(spec, cond);
      if (!inst || !(isStagedCondition(inst) ||
                     (what == "range-for" && isTensorType(inst->getType()))))
        continue;
      diags.report(cond->getBeginLoc(), Diag::DependentCondition)
          << what << spec << cond->getSourceRange();
      failed = true;
      return;
    }
  };
  forEachDescendant(fd->getBody(), [&](const Stmt *n) {
    if (const auto *ifs = dyn_cast<IfStmt>(n))
      report(ifs->getCond(), "'if'");
    else if (isa<WhileStmt, DoStmt, ForStmt>(n))
      report(loopCondition(n), "loop");
    else if (const auto *range = dyn_cast<CXXForRangeStmt>(n))
      report(range->getRangeInit(), "range-for");
    else if (const auto *co = dyn_cast<ConditionalOperator>(n))
      report(co->getCond(), "'?:'");
    else if (const auto *bo = dyn_cast<BinaryOperator>(n);
             bo && bo->isLogicalOp()) {
      report(bo->getLHS(), "'" + bo->getOpcodeStr().str() + "'");
      report(bo->getRHS(), "'" + bo->getOpcodeStr().str() + "'");
    }
  });
}

/// A member of the object a method runs on, named in `s` or in the body of
/// a method of the object (or of one of its members) that `s` calls,
/// transitively: `visit(e, name, analysis)` for each MemberExpr `e` of a
/// field, spelled from `this` (`l1.w` for `w` in `l1.update(g)`), with the
/// analysis of the body it is in (whether it is modified there).
static void visitMembers(ASTContext &ctx, const FunctionAnalysis &analysis,
                         const Stmt *s, const std::string &prefix,
                         llvm::SmallPtrSetImpl<const Decl *> &seen,
                         MemberVisitor visit) {
  auto each = [&](const Stmt *n) {
    std::string name;
    if (const auto *e = dyn_cast<MemberExpr>(n)) {
      if (memberOfThis(e, &name))
        visit(e, prefix + name, analysis);
      return;
    }
    const auto *call = dyn_cast<CXXMemberCallExpr>(n);
    const CXXMethodDecl *method = call ? call->getMethodDecl() : nullptr;
    const FunctionDecl *def = nullptr;
    // Not into the standard library: `history.push_back(t)` is a write to
    // `history` itself.
    if (!method || method->isStatic() || !method->hasBody(def) ||
        ctx.getSourceManager().isInSystemHeader(def->getLocation()))
      return;
    const Expr *object = call->getImplicitObjectArgument();
    std::string objectPrefix = prefix;
    if (!object || !isa<CXXThisExpr>(object->IgnoreParenImpCasts())) {
      if (!object || !memberOfThis(object, &name))
        return;
      objectPrefix += name + ".";
    }
    if (!seen.insert(def).second)
      return;
    FunctionAnalysis callee(ctx, def);
    visitMembers(ctx, callee, def->getBody(), objectPrefix, seen, visit);
    seen.erase(def); // another object may call it again
  };
  // `s` itself too: a branch may be the call alone (`if (c) add(x);`).
  each(s);
  forEachDescendant(s, each);
}

/// Adds to `out` the ag::Tensor members of the object `analysis`'s method
/// runs on that `s` assigns, spelled from `this`. A call of another of the
/// object's methods, or of a method of one of its members, assigns what its
/// body assigns (`add(x)` updating `total`, `l1.update(g)` updating
/// `l1.w`), so a staged loop around the call carries them too.
static void collectMemberWrites(ASTContext &ctx,
                                const FunctionAnalysis &analysis, const Stmt *s,
                                llvm::SmallVectorImpl<std::string> &out,
                                llvm::SmallPtrSetImpl<const Decl *> &seen) {
  visitMembers(ctx, analysis, s, "", seen,
               [&](const MemberExpr *e, const std::string &name,
                   const FunctionAnalysis &in) {
                 if (isTensorType(e->getMemberDecl()->getType()) &&
                     nameable(e, name) && in.isModified(e) &&
                     !llvm::is_contained(out, name))
                   out.push_back(name);
               });
}

/// The first write to a member that is not an ag::Tensor in the body of the
/// method `call` calls on a member of the object (transitively), or null:
/// such a write would happen once, while tracing.
static const MemberExpr *hostMemberWrite(ASTContext &ctx,
                                         const FunctionAnalysis &analysis,
                                         const FunctionDecl *fd,
                                         const CXXMemberCallExpr *call) {
  const MemberExpr *found = nullptr;
  llvm::SmallPtrSet<const Decl *, 8> seen{fd};
  visitMembers(
      ctx, analysis, call, "", seen,
      [&](const MemberExpr *e, const std::string &name,
          const FunctionAnalysis &in) {
        // A private tensor of a member object cannot be carried either.
        if (found ||
            (isTensorType(e->getMemberDecl()->getType()) &&
             nameable(e, name)) ||
            !in.isModified(e))
          return;
        // `l1.w = t` and `l1.update(g)` modify `l1` too: only
        // the field written, or a method without a body, count.
        const Stmt *parent = in.parents().getParent(e);
        while (parent && isa<ImplicitCastExpr, ParenExpr>(parent))
          parent = in.parents().getParent(parent);
        if (const auto *outer = dyn_cast_or_null<MemberExpr>(parent)) {
          if (memberOfThis(outer, nullptr))
            return;
          const auto *m = dyn_cast<CXXMethodDecl>(outer->getMemberDecl());
          const FunctionDecl *def = nullptr;
          if (m && m->hasBody(def) &&
              !ctx.getSourceManager().isInSystemHeader(def->getLocation()))
            return;
        }
        found = e;
      });
  return found;
}

llvm::SmallVector<std::string, 4>
TwinEmitter::membersAssignedIn(llvm::ArrayRef<const Stmt *> parts) const {
  llvm::SmallVector<std::string, 4> members;
  if (!isa<CXXMethodDecl>(fd))
    return members;
  llvm::SmallPtrSet<const Decl *, 8> seen{fd};
  for (const Stmt *part : parts)
    if (part)
      collectMemberWrites(ctx, analysis, part, members, seen);
  return members;
}

/// A converted method may assign its ag::Tensor members outside staged
/// control flow (ag::method writes the results back); any other write to
/// the object's state would happen once, while tracing.
void TwinEmitter::checkMemberWrites() {
  if (!isa<CXXMethodDecl>(fd))
    return;
  ParentMap &pm = analysis.parents();
  // Is `n` inside a staged construct, or after a statement a lowered jump
  // may leave (guarded by a staged flag)?
  auto underStaged = [&](const Stmt *n) {
    for (const Stmt *child = n, *p = pm.getParent(n); p;
         child = p, p = pm.getParent(p)) {
      if (const auto *ifs = dyn_cast<IfStmt>(p);
          ifs && child != ifs->getCond() && child != ifs->getInit() &&
          analysis.isStagedIf(ifs))
        return true;
      if (isLoop(p) && analysis.isStaged(p))
        return true;
      if (isStagedLogical(p) && child == cast<BinaryOperator>(p)->getRHS())
        return true;
      if (const auto *co = dyn_cast<ConditionalOperator>(p);
          co && child != co->getCond() && isStagedCondition(co->getCond()))
        return true;
      if (const auto *cs = dyn_cast<CompoundStmt>(p))
        for (const Stmt *sibling : cs->body()) {
          if (sibling == child)
            break;
          if (!analysis.exitFlags(sibling).empty())
            return true;
        }
    }
    return false;
  };
  llvm::DenseSet<const FieldDecl *> reported;
  forEachDescendant(fd->getBody(), [&](const Stmt *n) {
    const auto *e = dyn_cast<MemberExpr>(n);
    const FieldDecl *field = e ? memberOfThis(e, nullptr) : nullptr;
    if (!field || reported.count(field) || !analysis.isModified(e))
      return;
    // `l1.w = t` modifies l1 too: report the member written, not its parents.
    const Stmt *parent = pm.getParent(e);
    while (parent && isa<ImplicitCastExpr, ParenExpr>(parent))
      parent = pm.getParent(parent);
    if (const auto *outer = dyn_cast_or_null<MemberExpr>(parent);
        outer && memberOfThis(outer, nullptr))
      return;
    // A staged construct carries the ag::Tensor members it assigns
    // (membersAssignedIn), also through a method of a member object
    // (`l1.update(g)`) whose body writes only tensor members.
    if (isTensorType(field->getType()))
      return;
    if (const auto *call = dyn_cast_or_null<CXXMemberCallExpr>(
            parent ? pm.getParent(parent) : nullptr);
        call && call->getImplicitObjectArgument() &&
        call->getImplicitObjectArgument()->IgnoreParenImpCasts() == e &&
        call->getMethodDecl() && call->getMethodDecl()->hasBody() &&
        !ctx.getSourceManager().isInSystemHeader(
            call->getMethodDecl()->getLocation())) {
      const MemberExpr *write = hostMemberWrite(ctx, analysis, fd, call);
      if (!write)
        return;
      // Named at the call: the host member its body writes.
      field = cast<FieldDecl>(write->getMemberDecl());
      if (reported.count(field))
        return;
      reported.insert(field);
      diags.report(e->getMemberLoc(), Diag::MemberWrite)
          << field << field->getType() << (underStaged(e) ? 1 : 0)
          << e->getSourceRange();
      diags.report(write->getMemberLoc(), Diag::AssignedHere)
          << field << write->getSourceRange();
      failed = true;
      return;
    }
    bool staged = underStaged(e);
    reported.insert(field);
    diags.report(e->getMemberLoc(), Diag::MemberWrite)
        << field << field->getType() << (staged ? 1 : 0) << e->getSourceRange();
    failed = true;
  });
}

} // namespace frontend
} // namespace ag
