//===- ag/semantics/Slice.h - What a slice bound means ----------*- C++ -*-===//
//
// The one resolution of a NumPy-style `start:stop:step` against a dimension,
// used by ag::slice (trace-time checks), the ag.slice type inference and
// folder, and the runtime kernel, so all three agree on every edge.
// Header-only and standard-library-only, like ElementOps.h.
//
//===----------------------------------------------------------------------===//
#ifndef AG_SEMANTICS_SLICE_H
#define AG_SEMANTICS_SLICE_H

#include <cstdint>
#include <limits>
#include <optional>
#include <string>

namespace ag::sem {

/// A stop meaning "the end of the dimension" (ag::kEnd).
inline constexpr int64_t kSliceEnd = std::numeric_limits<int64_t>::max();

struct SliceExtent {
  int64_t start;  // the first element taken; 0 when none is
  int64_t length; // elements taken
};

/// NumPy's `start:stop:step` on a dimension of size `n` >= 0, except that
/// bounds out of range are an error, not clamped (the spec's "Bad input":
/// slicing out of bounds is an error at the user's line naming the shapes).
/// A negative bound counts from the end (b += n); a stop of kSliceEnd is
/// NumPy's omitted stop: `n`, or before the first element when step < 0.
/// Then a step > 0 needs start and stop in [0, n], a step < 0 needs them in
/// [-1, n - 1], -1 meaning "before the first element" and reachable only as
/// -n - 1: `x[::-1]` is start -1 (or n - 1), stop kSliceEnd (or -n - 1),
/// step -1. Crossed bounds in range are an empty slice. std::nullopt for a
/// zero step, a bound out of range (sliceError says which) or a negative n.
inline std::optional<SliceExtent> resolveSlice(int64_t n, int64_t start,
                                               int64_t stop, int64_t step) {
  if (step == 0 || n < 0)
    return std::nullopt;
  int64_t lo = step < 0 ? -1 : 0, hi = step < 0 ? n - 1 : n;
  auto resolve = [&](int64_t bound) {
    return bound < 0 ? bound + n : bound; // cannot overflow: bound < 0 <= n
  };
  int64_t a = resolve(start);
  int64_t b = stop == kSliceEnd ? (step < 0 ? -1 : n) : resolve(stop);
  if (a < lo || a > hi || b < lo || b > hi)
    return std::nullopt;
  // Truncating division rounds the non-negative quotients down; neither
  // form negates the step (INT64_MIN).
  int64_t length = step > 0 ? (b > a ? (b - a - 1) / step + 1 : 0)
                            : (a > b ? (b - a + 1) / step + 1 : 0);
  return SliceExtent{length ? a : 0, length};
}

/// The bounds ag::slice records for a resolved extent: the start taken and
/// the stop just past the last element taken (kSliceEnd when that is before
/// the first element), so the op reads the same at any dimension size.
inline void canonicalSlice(SliceExtent extent, int64_t step, int64_t &start,
                           int64_t &stop) {
  start = extent.start;
  if (extent.length == 0) {
    // 0:0 or -1:-1:-1, empty and in range at any size (even 0).
    start = stop = step < 0 ? -1 : 0;
    return;
  }
  // The last element taken is inside the dimension: no overflow.
  int64_t last = start + (extent.length - 1) * step;
  stop = step > 0 ? last + 1 : last == 0 ? kSliceEnd : last - 1;
}

/// "2:5", "-3:" (a stop of kSliceEnd), "1:7:2": the bound as NumPy spells it.
inline std::string sliceText(int64_t start, int64_t stop, int64_t step) {
  std::string text = std::to_string(start) + ":";
  if (stop != kSliceEnd)
    text += std::to_string(stop);
  if (step != 1)
    text += ":" + std::to_string(step);
  return text;
}

/// Why resolveSlice failed, up to the operand: "slice 2:9:0 has a zero
/// step, along dimension 0" or "slice 2:9 is out of range for dimension 0"
/// (callers append " of float64[4]", which names the dimension's size).
inline std::string sliceError(int64_t start, int64_t stop, int64_t step,
                              size_t dim) {
  return "slice " + sliceText(start, stop, step) +
         (step == 0 ? " has a zero step, along dimension "
                    : " is out of range for dimension ") +
         std::to_string(dim);
}

} // namespace ag::sem

#endif // AG_SEMANTICS_SLICE_H
