//===- Tensor.cpp - ag::Tensor: eager operators and the tracer hook -------===//
//
// Each operator either routes to the thread's tracer (a twin is being traced)
// or promotes, casts and broadcasts its operands per detail::operandType and
// calls the one kernel in Kernels.cpp.
//
//===----------------------------------------------------------------------===//

#include "TensorInternal.h"

#include "ag/detail/Tracer.h"
#include "ag/runtime/Kernels.h"
#include "ag/semantics/ElementOps.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <ostream>
#include <sstream>
#include <sys/mman.h>
#include <vector>

namespace ag {
namespace detail {

//===----------------------------------------------------------------------===//
// Storage, errors, tracer hook
//===----------------------------------------------------------------------===//

namespace {

constexpr size_t kHugePage = size_t(2) << 20;

/// Allocation size and alignment of a buffer of `bytes`: large buffers are
/// whole, aligned transparent huge pages (first-touch faults cut 512-fold);
/// others 64-byte aligned for AVX-512. aligned_alloc wants a multiple of the
/// alignment.
size_t alignmentFor(size_t bytes) {
  return bytes >= 2 * kHugePage ? kHugePage : 64;
}
size_t roundedSize(size_t bytes) {
  size_t alignment = alignmentFor(bytes);
  return (std::max<size_t>(bytes, 1) + alignment - 1) / alignment * alignment;
}

/// Freed large buffers, kept for reuse. Fresh large blocks are mmaps that
/// the kernel zeroes page by page on first touch (and munmap on free), which
/// cost as much as the memory-bound elementwise kernel that fills them. A
/// program that frees an intermediate and then allocates one of the same
/// size (every elementwise chain, eager or graph) instead gets the warm
/// block back. Exact size classes (sizes are already rounded) keep reuse
/// from inflating memory; the total is bounded because cached blocks count
/// in RSS.
class BufferCache {
public:
  BufferCache() {
    if (const char *env = std::getenv("AG_BUFFER_CACHE_MB"))
      fixedLimit_ = static_cast<int64_t>(std::strtoull(env, nullptr, 10)) << 20;
  }

  void *take(size_t rounded) {
    if (rounded < kMinCachedBytes)
      return nullptr;
    std::lock_guard<std::mutex> lock(mutex_);
    // Newest first: the most recently freed block is likeliest in cache.
    for (size_t i = blocks_.size(); i-- > 0;)
      if (blocks_[i].bytes == rounded) {
        void *data = blocks_[i].data;
        blocks_.erase(blocks_.begin() + i);
        cachedBytes_ -= rounded;
        ++hits_;
        return data;
      }
    return nullptr;
  }

  /// Keeps `data` for reuse, evicting the oldest blocks to stay within the
  /// limit; frees it when it cannot be kept.
  void give(void *data, size_t rounded) {
    // A small block is never kept, and cannot be the largest that sets the
    // limit for the blocks that are: no lock.
    if (rounded < kMinCachedBytes) {
      std::free(data);
      return;
    }
    std::vector<void *> evicted;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      largest_ = std::max(largest_, rounded);
      size_t limit = limitLocked();
      if (rounded >= kMinCachedBytes && rounded <= limit) {
        size_t drop = 0;
        while (cachedBytes_ + rounded > limit) {
          evicted.push_back(blocks_[drop].data);
          cachedBytes_ -= blocks_[drop++].bytes;
        }
        blocks_.erase(blocks_.begin(), blocks_.begin() + drop);
        blocks_.push_back({data, rounded});
        cachedBytes_ += rounded;
        data = nullptr;
      }
    }
    // free (munmap) outside the lock.
    for (void *p : evicted)
      std::free(p);
    std::free(data);
  }

  void setLimit(int64_t bytes) {
    std::vector<Block> all;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      fixedLimit_ = bytes;
      all.swap(blocks_);
      cachedBytes_ = 0;
      hits_ = 0;
    }
    for (const Block &b : all)
      std::free(b.data);
  }

  BufferCacheStats stats() {
    std::lock_guard<std::mutex> lock(mutex_);
    return {cachedBytes_, blocks_.size(), hits_, limitLocked()};
  }

private:
  /// Smaller blocks come from malloc's free lists without page faults.
  static constexpr size_t kMinCachedBytes = size_t(1) << 20;

  /// By default twice the largest buffer freed so far: enough for the
  /// free-one-allocate-one pattern of a chain with two operands dying
  /// together, while a graph's peak stays far below eager's.
  size_t limitLocked() const {
    return fixedLimit_ >= 0 ? static_cast<size_t>(fixedLimit_) : 2 * largest_;
  }

  struct Block {
    void *data;
    size_t bytes;
  };
  std::mutex mutex_;
  std::vector<Block> blocks_; // oldest first
  size_t cachedBytes_ = 0, largest_ = 0, hits_ = 0;
  int64_t fixedLimit_ = -1; // bytes; -1: relative to the largest buffer
};

/// Never destroyed: buffers in static tensors may die after it would.
BufferCache &bufferCache() {
  static BufferCache *cache = new BufferCache();
  return *cache;
}

} // namespace

