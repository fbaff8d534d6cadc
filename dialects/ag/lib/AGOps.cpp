//===- AGOps.cpp - ag ops: types, syntax, verifiers, interfaces -----------===//
//
// Folders live in AGFold.cpp and canonicalization patterns in
// AGCanonicalize.cpp.
//
//===----------------------------------------------------------------------===//

#include "ag/Dialect/AGOps.h"
#include "ag/semantics/Format.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/Matchers.h"
#include "mlir/IR/OpImplementation.h"
#include "mlir/IR/TypeUtilities.h"
#include "mlir/Interfaces/FunctionImplementation.h"
#include "llvm/ADT/StringExtras.h"

#include <cmath>

using namespace mlir;
using namespace ag::ir;

#include "ag/Dialect/AGOpsEnums.cpp.inc"

//===----------------------------------------------------------------------===//
// Custom assembly directives
//===----------------------------------------------------------------------===//

/// `: T` when both operands have type T, `: L, R` otherwise.
static ParseResult parseBinaryTypes(OpAsmParser &parser, Type &lhs, Type &rhs) {
  if (parser.parseType(lhs))
    return failure();
  rhs = lhs;
  if (succeeded(parser.parseOptionalComma()))
    return parser.parseType(rhs);
  return success();
}

static void printBinaryTypes(OpAsmPrinter &p, Operation *, Type lhs, Type rhs) {
  p << lhs;
  if (rhs != lhs)
    p << ", " << rhs;
}

/// One type standing for every operand of a variadic group.
static ParseResult
parseSameTypes(OpAsmParser &parser,
               ArrayRef<OpAsmParser::UnresolvedOperand> operands,
               SmallVectorImpl<Type> &types) {
  Type type;
  if (parser.parseType(type))
    return failure();
  types.assign(operands.size(), type);
  return success();
}

static void printSameTypes(OpAsmPrinter &p, Operation *, OperandRange,
                           TypeRange types) {
  if (!types.empty())
    p << types.front();
}

//===----------------------------------------------------------------------===//
// Result type inference
//===----------------------------------------------------------------------===//

/// The binary broadcasting rule: equal element types, and equal shapes or a
/// 0-d operand. The result takes the non-scalar shape and `resultElement`
/// (or the operands' element type when null).
static LogicalResult inferBroadcastType(std::optional<Location> loc,
                                        StringRef opName, Type lhsType,
                                        Type rhsType, Type resultElement,
                                        SmallVectorImpl<Type> &results) {
  auto lhs = dyn_cast<RankedTensorType>(lhsType);
  auto rhs = dyn_cast<RankedTensorType>(rhsType);
  if (!lhs || !rhs)
    return emitOptionalError(loc, "'", opName,
                             "' op operands must be ranked tensors, got ",
                             lhsType, " and ", rhsType);
  if (lhs.getElementType() != rhs.getElementType())
    return emitOptionalError(loc, "'", opName,
                             "' op operand element types differ: ", lhsType,
                             " vs ", rhsType);
  RankedTensorType shaped;
  if (lhs.getShape() == rhs.getShape() || rhs.getRank() == 0)
    shaped = lhs;
  else if (lhs.getRank() == 0)
    shaped = rhs;
  else
    return emitOptionalError(loc, "'", opName, "' op operand shapes of ",
                             lhsType, " and ", rhsType,
                             " are incompatible: they must be equal or one "
                             "operand must be 0-d");
  results.push_back(
      resultElement ? RankedTensorType::get(shaped.getShape(), resultElement)
                    : Type(shaped));
  return success();
}

#define AG_INFER_BROADCAST(OP)                                                 \
  LogicalResult OP::inferReturnTypes(                                          \
      MLIRContext *, std::optional<Location> loc, Adaptor adaptor,             \
      SmallVectorImpl<Type> &results) {                                        \
    return inferBroadcastType(loc, OP::getOperationName(),                     \
                              adaptor.getLhs().getType(),                      \
                              adaptor.getRhs().getType(), Type(), results);    \
  }
AG_INFER_BROADCAST(AddOp)
AG_INFER_BROADCAST(SubOp)
AG_INFER_BROADCAST(MulOp)
AG_INFER_BROADCAST(DivOp)
AG_INFER_BROADCAST(RemOp)
AG_INFER_BROADCAST(PowOp)
AG_INFER_BROADCAST(MinOp)
AG_INFER_BROADCAST(MaxOp)
AG_INFER_BROADCAST(AndOp)
AG_INFER_BROADCAST(OrOp)
AG_INFER_BROADCAST(XorOp)
AG_INFER_BROADCAST(ShlOp)
AG_INFER_BROADCAST(ShrOp)
#undef AG_INFER_BROADCAST

#define AG_INFER_PREDICATE(OP)                                                 \
  LogicalResult OP::inferReturnTypes(MLIRContext *context,                     \
                                     std::optional<Location>, Adaptor adaptor, \
                                     SmallVectorImpl<Type> &results) {         \
    auto input = cast<RankedTensorType>(adaptor.getInput().getType());         \
    results.push_back(input.clone(IntegerType::get(context, 1)));              \
    return success();                                                          \
  }
AG_INFER_PREDICATE(IsNanOp)
AG_INFER_PREDICATE(IsFiniteOp)
#undef AG_INFER_PREDICATE

LogicalResult CmpOp::inferReturnTypes(MLIRContext *context,
                                      std::optional<Location> loc,
                                      Adaptor adaptor,
                                      SmallVectorImpl<Type> &results) {
  return inferBroadcastType(loc, getOperationName(), adaptor.getLhs().getType(),
                            adaptor.getRhs().getType(),
                            IntegerType::get(context, 1), results);
}

LogicalResult ConstantOp::inferReturnTypes(MLIRContext *,
                                           std::optional<Location> loc,
                                           Adaptor adaptor,
                                           SmallVectorImpl<Type> &results) {
  ElementsAttr value = adaptor.getProperties().value;
  if (!value)
    return emitOptionalError(loc, "'", getOperationName(),
                             "' op expects a 'value' attribute");
  results.push_back(value.getType());
  return success();
}

