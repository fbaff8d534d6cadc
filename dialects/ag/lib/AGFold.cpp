//===- AGFold.cpp - ag op folders -----------------------------------------===//

#include "ag/Dialect/AGOps.h"

using namespace mlir;
using namespace ag::ir;

OpFoldResult ConstantOp::fold(FoldAdaptor) { return getValue(); }
#define AG_NO_FOLD(OP)                                                         \
  OpFoldResult OP::fold(FoldAdaptor) { return {}; }
AG_NO_FOLD(AddOp)
AG_NO_FOLD(SubOp)
AG_NO_FOLD(MulOp) AG_NO_FOLD(DivOp) AG_NO_FOLD(RemOp) AG_NO_FOLD(PowOp)
    AG_NO_FOLD(MinOp) AG_NO_FOLD(MaxOp) AG_NO_FOLD(AndOp) AG_NO_FOLD(OrOp)
        AG_NO_FOLD(XorOp) AG_NO_FOLD(CmpOp) AG_NO_FOLD(NegOp) AG_NO_FOLD(AbsOp)
            AG_NO_FOLD(ExpOp) AG_NO_FOLD(LogOp) AG_NO_FOLD(SqrtOp)
                AG_NO_FOLD(TanhOp) AG_NO_FOLD(FloorOp) AG_NO_FOLD(NotOp)
                    AG_NO_FOLD(SelectOp) AG_NO_FOLD(CastOp)
                        AG_NO_FOLD(BroadcastOp) AG_NO_FOLD(IndexOp)
                            AG_NO_FOLD(ReduceSumOp) AG_NO_FOLD(StackOp)
                                AG_NO_FOLD(AssertOp)