Buffer::Buffer(size_t bytes) : bytes(bytes) {
  if (bytes <= sizeof(inlineBytes)) {
    data = inlineBytes;
    return;
  }
  size_t alignment = alignmentFor(bytes), rounded = roundedSize(bytes);
  data = bufferCache().take(rounded);
  if (data)
    return;
  data = std::aligned_alloc(alignment, rounded);
  if (!data)
    throw std::bad_alloc();
  if (alignment == kHugePage)
    madvise(data, rounded, MADV_HUGEPAGE);
}

Buffer::~Buffer() {
  if (data != inlineBytes)
    bufferCache().give(data, roundedSize(bytes));
}

BufferCacheStats bufferCacheStats() { return bufferCache().stats(); }

void setBufferCacheLimit(int64_t bytes) { bufferCache().setLimit(bytes); }

Tensor makeUninitialized(DType dtype, Shape shape) {
  // Every tensor buffer is sized here: check the shape once per tensor (not
  // per element) so no count can wrap into a buffer smaller than the shape.
  for (int64_t d : shape)
    if (d < 0)
      throwError("negative dimension in shape " + shapeToString(shape));
  int64_t count = numElements(shape);
  uint64_t bytes;
  if (__builtin_mul_overflow(static_cast<uint64_t>(count),
                             static_cast<uint64_t>(dtypeSize(dtype)), &bytes) ||
      bytes > static_cast<uint64_t>(PTRDIFF_MAX))
    throwError("a " + std::string(dtypeName(dtype)) + " tensor of shape " +
               shapeToString(shape) + " needs more than 2^63 bytes");
  auto impl = std::make_shared<TensorImpl>();
  impl->dtype = dtype;
  impl->shape = std::move(shape);
  try {
    impl->storage = std::make_shared<Buffer>(static_cast<size_t>(bytes));
  } catch (const std::bad_alloc &) {
    throwError("out of memory: cannot allocate " + std::to_string(bytes) +
               " bytes for a " + dtypeName(dtype) + " tensor of shape " +
               shapeToString(impl->shape));
  }
  return Tensor(std::move(impl));
}

void throwError(std::string message, Diagnostic::Phase phase) {
  Diagnostic diag;
  diag.phase = phase;
  diag.message = std::move(message);
  throw Error(std::move(diag));
}

Tracer::~Tracer() = default;

static thread_local Tracer *activeTracer = nullptr;

Tracer *currentTracer() { return activeTracer; }

Tracer *setCurrentTracer(Tracer *tracer) {
  Tracer *previous = activeTracer;
  activeTracer = tracer;
  return previous;
}

} // namespace detail

using detail::currentTracer;
using detail::throwError;

namespace {

template <typename T> Tensor makeScalar(T value, bool weak) {
  Tensor t = detail::makeUninitialized(DTypeOf<T>::value, {});
  *static_cast<T *>(t.impl()->storage->data) = value;
  t.impl()->weak = weak;
  return t;
}

template <typename T, typename V>
Tensor fromList(std::initializer_list<V> values) {
  Tensor t = detail::makeUninitialized(DTypeOf<T>::value,
                                       {static_cast<int64_t>(values.size())});
  T *out = static_cast<T *>(t.impl()->storage->data);
  for (const V &v : values)
    *out++ = static_cast<T>(v);
  return t;
}

const detail::TensorImpl &implOf(const Tensor &t) {
  if (!t.defined())
    throwError("use of an undefined tensor (a variable declared without a "
               "value)");
  return *t.impl();
}

/// Runs a kernel, turning its location-free failure into an ag::Error.
template <typename Fn> Tensor runKernel(Fn &&fn) {
  try {
    return fn();
  } catch (const kernels::KernelError &e) {
    throwError(e.what());
  }
}

/// A staged tensor outside of its trace (kept after ag::function returned).
[[noreturn]] void staleStaged(const char *what) {
  throwError(std::string("cannot ") + what +
             " a staged tensor outside of the trace that created it");
}

/// Casts and broadcasts an eager operand to what the kernel expects; 0-d
/// operands stay 0-d because the kernels broadcast scalars themselves.
Tensor prepare(const Tensor &t, DType dtype, const Shape &shape) {
  Tensor r = t.dtype() == dtype ? t : kernels::cast(t, dtype);
  if (r.rank() != 0 && r.shape() != shape)
    r = kernels::broadcastTo(r, shape);
  return r;
}

Tensor binaryOp(OpKind kind, const Tensor &a, const Tensor &b) {
  const detail::TensorImpl &ia = implOf(a), &ib = implOf(b);
  if (detail::Tracer *tracer = currentTracer())
    return tracer->binary(kind, a, b);
  if (ia.symbolic || ib.symbolic)
    staleStaged("compute with");
  DType dtype = detail::operandType(kind, ia, ib);
  Shape shape = detail::broadcastShapes(ia.shape, ib.shape);
  Tensor r = runKernel([&] {
    return kernels::binary(kind, prepare(a, dtype, shape),
                           prepare(b, dtype, shape));
  });
  r.impl()->weak = ia.weak && ib.weak;
  return r;
}

/// Float-only math on integers computes in float64, like numpy, and
/// negating a bool computes in int32, like C++. The cast goes through
/// ag::cast so a tracer records it too; kernels and graph ops then see the
/// operand type they are defined for.
Tensor unaryOp(OpKind kind, const Tensor &x) {
  const detail::TensorImpl &ix = implOf(x);
  bool floatOnly = kind == OpKind::Exp || kind == OpKind::Log ||
                   kind == OpKind::Sqrt || kind == OpKind::Tanh ||
                   kind == OpKind::Floor || kind == OpKind::Ceil ||
                   kind == OpKind::Round || kind == OpKind::Sin ||
                   kind == OpKind::Cos || kind == OpKind::Sigmoid;
  if (floatOnly && !isFloat(ix.dtype))
    return unaryOp(kind, cast(x, DType::Float64));
  bool numeric = kind == OpKind::Neg || kind == OpKind::Abs ||
                 kind == OpKind::Sign || kind == OpKind::IsNan ||
                 kind == OpKind::IsFinite || kind == OpKind::BitNot;
  if (numeric && ix.dtype == DType::Bool)
    return unaryOp(kind, cast(x, DType::Int32));
  if (kind == OpKind::Not && ix.dtype != DType::Bool)
    throwError(std::string("'not' needs a bool tensor, got ") +
               dtypeName(ix.dtype));
  if (kind == OpKind::BitNot && isFloat(ix.dtype))
    throwError(std::string("'~' needs an integer or bool tensor, got ") +
               dtypeName(ix.dtype));
  if (detail::Tracer *tracer = currentTracer())
    return tracer->unary(kind, x);
  if (ix.symbolic)
    staleStaged("compute with");
  Tensor r = runKernel([&] { return kernels::unary(kind, x); });
  r.impl()->weak = ix.weak;
  return r;
}

} // namespace