LogicalResult IndexOp::inferReturnTypes(MLIRContext *,
                                        std::optional<Location> loc,
                                        Adaptor adaptor,
                                        SmallVectorImpl<Type> &results) {
  auto source = dyn_cast<RankedTensorType>(adaptor.getSource().getType());
  if (!source || source.getRank() < 1)
    return emitOptionalError(loc, "'", getOperationName(),
                             "' op source must be a tensor of rank >= 1, got ",
                             adaptor.getSource().getType());
  results.push_back(RankedTensorType::get(source.getShape().drop_front(),
                                          source.getElementType()));
  return success();
}

LogicalResult ReduceSumOp::inferReturnTypes(MLIRContext *,
                                            std::optional<Location> loc,
                                            Adaptor adaptor,
                                            SmallVectorImpl<Type> &results) {
  auto input = dyn_cast<RankedTensorType>(adaptor.getInput().getType());
  if (!input)
    return emitOptionalError(loc, "'", getOperationName(),
                             "' op input must be a ranked tensor");
  results.push_back(getScalarType(input.getElementType()));
  return success();
}

LogicalResult StackOp::inferReturnTypes(MLIRContext *,
                                        std::optional<Location> loc,
                                        Adaptor adaptor,
                                        SmallVectorImpl<Type> &results) {
  if (adaptor.getInputs().empty())
    return emitOptionalError(loc, "'", getOperationName(),
                             "' op expects at least one input");
  auto first = dyn_cast<RankedTensorType>(adaptor.getInputs()[0].getType());
  if (!first)
    return emitOptionalError(loc, "'", getOperationName(),
                             "' op inputs must be ranked tensors");
  SmallVector<int64_t> shape{int64_t(adaptor.getInputs().size())};
  llvm::append_range(shape, first.getShape());
  results.push_back(RankedTensorType::get(shape, first.getElementType()));
  return success();
}

//===----------------------------------------------------------------------===//
// Verifiers of value ops
//===----------------------------------------------------------------------===//

LogicalResult ConstantOp::verify() {
  if (!isa<DenseElementsAttr>(getValue()))
    return emitOpError("value must be a dense<...> literal, got ")
           << getValue();
  return success();
}

LogicalResult SelectOp::verify() {
  auto cond = cast<RankedTensorType>(getCond().getType());
  auto result = cast<RankedTensorType>(getType());
  if (cond.getRank() != 0 && cond.getShape() != result.getShape())
    return emitOpError("condition of type ")
           << cond << " must be 0-d or have the shape of the values " << result;
  return success();
}

LogicalResult CastOp::verify() {
  auto input = cast<RankedTensorType>(getInput().getType());
  auto result = cast<RankedTensorType>(getType());
  // Only a static dimension may become dynamic (a value merged with the
  // result of ag.list_stack); the sizes themselves never change.
  bool compatible = input.getRank() == result.getRank();
  for (int64_t i = 0; compatible && i < input.getRank(); ++i)
    compatible =
        result.isDynamicDim(i) || input.getDimSize(i) == result.getDimSize(i);
  if (!compatible)
    return emitOpError("cannot change the shape: ")
           << input << " to " << result;
  return success();
}

/// The numpy broadcast of two shapes with dynamic dimensions: aligned
/// dimensions that are equal, or one of them 1, give the other; a dynamic
/// one against a static size N other than 1 gives N (the run time checks
/// it is 1 or N). Fails for two different static sizes other than 1.
static FailureOr<SmallVector<int64_t>> broadcastShapes(ArrayRef<int64_t> a,
                                                       ArrayRef<int64_t> b) {
  if (a.size() < b.size())
    std::swap(a, b);
  SmallVector<int64_t> result(a);
  size_t offset = a.size() - b.size();
  for (size_t i = 0; i < b.size(); ++i) {
    int64_t &l = result[offset + i];
    int64_t s = b[i];
    if (l == s || s == 1)
      continue;
    if (l == 1 || ShapedType::isDynamic(l))
      l = s;
    else if (!ShapedType::isDynamic(s))
      return failure();
  }
  return result;
}

LogicalResult BroadcastOp::verify() {
  auto input = cast<RankedTensorType>(getInput().getType());
  auto result = cast<RankedTensorType>(getType());
  if (input.getElementType() != result.getElementType())
    return emitOpError("cannot change the element type: ")
           << input << " to " << result;
  if (!getLike().empty()) {
    // The shape is computed when the graph runs; the type must say what is
    // known of it now.
    SmallVector<int64_t> shape(input.getShape());
    for (Value like : getLike()) {
      auto type = cast<RankedTensorType>(like.getType());
      FailureOr<SmallVector<int64_t>> joined =
          broadcastShapes(shape, type.getShape());
      if (failed(joined))
        return emitOpError("cannot broadcast ")
               << input << " like " << type
               << ": aligned from the right, each pair of static dimensions "
                  "must be equal or one of them 1";
      shape = std::move(*joined);
    }
    if (ArrayRef<int64_t>(shape) != result.getShape())
      return emitOpError("result type ")
             << result << " is not the broadcast shape of its operands: "
             << RankedTensorType::get(shape, input.getElementType());
    return success();
  }
  // Without `like` the kernel broadcasts to a shape fixed when the graph is
  // lowered; a dynamic input dimension is checked when it runs.
  if (!result.hasStaticShape())
    return emitOpError("cannot broadcast to a dynamic shape without 'like' "
                       "operands giving it at run time: ")
           << input << " to " << result;
  ArrayRef<int64_t> in = input.getShape(), out = result.getShape();
  bool ok = in.size() <= out.size();
  for (size_t i = 1; ok && i <= in.size(); ++i)
    ok = ShapedType::isDynamic(in[in.size() - i]) || in[in.size() - i] == 1 ||
         in[in.size() - i] == out[out.size() - i];
  if (!ok)
    return emitOpError("cannot broadcast ")
           << input << " to " << result
           << ": each input dimension, aligned from the right, must equal "
              "the result's or be 1";
  return success();
}

