//===- TraceBuilder.cpp - Staged ag::Tensor operations as ag ops ----------===//
//
// Promotion and broadcasting reuse the runtime's rules (detail::operandType,
// detail::broadcastShapes), so a traced graph computes the dtypes and shapes
// the eager code computes; the conversions become explicit ag.cast and
// ag.broadcast ops, and eager operands become ag.constant.
//
//===----------------------------------------------------------------------===//

#include "TraceBuilder.h"

#include "ag/runtime/HostNode.h"

#include "ag/Dialect/AGDType.h"
#include "ag/Trace/Trace.h"
#include "ag/runtime/Kernels.h"

#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/Verifier.h"
#include "llvm/DebugInfo/Symbolize/Symbolize.h"
#include "llvm/Demangle/Demangle.h"
#include "llvm/Support/raw_ostream.h"

#include <atomic>
#include <cstdlib>
#include <cxxabi.h>
#include <dlfcn.h>
#include <execinfo.h>
#include <link.h>
#include <typeinfo>

using namespace mlir;

namespace ag::trace {

std::vector<Scope> &scopeStack() {
  static thread_local std::vector<Scope> stack;
  return stack;
}

std::optional<Diagnostic> &unwoundAt() {
  static thread_local std::optional<Diagnostic> where;
  return where;
}

SourceLoc sourceLocOf(const Loc &loc) {
  SourceLoc source;
  std::vector<Scope> &stack = scopeStack();
  if (!stack.empty()) {
    const Scope &scope = stack.back();
    source.file = scope.file;
    source.function = scope.function;
    source.line = loc.line ? loc.line : scope.line;
    source.col = loc.line ? loc.col : scope.col;
  } else {
    source.line = loc.line;
    source.col = loc.col;
  }
  if (loc.line) {
    source.endLine = loc.endLine;
    source.endCol = loc.endCol;
  }
  if (loc.name)
    source.name = loc.name;
  return source;
}

namespace {

std::atomic<uint64_t> nextTraceId{1};

} // namespace

DType TraceBuilder::dtypeOf(Type type) {
  // The tracer makes tensors of ag's element types only.
  return ir::toDType(llvm::cast<RankedTensorType>(type).getElementType())
      .value_or(DType::Float64);
}

Shape TraceBuilder::shapeOf(Type type) {
  Shape shape;
  for (int64_t d : llvm::cast<RankedTensorType>(type).getShape())
    shape.push_back(ShapedType::isDynamic(d) ? -1 : d);
  return shape;
}

namespace {

const detail::TensorImpl &implOf(TraceBuilder &tracer, const Tensor &t) {
  if (!t.defined())
    tracer.failHere("use of an undefined tensor (a variable declared without "
                    "a value)");
  return *t.impl();
}

template <typename T>
DenseElementsAttr denseOf(RankedTensorType type, const Tensor &t) {
  return DenseElementsAttr::get(
      type, llvm::ArrayRef<T>(t.data<T>(), static_cast<size_t>(t.numel())));
}

std::string typeString(const detail::TensorImpl &impl) {
  return std::string(dtypeName(impl.dtype)) + shapeToString(impl.shape);
}

} // namespace

//===----------------------------------------------------------------------===//
// Setup
//===----------------------------------------------------------------------===//

TraceBuilder::TraceBuilder(MLIRContext &context)
    : context_(context), builder_(&context), traceId_(nextTraceId++) {
  previousTracer_ = detail::setCurrentTracer(this);
  // A trace starts its own call chain, even when started from inside a twin.
  savedScopes_.swap(scopeStack());
  unwoundAt().reset();
}

TraceBuilder::~TraceBuilder() {
  unwoundAt().reset();
  scopeStack().swap(savedScopes_);
  detail::setCurrentTracer(previousTracer_);
}

TraceBuilder *TraceBuilder::active() {
  return dynamic_cast<TraceBuilder *>(detail::currentTracer());
}

//===----------------------------------------------------------------------===//
// Values
//===----------------------------------------------------------------------===//

RankedTensorType TraceBuilder::tensorType(DType dtype, const Shape &shape) {
  llvm::SmallVector<int64_t> dims(shape.begin(), shape.end());
  for (int64_t &d : dims)
    if (d < 0)
      d = ShapedType::kDynamic;
  return RankedTensorType::get(dims, ir::toElementType(&context_, dtype));
}

Type TraceBuilder::typeOf(const Tensor &t) {
  const detail::TensorImpl &impl = implOf(*this, t);
  if (!impl.symbolic && impl.host)
    return ir::HostType::get(&context_, impl.hostType);
  return impl.symbolic ? checkedSymbolic(t).getType()
                       : Type(tensorType(impl.dtype, impl.shape));
}

bool TraceBuilder::isList(const Tensor &t) {
  return t.defined() && t.impl()->symbolic &&
         llvm::isa<ir::ListType>(checkedSymbolic(t).getType());
}

Type TraceBuilder::tokenType() { return ir::TokenType::get(&context_); }

Tensor TraceBuilder::wrap(Value value, bool weak) {
  auto impl = std::make_shared<detail::TensorImpl>();
  if (auto type = llvm::dyn_cast<RankedTensorType>(value.getType())) {
    impl->dtype = dtypeOf(type);
    impl->shape = shapeOf(type);
    impl->weak = weak;
  }
  impl->symbolic = value.getAsOpaquePointer();
  impl->traceId = traceId_;
  return Tensor(std::move(impl));
}

Value TraceBuilder::checkedSymbolic(const Tensor &t) {
  if (t.impl()->traceId != traceId_)
    failHere("a staged tensor from another trace is used here (a value kept "
             "from an earlier or an enclosing ag::function trace)");
  return Value::getFromOpaquePointer(t.impl()->symbolic);
}

Value TraceBuilder::valueOf(const Tensor &t) {
  const detail::TensorImpl &impl = implOf(*this, t);
  if (impl.pathWeak && !pathWeakExempt_)
    observePathWeak(t);
  if (!impl.symbolic && impl.host)
    return hostConstant(t);
  return impl.symbolic ? checkedSymbolic(t) : constant(t);
}

Value TraceBuilder::hostConstant(const Tensor &handle,
                                 std::optional<Location> loc,
                                 llvm::StringRef name) {
  const detail::TensorImpl &impl = *handle.impl();
  uint64_t id = exec::addHostConstant(impl.host);
  auto op = builder_.create<ir::HostConstantOp>(
      loc ? *loc : currentLoc(/*named=*/false),
      ir::HostType::get(&context_, impl.hostType),
      builder_.getI64IntegerAttr(static_cast<int64_t>(id)),
      name.empty() ? StringAttr() : builder_.getStringAttr(name));
  return op.getResult();
}

Value TraceBuilder::constant(const Tensor &eager) {
  RankedTensorType type = tensorType(eager.dtype(), eager.shape());
  DenseElementsAttr attr;
  switch (eager.dtype()) {
  case DType::Bool:
    attr = denseOf<bool>(type, eager);
    break;
  case DType::Int32:
    attr = denseOf<int32_t>(type, eager);
    break;
  case DType::Int64:
    attr = denseOf<int64_t>(type, eager);
    break;
  case DType::Float32:
    attr = denseOf<float>(type, eager);
    break;
  case DType::Float64:
    attr = denseOf<double>(type, eager);
    break;
  }
  return builder_.create<ir::ConstantOp>(currentLoc(/*named=*/false), type,
                                         attr);
}

Value TraceBuilder::zero(Type type) {
  if (auto host = dyn_cast<ir::HostType>(type))
    failHere("a value of type " + host.getName().str() +
             " (a node's result) has no value on some path here; give it a "
             "value on every path");
  auto tensor = llvm::cast<RankedTensorType>(type);
  if (!tensor.hasStaticShape()) {
    // An empty tensor stands in for a value of a stacked list's type (only
    // return slots are merged with a zero, and never read on that path).
    llvm::SmallVector<int64_t> dims(tensor.getShape());
    for (int64_t &d : dims)
      if (ShapedType::isDynamic(d))
        d = 0;
    Value empty = zero(tensor.clone(dims));
    return builder_.create<ir::CastOp>(currentLoc(/*named=*/false), type,
                                       empty);
  }
  auto attr = llvm::cast<DenseElementsAttr>(builder_.getZeroAttr(type));
  return builder_.create<ir::ConstantOp>(currentLoc(/*named=*/false), type,
                                         attr);
}

SmallVector<Value>
TraceBuilder::shapedValues(std::initializer_list<const Tensor *> others) {
  SmallVector<Value> values;
  for (const Tensor *other : others)
    if (!implOf(*this, *other).shape.empty())
      values.push_back(valueOf(*other));
  return values;
}

Value TraceBuilder::operand(const Tensor &t, DType dtype, const Shape &shape,
                            bool full,
                            function_ref<SmallVector<Value>()> like) {
  const detail::TensorImpl &impl = implOf(*this, t);
  if (impl.pathWeak && !pathWeakExempt_)
    observePathWeak(t);
  // A host value is what it is: no cast or broadcast.
  if (impl.host || (impl.symbolic && isa<ir::HostType>(typeOf(t))))
    return valueOf(t);
  Location loc = currentLoc(/*named=*/false);
  Value value;
  if (impl.symbolic) {
    value = checkedSymbolic(t);
    if (impl.dtype != dtype)
      value = builder_.create<ir::CastOp>(loc, tensorType(dtype, impl.shape),
                                          value);
  } else {
    // Converting a constant eagerly gives the same bits as ag.cast would,
    // and the same error (NaN to an integer...), at the user's line.
    Tensor converted = t;
    if (impl.dtype != dtype) {
      try {
        converted = kernels::cast(t, dtype);
      } catch (const kernels::KernelError &e) {
        failHere(e.what());
      }
    }
    value = constant(converted);
  }
  if ((full || !impl.shape.empty()) && impl.shape != shape) {
    // Same rank, only dimensions becoming unknown: a merge with a stacked
    // list's shape, not a broadcast.
    bool refines = impl.shape.size() == shape.size();
    for (size_t i = 0; refines && i < shape.size(); ++i)
      refines = shape[i] < 0 || shape[i] == impl.shape[i];
    RankedTensorType type = tensorType(dtype, shape);
    if (refines)
      return builder_.create<ir::CastOp>(loc, type, value);
    // A shape known only at evaluation: the kernel broadcasts like the
    // other operands then.
    if (!type.hasStaticShape() && like)
      return builder_.create<ir::BroadcastOp>(loc, type, value, like());
    value = builder_.create<ir::BroadcastOp>(loc, type, value);
  }
  return value;
}

Value TraceBuilder::condition(const Tensor &t, const char *what) {
  const detail::TensorImpl &impl = implOf(*this, t);
  Value value = valueOf(t);
  if (!impl.shape.empty()) {
    // As eagerly (Tensor::operator bool), a tensor of one element is that
    // element; its count must be known while tracing.
    bool one = llvm::all_of(impl.shape, [](int64_t d) { return d == 1; });
    if (!one)
      failHere(std::string(what) +
               " must be a scalar or hold exactly one element, got a tensor "
               "of shape " +
               shapeToString(impl.shape) + "; reduce it to a scalar first");
    value = builder_.create<ir::ReshapeOp>(currentLoc(),
                                           tensorType(impl.dtype, {}), value);
  }
  if (impl.dtype == DType::Bool)
    return value;
  // C++ truthiness of a number: x != 0.
  return builder_.create<ir::CmpOp>(currentLoc(), tensorType(DType::Bool, {}),
                                    ir::CmpPredicate::ne, value,
                                    zero(value.getType()));
}

//===----------------------------------------------------------------------===//
// detail::Tracer
//===----------------------------------------------------------------------===//

Tensor TraceBuilder::binary(OpKind kind, const Tensor &a, const Tensor &b) {
  return located([&] {
    const detail::TensorImpl &ia = implOf(*this, a), &ib = implOf(*this, b);
    DType dtype = detail::operandType(kind, ia, ib);
    Shape shape = detail::broadcastShapes(ia.shape, ib.shape);
    PathWeakExempt checkedBelow(*this);
    Value lhs = operand(a, dtype, shape, /*full=*/false,
                        [&] { return shapedValues({&b}); });
    Value rhs = operand(b, dtype, shape, /*full=*/false,
                        [&] { return shapedValues({&a}); });
    RankedTensorType type =
        tensorType(hasBoolResult(kind) ? DType::Bool : dtype, shape);
    Location loc = currentLoc();
    auto cmp = [&](ir::CmpPredicate predicate) -> Value {
      return builder_.create<ir::CmpOp>(loc, type, predicate, lhs, rhs);
    };
    Value result;
    switch (kind) {
#define AG_BINARY(Kind, Name, IrOp)                                            \
  case OpKind::Kind:                                                           \
    result = builder_.create<ir::IrOp>(loc, type, lhs, rhs);                   \
    break;
#define AG_COMPARE(Kind, Name, Predicate)                                      \
  case OpKind::Kind:                                                           \
    result = cmp(ir::CmpPredicate::Predicate);                                 \
    break;
#include "ag/semantics/Ops.def"
    default:
      failHere(std::string("'") + opKindName(kind) + "' is not a binary op");
    }
    return pathChecked({a, b}, wrap(result, ia.weak && ib.weak), dtype,
                       [&](ArrayRef<Tensor> v) {
                         return detail::eagerBinary(kind, v[0], v[1]);
                       });
  });
}

Tensor TraceBuilder::unary(OpKind kind, const Tensor &x) {
  return located([&] {
    const detail::TensorImpl &ix = implOf(*this, x);
    PathWeakExempt checkedBelow(*this);
    Value input = valueOf(x);
    Type type = input.getType();
    Location loc = currentLoc();
    if (hasBoolResult(kind))
      type = mlir::cast<RankedTensorType>(type).clone(builder_.getI1Type());
    Value result;
    switch (kind) {
#define AG_UNARY(Kind, Name, IrOp)                                             \
  case OpKind::Kind:                                                           \
    result = builder_.create<ir::IrOp>(loc, type, input);                      \
    break;
#include "ag/semantics/Ops.def"
    default:
      failHere(std::string("'") + opKindName(kind) + "' is not a unary op");
    }
    return pathChecked(
        {x}, wrap(result, ix.weak), ix.dtype,
        [&](ArrayRef<Tensor> v) { return detail::eagerUnary(kind, v[0]); });
  });
}

Tensor TraceBuilder::select(const Tensor &cond, const Tensor &a,
                            const Tensor &b) {
  return located([&] {
    const detail::TensorImpl &ic = implOf(*this, cond), &ia = implOf(*this, a),
                             &ib = implOf(*this, b);
    // The branches promote like arithmetic operands, as in eager where().
    DType dtype = detail::operandType(OpKind::Add, ia, ib);
    Shape shape = detail::broadcastShapes(
        ic.shape, detail::broadcastShapes(ia.shape, ib.shape));
    PathWeakExempt checkedBelow(*this);
    Value c = operand(cond, DType::Bool, shape, /*full=*/false, [&] {
      return shapedValues({&a, &b});
    });
    Value lhs = operand(a, dtype, shape, /*full=*/true, [&] {
      return shapedValues({&cond, &b});
    });
    Value rhs = operand(b, dtype, shape, /*full=*/true, [&] {
      return shapedValues({&cond, &a});
    });
    Value result = builder_.create<ir::SelectOp>(
        currentLoc(), tensorType(dtype, shape), c, lhs, rhs);
    return pathChecked({cond, a, b}, wrap(result, ia.weak && ib.weak), dtype,
                       [&](ArrayRef<Tensor> v) {
                         detail::TracerSuspension eager;
                         return ag::where(v[0], v[1], v[2]);
                       });
  });
}

Tensor TraceBuilder::cast(const Tensor &x, DType dtype) {
  return located([&] {
    const detail::TensorImpl &ix = implOf(*this, x);
    PathWeakExempt checkedBelow(*this);
    Value input = valueOf(x);
    Tensor result =
        ix.dtype == dtype
            ? wrap(input)
            : wrap(builder_.create<ir::CastOp>(
                  currentLoc(), tensorType(dtype, ix.shape), input));
    return pathChecked({x}, result, dtype, [&](ArrayRef<Tensor> v) {
      detail::TracerSuspension eager;
      return ag::cast(v[0], dtype);
    });
  });
}

Tensor TraceBuilder::index(const Tensor &x, const Tensor &i) {
  return located([&] {
    const detail::TensorImpl &ix = implOf(*this, x), &ii = implOf(*this, i);
    if (ix.shape.empty())
      failHere("cannot index a 0-d tensor");
    if (!isInteger(ii.dtype) || !ii.shape.empty())
      failHere("an index must be an integer scalar, got " + typeString(ii));
    Value source = valueOf(x);
    Value position = operand(i, DType::Int64, {});
    Shape row(ix.shape.begin() + 1, ix.shape.end());
    return wrap(builder_.create<ir::IndexOp>(
        currentLoc(), tensorType(ix.dtype, row), source, position));
  });
}

Tensor TraceBuilder::setIndex(const Tensor &x, const Tensor &i,
                              const Tensor &row) {
  return located([&] {
    // ag::Tensor::Element checked the shapes; the value is converted to x's
    // dtype as C++ assignment converts, and a 0-d value fills the row.
    const detail::TensorImpl &ix = implOf(*this, x);
    Value source = valueOf(x);
    Value position = operand(i, DType::Int64, {});
    Shape rowShape(ix.shape.begin() + 1, ix.shape.end());
    // A row of a dynamic shape: the value broadcasts like the row it
    // replaces (the same index, checked by ag.set_index anyway).
    Value value = operand(row, ix.dtype, rowShape, /*full=*/true, [&] {
      return SmallVector<Value>{builder_.create<ir::IndexOp>(
          currentLoc(/*named=*/false), tensorType(ix.dtype, rowShape), source,
          position)};
    });
    return wrap(builder_.create<ir::SetIndexOp>(currentLoc(), source.getType(),
                                                source, position, value));
  });
}

Tensor TraceBuilder::reduceSum(const Tensor &x) {
  return located([&] {
    const detail::TensorImpl &ix = implOf(*this, x);
    Value input = valueOf(x);
    return wrap(builder_.create<ir::ReduceSumOp>(
        currentLoc(), tensorType(ix.dtype, {}), input));
  });
}

Tensor TraceBuilder::stack(const std::vector<Tensor> &values) {
  return located([&] {
    if (values.empty())
      failHere("stack of no tensors");
    const detail::TensorImpl &first = implOf(*this, values.front());
    llvm::SmallVector<Value> inputs;
    for (const Tensor &v : values) {
      const detail::TensorImpl &iv = implOf(*this, v);
      if (iv.dtype != first.dtype || iv.shape != first.shape)
        failHere("stack operands differ: " + typeString(first) + " and " +
                 typeString(iv));
      inputs.push_back(valueOf(v));
    }
    Shape shape = first.shape;
    shape.insert(shape.begin(), static_cast<int64_t>(values.size()));
    return wrap(builder_.create<ir::StackOp>(
        currentLoc(), tensorType(first.dtype, shape), inputs));
  });
}

// The op library: runtime/Ops.cpp validated the arguments against the
// static dimensions, so the ops' type inference cannot fail here.
Tensor TraceBuilder::reduce(ReduceKind kind, const Tensor &x,
                            const std::vector<int64_t> &axes, bool keepdims) {
  return located([&] {
    Value input = valueOf(x);
    auto irKind = static_cast<ir::ReductionKind>(static_cast<int>(kind));
    return wrap(builder_.create<ir::ReduceOp>(currentLoc(), irKind, input, axes,
                                              keepdims));
  });
}

Tensor TraceBuilder::matmul(const Tensor &a, const Tensor &b) {
  return located([&] {
    Value lhs = valueOf(a), rhs = valueOf(b);
    return wrap(builder_.create<ir::MatmulOp>(currentLoc(), lhs, rhs));
  });
}

Tensor TraceBuilder::transpose(const Tensor &x,
                               const std::vector<int64_t> &perm) {
  return located([&] {
    Value input = valueOf(x);
    return wrap(builder_.create<ir::TransposeOp>(currentLoc(), input, perm));
  });
}

Tensor TraceBuilder::reshape(const Tensor &x, const Shape &shape) {
  return located([&] {
    const detail::TensorImpl &ix = implOf(*this, x);
    Value input = valueOf(x);
    return wrap(builder_.create<ir::ReshapeOp>(
        currentLoc(), tensorType(ix.dtype, shape), input));
  });
}

Tensor TraceBuilder::concat(const std::vector<Tensor> &values, int64_t axis) {
  return located([&] {
    llvm::SmallVector<Value> inputs;
    for (const Tensor &v : values)
      inputs.push_back(valueOf(v));
    return wrap(builder_.create<ir::ConcatOp>(currentLoc(), inputs, axis));
  });
}

Tensor TraceBuilder::slice(const Tensor &x, const std::vector<int64_t> &start,
                           const std::vector<int64_t> &stop,
                           const std::vector<int64_t> &step) {
  return located([&] {
    Value input = valueOf(x);
    return wrap(
        builder_.create<ir::SliceOp>(currentLoc(), input, start, stop, step));
  });
}

Tensor TraceBuilder::gather(const Tensor &x, const Tensor &indices,
                            int64_t axis) {
  return located([&] {
    Value input = valueOf(x), positions = valueOf(indices);
    return wrap(
        builder_.create<ir::GatherOp>(currentLoc(), input, positions, axis));
  });
}

Tensor TraceBuilder::broadcastTo(const Tensor &x, const Shape &shape) {
  return located([&] {
    const detail::TensorImpl &ix = implOf(*this, x);
    Value input = valueOf(x);
    return wrap(builder_.create<ir::BroadcastOp>(
        currentLoc(), tensorType(ix.dtype, shape), input));
  });
}

Tensor TraceBuilder::broadcastLike(const Tensor &x,
                                   const std::vector<Tensor> &like) {
  return located([&] {
    const detail::TensorImpl &ix = implOf(*this, x);
    Shape shape = ix.shape;
    SmallVector<Value> likeValues;
    for (const Tensor &l : like) {
      shape = detail::broadcastShapes(shape, implOf(*this, l).shape);
      likeValues.push_back(valueOf(l));
    }
    Value input = valueOf(x);
    return wrap(builder_.create<ir::BroadcastOp>(
        currentLoc(), tensorType(ix.dtype, shape), input, likeValues));
  });
}

Tensor TraceBuilder::checkNumerics(const Tensor &x, const std::string &msg) {
  return located([&] {
    const detail::TensorImpl &ix = implOf(*this, x);
    Value input = valueOf(x);
    auto op = builder_.create<ir::CheckNumericsOp>(
        currentLoc(), input.getType(), tokenType(), currentToken(), input, msg);
    setToken(op.getResultToken());
    return wrap(op.getResult(), ix.weak);
  });
}

Tensor TraceBuilder::listNew() {
  return wrap(builder_.create<ir::ListNewOp>(currentLoc()));
}

Tensor TraceBuilder::listPush(const Tensor &list, const Tensor &value) {
  return located([&] {
    Value listValue = valueOf(list);
    Value element = valueOf(value);
    return wrap(
        builder_.create<ir::ListPushOp>(currentLoc(), listValue, element));
  });
}

Tensor TraceBuilder::listStack(const Tensor &list, DType elementDType,
                               const Shape &elementShape, bool declared) {
  return located([&] {
    Value listValue = valueOf(list);
    Shape shape = elementShape;
    shape.insert(shape.begin(), -1);
    return wrap(builder_.create<ir::ListStackOp>(
        currentLoc(), tensorType(elementDType, shape), listValue, declared));
  });
}

void TraceBuilder::error(const std::string &message) { failHere(message); }

namespace {

/// The function whose code converted a staged tensor to bool: the caller of
/// Tensor::operator bool, innermost inlined frame first when there is debug
/// info. `boolOperator` is the return address into operator bool, so the
/// frame after it in the backtrace is that caller. Found by address, not by
/// name: with only line tables (-gline-tables-only, as in the sanitizer
/// builds) names are unqualified and ag's own frames cannot be told from the
/// user's by name, and a driver may link ag statically, so neither can they
/// by module. Empty when it cannot be told (stripped binary, or the helper was
/// inlined into the twin without debug info). Runs only on this error path.
std::string unconvertedCaller(const void *boolOperator) {
  void *frames[24];
  int depth = backtrace(frames, 24);
  int caller = 1;
  while (caller < depth && frames[caller - 1] != boolOperator)
    ++caller;
  if (caller >= depth)
    return "";
  // A return address; the call is the byte before it.
  auto address = reinterpret_cast<uintptr_t>(frames[caller]) - 1;
  Dl_info info;
  link_map *map = nullptr;
  if (!dladdr1(reinterpret_cast<void *>(address), &info,
               reinterpret_cast<void **>(&map), RTLD_DL_LINKMAP) ||
      !map)
    return "";
  std::string module =
      map->l_name && *map->l_name ? map->l_name : "/proc/self/exe";
  llvm::symbolize::LLVMSymbolizer::Options options;
  // Short names need DWARF; linkage names also come from the symbol table.
  options.PrintFunctions = llvm::DINameKind::LinkageName;
  options.Demangle = false; // demangled below, without return type
  llvm::symbolize::LLVMSymbolizer symbolizer(options);
  auto inlined = symbolizer.symbolizeInlinedCode(
      module,
      {address - map->l_addr, llvm::object::SectionedAddress::UndefSection});
  if (!inlined) {
    llvm::consumeError(inlined.takeError());
    return "";
  }
  if (inlined->getNumberOfFrames() == 0)
    return "";
  std::string name = inlined->getFrame(0).FunctionName;
  if (name.empty() || name == llvm::DILineInfo::BadString)
    return "";
  // GCC's clones (f.isra.0, f.cold) carry a suffix the demangler rejects.
  if (llvm::StringRef(name).starts_with("_Z"))
    name = name.substr(0, name.find('.'));
  // The qualified name alone: no return type (templates), no parameters.
  llvm::ItaniumPartialDemangler demangler;
  if (!demangler.partialDemangle(name.c_str())) {
    if (char *qualified = demangler.getFunctionName(nullptr, nullptr)) {
      name = qualified;
      std::free(qualified);
    }
  }
  // A name to search the source for: "(anonymous namespace)::" only hides it
  // (and line tables give the short name anyway).
  static constexpr llvm::StringLiteral anonymous = "(anonymous namespace)::";
  for (size_t at; (at = name.find(anonymous.data())) != std::string::npos;)
    name.erase(at, anonymous.size());
  llvm::StringRef function = name;
  // The condition was inlined into the twin or into library glue
  // (std::function's invoker), or sits in a lambda (whose call operator line
  // tables name "operator()" alone): no name to give.
  if (function.starts_with("ag_twin_") || function.starts_with("std::") ||
      function.starts_with("ag::") || function.contains("lambda") ||
      function == "operator()")
    return "";
  return name;
}

} // namespace

void TraceBuilder::boolConversion(const Tensor &x) {
  std::string function = scopeStack().empty()
                             ? std::string("the traced function")
                             : "'" + scopeStack().back().function + "'";
  // Called by Tensor::operator bool (virtually, so never inlined into it).
  std::string helper = unconvertedCaller(__builtin_return_address(0));
  if (!helper.empty())
    failHere("a staged tensor is used as a C++ bool in '" + helper +
             "', which ag-convert did not convert (called while tracing " +
             function + "); mark '" + helper +
             "' AG_CONVERT so its control flow is staged");
  failHere("a staged tensor is used as a C++ bool in code that ag-convert did "
           "not convert (called while tracing " +
           function +
           "); mark the function containing this condition AG_CONVERT so its "
           "control flow is staged");
}

void TraceBuilder::eagerAccess(const Tensor &x, const char *what) {
  failHere(std::string("cannot ") + what +
           " a staged tensor while tracing: its value is only known when the "
           "graph runs (use ag::print to show it)");
}

//===----------------------------------------------------------------------===//
// Effect tokens
//===----------------------------------------------------------------------===//

Value TraceBuilder::tokenOf(size_t index) {
  Frame &frame = frames_[index];
  if (frame.token)
    return frame.token;
  switch (frame.kind) {
  case Frame::Kind::Function: {
    // At the entry, so it dominates every effect of the function.
    OpBuilder entry(&context_);
    entry.setInsertionPointToStart(frame.block);
    frame.token = entry.create<ir::TokenOp>(func_.getLoc());
    break;
  }
  case Frame::Kind::Branch:
    frame.token = tokenOf(index - 1);
    break;
  case Frame::Kind::LoopBefore:
  case Frame::Kind::LoopAfter: {
    LoopTokens &loop = *frame.loop;
    if (!loop.used()) {
      Location loc = currentLoc(/*named=*/false);
      loop.beforeArg = loop.before->addArgument(tokenType(), loc);
      if (loop.after)
        loop.afterArg = loop.after->addArgument(tokenType(), loc);
    }
    frame.token =
        frame.kind == Frame::Kind::LoopBefore ? loop.beforeArg : loop.afterArg;
    break;
  }
  }
  return frame.token;
}

FrameGuard::FrameGuard(TraceBuilder &tracer, Frame frame)
    : tracer_(tracer), insertion_(tracer.builder()),
      depth_(tracer.frames().size()) {
  tracer.builder().setInsertionPointToEnd(frame.block);
  tracer.frames().push_back(frame);
}

FrameGuard::~FrameGuard() { tracer_.frames().resize(depth_); }

Value FrameGuard::token() const { return tracer_.frames()[depth_].token; }

//===----------------------------------------------------------------------===//
// Locations and errors
//===----------------------------------------------------------------------===//

Location TraceBuilder::locationOf(const Scope &scope, const Loc &loc,
                                  bool named) {
  auto file = StringAttr::get(&context_, scope.file);
  unsigned line = loc.line ? loc.line : scope.line;
  unsigned col = loc.line ? loc.col : scope.col;
  llvm::SmallVector<Location, 2> range{FileLineColLoc::get(file, line, col)};
  if (loc.line && loc.endLine &&
      (loc.endLine != loc.line || loc.endCol != loc.col))
    range.push_back(FileLineColLoc::get(file, loc.endLine, loc.endCol));
  Location result = FusedLoc::get(
      range, StringAttr::get(&context_, scope.function), &context_);
  if (named && loc.name)
    result = NameLoc::get(StringAttr::get(&context_, loc.name), result);
  if (scope.callSite)
    result = CallSiteLoc::get(result, *scope.callSite);
  return result;
}

Location TraceBuilder::currentLoc(bool named) {
  std::vector<Scope> &stack = scopeStack();
  if (stack.empty())
    return UnknownLoc::get(&context_);
  Scope &scope = stack.back();
  std::optional<Location> &cached =
      named ? scope.cachedLoc : scope.cachedUnnamedLoc;
  if (!cached)
    cached = locationOf(scope, scope.here(), named);
  return *cached;
}

Diagnostic TraceBuilder::diagnose(const SourceLoc &loc, std::string message,
                                  std::vector<DiagnosticNote> notes) {
  Diagnostic diag;
  diag.phase = Diagnostic::Phase::Trace;
  diag.loc = loc;
  diag.message = std::move(message);
  diag.notes = std::move(notes);
  // The chain of converted calls, innermost first.
  std::vector<Scope> &stack = scopeStack();
  for (size_t i = stack.size(); i-- > 0;) {
    const Scope &scope = stack[i];
    SourceLoc where;
    where.file = scope.file;
    where.line = scope.line;
    where.col = scope.col;
    where.function = scope.function;
    diag.notes.push_back({where, "in '" + scope.function + "'"});
    if (i > 0)
      diag.notes.push_back({scope.callSiteSource, "called from here"});
  }
  return diag;
}

void TraceBuilder::fail(const SourceLoc &loc, std::string message,
                        std::vector<DiagnosticNote> notes) {
  throw Error(diagnose(loc, std::move(message), std::move(notes)));
}

void TraceBuilder::failHere(std::string message,
                            std::vector<DiagnosticNote> notes) {
  std::vector<Scope> &stack = scopeStack();
  fail(sourceLocOf(stack.empty() ? Loc{} : stack.back().here()),
       std::move(message), std::move(notes));
}

//===----------------------------------------------------------------------===//
// traceFunction
//===----------------------------------------------------------------------===//

void TraceBuilder::begin(ir::FuncOp func) {
  func_ = func;
  Block &entry = func.getBody().front();
  frames_.push_back({Frame::Kind::Function, &entry, Value(), nullptr});
  builder_.setInsertionPointToEnd(&entry);
}

void TraceBuilder::nameParameters(llvm::ArrayRef<std::string> names) {
  Block &entry = func_.getBody().front();
  for (auto [arg, name] : llvm::zip(entry.getArguments(), names))
    if (!name.empty())
      arg.setLoc(NameLoc::get(StringAttr::get(&context_, name)));
}

void TraceBuilder::bindVariable(llvm::StringRef name, const Tensor &value) {
  if (!value.defined() || !value.isStaged())
    return;
  // Binding reads nothing yet: a value whose dtype depends on the path is
  // checked where the function reads it (documented for fetches by name).
  PathWeakExempt notRead(*this);
  bindings_[name] = valueOf(value);
}

void TraceBuilder::finish(const std::vector<Tensor> &results) {
  Frame &frame = frames_.front();
  builder_.setInsertionPointToEnd(frame.block);
  llvm::SmallVector<Value> values;
  for (size_t i = 0; i < results.size(); ++i) {
    if (!results[i].defined())
      failHere("result " + std::to_string(i) + " of '" +
               func_.getSymName().str() + "' is undefined");
    values.push_back(valueOf(results[i]));
  }
  if (frame.token)
    values.push_back(frame.token);
  builder_.create<ir::ReturnOp>(func_.getLoc(), values);
  // Fetch names are the bound variables only (Graph.cpp): a hand-written
  // graph without this attribute is named by its locations instead.
  func_->setAttr(ir::kBindAttrName, UnitAttr::get(&context_));
  for (const auto &[name, value] : bindings_) {
    // Only values of the function's own body: a region's value is not the
    // variable's after the construct.
    Operation *def = value.getDefiningOp();
    if (!unbindable_.contains(name) && def && def->getBlock() == frame.block)
      ir::addBinding(value, name);
  }
  func_.setFunctionType(FunctionType::get(&context_,
                                          func_.getFunctionType().getInputs(),
                                          ValueRange(values).getTypes()));
}

namespace {

std::string typeName(const std::type_info &type) {
  int status = 0;
  char *demangled = abi::__cxa_demangle(type.name(), nullptr, nullptr, &status);
  std::string name = status == 0 && demangled ? demangled : type.name();
  std::free(demangled);
  return name;
}

/// Rethrows an exception that left the twin as an ag::Error at the
/// statement it left from (see unwoundAt()).
[[noreturn]] void relocate(std::string message,
                           std::vector<DiagnosticNote> notes) {
  Diagnostic diag = unwoundAt() ? std::move(*unwoundAt())
                                : TraceBuilder::diagnose(SourceLoc{}, "");
  unwoundAt().reset();
  diag.message = std::move(message);
  diag.notes.insert(diag.notes.begin(), notes.begin(), notes.end());
  throw Error(std::move(diag));
}

/// Calls the twin. Exceptions other than located ag::Errors come from code
/// that runs only now, while tracing (plain helper functions: the graph
/// records what they computed, it never calls them), or from runtime checks
/// that do not know the source: both are reported at the user's statement.
std::vector<Tensor> callTwin(
    llvm::function_ref<std::vector<Tensor>(const std::vector<Tensor> &)> body,
    const std::vector<Tensor> &staged) {
  try {
    return body(staged);
  } catch (const Error &e) {
    if (e.loc().known())
      throw;
    relocate(e.message(), e.notes());
  } catch (const std::exception &e) {
    relocate("exception " + typeName(typeid(e)) +
                 " thrown while tracing: " + e.what(),
             {{SourceLoc{}, "functions that are not AG_CONVERT run once, "
                            "while the graph is traced"}});
  } catch (...) {
    relocate("exception thrown while tracing", {});
  }
}

} // namespace

/// The user's source position in a traced op's location (see README.md):
/// the innermost twin's range, its function and variable name.
SourceLoc userLocation(Location loc) {
  SourceLoc source;
  while (true) {
    if (auto call = llvm::dyn_cast<CallSiteLoc>(loc)) {
      loc = call.getCallee();
    } else if (auto named = llvm::dyn_cast<NameLoc>(loc)) {
      if (source.name.empty())
        source.name = named.getName().str();
      loc = named.getChildLoc();
    } else if (auto fused = llvm::dyn_cast<FusedLoc>(loc)) {
      if (auto function =
              llvm::dyn_cast_if_present<StringAttr>(fused.getMetadata()))
        source.function = function.str();
      llvm::ArrayRef<Location> parts = fused.getLocations();
      if (parts.empty())
        return source;
      if (parts.size() > 1)
        if (auto end = llvm::dyn_cast<FileLineColLoc>(parts[1])) {
          source.endLine = end.getLine();
          source.endCol = end.getColumn();
        }
      loc = parts.front();
    } else if (auto file = llvm::dyn_cast<FileLineColLoc>(loc)) {
      source.file = file.getFilename().str();
      source.line = file.getLine();
      source.col = file.getColumn();
      return source;
    } else {
      return source;
    }
  }
}

void loadDialects(MLIRContext &context) {
  context.getOrLoadDialect<ir::AGDialect>();
}

OwningOpRef<ModuleOp> traceFunction(
    MLIRContext &context, StringRef name, ArrayRef<ArgSpec> args,
    llvm::function_ref<std::vector<Tensor>(const std::vector<Tensor> &)> body) {
  loadDialects(context);
  OwningOpRef<ModuleOp> module = ModuleOp::create(UnknownLoc::get(&context));
  {
    TraceBuilder tracer(context);
    llvm::SmallVector<Type> inputs;
    for (const ArgSpec &arg : args)
      inputs.push_back(tracer.tensorType(arg.dtype, arg.shape));
    OpBuilder builder(&context);
    builder.setInsertionPointToEnd(module->getBody());
    auto func = builder.create<ir::FuncOp>(
        NameLoc::get(StringAttr::get(&context, name)), name,
        FunctionType::get(&context, inputs, {}));
    if (func.getBody().empty())
      func.addEntryBlock();
    tracer.begin(func);
    std::vector<Tensor> staged;
    Block &entry = func.getBody().front();
    for (size_t i = 0; i < args.size(); ++i) {
      // Parameters are named by their block argument's NameLoc, like every
      // other named value (feeds bind by these names).
      BlockArgument arg = entry.getArgument(i);
      std::string argName =
          args[i].name.empty() ? "arg" + std::to_string(i) : args[i].name;
      arg.setLoc(NameLoc::get(StringAttr::get(&context, argName)));
      staged.push_back(tracer.wrap(arg, args[i].weak));
    }
    tracer.finish(callTwin(body, staged));
  }

  std::string errors;
  llvm::raw_string_ostream os(errors);
  SourceLoc where;
  {
    ScopedDiagnosticHandler handler(&context, [&](mlir::Diagnostic &diag) {
      if (!where.known())
        where = userLocation(diag.getLocation());
      os << diag << "\n";
      return success();
    });
    if (succeeded(verify(*module)))
      return module;
  }
  // A converter or tracer bug, but reported at the user's line (the op's
  // location) so the user can see which construct to rewrite meanwhile.
  Diagnostic diag;
  diag.phase = Diagnostic::Phase::Trace;
  diag.loc = where;
  diag.message = "internal error: the graph traced from '" + name.str() +
                 "' does not verify (a bug in ag-convert's twin or in the "
                 "tracer; please report it with this function): " +
                 llvm::StringRef(os.str()).trim().str();
  throw Error(std::move(diag));
}

} // namespace ag::trace
