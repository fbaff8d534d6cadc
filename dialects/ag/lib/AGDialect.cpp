//===- AGDialect.cpp - ag dialect registration, types, inlining -----------===//

#include "ag/Dialect/AGDialect.h"
#include "ag/Dialect/AGOps.h"
#include "ag/Dialect/AGTypes.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/DialectImplementation.h"
#include "mlir/Transforms/InliningUtils.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace ag::ir;

#include "ag/Dialect/AGOpsDialect.cpp.inc"

#define GET_TYPEDEF_CLASSES
#include "ag/Dialect/AGOpsTypes.cpp.inc"

bool ag::ir::isAGElementType(Type type) {
  return type.isInteger(1) || type.isInteger(32) || type.isInteger(64) ||
         type.isF32() || type.isF64();
}

bool ag::ir::isAGTensorType(Type type) {
  auto tensor = dyn_cast<RankedTensorType>(type);
  return tensor && isAGElementType(tensor.getElementType());
}

RankedTensorType ag::ir::getScalarType(Type elementType) {
  return RankedTensorType::get({}, elementType);
}

namespace {
/// Lets the upstream `inline` pass inline `ag.call`. Every ag op may be
/// inlined anywhere: functions are isolated and single-block, and nothing in
/// the dialect depends on its enclosing function.
struct AGInlinerInterface : public DialectInlinerInterface {
  using DialectInlinerInterface::DialectInlinerInterface;

  bool isLegalToInline(Operation *call, Operation *callable,
                       bool wouldBeCloned) const final {
    return true;
  }
  bool isLegalToInline(Region *dest, Region *src, bool wouldBeCloned,
                       IRMapping &valueMapping) const final {
    return true;
  }
  bool isLegalToInline(Operation *op, Region *dest, bool wouldBeCloned,
                       IRMapping &valueMapping) const final {
    return true;
  }

  /// The callee body is one block ending in ag.return: its operands replace
  /// the call's results.
  void handleTerminator(Operation *op, ValueRange valuesToRepl) const final {
    auto returnOp = cast<ReturnOp>(op);
    for (auto [value, replaced] :
         llvm::zip_equal(returnOp.getOperands(), valuesToRepl))
      replaced.replaceAllUsesWith(value);
  }
};
} // namespace

void AGDialect::registerTypes() {
  addTypes<
#define GET_TYPEDEF_LIST
#include "ag/Dialect/AGOpsTypes.cpp.inc"
      >();
}

void AGDialect::initialize() {
  registerTypes();
  addOperations<
#define GET_OP_LIST
#include "ag/Dialect/AGOps.cpp.inc"
      >();
  addInterfaces<AGInlinerInterface>();
}

Operation *AGDialect::materializeConstant(OpBuilder &builder, Attribute value,
                                          Type type, Location loc) {
  auto elements = dyn_cast<DenseElementsAttr>(value);
  if (!elements || elements.getType() != type || !isAGTensorType(type) ||
      !cast<RankedTensorType>(type).hasStaticShape())
    return nullptr;
  return builder.create<ConstantOp>(loc, elements);
}