Speculation::Speculatability BroadcastOp::getSpeculatability() {
  return getLike().empty() &&
                 cast<RankedTensorType>(getInput().getType()).hasStaticShape()
             ? Speculation::Speculatable
             : Speculation::NotSpeculatable;
}

/// True for a printf conversion the runtime formatter (ag::kernels::format)
/// can apply to one element: `%[flags][width][.precision][length]conv`.
/// `*` widths and `%n` would read or write arguments that are not there.
static bool isValidConversion(StringRef spec) {
  std::optional<ag::sem::Conversion> parsed =
      ag::sem::parseConversion(std::string_view(spec.data(), spec.size()));
  return parsed && parsed->size == spec.size();
}

/// Counts the `{}` / `{%spec}` placeholders of a print format. `{{` and `}}`
/// are literal braces, and so is a lone `}`, as in the runtime formatter.
static FailureOr<unsigned>
countPlaceholders(StringRef format,
                  function_ref<InFlightDiagnostic()> emitError) {
  unsigned count = 0;
  for (size_t i = 0, e = format.size(); i < e; ++i) {
    char c = format[i];
    if ((c == '{' || c == '}') && i + 1 < e && format[i + 1] == c) {
      ++i;
      continue;
    }
    if (c != '{')
      continue;
    size_t close = format.find('}', i + 1);
    if (close == StringRef::npos)
      return emitError() << "format has an unterminated '{' at offset " << i
                         << " (write '{{' for a literal brace)";
    StringRef spec = format.slice(i + 1, close);
    if (!spec.empty() && !isValidConversion(spec))
      return emitError() << "placeholder '{" << spec
                         << "}' must be '{}' or hold one printf conversion "
                            "such as '{%.3f}' or '{%5d}'";
    ++count;
    i = close;
  }
  return count;
}

LogicalResult PrintOp::verify() {
  FailureOr<unsigned> count =
      countPlaceholders(getFormat(), [&] { return emitOpError(); });
  if (failed(count))
    return failure();
  if (*count != getInputs().size())
    return emitOpError("format has ")
           << *count << " placeholder(s) but " << getInputs().size()
           << " value(s) are printed";
  return success();
}

//===----------------------------------------------------------------------===//
// Speculatability of ops that can fail at run time
//===----------------------------------------------------------------------===//

/// An integer divisor that can neither be zero nor -1 (INT_MIN / -1).
static bool isSafeIntegerDivisor(Value divisor) {
  DenseIntElementsAttr attr;
  if (!matchPattern(divisor, m_Constant(&attr)))
    return false;
  return llvm::all_of(attr.getValues<APInt>(), [](const APInt &v) {
    return !v.isZero() && !v.isAllOnes();
  });
}

static Speculation::Speculatability divisionSpeculatability(Value rhs) {
  if (isa<FloatType>(getElementTypeOrSelf(rhs.getType())) ||
      isSafeIntegerDivisor(rhs))
    return Speculation::Speculatable;
  return Speculation::NotSpeculatable;
}

/// A constant shift count in [0, width).
static Speculation::Speculatability shiftSpeculatability(Value count) {
  DenseIntElementsAttr attr;
  if (!matchPattern(count, m_Constant(&attr)))
    return Speculation::NotSpeculatable;
  unsigned width =
      getElementTypeOrSelf(count.getType()).getIntOrFloatBitWidth();
  bool inRange = llvm::all_of(attr.getValues<APInt>(), [&](const APInt &v) {
    return !v.isNegative() && v.ult(width);
  });
  return inRange ? Speculation::Speculatable : Speculation::NotSpeculatable;
}

Speculation::Speculatability ShlOp::getSpeculatability() {
  return shiftSpeculatability(getRhs());
}

Speculation::Speculatability ShrOp::getSpeculatability() {
  return shiftSpeculatability(getRhs());
}

Speculation::Speculatability DivOp::getSpeculatability() {
  return divisionSpeculatability(getRhs());
}

Speculation::Speculatability RemOp::getSpeculatability() {
  return divisionSpeculatability(getRhs());
}

/// A float-to-integer cast fails for a value outside the integer's range:
/// speculatable only for a constant input whose elements all convert.
Speculation::Speculatability CastOp::getSpeculatability() {
  Type from = getElementTypeOrSelf(getInput().getType());
  Type to = getElementTypeOrSelf(getResult().getType());
  if (!isa<FloatType>(from) || !to.isInteger() || to.isInteger(1))
    return Speculation::Speculatable;
  DenseFPElementsAttr attr;
  if (!matchPattern(getInput(), m_Constant(&attr)))
    return Speculation::NotSpeculatable;
  // The truncation in [MIN, -MIN), as ag::sem::Cast checks it.
  double lo = std::ldexp(-1.0, to.getIntOrFloatBitWidth() - 1);
  bool inRange = llvm::all_of(attr.getValues<APFloat>(), [&](APFloat v) {
    double t = std::trunc(v.convertToDouble());
    return t >= lo && t < -lo;
  });
  return inRange ? Speculation::Speculatable : Speculation::NotSpeculatable;
}

/// An integer power fails for a negative exponent: a float result, or a
/// constant exponent with no negative element, never does.
Speculation::Speculatability PowOp::getSpeculatability() {
  if (isa<FloatType>(getElementTypeOrSelf(getResult().getType())))
    return Speculation::Speculatable;
  DenseIntElementsAttr attr;
  if (!matchPattern(getRhs(), m_Constant(&attr)))
    return Speculation::NotSpeculatable;
  bool nonNegative = llvm::all_of(
      attr.getValues<APInt>(), [](const APInt &v) { return !v.isNegative(); });
  return nonNegative ? Speculation::Speculatable : Speculation::NotSpeculatable;
}

