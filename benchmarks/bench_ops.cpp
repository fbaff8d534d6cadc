// The op-library programs ag-bench-ops times against Eigen (issue 13).
#include "bench_ops.h"

namespace benchops {

AG_CONVERT
ag::Tensor product(ag::Tensor a, ag::Tensor b) { return ag::matmul(a, b); }

AG_CONVERT
ag::Tensor columnSums(ag::Tensor x) { return ag::sum(x, 0); }

AG_CONVERT
ag::Tensor rowSums(ag::Tensor x) { return ag::sum(x, 1); }

} // namespace benchops