namespace detail {
Tensor eagerBinary(OpKind kind, const Tensor &a, const Tensor &b) {
  TracerSuspension eager;
  return binaryOp(kind, a, b);
}

Tensor eagerUnary(OpKind kind, const Tensor &x) {
  TracerSuspension eager;
  return unaryOp(kind, x);
}
} // namespace detail

//===----------------------------------------------------------------------===//
// Construction and access
//===----------------------------------------------------------------------===//

Tensor::Tensor() = default;
Tensor::Tensor(bool v) : Tensor(makeScalar<bool>(v, true)) {}
Tensor::Tensor(int v) : Tensor(makeScalar<int64_t>(v, true)) {}
Tensor::Tensor(long v) : Tensor(makeScalar<int64_t>(v, true)) {}
Tensor::Tensor(long long v) : Tensor(makeScalar<int64_t>(v, true)) {}
Tensor::Tensor(unsigned v) : Tensor(makeScalar<int64_t>(v, true)) {}
Tensor::Tensor(unsigned long v)
    : Tensor(makeScalar<int64_t>(static_cast<int64_t>(v), true)) {}
Tensor::Tensor(unsigned long long v)
    : Tensor(makeScalar<int64_t>(static_cast<int64_t>(v), true)) {}
Tensor::Tensor(float v) : Tensor(makeScalar<float>(v, true)) {}
Tensor::Tensor(double v) : Tensor(makeScalar<double>(v, true)) {}
Tensor::Tensor(std::initializer_list<int> v) : Tensor(fromList<int64_t>(v)) {}
Tensor::Tensor(std::initializer_list<long> v) : Tensor(fromList<int64_t>(v)) {}
Tensor::Tensor(std::initializer_list<double> v) : Tensor(fromList<double>(v)) {}
Tensor::Tensor(std::initializer_list<float> v) : Tensor(fromList<float>(v)) {}
Tensor::Tensor(std::initializer_list<bool> v) : Tensor(fromList<bool>(v)) {}

Tensor Tensor::fromRowData(DType dtype, const std::vector<size_t> &widths,
                           const void *data) {
  size_t cols = widths.empty() ? 0 : widths.front();
  for (size_t width : widths)
    if (width != cols)
      throwError("ragged nested initializer list: rows of " +
                 std::to_string(cols) + " and " + std::to_string(width) +
                 " elements");
  return fromBuffer(
      dtype, {static_cast<int64_t>(widths.size()), static_cast<int64_t>(cols)},
      data);
}

Tensor Tensor::fromBuffer(DType dtype, Shape shape, const void *data) {
  for (int64_t d : shape)
    if (d < 0)
      throwError("negative dimension in shape " + shapeToString(shape));
  Tensor t = detail::makeUninitialized(dtype, std::move(shape));
  if (size_t bytes = t.impl()->storage->bytes)
    std::memcpy(t.impl()->storage->data, data, bytes);
  return t;
}

