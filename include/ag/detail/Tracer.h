//===- ag/detail/Tracer.h - Hook from Tensor into graph tracing -*- C++ -*-===//
//
// The runtime's ag::Tensor must not depend on MLIR. While a twin is traced,
// lib/Trace installs a Tracer for the current thread; Tensor operations route
// to it instead of computing. Eager operands met by the tracer become
// constants in the graph.
//
//===----------------------------------------------------------------------===//
#ifndef AG_DETAIL_TRACER_H
#define AG_DETAIL_TRACER_H

#include "ag/Tensor.h"

#include <string>
#include <vector>

namespace ag::detail {

class Tracer {
public:
  virtual ~Tracer();
  virtual Tensor unary(OpKind kind, const Tensor &x) = 0;
  virtual Tensor binary(OpKind kind, const Tensor &a, const Tensor &b) = 0;
  virtual Tensor select(const Tensor &cond, const Tensor &a,
                        const Tensor &b) = 0;
  virtual Tensor cast(const Tensor &x, DType dtype) = 0;
  virtual Tensor index(const Tensor &x, const Tensor &i) = 0;
  /// `x` with row `i` replaced by `row`, which already has x's dtype and the
  /// row's shape (`t[i] = v`).
  virtual Tensor setIndex(const Tensor &x, const Tensor &i,
                          const Tensor &row) = 0;
  virtual Tensor reduceSum(const Tensor &x) = 0;
  virtual Tensor stack(const std::vector<Tensor> &values) = 0;
  /// The op library (runtime/Ops.cpp). Arguments are validated against
  /// the known dimensions first: `axes` are sorted, distinct and in range;
  /// matmul operands share a numeric dtype; `shape` is a reshape target
  /// whose -1 (at most one) could not be resolved at trace time.
  virtual Tensor reduce(ReduceKind kind, const Tensor &x,
                        const std::vector<int64_t> &axes, bool keepdims) = 0;
  virtual Tensor matmul(const Tensor &a, const Tensor &b) = 0;
  virtual Tensor transpose(const Tensor &x,
                           const std::vector<int64_t> &perm) = 0;
  virtual Tensor reshape(const Tensor &x, const Shape &shape) = 0;
  /// `values` share a dtype and rank; `axis` is in [0, rank).
  virtual Tensor concat(const std::vector<Tensor> &values, int64_t axis) = 0;
  /// One start/stop/step per dimension; static dimensions' bounds are
  /// resolved (0 <= start <= stop <= size), dynamic ones as written.
  virtual Tensor slice(const Tensor &x, const std::vector<int64_t> &start,
                       const std::vector<int64_t> &stop,
                       const std::vector<int64_t> &step) = 0;
  /// `indices` is int32 or int64; `axis` is in [0, rank).
  virtual Tensor gather(const Tensor &x, const Tensor &indices,
                        int64_t axis) = 0;
  /// `shape` is static and a numpy broadcast of x's known dimensions.
  virtual Tensor broadcastTo(const Tensor &x, const Shape &shape) = 0;
  /// `x` broadcast to the numpy broadcast of its shape and those of `like`,
  /// computed when the graph runs (for dimensions known only then).
  virtual Tensor broadcastLike(const Tensor &x,
                               const std::vector<Tensor> &like) = 0;
  virtual Tensor checkNumerics(const Tensor &x, const std::string &msg) = 0;
  /// Staged lists (ag::TensorList): an empty list, a list with `value`
  /// appended, and the elements stacked into a tensor of `elementDType` and
  /// `elementShape` rows (`declared`: the program declared that type, so an
  /// empty list stacks to [0, elementShape...]). Lists are handled as
  /// Tensors holding the list value.
  virtual Tensor listNew() = 0;
  virtual Tensor listPush(const Tensor &list, const Tensor &value) = 0;
  virtual Tensor listStack(const Tensor &list, DType elementDType,
                           const Shape &elementShape, bool declared) = 0;
  /// Throws an ag::Error (tracing phase) at the current source location.
  [[noreturn]] virtual void error(const std::string &message) = 0;
  /// A staged tensor was used as a C++ bool (code that was not converted):
  /// throws ag::Error at the current source location.
  [[noreturn]] virtual void boolConversion(const Tensor &x) = 0;
  /// A staged tensor was read eagerly (item(), data(), printing values).
  [[noreturn]] virtual void eagerAccess(const Tensor &x, const char *what) = 0;
};

/// The tracer active on this thread, or null (eager mode).
Tracer *currentTracer();
/// Installs `tracer` for this thread; returns the previous one.
Tracer *setCurrentTracer(Tracer *tracer);

/// Suspends this thread's tracer while alive: ops compute eagerly.
class TracerSuspension {
public:
  TracerSuspension() : previous_(setCurrentTracer(nullptr)) {}
  ~TracerSuspension() { setCurrentTracer(previous_); }
  TracerSuspension(const TracerSuspension &) = delete;
  TracerSuspension &operator=(const TracerSuspension &) = delete;

private:
  Tracer *previous_;
};

/// The eager operator of `kind`, computed as ag's operators compute it
/// (promotion, weak literals) with no tracer, even while one is active: the
/// tracer replays an op on the values a variable has on another path.
Tensor eagerBinary(OpKind kind, const Tensor &a, const Tensor &b);
Tensor eagerUnary(OpKind kind, const Tensor &x);

} // namespace ag::detail

#endif // AG_DETAIL_TRACER_H
