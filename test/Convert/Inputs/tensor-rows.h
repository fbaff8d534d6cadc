// Row iteration over ag::Tensor for range-for tests. ag/Tensor.h does not
// provide begin()/end() yet; these declarations (found by ADL) let the
// converter's range-for path be tested by conversion and -fsyntax-only.
#include <ag/Tensor.h>

namespace ag {
struct RowIterator {
  const Tensor *tensor;
  int64_t index;
  Tensor operator*() const { return (*tensor)[index]; }
  RowIterator &operator++() {
    ++index;
    return *this;
  }
  bool operator!=(const RowIterator &other) const {
    return index != other.index;
  }
};
inline RowIterator begin(const Tensor &t) { return {&t, 0}; }
inline RowIterator end(const Tensor &t) { return {&t, t.dim(0)}; }
} // namespace ag