Tensor Tensor::fromElements(DType dtype, Shape shape, const void *data,
                            size_t count) {
  uint64_t elements = 1;
  bool overflow = false;
  for (int64_t d : shape)
    overflow |= d < 0 || __builtin_mul_overflow(
                             elements, static_cast<uint64_t>(d), &elements);
  if (overflow || elements != count)
    throwError("fromVector: " + std::to_string(count) + " values for shape " +
               shapeToString(shape) +
               (overflow ? std::string()
                         : " (" + std::to_string(elements) + " elements)"));
  return fromBuffer(dtype, std::move(shape), data);
}

Tensor Tensor::zeros(DType dtype, Shape shape) { return full(dtype, shape, 0); }

Tensor Tensor::full(DType dtype, Shape shape, double value) {
  Tensor t = detail::makeUninitialized(dtype, std::move(shape));
  detail::dispatchDType(dtype, [&](auto tag) {
    using T = decltype(tag);
    T *out = static_cast<T *>(t.impl()->storage->data);
    std::fill(out, out + t.numel(), static_cast<T>(value));
  });
  return t;
}

bool Tensor::isStaged() const { return impl_ && impl_->symbolic; }
bool Tensor::isWeak() const { return impl_ && impl_->weak; }
DType Tensor::dtype() const { return implOf(*this).dtype; }
const Shape &Tensor::shape() const { return implOf(*this).shape; }

/// A size the trace would bake into the graph, though it is known only when
/// the graph runs (an ag::dyn dimension or a stacked list's length).
static void dynamicSize(const Tensor &t, const std::string &what) {
  std::string message =
      what + " of this staged " + dtypeName(t.dtype()) +
      shapeToString(t.shape()) +
      " tensor is known only when the graph runs ('?': declared ag::dyn, or "
      "a stacked list's length); the trace would freeze it: iterate with a "
      "range-for over the tensor, reduce it (ag::sum), or declare the "
      "dimension static";
  if (detail::Tracer *tracer = currentTracer())
    tracer->error(message);
  throwError(message);
}

int64_t Tensor::dim(int64_t i) const {
  const Shape &s = shape();
  if (i < 0 || i >= static_cast<int64_t>(s.size()))
    throwError("dimension " + std::to_string(i) + " is out of range for a " +
               std::to_string(s.size()) + "-d tensor");
  if (s[i] < 0)
    dynamicSize(*this, "dimension " + std::to_string(i));
  return s[i];
}

int64_t Tensor::numel() const {
  const Shape &s = shape();
  for (int64_t d : s)
    if (d < 0)
      dynamicSize(*this, "the number of elements");
  return numElements(s);
}

const void *Tensor::rawData() const {
  const detail::TensorImpl &impl = implOf(*this);
  if (impl.symbolic) {
    if (detail::Tracer *tracer = currentTracer())
      tracer->eagerAccess(*this, "read the elements of");
    staleStaged("read the elements of");
  }
  return impl.storage->data;
}

void *Tensor::rawMutableData() {
  rawData(); // rejects undefined and staged tensors
  // Copies share their TensorImpl and buffers: detach before writing.
  if (impl_.use_count() > 1 || impl_->storage.use_count() > 1) {
    auto copy = std::make_shared<detail::TensorImpl>(*impl_);
    copy->storage = std::make_shared<detail::Buffer>(impl_->storage->bytes);
    std::memcpy(copy->storage->data, impl_->storage->data,
                impl_->storage->bytes);
    impl_ = std::move(copy);
  }
  return impl_->storage->data;
}

const void *Tensor::checkedData(DType expected) const {
  const void *data = rawData();
  if (dtype() != expected)
    throwError(std::string("data<") + dtypeName(expected) + ">() on a " +
               dtypeName(dtype()) + " tensor");
  return data;
}

double Tensor::elementAsDouble(int64_t i) const {
  const void *data = rawData();
  if (i < 0 || i >= numel())
    throwError("element " + std::to_string(i) + " is out of range for " +
               std::to_string(numel()) + " elements");
  return detail::dispatchDType(dtype(), [&](auto tag) {
    return static_cast<double>(static_cast<const decltype(tag) *>(data)[i]);
  });
}

namespace {
/// A float element as the integer type T, as a graph converts it (see
/// ag::detail::numberAs_): to T's dtype where the graph has one, else to
/// int64 (a 64-bit unsigned T takes [2^63, 2^64) directly) and then
/// wrapped into T. A value outside the range converted to (undefined in
/// C++) is an error, as for ag::cast.
template <typename T, typename F> T floatAsInteger(F value) {
  constexpr bool direct = std::is_signed_v<T> && sizeof(T) >= 4;
  using Via = std::conditional_t<direct, T, int64_t>;
  if constexpr (std::is_unsigned_v<T> && sizeof(T) == 8)
    if (value >= F(0x1p63) && value < F(0x1p64))
      return static_cast<T>(value);
  if (!sem::Cast<Via, F>::check(value)) {
    std::ostringstream os;
    os << "cannot cast " << static_cast<double>(value) << " to "
       << (sizeof(Via) == 4 ? "int32" : "int64")
       << ": it is outside the integer's range (undefined in C++)";
    throwError(os.str());
  }
  return static_cast<T>(static_cast<Via>(value));
}
} // namespace

