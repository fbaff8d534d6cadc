//===- Analysis.h - What a twin needs to know about a function --*- C++ -*-===//
//
// Static-vs-staged decisions from Clang's types, which break/continue/return
// must become control flags, and the def-use facts behind the variable lists
// of if_/while_ (branch-merged and loop-carried variables).
//
//===----------------------------------------------------------------------===//
#ifndef AG_FRONTEND_ANALYSIS_H
#define AG_FRONTEND_ANALYSIS_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMap.h"
#include "clang/AST/StmtCXX.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/SmallVector.h"

namespace ag {
namespace frontend {

/// True for ag::Tensor, ignoring references and cv-qualifiers.
bool isTensorType(clang::QualType type);
/// True for std::vector<ag::Tensor>, ignoring references and cv-qualifiers.
bool isTensorVectorType(clang::QualType type);
/// ag::Tensor::Element: `t[i]` of a tensor variable, assignable (`t[i] = v`
/// assigns `t`).
bool isTensorElementType(clang::QualType type);
/// If `s` is `v.push_back(...)` or `v.emplace_back(...)` on a variable `v`,
/// that variable; otherwise null.
const clang::VarDecl *appendedVar(const clang::Stmt *s);
/// True if `fd` (or any of its redeclarations) carries AG_CONVERT.
bool isAnnotated(const clang::FunctionDecl *fd);
/// If `e` is the contextual conversion of an ag::Tensor to bool, the tensor
/// expression; otherwise null.
const clang::Expr *tensorConvertedToBool(const clang::Expr *e);
/// True if a condition must be staged: it is an ag::Tensor, or a bool built
/// with &&, ||, ! or ?: from a staged operand.
bool isStagedCondition(const clang::Expr *e);
/// Calls `fn` on every statement under `s` (not `s` itself), pre-order, not
/// descending into lambdas (their bodies are separate functions).
void forEachDescendant(const clang::Stmt *s,
                       llvm::function_ref<void(const clang::Stmt *)> fn);
/// Whether `s` mentions variable `var`.
bool references(const clang::Stmt *s, const clang::VarDecl *var);
/// The loop statement kinds the converter handles.
bool isLoop(const clang::Stmt *s);
/// The body of a loop.
const clang::Stmt *loopBody(const clang::Stmt *loop);
/// The variable `e` names, looking through parens and implicit casts.
const clang::VarDecl *referencedVar(const clang::Expr *e);

/// A flag a statement may set when a lowered jump leaves it.
struct Flag {
  enum Kind { Break, Continue, Return } kind;
  const clang::Stmt *loop; // null for Return
  bool operator==(const Flag &o) const {
    return kind == o.kind && loop == o.loop;
  }
};

/// The first append to a staged list under staged control flow, and the
/// construct that makes it staged.
struct StagedAppend {
  const clang::CXXMemberCallExpr *call;
  /// The staged if/loop, or the statement whose lowered jump guards the
  /// statements after it.
  const clang::Stmt *construct;
  /// "'if'", "loop" or "statement", and why it is staged (see stagedReason).
  const char *what;
  unsigned reason;
};

/// Per-function analysis over the body of one AG_CONVERT function.
class FunctionAnalysis {
public:
  FunctionAnalysis(clang::ASTContext &ctx, const clang::FunctionDecl *fd);

  const clang::FunctionDecl *function() const { return fd; }
  clang::ParentMap &parents() { return parentMap; }
  const clang::ParentMap &parents() const { return parentMap; }

