//===- Shape.cpp - Data movement: transpose, reshape, concat, slice, gather
//===//
//
// Every kernel that moves elements without computing goes through
// support::stridedCopy; each checks its arguments in full first (shapes may
// come from a graph file), so no copy reads or writes outside a buffer.
//
//===----------------------------------------------------------------------===//

#include "KernelSupport.h"

#include "ag/semantics/Slice.h"

#include <algorithm>
#include <cstring>
#include <optional>

namespace ag::kernels {

using namespace support;
using detail::makeUninitialized;

namespace support {

namespace {
/// The innermost loop of stridedCopy for an element size known at compile
/// time (a fixed-size memcpy is a single move).
template <size_t Size>
void copyRun(const char *in, int64_t inStride, char *out, int64_t outStride,
             int64_t n, size_t) {
  for (int64_t i = 0; i < n; ++i)
    std::memcpy(out + i * outStride * int64_t(Size),
                in + i * inStride * int64_t(Size), Size);
}
template <>
void copyRun<0>(const char *in, int64_t inStride, char *out, int64_t outStride,
                int64_t n, size_t size) {
  int64_t bytes = static_cast<int64_t>(size);
  for (int64_t i = 0; i < n; ++i)
    std::memcpy(out + i * outStride * bytes, in + i * inStride * bytes, size);
}
} // namespace

void stridedCopy(size_t size, const Shape &shape, const void *src,
                 const std::vector<int64_t> &srcStrides, void *dst,
                 const std::vector<int64_t> &dstStrides) {
  const char *in = static_cast<const char *>(src);
  char *out = static_cast<char *>(dst);
  for (int64_t d : shape)
    if (d == 0)
      return;
  size_t rank = shape.size();
  if (rank == 0) {
    std::memcpy(out, in, size);
    return;
  }
  size_t last = rank - 1;
  int64_t inner = shape[last], is = srcStrides[last], os = dstStrides[last];
  auto copyRow = [&](const char *from, char *to) {
    if (is == 1 && os == 1) {
      std::memcpy(to, from, static_cast<size_t>(inner) * size);
      return;
    }
    switch (size) {
    case 1:
      return copyRun<1>(from, is, to, os, inner, size);
    case 4:
      return copyRun<4>(from, is, to, os, inner, size);
    case 8:
      return copyRun<8>(from, is, to, os, inner, size);
    default:
      return copyRun<0>(from, is, to, os, inner, size);
    }
  };
  // Odometer over the outer dimensions; offsets in elements.
  std::vector<int64_t> counter(last, 0);
  int64_t source = 0, target = 0, bytes = static_cast<int64_t>(size);
  for (;;) {
    copyRow(in + source * bytes, out + target * bytes);
    size_t d = last;
    for (; d > 0; --d) {
      size_t k = d - 1;
      source += srcStrides[k];
      target += dstStrides[k];
      if (++counter[k] < shape[k])
        break;
      source -= srcStrides[k] * shape[k];
      target -= dstStrides[k] * shape[k];
      counter[k] = 0;
    }
    if (d == 0)
      return;
  }
}

} // namespace support

Tensor transpose(const Tensor &x, const std::vector<int64_t> &perm) {
  const detail::TensorImpl &ix = eager(x, "transpose");
  size_t rank = ix.shape.size();
  std::vector<int64_t> checked = perm;
  if (std::optional<std::string> why =
          detail::normalizePermutation(x, checked, /*fromEnd=*/false))
    fail(*why);
  std::vector<int64_t> inStride = rowMajorStrides(ix.shape);
  Shape shape(rank);
  std::vector<int64_t> stride(rank); // input stride along each output dim
  for (size_t d = 0; d < rank; ++d) {
    shape[d] = ix.shape[perm[d]];
    stride[d] = inStride[perm[d]];
  }
  Tensor out = makeUninitialized(ix.dtype, shape);
  stridedCopy(dtypeSize(ix.dtype), shape, ix.storage->data, stride,
              out.impl()->storage->data, rowMajorStrides(shape));
  return out;
}

Tensor reshape(const Tensor &x, const Shape &shape) {
  const detail::TensorImpl &ix = eager(x, "reshape");
  Shape resolved;
  if (std::optional<std::string> why =
          detail::resolveReshape(x, shape, resolved))
    fail(*why);
  // Tensors are immutable once shared: the result aliases x's buffer.
  auto impl = std::make_shared<detail::TensorImpl>();
  impl->dtype = ix.dtype;
  impl->shape = std::move(resolved);
  impl->storage = ix.storage;
  return Tensor(std::move(impl));
}

Tensor concat(const std::vector<Tensor> &values, int64_t axis) {
  if (values.empty())
    fail("concat of no tensors");
  const detail::TensorImpl &first = eager(values.front(), "concat");
  int64_t rank = static_cast<int64_t>(first.shape.size());
  if (rank == 0)
    fail("concat of 0-d tensors (stack them instead)");
  if (axis < 0 || axis >= rank)
    fail("concat: axis " + std::to_string(axis) + " is out of range for " +
         typeText(values.front()));
  Shape shape = first.shape;
  shape[axis] = 0;
  for (const Tensor &v : values) {
    const detail::TensorImpl &iv = eager(v, "concat");
    bool same =
        iv.dtype == first.dtype && iv.shape.size() == first.shape.size();
    for (int64_t d = 0; same && d < rank; ++d)
      same = d == axis || iv.shape[d] == first.shape[d];
    // The same words as ag::concat's trace-time check where it applies.
    if (!same)
      fail("concat along axis " + std::to_string(axis) + ": " +
           typeText(values.front()) + " and " + typeText(v) +
           (iv.dtype != first.dtype ? " differ in dtype"
                                    : " differ in another dimension"));
    if (__builtin_add_overflow(shape[axis], iv.shape[axis], &shape[axis]))
      fail("concat along axis " + std::to_string(axis) +
           ": the result has more than 2^63 elements");
  }
  Tensor out = makeUninitialized(first.dtype, shape);
  if (out.numel() == 0)
    return out;
  size_t size = dtypeSize(first.dtype);
  std::vector<int64_t> outStrides = rowMajorStrides(shape);
  char *o = static_cast<char *>(out.impl()->storage->data);
  int64_t offset = 0; // along axis
  for (const Tensor &v : values) {
    const detail::TensorImpl &iv = *v.impl();
    if (iv.shape[axis] > 0)
      stridedCopy(size, iv.shape, iv.storage->data, rowMajorStrides(iv.shape),
                  o + offset * outStrides[axis] * int64_t(size), outStrides);
    offset += iv.shape[axis];
  }
  return out;
}

Tensor slice(const Tensor &x, const std::vector<int64_t> &start,
             const std::vector<int64_t> &stop,
             const std::vector<int64_t> &step) {
  const detail::TensorImpl &ix = eager(x, "slice");
  size_t count = start.size();
  if (stop.size() != count || step.size() != count || count > ix.shape.size())
    fail("slice of " + typeText(x) + ": " + std::to_string(count) +
         " starts, " + std::to_string(stop.size()) + " stops and " +
         std::to_string(step.size()) + " steps for " +
         std::to_string(ix.shape.size()) + " dimensions");
  std::vector<int64_t> inStride = rowMajorStrides(ix.shape);
  Shape shape = ix.shape;
  std::vector<int64_t> strides = inStride;
  int64_t offset = 0; // in elements
  for (size_t d = 0; d < count; ++d) {
    std::optional<sem::SliceExtent> extent =
        sem::resolveSlice(ix.shape[d], start[d], stop[d], step[d]);
    if (!extent)
      fail(sem::sliceError(start[d], stop[d], step[d], d) + " of " +
           typeText(x));
    offset += extent->start * inStride[d];
    // |step| < n when length > 1: the product stays inside the buffer.
    strides[d] = extent->length > 1 ? inStride[d] * step[d] : 0;
    shape[d] = extent->length;
  }
  Tensor out = makeUninitialized(ix.dtype, shape);
  if (out.numel() == 0)
    return out;
  size_t size = dtypeSize(ix.dtype);
  stridedCopy(size, shape,
              static_cast<const char *>(ix.storage->data) +
                  offset * int64_t(size),
              strides, out.impl()->storage->data, rowMajorStrides(shape));
  return out;
}

Tensor gather(const Tensor &x, const Tensor &indices, int64_t axis) {
  const detail::TensorImpl &ix = eager(x, "gather");
  const detail::TensorImpl &ii = eager(indices, "gather");
  if (ii.dtype != DType::Int64 && ii.dtype != DType::Int32)
    fail("gather indices must be int32 or int64, got " + typeText(indices));
  int64_t rank = static_cast<int64_t>(ix.shape.size());
  if (axis < 0 || axis >= rank)
    fail("gather: axis " + std::to_string(axis) + " is out of range for " +
         typeText(x));
  int64_t n = ix.shape[axis], count = indices.numel();
  std::vector<int64_t> at(static_cast<size_t>(count));
  detail::dispatchDType(ii.dtype, [&](auto tag) {
    using T = decltype(tag);
    if constexpr (std::is_integral_v<T> && !std::is_same_v<T, bool>) {
      const T *p = elements<T>(indices);
      for (int64_t j = 0; j < count; ++j) {
        at[j] = static_cast<int64_t>(p[j]);
        if (at[j] < 0 || at[j] >= n)
          fail("gather index " + std::to_string(at[j]) +
               " is out of range for dimension " + std::to_string(axis) +
               " of " + typeText(x) + " (size " + std::to_string(n) + ")");
      }
    }
  });
  Shape shape(ix.shape.begin(), ix.shape.begin() + axis);
  shape.insert(shape.end(), ii.shape.begin(), ii.shape.end());
  shape.insert(shape.end(), ix.shape.begin() + axis + 1, ix.shape.end());
  Tensor out = makeUninitialized(ix.dtype, shape);
  if (out.numel() == 0)
    return out;
  // x as [outer, n, inner]; result as [outer, count, inner]: one strided
  // copy of an [outer, inner] slab per index.
  int64_t outer = numElements(Shape(ix.shape.begin(), ix.shape.begin() + axis));
  int64_t inner =
      numElements(Shape(ix.shape.begin() + axis + 1, ix.shape.end()));
  int64_t size = static_cast<int64_t>(dtypeSize(ix.dtype));
  const char *in = static_cast<const char *>(ix.storage->data);
  char *o = static_cast<char *>(out.impl()->storage->data);
  for (int64_t j = 0; j < count; ++j)
    stridedCopy(size, {outer, inner}, in + at[j] * inner * size, {n * inner, 1},
                o + j * inner * size, {count * inner, 1});
  return out;
}

} // namespace ag::kernels