template <typename T> T Tensor::item() const {
  const void *data = rawData();
  if (numel() != 1)
    throwError("item() needs exactly one element, the tensor has shape " +
               shapeToString(shape()));
  return detail::dispatchDType(dtype(), [&](auto tag) {
    using E = decltype(tag);
    E value = *static_cast<const E *>(data);
    if constexpr (std::is_integral_v<T> && !std::is_same_v<T, bool> &&
                  std::is_floating_point_v<E>)
      return floatAsInteger<T>(value);
    else
      return static_cast<T>(value);
  });
}

// Every C++ arithmetic type (`item<unsigned>()`, `item<size_t>()`...).
template bool Tensor::item<bool>() const;
template char Tensor::item<char>() const;
template signed char Tensor::item<signed char>() const;
template unsigned char Tensor::item<unsigned char>() const;
template short Tensor::item<short>() const;
template unsigned short Tensor::item<unsigned short>() const;
template int Tensor::item<int>() const;
template unsigned Tensor::item<unsigned>() const;
template long Tensor::item<long>() const;
template unsigned long Tensor::item<unsigned long>() const;
template long long Tensor::item<long long>() const;
template unsigned long long Tensor::item<unsigned long long>() const;
template float Tensor::item<float>() const;
template double Tensor::item<double>() const;
template long double Tensor::item<long double>() const;

Tensor::operator bool() const {
  const detail::TensorImpl &impl = implOf(*this);
  if (impl.symbolic) {
    if (detail::Tracer *tracer = currentTracer())
      tracer->boolConversion(*this);
    staleStaged("take the truth value of");
  }
  if (impl.storage && numel() != 1)
    throwError("the truth value of a tensor of shape " +
               shapeToString(impl.shape) +
               " is ambiguous; reduce it to a scalar first");
  return item<bool>();
}

Tensor Tensor::operator[](int64_t i) const & { return (*this)[Tensor(i)]; }
Tensor Tensor::operator[](int64_t i) && { return std::as_const(*this)[i]; }
Tensor Tensor::operator[](const Tensor &i) && {
  return std::as_const(*this)[i];
}
Tensor::Element Tensor::operator[](int64_t i) & { return (*this)[Tensor(i)]; }
Tensor::Element Tensor::operator[](const Tensor &i) & {
  return Element(std::as_const(*this)[i], this, nullptr, i);
}

Tensor::Element Tensor::Element::operator[](int64_t j) && {
  return std::move(*this)[Tensor(j)];
}
Tensor::Element Tensor::Element::operator[](const Tensor &j) && {
  return Element(std::as_const(*this)[j], nullptr, this, j);
}

namespace {
/// `target[i] = value`: checks like a read of `target[i]` would, converts
/// `value` to target's dtype (C++ assignment semantics, any dtype) and, when
/// 0-d, broadcasts it to the row. Eagerly writes in place (copy-on-write:
/// tensors sharing target's buffer keep their values); while tracing
/// rebinds `target` to an ag.set_index. Returns the row stored.
Tensor assignRow(Tensor &target, const Tensor &i, const Tensor &value) {
  const detail::TensorImpl &self = implOf(target), &index = implOf(i),
                           &iv = implOf(value);
  detail::Tracer *tracer = currentTracer();
  auto fail = [&](const std::string &message) {
    if (tracer)
      tracer->error(message);
    throwError(message);
  };
  if (self.shape.empty())
    fail("cannot assign to a row of a 0-d tensor");
  if (!isInteger(index.dtype) || !index.shape.empty())
    fail(std::string("an index must be an integer scalar, got ") +
         dtypeName(index.dtype) + shapeToString(index.shape));
  Shape rowShape(self.shape.begin() + 1, self.shape.end());
  if (!iv.shape.empty() && iv.shape != rowShape)
    fail(std::string("cannot assign ") + dtypeName(iv.dtype) +
         shapeToString(iv.shape) + " to a row of a " + dtypeName(self.dtype) +
         shapeToString(self.shape) +
         " tensor: the value must have the row's "
         "shape " +
         shapeToString(rowShape) + " or be 0-d");
  if (tracer) {
    target = tracer->setIndex(target, i, value);
    return std::as_const(target)[i];
  }
  if (self.symbolic || index.symbolic || iv.symbolic)
    staleStaged("assign to a row of");
  int64_t position = i.item<int64_t>();
  return runKernel([&] {
    Tensor row =
        iv.dtype == self.dtype ? value : kernels::cast(value, self.dtype);
    if (row.shape() != rowShape)
      row = kernels::broadcastTo(row, rowShape);
    kernels::setIndexInPlace(target, position, row);
    return row;
  });
}
} // namespace

