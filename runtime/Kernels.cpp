//===- Kernels.cpp - The one implementation of every tensor op ------------===//
//
// Kernels are templated over the element type and run contiguous loops with
// a scalar-operand fast path, so compilers vectorize them; the op kind is
// switched on once per call, never per element.
//
//===----------------------------------------------------------------------===//

#include "ag/runtime/Kernels.h"

#include "TensorInternal.h"

#include <algorithm>
#include <cinttypes>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <limits>
#include <sstream>

namespace ag::kernels {

using detail::dispatchDType;
using detail::makeUninitialized;

namespace {

template <typename T> const T *elements(const Tensor &t) {
  return static_cast<const T *>(t.impl()->storage->data);
}

template <typename T> T *mutableElements(Tensor &t) {
  return static_cast<T *>(t.impl()->storage->data);
}

[[noreturn]] void fail(const std::string &message) {
  throw KernelError(message);
}

const detail::TensorImpl &eager(const Tensor &t, const char *kernel) {
  if (!t.defined() || !t.impl()->storage)
    fail(std::string(kernel) + ": operand is not an eager tensor");
  return *t.impl();
}

/// out[i] = f(a[i], b[i]) where a 0-d operand is repeated; three loops so
/// each is a plain contiguous loop the compiler vectorizes.
template <typename T, typename R, typename F>
void binaryLoop(const T *a, bool aScalar, const T *b, bool bScalar, R *out,
                int64_t n, F f) {
  if (aScalar && !bScalar) {
    const T av = a[0];
    for (int64_t i = 0; i < n; ++i)
      out[i] = f(av, b[i]);
  } else if (bScalar && !aScalar) {
    const T bv = b[0];
    for (int64_t i = 0; i < n; ++i)
      out[i] = f(a[i], bv);
  } else {
    for (int64_t i = 0; i < n; ++i)
      out[i] = f(a[i], b[i]);
  }
}

/// Wrapping integer arithmetic (two's complement) instead of signed
/// overflow, which would be undefined behaviour.
template <typename T> T wrapAdd(T a, T b) {
  using U = std::make_unsigned_t<T>;
  return static_cast<T>(static_cast<U>(a) + static_cast<U>(b));
}
template <typename T> T wrapSub(T a, T b) {
  using U = std::make_unsigned_t<T>;
  return static_cast<T>(static_cast<U>(a) - static_cast<U>(b));
}
template <typename T> T wrapMul(T a, T b) {
  using U = std::make_unsigned_t<T>;
  return static_cast<T>(static_cast<U>(a) * static_cast<U>(b));
}

template <typename T> T intPow(T base, T exponent) {
  T result = 1;
  while (exponent > 0) {
    if (exponent & 1)
      result = wrapMul(result, base);
    base = wrapMul(base, base);
    exponent >>= 1;
  }
  return result;
}

/// Integer division faults are found before the loop so the loop itself
/// stays branch-free.
template <typename T>
void checkIntegerDivisor(OpKind kind, const T *a, int64_t na, const T *b,
                         int64_t nb, bool aScalar, bool bScalar) {
  const char *what = kind == OpKind::Div ? "division" : "remainder";
  for (int64_t i = 0; i < nb; ++i) {
    if (b[i] == 0)
      fail(std::string("integer ") + what + " by zero");
    if constexpr (!std::is_same_v<T, bool>) {
      if (b[i] == -1) {
        // INT_MIN / -1 overflows; check the operand(s) paired with it.
        auto isMin = [](T v) { return v == std::numeric_limits<T>::min(); };
        bool overflow =
            bScalar ? std::any_of(a, a + na, isMin) : isMin(a[aScalar ? 0 : i]);
        if (overflow)
          fail(std::string("integer ") + what +
               " overflow (minimum value / -1)");
      }
    }
  }
}

template <typename T>
void binaryTyped(OpKind kind, const Tensor &a, const Tensor &b, Tensor &out) {
  const T *pa = elements<T>(a), *pb = elements<T>(b);
  bool sa = a.rank() == 0, sb = b.rank() == 0;
  int64_t n = out.numel();
  constexpr bool isBool = std::is_same_v<T, bool>;
  constexpr bool isFloatT = std::is_floating_point_v<T>;

  if (isComparison(kind)) {
    bool *o = mutableElements<bool>(out);
    switch (kind) {
    case OpKind::Eq:
      return binaryLoop(pa, sa, pb, sb, o, n, [](T x, T y) { return x == y; });
    case OpKind::Ne:
      return binaryLoop(pa, sa, pb, sb, o, n, [](T x, T y) { return x != y; });
    case OpKind::Lt:
      return binaryLoop(pa, sa, pb, sb, o, n, [](T x, T y) { return x < y; });
    case OpKind::Le:
      return binaryLoop(pa, sa, pb, sb, o, n, [](T x, T y) { return x <= y; });
    case OpKind::Gt:
      return binaryLoop(pa, sa, pb, sb, o, n, [](T x, T y) { return x > y; });
    default:
      return binaryLoop(pa, sa, pb, sb, o, n, [](T x, T y) { return x >= y; });
    }
  }

  bool logical =
      kind == OpKind::And || kind == OpKind::Or || kind == OpKind::Xor;
  if (isBool && !logical)
    fail(std::string("'") + opKindName(kind) +
         "' is not defined for bool tensors");

  T *o = mutableElements<T>(out);
  switch (kind) {
  case OpKind::Add:
    if constexpr (isBool || isFloatT)
      return binaryLoop(pa, sa, pb, sb, o, n,
                        [](T x, T y) { return static_cast<T>(x + y); });
    else
      return binaryLoop(pa, sa, pb, sb, o, n, wrapAdd<T>);
  case OpKind::Sub:
    if constexpr (isBool || isFloatT)
      return binaryLoop(pa, sa, pb, sb, o, n,
                        [](T x, T y) { return static_cast<T>(x - y); });
    else
      return binaryLoop(pa, sa, pb, sb, o, n, wrapSub<T>);
  case OpKind::Mul:
    if constexpr (isBool || isFloatT)
      return binaryLoop(pa, sa, pb, sb, o, n,
                        [](T x, T y) { return static_cast<T>(x * y); });
    else
      return binaryLoop(pa, sa, pb, sb, o, n, wrapMul<T>);
  case OpKind::Div:
  case OpKind::Rem:
    if constexpr (isFloatT) {
      if (kind == OpKind::Div)
        return binaryLoop(pa, sa, pb, sb, o, n, [](T x, T y) { return x / y; });
      return binaryLoop(pa, sa, pb, sb, o, n,
                        [](T x, T y) { return std::fmod(x, y); });
    } else {
      checkIntegerDivisor(kind, pa, a.numel(), pb, b.numel(), sa, sb);
      if (kind == OpKind::Div)
        return binaryLoop(pa, sa, pb, sb, o, n,
                          [](T x, T y) { return static_cast<T>(x / y); });
      return binaryLoop(pa, sa, pb, sb, o, n,
                        [](T x, T y) { return static_cast<T>(x % y); });
    }
  case OpKind::Pow:
    if constexpr (isFloatT) {
      return binaryLoop(pa, sa, pb, sb, o, n,
                        [](T x, T y) { return std::pow(x, y); });
    } else if constexpr (isBool) {
      return binaryLoop(pa, sa, pb, sb, o, n, [](T x, T y) { return x || !y; });
    } else {
      for (int64_t i = 0, nb = b.numel(); i < nb; ++i)
        if (pb[i] < 0)
          fail("integer raised to a negative power (the result is not an "
               "integer: cast the base to a float type)");
      return binaryLoop(pa, sa, pb, sb, o, n, intPow<T>);
    }
  case OpKind::Min:
    // std::min / std::max.
    return binaryLoop(pa, sa, pb, sb, o, n,
                      [](T x, T y) { return y < x ? y : x; });
  case OpKind::Max:
    return binaryLoop(pa, sa, pb, sb, o, n,
                      [](T x, T y) { return x < y ? y : x; });
  case OpKind::And:
  case OpKind::Or:
  case OpKind::Xor:
    if constexpr (!isBool) {
      fail(std::string("'") + opKindName(kind) + "' needs bool operands");
    } else {
      if (kind == OpKind::And)
        return binaryLoop(pa, sa, pb, sb, o, n,
                          [](T x, T y) { return x && y; });
      if (kind == OpKind::Or)
        return binaryLoop(pa, sa, pb, sb, o, n,
                          [](T x, T y) { return x || y; });
      return binaryLoop(pa, sa, pb, sb, o, n, [](T x, T y) { return x != y; });
    }
  default:
    fail(std::string("'") + opKindName(kind) + "' is not a binary op");
  }
}

template <typename T, typename F>
void unaryLoop(const T *x, T *out, int64_t n, F f) {
  for (int64_t i = 0; i < n; ++i)
    out[i] = f(x[i]);
}

template <typename T>
void unaryTyped(OpKind kind, const Tensor &x, Tensor &out) {
  const T *px = elements<T>(x);
  T *o = mutableElements<T>(out);
  int64_t n = x.numel();
  constexpr bool isBool = std::is_same_v<T, bool>;
  constexpr bool isFloatT = std::is_floating_point_v<T>;
  auto notDefined = [&]() {
    fail(std::string("'") + opKindName(kind) + "' is not defined for " +
         dtypeName(x.dtype()) + " tensors");
  };
  switch (kind) {
  case OpKind::Neg:
    if constexpr (isBool)
      notDefined();
    else if constexpr (isFloatT)
      return unaryLoop(px, o, n, [](T v) { return -v; });
    else
      return unaryLoop(px, o, n, [](T v) { return wrapSub<T>(0, v); });
    return;
  case OpKind::Not:
    if constexpr (isBool)
      return unaryLoop(px, o, n, [](T v) { return !v; });
    else
      notDefined();
    return;
  case OpKind::Abs:
    if constexpr (isBool)
      notDefined();
    else if constexpr (isFloatT)
      return unaryLoop(px, o, n, [](T v) { return std::abs(v); });
    else
      return unaryLoop(px, o, n,
                       [](T v) { return v < 0 ? wrapSub<T>(0, v) : v; });
    return;
  case OpKind::Floor:
  case OpKind::Exp:
  case OpKind::Log:
  case OpKind::Sqrt:
  case OpKind::Tanh:
    if constexpr (isFloatT) {
      if (kind == OpKind::Exp)
        return unaryLoop(px, o, n, [](T v) { return std::exp(v); });
      if (kind == OpKind::Log)
        return unaryLoop(px, o, n, [](T v) { return std::log(v); });
      if (kind == OpKind::Sqrt)
        return unaryLoop(px, o, n, [](T v) { return std::sqrt(v); });
      if (kind == OpKind::Floor)
        return unaryLoop(px, o, n, [](T v) { return std::floor(v); });
      return unaryLoop(px, o, n, [](T v) { return std::tanh(v); });
    } else {
      notDefined();
    }
    return;
  default:
    fail(std::string("'") + opKindName(kind) + "' is not a unary op");
  }
}

} // namespace

Tensor binary(OpKind kind, const Tensor &a, const Tensor &b) {
  const detail::TensorImpl &ia = eager(a, "binary"), &ib = eager(b, "binary");
  if (ia.dtype != ib.dtype)
    fail(std::string("'") + opKindName(kind) + "' operands differ in dtype: " +
         dtypeName(ia.dtype) + " and " + dtypeName(ib.dtype));
  if (ia.shape != ib.shape && !ia.shape.empty() && !ib.shape.empty())
    fail(std::string("'") + opKindName(kind) + "' operands differ in shape: " +
         shapeToString(ia.shape) + " and " + shapeToString(ib.shape));
  const Shape &shape = ia.shape.empty() ? ib.shape : ia.shape;
  Tensor out =
      makeUninitialized(isComparison(kind) ? DType::Bool : ia.dtype, shape);
  dispatchDType(ia.dtype,
                [&](auto tag) { binaryTyped<decltype(tag)>(kind, a, b, out); });
  return out;
}

Tensor unary(OpKind kind, const Tensor &x) {
  const detail::TensorImpl &ix = eager(x, "unary");
  Tensor out = makeUninitialized(ix.dtype, ix.shape);
  dispatchDType(ix.dtype,
                [&](auto tag) { unaryTyped<decltype(tag)>(kind, x, out); });
  return out;
}

Tensor select(const Tensor &cond, const Tensor &a, const Tensor &b) {
  const detail::TensorImpl &ic = eager(cond, "select"),
                           &ia = eager(a, "select"), &ib = eager(b, "select");
  if (ic.dtype != DType::Bool)
    fail(std::string("select condition must be bool, got ") +
         dtypeName(ic.dtype));
  if (ia.dtype != ib.dtype)
    fail(std::string("select operands differ in dtype: ") +
         dtypeName(ia.dtype) + " and " + dtypeName(ib.dtype));
  Shape shape;
  for (const Shape *s : {&ic.shape, &ia.shape, &ib.shape}) {
    if (s->empty())
      continue;
    if (!shape.empty() && *s != shape)
      fail("select operands differ in shape: " + shapeToString(shape) +
           " and " + shapeToString(*s));
    shape = *s;
  }
  Tensor out = makeUninitialized(ia.dtype, shape);
  int64_t n = out.numel();
  const bool *pc = elements<bool>(cond);
  int64_t cStep = ic.shape.empty() ? 0 : 1;
  dispatchDType(ia.dtype, [&](auto tag) {
    using T = decltype(tag);
    const T *pa = elements<T>(a), *pb = elements<T>(b);
    int64_t aStep = ia.shape.empty() ? 0 : 1, bStep = ib.shape.empty() ? 0 : 1;
    T *o = mutableElements<T>(out);
    for (int64_t i = 0; i < n; ++i)
      o[i] = pc[i * cStep] ? pa[i * aStep] : pb[i * bStep];
  });
  return out;
}

Tensor cast(const Tensor &x, DType to) {
  const detail::TensorImpl &ix = eager(x, "cast");
  if (ix.dtype == to) {
    Tensor same = Tensor(std::make_shared<detail::TensorImpl>(ix));
    same.impl()->weak = false;
    return same;
  }
  Tensor out = makeUninitialized(to, ix.shape);
  int64_t n = x.numel();
  dispatchDType(ix.dtype, [&](auto fromTag) {
    using From = decltype(fromTag);
    dispatchDType(to, [&](auto toTag) {
      using To = decltype(toTag);
      const From *in = elements<From>(x);
      To *o = mutableElements<To>(out);
      if constexpr (std::is_floating_point_v<From> && std::is_integral_v<To> &&
                    !std::is_same_v<To, bool>) {
        // C++ leaves a float outside the integer's range (NaN, +-Inf,
        // 1e300) undefined: an error, as the folder refuses to fold it.
        // The bounds are powers of two, exact in any float type.
        constexpr double lo =
            static_cast<double>(std::numeric_limits<To>::min());
        for (int64_t i = 0; i < n; ++i) {
          double t = std::trunc(static_cast<double>(in[i]));
          if (!(t >= lo && t < -lo)) {
            std::ostringstream os;
            os << "cannot cast " << static_cast<double>(in[i]) << " to "
               << dtypeName(to)
               << ": it is outside the integer's range (undefined in C++)";
            fail(os.str());
          }
          o[i] = static_cast<To>(in[i]);
        }
        return;
      }
      for (int64_t i = 0; i < n; ++i) {
        if constexpr (std::is_same_v<To, bool>)
          o[i] = in[i] != From(0);
        else
          o[i] = static_cast<To>(in[i]);
      }
    });
  });
  return out;
}

Tensor broadcastTo(const Tensor &x, const Shape &shape) {
  const detail::TensorImpl &ix = eager(x, "broadcast");
  if (ix.shape.size() > shape.size())
    fail("cannot broadcast " + shapeToString(ix.shape) + " to " +
         shapeToString(shape));
  size_t rank = shape.size(), offset = rank - ix.shape.size();
  // Input strides in elements, 0 along broadcast dimensions.
  std::vector<int64_t> strides(rank, 0);
  int64_t stride = 1;
  for (size_t i = ix.shape.size(); i-- > 0;) {
    int64_t d = ix.shape[i];
    if (d != shape[offset + i] && d != 1)
      fail("cannot broadcast " + shapeToString(ix.shape) + " to " +
           shapeToString(shape));
    strides[offset + i] = d == 1 ? 0 : stride;
    stride *= d;
  }
  Tensor out = makeUninitialized(ix.dtype, shape);
  int64_t n = out.numel();
  if (n == 0)
    return out;
  size_t size = dtypeSize(ix.dtype);
  const char *in = static_cast<const char *>(ix.storage->data);
  char *o = static_cast<char *>(out.impl()->storage->data);
  std::vector<int64_t> counter(rank, 0);
  int64_t source = 0;
  for (int64_t i = 0; i < n; ++i) {
    std::memcpy(o + i * size, in + source * size, size);
    // Odometer increment over the output index.
    for (size_t d = rank; d-- > 0;) {
      source += strides[d];
      if (++counter[d] < shape[d])
        break;
      source -= strides[d] * shape[d];
      counter[d] = 0;
    }
  }
  return out;
}

Tensor index(const Tensor &x, int64_t i) {
  const detail::TensorImpl &ix = eager(x, "index");
  if (ix.shape.empty())
    fail("cannot index a 0-d tensor");
  if (i < 0 || i >= ix.shape[0])
    fail("index " + std::to_string(i) + " is out of range for dimension 0 " +
         "of size " + std::to_string(ix.shape[0]));
  Shape rowShape(ix.shape.begin() + 1, ix.shape.end());
  Tensor out = makeUninitialized(ix.dtype, rowShape);
  size_t bytes = out.impl()->storage->bytes;
  if (bytes)
    std::memcpy(out.impl()->storage->data,
                static_cast<const char *>(ix.storage->data) + i * bytes, bytes);
  return out;
}

void setIndexInPlace(Tensor &x, int64_t i, const Tensor &row) {
  const detail::TensorImpl &ix = eager(x, "set_index");
  const detail::TensorImpl &ir = eager(row, "set_index");
  if (ix.shape.empty())
    fail("cannot assign to a row of a 0-d tensor");
  if (i < 0 || i >= ix.shape[0])
    fail("index " + std::to_string(i) + " is out of range for dimension 0 " +
         "of size " + std::to_string(ix.shape[0]));
  if (ir.dtype != ix.dtype || ir.shape.size() + 1 != ix.shape.size() ||
      !std::equal(ir.shape.begin(), ir.shape.end(), ix.shape.begin() + 1))
    fail(std::string("set_index: the row is ") + dtypeName(ir.dtype) +
         shapeToString(ir.shape) + ", not a row of " + dtypeName(ix.dtype) +
         shapeToString(ix.shape));
  size_t bytes = ir.storage->bytes;
  if (!bytes)
    return;
  // Read the row before detaching x: they may share a buffer.
  Tensor keep = row;
  char *data = static_cast<char *>(x.rawMutableData());
  std::memmove(data + i * bytes, keep.impl()->storage->data, bytes);
}

Tensor setIndex(const Tensor &x, int64_t i, const Tensor &row) {
  Tensor out = x;
  setIndexInPlace(out, i, row);
  return out;
}

Tensor reduceSum(const Tensor &x) {
  const detail::TensorImpl &ix = eager(x, "reduce_sum");
  if (ix.dtype == DType::Bool)
    fail("reduce_sum of a bool tensor: cast it to an integer first");
  Tensor out = makeUninitialized(ix.dtype, {});
  dispatchDType(ix.dtype, [&](auto tag) {
    using T = decltype(tag);
    const T *in = elements<T>(x);
    T acc = 0;
    for (int64_t i = 0, n = x.numel(); i < n; ++i) {
      if constexpr (std::is_floating_point_v<T>)
        acc += in[i];
      else if constexpr (!std::is_same_v<T, bool>) // rejected above
        acc = wrapAdd(acc, in[i]);
    }
    *mutableElements<T>(out) = acc;
  });
  return out;
}

Tensor stack(const std::vector<Tensor> &values) {
  if (values.empty())
    fail("stack of no tensors");
  const detail::TensorImpl &first = eager(values.front(), "stack");
  for (const Tensor &v : values) {
    const detail::TensorImpl &iv = eager(v, "stack");
    if (iv.dtype != first.dtype || iv.shape != first.shape)
      fail(std::string("stack operands differ: ") + dtypeName(first.dtype) +
           shapeToString(first.shape) + " and " + dtypeName(iv.dtype) +
           shapeToString(iv.shape));
  }
  Shape shape = first.shape;
  shape.insert(shape.begin(), static_cast<int64_t>(values.size()));
  Tensor out = makeUninitialized(first.dtype, shape);
  size_t bytes = first.storage->bytes;
  char *o = static_cast<char *>(out.impl()->storage->data);
  for (size_t i = 0; i < values.size(); ++i)
    if (bytes)
      std::memcpy(o + i * bytes, values[i].impl()->storage->data, bytes);
  return out;
}

bool allFinite(const Tensor &x) {
  const detail::TensorImpl &ix = eager(x, "check_numerics");
  return dispatchDType(ix.dtype, [&](auto tag) {
    using T = decltype(tag);
    if constexpr (std::is_floating_point_v<T>) {
      const T *in = elements<T>(x);
      for (int64_t i = 0, n = x.numel(); i < n; ++i)
        if (!std::isfinite(in[i]))
          return false;
    }
    return true;
  });
}

namespace {

/// Applies one printf conversion spec (like "%.3f" or "%5d") to a scalar.
std::string formatSpec(const std::string &spec, const Tensor &value) {
  char conversion = spec.back();
  if (value.numel() != 1)
    fail("format spec {" + spec + "} needs a scalar, got a tensor of shape " +
         shapeToString(value.shape()));
  // The length modifier names the C type printf reads (`%d` an int, `%ld`
  // a long, `%hhx` an unsigned char): the value is converted to it, as the
  // eager printf's argument was, then printed as a long long.
  std::string flags = spec.substr(0, spec.size() - 1);
  std::string length;
  while (!flags.empty() && std::strchr("hlLqjzt", flags.back())) {
    length.insert(length.begin(), flags.back());
    flags.pop_back();
  }
  bool wide = !length.empty() && length != "h" && length != "hh";
  int64_t integer =
      std::strchr("diuxXoc", conversion) ? value.item<int64_t>() : 0;
  char buf[128];
  switch (conversion) {
  case 'd':
  case 'i': {
    long long v = wide             ? static_cast<long long>(integer)
                  : length == "hh" ? static_cast<signed char>(integer)
                  : length == "h"  ? static_cast<short>(integer)
                                   : static_cast<int>(integer);
    std::snprintf(buf, sizeof(buf), (flags + "lld").c_str(), v);
    break;
  }
  case 'u':
  case 'x':
  case 'X':
  case 'o': {
    unsigned long long v =
        wide             ? static_cast<unsigned long long>(integer)
        : length == "hh" ? static_cast<unsigned char>(integer)
        : length == "h"  ? static_cast<unsigned short>(integer)
                         : static_cast<unsigned>(integer);
    std::snprintf(buf, sizeof(buf), (flags + "ll" + conversion).c_str(), v);
    break;
  }
  case 'f':
  case 'F':
  case 'e':
  case 'E':
  case 'g':
  case 'G':
  case 'a':
  case 'A':
    std::snprintf(buf, sizeof(buf), (flags + conversion).c_str(),
                  value.item<double>());
    break;
  case 'c':
    std::snprintf(buf, sizeof(buf), (flags + "c").c_str(),
                  static_cast<int>(integer));
    break;
  case 's':
    return toString(value);
  default:
    fail("unsupported format conversion {" + spec + "}");
  }
  return buf;
}

} // namespace

std::string format(const std::string &fmt, const std::vector<Tensor> &values) {
  std::string out;
  size_t next = 0;
  for (size_t i = 0; i < fmt.size(); ++i) {
    char c = fmt[i];
    if ((c == '{' || c == '}') && i + 1 < fmt.size() && fmt[i + 1] == c) {
      out += c; // "{{" and "}}" escape braces
      ++i;
      continue;
    }
    if (c != '{') {
      out += c;
      continue;
    }
    size_t close = fmt.find('}', i);
    if (close == std::string::npos)
      fail("unterminated '{' in format \"" + fmt + "\"");
    std::string spec = fmt.substr(i + 1, close - i - 1);
    if (next >= values.size())
      fail("format \"" + fmt + "\" has more placeholders than the " +
           std::to_string(values.size()) + " values given");
    const Tensor &value = values[next++];
    if (spec.empty())
      out += toString(value);
    else if (spec[0] == '%' && spec.size() >= 2)
      out += formatSpec(spec, value);
    else
      fail("bad placeholder {" + spec + "} in format \"" + fmt + "\"");
    i = close;
  }
  if (next != values.size())
    fail("format \"" + fmt + "\" has fewer placeholders than the " +
         std::to_string(values.size()) + " values given");
  return out;
}

} // namespace ag::kernels
