//===- ag/runtime/Kernels.h - Eager kernels ---------------------*- C++ -*-===//
//
// The one implementation of every tensor operation. Eager ag::Tensor
// operators and the graph evaluator both call these, so a graph computes
// bit-for-bit what the eager code computes.
//
// Kernels take eager tensors whose dtypes already agree (callers promote and
// cast first, see detail::operandType). Binary and select kernels broadcast
// their operands with numpy rules (a graph's operands whose dimensions were
// unknown at trace time meet here); broadcastTo() and broadcastLike() make a
// broadcast value.
//
//===----------------------------------------------------------------------===//
#ifndef AG_RUNTIME_KERNELS_H
#define AG_RUNTIME_KERNELS_H

#include "ag/Tensor.h"

#include <stdexcept>
#include <string>
#include <vector>

namespace ag::kernels {

/// A kernel failure (division by zero, index out of range...). Carries no
/// location: the evaluator or the eager operator adds it.
class KernelError : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

/// Arithmetic, comparison and logical binary ops. Integer Div/Rem truncate
/// toward zero and throw KernelError on a zero divisor (and on INT_MIN / -1).
Tensor binary(OpKind kind, const Tensor &a, const Tensor &b);
Tensor unary(OpKind kind, const Tensor &x);
Tensor select(const Tensor &cond, const Tensor &a, const Tensor &b);
Tensor cast(const Tensor &x, DType to);
Tensor broadcastTo(const Tensor &x, const Shape &shape);
/// `x` broadcast to the numpy broadcast of its shape and those of `like`
/// (only their shapes are read); KernelError when they do not broadcast.
Tensor broadcastLike(const Tensor &x, const std::vector<Tensor> &like);
/// Row `i` along the first dimension; KernelError when out of range.
Tensor index(const Tensor &x, int64_t i);
/// Writes `row` (x's dtype and row shape) over row `i` of `x`, in place
/// unless x's buffer is shared (copy-on-write); KernelError when out of
/// range.
void setIndexInPlace(Tensor &x, int64_t i, const Tensor &row);
/// `x` with row `i` replaced by `row`; x is unchanged.
Tensor setIndex(const Tensor &x, int64_t i, const Tensor &row);
Tensor reduceSum(const Tensor &x);
Tensor stack(const std::vector<Tensor> &values);
/// Reduces `x` over `axes` (sorted, distinct, in [0, rank)): the reduced
/// dimensions are dropped, or kept with size 1 when `keepdims`. Operand
/// dtypes: sum/prod numbers, mean floats, any/all bool, the others any.
/// argmin/argmax take one axis or all of them (the flattened position).
Tensor reduce(ReduceKind kind, const Tensor &x,
              const std::vector<int64_t> &axes, bool keepdims);
/// numpy matmul for ranks 1 to 3 of one numeric dtype (floats through
/// Eigen, integers wrapping).
Tensor matmul(const Tensor &a, const Tensor &b);
/// The products matmul computes, on raw row-major buffers of `dtype`
/// (numeric): out[i] = a[i] * b[i] for i < batch, each [m,k] x [k,n]; an
/// operand with `shared` set is one matrix for the whole batch. The native
/// backend calls this for float products, whose summation order is
/// Eigen's blocking and cannot be rewritten bit for bit as a loop nest.
void matmulInto(DType dtype, const void *a, bool sharedA, const void *b,
                bool sharedB, void *out, int64_t batch, int64_t m, int64_t k,
                int64_t n);
/// Result dimension i is x's dimension perm[i].
Tensor transpose(const Tensor &x, const std::vector<int64_t> &perm);
/// The same elements with `shape` (one -1 is computed); shares x's buffer.
Tensor reshape(const Tensor &x, const Shape &shape);
/// Joins `values` (one dtype, equal rank >= 1, equal dimensions but `axis`)
/// along `axis` in [0, rank).
Tensor concat(const std::vector<Tensor> &values, int64_t axis);
/// x[start[d]:stop[d]:step[d]] along the first start.size() dimensions (the
/// three lists have equal lengths <= rank), as NumPy slices
/// (sem::resolveSlice: negative bounds count from the end, a negative step
/// walks backwards); a zero step or a bound out of range is a KernelError.
Tensor slice(const Tensor &x, const std::vector<int64_t> &start,
             const std::vector<int64_t> &stop,
             const std::vector<int64_t> &step);
/// numpy take: x's dimension `axis` (in [0, rank)) replaced by the
/// dimensions of the int32/int64 `indices`; an index outside
/// [0, dim(axis)) is a KernelError.
Tensor gather(const Tensor &x, const Tensor &indices, int64_t axis);
bool allFinite(const Tensor &x);
/// Formats `values` into `format` where each `{}` (or `{%.3f}`-style printf
/// spec) takes the next value; used by the print effect.
std::string format(const std::string &format,
                   const std::vector<Tensor> &values);

} // namespace ag::kernels

#endif // AG_RUNTIME_KERNELS_H