Tensor Tensor::Element::store(const Tensor &value) {
  Tensor &target = var_ ? *var_ : static_cast<Tensor &>(*parent_);
  Tensor row = assignRow(target, index_, value);
  if (parent_)
    parent_->store(Tensor(target));
  Tensor::operator=(row);
  return row;
}

Tensor Tensor::Element::operator=(const Tensor &value) && {
  return store(value);
}
Tensor Tensor::Element::operator+=(const Tensor &rhs) && {
  return store(*this + rhs);
}
Tensor Tensor::Element::operator-=(const Tensor &rhs) && {
  return store(*this - rhs);
}
Tensor Tensor::Element::operator*=(const Tensor &rhs) && {
  return store(*this * rhs);
}
Tensor Tensor::Element::operator/=(const Tensor &rhs) && {
  return store(*this / rhs);
}
Tensor Tensor::Element::operator%=(const Tensor &rhs) && {
  return store(*this % rhs);
}
Tensor Tensor::Element::operator++() && { return store(*this + 1); }
Tensor Tensor::Element::operator--() && { return store(*this - 1); }
Tensor Tensor::Element::operator++(int) && {
  Tensor old = *this;
  store(old + 1);
  return old;
}
Tensor Tensor::Element::operator--(int) && {
  Tensor old = *this;
  store(old - 1);
  return old;
}

Tensor Tensor::operator[](const Tensor &i) const & {
  const detail::TensorImpl &self = implOf(*this), &index = implOf(i);
  if (detail::Tracer *tracer = currentTracer())
    return tracer->index(*this, i);
  if (self.symbolic || index.symbolic)
    staleStaged("index");
  if (!isInteger(index.dtype) || !index.shape.empty())
    throwError(std::string("an index must be an integer scalar, got ") +
               dtypeName(index.dtype) + shapeToString(index.shape));
  int64_t position = i.item<int64_t>();
  return runKernel([&] { return kernels::index(*this, position); });
}

Tensor &Tensor::operator+=(const Tensor &rhs) & { return *this = *this + rhs; }
Tensor &Tensor::operator-=(const Tensor &rhs) & { return *this = *this - rhs; }
Tensor &Tensor::operator*=(const Tensor &rhs) & { return *this = *this * rhs; }
Tensor &Tensor::operator/=(const Tensor &rhs) & { return *this = *this / rhs; }
Tensor &Tensor::operator%=(const Tensor &rhs) & { return *this = *this % rhs; }
Tensor &Tensor::operator++() & { return *this += 1; }
Tensor &Tensor::operator--() & { return *this -= 1; }

Tensor Tensor::operator++(int) & {
  Tensor old = *this;
  ++*this;
  return old;
}

Tensor Tensor::operator--(int) & {
  Tensor old = *this;
  --*this;
  return old;
}

bool Tensor::identical(const Tensor &other) const {
  if (!defined() || !other.defined())
    return defined() == other.defined();
  if (dtype() != other.dtype() || shape() != other.shape())
    return false;
  const void *a = rawData(), *b = other.rawData();
  return detail::dispatchDType(dtype(), [&](auto tag) {
    using T = decltype(tag);
    const T *x = static_cast<const T *>(a), *y = static_cast<const T *>(b);
    for (int64_t i = 0, n = numel(); i < n; ++i) {
      if constexpr (std::is_floating_point_v<T>) {
        if (std::isnan(x[i]) && std::isnan(y[i]))
          continue;
        // -0.0 == +0.0, but 1 / x tells them apart: so must differential
        // tests.
        if (std::signbit(x[i]) != std::signbit(y[i]))
          return false;
      }
      if (x[i] != y[i])
        return false;
    }
    return true;
  });
}

//===----------------------------------------------------------------------===//
// Operators and functions
//===----------------------------------------------------------------------===//

