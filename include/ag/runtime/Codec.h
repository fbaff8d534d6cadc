//===- ag/runtime/Codec.h - Values to bytes and back ------------*- C++ -*-===//
//
// The one encoding of runtime values that the durable store (issue 14) and
// the MPI executor (issue 15) share. Tensors are .npy bytes (numpy reads a
// stored tensor as is); inline scalars and lists have a small fixed layout;
// a host value (an AG_NODE's C++ object) is encoded by the codec registered
// for its C++ type, which ag/Codec.h derives from cereal. A value whose type
// has no codec is simply not encodable: encodeValue says so and the caller
// recomputes or keeps the value where it is. No MLIR and no cereal here.
//
//===----------------------------------------------------------------------===//
#ifndef AG_RUNTIME_CODEC_H
#define AG_RUNTIME_CODEC_H

#include "ag/runtime/Value.h"

#include <any>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <typeindex>

namespace ag::exec {

/// Malformed or truncated bytes, or a host type with no codec in this
/// process. The message names what was wrong; callers add the file or rank.
class CodecError : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

/// How values of one host (non-tensor) C++ type become bytes and back.
struct HostCodec {
  /// The stable name of the type (detail::typeName<T>()), written with the
  /// bytes so another process can find its codec.
  std::string type;
  /// typeid(T): how an in-memory std::any finds its codec.
  std::type_index id = typeid(void);
  std::function<std::string(const std::any &)> encode;
  /// Throws CodecError on malformed bytes.
  std::function<std::shared_ptr<const std::any>(std::string_view)> decode;
};

/// Registers `codec`; a second registration of one type keeps the first.
bool registerHostCodec(HostCodec codec);
/// The codec of a host value's dynamic type, or null.
std::shared_ptr<const HostCodec> findHostCodec(std::type_index id);
/// The codec registered under a type name, or null.
std::shared_ptr<const HostCodec> findHostCodec(const std::string &type);

/// Whether `v` can be encoded: a tensor, an inline scalar, a list, or a host
/// value whose type has a codec. Tokens and empty values cannot.
bool hasCodec(const Value &v);
/// The self-describing bytes of `v`, or nullopt when !hasCodec(v).
/// Deterministic: equal values give equal bytes (content keys rely on it).
std::optional<std::string> encodeValue(const Value &v);
/// The value `bytes` encode. Throws CodecError when they are malformed,
/// truncated, or name a host type with no codec in this process.
Value decodeValue(std::string_view bytes);

/// A tensor as the bytes of a .npy file (format 1.0, little endian, C
/// order), and back. decodeNpy accepts what encodeNpy writes and what
/// numpy.save writes for bool, int32, int64, float32 and float64 arrays.
std::string encodeNpy(const Tensor &t);
Tensor decodeNpy(std::string_view bytes);

} // namespace ag::exec

#endif // AG_RUNTIME_CODEC_H
