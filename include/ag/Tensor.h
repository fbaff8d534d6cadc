//===- ag/Tensor.h - Eager and staged tensors -------------------*- C++ -*-===//
//
// ag::Tensor is one type with two modes. Eagerly it owns a buffer and computes
// immediately. While a converted twin is being traced (see ag/detail/Tracer.h)
// every operation is recorded as an `ag` op instead and the tensor holds a
// symbolic value. This header includes no LLVM/MLIR/Clang headers.
//
//===----------------------------------------------------------------------===//
#ifndef AG_TENSOR_H
#define AG_TENSOR_H

#include "ag/semantics/DType.h"

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <iosfwd>
#include <limits>
#include <memory>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

namespace ag {

// ag::DType, dtypeName, dtypeSize, isFloat, isInteger and DTypeOf<T> are
// in ag/semantics/DType.h, shared with the dialect.

/// Short names for dtypes: `ag::stack(v, ag::Float64)`.
inline constexpr DType Bool = DType::Bool;
inline constexpr DType Int32 = DType::Int32;
inline constexpr DType Int64 = DType::Int64;
inline constexpr DType Float32 = DType::Float32;
inline constexpr DType Float64 = DType::Float64;

using Shape = std::vector<int64_t>;
std::string shapeToString(const Shape &shape); // "[2, 3]", "[]" for scalars
int64_t numElements(const Shape &shape);

/// Every tensor operation, eager or staged. One enum shared by Tensor, the
/// tracer, the kernels and the lowering, so an op is named in one place.
/// The elementwise ops, in the order of ag/semantics/Ops.def (binary,
/// comparisons, unary); ag/semantics/ElementOps.h defines what each computes.
enum class OpKind : uint8_t {
#define AG_BINARY(Kind, Name, IrOp) Kind,
#define AG_COMPARE(Kind, Name, Predicate) Kind,
#define AG_UNARY(Kind, Name, IrOp) Kind,
#include "ag/semantics/Ops.def"
};
const char *
opKindName(OpKind kind); // "add", "cmp.eq" style names used in graphs
bool isComparison(OpKind kind);
bool isUnary(OpKind kind);
/// Comparisons and the isnan/isfinite predicates give bool tensors.
bool hasBoolResult(OpKind kind);

namespace detail {
struct TensorImpl;
template <typename T> inline constexpr bool alwaysFalse = false;
} // namespace detail

class Tensor {
public:
  /// An undefined tensor (a variable declared without a value).
  Tensor();
  Tensor(const Tensor &) = default;
  Tensor(Tensor &&) = default;
  ~Tensor() = default;
  /// Assignment rebinds a variable. Assigning to a temporary tensor (`(a +
  /// b) = v`, or a row of a const tensor or of a temporary) would silently
  /// do nothing, so it does not compile; a row of a variable, `t[i] = v`,
  /// is an Element and is assigned (see below).
  Tensor &operator=(const Tensor &) & = default;
  Tensor &operator=(Tensor &&) & = default;
  template <typename T = void> Tensor &operator=(const Tensor &) && {
    static_assert(detail::alwaysFalse<T>,
                  "assigning to a temporary ag::Tensor (such as a row of a "
                  "const or temporary tensor) would change a copy: "
                  "ag::Tensor has value semantics; assign to a row of a "
                  "variable (t[i] = v) or build the new tensor");
    return *this;
  }
  /// Scalars from C++ values. Built implicitly from a literal, the tensor is
  /// *weakly typed*: in a binary op it adopts the other operand's dtype
  /// (`x * 2` keeps a float32 x float32). Its own dtype is the literal's
  /// natural one (3 -> int64, 2.5 -> float64, 2.5f -> float32, true -> bool).
  Tensor(bool v);
  Tensor(int v);
  Tensor(long v);
  Tensor(long long v);
  Tensor(unsigned v);
  Tensor(unsigned long v); // `s += v.size()`; int64, as for `long`
  Tensor(unsigned long long v);
  Tensor(float v);
  Tensor(double v);
  /// Nested initializer lists: {1, 2, 3}, {{1.0, 2.0}, {3.0, 4.0}}.
  Tensor(std::initializer_list<int> values);
  Tensor(std::initializer_list<long> values);
  Tensor(std::initializer_list<double> values);
  Tensor(std::initializer_list<float> values);
  Tensor(std::initializer_list<bool> values);
  /// One template, not an overload per element type: clang (which
  /// ag-convert parses with) ranks a nested braced list's conversions to
  /// distinct initializer_list<initializer_list<E>> types as ambiguous.
  /// Integers give int64, float float32, bool bool, other floats float64.
  template <typename E, std::enable_if_t<std::is_arithmetic_v<E>, int> = 0>
  Tensor(std::initializer_list<std::initializer_list<E>> rows)
      : Tensor(fromNestedList(rows)) {}

