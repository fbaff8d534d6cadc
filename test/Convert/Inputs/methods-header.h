// Used by diag-methods-header.cpp: converted definitions in a header.
#include <ag/ag.h>
struct Layer {
  ag::Tensor w;
  AG_CONVERT ag::Tensor apply(ag::Tensor x) const { return x * w; }
};
template <typename T> AG_CONVERT ag::Tensor scaleBy(ag::Tensor x, T k) { return x * k; }
