//===- Kernels.cpp - The one implementation of every tensor op ------------===//
//
// Kernels are templated over the element type and run contiguous loops with
// a scalar-operand fast path, so compilers vectorize them; the op kind is
// switched on once per call, never per element.
//
//===----------------------------------------------------------------------===//

#include "ag/runtime/Kernels.h"

#include "TensorInternal.h"
#include "kernels/KernelSupport.h"

#include "ag/semantics/ElementOps.h"
#include "ag/semantics/Format.h"

#include <algorithm>
#include <cinttypes>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <limits>
#include <sstream>
#include <utility>

namespace ag::kernels {

using namespace support;
using detail::dispatchDType;
using detail::makeUninitialized;

namespace {

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

/// The numpy broadcast of two run-time shapes (detail::tryBroadcastShapes);
/// KernelError naming the op and both shapes when they do not broadcast.
Shape broadcastShape(const Shape &a, const Shape &b, const char *op) {
  std::optional<Shape> shape = detail::tryBroadcastShapes(a, b);
  if (!shape)
    fail(std::string("'") + op + "': shapes " + shapeToString(a) + " and " +
         shapeToString(b) + " cannot be broadcast together");
  return std::move(*shape);
}

std::string notDefined(OpKind kind, DType dtype) {
  return std::string("'") + opKindName(kind) + "' is not defined for " +
         dtypeName(dtype) + " tensors";
}

/// out = Op(a, b) elementwise, Op one of ag::sem's functors. Faults (a zero
/// integer divisor...) are found before the loop so the loop itself stays
/// branch-free and vectorizes.
template <typename Op, typename T>
void binaryWith(OpKind kind, const Tensor &a, const Tensor &b, Tensor &out) {
  if constexpr (!Op::template accepts<T>) {
    fail(notDefined(kind, a.dtype()));
  } else {
    const T *pa = elements<T>(a), *pb = elements<T>(b);
    bool sa = a.rank() == 0, sb = b.rank() == 0;
    int64_t n = out.numel();
    if constexpr (Op::template mayFault<T>) {
      // One plain loop per operand layout, as in binaryLoop, without an
      // early exit so it vectorizes; the first fault is looked up only if
      // there is one.
      auto checkAll = [&](auto at) {
        bool bad = false;
        for (int64_t i = 0; i < n; ++i) {
          auto [x, y] = at(i);
          bad |= Op::faults(x, y);
        }
        for (int64_t i = 0; bad && i < n; ++i) {
          auto [x, y] = at(i);
          if (const char *why = Op::check(x, y))
            fail(why);
        }
      };
      if (sa && !sb)
        checkAll([&](int64_t i) { return std::pair(pa[0], pb[i]); });
      else if (sb && !sa)
        checkAll([&](int64_t i) { return std::pair(pa[i], pb[0]); });
      else
        checkAll([&](int64_t i) { return std::pair(pa[i], pb[i]); });
    }
    using R = decltype(Op::apply(T(), T()));
    binaryLoop(pa, sa, pb, sb, mutableElements<R>(out), n,
               [](T x, T y) { return Op::apply(x, y); });
  }
}

template <typename T>
void binaryTyped(OpKind kind, const Tensor &a, const Tensor &b, Tensor &out) {
  switch (kind) {
#define AG_BINARY(Kind, Name, IrOp)                                            \
  case OpKind::Kind:                                                           \
    return binaryWith<sem::Kind, T>(kind, a, b, out);
#define AG_COMPARE(Kind, Name, Predicate) AG_BINARY(Kind, Name, )
#include "ag/semantics/Ops.def"
  default:
    fail(std::string("'") + opKindName(kind) + "' is not a binary op");
  }
}

template <typename Op, typename T>
void unaryWith(OpKind kind, const Tensor &x, Tensor &out) {
  if constexpr (!Op::template accepts<T>) {
    fail(notDefined(kind, x.dtype()));
  } else {
    const T *px = elements<T>(x);
    using R = decltype(Op::apply(T()));
    R *o = mutableElements<R>(out);
    int64_t n = x.numel();
    if constexpr (Op::template mayFault<T>) {
      for (int64_t i = 0; i < n; ++i)
        if (const char *why = Op::check(px[i]))
          fail(why);
    }
    for (int64_t i = 0; i < n; ++i)
      o[i] = Op::apply(px[i]);
  }
}

template <typename T>
void unaryTyped(OpKind kind, const Tensor &x, Tensor &out) {
  switch (kind) {
#define AG_UNARY(Kind, Name, IrOp)                                             \
  case OpKind::Kind:                                                           \
    return unaryWith<sem::Kind, T>(kind, x, out);
#include "ag/semantics/Ops.def"
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
  if (ia.shape != ib.shape && !ia.shape.empty() && !ib.shape.empty()) {
    // Dimensions a graph knew only as '?' (equal types) may broadcast.
    Shape shape = broadcastShape(ia.shape, ib.shape, opKindName(kind));
    return binary(kind, ia.shape == shape ? a : broadcastTo(a, shape),
                  ib.shape == shape ? b : broadcastTo(b, shape));
  }
  const Shape &shape = ia.shape.empty() ? ib.shape : ia.shape;
  Tensor out =
      makeUninitialized(hasBoolResult(kind) ? DType::Bool : ia.dtype, shape);
  dispatchDType(ia.dtype,
                [&](auto tag) { binaryTyped<decltype(tag)>(kind, a, b, out); });
  return out;
}

Tensor unary(OpKind kind, const Tensor &x) {
  const detail::TensorImpl &ix = eager(x, "unary");
  Tensor out =
      makeUninitialized(hasBoolResult(kind) ? DType::Bool : ix.dtype, ix.shape);
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
  for (const Shape *s : {&ic.shape, &ia.shape, &ib.shape})
    shape = broadcastShape(shape, *s, "select");
  // Dimensions a graph knew only as '?' (equal types) may broadcast.
  auto full = [&](const Tensor &t, const Shape &s) {
    return s.empty() || s == shape ? t : broadcastTo(t, shape);
  };
  if ((!ic.shape.empty() && ic.shape != shape) ||
      (!ia.shape.empty() && ia.shape != shape) ||
      (!ib.shape.empty() && ib.shape != shape))
    return select(full(cond, ic.shape), full(a, ia.shape), full(b, ib.shape));
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
      using C = sem::Cast<To, From>;
      for (int64_t i = 0; i < n; ++i) {
        // C++ leaves a float outside the integer's range (NaN, +-Inf,
        // 1e300) undefined: an error, as the folder refuses to fold it.
        if constexpr (C::mayFault) {
          if (__builtin_expect(!C::check(in[i]), 0)) {
            std::ostringstream os;
            os << "cannot cast " << static_cast<double>(in[i]) << " to "
               << dtypeName(to)
               << ": it is outside the integer's range (undefined in C++)";
            fail(os.str());
          }
        }
        o[i] = C::apply(in[i]);
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
  stridedCopy(dtypeSize(ix.dtype), shape, ix.storage->data, strides,
              out.impl()->storage->data, rowMajorStrides(shape));
  return out;
}

Tensor broadcastLike(const Tensor &x, const std::vector<Tensor> &like) {
  const detail::TensorImpl &ix = eager(x, "broadcast");
  Shape shape = ix.shape;
  for (const Tensor &l : like)
    shape = broadcastShape(shape, eager(l, "broadcast").shape, "broadcast");
  return shape == ix.shape ? x : broadcastTo(x, shape);
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
        acc = sem::wrapAdd(acc, in[i]);
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

/// The most characters one conversion may print. A width or precision
/// beyond it (`{%999999999d}`) is an error rather than a gigabyte of
/// padding; eager printf would print it, but no program means that.
constexpr int kMaxConversionChars = 1 << 16;

/// snprintf of one value into a string of exactly the size it needs, so
/// that a wide field is never truncated.
template <typename T>
std::string printfOne(const std::string &spec, const std::string &cformat,
                      T value) {
  int n = std::snprintf(nullptr, 0, cformat.c_str(), value);
  // snprintf fails (EOVERFLOW) when the width or precision exceeds INT_MAX.
  if (n < 0 || n > kMaxConversionChars)
    fail("format conversion {" + spec + "} would print more than " +
         std::to_string(kMaxConversionChars) + " characters");
  std::string out(static_cast<size_t>(n) + 1, '\0');
  std::snprintf(out.data(), out.size(), cformat.c_str(), value);
  out.pop_back();
  return out;
}

/// Applies one printf conversion spec (like "%.3f" or "%5d") to a scalar.
std::string formatSpec(const std::string &spec, const Tensor &value) {
  std::optional<sem::Conversion> parsed = sem::parseConversion(spec);
  if (!parsed || parsed->size != spec.size())
    fail("unsupported format conversion {" + spec + "}");
  char conversion = parsed->conversion;
  if (value.numel() != 1)
    fail("format spec {" + spec + "} needs a scalar, got a tensor of shape " +
         shapeToString(value.shape()));
  // The length modifier names the C type printf reads (`%d` an int, `%ld`
  // a long, `%hhx` an unsigned char): the value is converted to it, as the
  // eager printf's argument was, then printed as a long long.
  std::string flags(parsed->flags), length(parsed->length);
  bool wide = !length.empty() && length != "h" && length != "hh";
  int64_t integer =
      std::strchr("diuxXoc", conversion) ? value.item<int64_t>() : 0;
  switch (conversion) {
  case 'd':
  case 'i': {
    long long v = wide             ? static_cast<long long>(integer)
                  : length == "hh" ? static_cast<signed char>(integer)
                  : length == "h"  ? static_cast<short>(integer)
                                   : static_cast<int>(integer);
    return printfOne(spec, flags + "lld", v);
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
    return printfOne(spec, flags + "ll" + conversion, v);
  }
  case 'f':
  case 'F':
  case 'e':
  case 'E':
  case 'g':
  case 'G':
  case 'a':
  case 'A':
    return printfOne(spec, flags + conversion, value.item<double>());
  case 'c':
    return printfOne(spec, flags + "c", static_cast<int>(integer));
  case 's':
    return toString(value);
  default:
    fail("unsupported format conversion {" + spec + "}");
  }
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
