//===- TwinEmitter.h - The graph-building twin of a function ----*- C++ -*-===//
//
// Turns the body of one AG_CONVERT function into the C++ text of its twin:
// control flow on staged values becomes ag::if_/while_/... calls with lambdas
// and explicit variable lists, everything else is copied from the source.
//
//===----------------------------------------------------------------------===//
#ifndef AG_FRONTEND_TWINEMITTER_H
#define AG_FRONTEND_TWINEMITTER_H

#include "Analysis.h"
#include "Diagnostics.h"

#include "llvm/ADT/DenseMap.h"

#include <optional>
#include <string>

namespace ag {
namespace frontend {

/// The twins' names of the functions converted in one file: `ag_twin_<name>`,
/// and for overloads `ag_twin_<name>_1`, `_2`... in declaration order (the
/// first keeps the plain name).
class TwinNames {
public:
  explicit TwinNames(llvm::ArrayRef<const clang::FunctionDecl *> defs);
  /// True if `fd` (any redeclaration) is converted in this file.
  bool contains(const clang::FunctionDecl *fd) const;
  /// The name of the twin of `fd`, which must be converted in this file.
  const std::string &operator()(const clang::FunctionDecl *fd) const;

private:
  llvm::DenseMap<const clang::FunctionDecl *, std::string> names; // canonical
};

/// True if another function or function template shares `fd`'s name in its
/// namespace: `&f` then needs a cast to pick `fd`.
bool hasOverloads(const clang::FunctionDecl *fd);

/// Chooses the prefix of every name the rewritten TU declares at namespace
/// scope (`ag_twin_f`, `ag_registered_f`, `ag_source_file`...): "ag_", or
/// "ag1_", "ag2_"... when an identifier of the main file starts with the
/// prefix and the stem of one of those names, so that no generated name
/// collides with a user's or is hidden by one (a parameter named
/// `ag_source_file`). Called once per TU, before anything is generated.
void chooseGlobalPrefix(const clang::SourceManager &sm,
                        const clang::LangOptions &lang);
/// `stem` with the chosen prefix: globalName("twin_") is "ag_twin_".
std::string globalName(llvm::StringRef stem);
/// The variable the rewritten TU defines once, at its top, holding the
/// presumed name of the main file (keeps long paths out of every twin).
inline std::string sourceFileVar() { return globalName("source_file"); }
/// The expression naming the presumed file of `loc` in generated code.
std::string sourceFileExpr(const clang::SourceManager &sm,
                           clang::SourceLocation loc);
/// `text` as a C string literal.
std::string quote(llvm::StringRef text);

/// True if `caller`'s twin cannot name `callee`'s twin directly although
/// both are converted in this file: the callee is defined later in another
/// namespace, where no forward declaration inside the caller's namespace
/// would find it. Such calls go through the registry (ag::detail::callTwin).
bool callsTwinThroughRegistry(const clang::SourceManager &sm,
                              const clang::FunctionDecl *caller,
                              const clang::FunctionDecl *callee);

/// Can the twin of `caller` call the staged twin of `callee`
/// (setStagedParameters): both converted in this file with twins of their
/// own (not in place), the callee's visible from the caller's?
bool canCallStagedTwin(const clang::SourceManager &sm,
                       const clang::FunctionDecl *caller,
                       const clang::FunctionDecl *callee);
/// The name of the staged twin of `fd`: `ag_staged_f` for `ag_twin_f`.
std::string stagedTwinName(const TwinNames &names,
                           const clang::FunctionDecl *fd);

/// `&f` for converted function `fd`, spelled from the global namespace, with
/// a cast picking the overload when the name has several.
/// With `fromGlobal`, a function of the global namespace is `&::f` too (in
/// its own body, a parameter may be named `f`).
std::string originalPointer(clang::ASTContext &ctx,
                            const clang::FunctionDecl *fd,
                            bool fromGlobal = false);

/// The first print (a std::ostream `<<` chain, printf or puts) under `body`,
/// or null: one in a plain helper would run once, while tracing.
const clang::Expr *firstPrint(const clang::Stmt *body);

/// The declaration of the twin of `fd` as written in the source, without
/// body or `;` (null if it is spelled through macros). `withDefaults`: with
/// the default arguments of every declaration of `fd` (the twin's first
/// declaration), or with none (a later one). `staged`: of its staged twin
/// (setStagedParameters), whose number parameters are ::ag::Tensor.
std::optional<std::string> twinSignature(clang::ASTContext &ctx,
                                         const clang::FunctionDecl *fd,
                                         const TwinNames &names,
                                         bool withDefaults = true,
                                         bool staged = false);

/// The names of the graph inputs of `fd`'s parameters, one per tensor
/// position in the order ag::function flattens them: `x` for an ag::Tensor,
/// `xs[]` for a std::vector/std::array of them (elements numbered when
/// traced), `p.w` for a tensor field of an aggregate struct.
std::vector<std::string> tensorPositionNames(const clang::FunctionDecl *fd);

/// Builds the (unformatted) definition of the twin of `fd`, or reports
/// diagnostics and returns std::nullopt.
std::optional<std::string> emitTwin(clang::ASTContext &ctx,
                                    const clang::FunctionDecl *fd,
                                    const TwinNames &names, Diagnostics &diags,
                                    bool withDefaults = true,
                                    bool staged = false);

/// Member functions and function templates get their twin inside the
/// original, as `if (::ag::detail::tracing()) { ... }` after its `{`: it
/// keeps the method's access rights and `this`, and C++ instantiates it
/// with the template. A call of such a function (from any twin) calls the
/// original, which runs the twin while tracing.
bool hasInPlaceTwin(const clang::FunctionDecl *fd);

/// The instantiations this file makes of template `fd`: of a function
/// template, or of a member function of a class template (one per
/// instantiation of the class that defines the member). Empty for anything
/// else.
llvm::SmallVector<const clang::FunctionDecl *, 4>
templateInstantiations(const clang::FunctionDecl *fd);

/// The name of `fd` from the global namespace: `f` or `::ns::f`.
std::string qualifiedName(const clang::FunctionDecl *fd);

/// Builds that `if` statement (unformatted) for method or function template
/// `fd`, or reports diagnostics and returns std::nullopt.
std::optional<std::string> emitInPlaceTwin(clang::ASTContext &ctx,
                                           const clang::FunctionDecl *fd,
                                           const TwinNames &names,
                                           Diagnostics &diags);

} // namespace frontend
} // namespace ag

#endif // AG_FRONTEND_TWINEMITTER_H
