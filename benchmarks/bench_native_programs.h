#ifndef AG_BENCHMARKS_NATIVE_PROGRAMS_H
#define AG_BENCHMARKS_NATIVE_PROGRAMS_H
#include <ag/ag.h>
#include <cstdint>

// Annotated (converted at build time) for ag-bench-native.
ag::Tensor collatzSteps(ag::Tensor n);
ag::Tensor addOne(ag::Tensor x);
ag::Tensor chain5(ag::Tensor x);
ag::Tensor columnSums(ag::Tensor x);
ag::Tensor rowMeans(ag::Tensor x);
ag::Tensor product(ag::Tensor a, ag::Tensor b);
ag::Tensor sliceConcat(ag::Tensor x);
ag::Tensor centeredColumnSquares(ag::Tensor x);

// The same work in C++, the baselines (compiled at -O2).
int64_t collatzStepsNative(int64_t n);
int64_t addOneNative(int64_t x);
void chain5Native(const double *x, double *out, int64_t n);
#endif
