//===- ag/runtime/Value.h - Type-erased evaluator values --------*- C++ -*-===//
//
// What a Program's value slot holds while it is being evaluated: a tensor, a
// scalar stored inline (no allocation: the evaluator's fast path for scalar
// control flow), an effect token, an immutable list of tensors (!ag.list), or
// an opaque host value (for future graph nodes that call ordinary C++
// functions on ordinary C++ objects). Copying a Value shares the underlying
// buffer; it never copies elements.
//
//===----------------------------------------------------------------------===//
#ifndef AG_RUNTIME_VALUE_H
#define AG_RUNTIME_VALUE_H

#include "ag/Tensor.h"

#include <any>
#include <cstdint>
#include <memory>
#include <mutex>
#include <utility>
#include <vector>

namespace ag::exec {

/// One element of any ag dtype, by value.
struct Scalar {
  DType dtype = DType::Int64;
  union {
    bool b;
    int32_t i32;
    int64_t i64;
    float f32;
    double f64;
  };
  Scalar() : i64(0) {}
  static Scalar of(bool v) {
    Scalar s;
    s.dtype = DType::Bool;
    s.b = v;
    return s;
  }
  static Scalar of(int32_t v) {
    Scalar s;
    s.dtype = DType::Int32;
    s.i32 = v;
    return s;
  }
  static Scalar of(int64_t v) {
    Scalar s;
    s.dtype = DType::Int64;
    s.i64 = v;
    return s;
  }
  static Scalar of(float v) {
    Scalar s;
    s.dtype = DType::Float32;
    s.f32 = v;
    return s;
  }
  static Scalar of(double v) {
    Scalar s;
    s.dtype = DType::Float64;
    s.f64 = v;
    return s;
  }
  /// Reads element 0 of an eager tensor.
  static Scalar fromTensor(const Tensor &t);
  Tensor toTensor() const;
  bool truth() const;
  int64_t asInt() const;
};

/// An immutable list of tensors (the value of an !ag.list) with O(1)
/// amortized push. Versions share one growable storage and each sees its
/// first size() elements (Go's slice trick): pushing onto the version whose
/// size equals the storage's appends in place, since no other version can
/// see the new element; pushing onto an older version copies its prefix into
/// new storage. So a loop that pushes onto its carried list never copies,
/// and a list pushed twice still behaves as two independent values.
class List {
public:
  /// The empty list (no storage until the first push).
  List() = default;

  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  /// A new list: this one plus `x`. Thread safe: the evaluator may run two
  /// pushes onto one version in parallel; one appends, the other copies.
  List push(ag::Tensor x) const;
  /// Element `i` (< size()).
  ag::Tensor at(size_t i) const;
  /// The elements of this version (sharing their buffers).
  std::vector<ag::Tensor> elements() const;
  /// Bytes of this version's elements, maintained on push (O(1)).
  uint64_t bytes() const { return bytes_; }

  /// The storage this version reads (null before the first push) and how
  /// many elements it holds (>= size()); lets tests observe whether a push
  /// appended in place or copied.
  const void *storageId() const { return storage_.get(); }
  size_t storageSize() const;

private:
  struct Storage {
    // Guards `elements`: a push may reallocate it while another version
    // reads its prefix.
    mutable std::mutex mutex;
    std::vector<ag::Tensor> elements;
  };
  List(std::shared_ptr<Storage> storage, size_t size, uint64_t bytes)
      : storage_(std::move(storage)), size_(size), bytes_(bytes) {}

  std::shared_ptr<Storage> storage_;
  size_t size_ = 0;
  uint64_t bytes_ = 0;
};

class Value {
public:
  enum class Kind : uint8_t { Empty, Tensor, Scalar, Token, Host, List };

  Value() = default;
  Value(ag::Tensor t) : tensor_(std::move(t)), kind_(Kind::Tensor) {}
  /// Like Value(t), but an eager 0-d tensor is stored inline: constants and
  /// feeds of scalar code then never touch the heap.
  static Value compact(const ag::Tensor &t) {
    if (t.defined() && t.rank() == 0 && !t.isStaged())
      return Value(Scalar::fromTensor(t));
    return Value(t);
  }
  Value(Scalar s) : scalar_(s), kind_(Kind::Scalar) {}
  Value(exec::List l) : list_(std::move(l)), kind_(Kind::List) {}

  static Value token() {
    Value v;
    v.kind_ = Kind::Token;
    return v;
  }
  /// An opaque C++ object; shared, so copies of the Value are cheap.
  static Value host(std::shared_ptr<const std::any> value) {
    Value v;
    v.host_ = std::move(value);
    v.kind_ = Kind::Host;
    return v;
  }

  Kind kind() const { return kind_; }
  bool empty() const { return kind_ == Kind::Empty; }
  /// A tensor (stored or inline scalar).
  bool isTensor() const {
    return kind_ == Kind::Tensor || kind_ == Kind::Scalar;
  }
  /// The tensor; an inline scalar is materialized into a new 0-d tensor.
  ag::Tensor tensor() const {
    return kind_ == Kind::Scalar ? scalar_.toTensor() : tensor_;
  }
  /// The single element of a 0-d tensor value, without allocating.
  bool asScalar(Scalar &out) const {
    if (kind_ == Kind::Scalar) {
      out = scalar_;
      return true;
    }
    if (kind_ == Kind::Tensor && tensor_.defined() && tensor_.rank() == 0 &&
        !tensor_.isStaged()) {
      out = Scalar::fromTensor(tensor_);
      return true;
    }
    return false;
  }
  const std::any *hostValue() const { return host_.get(); }
  const std::shared_ptr<const std::any> &sharedHost() const { return host_; }
  bool isList() const { return kind_ == Kind::List; }
  /// The list (an empty one unless isList()).
  const exec::List &list() const { return list_; }

  /// Bytes of buffers this value keeps alive (tensor elements; inline
  /// scalars, tokens and host values count 0). A list counts the elements
  /// it sees, like a tensor per slot holding it: this keeps a loop that
  /// builds a big list visible in peak live bytes, is the same when the
  /// value is bound and released (a version never changes), and is O(1).
  /// Versions sharing storage, or an element still held by another slot,
  /// are counted once per holder, as tensors shared by slots already are.
  uint64_t bytes() const {
    if (kind_ == Kind::List)
      return list_.bytes();
    return kind_ == Kind::Tensor && tensor_.defined()
               ? static_cast<uint64_t>(tensor_.numel()) *
                     dtypeSize(tensor_.dtype())
               : 0;
  }

  void reset() {
    if (kind_ == Kind::Tensor)
      tensor_ = ag::Tensor();
    else if (kind_ == Kind::Host)
      host_.reset();
    else if (kind_ == Kind::List)
      list_ = exec::List();
    kind_ = Kind::Empty;
  }

private:
  ag::Tensor tensor_;
  std::shared_ptr<const std::any> host_;
  exec::List list_;
  Scalar scalar_;
  Kind kind_ = Kind::Empty;
};

} // namespace ag::exec

#endif // AG_RUNTIME_VALUE_H