/// Reading or writing row `index` of `source` may be hoisted only when the
/// index is a constant known to be in range (else it may fail when run).
static Speculation::Speculatability rowSpeculatability(Value index,
                                                       Value source) {
  DenseIntElementsAttr constant;
  if (!matchPattern(index, m_Constant(&constant)))
    return Speculation::NotSpeculatable;
  int64_t i = (*constant.getValues<APInt>().begin()).getSExtValue();
  int64_t rows = cast<RankedTensorType>(source.getType()).getDimSize(0);
  return i >= 0 && i < rows ? Speculation::Speculatable
                            : Speculation::NotSpeculatable;
}

Speculation::Speculatability IndexOp::getSpeculatability() {
  return rowSpeculatability(getIndex(), getSource());
}

LogicalResult SetIndexOp::verify() {
  auto source = cast<RankedTensorType>(getSource().getType());
  if (source.getRank() < 1)
    return emitOpError("source must be a tensor of rank >= 1, got ") << source;
  auto row = RankedTensorType::get(source.getShape().drop_front(),
                                   source.getElementType());
  if (getValue().getType() != row)
    return emitOpError("value must have the row type ")
           << row << " of the source, got " << getValue().getType();
  return success();
}

Speculation::Speculatability SetIndexOp::getSpeculatability() {
  return rowSpeculatability(getIndex(), getSource());
}

LogicalResult DimOp::verify() {
  int64_t rank = cast<RankedTensorType>(getSource().getType()).getRank();
  if (getIndex() >= static_cast<uint64_t>(rank))
    return emitOpError("dimension ")
           << static_cast<int64_t>(getIndex()) // the I64Attr is signed
           << " is out of range for " << getSource().getType();
  return success();
}

LogicalResult ListStackOp::verify() {
  auto result = cast<RankedTensorType>(getType());
  if (result.getRank() < 1 || !result.isDynamicDim(0))
    return emitOpError("result must be a tensor whose first dimension is "
                       "dynamic (the number of elements), got ")
           << result;
  return success();
}

Speculation::Speculatability ListStackOp::getSpeculatability() {
  return Speculation::NotSpeculatable;
}

//===----------------------------------------------------------------------===//
// Region helpers
//===----------------------------------------------------------------------===//

/// The terminator of `region`'s only block, or null when there is none yet
/// (verifiers run on malformed IR and must not assert).
template <typename TerminatorOp>
static TerminatorOp getTerminator(Region &region) {
  if (region.empty() || region.front().empty())
    return nullptr;
  return dyn_cast<TerminatorOp>(region.front().back());
}

/// Checks that `types` equal `expected`, naming `what` in the diagnostic.
static LogicalResult verifyTypesMatch(Operation *op, TypeRange types,
                                      TypeRange expected, StringRef what,
                                      StringRef expectedWhat) {
  if (types.size() != expected.size())
    return op->emitOpError()
           << what << " has " << types.size() << " value(s) but "
           << expectedWhat << " has " << expected.size();
  for (auto [i, pair] : llvm::enumerate(llvm::zip(types, expected)))
    if (std::get<0>(pair) != std::get<1>(pair))
      return op->emitOpError()
             << what << " #" << i << " has type " << std::get<0>(pair)
             << " but " << expectedWhat << " #" << i << " has type "
             << std::get<1>(pair);
  return success();
}

static void printInitializationList(OpAsmPrinter &p,
                                    Block::BlockArgListType blockArgs,
                                    ValueRange initializers,
                                    StringRef prefix = "") {
  assert(blockArgs.size() == initializers.size() &&
         "expected same length of arguments and initializers");
  if (initializers.empty())
    return;
  p << prefix << '(';
  llvm::interleaveComma(llvm::zip(blockArgs, initializers), p, [&](auto it) {
    p << std::get<0>(it) << " = " << std::get<1>(it);
  });
  p << ")";
}

//===----------------------------------------------------------------------===//
// IfOp
//===----------------------------------------------------------------------===//

void IfOp::build(OpBuilder &builder, OperationState &result,
                 TypeRange resultTypes, Value cond, bool withElseRegion) {
  result.addOperands(cond);
  result.addTypes(resultTypes);
  OpBuilder::InsertionGuard guard(builder);
  Region *thenRegion = result.addRegion();
  builder.createBlock(thenRegion);
  if (resultTypes.empty())
    builder.create<YieldOp>(result.location);
  Region *elseRegion = result.addRegion();
  if (!withElseRegion)
    return;
  builder.createBlock(elseRegion);
  if (resultTypes.empty())
    builder.create<YieldOp>(result.location);
}

YieldOp IfOp::thenYield() { return cast<YieldOp>(thenBlock()->back()); }
YieldOp IfOp::elseYield() { return cast<YieldOp>(elseBlock()->back()); }

ParseResult IfOp::parse(OpAsmParser &parser, OperationState &result) {
  Region *thenRegion = result.addRegion();
  Region *elseRegion = result.addRegion();
  Builder &builder = parser.getBuilder();
  OpAsmParser::UnresolvedOperand cond;
  if (parser.parseOperand(cond) ||
      parser.resolveOperand(cond, getScalarType(builder.getI1Type()),
                            result.operands) ||
      parser.parseOptionalArrowTypeList(result.types) ||
      parser.parseRegion(*thenRegion, /*arguments=*/{}))
    return failure();
  IfOp::ensureTerminator(*thenRegion, builder, result.location);
  if (succeeded(parser.parseOptionalKeyword("else"))) {
    if (parser.parseRegion(*elseRegion, /*arguments=*/{}))
      return failure();
    IfOp::ensureTerminator(*elseRegion, builder, result.location);
  }
  return parser.parseOptionalAttrDict(result.attributes);
}

void IfOp::print(OpAsmPrinter &p) {
  bool printTerminators = !getResults().empty();
  p << ' ' << getCond();
  if (!getResults().empty())
    p << " -> (" << getResultTypes() << ')';
  p << ' ';
  p.printRegion(getThenRegion(), /*printEntryBlockArgs=*/false,
                printTerminators);
  if (!getElseRegion().empty()) {
    p << " else ";
    p.printRegion(getElseRegion(), /*printEntryBlockArgs=*/false,
                  printTerminators);
  }
  p.printOptionalAttrDict((*this)->getAttrs());
}