  /// A tensor copying `data` (numElements(shape) elements of `dtype`).
  static Tensor fromBuffer(DType dtype, Shape shape, const void *data);
  /// A tensor of `values` in row-major order, of shape `shape`: another
  /// element count than the shape's is an ag::Error.
  template <typename T>
  static Tensor fromVector(const std::vector<T> &values, Shape shape) {
    return fromElements(DTypeOf<T>::value, std::move(shape), values.data(),
                        values.size());
  }
  /// A one-dimensional tensor of `values`.
  template <typename T> static Tensor fromVector(const std::vector<T> &values) {
    return fromVector(values, Shape{static_cast<int64_t>(values.size())});
  }
  /// fromBuffer of `count` elements: an ag::Error unless the shape has
  /// exactly that many.
  static Tensor fromElements(DType dtype, Shape shape, const void *data,
                             size_t count);
  static Tensor zeros(DType dtype, Shape shape);
  static Tensor full(DType dtype, Shape shape, double value);

  bool defined() const { return impl_ != nullptr; }
  /// True while this tensor is a symbolic value in a graph being traced.
  bool isStaged() const;
  /// True for a scalar built from a C++ literal that has not met a typed value.
  bool isWeak() const;
  DType dtype() const;
  const Shape &shape() const;
  int64_t rank() const { return static_cast<int64_t>(shape().size()); }
  /// While tracing, a dimension declared ag::dyn (or a stacked list's
  /// length) is -1 in shape(); dim() and numel() of it are an ag::Error at
  /// the current line, since the trace would freeze the size.
  int64_t numel() const;
  int64_t dim(int64_t i) const;

  /// The single element, converted to T. Errors if not exactly one element
  /// or staged.
  template <typename T> T item() const;
  /// Raw element access for eager tensors (error when staged).
  const void *rawData() const;
  void *rawMutableData(); // copy-on-write: detaches shared storage
  template <typename T> const T *data() const {
    return static_cast<const T *>(checkedData(DTypeOf<T>::value));
  }
  /// Element i of a flattened eager tensor as double (for printing/tests).
  double elementAsDouble(int64_t i) const;

  /// Eager truthiness: a scalar's value. A staged tensor here means code that
  /// was not converted; that raises an ag::Error naming the function to
  /// annotate.
  explicit operator bool() const;

  /// Row `i` along the first dimension (range-for over a tensor uses it).
  /// An index outside [0, dim(0)) is an error (no negative indices).
  Tensor operator[](int64_t i) const &;
  Tensor operator[](const Tensor &i) const &;
  Tensor operator[](int64_t i) &&;
  Tensor operator[](const Tensor &i) &&;
  /// Row `i` of a variable: its value, which can also be assigned to
  /// (`t[i] = v`, `t[i][j] += v`, `++t[i]`), replacing that row of `t`.
  class Element;
  Element operator[](int64_t i) &;
  Element operator[](const Tensor &i) &;
  /// NumPy's `t[start:stop:step]` along the first dimension:
  /// ag::slice(t, {start}, {stop}, {step}).
  Tensor slice(int64_t start, int64_t stop, int64_t step = 1) const;

  /// `for (Tensor row : t)` in eager code: the rows along the first
  /// dimension of `t`'s value when the loop starts (ag-convert turns it into
  /// ag::for_each_ in twins, which iterates that value too). Tensors are
  /// values: assigning to `t` in the loop body does not change the rows
  /// visited, exactly as in the graph.
  class RowIterator;
  RowIterator begin() const;
  RowIterator end() const;

