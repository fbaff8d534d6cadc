//===- Fingerprints.h - Fingerprints of converted functions -----*- C++ -*-===//
//
// The durable store (issue 14) keys a node's result on a fingerprint of the
// node's code, so that editing a function invalidates exactly its results
// and its dependents'. ag-convert computes it from the function's tokens and
// those of the annotated functions it reaches in the same file.
//
//===----------------------------------------------------------------------===//
#ifndef AG_FRONTEND_FINGERPRINTS_H
#define AG_FRONTEND_FINGERPRINTS_H

#include "clang/AST/ASTContext.h"
#include "clang/Lex/Preprocessor.h"
#include "llvm/ADT/ArrayRef.h"

#include <string>

namespace ag {
namespace frontend {

/// One `::ag::detail::fingerprint_("name", "<hex>")` static registration per
/// AG_NODE function defined in the main file (per instantiation of a
/// template) and per AG_CONVERT function in `converted`, under the name the
/// graph records for it (the node's registered name, or the twin's scope
/// name). The fingerprint hashes the spelling of the function's tokens (not
/// whitespace or comments) and of the definitions of the macros they name
/// (`pp` has them as they stand at the end of the file), its AG_NODE_VERSION
/// tag, and the same of every AG_NODE/AG_CONVERT function defined in the
/// file that it references, transitively.
std::string
fingerprintRegistrations(clang::ASTContext &ctx, clang::Preprocessor &pp,
                         llvm::ArrayRef<const clang::FunctionDecl *> converted);

} // namespace frontend
} // namespace ag

#endif // AG_FRONTEND_FINGERPRINTS_H
