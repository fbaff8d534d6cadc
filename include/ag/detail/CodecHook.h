//===- ag/detail/CodecHook.h - Codecs without parsing cereal ----*- C++ -*-===//
//
// What ag/Node.h needs of ag/Codec.h: a type's stable name, and a way to
// register its codec that costs nothing to parse. ag/Codec.h (cereal's
// archives and eight of its type headers, which made <ag/ag.h> 1.28x to
// 1.35x slower to parse, docs/performance.md) is then included only by
// translation units that store or send user types, and by every file
// ag-convert rewrites that calls or defines an AG_NODE.
//
// registerCodec<T>() is declared here as a weak function template and
// defined in ag/Codec.h. A translation unit that includes ag/Codec.h and
// registers T instantiates the definition; one that does not refers to the
// same symbol weakly, so whichever definition the program holds is used,
// and a type no translation unit gave a codec simply has none (its values
// are never stored or sent, as for a type without serialize()). Unlike a
// trait specialized in ag/Codec.h, this gives every translation unit the
// same definition of Node.h's templates (no ODR violation).
//
//===----------------------------------------------------------------------===//
#ifndef AG_DETAIL_CODECHOOK_H
#define AG_DETAIL_CODECHOOK_H

#include "ag/runtime/HostNode.h"

#include <string>
#include <type_traits>

namespace ag::detail {

/// The stable name of type T in graphs and encoded values (`Table`,
/// `std::pair<Table, Table>`).
template <typename T> const std::string &typeName() {
  static const std::string name = typeNameFromSignature(__PRETTY_FUNCTION__);
  return name;
}

/// Registers T's codec once (ag/Codec.h). Weak: see the file comment.
#if defined(__GNUC__) || defined(__clang__)
template <class T> [[gnu::weak]] void registerCodec();
#else
template <class T> void registerCodec();
#endif

/// registerCodec<T>() for a copyable T when some translation unit of the
/// program instantiated it (included ag/Codec.h). A move-only value is never
/// stored or sent: decoding makes a copyable std::any.
template <class T> void registerCodecOf() {
  using D = std::decay_t<T>;
  if constexpr (std::is_copy_constructible_v<D> && !std::is_arithmetic_v<D>) {
    // Through a volatile pointer: GCC folds the address of a weak function
    // template's specialization to non-null.
    void (*volatile fn)() = &registerCodec<D>;
    if (fn)
      fn();
  }
}

} // namespace ag::detail

#endif // AG_DETAIL_CODECHOOK_H