  Tensor &operator+=(const Tensor &rhs) &;
  Tensor &operator-=(const Tensor &rhs) &;
  Tensor &operator*=(const Tensor &rhs) &;
  Tensor &operator/=(const Tensor &rhs) &;
  Tensor &operator%=(const Tensor &rhs) &;
  Tensor &operator&=(const Tensor &rhs) &;
  Tensor &operator|=(const Tensor &rhs) &;
  Tensor &operator^=(const Tensor &rhs) &;
  Tensor &operator<<=(const Tensor &rhs) &;
  Tensor &operator>>=(const Tensor &rhs) &;
  Tensor &operator++() &;
  Tensor operator++(int) &;
  Tensor &operator--() &;
  Tensor operator--(int) &;
  /// As for assignment: updating a temporary (`(a + b) += v`, `++c[i]` of a
  /// const `c`) would change a copy.
#define AG_TEMPORARY_UPDATE(OP, PARAMS, EXAMPLE)                               \
  template <typename T = void> Tensor &operator OP(PARAMS) && {                \
    static_assert(detail::alwaysFalse<T>,                                      \
                  "updating a temporary ag::Tensor (such as " EXAMPLE          \
                  ") would change a copy: ag::Tensor has value semantics; "    \
                  "update a variable or a row of one (t[i] += v)");            \
    return *this;                                                              \
  }
  AG_TEMPORARY_UPDATE(+=, const Tensor &, "(a + b) += v")
  AG_TEMPORARY_UPDATE(-=, const Tensor &, "(a + b) -= v")
  AG_TEMPORARY_UPDATE(*=, const Tensor &, "(a + b) *= v")
  AG_TEMPORARY_UPDATE(/=, const Tensor &, "(a + b) /= v")
  AG_TEMPORARY_UPDATE(%=, const Tensor &, "(a + b) %= v")
  AG_TEMPORARY_UPDATE(&=, const Tensor &, "(a + b) &= v")
  AG_TEMPORARY_UPDATE(|=, const Tensor &, "(a + b) |= v")
  AG_TEMPORARY_UPDATE(^=, const Tensor &, "(a + b) ^= v")
  AG_TEMPORARY_UPDATE(<<=, const Tensor &, "(a + b) <<= v")
  AG_TEMPORARY_UPDATE(>>=, const Tensor &, "(a + b) >>= v")
  AG_TEMPORARY_UPDATE(++, , "++(a + b)")
  AG_TEMPORARY_UPDATE(--, , "--(a + b)")
  AG_TEMPORARY_UPDATE(++, int, "(a + b)++")
  AG_TEMPORARY_UPDATE(--, int, "(a + b)--")
#undef AG_TEMPORARY_UPDATE

  /// Element-for-element equality of dtype, shape and values (eager only;
  /// NaNs compare equal to NaNs). For tests and differential checks.
  bool identical(const Tensor &other) const;

  /// Internal: the implementation handle (eager storage or symbolic value).
  const std::shared_ptr<detail::TensorImpl> &impl() const { return impl_; }
  explicit Tensor(std::shared_ptr<detail::TensorImpl> impl)
      : impl_(std::move(impl)) {}

private:
  const void *checkedData(DType expected) const;

  template <typename E>
  static Tensor
  fromNestedList(std::initializer_list<std::initializer_list<E>> rows) {
    using Stored = std::conditional_t<
        std::is_same_v<E, bool>, bool,
        std::conditional_t<
            std::is_integral_v<E>, int64_t,
            std::conditional_t<std::is_same_v<E, float>, float, double>>>;
    constexpr DType dtype = std::is_same_v<Stored, bool>      ? DType::Bool
                            : std::is_same_v<Stored, int64_t> ? DType::Int64
                            : std::is_same_v<Stored, float>   ? DType::Float32
                                                              : DType::Float64;
    std::vector<size_t> widths;
    size_t count = 0;
    for (const auto &row : rows) {
      widths.push_back(row.size());
      count += row.size();
    }
    std::unique_ptr<Stored[]> data(new Stored[count ? count : 1]);
    size_t next = 0;
    for (const auto &row : rows)
      for (const E &value : row)
        data[next++] = static_cast<Stored>(value);
    return fromRowData(dtype, widths, data.get());
  }
  /// A matrix of widths.size() rows from row-major `data`; ragged widths
  /// are an ag::Error.
  static Tensor fromRowData(DType dtype, const std::vector<size_t> &widths,
                            const void *data);

