// Converted functions declared here and defined (and converted) in other
// files: namespaced, overloaded, in an inline namespace, void, with a
// default argument.
#include <ag/ag.h>

namespace geo {
AG_CONVERT ag::Tensor scale(ag::Tensor x, int k);
AG_CONVERT ag::Tensor scale(ag::Tensor x, const ag::Tensor &k) noexcept;
inline namespace v1 {
AG_CONVERT ag::Tensor shift(ag::Tensor x);
} // namespace v1
} // namespace geo

AG_CONVERT void report(ag::Tensor x);
AG_CONVERT ag::Tensor withDefault(ag::Tensor x, int k = 2);