namespace ag::detail {

std::optional<std::string> normalizePermutation(const Tensor &x,
                                                std::vector<int64_t> &perm,
                                                bool fromEnd) {
  int64_t rank = x.rank();
  std::vector<bool> seen(rank, false);
  bool valid = static_cast<int64_t>(perm.size()) == rank;
  std::string text;
  for (int64_t &p : perm) {
    text += (text.empty() ? "" : ", ") + std::to_string(p);
    if (fromEnd && p < 0)
      p += rank;
    valid = valid && p >= 0 && p < rank && !seen[p];
    if (valid)
      seen[p] = true;
  }
  if (valid)
    return std::nullopt;
  return "transpose: [" + text + "] is not a permutation of the " +
         std::to_string(rank) + " dimensions of " + typeText(x);
}

std::optional<std::string>
resolveReshape(const Tensor &x, const Shape &requested, Shape &target) {
  target = requested;
  int unknown = -1;
  int64_t known = 1;
  for (size_t d = 0; d < requested.size(); ++d) {
    if (requested[d] == -1 && unknown < 0)
      unknown = static_cast<int>(d);
    else if (requested[d] < 0)
      return "reshape of " + typeText(x) + " to " +
             requestedShapeText(requested) +
             ": only one dimension may be -1, and none negative";
    else
      known *= requested[d];
  }
  const Shape &from = x.shape();
  if (std::any_of(from.begin(), from.end(), [](int64_t d) { return d < 0; }))
    return std::nullopt;
  int64_t count = numElements(from);
  if (unknown >= 0) {
    if (known == 0 || count % known != 0)
      return "cannot reshape " + typeText(x) + " (" + std::to_string(count) +
             " elements) to " + requestedShapeText(requested);
    target[unknown] = count / known;
  } else if (known != count) {
    return "cannot reshape " + typeText(x) + " (" + std::to_string(count) +
           " elements) to " + requestedShapeText(requested) + " (" +
           std::to_string(known) + " elements)";
  }
  return std::nullopt;
}

} // namespace ag::detail