  std::shared_ptr<detail::TensorImpl> impl_;
};

/// `t[i]` where `t` is a variable (or `t[i][j]`...): the row's value, as an
/// ag::Tensor, plus where it came from, so that assigning to it replaces the
/// row in `t` (value semantics: a tensor sharing t's buffer, such as a copy
/// `u = t` made earlier, does not change). The assigned value is converted
/// to t's dtype as C++ converts a value assigned to an element (float to
/// integer truncates, anything to bool is `!= 0`), and must have the row's
/// shape or be 0-d (it then fills the row). `t[i] += v` is `t[i] = t[i] + v`
/// (arithmetic promotes as usual, then the result is converted back), and
/// `++t[i]` is `t[i] += 1`. These return the row's new value (postfix: the
/// old one). A named Element (`auto r = t[i];`) is an ordinary copy of the
/// row: assigning to `r` changes `r`, not `t`. While tracing, an assignment
/// records `ag.set_index` and rebinds `t`, so ag-convert merges and carries
/// it like `t = ...`.
class Tensor::Element : public Tensor {
public:
  Element(const Element &) = default;
  Element(Element &&) = default;

  Tensor operator=(const Tensor &value) &&;
  Tensor operator+=(const Tensor &rhs) &&;
  Tensor operator-=(const Tensor &rhs) &&;
  Tensor operator*=(const Tensor &rhs) &&;
  Tensor operator/=(const Tensor &rhs) &&;
  Tensor operator%=(const Tensor &rhs) &&;
  Tensor operator&=(const Tensor &rhs) &&;
  Tensor operator|=(const Tensor &rhs) &&;
  Tensor operator^=(const Tensor &rhs) &&;
  Tensor operator<<=(const Tensor &rhs) &&;
  Tensor operator>>=(const Tensor &rhs) &&;
  Tensor operator++() &&;
  Tensor operator--() &&;
  Tensor operator++(int) &&;
  Tensor operator--(int) &&;
  /// `t[i][j]`: an element of this row, assigned through it.
  Element operator[](int64_t j) &&;
  Element operator[](const Tensor &j) &&;

  // A named Element is a plain copy of the row.
  using Tensor::operator=;
  using Tensor::operator+=;
  using Tensor::operator-=;
  using Tensor::operator*=;
  using Tensor::operator/=;
  using Tensor::operator%=;
  using Tensor::operator&=;
  using Tensor::operator|=;
  using Tensor::operator^=;
  using Tensor::operator<<=;
  using Tensor::operator>>=;
  using Tensor::operator++;
  using Tensor::operator--;
  using Tensor::operator[];
  Element &operator=(const Element &value) & {
    Tensor::operator=(static_cast<const Tensor &>(value));
    return *this;
  }

private:
  friend class Tensor;
  Element(Tensor row, Tensor *var, Element *parent, Tensor index)
      : Tensor(std::move(row)), var_(var), parent_(parent),
        index_(std::move(index)) {}
  /// Stores `value` as this row of the variable; returns the stored row.
  Tensor store(const Tensor &value);

  Tensor *var_;     // the variable `t` of `t[i]`, or
  Element *parent_; // the row `t[i]` of `t[i][j]` (a temporary of the same
                    // full expression)
  Tensor index_;
};

/// Holds a copy of the tensor (a shared, immutable buffer), not a pointer to
/// the variable iterated over.
class Tensor::RowIterator {
public:
  RowIterator(Tensor tensor, int64_t row)
      : tensor_(std::move(tensor)), row_(row) {}
  Tensor operator*() const { return tensor_[row_]; }
  RowIterator &operator++() {
    ++row_;
    return *this;
  }
  bool operator!=(const RowIterator &other) const { return row_ != other.row_; }
  bool operator==(const RowIterator &other) const { return row_ == other.row_; }

private:
  Tensor tensor_;
  int64_t row_;
};
inline Tensor::RowIterator Tensor::begin() const {
  return RowIterator(*this, 0);
}
inline Tensor::RowIterator Tensor::end() const {
  return RowIterator(Tensor(), dim(0));
}

// Elementwise arithmetic; scalars broadcast against any shape, and shapes
// broadcast numpy-style. Integer / and % truncate toward zero as in C++.
Tensor operator+(const Tensor &a, const Tensor &b);
Tensor operator-(const Tensor &a, const Tensor &b);
Tensor operator*(const Tensor &a, const Tensor &b);
Tensor operator/(const Tensor &a, const Tensor &b);
Tensor operator%(const Tensor &a, const Tensor &b);
Tensor operator-(const Tensor &a);
Tensor operator+(const Tensor &a);
Tensor operator==(const Tensor &a, const Tensor &b);
Tensor operator!=(const Tensor &a, const Tensor &b);
Tensor operator<(const Tensor &a, const Tensor &b);
Tensor operator<=(const Tensor &a, const Tensor &b);
Tensor operator>(const Tensor &a, const Tensor &b);
Tensor operator>=(const Tensor &a, const Tensor &b);
// Elementwise logic on bool tensors, bitwise on integer tensors. && and ||
// are deliberately NOT overloaded: eager code keeps C++ short-circuit via
// explicit operator bool, and ag-convert keeps it in graphs
// (ag::and_/ag::or_).
Tensor operator&(const Tensor &a, const Tensor &b);
Tensor operator|(const Tensor &a, const Tensor &b);
Tensor operator^(const Tensor &a, const Tensor &b);
/// Integer shifts; a count below 0 or not below the width is an error.
Tensor operator<<(const Tensor &a, const Tensor &b);
Tensor operator>>(const Tensor &a, const Tensor &b);
/// Bitwise not of an integer tensor; logical not of a bool tensor.
Tensor operator~(const Tensor &a);
Tensor operator!(const Tensor &a);

// Compound bitwise assignment, defined by the binary operators above (also
// on a row, `t[i] |= m`, which converts back to t's dtype like `t[i] += v`).
#define AG_COMPOUND_ASSIGN(OP)                                                 \
  inline Tensor &Tensor::operator OP##=(const Tensor &rhs) & {                 \
    return *this = *this OP rhs;                                               \
  }                                                                            \
  inline Tensor Tensor::Element::operator OP##=(const Tensor &rhs) && {        \
    return store(static_cast<const Tensor &>(*this) OP rhs);                   \
  }
