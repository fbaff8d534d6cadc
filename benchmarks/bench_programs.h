#ifndef AG_BENCHMARKS_PROGRAMS_H
#define AG_BENCHMARKS_PROGRAMS_H
#include <ag/ag.h>
#include <cstdint>

// Annotated (converted at build time).
ag::Tensor collatzTotal(ag::Tensor n);
ag::Tensor twoHeavyBranches(ag::Tensor x, ag::Tensor y);
ag::Tensor elementwiseChain(ag::Tensor x);
ag::Tensor reductionTree(ag::Tensor x);
ag::Tensor listSquares(ag::Tensor n);

// The same work in native C++, the baseline.
int64_t collatzTotalNative(int64_t n);
int64_t listSquaresNative(int64_t n);

constexpr int kTreeLeaves = 50000; // ~100,000 scalar nodes in the tree
constexpr int kHeavyRounds = 40;
#endif