  bool isStagedIf(const clang::IfStmt *s) const;
  bool isStaged(const clang::Stmt *loop) const {
    return stagedLoops.count(loop);
  }
  /// Why a loop is staged: 0 condition, 1 range-for over tensor (or over
  /// a staged list), 2 jumps.
  unsigned stagedReason(const clang::Stmt *loop) const;
  bool overStagedList(const clang::CXXForRangeStmt *range) const;
  /// A break/continue/return that must become a control flag because it
  /// would leave a lambda of the twin.
  bool isLowered(const clang::Stmt *jump) const { return lowered.count(jump); }
  bool hasLoweredReturn() const { return loweredReturn; }
  bool needsBreakFlag(const clang::Stmt *loop) const;
  bool needsContinueFlag(const clang::Stmt *loop) const;
  /// The loop or switch a break/continue leaves (null for return).
  const clang::Stmt *jumpTarget(const clang::Stmt *jump) const;
  /// Whether `inner` is `outer` or inside it.
  bool isWithin(const clang::Stmt *inner, const clang::Stmt *outer) const;
  /// Flags that lowered jumps inside `s` leaving `s` may set.
  llvm::SmallVector<Flag, 2> exitFlags(const clang::Stmt *s) const;
  /// Flags set by lowered jumps inside `s` whose flag variable lives
  /// outside `region` (so `region` must list them as assigned).
  llvm::SmallVector<Flag, 2> flagsAssignedIn(const clang::Stmt *s,
                                             const clang::Stmt *region) const;

  /// Local std::vector<ag::Tensor> variables (not parameters, references or
  /// statics) appended to under staged control flow while declared outside
  /// it: the twin declares them as ag::TensorList.
  bool isStagedList(const clang::VarDecl *var) const {
    return stagedLists.count(var);
  }
  /// The first staged append to staged list `var`.
  const StagedAppend &firstStagedAppend(const clang::VarDecl *var) const {
    return stagedLists.find(var)->second;
  }

  /// ag::Tensor variables and staged lists declared outside `parts` and
  /// modified inside them, in order of first modification.
  llvm::SmallVector<const clang::VarDecl *, 4>
  tensorsAssignedIn(llvm::ArrayRef<const clang::Stmt *> parts) const;
  /// Every statement in `parts` modifying `var`.
  llvm::SmallVector<const clang::Expr *, 2>
  modifications(llvm::ArrayRef<const clang::Stmt *> parts,
                const clang::VarDecl *var) const;
  /// Is `e` (a reference to a variable, or any lvalue) written to by its
  /// context?
  bool isModified(const clang::Expr *e) const;
  bool iteratorOnlyRead(const clang::Expr *e) const;

  /// Is `var` possibly read after `s` before being overwritten? Always for
  /// references, globals and variables an alias may read.
  bool liveAfter(const clang::Stmt *s, const clang::VarDecl *var) const;
  /// Is `var` possibly read at the head of `loop` (in an iteration)?
  bool liveInLoop(const clang::Stmt *loop, const clang::VarDecl *var) const;
  /// Does `var` hold a value on every path reaching `s`?
  bool definedBefore(const clang::Stmt *s, const clang::VarDecl *var) const;
  /// Does executing `s` to its end always assign `var`?
  bool definitelyAssigns(const clang::Stmt *s, const clang::VarDecl *var) const;
  /// The first mention of `var` after the end of `s`, or null.
  const clang::DeclRefExpr *firstUseAfter(const clang::Stmt *s,
                                          const clang::VarDecl *var) const;

private:
  enum class Scan { Live, Killed, PassThrough };
  struct AssignFlow;
  enum ExitKind : unsigned {
    Falls = 1,
    Returns = 2,
    Breaks = 4,
    Continues = 8
  };
  unsigned exitsOf(const clang::Stmt *s) const;
  bool assignedAfter(const clang::Stmt *s, bool in, AssignFlow &flow) const;
  Scan scan(const clang::Stmt *s, const clang::VarDecl *var) const;
  bool containsJump(const clang::Stmt *s) const;
  bool crossesLambda(const clang::Stmt *jump) const;
  void computeLowering();
  void computeStagedLists();
  void computeAliased();

  clang::ASTContext &ctx;
  const clang::FunctionDecl *fd;
  const clang::Stmt *body;
  clang::ParentMap parentMap;
  llvm::SmallVector<const clang::Stmt *, 8> jumps;
  llvm::DenseSet<const clang::Stmt *> stagedLoops;
  llvm::DenseSet<const clang::Stmt *> lowered;
  bool loweredReturn = false;
  llvm::DenseMap<const clang::VarDecl *, StagedAppend> stagedLists;
  /// Tensors read through an alias (a reference, a pointer, a lambda
  /// capturing by reference): liveness cannot see those reads.
  llvm::DenseSet<const clang::VarDecl *> aliased;
};

} // namespace frontend
} // namespace ag

#endif // AG_FRONTEND_ANALYSIS_H
