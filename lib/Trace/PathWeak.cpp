//===- PathWeak.cpp - Values whose eager dtype depends on the path --------===//
//
// Eagerly a weak literal keeps its own dtype until it meets a typed value,
// so after `x = 3; if (c) x = 2.5;` x is an int64 or a float64 depending on
// c, and `x / 2` is 1 or 1.25. A graph value has one dtype: the merge gives
// x the typed path's (IfMerge, buildLoop) and marks it with a PathWeak.
// Each use is checked here. An elementwise op is replayed eagerly on the
// values the operands have on the weak path (constants while tracing):
// where both paths give the same dtype the result is plain again, where
// they give the same value in another dtype the result carries the weak
// path's value on, and anything else is an error at the user's line. A
// use that reads the value as it is (a return, a print, an index) needs the
// weak path's value to be exactly the graph's. A value not known while
// tracing (a loop's first iteration) passes only where its dtype cannot
// change what the op computes. Never a silently different result; the one
// documented difference left is the dtype of a value returned as it is.
//
//===----------------------------------------------------------------------===//

#include "TraceBuilder.h"

#include "ag/runtime/Kernels.h"

namespace ag::trace {

using detail::PathWeak;

namespace {

/// Whether every value of `from` converts to `to` exactly.
bool widensExactly(DType from, DType to) {
  switch (from) {
  case DType::Bool:
    return true;
  case DType::Int32:
    return to == DType::Int32 || to == DType::Int64 || to == DType::Float64;
  case DType::Int64:
    return to == DType::Int64;
  case DType::Float32:
    return to == DType::Float32 || to == DType::Float64;
  case DType::Float64:
    return to == DType::Float64;
  }
  return false;
}

/// For a weak value not known while tracing (a parameter called with a
/// literal, a counter): the conversions taken as exact. An int64 literal
/// beyond int32's range, or 2^53 as a float64, is the documented limit
/// (docs/user-guide.md); a float64 literal as float32, or any value as a
/// bool, changes too often to be taken on trust.
bool trustedExact(DType from, DType to) {
  return widensExactly(from, to) ||
         (from == DType::Int64 && (to == DType::Int32 || to == DType::Float64));
}

/// `v` converted to `dtype`, or an undefined tensor where C++ leaves the
/// conversion undefined (NaN to an integer).
Tensor convertedOrNone(const Tensor &v, DType dtype) {
  try {
    return kernels::cast(v, dtype);
  } catch (const kernels::KernelError &) {
    return Tensor();
  }
}

/// Whether `v` converted to `through` first and then to `to` is `v`
/// converted to `to` directly.
bool sameThrough(const Tensor &v, DType through, DType to) {
  Tensor direct = convertedOrNone(v, to);
  Tensor there = convertedOrNone(v, through);
  return direct.defined() && there.defined() &&
         convertedOrNone(there, to).identical(direct);
}

Tensor withWeak(const Tensor &t, bool weak) {
  auto impl = std::make_shared<detail::TensorImpl>(*t.impl());
  impl->weak = weak;
  impl->pathWeak = nullptr;
  return Tensor(std::move(impl));
}

/// A value of `dtype` standing in for one not known while tracing: only
/// the dtype of what an op computes from it is read.
Tensor standIn(DType dtype, bool weak) {
  return withWeak(Tensor::full(dtype, {}, 1), weak);
}

std::string described(const Tensor &v) {
  return std::string(dtypeName(v.dtype())) + " " + toString(v);
}

/// "the int64 literal 3", or "an int64 literal" where its value is not
/// known while tracing.
std::string weakDescribed(const PathWeak &w) {
  std::string kind =
      std::string(dtypeName(w.dtype)) + (w.weak ? " literal" : " value");
  if (!w.value.defined())
    return (w.dtype == DType::Int32 || w.dtype == DType::Int64 ? "an " : "a ") +
           kind;
  return "the " + kind + " " + toString(w.value);
}

std::vector<DiagnosticNote> literalNote(const PathWeak &w) {
  if (!w.literalAt.known())
    return {};
  return {{w.literalAt, w.name + " gets that value here"}};
}

const char *advice() {
  return "; give the literal the dtype it has on the other path (3.0 for "
         "3, 0.5f for 0.5) or ag::cast it";
}

} // namespace

std::shared_ptr<const PathWeak>
TraceBuilder::pathWeakOf(const Tensor &side, DType dtype, bool weak,
                         llvm::StringRef name, std::string path,
                         const SourceLoc &literalAt) {
  if (!side.defined() || side.impl()->host || isList(side) ||
      (side.impl()->symbolic &&
       !mlir::isa<mlir::RankedTensorType>(typeOf(side))))
    return nullptr;
  const detail::TensorImpl &impl = *side.impl();
  if (impl.pathWeak)
    return impl.pathWeak->dtype == dtype && impl.pathWeak->weak == weak
               ? nullptr
               : impl.pathWeak;
  if (!impl.weak || (impl.dtype == dtype && weak))
    return nullptr;
  auto w = std::make_shared<PathWeak>();
  w->dtype = impl.dtype;
  w->weak = true;
  if (!impl.symbolic && impl.storage)
    w->value = side;
  w->name = name.str();
  w->path = std::move(path);
  w->literalAt = literalAt;
  return w;
}

Tensor TraceBuilder::withPathWeak(const Tensor &t,
                                  std::shared_ptr<const PathWeak> pathWeak) {
  if (!pathWeak)
    return t;
  auto impl = std::make_shared<detail::TensorImpl>(*t.impl());
  impl->pathWeak = std::move(pathWeak);
  return Tensor(std::move(impl));
}

Tensor TraceBuilder::pathChecked(
    llvm::ArrayRef<Tensor> operands, const Tensor &result, DType operandDType,
    llvm::function_ref<Tensor(llvm::ArrayRef<Tensor>)> eagerOp) {
  const PathWeak *first = nullptr;
  for (const Tensor &o : operands)
    if (o.defined() && o.impl()->pathWeak && !first)
      first = o.impl()->pathWeak.get();
  if (!first)
    return result;
  // The operands on the weak path, eagerly (`weakSide`) and as the graph
  // holds them there (`held`: the weak value converted at the merge).
  llvm::SmallVector<Tensor> weakSide, held;
  bool known = true;
  for (const Tensor &o : operands) {
    const detail::TensorImpl &impl = *o.impl();
    if (const PathWeak *w = impl.pathWeak.get()) {
      if (w->value.defined()) {
        weakSide.push_back(withWeak(w->value, w->weak));
        Tensor there = convertedOrNone(w->value, impl.dtype);
        held.push_back(there.defined() ? withWeak(there, impl.weak)
                                       : standIn(impl.dtype, impl.weak));
        known = known && there.defined();
      } else {
        weakSide.push_back(standIn(w->dtype, w->weak));
        held.push_back(standIn(impl.dtype, impl.weak));
        known = false;
      }
    } else if (!impl.symbolic && impl.storage) {
      weakSide.push_back(o);
      held.push_back(o);
    } else {
      weakSide.push_back(standIn(impl.dtype, impl.weak));
      held.push_back(weakSide.back());
      known = false;
    }
  }
  // Where the op itself fails on the weak path, eagerly and in the graph
  // alike (an integer division by zero), it fails there when it runs.
  Tensor eager, graph;
  try {
    eager = eagerOp(weakSide);
    graph = eagerOp(held);
  } catch (const Error &) {
    return result;
  }
  bool sameType =
      eager.dtype() == graph.dtype() && eager.isWeak() == graph.isWeak();
  if (known) {
    Tensor asGraph = convertedOrNone(eager, graph.dtype());
    if (!asGraph.defined() || !asGraph.identical(graph) ||
        !convertedOrNone(asGraph, eager.dtype()).identical(eager))
      failHere("eagerly " + first->name + " is still " + weakDescribed(*first) +
                   " " + first->path + ", and there this gives " +
                   described(eager) + ", not " + described(graph) +
                   " as in the graph" + advice(),
               literalNote(*first));
    if (sameType)
      return result;
    auto w = std::make_shared<PathWeak>(*first);
    w->dtype = eager.dtype();
    w->weak = eager.isWeak();
    w->value = eager;
    return withPathWeak(result, std::move(w));
  }
  // Only the weakness differs: the same dtype computes the same value, and
  // the weak path's result stays weak for the next use.
  bool weaknessOnly = !sameType && eager.dtype() == graph.dtype();
  if (!sameType && !weaknessOnly)
    failHere("eagerly " + first->name + " is still " + weakDescribed(*first) +
                 " " + first->path + ", and there this computes in " +
                 dtypeName(eager.dtype()) + ", not in " +
                 dtypeName(graph.dtype()) + " as in the graph" + advice(),
             literalNote(*first));
  // The same dtype on both paths: each weak value reaches the op's operand
  // dtype through the graph's, which must not change it.
  for (const Tensor &o : operands) {
    const detail::TensorImpl &impl = *o.impl();
    const PathWeak *w = impl.pathWeak.get();
    if (!w || impl.dtype == operandDType)
      continue;
    bool exact = w->value.defined()
                     ? sameThrough(w->value, impl.dtype, operandDType)
                     : trustedExact(w->dtype, impl.dtype);
    if (!exact)
      failHere("eagerly " + w->name + " is still " + weakDescribed(*w) + " " +
                   w->path + ", which this converts to " +
                   dtypeName(operandDType) + " directly, while the graph " +
                   "holds it as " + dtypeName(impl.dtype) + advice(),
               literalNote(*w));
  }
  if (!weaknessOnly)
    return result;
  auto w = std::make_shared<PathWeak>(*first);
  w->dtype = eager.dtype();
  w->weak = eager.isWeak();
  w->value = Tensor();
  return withPathWeak(result, std::move(w));
}

void TraceBuilder::observePathWeak(const Tensor &t) {
  const detail::TensorImpl &impl = *t.impl();
  const PathWeak &w = *impl.pathWeak;
  bool exact = w.value.defined()
                   ? sameThrough(w.value, impl.dtype, w.value.dtype())
                   : trustedExact(w.dtype, impl.dtype);
  if (exact)
    return;
  std::string message =
      "eagerly " + w.name + " is still " + weakDescribed(w) + " " + w.path +
      ", which is not exactly " + dtypeName(impl.dtype) +
      " (its dtype on the other path and in the graph)" + advice();
  // After the body (the function's results) there is no statement to
  // point at: the literal's is the one to change.
  if (scopeStack().empty() && w.literalAt.known())
    fail(w.literalAt, "the function returns this value, but " + message);
  failHere(message, literalNote(w));
}

} // namespace ag::trace