// The region checks of If/While/For run in verify() rather than
// verifyRegions() so that they precede the generic RegionBranchOpInterface
// checks and name the mismatching region, value and type.
LogicalResult IfOp::verify() {
  if (getNumResults() != 0 && getElseRegion().empty())
    return emitOpError("has ")
           << getNumResults() << " result(s), so it needs an else region";
  for (Region *region : {&getThenRegion(), &getElseRegion()}) {
    if (region->empty())
      continue;
    auto yield = getTerminator<YieldOp>(*region);
    if (!yield)
      return emitOpError("regions must end in ag.yield");
    StringRef name = region == &getThenRegion() ? "then" : "else";
    if (failed(verifyTypesMatch(
            *this, yield.getResults().getTypes(), getResultTypes(),
            (Twine("'") + name + "' region yield").str(), "result list")))
      return failure();
  }
  return success();
}

void IfOp::getSuccessorRegions(RegionBranchPoint point,
                               SmallVectorImpl<RegionSuccessor> &regions) {
  // Both regions branch back to the parent.
  if (!point.isParent()) {
    regions.push_back(RegionSuccessor(getResults()));
    return;
  }
  regions.push_back(RegionSuccessor(&getThenRegion()));
  if (getElseRegion().empty())
    regions.push_back(RegionSuccessor());
  else
    regions.push_back(RegionSuccessor(&getElseRegion()));
}

/// The value of a constant 0-d (or splat) i1 operand.
static std::optional<bool> getConstantBool(Attribute attr) {
  auto elements = dyn_cast_or_null<DenseIntElementsAttr>(attr);
  if (!elements || !elements.isSplat() ||
      !elements.getElementType().isInteger(1))
    return std::nullopt;
  return elements.getSplatValue<bool>();
}

void IfOp::getEntrySuccessorRegions(ArrayRef<Attribute> operands,
                                    SmallVectorImpl<RegionSuccessor> &regions) {
  std::optional<bool> cond = getConstantBool(operands.front());
  if (!cond) {
    getSuccessorRegions(RegionBranchPoint::parent(), regions);
    return;
  }
  Region &taken = *cond ? getThenRegion() : getElseRegion();
  if (taken.empty())
    regions.push_back(RegionSuccessor(getResults()));
  else
    regions.push_back(RegionSuccessor(&taken));
}

void IfOp::getRegionInvocationBounds(
    ArrayRef<Attribute> operands, SmallVectorImpl<InvocationBounds> &bounds) {
  if (std::optional<bool> cond = getConstantBool(operands.front())) {
    bounds.emplace_back(0, *cond ? 1 : 0);
    bounds.emplace_back(0, *cond ? 0 : 1);
    return;
  }
  bounds.assign(2, {0, 1});
}

//===----------------------------------------------------------------------===//
// TryOp
//===----------------------------------------------------------------------===//

YieldOp TryOp::bodyYield() { return cast<YieldOp>(bodyBlock()->back()); }
YieldOp TryOp::handlerYield() { return cast<YieldOp>(handlerBlock()->back()); }

LogicalResult TryOp::verify() {
  if (bodyBlock()->getNumArguments() != 0)
    return emitOpError("body region takes no arguments");
  Block *handler = handlerBlock();
  // The message's type is the name the tracing compiler gives std::string
  // ("std::string", or GCC's "std::__cxx11::basic_string<char>").
  if (getCatches()) {
    if (getAll())
      return emitOpError("'all' and 'catches' exclude each other");
    if (getCatches()->empty())
      return emitOpError("'catches' names at least one type");
    auto index =
        handler->getNumArguments() == 2
            ? dyn_cast<RankedTensorType>(handler->getArgument(1).getType())
            : RankedTensorType();
    if (!isa<HostType>(handler->getArgument(0).getType()) || !index ||
        index.getRank() != 0 || !index.getElementType().isInteger(64))
      return emitOpError("handler region of a try with 'catches' takes two "
                         "arguments, the error's message, a std::string host "
                         "value, and the index of the matching clause, a "
                         "tensor<i64>");
  } else if (handler->getNumArguments() != 1 ||
             !isa<HostType>(handler->getArgument(0).getType()))
    return emitOpError("handler region takes one argument, the error's "
                       "message, a std::string host value");
  for (Region *region : {&getBody(), &getHandler()}) {
    auto yield = getTerminator<YieldOp>(*region);
    if (!yield)
      return emitOpError("regions must end in ag.yield");
    StringRef name = region == &getBody() ? "body" : "handler";
    if (failed(verifyTypesMatch(
            *this, yield.getResults().getTypes(), getResultTypes(),
            (Twine("'") + name + "' region yield").str(), "result list")))
      return failure();
  }
  return success();
}

//===----------------------------------------------------------------------===//
// WhileOp
//===----------------------------------------------------------------------===//

void WhileOp::build(OpBuilder &builder, OperationState &result,
                    TypeRange resultTypes, ValueRange inits) {
  result.addOperands(inits);
  result.addTypes(resultTypes);
  OpBuilder::InsertionGuard guard(builder);
  SmallVector<Location> beforeLocs(inits.size(), result.location);
  builder.createBlock(result.addRegion(), {}, inits.getTypes(), beforeLocs);
  SmallVector<Location> afterLocs(resultTypes.size(), result.location);
  builder.createBlock(result.addRegion(), {}, resultTypes, afterLocs);
}

ConditionOp WhileOp::getConditionOp() {
  return cast<ConditionOp>(beforeBlock()->back());
}

YieldOp WhileOp::getYieldOp() { return cast<YieldOp>(afterBlock()->back()); }