AG_COMPOUND_ASSIGN(&)
AG_COMPOUND_ASSIGN(|)
AG_COMPOUND_ASSIGN(^)
AG_COMPOUND_ASSIGN(<<)
AG_COMPOUND_ASSIGN(>>)
#undef AG_COMPOUND_ASSIGN

Tensor abs(const Tensor &x);
Tensor exp(const Tensor &x);
Tensor log(const Tensor &x);
Tensor sqrt(const Tensor &x);
Tensor tanh(const Tensor &x);
Tensor floor(const Tensor &x);
Tensor ceil(const Tensor &x);
/// Halfway cases away from zero, as std::round.
Tensor round(const Tensor &x);
Tensor sin(const Tensor &x);
Tensor cos(const Tensor &x);
Tensor sigmoid(const Tensor &x);
/// -1, 0 or 1 in x's dtype (sign(-0.0) is -0.0, sign(NaN) is NaN).
Tensor sign(const Tensor &x);
/// Bool tensors; false / true for integers.
Tensor isnan(const Tensor &x);
Tensor isfinite(const Tensor &x);
/// std::clamp elementwise: max(x, lo), then min(.., hi).
Tensor clip(const Tensor &x, const Tensor &lo, const Tensor &hi);
Tensor pow(const Tensor &x, const Tensor &y);
Tensor min(const Tensor &a, const Tensor &b);
Tensor max(const Tensor &a, const Tensor &b);
Tensor where(const Tensor &cond, const Tensor &a, const Tensor &b);
Tensor cast(const Tensor &x, DType dtype);
/// Reductions over all elements (result is a scalar).
Tensor sum(const Tensor &x);
/// Stacks equally shaped tensors along a new first dimension.
Tensor stack(const std::vector<Tensor> &values);
/// Stacks `values` declared to be `dtype` tensors of `elementShape`: an
/// empty vector gives a tensor of shape [0, elementShape...] (as NumPy and
/// TensorFlow do given the element type). A literal element adopts `dtype`
/// as in arithmetic; any other element must have exactly the declared type.
Tensor stack(const std::vector<Tensor> &values, DType dtype,
             const Shape &elementShape = {});

//===----------------------------------------------------------------------===//
// The op library: reductions, linear algebra, shapes, creation
//===----------------------------------------------------------------------===//

/// The reductions of ag::reduce and of the `ag.reduce` op.
enum class ReduceKind : uint8_t {
  Sum,
  Prod,
  Mean,
  Min,
  Max,
  Any,
  All,
  ArgMin,
  ArgMax,
};
const char *reduceKindName(ReduceKind kind); // "sum", "argmax", ...

/// The axes a reduction runs over. Negative axes count from the end. Built
/// with ag::axis(i), ag::axes({i, j}) or braces: `ag::sum(x, {0, 1})`,
/// `ag::max(x, {1}, true)`. A distinct type so that `ag::max(x, 0)` stays
/// the elementwise maximum with 0; `ag::max(x, {0, 1})` could mean either
/// (a tensor or axes) and does not compile, rather than pick one silently.
struct Axes {
  std::vector<int64_t> list;

