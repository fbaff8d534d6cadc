// Converted functions of Inputs/cross-file-callee.cpp, called by
// cross-file.cpp: namespaced, overloaded (one noexcept), global.
#include <ag/ag.h>

namespace geo {
AG_CONVERT ag::Tensor collatzSteps(ag::Tensor n);
AG_CONVERT ag::Tensor scale(ag::Tensor x, int k);
AG_CONVERT ag::Tensor scale(ag::Tensor x, const ag::Tensor &k) noexcept;
} // namespace geo

AG_CONVERT ag::Tensor magnitude(ag::Tensor x);