ParseResult WhileOp::parse(OpAsmParser &parser, OperationState &result) {
  SmallVector<OpAsmParser::Argument, 4> regionArgs;
  SmallVector<OpAsmParser::UnresolvedOperand, 4> operands;
  Region *before = result.addRegion();
  Region *after = result.addRegion();

  OptionalParseResult listResult =
      parser.parseOptionalAssignmentList(regionArgs, operands);
  if (listResult.has_value() && failed(listResult.value()))
    return failure();

  FunctionType functionType;
  SMLoc typeLoc = parser.getCurrentLocation();
  if (failed(parser.parseColonType(functionType)))
    return failure();
  result.addTypes(functionType.getResults());
  if (functionType.getNumInputs() != operands.size())
    return parser.emitError(typeLoc)
           << "expected as many input types as operands (expected "
           << operands.size() << " got " << functionType.getNumInputs() << ")";
  if (failed(parser.resolveOperands(operands, functionType.getInputs(), typeLoc,
                                    result.operands)))
    return failure();
  for (auto [arg, type] : llvm::zip(regionArgs, functionType.getInputs()))
    arg.type = type;

  return failure(parser.parseRegion(*before, regionArgs) ||
                 parser.parseKeyword("do") || parser.parseRegion(*after) ||
                 parser.parseOptionalAttrDictWithKeyword(result.attributes));
}

void WhileOp::print(OpAsmPrinter &p) {
  printInitializationList(p, getBefore().getArguments(), getInits(), " ");
  p << " : ";
  p.printFunctionalType(getInits().getTypes(), getResultTypes());
  p << ' ';
  p.printRegion(getBefore(), /*printEntryBlockArgs=*/false);
  p << " do ";
  p.printRegion(getAfter());
  p.printOptionalAttrDictWithKeyword((*this)->getAttrs());
}

LogicalResult WhileOp::verify() {
  // Loop-carried values: inits -> before args, and after's yield -> before
  // args on the next iteration. Their types may never change.
  if (failed(verifyTypesMatch(*this, getBefore().getArgumentTypes(),
                              getInits().getTypes(),
                              "'before' region argument list", "init list")))
    return failure();
  auto condition = getTerminator<ConditionOp>(getBefore());
  if (!condition)
    return emitOpError("'before' region must end in ag.condition");
  auto yield = getTerminator<YieldOp>(getAfter());
  if (!yield)
    return emitOpError("'after' region must end in ag.yield");
  if (failed(verifyTypesMatch(*this, condition.getArgs().getTypes(),
                              getResultTypes(), "ag.condition forwarded list",
                              "result list")) ||
      failed(verifyTypesMatch(*this, getAfter().getArgumentTypes(),
                              getResultTypes(), "'after' region argument list",
                              "result list")) ||
      failed(verifyTypesMatch(*this, yield.getResults().getTypes(),
                              getInits().getTypes(), "'after' region yield",
                              "init list")))
    return failure();
  return success();
}

OperandRange WhileOp::getEntrySuccessorOperands(RegionBranchPoint point) {
  return getInits();
}

void WhileOp::getSuccessorRegions(RegionBranchPoint point,
                                  SmallVectorImpl<RegionSuccessor> &regions) {
  // The parent and the `after` region enter `before`; `before` either leaves
  // the loop or enters `after`.
  if (point.isParent() || point == getAfter()) {
    regions.emplace_back(&getBefore(), getBefore().getArguments());
    return;
  }
  regions.emplace_back(getResults());
  regions.emplace_back(&getAfter(), getAfter().getArguments());
}

SmallVector<Region *> WhileOp::getLoopRegions() {
  return {&getBefore(), &getAfter()};
}

Block::BlockArgListType WhileOp::getRegionIterArgs() {
  return getBefore().getArguments();
}

std::optional<MutableArrayRef<OpOperand>> WhileOp::getYieldedValuesMutable() {
  return getYieldOp().getResultsMutable();
}

//===----------------------------------------------------------------------===//
// ConditionOp
//===----------------------------------------------------------------------===//

MutableOperandRange
ConditionOp::getMutableSuccessorOperands(RegionBranchPoint point) {
  return getArgsMutable();
}

void ConditionOp::getSuccessorRegions(
    ArrayRef<Attribute> operands, SmallVectorImpl<RegionSuccessor> &regions) {
  auto whileOp = cast<WhileOp>((*this)->getParentOp());
  std::optional<bool> cond = getConstantBool(operands.front());
  if (!cond || *cond)
    regions.emplace_back(&whileOp.getAfter(),
                         whileOp.getAfter().getArguments());
  if (!cond || !*cond)
    regions.emplace_back(whileOp.getResults());
}

//===----------------------------------------------------------------------===//
// ForOp
//===----------------------------------------------------------------------===//

void ForOp::build(OpBuilder &builder, OperationState &result, Value lowerBound,
                  Value upperBound, Value step, ValueRange inits) {
  result.addOperands({lowerBound, upperBound, step});
  result.addOperands(inits);
  result.addTypes(inits.getTypes());
  OpBuilder::InsertionGuard guard(builder);
  Region *body = result.addRegion();
  Block *block = builder.createBlock(body);
  block->addArgument(lowerBound.getType(), result.location);
  for (Value init : inits)
    block->addArgument(init.getType(), init.getLoc());
  if (inits.empty())
    builder.create<YieldOp>(result.location);
}

YieldOp ForOp::getYieldOp() { return cast<YieldOp>(getBodyBlock()->back()); }

ParseResult ForOp::parse(OpAsmParser &parser, OperationState &result) {
  Builder &builder = parser.getBuilder();
  Type i64Scalar = getScalarType(builder.getIntegerType(64));
  OpAsmParser::Argument inductionVar;
  OpAsmParser::UnresolvedOperand lb, ub, step;
  if (parser.parseArgument(inductionVar) || parser.parseEqual() ||
      parser.parseOperand(lb) || parser.parseKeyword("to") ||
      parser.parseOperand(ub) || parser.parseKeyword("step") ||
      parser.parseOperand(step) ||
      parser.resolveOperands({lb, ub, step}, i64Scalar, result.operands))
    return failure();
  inductionVar.type = i64Scalar;

  SmallVector<OpAsmParser::Argument, 4> regionArgs{inductionVar};
  SmallVector<OpAsmParser::UnresolvedOperand, 4> inits;
  if (succeeded(parser.parseOptionalKeyword("iter_args"))) {
    SMLoc argsLoc = parser.getCurrentLocation();
    if (parser.parseAssignmentList(regionArgs, inits) ||
        parser.parseArrowTypeList(result.types))
      return failure();
    if (result.types.size() != inits.size())
      return parser.emitError(argsLoc)
             << "expected as many result types as iter_args (expected "
             << inits.size() << " got " << result.types.size() << ")";
    for (auto [arg, type] :
         llvm::zip(llvm::drop_begin(regionArgs), result.types))
      arg.type = type;
    if (parser.resolveOperands(inits, result.types, argsLoc, result.operands))
      return failure();
  }

  Region *body = result.addRegion();
  if (parser.parseRegion(*body, regionArgs))
    return failure();
  ForOp::ensureTerminator(*body, builder, result.location);
  return parser.parseOptionalAttrDict(result.attributes);
}