  Axes() = default;
  Axes(std::initializer_list<int64_t> axes) : list(axes) {}
  explicit Axes(std::vector<int64_t> axes) : list(std::move(axes)) {}
};
inline Axes axis(int64_t a) { return Axes{a}; }
inline Axes axes(std::vector<int64_t> list) { return Axes(std::move(list)); }

/// Reduces `x` over `over` (every axis when omitted). The reduced axes are
/// dropped, or kept with size 1 when `keepdims`. sum/prod of bool count in
/// int64; mean of integers is float64; any/all test `!= 0` and give bool;
/// argmin/argmax give the int64 position of the first extreme (over the
/// flattened tensor when no axis is given; one axis at most). min, max,
/// argmin and argmax of an empty extent are an error.
Tensor reduce(ReduceKind kind, const Tensor &x);
Tensor reduce(ReduceKind kind, const Tensor &x, const Axes &over,
              bool keepdims = false);
Tensor sum(const Tensor &x, const Axes &over, bool keepdims = false);
Tensor prod(const Tensor &x);
Tensor prod(const Tensor &x, const Axes &over, bool keepdims = false);
Tensor mean(const Tensor &x);
Tensor mean(const Tensor &x, const Axes &over, bool keepdims = false);
/// One argument: the largest (smallest) element. `ag::max(a, b)` with two
/// tensors is the elementwise maximum; reduce along axes with ag::axis, or
/// with an integer axis and `keepdims` (`ag::max(m, 1, true)`, as
/// `np.max(m, 1, keepdims=True)`).
Tensor max(const Tensor &x);
Tensor max(const Tensor &x, const Axes &over, bool keepdims = false);
Tensor min(const Tensor &x);
Tensor min(const Tensor &x, const Axes &over, bool keepdims = false);
Tensor any(const Tensor &x);
Tensor any(const Tensor &x, const Axes &over, bool keepdims = false);
Tensor all(const Tensor &x);
Tensor all(const Tensor &x, const Axes &over, bool keepdims = false);

/// One axis as an integer: `ag::sum(m, 1)`, `ag::mean(m, -1, true)`. These
/// are templates so that braces always mean Axes (`ag::sum(m, {1})`: a
/// non-template `int64_t` overload would take `{1}` as a braced scalar).
/// max and min take `keepdims` always: `ag::max(m, 1)` stays elementwise.
template <typename Int>
using IfAxisInt =
    std::enable_if_t<std::is_integral_v<Int> && !std::is_same_v<Int, bool>,
                     Tensor>;
template <typename Int>
IfAxisInt<Int> sum(const Tensor &x, Int a, bool keepdims = false) {
  return sum(x, axis(a), keepdims);
}
template <typename Int>
IfAxisInt<Int> prod(const Tensor &x, Int a, bool keepdims = false) {
  return prod(x, axis(a), keepdims);
}
template <typename Int>
IfAxisInt<Int> mean(const Tensor &x, Int a, bool keepdims = false) {
  return mean(x, axis(a), keepdims);
}
template <typename Int>
IfAxisInt<Int> any(const Tensor &x, Int a, bool keepdims = false) {
  return any(x, axis(a), keepdims);
}
template <typename Int>
IfAxisInt<Int> all(const Tensor &x, Int a, bool keepdims = false) {
  return all(x, axis(a), keepdims);
}
template <typename Int>
IfAxisInt<Int> max(const Tensor &x, Int a, bool keepdims) {
  return max(x, axis(a), keepdims);
}
template <typename Int>
IfAxisInt<Int> min(const Tensor &x, Int a, bool keepdims) {
  return min(x, axis(a), keepdims);
}
Tensor argmax(const Tensor &x);
Tensor argmax(const Tensor &x, int64_t axis, bool keepdims = false);
Tensor argmin(const Tensor &x);
Tensor argmin(const Tensor &x, int64_t axis, bool keepdims = false);

