//===- ag/Codec.h - Which C++ types a graph can store or send ---*- C++ -*-===//
//
// A host value (the result of an AG_NODE) can be written to a store or sent
// to another MPI rank when its type has a codec. Built in: arithmetic types,
// std::string, ag::Tensor (as .npy bytes), and std::vector, std::array,
// std::map, std::pair, std::tuple and std::optional of types with a codec.
// A user type opts in the way cereal users already know, with a
//
//   template <class Archive> void serialize(Archive &ar, Table &t) {
//     ar(t.x, t.y);
//   }
//
// (or a member serialize, or save/load) next to the type. The bytes are
// cereal's portable binary archive. A type without a codec still works in
// every graph; its values are just never stored or sent (its consumers
// recompute it, or run where it is).
//
// <ag/ag.h> does not include this header (cereal is a third of its parse
// time): include it in a file that stores or sends user types. ag-convert
// adds it to every file it rewrites that calls or defines an AG_NODE.
//
//===----------------------------------------------------------------------===//
#ifndef AG_CODEC_H
#define AG_CODEC_H

#include "ag/Tensor.h"
#include "ag/detail/CodecHook.h"
#include "ag/runtime/Codec.h"
#include "ag/runtime/HostNode.h"

#include <cereal/archives/portable_binary.hpp>
#include <cereal/types/array.hpp>
#include <cereal/types/map.hpp>
#include <cereal/types/optional.hpp>
#include <cereal/types/string.hpp>
#include <cereal/types/tuple.hpp>
#include <cereal/types/utility.hpp>
#include <cereal/types/vector.hpp>

#include <array>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

namespace ag {

/// A tensor inside a user type is stored as its .npy bytes.
template <class Archive> void save(Archive &ar, const Tensor &t) {
  ar(exec::encodeNpy(t));
}
template <class Archive> void load(Archive &ar, Tensor &t) {
  std::string npy;
  ar(npy);
  t = exec::decodeNpy(npy);
}

/// HasCodec<T>::value: whether values of T can be stored and sent.
template <class T, class = void> struct HasCodec {
  static constexpr bool value =
      std::is_default_constructible_v<T> &&
      cereal::traits::is_output_serializable<
          T, cereal::PortableBinaryOutputArchive>::value &&
      cereal::traits::is_input_serializable<
          T, cereal::PortableBinaryInputArchive>::value;
};
template <class T>
struct HasCodec<T, std::enable_if_t<std::is_arithmetic_v<T>>> : std::true_type {
};
template <> struct HasCodec<std::string> : std::true_type {};
template <> struct HasCodec<Tensor> : std::true_type {};
template <class T, class A> struct HasCodec<std::vector<T, A>> : HasCodec<T> {};
template <class T, std::size_t N>
struct HasCodec<std::array<T, N>> : HasCodec<T> {};
template <class T> struct HasCodec<std::optional<T>> : HasCodec<T> {};
template <class K, class V, class C, class A>
struct HasCodec<std::map<K, V, C, A>>
    : std::bool_constant<HasCodec<K>::value && HasCodec<V>::value> {};
template <class A, class B>
struct HasCodec<std::pair<A, B>>
    : std::bool_constant<HasCodec<A>::value && HasCodec<B>::value> {};
template <class... T>
struct HasCodec<std::tuple<T...>>
    : std::bool_constant<(HasCodec<T>::value && ...)> {};

template <class T> inline constexpr bool hasCodec = HasCodec<T>::value;

namespace detail {
/// Registers T's codec once (no-op for tensors and arithmetic types, which
/// the runtime encodes itself, and for types without a codec). Called for
/// every parameter and result type of a registered node and every captured
/// ag::Lazy<T>, so a process can decode what it could produce.
template <class T> void registerCodec() {
  using D = std::decay_t<T>;
  if constexpr (!std::is_arithmetic_v<D> && !std::is_same_v<D, Tensor> &&
                HasCodec<D>::value) {
    static const bool registered = [] {
      exec::HostCodec codec;
      codec.type = typeName<D>();
      codec.id = typeid(D);
      codec.encode = [](const std::any &a) {
        std::ostringstream os;
        {
          cereal::PortableBinaryOutputArchive ar(os);
          ar(std::any_cast<const D &>(a));
        }
        return std::move(os).str();
      };
      codec.decode =
          [](std::string_view bytes) -> std::shared_ptr<const std::any> {
        std::istringstream is{std::string(bytes)};
        D value{};
        try {
          cereal::PortableBinaryInputArchive ar(is);
          ar(value);
        } catch (const std::exception &e) {
          throw exec::CodecError("malformed " + typeName<D>() +
                                 " value: " + e.what());
        }
        if (is.peek() != std::char_traits<char>::eof())
          throw exec::CodecError("trailing bytes after a " + typeName<D>() +
                                 " value");
        return std::make_shared<const std::any>(std::move(value));
      };
      return exec::registerHostCodec(std::move(codec));
    }();
    (void)registered;
  }
}
} // namespace detail
} // namespace ag

#endif // AG_CODEC_H