void ForOp::print(OpAsmPrinter &p) {
  p << ' ' << getInductionVar() << " = " << getLowerBound() << " to "
    << getUpperBound() << " step " << getStep();
  printInitializationList(p, getRegionIterArgs(), getInits(), " iter_args");
  if (!getInits().empty())
    p << " -> (" << getInits().getTypes() << ')';
  p << ' ';
  p.printRegion(getBody(), /*printEntryBlockArgs=*/false,
                /*printBlockTerminators=*/!getInits().empty());
  p.printOptionalAttrDict((*this)->getAttrs());
}

LogicalResult ForOp::verify() {
  if (failed(verifyTypesMatch(*this, getResultTypes(), getInits().getTypes(),
                              "result list", "init list")))
    return failure();
  if (getBody().empty())
    return emitOpError("needs a body block");
  Block &body = getBody().front();
  Type i64Scalar = getScalarType(IntegerType::get(getContext(), 64));
  if (body.getNumArguments() == 0 || body.getArgument(0).getType() != i64Scalar)
    return emitOpError("body's first argument must be the induction variable "
                       "of type ")
           << i64Scalar;
  if (failed(verifyTypesMatch(
          *this, TypeRange(body.getArgumentTypes()).drop_front(),
          getInits().getTypes(), "body iter_args list", "init list")))
    return failure();
  auto yield = getTerminator<YieldOp>(getBody());
  if (!yield)
    return emitOpError("body must end in ag.yield");
  return verifyTypesMatch(*this, yield.getResults().getTypes(),
                          getInits().getTypes(), "body yield", "init list");
}

OperandRange ForOp::getEntrySuccessorOperands(RegionBranchPoint point) {
  return getInits();
}

void ForOp::getSuccessorRegions(RegionBranchPoint point,
                                SmallVectorImpl<RegionSuccessor> &regions) {
  // The body may run again or not at all, from the parent or from itself.
  regions.push_back(RegionSuccessor(&getBody(), getRegionIterArgs()));
  regions.push_back(RegionSuccessor(getResults()));
}

SmallVector<Region *> ForOp::getLoopRegions() { return {&getBody()}; }

Block::BlockArgListType ForOp::getRegionIterArgs() {
  return getBodyBlock()->getArguments().drop_front();
}

std::optional<MutableArrayRef<OpOperand>> ForOp::getYieldedValuesMutable() {
  return getYieldOp().getResultsMutable();
}

std::optional<ResultRange> ForOp::getLoopResults() { return getResults(); }

//===----------------------------------------------------------------------===//
// FuncOp, ReturnOp, CallOp
//===----------------------------------------------------------------------===//

void FuncOp::build(OpBuilder &builder, OperationState &result, StringRef name,
                   FunctionType type) {
  result.addAttribute(SymbolTable::getSymbolAttrName(),
                      builder.getStringAttr(name));
  result.addAttribute(getFunctionTypeAttrName(result.name),
                      TypeAttr::get(type));
  result.addRegion();
}

ParseResult FuncOp::parse(OpAsmParser &parser, OperationState &result) {
  auto buildFuncType =
      [](Builder &builder, ArrayRef<Type> argTypes, ArrayRef<Type> results,
         function_interface_impl::VariadicFlag,
         std::string &) { return builder.getFunctionType(argTypes, results); };
  return function_interface_impl::parseFunctionOp(
      parser, result, /*allowVariadic=*/false,
      getFunctionTypeAttrName(result.name), buildFuncType,
      getArgAttrsAttrName(result.name), getResAttrsAttrName(result.name));
}

void FuncOp::print(OpAsmPrinter &p) {
  function_interface_impl::printFunctionOp(
      p, *this, /*isVariadic=*/false, getFunctionTypeAttrName(),
      getArgAttrsAttrName(), getResAttrsAttrName());
}

static bool isAGValueType(Type type) {
  return isAGTensorType(type) || isa<TokenType, HostType>(type);
}

LogicalResult FuncOp::verify() {
  FunctionType type = getFunctionType();
  for (auto [i, input] : llvm::enumerate(type.getInputs()))
    if (!isAGValueType(input))
      return emitOpError("argument #")
             << i << " has type " << input
             << "; expected a ranked tensor of i1/i32/i64/f32/f64, "
                "!ag.token or !ag.host";
  for (auto [i, output] : llvm::enumerate(type.getResults()))
    if (!isAGValueType(output))
      return emitOpError("result #")
             << i << " has type " << output
             << "; expected a ranked tensor of i1/i32/i64/f32/f64, "
                "!ag.token or !ag.host";
  return success();
}

/// A token used by two ops of its block (directly or from their regions)
/// forks the effect chain: the two effects would have no order.
static LogicalResult verifyTokenChain(Value token) {
  Block *block = token.getParentBlock();
  Operation *first = nullptr;
  for (Operation *user : token.getUsers()) {
    Operation *consumer = block->findAncestorOpInBlock(*user);
    if (!consumer || consumer == first)
      continue;
    if (!first) {
      first = consumer;
      continue;
    }
    // Report at the later of the two.
    Operation *later = first->isBeforeInBlock(consumer) ? consumer : first;
    Operation *earlier = later == consumer ? first : consumer;
    InFlightDiagnostic diag =
        later->emitOpError("uses a token that another op already uses; "
                           "effects must form one chain (use the token "
                           "the previous effect returned)");
    diag.attachNote(earlier->getLoc()) << "the token's other use";
    return diag;
  }
  return success();
}

