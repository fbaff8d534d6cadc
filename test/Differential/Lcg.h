//===- Lcg.h - Deterministic inputs of the differential tests ---*- C++ -*-===//
//
// One definition of the pseudo-random numbers the differential suites build
// their inputs from; each suite's `Values` derives from it and adds the
// tensors it needs.
//
//===----------------------------------------------------------------------===//
#ifndef AG_TEST_DIFFERENTIAL_LCG_H
#define AG_TEST_DIFFERENTIAL_LCG_H

#include <cstdint>

namespace ag::test {

/// Deterministic pseudo-random values (a fixed LCG, so every run sees the
/// same inputs); seeds 1, 2, 3... give unrelated sequences.
struct Lcg {
  uint64_t state;
  explicit Lcg(uint64_t seed) : state(seed * 2654435761u + 1) {}
  /// A value in [lo, hi).
  double next(double lo, double hi) {
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    return lo + (hi - lo) * double(state >> 11) / double(1ull << 53);
  }
};

} // namespace ag::test

#endif // AG_TEST_DIFFERENTIAL_LCG_H
