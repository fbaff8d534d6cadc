//===- KernelSupport.h - Helpers of the op-library kernels ------*- C++ -*-===//
//
// Private to runtime/kernels and Kernels.cpp: element access, failures and
// the one strided copy behind every data-movement kernel.
//
//===----------------------------------------------------------------------===//
#ifndef AG_RUNTIME_KERNELS_KERNELSUPPORT_H
#define AG_RUNTIME_KERNELS_KERNELSUPPORT_H

#include "../TensorInternal.h"
#include "ag/runtime/Kernels.h"
#include "ag/semantics/ElementOps.h"
#include "ag/semantics/Layout.h"

#include <string>
#include <type_traits>
#include <vector>

namespace ag::kernels::support {

template <typename T> const T *elements(const Tensor &t) {
  return static_cast<const T *>(t.impl()->storage->data);
}
template <typename T> T *mutableElements(Tensor &t) {
  return static_cast<T *>(t.impl()->storage->data);
}

[[noreturn]] inline void fail(const std::string &message) {
  throw KernelError(message);
}

inline const detail::TensorImpl &eager(const Tensor &t, const char *kernel) {
  if (!t.defined() || !t.impl()->storage)
    fail(std::string(kernel) + ": operand is not an eager tensor");
  return *t.impl();
}

using detail::typeText;

/// Copies the elements of an n-d region. Element `idx` of `shape` (visited in
/// row-major order) is read at `src + sum(idx[d] * srcStrides[d])` and
/// written at `dst + sum(idx[d] * dstStrides[d])`; strides count elements of
/// `elementSize` bytes and may be 0 (broadcast) or negative. Runs that are
/// contiguous on both sides along the last dimension are copied whole.
/// Callers check that every address lies inside its buffer.
void stridedCopy(size_t elementSize, const Shape &shape, const void *src,
                 const std::vector<int64_t> &srcStrides, void *dst,
                 const std::vector<int64_t> &dstStrides);

using sem::rowMajorStrides;

/// Two's complement wrapping instead of undefined signed overflow: the one
/// definition in ag::sem.
using sem::wrapAdd;
using sem::wrapMul;

} // namespace ag::kernels::support

#endif // AG_RUNTIME_KERNELS_KERNELSUPPORT_H