LogicalResult FuncOp::verifyRegions() {
  WalkResult result = walk([&](Block *block) {
    for (Value arg : block->getArguments())
      if (isa<TokenType>(arg.getType()) && failed(verifyTokenChain(arg)))
        return WalkResult::interrupt();
    for (Operation &op : *block)
      for (Value value : op.getResults())
        if (isa<TokenType>(value.getType()) && failed(verifyTokenChain(value)))
          return WalkResult::interrupt();
    return WalkResult::advance();
  });
  return failure(result.wasInterrupted());
}

LogicalResult ReturnOp::verify() {
  auto func = cast<FuncOp>((*this)->getParentOp());
  return verifyTypesMatch(*this, getOperandTypes(),
                          func.getFunctionType().getResults(), "operand list",
                          "function result list");
}

LogicalResult CallOp::verifySymbolUses(SymbolTableCollection &symbolTable) {
  auto calleeAttr = (*this)->getAttrOfType<FlatSymbolRefAttr>("callee");
  auto callee = symbolTable.lookupNearestSymbolFrom<FuncOp>(*this, calleeAttr);
  if (!callee)
    return emitOpError("'")
           << calleeAttr.getValue() << "' does not reference an ag.func";
  FunctionType type = callee.getFunctionType();
  if (failed(verifyTypesMatch(*this, getOperandTypes(), type.getInputs(),
                              "operand list", "callee's argument list")) ||
      failed(verifyTypesMatch(*this, getResultTypes(), type.getResults(),
                              "result list", "callee's result list")))
    return failure();
  return success();
}

//===----------------------------------------------------------------------===//
// Nodes
//===----------------------------------------------------------------------===//

LogicalResult NodeOp::verify() {
  if (getCallee().empty())
    return emitOpError("needs a non-empty callee name");
  if (getEffect()) {
    if (getOperands().empty() || !isa<TokenType>(getOperands()[0].getType()))
      return emitOpError("with 'effect' takes the effect token as its first "
                         "operand");
    if (getResults().empty() || !isa<TokenType>(getResults().back().getType()))
      return emitOpError("with 'effect' yields the next effect token as its "
                         "last result");
  }
  size_t first = getEffect() ? 1 : 0;
  for (Value v : getOperands().drop_front(first))
    if (isa<TokenType>(v.getType()))
      return emitOpError("takes a token only as the first operand of an "
                         "effect node");
  if (std::optional<ArrayRef<int32_t>> packs = getPacks()) {
    int64_t total = 0;
    for (int32_t n : *packs) {
      if (n < -1)
        return emitOpError("pack sizes must be -1 or >= 0");
      total += n < 0 ? 1 : n;
    }
    if (total != static_cast<int64_t>(getOperands().size() - first))
      return emitOpError("packs take ")
             << total << " operands, but the node has "
             << getOperands().size() - first;
  }
  return success();
}

void NodeOp::getEffects(
    SmallVectorImpl<SideEffects::EffectInstance<MemoryEffects::Effect>>
        &effects) {
  if (getEffect())
    effects.emplace_back(MemoryEffects::Write::get(), EffectResource::get());
}

// A node may throw: never hoisted out of the branch that calls it.
Speculation::Speculatability NodeOp::getSpeculatability() {
  return Speculation::NotSpeculatable;
}

#define GET_OP_CLASSES
#include "ag/Dialect/AGOps.cpp.inc"

//===----------------------------------------------------------------------===//
// Fetch names (ag.bind)
//===----------------------------------------------------------------------===//

FailureOr<SmallVector<StringRef>> ag::ir::boundNames(Value value) {
  SmallVector<StringRef> names;
  auto result = dyn_cast<OpResult>(value);
  if (!result)
    return names;
  Operation *op = result.getOwner();
  Attribute attr = op->getAttr(kBindAttrName);
  if (!attr)
    return names;
  auto perResult = dyn_cast<ArrayAttr>(attr);
  if (!perResult)
    return failure();
  // Copied by a rewrite that changed the results without moving the names:
  // which result each named is lost, so none is fetchable by them.
  if (perResult.size() != op->getNumResults())
    return names;
  auto list = dyn_cast<ArrayAttr>(perResult[result.getResultNumber()]);
  if (!list)
    return failure();
  for (Attribute name : list) {
    auto str = dyn_cast<StringAttr>(name);
    if (!str || str.getValue().empty())
      return failure();
    names.push_back(str.getValue());
  }
  return names;
}

void ag::ir::addBinding(Value value, StringRef name) {
  auto result = dyn_cast_if_present<OpResult>(value);
  if (!result)
    return;
  Operation *op = result.getOwner();
  MLIRContext *ctx = op->getContext();
  SmallVector<Attribute> perResult(op->getNumResults(),
                                   ArrayAttr::get(ctx, {}));
  if (auto old = op->getAttrOfType<ArrayAttr>(kBindAttrName);
      old && old.size() == perResult.size())
    perResult.assign(old.begin(), old.end());
  auto list = dyn_cast<ArrayAttr>(perResult[result.getResultNumber()]);
  SmallVector<Attribute> names(list ? list.getValue() : ArrayRef<Attribute>{});
  auto attr = StringAttr::get(ctx, name);
  if (!llvm::is_contained(names, attr))
    names.push_back(attr);
  perResult[result.getResultNumber()] = ArrayAttr::get(ctx, names);
  op->setAttr(kBindAttrName, ArrayAttr::get(ctx, perResult));
}

void ag::ir::moveBindings(Operation *from, ValueRange replacements) {
  if (!from->hasAttr(kBindAttrName))
    return;
  for (auto [result, replacement] :
       llvm::zip(from->getResults(), replacements)) {
    FailureOr<SmallVector<StringRef>> names = boundNames(result);
    if (succeeded(names))
      for (StringRef name : *names)
        addBinding(replacement, name);
  }
  from->removeAttr(kBindAttrName);
}
