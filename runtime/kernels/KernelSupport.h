//===- KernelSupport.h - Helpers of the op-library kernels ------*- C++ -*-===//
//
// Private to runtime/kernels: element access and failures, as Kernels.cpp
// uses them.
//
//===----------------------------------------------------------------------===//
#ifndef AG_RUNTIME_KERNELS_KERNELSUPPORT_H
#define AG_RUNTIME_KERNELS_KERNELSUPPORT_H

#include "../TensorInternal.h"
#include "ag/runtime/Kernels.h"

#include <string>
#include <type_traits>

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

/// "float64[2, 3]".
inline std::string typeText(const Tensor &t) {
  return std::string(dtypeName(t.dtype())) + shapeToString(t.shape());
}

/// Two's complement wrapping instead of undefined signed overflow.
template <typename T> T wrapAdd(T a, T b) {
  using U = std::make_unsigned_t<T>;
  return static_cast<T>(static_cast<U>(a) + static_cast<U>(b));
}
template <typename T> T wrapMul(T a, T b) {
  using U = std::make_unsigned_t<T>;
  return static_cast<T>(static_cast<U>(a) * static_cast<U>(b));
}

} // namespace ag::kernels::support

#endif // AG_RUNTIME_KERNELS_KERNELSUPPORT_H
