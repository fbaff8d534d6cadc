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
  int64_t start;  // in [0, n]
  int64_t length; // elements taken
};

/// `start:stop:step` of a dimension of size `n` >= 0: negative bounds count
/// from the end, a stop of kSliceEnd is `n`. std::nullopt when the step is
/// below 1 or the resolved bounds leave [0, n] or cross (start > stop).
inline std::optional<SliceExtent> resolveSlice(int64_t n, int64_t start,
                                               int64_t stop, int64_t step) {
  if (step < 1 || n < 0)
    return std::nullopt;
  // start + n cannot overflow: start < 0 <= n.
  int64_t a = start < 0 ? start + n : start;
  int64_t b = stop == kSliceEnd ? n : stop < 0 ? stop + n : stop;
  if (a < 0 || b < a || b > n)
    return std::nullopt;
  return SliceExtent{a, b == a ? 0 : (b - a - 1) / step + 1};
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

/// Why resolveSlice failed, up to the operand: "slice 2:9 is out of range
/// for dimension 0" (callers append " of float64[4]").
inline std::string sliceError(int64_t start, int64_t stop, int64_t step,
                              size_t dim) {
  return "slice " + sliceText(start, stop, step) +
         (step < 1 ? " needs a positive step, along dimension "
                   : " is out of range for dimension ") +
         std::to_string(dim);
}

} // namespace ag::sem

#endif // AG_SEMANTICS_SLICE_H
