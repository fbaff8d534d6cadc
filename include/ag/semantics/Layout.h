//===- ag/semantics/Layout.h - Row-major layout of a shape ------*- C++ -*-===//
//
// The one definition of row-major strides, used by the runtime kernels, the
// dialect's folders and the native lowering, so that all three address
// elements alike. Header-only and standard-library-only, like Slice.h.
//
//===----------------------------------------------------------------------===//
#ifndef AG_SEMANTICS_LAYOUT_H
#define AG_SEMANTICS_LAYOUT_H

#include <cstdint>
#include <vector>

namespace ag::sem {

/// Row-major strides, in elements, of a tensor of `shape` (a range of
/// int64_t dimensions: ag::Shape, llvm::ArrayRef<int64_t>).
template <typename Dims>
std::vector<int64_t> rowMajorStrides(const Dims &shape) {
  std::vector<int64_t> strides(shape.size());
  int64_t s = 1;
  for (size_t d = shape.size(); d-- > 0;) {
    strides[d] = s;
    s *= shape[d];
  }
  return strides;
}

} // namespace ag::sem

#endif // AG_SEMANTICS_LAYOUT_H