/// Matrix product with numpy's rules for ranks 1 to 3: [n]x[n] is a 0-d dot
/// product, [m,k]x[k] a vector, [k]x[k,n] a vector, [m,k]x[k,n] a matrix,
/// and [b,m,k]x[b,k,n] a batch of matrices. Operands promote as in
/// arithmetic (bool computes in int64); the inner dimensions must agree.
Tensor matmul(const Tensor &a, const Tensor &b);
/// The dot product of two vectors of equal length.
Tensor dot(const Tensor &a, const Tensor &b);
/// outer(a, b)[i][j] = a[i] * b[j] for vectors a and b.
Tensor outer(const Tensor &a, const Tensor &b);
/// Permutes the dimensions: result dimension i is x's dimension perm[i].
/// Without a permutation the dimensions are reversed.
Tensor transpose(const Tensor &x);
Tensor transpose(const Tensor &x, const std::vector<int64_t> &perm);

/// The elements of `x` in row-major order with a new shape; one dimension
/// may be -1 and is then computed from the element count.
Tensor reshape(const Tensor &x, const Shape &shape);
/// reshape(x, {-1}).
Tensor flatten(const Tensor &x);
/// Drops the size-1 dimension `axis` (every size-1 dimension without it).
Tensor squeeze(const Tensor &x);
Tensor squeeze(const Tensor &x, int64_t axis);
/// Inserts a size-1 dimension at `axis` (in [-rank-1, rank]).
Tensor unsqueeze(const Tensor &x, int64_t axis);

/// Joins tensors of equal rank along `axis` (negative counts from the
/// end); the other dimensions must agree. Operands promote as in arithmetic.
Tensor concat(const std::vector<Tensor> &values, int64_t axis = 0);
/// NumPy's omitted stop: to the end of the dimension (`t[start:]`), or past
/// its first element for a negative step (`t[::-1]` is
/// `t.slice(-1, ag::kEnd, -1)`).
inline constexpr int64_t kEnd = std::numeric_limits<int64_t>::max();
/// NumPy's `t[start0:stop0:step0, start1:stop1:step1, ...]`: one entry per
/// leading dimension (the dimensions after them are kept whole; `step`
/// defaults to 1). As in NumPy, negative starts and stops count from the
/// end, a start after the stop is empty, a negative step walks backwards;
/// a zero step and, unlike NumPy, a bound out of range are errors (see
/// sem::resolveSlice; `slice(m, {r - 1}, {-r - 1}, {-1})` reverses r rows).
Tensor slice(const Tensor &x, const std::vector<int64_t> &start,
             const std::vector<int64_t> &stop,
             const std::vector<int64_t> &step = {});
/// NumPy's `take(x, indices, axis)`: the result has x's dimensions with
/// `axis` replaced by the dimensions of `indices` (an integer tensor).
/// An index outside [0, dim(axis)) is an error (no negative indices).
Tensor gather(const Tensor &x, const Tensor &indices, int64_t axis = 0);
/// x repeated to `shape` with NumPy's rules (trailing dimensions aligned,
/// each equal or 1).
Tensor broadcast_to(const Tensor &x, const Shape &shape);

/// Creation. `full` converts `value` to `dtype` as C++ does.
Tensor zeros(const Shape &shape, DType dtype = DType::Float64);
Tensor ones(const Shape &shape, DType dtype = DType::Float64);
Tensor full(const Shape &shape, double value, DType dtype = DType::Float64);
/// A tensor of x's dtype and shape (x must have a static shape).
Tensor zeros_like(const Tensor &x);
Tensor ones_like(const Tensor &x);
Tensor full_like(const Tensor &x, double value);
/// [start, start + step, ...) below `stop` (above it for a negative step),
/// int64.
Tensor arange(int64_t stop);
Tensor arange(int64_t start, int64_t stop, int64_t step = 1);
/// `count` evenly spaced float64 values from `start` to `stop` inclusive.
Tensor linspace(double start, double stop, int64_t count);
/// The n x n identity matrix (n x m when `m` >= 0).
Tensor eye(int64_t n, int64_t m = -1, DType dtype = DType::Float64);
inline Tensor eye(int64_t n, DType dtype) { return eye(n, -1, dtype); }

/// Errors (ag::Error at the caller's source line) if x has NaN or Inf.
Tensor check_numerics(const Tensor &x, const std::string &message = "");

/// Prints like numpy: `5`, `[1, 2, 3]`, `[[1.5, 2], [3, 4]]`; staged tensors
/// print as `<staged int64[] %name>`.
std::ostream &operator<<(std::ostream &os, const Tensor &t);
std::string toString(const Tensor &t);

} // namespace ag

#endif // AG_TENSOR_H
