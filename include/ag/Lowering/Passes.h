//===- ag/Lowering/Passes.h - Passes of the lowering ------------*- C++ -*-===//
#ifndef AG_LOWERING_PASSES_H
#define AG_LOWERING_PASSES_H

#include "mlir/Pass/Pass.h"

namespace ag {

#define GEN_PASS_DECL
#include "ag/Lowering/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "ag/Lowering/Passes.h.inc"

} // namespace ag

#endif // AG_LOWERING_PASSES_H
