//===- AGCanonicalize.cpp - ag canonicalization patterns ------------------===//

#include "ag/Dialect/AGOps.h"

#include "mlir/IR/PatternMatch.h"

using namespace mlir;
using namespace ag::ir;

void IfOp::getCanonicalizationPatterns(RewritePatternSet &results,
                                       MLIRContext *context) {}
void WhileOp::getCanonicalizationPatterns(RewritePatternSet &results,
                                          MLIRContext *context) {}
void ForOp::getCanonicalizationPatterns(RewritePatternSet &results,
                                        MLIRContext *context) {}
