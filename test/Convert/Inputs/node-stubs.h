// Definitions of the ag/Node.h templates whose result type is deduced, so
// that generated twins compile with -fsyntax-only before the runtime exists.
#include <ag/Node.h>
#include <tuple>
namespace ag::detail {
template <std::size_t I, typename T> auto get_(Loc, const Lazy<T> &) {
  return NodeResultT<std::tuple_element_t<I, T>>();
}
} // namespace ag::detail
