//===- Nodes.h - AG_NODE calls and the lazy values they produce -*- C++ -*-===//
//
// A call of an AG_NODE function from converted code becomes a graph node
// (ag::detail::node_ in ag/Node.h); the locals holding its result, or parts
// of it, become ag::Lazy<T> (ag::Tensor for arithmetic parts) in the twin.
// This file decides, from Clang's types, which expressions and locals hold
// node results, and spells the calls the twin makes for them.
//
//===----------------------------------------------------------------------===//
#ifndef AG_FRONTEND_NODES_H
#define AG_FRONTEND_NODES_H

#include "Diagnostics.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/STLFunctionalExtras.h"

#include <functional>

#include <optional>
#include <string>
#include <vector>

namespace ag {
namespace frontend {

enum class NodeKind { None, Pure, Effect };

/// AG_NODE / AG_NODE_EFFECT on any declaration of `fd` (or of the template
/// it is instantiated from).
NodeKind nodeKind(const clang::FunctionDecl *fd);
/// The AG_NODE function `e` calls (not through a pointer), or null.
const clang::FunctionDecl *nodeCallee(const clang::Stmt *e);
/// The registered name of node `fd`: `ns::f`, `ns::C::f`, `ns::f<int>`.
std::string nodeName(clang::ASTContext &ctx, const clang::FunctionDecl *fd);
/// `&::ns::f` for node `fd`, with a cast picking it out of an overload set.
std::string nodePointer(clang::ASTContext &ctx, const clang::FunctionDecl *fd);

/// `type` spelled from the global namespace, keeping typedef names
/// (`::std::string`); `auto` is replaced by what it deduced.
std::string spell(clang::ASTContext &ctx, clang::QualType type);

/// A converted function whose result is a host type (not void, ag::Tensor
/// or arithmetic): its twin returns ::ag::Lazy<R>.
bool returnsLazy(const clang::FunctionDecl *fd);
/// `::ag::Lazy<R>` for such a function.
std::string lazyReturnType(clang::ASTContext &ctx,
                           const clang::FunctionDecl *fd);

/// A converted free function returning a number, or a std::pair/std::tuple
/// of numbers (and tensors): its twin returns each number as a 0-d
/// ::ag::Tensor (ag::detail::TwinResult). `whole`: the result is a number.
bool returnsNumbers(const clang::FunctionDecl *fd, bool *whole = nullptr);
/// What the twin returns when returnsLazy or returnsNumbers.
std::string twinResultType(clang::ASTContext &ctx,
                           const clang::FunctionDecl *fd);
/// One tensor of a composite result: its slot's name part (`first`, `1`,
/// `w`, `1.w`) and how the twin reaches it in a variable of the twin's
/// result type (`@` stands for the variable: `::std::get<1>(@).w`).
/// The elements of `type` if it is a std::pair or std::tuple.
std::optional<llvm::SmallVector<clang::QualType, 4>>
tupleElements(clang::QualType type);

struct ResultSlot {
  std::string part;
  std::string access;
  /// A number's C++ type (the twin holds it in an ag::Tensor), or empty.
  std::string number;
};
/// The tensors of a result that is a std::pair/std::tuple of tensors,
/// numbers (top level) and aggregate structs of tensors, or an aggregate
/// struct of tensors, in order; std::nullopt for any other type (a tensor
/// or number is one slot of its own, not a composite). `spelling`: the
/// twin's type for the result.
std::optional<std::vector<ResultSlot>>
resultSlots(clang::ASTContext &ctx, const clang::FunctionDecl *fd,
            std::string *spelling);
/// A local the twin holds as a composite of tensors only: a std::pair,
/// std::tuple or aggregate struct (nested) of ag::Tensor, or an `auto` local
/// holding a converted function's pair/tuple with numbers (numbers are
/// tensors in the twin). A staged if or loop assigning it (whole or a part)
/// merges it part by part: each slot's access (`@` for the variable).
std::optional<std::vector<ResultSlot>>
compositeParts(const clang::VarDecl *var);
/// `t.item<T>()` on an ag::Tensor: a number known only when the graph runs.
bool isItemCall(const clang::Expr *e);
/// The `::ag::DType::...` a graph holds values of arithmetic `type` in.
std::string numberDType(clang::QualType type);

/// Forgets the facts of the previous translation unit.
void resetNodeValues();

/// While set to `fd` (null: none), the facts of `fd` are those of its staged
/// twin: every by-value or const & number parameter (isPromotableParam) is a
/// staged number, as when a converted caller passes it one. Set while analysing
/// and emitting that twin.
void setStagedParameters(const clang::FunctionDecl *fd);
/// The function setStagedParameters set, or null.
const clang::FunctionDecl *stagedParameters();
/// A call of converted function `callee` from `caller` passing a staged
/// number (isNodeValue) for a number parameter (isPromotableParam): the
/// caller's twin calls the callee's staged twin. Null if it passes none.
bool passesStagedNumber(const clang::CallExpr *call);

/// Does `e` hold (part of) a node result, known only when the graph runs?
/// Its twin value is an ag::Tensor (arithmetic and ag::Tensor types) or an
/// ag::Lazy<T> (any other type).
bool isNodeValue(const clang::Expr *e);
/// `v[i]` or `v.at(i)` of a std::vector<ag::Tensor> with an index known only
/// when the graph runs (a number from item(), a node or staged control
/// flow): the vector expression, else null. The twin indexes the stacked
/// elements (ag::detail::element_).
const clang::Expr *stagedElementVector(const clang::Expr *e,
                                       const clang::Expr **index = nullptr);
/// ... of a type that is an ag::Lazy<T> in the twin (not arithmetic).
bool isLazyValue(const clang::Expr *e);
/// A local of a converted function declared ::ag::Lazy<T> (or ::ag::Tensor
/// for an arithmetic one) in the twin: it is assigned a node result. Also
/// the names of a structured binding of a node result.
bool isStagedLocal(const clang::ValueDecl *var);
/// A by-value (or `const &`) parameter of an arithmetic type (`double
/// limit`, `const double &limit`): when it is
/// a staged local (assigned under staged control flow or a node result),
/// the twin shadows it with an ::ag::Tensor of the same name.
bool isPromotableParam(const clang::VarDecl *var);
/// A local std::vector<T> filled with node results (fan-out): declared
/// std::vector<::ag::Lazy<T>> in the twin.
bool isFanOutVector(const clang::VarDecl *var);

/// The type a staged local or fan-out vector is declared with in the twin,
/// keeping its const and reference.
std::string twinTypeOf(clang::ASTContext &ctx, const clang::VarDecl *var);

/// Spells what a twin emits for node values; `expr` rewrites a
/// sub-expression, `loc` spells a location `{line, col, ...}`.
struct NodeSpeller {
  clang::ASTContext &ctx;
  std::function<std::string(const clang::Expr *)> expr;
  std::function<std::string(clang::SourceRange, llvm::StringRef)> loc;
  std::function<std::string(clang::SourceRange)> text;
  /// The name of a twin-internal local.
  std::function<std::string(llvm::StringRef)> local;
  /// The ::ag::detail::NodeSite of a node call (`{loop, {args...}}`), or
  /// "" when it would tell nothing: not in a host loop, no argument that
  /// may be captured as a host value.
  std::function<std::string(const clang::CallExpr *)> site;

