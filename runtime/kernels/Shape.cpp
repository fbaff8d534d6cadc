//===- Shape.cpp - Transpose and reshape ----------------------------------===//

#include "KernelSupport.h"

#include <cstring>

namespace ag::kernels {

using namespace support;
using detail::makeUninitialized;

namespace {
/// A requested shape as written: -1 stays -1 (shapeToString prints the ?
/// of a dynamic dimension).
std::string requestText(const Shape &shape) {
  std::string text = "[";
  for (size_t i = 0; i < shape.size(); ++i)
    text += (i ? ", " : "") + std::to_string(shape[i]);
  return text + "]";
}

} // namespace

Tensor transpose(const Tensor &x, const std::vector<int64_t> &perm) {
  const detail::TensorImpl &ix = eager(x, "transpose");
  size_t rank = ix.shape.size();
  std::vector<bool> seen(rank, false);
  bool valid = perm.size() == rank;
  for (int64_t p : perm) {
    valid = valid && p >= 0 && p < static_cast<int64_t>(rank) && !seen[p];
    if (valid)
      seen[p] = true;
  }
  if (!valid) {
    std::string text;
    for (int64_t p : perm)
      text += (text.empty() ? "" : ", ") + std::to_string(p);
    fail("transpose: [" + text + "] is not a permutation of the " +
         std::to_string(rank) + " dimensions of " + typeText(x));
  }
  Shape shape(rank);
  std::vector<int64_t> inStride(rank), stride(rank); // stride along out dim
  int64_t s = 1;
  for (size_t d = rank; d-- > 0;) {
    inStride[d] = s;
    s *= ix.shape[d];
  }
  for (size_t d = 0; d < rank; ++d) {
    shape[d] = ix.shape[perm[d]];
    stride[d] = inStride[perm[d]];
  }
  Tensor out = makeUninitialized(ix.dtype, shape);
  int64_t n = out.numel();
  if (n == 0)
    return out;
  size_t size = dtypeSize(ix.dtype);
  const char *in = static_cast<const char *>(ix.storage->data);
  char *o = static_cast<char *>(out.impl()->storage->data);
  std::vector<int64_t> counter(rank, 0);
  int64_t source = 0;
  for (int64_t i = 0; i < n; ++i) {
    std::memcpy(o + i * size, in + source * size, size);
    for (size_t d = rank; d-- > 0;) {
      source += stride[d];
      if (++counter[d] < shape[d])
        break;
      source -= stride[d] * shape[d];
      counter[d] = 0;
    }
  }
  return out;
}

Tensor reshape(const Tensor &x, const Shape &shape) {
  const detail::TensorImpl &ix = eager(x, "reshape");
  Shape resolved = shape;
  int64_t known = 1;
  int unknown = -1;
  for (size_t d = 0; d < shape.size(); ++d) {
    if (shape[d] == -1 && unknown < 0)
      unknown = static_cast<int>(d);
    else if (shape[d] < 0)
      fail("reshape of " + typeText(x) + " to " + requestText(shape) +
           ": only one dimension may be -1, and none negative");
    else
      known *= shape[d];
  }
  int64_t count = x.numel();
  if (unknown >= 0) {
    if (known == 0 || count % known != 0)
      fail("cannot reshape " + typeText(x) + " (" + std::to_string(count) +
           " elements) to " + requestText(shape));
    resolved[unknown] = count / known;
  } else if (known != count) {
    fail("cannot reshape " + typeText(x) + " (" + std::to_string(count) +
         " elements) to " + requestText(shape) + " (" + std::to_string(known) +
         " elements)");
  }
  // Tensors are immutable once shared: the result aliases x's buffer.
  auto impl = std::make_shared<detail::TensorImpl>();
  impl->dtype = ix.dtype;
  impl->shape = std::move(resolved);
  impl->storage = ix.storage;
  return Tensor(std::move(impl));
}

} // namespace ag::kernels