Tensor operator+(const Tensor &a, const Tensor &b) {
  return binaryOp(OpKind::Add, a, b);
}
Tensor operator-(const Tensor &a, const Tensor &b) {
  return binaryOp(OpKind::Sub, a, b);
}
Tensor operator*(const Tensor &a, const Tensor &b) {
  return binaryOp(OpKind::Mul, a, b);
}
Tensor operator/(const Tensor &a, const Tensor &b) {
  return binaryOp(OpKind::Div, a, b);
}
Tensor operator%(const Tensor &a, const Tensor &b) {
  return binaryOp(OpKind::Rem, a, b);
}
Tensor operator-(const Tensor &a) { return unaryOp(OpKind::Neg, a); }
Tensor operator+(const Tensor &a) {
  implOf(a);
  return a;
}
Tensor operator==(const Tensor &a, const Tensor &b) {
  return binaryOp(OpKind::Eq, a, b);
}
Tensor operator!=(const Tensor &a, const Tensor &b) {
  return binaryOp(OpKind::Ne, a, b);
}
Tensor operator<(const Tensor &a, const Tensor &b) {
  return binaryOp(OpKind::Lt, a, b);
}
Tensor operator<=(const Tensor &a, const Tensor &b) {
  return binaryOp(OpKind::Le, a, b);
}
Tensor operator>(const Tensor &a, const Tensor &b) {
  return binaryOp(OpKind::Gt, a, b);
}
Tensor operator>=(const Tensor &a, const Tensor &b) {
  return binaryOp(OpKind::Ge, a, b);
}
Tensor operator&(const Tensor &a, const Tensor &b) {
  return binaryOp(OpKind::And, a, b);
}
Tensor operator|(const Tensor &a, const Tensor &b) {
  return binaryOp(OpKind::Or, a, b);
}
Tensor operator^(const Tensor &a, const Tensor &b) {
  return binaryOp(OpKind::Xor, a, b);
}
Tensor operator<<(const Tensor &a, const Tensor &b) {
  return binaryOp(OpKind::Shl, a, b);
}
Tensor operator>>(const Tensor &a, const Tensor &b) {
  return binaryOp(OpKind::Shr, a, b);
}
/// Logical not on bool tensors (as before integers had `~`), bitwise not on
/// integers.
Tensor operator~(const Tensor &a) {
  return unaryOp(implOf(a).dtype == DType::Bool ? OpKind::Not : OpKind::BitNot,
                 a);
}

/// C++ `!x` on a number means `x == 0`; on a bool tensor it is `not`.
Tensor operator!(const Tensor &a) {
  if (implOf(a).dtype != DType::Bool)
    return a == 0;
  return unaryOp(OpKind::Not, a);
}

Tensor abs(const Tensor &x) { return unaryOp(OpKind::Abs, x); }
Tensor exp(const Tensor &x) { return unaryOp(OpKind::Exp, x); }
Tensor log(const Tensor &x) { return unaryOp(OpKind::Log, x); }
Tensor sqrt(const Tensor &x) { return unaryOp(OpKind::Sqrt, x); }
Tensor tanh(const Tensor &x) { return unaryOp(OpKind::Tanh, x); }
Tensor floor(const Tensor &x) { return unaryOp(OpKind::Floor, x); }
Tensor ceil(const Tensor &x) { return unaryOp(OpKind::Ceil, x); }
Tensor round(const Tensor &x) { return unaryOp(OpKind::Round, x); }
Tensor sin(const Tensor &x) { return unaryOp(OpKind::Sin, x); }
Tensor cos(const Tensor &x) { return unaryOp(OpKind::Cos, x); }
Tensor sigmoid(const Tensor &x) { return unaryOp(OpKind::Sigmoid, x); }
Tensor sign(const Tensor &x) { return unaryOp(OpKind::Sign, x); }
Tensor isnan(const Tensor &x) { return unaryOp(OpKind::IsNan, x); }
Tensor isfinite(const Tensor &x) { return unaryOp(OpKind::IsFinite, x); }
// std::clamp(x, lo, hi) is `x < lo ? lo : hi < x ? hi : x`: exactly
// min(max(x, lo), hi) with std::max/std::min's operand order.
Tensor clip(const Tensor &x, const Tensor &lo, const Tensor &hi) {
  return min(max(x, lo), hi);
}
Tensor pow(const Tensor &x, const Tensor &y) {
  return binaryOp(OpKind::Pow, x, y);
}
Tensor min(const Tensor &a, const Tensor &b) {
  return binaryOp(OpKind::Min, a, b);
}
Tensor max(const Tensor &a, const Tensor &b) {
  return binaryOp(OpKind::Max, a, b);
}

Tensor where(const Tensor &cond, const Tensor &a, const Tensor &b) {
  const detail::TensorImpl &ic = implOf(cond), &ia = implOf(a), &ib = implOf(b);
  if (detail::Tracer *tracer = currentTracer())
    return tracer->select(cond, a, b);
  if (ic.symbolic || ia.symbolic || ib.symbolic)
    staleStaged("compute with");
  // The branches promote like arithmetic operands.
  DType dtype = detail::operandType(OpKind::Add, ia, ib);
  Shape shape = detail::broadcastShapes(
      ic.shape, detail::broadcastShapes(ia.shape, ib.shape));
  Tensor r = runKernel([&] {
    return kernels::select(prepare(cond, DType::Bool, shape),
                           prepare(a, dtype, shape), prepare(b, dtype, shape));
  });
  r.impl()->weak = ia.weak && ib.weak;
  return r;
}

Tensor cast(const Tensor &x, DType dtype) {
  const detail::TensorImpl &ix = implOf(x);
  if (detail::Tracer *tracer = currentTracer())
    return tracer->cast(x, dtype);
  if (ix.symbolic)
    staleStaged("cast");
  return runKernel([&] { return kernels::cast(x, dtype); });
}

