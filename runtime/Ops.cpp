//===- Ops.cpp - The op library: reductions, linalg, shapes, creation -----===//
//
// Each function checks its arguments against what is known now (eagerly:
// everything; while tracing: every static dimension), so a bad axis or
// shape is an error at the user's line at trace time. It then converts the
// operands as the op needs (sum of bool counts in int64, mean of integers is
// float64...) through the public operators, so the tracer records the same
// conversions, and either routes to the tracer or runs the one kernel.
// Dimensions unknown at trace time (-1) are checked by the kernel when the
// graph runs.
//
//===----------------------------------------------------------------------===//

#include "TensorInternal.h"

#include "ag/detail/Tracer.h"
#include "ag/runtime/Kernels.h"
#include "ag/semantics/ElementOps.h"
#include "ag/semantics/Slice.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <sstream>

namespace ag {

using detail::currentTracer;
using detail::throwError;
using detail::typeText;

namespace {

/// An ag::Error at the user's line: the tracer's location while tracing.
[[noreturn]] void fail(const std::string &message) {
  if (detail::Tracer *tracer = currentTracer())
    tracer->error(message);
  throwError(message);
}

std::string axisText(int64_t axis, const Tensor &x) {
  return "axis " + std::to_string(axis) + " is out of range for " +
         typeText(x) + " (valid: " + std::to_string(-x.rank()) + " to " +
         std::to_string(x.rank() - 1) + ")";
}

int64_t normalizeAxis(const char *op, int64_t axis, const Tensor &x,
                      int64_t rank) {
  int64_t a = axis < 0 ? axis + rank : axis;
  if (a < 0 || a >= rank)
    fail(std::string(op) + ": " + axisText(axis, x));
  return a;
}

/// Runs a kernel on eager operands, its failure becoming an ag::Error.
template <typename Fn>
Tensor runKernel(const char *op, const std::vector<const Tensor *> &args,
                 Fn &&fn) {
  for (const Tensor *t : args)
    if (t->isStaged())
      throwError(std::string("cannot ") + op +
                 " a staged tensor outside of the trace that created it");
  try {
    return fn();
  } catch (const kernels::KernelError &e) {
    throwError(e.what());
  }
}

Tensor reduceOver(ReduceKind kind, const Tensor &x,
                  const std::vector<int64_t> *over, bool keepdims) {
  const char *op = reduceKindName(kind);
  int64_t rank = x.rank();
  std::vector<int64_t> axes;
  if (!over) {
    for (int64_t d = 0; d < rank; ++d)
      axes.push_back(d);
  } else {
    for (int64_t a : *over)
      axes.push_back(normalizeAxis(op, a, x, rank));
    std::sort(axes.begin(), axes.end());
    for (size_t i = 1; i < axes.size(); ++i)
      if (axes[i] == axes[i - 1])
        fail(std::string(op) + ": axis " + std::to_string(axes[i]) +
             " is listed twice");
  }
  bool isArg = kind == ReduceKind::ArgMin || kind == ReduceKind::ArgMax;
  if (isArg && axes.size() > 1 && static_cast<int64_t>(axes.size()) != rank)
    fail(std::string(op) + " takes one axis or all of them");
  if (kind == ReduceKind::Min || kind == ReduceKind::Max || isArg)
    for (int64_t a : axes)
      if (x.shape()[a] == 0)
        fail(std::string(op) + " of an empty extent: " + typeText(x) +
             " has size 0 along axis " + std::to_string(a));

  // The operand as the kernel takes it.
  Tensor in = x;
  DType dtype = x.dtype();
  if ((kind == ReduceKind::Sum || kind == ReduceKind::Prod) &&
      dtype == DType::Bool)
    in = cast(x, DType::Int64);
  else if (kind == ReduceKind::Mean && !isFloat(dtype))
    in = cast(x, DType::Float64);
  else if ((kind == ReduceKind::Any || kind == ReduceKind::All) &&
           dtype != DType::Bool)
    in = x != 0;

  if (detail::Tracer *tracer = currentTracer())
    return tracer->reduce(kind, in, axes, keepdims);
  return runKernel(op, {&in},
                   [&] { return kernels::reduce(kind, in, axes, keepdims); });
}

/// A reshape target with x's dimensions (copied as -1 where unknown) and
/// `shape` otherwise; more than one unknown dimension cannot be expressed.
Tensor reshapeKeeping(const char *op, const Tensor &x, const Shape &shape) {
  if (std::count(shape.begin(), shape.end(), -1) > 1)
    fail(std::string(op) + " of " + typeText(x) +
         ": more than one dimension is known only when the graph runs");
  return reshape(x, shape);
}

} // namespace

//===----------------------------------------------------------------------===//
// Reductions
//===----------------------------------------------------------------------===//

Tensor reduce(ReduceKind kind, const Tensor &x) {
  return reduceOver(kind, x, nullptr, false);
}
Tensor reduce(ReduceKind kind, const Tensor &x, const Axes &over,
              bool keepdims) {
  return reduceOver(kind, x, &over.list, keepdims);
}

#define AG_REDUCTION(NAME, KIND)                                               \
  Tensor NAME(const Tensor &x, const Axes &over, bool keepdims) {              \
    return reduce(ReduceKind::KIND, x, over, keepdims);                        \
  }
#define AG_REDUCTION_ALL(NAME, KIND)                                           \
  Tensor NAME(const Tensor &x) { return reduce(ReduceKind::KIND, x); }
AG_REDUCTION(sum, Sum)
AG_REDUCTION(prod, Prod)
AG_REDUCTION_ALL(prod, Prod)
AG_REDUCTION(mean, Mean)
AG_REDUCTION_ALL(mean, Mean)
AG_REDUCTION(max, Max)
AG_REDUCTION_ALL(max, Max)
AG_REDUCTION(min, Min)
AG_REDUCTION_ALL(min, Min)
AG_REDUCTION(any, Any)
AG_REDUCTION_ALL(any, Any)
AG_REDUCTION(all, All)
AG_REDUCTION_ALL(all, All)
AG_REDUCTION_ALL(argmax, ArgMax)
// argmax/argmin reduce one axis at most: an int64_t, no Axes overload.
Tensor argmax(const Tensor &x, int64_t axis, bool keepdims) {
  return reduce(ReduceKind::ArgMax, x, ag::axis(axis), keepdims);
}
AG_REDUCTION_ALL(argmin, ArgMin)
Tensor argmin(const Tensor &x, int64_t axis, bool keepdims) {
  return reduce(ReduceKind::ArgMin, x, ag::axis(axis), keepdims);
}
#undef AG_REDUCTION
#undef AG_REDUCTION_ALL

//===----------------------------------------------------------------------===//
// Linear algebra
//===----------------------------------------------------------------------===//

Tensor matmul(const Tensor &a, const Tensor &b) {
  a.dtype(), b.dtype(); // an undefined operand is an error here
  DType dtype = detail::operandType(OpKind::Mul, *a.impl(), *b.impl());
  if (dtype == DType::Bool)
    dtype = DType::Int64;
  const Shape &sa = a.shape(), &sb = b.shape();
  int64_t ra = a.rank(), rb = b.rank();
  auto mismatch = [&](const std::string &why) {
    fail("matmul of " + typeText(a) + " and " + typeText(b) + ": " + why);
  };
  if (ra < 1 || ra > 3 || rb < 1 || rb > 3)
    mismatch("ranks 1 to 3 are supported");
  int64_t k = sa[ra - 1], k2 = rb == 1 ? sb[0] : sb[rb - 2];
  if (k >= 0 && k2 >= 0 && k != k2)
    mismatch("inner dimensions " + std::to_string(k) + " and " +
             std::to_string(k2) + " differ");
  if (ra == 3 && rb == 3 && sa[0] >= 0 && sb[0] >= 0 && sa[0] != sb[0])
    mismatch("batch dimensions " + std::to_string(sa[0]) + " and " +
             std::to_string(sb[0]) + " differ");
  Tensor x = a.dtype() == dtype ? a : cast(a, dtype);
  Tensor y = b.dtype() == dtype ? b : cast(b, dtype);
  if (detail::Tracer *tracer = currentTracer())
    return tracer->matmul(x, y);
  return runKernel("matmul", {&x, &y}, [&] { return kernels::matmul(x, y); });
}

Tensor dot(const Tensor &a, const Tensor &b) {
  if (a.rank() != 1 || b.rank() != 1)
    fail("dot of " + typeText(a) + " and " + typeText(b) +
         ": both operands must be vectors (use matmul for matrices)");
  return matmul(a, b);
}

Tensor outer(const Tensor &a, const Tensor &b) {
  if (a.rank() != 1 || b.rank() != 1)
    fail("outer of " + typeText(a) + " and " + typeText(b) +
         ": both operands must be vectors");
  return reshape(a, {-1, 1}) * b;
}

Tensor transpose(const Tensor &x) {
  std::vector<int64_t> perm;
  for (int64_t d = x.rank(); d-- > 0;)
    perm.push_back(d);
  return transpose(x, perm);
}

Tensor transpose(const Tensor &x, const std::vector<int64_t> &perm) {
  std::vector<int64_t> normalized = perm;
  if (std::optional<std::string> why =
          detail::normalizePermutation(x, normalized, /*fromEnd=*/true))
    fail(*why);
  if (detail::Tracer *tracer = currentTracer())
    return tracer->transpose(x, normalized);
  return runKernel("transpose", {&x},
                   [&] { return kernels::transpose(x, normalized); });
}

//===----------------------------------------------------------------------===//
// Shapes
//===----------------------------------------------------------------------===//

Tensor reshape(const Tensor &x, const Shape &shape) {
  Shape target;
  if (std::optional<std::string> why = detail::resolveReshape(x, shape, target))
    fail(*why);
  if (detail::Tracer *tracer = currentTracer())
    return tracer->reshape(x, target);
  return runKernel("reshape", {&x},
                   [&] { return kernels::reshape(x, target); });
}

Tensor flatten(const Tensor &x) { return reshape(x, {-1}); }

Tensor squeeze(const Tensor &x) {
  Shape shape;
  for (int64_t d : x.shape())
    if (d != 1)
      shape.push_back(d);
  return reshapeKeeping("squeeze", x, shape);
}

Tensor squeeze(const Tensor &x, int64_t axis) {
  int64_t a = normalizeAxis("squeeze", axis, x, x.rank());
  Shape shape = x.shape();
  if (shape[a] >= 0 && shape[a] != 1)
    fail("squeeze: dimension " + std::to_string(a) + " of " + typeText(x) +
         " has size " + std::to_string(shape[a]) + ", not 1");
  shape.erase(shape.begin() + a);
  return reshapeKeeping("squeeze", x, shape);
}

Tensor unsqueeze(const Tensor &x, int64_t axis) {
  int64_t rank = x.rank();
  int64_t a = axis < 0 ? axis + rank + 1 : axis;
  if (a < 0 || a > rank)
    fail("unsqueeze: axis " + std::to_string(axis) + " is out of range for " +
         typeText(x) + " (valid: " + std::to_string(-rank - 1) + " to " +
         std::to_string(rank) + ")");
  Shape shape = x.shape();
  shape.insert(shape.begin() + a, 1);
  return reshapeKeeping("unsqueeze", x, shape);
}

Tensor concat(const std::vector<Tensor> &values, int64_t axis) {
  if (values.empty())
    fail("concat of no tensors");
  const Tensor &first = values.front();
  int64_t rank = first.rank();
  if (rank == 0)
    fail("concat of 0-d tensors (stack them instead)");
  int64_t a = normalizeAxis("concat", axis, first, rank);
  DType dtype = first.dtype();
  for (const Tensor &v : values) {
    bool same = v.rank() == rank;
    for (int64_t d = 0; same && d < rank; ++d)
      same = d == a || v.shape()[d] < 0 || first.shape()[d] < 0 ||
             v.shape()[d] == first.shape()[d];
    if (!same)
      fail("concat along axis " + std::to_string(a) + ": " + typeText(first) +
           " and " + typeText(v) + " differ in another dimension");
    // Promotion as in arithmetic; comparisons keep bool as bool.
    detail::TensorImpl sofar;
    sofar.dtype = dtype;
    dtype = detail::operandType(OpKind::Eq, sofar, *v.impl());
  }
  std::vector<Tensor> operands;
  for (const Tensor &v : values)
    operands.push_back(v.dtype() == dtype ? v : cast(v, dtype));
  if (detail::Tracer *tracer = currentTracer())
    return tracer->concat(operands, a);
  std::vector<const Tensor *> args;
  for (const Tensor &v : operands)
    args.push_back(&v);
  return runKernel("concat", args,
                   [&] { return kernels::concat(operands, a); });
}

Tensor slice(const Tensor &x, const std::vector<int64_t> &start,
             const std::vector<int64_t> &stop,
             const std::vector<int64_t> &step) {
  static_assert(kEnd == sem::kSliceEnd);
  std::vector<int64_t> steps =
      step.empty() ? std::vector<int64_t>(start.size(), 1) : step;
  int64_t rank = x.rank();
  if (stop.size() != start.size() || steps.size() != start.size() ||
      static_cast<int64_t>(start.size()) > rank)
    fail("slice of " + typeText(x) + ": " + std::to_string(start.size()) +
         " starts, " + std::to_string(stop.size()) + " stops and " +
         std::to_string(steps.size()) + " steps for " + std::to_string(rank) +
         " dimensions");
  // Whole dimensions after the listed ones; a zero step or a bound out of
  // range is an error at the user's line, static bounds are resolved now,
  // dynamic ones by the kernel.
  std::vector<int64_t> a(rank, 0), b(rank, kEnd), k(rank, 1);
  for (size_t d = 0; d < start.size(); ++d) {
    a[d] = start[d];
    b[d] = stop[d];
    k[d] = steps[d];
    int64_t n = x.shape()[d];
    std::optional<sem::SliceExtent> extent;
    if (n >= 0 && k[d] != 0)
      extent = sem::resolveSlice(n, a[d], b[d], k[d]);
    if (k[d] == 0 || (n >= 0 && !extent))
      fail(sem::sliceError(a[d], b[d], k[d], d) + " of " + typeText(x));
    if (extent)
      sem::canonicalSlice(*extent, k[d], a[d], b[d]);
  }
  for (int64_t d = start.size(); d < rank; ++d)
    if (x.shape()[d] >= 0)
      b[d] = x.shape()[d];
  if (detail::Tracer *tracer = currentTracer())
    return tracer->slice(x, a, b, k);
  return runKernel("slice", {&x}, [&] { return kernels::slice(x, a, b, k); });
}

Tensor Tensor::slice(int64_t start, int64_t stop, int64_t step) const {
  return ag::slice(*this, {start}, {stop}, {step});
}

Tensor gather(const Tensor &x, const Tensor &indices, int64_t axis) {
  int64_t rank = x.rank();
  if (rank == 0)
    fail("gather from a 0-d tensor");
  int64_t a = normalizeAxis("gather", axis, x, rank);
  DType type = indices.dtype();
  if (type != DType::Int32 && type != DType::Int64)
    fail("gather indices must be int32 or int64, got " + typeText(indices));
  // Indices known now against a dimension known now: checked at the
  // user's line while tracing too.
  int64_t n = x.shape()[a];
  if (!indices.isStaged() && n >= 0) {
    for (int64_t j = 0, count = indices.numel(); j < count; ++j) {
      int64_t i = type == DType::Int64 ? indices.data<int64_t>()[j]
                                       : indices.data<int32_t>()[j];
      if (i < 0 || i >= n)
        fail("gather index " + std::to_string(i) +
             " is out of range for dimension " + std::to_string(a) + " of " +
             typeText(x) + " (size " + std::to_string(n) + ")");
    }
  }
  if (detail::Tracer *tracer = currentTracer())
    return tracer->gather(x, indices, a);
  return runKernel("gather", {&x, &indices},
                   [&] { return kernels::gather(x, indices, a); });
}

Tensor broadcast_to(const Tensor &x, const Shape &shape) {
  const Shape &from = x.shape();
  if (std::count(shape.begin(), shape.end(), -1) && currentTracer())
    fail("cannot broadcast " + typeText(x) + " to " +
         detail::requestedShapeText(shape) +
         ": the target has a dimension known only when the graph runs; "
         "combine with a value of that shape instead (x + ag::zeros_like(y))");
  bool ok = from.size() <= shape.size();
  for (int64_t d : shape)
    ok = ok && d >= 0;
  for (size_t i = 1; ok && i <= from.size(); ++i) {
    int64_t d = from[from.size() - i];
    ok = d < 0 || d == 1 || d == shape[shape.size() - i];
  }
  if (!ok)
    fail("cannot broadcast " + typeText(x) + " to " +
         detail::requestedShapeText(shape) +
         ": each dimension, aligned from the right, must equal the target's "
         "or be 1");
  if (from == shape)
    return x;
  if (detail::Tracer *tracer = currentTracer())
    return tracer->broadcastTo(x, shape);
  return runKernel("broadcast_to", {&x},
                   [&] { return kernels::broadcastTo(x, shape); });
}

//===----------------------------------------------------------------------===//
// Creation (eager values; a graph records them as constants)
//===----------------------------------------------------------------------===//

namespace {

void checkShape(const char *op, const Shape &shape) {
  for (int64_t d : shape)
    if (d < 0)
      fail(std::string(op) + ": negative dimension " + std::to_string(d) +
           (d == -1 && currentTracer()
                ? " (a shape known only when the graph runs: use " +
                      std::string(op) + "_like of a value of that shape)"
                : ""));
}

bool isDynamic(const Shape &shape) {
  return std::any_of(shape.begin(), shape.end(),
                     [](int64_t d) { return d < 0; });
}

/// A tensor of x's dtype and shape filled with `value`. A shape known only
/// when the graph runs is the broadcast of the 0-d value like x.
/// `value` as an element of `dtype` converts as ag::cast does (C++'s
/// static_cast): a float outside an integer type's range (NaN, +-inf,
/// 1e300) is undefined in C++, so an error at the user's line.
void checkFillValue(const char *op, double value, DType dtype) {
  detail::dispatchDType(dtype, [&](auto tag) {
    using C = sem::Cast<decltype(tag), double>;
    if constexpr (C::mayFault) {
      if (!C::check(value)) {
        std::ostringstream os;
        os << op << ": cannot fill " << dtypeName(dtype) << " with " << value
           << ": it is outside the integer's range (undefined in C++)";
        fail(os.str());
      }
    }
  });
}

Tensor filledLike(const Tensor &x, double value) {
  checkFillValue("full_like", value, x.dtype());
  if (isDynamic(x.shape()))
    if (detail::Tracer *tracer = currentTracer())
      return tracer->broadcastLike(Tensor::full(x.dtype(), {}, value), {x});
  return Tensor::full(x.dtype(), x.shape(), value);
}

} // namespace

Tensor full(const Shape &shape, double value, DType dtype) {
  checkShape("full", shape);
  checkFillValue("full", value, dtype);
  return Tensor::full(dtype, shape, value);
}
Tensor zeros(const Shape &shape, DType dtype) {
  checkShape("zeros", shape);
  return Tensor::full(dtype, shape, 0);
}
Tensor ones(const Shape &shape, DType dtype) {
  checkShape("ones", shape);
  return Tensor::full(dtype, shape, 1);
}
Tensor zeros_like(const Tensor &x) { return filledLike(x, 0); }
Tensor ones_like(const Tensor &x) { return filledLike(x, 1); }
Tensor full_like(const Tensor &x, double value) { return filledLike(x, value); }

Tensor arange(int64_t stop) { return arange(0, stop, 1); }

Tensor arange(int64_t start, int64_t stop, int64_t step) {
  if (step == 0)
    fail("arange: the step must not be 0");
  // Computed in unsigned arithmetic: stop - start may overflow int64.
  uint64_t span = step > 0
                      ? (stop > start ? uint64_t(stop) - uint64_t(start) : 0)
                      : (start > stop ? uint64_t(start) - uint64_t(stop) : 0);
  uint64_t magnitude = step > 0 ? uint64_t(step) : 0 - uint64_t(step);
  int64_t count = static_cast<int64_t>((span + magnitude - 1) / magnitude);
  std::vector<int64_t> values(static_cast<size_t>(count));
  for (int64_t i = 0; i < count; ++i)
    values[i] = static_cast<int64_t>(uint64_t(start) + uint64_t(i) * step);
  return Tensor::fromVector(values, {count});
}

Tensor linspace(double start, double stop, int64_t count) {
  if (count < 0)
    fail("linspace: negative count " + std::to_string(count));
  std::vector<double> values(static_cast<size_t>(count));
  double delta = count > 1 ? (stop - start) / double(count - 1) : 0;
  for (int64_t i = 0; i < count; ++i)
    values[i] = start + double(i) * delta;
  if (count > 1)
    values.back() = stop; // exact end point, as numpy
  return Tensor::fromVector(values, {count});
}

Tensor eye(int64_t n, int64_t m, DType dtype) {
  if (m < 0)
    m = n;
  if (n < 0)
    fail("eye: negative size " + std::to_string(n));
  Tensor t = Tensor::zeros(dtype, {n, m});
  if (t.numel() == 0)
    return t;
  char *data = static_cast<char *>(t.rawMutableData());
  Tensor one = Tensor::full(dtype, {}, 1);
  size_t size = dtypeSize(dtype);
  for (int64_t i = 0; i < std::min(n, m); ++i)
    std::memcpy(data + (i * m + i) * size, one.rawData(), size);
  return t;
}

} // namespace ag
