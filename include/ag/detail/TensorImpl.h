//===- ag/detail/TensorImpl.h - Tensor representation -----------*- C++ -*-===//
//
// Internal to the runtime and the tracer; users never include this.
//
//===----------------------------------------------------------------------===//
#ifndef AG_DETAIL_TENSORIMPL_H
#define AG_DETAIL_TENSORIMPL_H

#include "ag/Tensor.h"
#include <any>
#include <memory>
#include <string>

namespace ag::detail {

/// A 64-byte aligned, immutable-once-shared block of elements. Up to 16
/// bytes (a 0-d value) live inside the Buffer, so that make_shared<Buffer>
/// is the only allocation: a scalar graph call makes two such tensors.
struct Buffer {
  explicit Buffer(size_t bytes);
  ~Buffer();
  Buffer(const Buffer &) = delete;
  Buffer &operator=(const Buffer &) = delete;
  void *data = nullptr;
  size_t bytes = 0;
  alignas(16) unsigned char inlineBytes[16];
};

/// The cache of freed large buffers that Buffer reuses (Tensor.cpp).
struct BufferCacheStats {
  size_t cachedBytes = 0;
  size_t cachedBlocks = 0;
  size_t hits = 0; ///< allocations served from the cache
  size_t limit = 0;
};
BufferCacheStats bufferCacheStats();
/// Empties the cache, resets its hit count and bounds it to `bytes` (0
/// disables it; -1 restores the default, twice the largest freed buffer).
/// AG_BUFFER_CACHE_MB sets the initial bound.
void setBufferCacheLimit(int64_t bytes);

/// Tracing only: eagerly, on some path through staged control flow, a value
/// is a weak literal of another dtype (lib/Trace/PathWeak.cpp).
struct PathWeak;

struct TensorImpl {
  DType dtype = DType::Int64;
  Shape shape;
  /// Built from a C++ literal and not yet combined with a typed value.
  bool weak = false;
  /// Eager: the elements (row-major). Null when staged.
  std::shared_ptr<Buffer> storage;
  /// Staged: an opaque handle owned by the active tracer (an mlir::Value's
  /// opaque pointer) and the id of the trace it belongs to.
  void *symbolic = nullptr;
  uint64_t traceId = 0;
  /// A host value of the user's type (an AG_NODE argument or result) in an
  /// ag::Lazy's handle: eagerly, or captured while tracing. `hostType` is
  /// its stable type name (see ag::detail::typeName).
  std::shared_ptr<const std::any> host;
  std::string hostType;
  /// Staged: set when the value's eager dtype depends on the path taken
  /// (`x = 3; if (c) x = 2.5;`), so the tracer can check each use.
  std::shared_ptr<const PathWeak> pathWeak;
};

/// Result dtype of a binary op under ag's promotion rules: a weak scalar
/// adopts the other operand's dtype unless that would lose its kind
/// (int tensor + 2.5 -> float64); otherwise C++-like promotion
/// (bool < int32 < int64 < float32 < float64). Comparisons yield bool.
DType promoteTypes(OpKind kind, const TensorImpl &a, const TensorImpl &b);
/// The dtype both operands are converted to before the op runs.
DType operandType(OpKind kind, const TensorImpl &a, const TensorImpl &b);
/// numpy broadcasting of two shapes; throws ag::Error if incompatible. A
/// staged dimension unknown until evaluation (-1) broadcasts against any
/// size, which the evaluation checks: -1 with 1 or -1 gives -1, with N > 1
/// gives N.
Shape broadcastShapes(const Shape &a, const Shape &b);

} // namespace ag::detail

#endif // AG_DETAIL_TENSORIMPL_H
