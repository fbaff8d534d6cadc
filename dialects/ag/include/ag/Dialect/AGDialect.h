//===- AGDialect.h - The ag dialect -----------------------------*- C++ -*-===//
//
// The `ag` dialect (namespace ::ag::ir): lazily evaluated graphs traced from
// AG_CONVERT functions. See docs/dialect/AGDialect.md.
//
//===----------------------------------------------------------------------===//
#ifndef AG_DIALECT_AGDIALECT_H
#define AG_DIALECT_AGDIALECT_H

#include "mlir/IR/Dialect.h"

#include "ag/Dialect/AGOpsDialect.h.inc"

#endif // AG_DIALECT_AGDIALECT_H
