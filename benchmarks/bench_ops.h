#ifndef AG_BENCH_OPS_H
#define AG_BENCH_OPS_H

#include <ag/ag.h>

namespace benchops {
ag::Tensor product(ag::Tensor a, ag::Tensor b);
ag::Tensor columnSums(ag::Tensor x);
ag::Tensor rowSums(ag::Tensor x);
} // namespace benchops

#endif // AG_BENCH_OPS_H
