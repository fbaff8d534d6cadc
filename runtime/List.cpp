//===- List.cpp - Immutable tensor lists with shared storage --------------===//

#include "ag/runtime/Value.h"

#include <cassert>

namespace ag::exec {

static uint64_t tensorBytes(const ag::Tensor &t) {
  return t.defined() ? static_cast<uint64_t>(t.numel()) * dtypeSize(t.dtype())
                     : 0;
}

List List::push(ag::Tensor x) const {
  // Each element also takes a slot of the storage: counting it keeps a
  // loop pushing empty tensors within RunOptions::maxBytes.
  uint64_t bytes = bytes_ + tensorBytes(x) + sizeof(ag::Tensor);
  if (storage_) {
    std::lock_guard<std::mutex> lock(storage_->mutex);
    // Nobody sees elements past the longest version: append in place. The
    // check and the append are one step under the lock, so of two racing
    // pushes onto this version exactly one appends.
    if (storage_->elements.size() == size_) {
      storage_->elements.push_back(std::move(x));
      return List(storage_, size_ + 1, bytes);
    }
  }
  // A longer version owns the slot after our prefix: copy the prefix.
  auto fresh = std::make_shared<Storage>();
  fresh->elements.reserve(size_ + 1);
  if (storage_) {
    std::lock_guard<std::mutex> lock(storage_->mutex);
    fresh->elements.assign(storage_->elements.begin(),
                           storage_->elements.begin() + size_);
  }
  fresh->elements.push_back(std::move(x));
  return List(std::move(fresh), size_ + 1, bytes);
}

ag::Tensor List::at(size_t i) const {
  assert(i < size_ && "list element out of range");
  std::lock_guard<std::mutex> lock(storage_->mutex);
  return storage_->elements[i];
}

std::vector<ag::Tensor> List::elements() const {
  if (!storage_)
    return {};
  std::lock_guard<std::mutex> lock(storage_->mutex);
  return {storage_->elements.begin(), storage_->elements.begin() + size_};
}

size_t List::storageSize() const {
  if (!storage_)
    return 0;
  std::lock_guard<std::mutex> lock(storage_->mutex);
  return storage_->elements.size();
}

} // namespace ag::exec