/// Booleans are counted: their sum is int64, computed on the cast operand so
/// the kernel and the graph op keep the element type.
Tensor sum(const Tensor &x) {
  const detail::TensorImpl &ix = implOf(x);
  if (ix.dtype == DType::Bool)
    return sum(cast(x, DType::Int64));
  if (detail::Tracer *tracer = currentTracer())
    return tracer->reduceSum(x);
  if (ix.symbolic)
    staleStaged("sum");
  return runKernel([&] { return kernels::reduceSum(x); });
}

Tensor stack(const std::vector<Tensor> &values) {
  for (const Tensor &v : values)
    implOf(v);
  if (detail::Tracer *tracer = currentTracer())
    return tracer->stack(values);
  for (const Tensor &v : values)
    if (v.isStaged())
      staleStaged("stack");
  return runKernel([&] { return kernels::stack(values); });
}

Tensor stack(const std::vector<Tensor> &values, DType dtype,
             const Shape &elementShape) {
  auto fail = [](const std::string &message) {
    if (detail::Tracer *tracer = currentTracer())
      tracer->error(message);
    throwError(message);
  };
  for (int64_t d : elementShape)
    if (d < 0)
      fail("ag::stack: negative dimension in the declared element shape " +
           shapeToString(elementShape));
  detail::TensorImpl declared;
  declared.dtype = dtype;
  declared.shape = elementShape;
  std::vector<Tensor> converted;
  for (size_t i = 0; i < values.size(); ++i) {
    const detail::TensorImpl &iv = implOf(values[i]);
    // A literal adopts the declared dtype exactly when it would in `v + x`.
    bool adopts =
        iv.weak && detail::operandType(OpKind::Eq, iv, declared) == dtype;
    if (iv.shape != elementShape || (iv.dtype != dtype && !adopts))
      fail("ag::stack: element " + std::to_string(i) + " is " +
           dtypeName(iv.dtype) + shapeToString(iv.shape) +
           ", but the elements are declared " + dtypeName(dtype) +
           shapeToString(elementShape));
    converted.push_back(iv.dtype == dtype ? values[i] : cast(values[i], dtype));
  }
  if (converted.empty()) {
    Shape shape = elementShape;
    shape.insert(shape.begin(), 0);
    return Tensor::zeros(dtype, shape);
  }
  return stack(converted);
}

Tensor check_numerics(const Tensor &x, const std::string &message) {
  const detail::TensorImpl &ix = implOf(x);
  if (detail::Tracer *tracer = currentTracer())
    return tracer->checkNumerics(x, message);
  if (ix.symbolic)
    staleStaged("check");
  if (!kernels::allFinite(x))
    throwError(message.empty() ? "tensor has NaN or Inf values"
                               : message + ": tensor has NaN or Inf values");
  return x;
}

//===----------------------------------------------------------------------===//
// Printing
//===----------------------------------------------------------------------===//

namespace {

/// The shortest decimal that reads back as the same value, so 0.1 prints as
/// 0.1 and 2.0 as 2 (numpy-like and stable across runs).
template <typename T> void printFloat(std::ostream &os, T v) {
  if (std::isnan(v)) {
    os << "nan";
    return;
  }
  if (std::isinf(v)) {
    os << (v < 0 ? "-inf" : "inf");
    return;
  }
  char buf[64];
  constexpr int maxDigits = std::is_same_v<T, float> ? 9 : 17;
  // At least the integer digits, so 20 prints as 20 and not 2e+01.
  double magnitude = std::fabs(static_cast<double>(v));
  int first = magnitude >= 1 && magnitude < 1e16
                  ? static_cast<int>(std::log10(magnitude)) + 1
                  : 1;
  for (int digits = std::min(first, maxDigits); digits <= maxDigits; ++digits) {
    std::snprintf(buf, sizeof(buf), "%.*g", digits, static_cast<double>(v));
    if (static_cast<T>(std::strtod(buf, nullptr)) == v)
      break;
  }
  os << buf;
}

void printElements(std::ostream &os, const Tensor &t, size_t dim,
                   int64_t &next) {
  if (dim == t.shape().size()) {
    detail::dispatchDType(t.dtype(), [&](auto tag) {
      using T = decltype(tag);
      T v = static_cast<const T *>(t.rawData())[next++];
      if constexpr (std::is_same_v<T, bool>)
        os << (v ? "true" : "false");
      else if constexpr (std::is_floating_point_v<T>)
        printFloat(os, v);
      else
        os << v;
    });
    return;
  }
  os << '[';
  for (int64_t i = 0; i < t.shape()[dim]; ++i) {
    if (i)
      os << ", ";
    printElements(os, t, dim + 1, next);
  }
  os << ']';
}

} // namespace

std::ostream &operator<<(std::ostream &os, const Tensor &t) {
  if (!t.defined())
    return os << "<undefined>";
  if (t.isStaged())
    return os << "<staged " << dtypeName(t.dtype()) << shapeToString(t.shape())
              << '>';
  int64_t next = 0;
  printElements(os, t, 0, next);
  return os;
}

std::string toString(const Tensor &t) {
  std::ostringstream os;
  os << t;
  return os.str();
}

} // namespace ag
