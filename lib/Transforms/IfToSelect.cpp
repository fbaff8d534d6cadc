//===- IfToSelect.cpp - speculate small trap-free ag.if ops ---------------===//

#include "ag/Dialect/AGOps.h"
#include "ag/Transforms/Passes.h"

namespace ag {
#define GEN_PASS_DEF_IFTOSELECT
#include "ag/Transforms/Passes.h.inc"
} // namespace ag

using namespace mlir;

namespace {
struct IfToSelectPass : public ag::impl::IfToSelectBase<IfToSelectPass> {
  using IfToSelectBase::IfToSelectBase;
  void runOnOperation() override {}
};
} // namespace
