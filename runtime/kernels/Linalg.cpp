//===- Linalg.cpp - Matrix products ---------------------------------------===//
//
// Float products go through Eigen's GEMM on row-major maps of the buffers
// (no copies). Integer products use a plain i-k-j loop with wrapping
// arithmetic: Eigen's integer product would overflow signed values, which is
// undefined behaviour, where C++ users of ag get two's complement wrapping
// everywhere else.
//
//===----------------------------------------------------------------------===//

#include "KernelSupport.h"

#include <Eigen/Core>

namespace ag::kernels {

using namespace support;
using detail::dispatchDType;
using detail::makeUninitialized;

namespace {

template <typename T>
using RowMajor =
    Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

/// out[m,n] = a[m,k] * b[k,n], all row-major.
template <typename T>
void gemm(const T *a, const T *b, T *out, int64_t m, int64_t k, int64_t n) {
  if constexpr (std::is_floating_point_v<T>) {
    Eigen::Map<const RowMajor<T>> ma(a, m, k), mb(b, k, n);
    Eigen::Map<RowMajor<T>> mo(out, m, n);
    mo.noalias() = ma * mb;
  } else {
    std::fill_n(out, m * n, T(0));
    for (int64_t i = 0; i < m; ++i)
      for (int64_t p = 0; p < k; ++p) {
        T av = a[i * k + p];
        const T *brow = b + p * n;
        T *orow = out + i * n;
        for (int64_t j = 0; j < n; ++j)
          orow[j] = wrapAdd(orow[j], wrapMul(av, brow[j]));
      }
  }
}

} // namespace

Tensor matmul(const Tensor &a, const Tensor &b) {
  const detail::TensorImpl &ia = eager(a, "matmul"), &ib = eager(b, "matmul");
  auto mismatch = [&](const std::string &why) {
    fail("matmul of " + typeText(a) + " and " + typeText(b) + ": " + why);
  };
  if (ia.dtype != ib.dtype || ia.dtype == DType::Bool)
    mismatch("the operands need one numeric dtype");
  int64_t ra = a.rank(), rb = b.rank();
  if (ra < 1 || ra > 3 || rb < 1 || rb > 3)
    mismatch("ranks 1 to 3 are supported");
  // As matrices: a vector operand is a row (left) or a column (right).
  int64_t m = ra == 1 ? 1 : ia.shape[ra - 2], k = ia.shape[ra - 1];
  int64_t k2 = rb == 1 ? ib.shape[0] : ib.shape[rb - 2];
  int64_t n = rb == 1 ? 1 : ib.shape[rb - 1];
  if (k != k2)
    mismatch("inner dimensions " + std::to_string(k) + " and " +
             std::to_string(k2) + " differ");
  int64_t batchA = ra == 3 ? ia.shape[0] : 1,
          batchB = rb == 3 ? ib.shape[0] : 1;
  if (ra == 3 && rb == 3 && batchA != batchB)
    mismatch("batch dimensions " + std::to_string(batchA) + " and " +
             std::to_string(batchB) + " differ");
  int64_t batch = ra == 3 ? batchA : batchB;
  Shape shape;
  if (ra == 3 || rb == 3)
    shape.push_back(batch);
  if (ra >= 2)
    shape.push_back(m);
  if (rb >= 2)
    shape.push_back(n);
  Tensor out = makeUninitialized(ia.dtype, shape);
  matmulInto(ia.dtype, ia.storage->data, ra != 3, ib.storage->data, rb != 3,
             out.impl()->storage->data, batch, m, k, n);
  return out;
}

void matmulInto(DType dtype, const void *a, bool sharedA, const void *b,
                bool sharedB, void *out, int64_t batch, int64_t m, int64_t k,
                int64_t n) {
  dispatchDType(dtype, [&](auto tag) {
    using T = decltype(tag);
    if constexpr (!std::is_same_v<T, bool>) {
      const T *pa = static_cast<const T *>(a), *pb = static_cast<const T *>(b);
      T *po = static_cast<T *>(out);
      for (int64_t i = 0; i < batch; ++i)
        gemm<T>(pa + (sharedA ? 0 : i * m * k), pb + (sharedB ? 0 : i * k * n),
                po + i * m * n, m, k, n);
    }
  });
}

} // namespace ag::kernels
