//===- TwinEmitter.h - Builds the graph-building twin of a function -*- C++
//-*-===//
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

#include <optional>
#include <string>

namespace ag {
namespace frontend {

/// The name of the twin of `fd`.
std::string twinName(const clang::FunctionDecl *fd);
/// The variable the rewritten TU defines once, at its top, holding the
/// presumed name of the main file (keeps long paths out of every twin).
constexpr const char *kSourceFileVar = "ag_source_file";
/// The expression naming the presumed file of `loc` in generated code.
std::string sourceFileExpr(const clang::SourceManager &sm,
                           clang::SourceLocation loc);
/// `text` as a C string literal.
std::string quote(llvm::StringRef text);

/// The declaration of the twin of `fd` as written in the source, without
/// body or `;` (null if it is spelled through macros).
std::optional<std::string> twinSignature(clang::ASTContext &ctx,
                                         const clang::FunctionDecl *fd);

/// Builds the (unformatted) definition of the twin of `fd`, or reports
/// diagnostics and returns std::nullopt.
std::optional<std::string> emitTwin(clang::ASTContext &ctx,
                                    const clang::FunctionDecl *fd,
                                    Diagnostics &diags);

} // namespace frontend
} // namespace ag

#endif // AG_FRONTEND_TWINEMITTER_H
