//===- ag/runtime/Value.h - Type-erased evaluator values ---------*- C++ -*-===//
//
// What a Program's value slot holds while it is being evaluated: a tensor, an
// effect token, or an opaque host value (for future graph nodes that call
// ordinary C++ functions on ordinary C++ objects). Copying a Value shares the
// underlying buffer; it never copies elements.
//
//===----------------------------------------------------------------------===//
#ifndef AG_RUNTIME_VALUE_H
#define AG_RUNTIME_VALUE_H

#include "ag/Tensor.h"

#include <any>
#include <cstdint>
#include <memory>
#include <utility>

namespace ag::exec {

class Value {
public:
  enum class Kind : uint8_t { Empty, Tensor, Token, Host };

  Value() = default;
  Value(ag::Tensor t) : tensor_(std::move(t)), kind_(Kind::Tensor) {}

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
  bool isTensor() const { return kind_ == Kind::Tensor; }
  const ag::Tensor &tensor() const { return tensor_; }
  const std::any *hostValue() const { return host_.get(); }

  /// Bytes this value keeps alive (tensor elements; 0 otherwise).
  uint64_t bytes() const {
    return isTensor() && tensor_.defined()
               ? static_cast<uint64_t>(tensor_.numel()) *
                     dtypeSize(tensor_.dtype())
               : 0;
  }

  void reset() {
    tensor_ = ag::Tensor();
    host_.reset();
    kind_ = Kind::Empty;
  }

private:
  ag::Tensor tensor_;
  std::shared_ptr<const std::any> host_;
  Kind kind_ = Kind::Empty;
};

} // namespace ag::exec

#endif // AG_RUNTIME_VALUE_H
