//===- Codec.cpp - Values to bytes and back -------------------------------===//
//
// Envelope of encodeValue (all integers little endian):
//   "AGV" u8(version) u8(kind) payload
//   kind 1 tensor: the .npy bytes
//   kind 2 scalar: u8(dtype) and the element in 8 bytes
//   kind 3 list:   u64(count), then per element u64(size) and .npy bytes
//   kind 4 host:   u32(size) type name, then the codec's bytes
//
//===----------------------------------------------------------------------===//
#include "ag/runtime/Codec.h"

#include <cstring>
#include <map>
#include <mutex>
#include <unordered_map>

namespace ag::exec {
namespace {
constexpr uint8_t kVersion = 1;
enum : uint8_t { kTensor = 1, kScalar = 2, kList = 3, kHost = 4 };

struct CodecRegistry {
  std::mutex mutex;
  std::unordered_map<std::type_index, std::shared_ptr<const HostCodec>> byId;
  std::map<std::string, std::shared_ptr<const HostCodec>> byName;
};
CodecRegistry &codecs() {
  static CodecRegistry *r = new CodecRegistry; // outlives static destructors
  return *r;
}

/// Appends the `width` low bytes of `v`, little endian.
void putLE(std::string &out, uint64_t v, int width) {
  for (int i = 0; i < width; ++i)
    out.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
}
void putU64(std::string &out, uint64_t v) { putLE(out, v, 8); }
void putU32(std::string &out, uint32_t v) { putLE(out, v, 4); }

/// Reads from a byte range, failing with CodecError past its end.
class Reader {
public:
  explicit Reader(std::string_view bytes) : bytes_(bytes) {}
  std::string_view take(size_t n, const char *what) {
    if (n > bytes_.size() - pos_)
      throw CodecError(std::string("truncated value: ") + what + " needs " +
                       std::to_string(n) + " bytes, " +
                       std::to_string(bytes_.size() - pos_) + " left");
    std::string_view out = bytes_.substr(pos_, n);
    pos_ += n;
    return out;
  }
  /// A little-endian unsigned integer of `width` bytes.
  uint64_t le(int width, const char *what) {
    std::string_view b = take(width, what);
    uint64_t v = 0;
    for (int i = width - 1; i >= 0; --i)
      v = (v << 8) | static_cast<uint8_t>(b[i]);
    return v;
  }
  uint64_t u64(const char *what) { return le(8, what); }
  uint32_t u32(const char *what) { return static_cast<uint32_t>(le(4, what)); }
  uint8_t u8(const char *what) {
    return static_cast<uint8_t>(take(1, what)[0]);
  }
  std::string_view rest() {
    std::string_view out = bytes_.substr(pos_);
    pos_ = bytes_.size();
    return out;
  }
  bool done() const { return pos_ == bytes_.size(); }

private:
  std::string_view bytes_;
  size_t pos_ = 0;
};

const char *npyDescr(DType d) {
  switch (d) {
  case DType::Bool:
    return "|b1";
  case DType::Int32:
    return "<i4";
  case DType::Int64:
    return "<i8";
  case DType::Float32:
    return "<f4";
  case DType::Float64:
    return "<f8";
  }
  return "<f8";
}

std::optional<DType> dtypeOfDescr(std::string_view descr) {
  for (DType d : {DType::Bool, DType::Int32, DType::Int64, DType::Float32,
                  DType::Float64})
    if (descr == npyDescr(d))
      return d;
  return std::nullopt;
}

/// The value of `key` in a .npy header dict ("'descr': '<f8', ..."): the
/// text after "'key':" up to the next top-level ',' or '}'.
std::string_view headerField(std::string_view header, std::string_view key) {
  std::string quoted = "'" + std::string(key) + "':";
  size_t at = header.find(quoted);
  if (at == std::string_view::npos)
    throw CodecError(".npy header has no '" + std::string(key) + "'");
  size_t begin = at + quoted.size();
  int depth = 0;
  size_t end = begin;
  for (; end < header.size(); ++end) {
    char c = header[end];
    if (c == '(')
      ++depth;
    else if (c == ')')
      --depth;
    else if ((c == ',' || c == '}') && depth == 0)
      break;
  }
  std::string_view v = header.substr(begin, end - begin);
  while (!v.empty() && v.front() == ' ')
    v.remove_prefix(1);
  while (!v.empty() && v.back() == ' ')
    v.remove_suffix(1);
  return v;
}

void requireEagerTensor(const Tensor &t) {
  if (!t.defined() || t.isStaged())
    throw CodecError("only an evaluated tensor can be encoded");
}
} // namespace

bool registerHostCodec(HostCodec codec) {
  CodecRegistry &r = codecs();
  std::lock_guard<std::mutex> lock(r.mutex);
  if (r.byId.count(codec.id))
    return false;
  auto shared = std::make_shared<const HostCodec>(std::move(codec));
  r.byId.emplace(shared->id, shared);
  r.byName.emplace(shared->type, shared);
  return true;
}

std::shared_ptr<const HostCodec> findHostCodec(std::type_index id) {
  CodecRegistry &r = codecs();
  std::lock_guard<std::mutex> lock(r.mutex);
  auto it = r.byId.find(id);
  return it == r.byId.end() ? nullptr : it->second;
}

std::shared_ptr<const HostCodec> findHostCodec(const std::string &type) {
  CodecRegistry &r = codecs();
  std::lock_guard<std::mutex> lock(r.mutex);
  auto it = r.byName.find(type);
  return it == r.byName.end() ? nullptr : it->second;
}

std::string encodeNpy(const Tensor &t) {
  requireEagerTensor(t);
  std::string header = "{'descr': '";
  header += npyDescr(t.dtype());
  header += "', 'fortran_order': False, 'shape': (";
  for (size_t i = 0; i < t.shape().size(); ++i)
    header += (i ? ", " : "") + std::to_string(t.shape()[i]);
  if (t.rank() == 1)
    header += ","; // "(3,)" as Python writes a 1-tuple
  header += "), }";
  // Magic (6) + version (2) + header length (2) + header + '\n', padded to a
  // multiple of 64 as numpy writes it.
  size_t total = 10 + header.size() + 1;
  header.append((64 - total % 64) % 64, ' ');
  header.push_back('\n');
  std::string out("\x93NUMPY\x01\x00", 8);
  out.push_back(static_cast<char>(header.size() & 0xff));
  out.push_back(static_cast<char>(header.size() >> 8));
  out += header;
  size_t bytes = static_cast<size_t>(t.numel()) * dtypeSize(t.dtype());
  out.append(static_cast<const char *>(t.rawData()), bytes);
  return out;
}

Tensor decodeNpy(std::string_view bytes) {
  Reader in(bytes);
  if (in.take(6, ".npy magic") != std::string_view("\x93NUMPY", 6))
    throw CodecError("not a .npy value (bad magic)");
  uint8_t major = in.u8(".npy version");
  in.u8(".npy version");
  size_t headerLen = 0;
  if (major == 1) {
    std::string_view b = in.take(2, ".npy header length");
    headerLen = static_cast<uint8_t>(b[0]) | (static_cast<uint8_t>(b[1]) << 8);
  } else if (major == 2 || major == 3) {
    headerLen = in.u32(".npy header length");
  } else {
    throw CodecError(".npy format version " + std::to_string(major) +
                     " is not supported");
  }
  std::string_view header = in.take(headerLen, ".npy header");
  std::string_view descr = headerField(header, "descr");
  if (descr.size() < 2 || (descr.front() != '\'' && descr.front() != '"'))
    throw CodecError(".npy header has a malformed 'descr'");
  descr = descr.substr(1, descr.size() - 2);
  std::optional<DType> dtype = dtypeOfDescr(descr);
  if (!dtype)
    throw CodecError(".npy dtype '" + std::string(descr) +
                     "' is not one of ag's (bool, int32, int64, float32, "
                     "float64, little endian)");
  if (headerField(header, "fortran_order") != "False")
    throw CodecError(".npy value in Fortran order is not supported");
  std::string_view shapeText = headerField(header, "shape");
  if (shapeText.size() < 2 || shapeText.front() != '(' ||
      shapeText.back() != ')')
    throw CodecError(".npy header has a malformed 'shape'");
  Shape shape;
  uint64_t count = 1;
  std::string_view dims = shapeText.substr(1, shapeText.size() - 2);
  while (!dims.empty()) {
    while (!dims.empty() && (dims.front() == ' ' || dims.front() == ','))
      dims.remove_prefix(1);
    if (dims.empty())
      break;
    int64_t d = 0;
    size_t digits = 0;
    while (digits < dims.size() && dims[digits] >= '0' && dims[digits] <= '9') {
      if (d > (int64_t(1) << 48))
        throw CodecError(".npy shape dimension is too large");
      d = d * 10 + (dims[digits] - '0');
      ++digits;
    }
    if (digits == 0)
      throw CodecError(".npy header has a malformed 'shape'");
    dims.remove_prefix(digits);
    shape.push_back(d);
    if (d != 0 && count > (uint64_t(1) << 48) / static_cast<uint64_t>(d))
      throw CodecError(".npy value has too many elements");
    count *= static_cast<uint64_t>(d);
  }
  std::string_view data = in.rest();
  uint64_t expected = count * dtypeSize(*dtype);
  if (data.size() != expected)
    throw CodecError(".npy value has " + std::to_string(data.size()) +
                     " data bytes, its shape needs " +
                     std::to_string(expected));
  return Tensor::fromBuffer(*dtype, std::move(shape), data.data());
}

bool hasCodec(const Value &v) {
  switch (v.kind()) {
  case Value::Kind::Tensor:
  case Value::Kind::Scalar:
  case Value::Kind::List:
    return true;
  case Value::Kind::Host:
    return v.hostValue() &&
           findHostCodec(std::type_index(v.hostValue()->type()));
  case Value::Kind::Empty:
  case Value::Kind::Token:
    return false;
  }
  return false;
}

std::optional<std::string> encodeValue(const Value &v) {
  std::string out = "AGV";
  out.push_back(static_cast<char>(kVersion));
  switch (v.kind()) {
  case Value::Kind::Tensor:
    out.push_back(static_cast<char>(kTensor));
    out += encodeNpy(v.tensor());
    return out;
  case Value::Kind::Scalar: {
    Scalar s;
    v.asScalar(s);
    out.push_back(static_cast<char>(kScalar));
    out.push_back(static_cast<char>(s.dtype));
    uint64_t bits = 0;
    switch (s.dtype) {
    case DType::Bool:
      bits = s.b;
      break;
    case DType::Int32:
      bits = static_cast<uint32_t>(s.i32);
      break;
    case DType::Int64:
      bits = static_cast<uint64_t>(s.i64);
      break;
    case DType::Float32: {
      uint32_t b32;
      std::memcpy(&b32, &s.f32, 4);
      bits = b32;
      break;
    }
    case DType::Float64:
      std::memcpy(&bits, &s.f64, 8);
      break;
    }
    putU64(out, bits);
    return out;
  }
  case Value::Kind::List: {
    out.push_back(static_cast<char>(kList));
    std::vector<Tensor> elements = v.list().elements();
    putU64(out, elements.size());
    for (const Tensor &t : elements) {
      std::string npy = encodeNpy(t);
      putU64(out, npy.size());
      out += npy;
    }
    return out;
  }
  case Value::Kind::Host: {
    const std::any *a = v.hostValue();
    if (!a)
      return std::nullopt;
    std::shared_ptr<const HostCodec> codec =
        findHostCodec(std::type_index(a->type()));
    if (!codec)
      return std::nullopt;
    out.push_back(static_cast<char>(kHost));
    putU32(out, static_cast<uint32_t>(codec->type.size()));
    out += codec->type;
    out += codec->encode(*a);
    return out;
  }
  case Value::Kind::Empty:
  case Value::Kind::Token:
    return std::nullopt;
  }
  return std::nullopt;
}

Value decodeValue(std::string_view bytes) {
  Reader in(bytes);
  if (in.take(3, "value magic") != "AGV")
    throw CodecError("not an encoded ag value (bad magic)");
  uint8_t version = in.u8("value version");
  if (version != kVersion)
    throw CodecError("encoded value has format version " +
                     std::to_string(version) + "; this ag reads version " +
                     std::to_string(kVersion));
  switch (in.u8("value kind")) {
  case kTensor:
    return Value(decodeNpy(in.rest()));
  case kScalar: {
    uint8_t dtype = in.u8("scalar dtype");
    uint64_t bits = in.u64("scalar");
    if (!in.done())
      throw CodecError("trailing bytes after a scalar value");
    switch (static_cast<DType>(dtype)) {
    case DType::Bool:
      return Value(Scalar::of(bits != 0));
    case DType::Int32:
      return Value(Scalar::of(static_cast<int32_t>(bits)));
    case DType::Int64:
      return Value(Scalar::of(static_cast<int64_t>(bits)));
    case DType::Float32: {
      uint32_t b32 = static_cast<uint32_t>(bits);
      float f;
      std::memcpy(&f, &b32, 4);
      return Value(Scalar::of(f));
    }
    case DType::Float64: {
      double d;
      std::memcpy(&d, &bits, 8);
      return Value(Scalar::of(d));
    }
    }
    throw CodecError("scalar value has an unknown dtype " +
                     std::to_string(dtype));
  }
  case kList: {
    uint64_t count = in.u64("list length");
    List list;
    for (uint64_t i = 0; i < count; ++i) {
      uint64_t size = in.u64("list element size");
      list = list.push(decodeNpy(in.take(size, "list element")));
    }
    if (!in.done())
      throw CodecError("trailing bytes after a list value");
    return Value(std::move(list));
  }
  case kHost: {
    uint32_t nameSize = in.u32("host type name size");
    std::string type(in.take(nameSize, "host type name"));
    std::shared_ptr<const HostCodec> codec = findHostCodec(type);
    if (!codec)
      throw CodecError("no codec for host type '" + type + "' in this process");
    return Value::host(codec->decode(in.rest()));
  }
  default:
    throw CodecError("encoded value has an unknown kind");
  }
}

} // namespace ag::exec
