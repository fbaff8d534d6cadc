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
// tracing (a parameter, a loop's later iterations) is checked on sample
// values of its dtype instead (small integers, fractions like 0.1): an
// integer division or a float64 rounded to float32 differs on them. Never
// a silently different result on a sample; the documented limits are the
// dtype of a value returned as it is, and values past the samples' range.
//
//===----------------------------------------------------------------------===//

#include "TraceBuilder.h"

#include "ag/runtime/Kernels.h"

namespace ag {

std::vector<Tensor> detail::unionOfValues(const std::vector<Tensor> &a,
                                          const std::vector<Tensor> &b) {
  constexpr size_t kMaxValues = 64;
  std::vector<Tensor> all = a;
  for (const Tensor &v : b)
    if (llvm::none_of(all, [&](const Tensor &w) { return w.identical(v); }))
      all.push_back(v);
  return all.size() > kMaxValues ? std::vector<Tensor>() : all;
}

namespace trace {

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
/// literal, a counter): the conversions taken as exact. An integer beyond
/// int32's range (2^24 for a float32) is the documented limit
/// (docs/user-guide.md); a float64 as a float32, or any value as a bool,
/// changes too often to be taken on trust.
bool trustedExact(DType from, DType to) {
  return widensExactly(from, to) || (isInteger(from) && to != DType::Bool);
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

Tensor withWeak(const Tensor &t, bool weak) {
  auto impl = std::make_shared<detail::TensorImpl>(*t.impl());
  impl->weak = weak;
  impl->pathWeak = nullptr;
  return Tensor(std::move(impl));
}

/// Values standing in for one of `dtype` not known while tracing: small
/// integers for integers, and for floats fractions no float32 holds.
std::vector<Tensor> samples(DType dtype, bool weak) {
  std::vector<double> values;
  if (dtype == DType::Bool)
    values = {0, 1};
  else if (isInteger(dtype))
    values = {0, 1, -1, 2, 3, 7, -8, 100};
  else
    values = {0, 1, -1, 0.1, 1.0 / 3, 2.5, -7.25, 1e10};
  std::vector<Tensor> out;
  for (double v : values)
    out.push_back(withWeak(Tensor::full(dtype, {}, v), weak));
  return out;
}

std::string described(const Tensor &v) {
  return std::string(dtypeName(v.dtype())) + " " + toString(v);
}

/// "the int64 literal 3", or "an int64 literal" where its value is not
/// known while tracing.
std::string weakDescribed(const PathWeak &w) {
  std::string kind =
      std::string(dtypeName(w.dtype)) + (w.weak ? " literal" : " value");
  if (w.values.size() != 1 || w.sampled)
    return (w.dtype == DType::Int32 || w.dtype == DType::Int64 ? "an " : "a ") +
           kind;
  return "the " + kind + " " + toString(w.values.front());
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

/// One operand's candidate values on the weak path: eagerly, and as the
/// graph holds them there (the weak value converted at the merge).
struct Candidate {
  Tensor eager, held;
};

/// Each operand's candidates: a path-weak operand's values on its paths
/// (samples of its dtype where they are not known), a constant itself, any
/// other operand samples of its dtype. `known`: no operand was sampled.
std::vector<std::vector<Candidate>>
pathCandidates(llvm::ArrayRef<Tensor> operands, bool &known) {
  std::vector<std::vector<Candidate>> candidates;
  known = true;
  for (const Tensor &o : operands) {
    const detail::TensorImpl &impl = *o.impl();
    std::vector<Candidate> &choices = candidates.emplace_back();
    if (const PathWeak *w = impl.pathWeak.get()) {
      known = known && !w->values.empty() && !w->sampled;
      for (const Tensor &v :
           w->values.empty() ? samples(w->dtype, w->weak) : w->values) {
        Tensor eager = withWeak(v, w->weak);
        Tensor held = convertedOrNone(eager, impl.dtype);
        choices.push_back(
            {eager, held.defined() ? withWeak(held, impl.weak) : Tensor()});
      }
    } else if (!impl.symbolic && impl.storage) {
      choices.push_back({o, o});
    } else {
      known = false;
      for (const Tensor &v : samples(impl.dtype, impl.weak))
        choices.push_back({v, v});
    }
  }
  return candidates;
}

/// The op on one combination of candidates, eagerly and as the graph has
/// it (`graphFails` also when a value cannot be held in the graph).
struct BothWays {
  Tensor eager, graph;
  bool eagerFails = false, graphFails = false;

  BothWays(llvm::function_ref<Tensor(llvm::ArrayRef<Tensor>)> op,
           llvm::ArrayRef<Tensor> eagerIn, llvm::ArrayRef<Tensor> heldIn) {
    try {
      eager = op(eagerIn);
    } catch (const Error &) {
      eagerFails = true;
    }
    graphFails =
        !llvm::all_of(heldIn, [](const Tensor &t) { return t.defined(); });
    if (graphFails)
      return;
    try {
      graph = op(heldIn);
    } catch (const Error &) {
      graphFails = true;
    }
  }

  /// The same outcome: both fail alike (an integer division by zero is the
  /// op's own error where it runs), or the same value in either's dtype.
  bool same() const {
    if (eagerFails != graphFails)
      return false;
    if (eagerFails)
      return true;
    Tensor asGraph = convertedOrNone(eager, graph.dtype());
    return asGraph.defined() && asGraph.identical(graph) &&
           convertedOrNone(asGraph, eager.dtype()).identical(eager);
  }

  bool sameType() const {
    return eager.dtype() == graph.dtype() && eager.isWeak() == graph.isWeak();
  }

  /// "gives int64 3, not float64 3.5 as in the graph".
  std::string gives() const {
    return (eagerFails ? std::string("fails") : "gives " + described(eager)) +
           ", not " +
           (graphFails ? std::string("a failure") : described(graph)) +
           " as in the graph";
  }
};

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
    w->values = {side};
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
  (void)operandDType; // each candidate converts as the graph does
  const PathWeak *first = nullptr;
  for (const Tensor &o : operands)
    if (o.defined() && o.impl()->pathWeak && !first)
      first = o.impl()->pathWeak.get();
  if (!first)
    return result;
  bool known = true;
  std::vector<std::vector<Candidate>> candidates =
      pathCandidates(operands, known);
  // Every combination of the candidates, eagerly and as the graph has it.
  std::vector<Tensor> results;
  bool sameType = true;
  std::vector<size_t> pick(candidates.size(), 0);
  for (size_t round = 0; round < 4096; ++round) {
    llvm::SmallVector<Tensor> eagerIn, heldIn;
    for (size_t k = 0; k < candidates.size(); ++k) {
      eagerIn.push_back(candidates[k][pick[k]].eager);
      heldIn.push_back(candidates[k][pick[k]].held);
    }
    BothWays both(eagerOp, eagerIn, heldIn);
    if (!both.same())
      failDiverging(*first, known, operands, eagerIn, both.gives());
    if (!both.eagerFails) {
      sameType = sameType && both.sameType();
      results.push_back(both.eager);
    }
    // The next combination (an odometer over the candidate lists).
    size_t k = 0;
    while (k < pick.size() && ++pick[k] == candidates[k].size())
      pick[k++] = 0;
    if (k == pick.size())
      break;
  }
  if (sameType || results.empty())
    return result;
  auto w = std::make_shared<PathWeak>(*first);
  w->dtype = results.front().dtype();
  w->weak = results.front().isWeak();
  w->values = detail::unionOfValues(results, {});
  w->sampled = !known;
  return withPathWeak(result, std::move(w));
}

void TraceBuilder::failDiverging(const PathWeak &first, bool known,
                                 llvm::ArrayRef<Tensor> operands,
                                 llvm::ArrayRef<Tensor> eagerIn,
                                 const std::string &gives) {
  if (known)
    failHere("eagerly " + first.name + " is still " + weakDescribed(first) +
                 " " + first.path + ", and there this " + gives + advice(),
             literalNote(first));
  std::string sample;
  for (size_t k = 0; k < operands.size(); ++k)
    if (operands[k].impl()->pathWeak && !eagerIn[k].impl()->symbolic) {
      sample = toString(eagerIn[k]);
      break;
    }
  failHere(
      "eagerly " + first.name + " is still " + weakDescribed(first) + " " +
          first.path + ", and there this can compute another value than the " +
          "graph (where it is " + sample + ", this " + gives + ")" + advice(),
      literalNote(first));
}

void TraceBuilder::observePathWeak(const Tensor &t) {
  const detail::TensorImpl &impl = *t.impl();
  const PathWeak &w = *impl.pathWeak;
  bool exact = w.values.empty()
                   ? trustedExact(w.dtype, impl.dtype)
                   : llvm::all_of(w.values, [&](const Tensor &v) {
                       Tensor there = convertedOrNone(v, impl.dtype);
                       return there.defined() &&
                              convertedOrNone(there, v.dtype()).identical(v);
                     });
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

} // namespace trace
} // namespace ag