  /// A node call, member_ of a lazy value or callTwinAs of a converted
  /// function returning a host type, or nullopt if `e` is none of those.
  std::optional<std::string> rewrite(const clang::Expr *e,
                                     llvm::StringRef name = "") const;
  /// A declaration statement of staged locals, fan-out vectors or a
  /// structured binding of a node result, or nullopt.
  std::optional<std::string> declaration(const clang::DeclStmt *ds,
                                         unsigned &counter) const;

private:
  /// An unsigned operation (integerOp_), `++`/`--` of an emulated integer
  /// (ag::detail::isEmulatedInteger).
  std::string emulatedOperation(const clang::Expr *e) const;
  /// An operand of one, converted to the operation's `type` as C++ does.
  std::string emulatedOperand(const clang::Expr *e, clang::QualType type) const;
  /// Parts of `rewrite`: a <cmath>-like call of staged numbers, an
  /// assignment to a staged number, a braced aggregate with staged numbers,
  /// a call of an AG_NODE function.
  std::string numberMathCall(const clang::CallExpr *call,
                             llvm::StringRef math) const;
  std::string numberAssignmentText(const clang::BinaryOperator *bo,
                                   clang::QualType stored, bool convert) const;
  std::string aggregateText(const clang::Expr *e,
                            const clang::InitListExpr *ile,
                            llvm::StringRef name) const;
  std::string nodeCallText(const clang::CallExpr *call,
                           const clang::FunctionDecl *callee,
                           llvm::StringRef name) const;
  /// A staged composite's declaration (isStagedComposite).
  std::optional<std::string>
  compositeDeclarator(const clang::VarDecl *var) const;
  /// One variable of such a declaration (several are written one by one).
  std::optional<std::string> declarator(const clang::VarDecl *var,
                                        unsigned &counter) const;
};

/// A local struct/pair/tuple of tensors and numbers whose number part is
/// given a staged value (a value known only when the graph runs, or under
/// staged control flow): the twin declares it with every part an
/// ag::Tensor, merged part by part (compositeParts).
bool isStagedComposite(const clang::VarDecl *var);
/// `a.sum` or `std::get<1>(p)` of such a local: a staged number.
bool isStagedNumberPart(const clang::Expr *e);

/// Does `e` need the rewrite NodeSpeller::rewrite does?
bool needsNodeRewrite(const clang::Expr *e);

/// Declarations of AG_NODE functions the graph cannot call: a reference or
/// pointer result, a non-const lvalue reference parameter, a non-copyable
/// and non-movable type by value, a non-static member, variadic.
void checkNodeDeclaration(const clang::FunctionDecl *fd, Diagnostics &diags);
/// Does the try block of `s` call an AG_NODE function?
bool tryCallsNodes(const clang::CXXTryStmt *s);
/// Uses of node results in converted function `fd` that cannot be staged.
bool checkNodeUses(const clang::FunctionDecl *fd, Diagnostics &diags);

/// `registerNode(&f, "f")` for every AG_NODE function defined in the main
/// file (each instantiation of a template), at namespace scope.
std::string nodeRegistrations(clang::ASTContext &ctx);

} // namespace frontend
} // namespace ag

#endif // AG_FRONTEND_NODES_H
