//===- Reduce.cpp - Reductions over axes ----------------------------------===//
//
// Every reduction runs over a contiguous block of axes, seen as
// [outer, reduced, inner]: the inner loop is contiguous (and vectorizes)
// whether the reduced axes are leading or trailing. A non-contiguous set of
// axes is reduced one block at a time, last block first. The summation
// order is fixed by the shape alone, so eager and graph agree bit for bit.
//
//===----------------------------------------------------------------------===//

#include "KernelSupport.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace ag {

const char *reduceKindName(ReduceKind kind) {
  switch (kind) {
  case ReduceKind::Sum:
    return "sum";
  case ReduceKind::Prod:
    return "prod";
  case ReduceKind::Mean:
    return "mean";
  case ReduceKind::Min:
    return "min";
  case ReduceKind::Max:
    return "max";
  case ReduceKind::Any:
    return "any";
  case ReduceKind::All:
    return "all";
  case ReduceKind::ArgMin:
    return "argmin";
  case ReduceKind::ArgMax:
    break;
  }
  return "argmax";
}

namespace kernels {

using namespace support;
using detail::dispatchDType;
using detail::makeUninitialized;

namespace {

template <typename T> bool isNaN(T v) {
  if constexpr (std::is_floating_point_v<T>)
    return std::isnan(v);
  else
    return false;
}

/// Sum of `n` contiguous values. Floats use eight partial sums (a fixed
/// order, so results do not depend on the caller), which lets the loop
/// vectorize without reassociating behind the compiler's back.
template <typename T> T sumContiguous(const T *in, int64_t n) {
  if constexpr (std::is_floating_point_v<T>) {
    T part[8] = {0, 0, 0, 0, 0, 0, 0, 0};
    int64_t i = 0;
    for (; i + 8 <= n; i += 8)
      for (int j = 0; j < 8; ++j)
        part[j] += in[i + j];
    T acc = ((part[0] + part[1]) + (part[2] + part[3])) +
            ((part[4] + part[5]) + (part[6] + part[7]));
    for (; i < n; ++i)
      acc += in[i];
    return acc;
  } else {
    T acc = 0;
    for (int64_t i = 0; i < n; ++i)
      acc = wrapAdd(acc, in[i]);
    return acc;
  }
}

/// Reduces in[outer][r][inner] over r into out[outer][inner] (not argmin or
/// argmax). `in` and `out` have T elements; any/all run on bool.
template <typename T>
void reduceBlock(ReduceKind kind, const T *in, T *out, int64_t outer, int64_t r,
                 int64_t inner) {
  for (int64_t a = 0; a < outer; ++a) {
    const T *block = in + a * r * inner;
    T *o = out + a * inner;
    if constexpr (!std::is_same_v<T, bool>) {
      if (inner == 1 && (kind == ReduceKind::Sum || kind == ReduceKind::Mean)) {
        *o = sumContiguous(block, r);
        continue;
      }
    }
    for (int64_t b = 0; b < inner; ++b) {
      switch (kind) {
      case ReduceKind::Prod:
        o[b] = 1;
        break;
      case ReduceKind::All:
        o[b] = T(1);
        break;
      case ReduceKind::Min:
      case ReduceKind::Max:
        o[b] = block[b]; // r >= 1: checked by the caller
        break;
      default:
        o[b] = 0;
      }
    }
    for (int64_t i = 0; i < r; ++i) {
      const T *row = block + i * inner;
      switch (kind) {
      case ReduceKind::Sum:
      case ReduceKind::Mean:
        if constexpr (!std::is_same_v<T, bool>) {
          for (int64_t b = 0; b < inner; ++b) {
            if constexpr (std::is_floating_point_v<T>)
              o[b] += row[b];
            else
              o[b] = wrapAdd(o[b], row[b]);
          }
        }
        break;
      case ReduceKind::Prod:
        if constexpr (!std::is_same_v<T, bool>) {
          for (int64_t b = 0; b < inner; ++b) {
            if constexpr (std::is_floating_point_v<T>)
              o[b] *= row[b];
            else
              o[b] = wrapMul(o[b], row[b]);
          }
        }
        break;
      case ReduceKind::Min: // a NaN wins and stays
        for (int64_t b = 0; b < inner; ++b)
          o[b] = (isNaN(o[b]) || row[b] >= o[b]) ? o[b] : row[b];
        break;
      case ReduceKind::Max:
        for (int64_t b = 0; b < inner; ++b)
          o[b] = (isNaN(o[b]) || row[b] <= o[b]) ? o[b] : row[b];
        break;
      case ReduceKind::Any:
        for (int64_t b = 0; b < inner; ++b)
          o[b] = o[b] || row[b];
        break;
      case ReduceKind::All:
        for (int64_t b = 0; b < inner; ++b)
          o[b] = o[b] && row[b];
        break;
      default:
        break;
      }
    }
  }
}

/// The position along r of the first extreme (a NaN counts as one).
template <typename T>
void argBlock(bool isMax, const T *in, int64_t *out, int64_t outer, int64_t r,
              int64_t inner) {
  std::vector<T> best(static_cast<size_t>(inner));
  for (int64_t a = 0; a < outer; ++a) {
    const T *block = in + a * r * inner;
    int64_t *o = out + a * inner;
    for (int64_t b = 0; b < inner; ++b) {
      best[b] = block[b];
      o[b] = 0;
    }
    for (int64_t i = 1; i < r; ++i) {
      const T *row = block + i * inner;
      for (int64_t b = 0; b < inner; ++b) {
        T v = row[b];
        bool better = isMax ? v > best[b] : v < best[b];
        if (!isNaN(best[b]) && (better || isNaN(v))) {
          best[b] = v;
          o[b] = i;
        }
      }
    }
  }
}

bool needsOperandType(ReduceKind kind, DType dtype, std::string &want) {
  switch (kind) {
  case ReduceKind::Sum:
  case ReduceKind::Prod:
    want = "a number";
    return dtype != DType::Bool;
  case ReduceKind::Mean:
    want = "a float";
    return isFloat(dtype);
  case ReduceKind::Any:
  case ReduceKind::All:
    want = "bool";
    return dtype == DType::Bool;
  default:
    return true;
  }
}

/// Fails unless `kind` is defined on `dtype` and `axes` are ascending, in
/// range and (for argmin/argmax) one axis or all of them.
void checkReduction(ReduceKind kind, const Tensor &x, DType dtype,
                    const std::vector<int64_t> &axes) {
  std::string want;
  if (!needsOperandType(kind, dtype, want))
    fail(std::string(reduceKindName(kind)) + " needs " + want +
         " tensor, got " + typeText(x));
  int64_t rank = x.rank();
  for (size_t i = 0; i < axes.size(); ++i)
    if (axes[i] < 0 || axes[i] >= rank || (i && axes[i] <= axes[i - 1]))
      fail(std::string(reduceKindName(kind)) + ": axis " +
           std::to_string(axes[i]) + " is out of range (or repeated) for " +
           typeText(x));
  bool isArg = kind == ReduceKind::ArgMin || kind == ReduceKind::ArgMax;
  if (isArg && axes.size() > 1 && static_cast<int64_t>(axes.size()) != rank)
    fail(std::string(reduceKindName(kind)) + " takes one axis or all of them");
}

/// Reduces `axes` (ascending, non-empty) of a non-empty x with `kind` (not
/// argmin/argmax), keeping them as size 1; a mean divides by `count`, the
/// elements per reduced group.
Tensor reduceBlocks(ReduceKind kind, const Tensor &x, DType dtype,
                    const std::vector<int64_t> &axes, int64_t count) {
  // Reduce the last contiguous block of axes, then the one before it...
  Tensor current = x;
  Shape currentShape = x.shape();
  int64_t rank = static_cast<int64_t>(currentShape.size());
  for (size_t end = axes.size(); end > 0;) {
    size_t begin = end - 1;
    while (begin > 0 && axes[begin - 1] + 1 == axes[begin])
      --begin;
    int64_t lo = axes[begin], hi = axes[end - 1];
    int64_t outer = 1, r = 1, inner = 1;
    for (int64_t d = 0; d < lo; ++d)
      outer *= currentShape[d];
    for (int64_t d = lo; d <= hi; ++d) {
      r *= currentShape[d];
      currentShape[d] = 1;
    }
    for (int64_t d = hi + 1; d < rank; ++d)
      inner *= currentShape[d];
    Tensor next = makeUninitialized(dtype, currentShape);
    dispatchDType(dtype, [&](auto tag) {
      using T = decltype(tag);
      reduceBlock<T>(kind, elements<T>(current), mutableElements<T>(next),
                     outer, r, inner);
    });
    current = next;
    end = begin;
  }
  if (kind == ReduceKind::Mean)
    dispatchDType(dtype, [&](auto tag) {
      using T = decltype(tag);
      if constexpr (std::is_floating_point_v<T>) {
        T *p = mutableElements<T>(current);
        T n = static_cast<T>(count);
        for (int64_t i = 0, e = current.numel(); i < e; ++i)
          p[i] /= n;
      }
    });
  return current;
}

} // namespace

Tensor reduce(ReduceKind kind, const Tensor &x,
              const std::vector<int64_t> &axes, bool keepdims) {
  const detail::TensorImpl &ix = eager(x, reduceKindName(kind));
  checkReduction(kind, x, ix.dtype, axes);
  const Shape &shape = ix.shape;
  int64_t rank = static_cast<int64_t>(shape.size());
  bool isArg = kind == ReduceKind::ArgMin || kind == ReduceKind::ArgMax;

  Shape kept = shape; // the result shape with keepdims
  int64_t count = 1;  // elements per reduced group
  for (int64_t a : axes) {
    count *= shape[a];
    kept[a] = 1;
  }
  Shape resultShape;
  for (int64_t d = 0; d < rank; ++d)
    if (keepdims || !std::binary_search(axes.begin(), axes.end(), d))
      resultShape.push_back(kept[d]);
  if (kind == ReduceKind::Min || kind == ReduceKind::Max || isArg)
    for (int64_t a : axes)
      if (shape[a] == 0)
        fail(std::string(reduceKindName(kind)) + " of an empty extent: " +
             typeText(x) + " has size 0 along axis " + std::to_string(a));

  DType outType = isArg ? DType::Int64 : ix.dtype;
  Tensor out = makeUninitialized(outType, resultShape);
  if (x.numel() == 0 || axes.empty()) {
    // Nothing to combine: empty groups give the identity; no axes copy.
    if (axes.empty()) {
      if (isArg) {
        std::fill_n(mutableElements<int64_t>(out), out.numel(), 0);
        return out;
      }
      return kernels::reshape(x, resultShape);
    }
    double identity = kind == ReduceKind::Prod || kind == ReduceKind::All ? 1
                      : kind == ReduceKind::Mean ? std::nan("")
                                                 : 0;
    return Tensor::full(outType, resultShape, identity);
  }

  if (isArg) {
    // One axis, or all of them (one block of the flattened tensor).
    int64_t lo = axes.front(), hi = axes.back();
    int64_t outer = 1, inner = 1;
    for (int64_t d = 0; d < lo; ++d)
      outer *= shape[d];
    for (int64_t d = hi + 1; d < rank; ++d)
      inner *= shape[d];
    dispatchDType(ix.dtype, [&](auto tag) {
      using T = decltype(tag);
      argBlock<T>(kind == ReduceKind::ArgMax, elements<T>(x),
                  mutableElements<int64_t>(out), outer, count, inner);
    });
    return out;
  }

  Tensor current = reduceBlocks(kind, x, ix.dtype, axes, count);
  return kernels::reshape(current, resultShape);
}

} // namespace kernels
} // namespace ag
