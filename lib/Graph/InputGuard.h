//===- InputGuard.h - Text that crashes MLIR 19's parser -------*- C++ -*-===//
//
// MLIR 19's parser (Debian's libmlir-19, which we cannot patch) crashes on a
// few inputs that ag never writes: a sparse<...> or dense_resource<...>
// elements attribute, and SSA forward references (a use of %x before its
// definition, e.g. into an op's own region), and it overflows the stack on
// text nested a few thousand levels deep. Graph::load and ag-opt scan the
// text for these before handing it to the parser (docs/security.md).
//
//===----------------------------------------------------------------------===//
#ifndef AG_LIB_GRAPH_INPUTGUARD_H
#define AG_LIB_GRAPH_INPUTGUARD_H

#include "llvm/ADT/StringRef.h"

#include <optional>
#include <string>

namespace ag::detail {

/// The first construct of `text` that the guard rejects: 1-based line and
/// column of its token and a message for the user.
struct UnsafeSyntax {
  unsigned line = 0, col = 0;
  std::string message;
};

/// Scans MLIR text (comments and string literals skipped) for the
/// constructs above and for `{ ( [ <` nested more than 512 levels. ag's own
/// graphs never contain them: the dialect has no branches, so a value is always
/// defined before its first use in the text.
std::optional<UnsafeSyntax> findUnsafeSyntax(llvm::StringRef text);

} // namespace ag::detail

#endif // AG_LIB_GRAPH_INPUTGUARD_H
