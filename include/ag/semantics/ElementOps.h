//===- ag/semantics/ElementOps.h - Elementwise op semantics -----*- C++ -*-===//
//
// The one definition of every elementwise op's scalar semantics. The eager
// kernels (runtime/Kernels.cpp), the scalar fast path and register code
// (runtime/exec) and the dialect's folders (dialects/ag/lib/AGFold.cpp) all
// compute through these functors, so they cannot disagree. Header-only and
// standard-library-only: both the runtime and the dialect may include it
// (docs/architecture.md, "semantics").
//
// Each op is a struct with, for an element type T (bool, int32_t, int64_t,
// float, double):
//   accepts<T>      the op is defined on T (else: "not defined for T");
//   apply(a[, b])   the result, given check() found no fault;
//   check(a[, b])   nullptr, or why C++ has no value here (a zero integer
//                   divisor...): the runtime reports it at the user's line
//                   and the folder leaves the op for it. Only ops with
//                   mayFault<T> need it to be called;
//   faults(a, b)    for binary ops with mayFault<T>: check(a, b) != nullptr
//                   as a branch-free test, so the kernels' check pass
//                   vectorizes.
//
// The rules are C++'s, with its undefined cases made defined or an error:
// integer + - * and negation wrap (two's complement); / and % truncate
// toward zero, the remainder takes the dividend's sign, and a zero divisor
// or MIN / -1 is an error; an integer power with a negative exponent is an
// error; min/max are std::min/std::max.
//
//===----------------------------------------------------------------------===//
#ifndef AG_SEMANTICS_ELEMENTOPS_H
#define AG_SEMANTICS_ELEMENTOPS_H

#include <cmath>
#include <cstdint>
#include <limits>
#include <type_traits>

namespace ag::sem {

template <typename T> inline constexpr bool isBool = std::is_same_v<T, bool>;
template <typename T>
inline constexpr bool isFloat = std::is_floating_point_v<T>;
template <typename T>
inline constexpr bool isInt = std::is_integral_v<T> && !isBool<T>;

/// Two's complement arithmetic without signed overflow (undefined in C++).
template <typename T> constexpr T wrapAdd(T a, T b) {
  using U = std::make_unsigned_t<T>;
  return static_cast<T>(static_cast<U>(a) + static_cast<U>(b));
}
template <typename T> constexpr T wrapSub(T a, T b) {
  using U = std::make_unsigned_t<T>;
  return static_cast<T>(static_cast<U>(a) - static_cast<U>(b));
}
template <typename T> constexpr T wrapMul(T a, T b) {
  using U = std::make_unsigned_t<T>;
  return static_cast<T>(static_cast<U>(a) * static_cast<U>(b));
}

/// Ops on numbers (not bool) whose result has the operands' type.
struct NumericOp {
  template <typename T> static constexpr bool accepts = !isBool<T>;
  template <typename T> static constexpr bool mayFault = false;
  template <typename T> static constexpr const char *check(T, T) {
    return nullptr;
  }
};

struct Add : NumericOp {
  template <typename T> static constexpr T apply(T a, T b) {
    if constexpr (isInt<T>)
      return wrapAdd(a, b);
    else
      return a + b;
  }
};

struct Sub : NumericOp {
  template <typename T> static constexpr T apply(T a, T b) {
    if constexpr (isInt<T>)
      return wrapSub(a, b);
    else
      return a - b;
  }
};

struct Mul : NumericOp {
  template <typename T> static constexpr T apply(T a, T b) {
    if constexpr (isInt<T>)
      return wrapMul(a, b);
    else
      return a * b;
  }
};

/// The faults of C++ integer `a / b` and `a % b`.
template <typename T>
constexpr const char *checkDivision(T a, T b, bool remainder) {
  // Branch-free test first: the kernels' check loop then vectorizes.
  bool zero = b == 0;
  bool overflow = (b == T(-1)) & (a == std::numeric_limits<T>::min());
  if (!(zero | overflow))
    return nullptr;
  if (zero)
    return remainder ? "integer remainder by zero" : "integer division by zero";
  return remainder ? "integer remainder overflow (minimum value / -1)"
                   : "integer division overflow (minimum value / -1)";
}

template <typename T> constexpr bool divisionFaults(T a, T b) {
  return (b == 0) | ((b == T(-1)) & (a == std::numeric_limits<T>::min()));
}

/// C++ `/`: integers truncate toward zero.
struct Div : NumericOp {
  template <typename T> static constexpr bool faults(T a, T b) {
    return divisionFaults(a, b);
  }
  template <typename T> static constexpr bool mayFault = isInt<T>;
  template <typename T> static constexpr const char *check(T a, T b) {
    if constexpr (isInt<T>)
      return checkDivision(a, b, /*remainder=*/false);
    return nullptr;
  }
  template <typename T> static constexpr T apply(T a, T b) {
    return static_cast<T>(a / b);
  }
};

/// C++ `%` (std::fmod for floats): the result has the dividend's sign.
struct Rem : NumericOp {
  template <typename T> static constexpr bool faults(T a, T b) {
    return divisionFaults(a, b);
  }
  template <typename T> static constexpr bool mayFault = isInt<T>;
  template <typename T> static constexpr const char *check(T a, T b) {
    if constexpr (isInt<T>)
      return checkDivision(a, b, /*remainder=*/true);
    return nullptr;
  }
  template <typename T> static T apply(T a, T b) {
    if constexpr (isInt<T>)
      return static_cast<T>(a % b);
    else
      return std::fmod(a, b);
  }
};

/// std::pow for floats; for integers repeated (wrapping) multiplication,
/// and a negative exponent is an error (the result is not an integer).
struct Pow : NumericOp {
  template <typename T> static constexpr bool mayFault = isInt<T>;
  template <typename T> static constexpr bool faults(T, T b) { return b < 0; }
  template <typename T> static constexpr const char *check(T, T b) {
    if constexpr (isInt<T>)
      if (b < 0)
        return "integer raised to a negative power (the result is not an "
               "integer: cast the base to a float type)";
    return nullptr;
  }
  template <typename T> static T apply(T base, T exponent) {
    if constexpr (isFloat<T>) {
      return std::pow(base, exponent);
    } else {
      T result = 1;
      while (exponent > 0) {
        if (exponent & 1)
          result = wrapMul(result, base);
        base = wrapMul(base, base);
        exponent >>= 1;
      }
      return result;
    }
  }
};

/// std::min: `b < a ? b : a`. So min(a, b) is `a` unless b is smaller:
/// min(-0.0, +0.0) is -0.0 and min(+0.0, -0.0) is +0.0; a NaN `a` gives
/// NaN, a NaN `b` gives `a` (every comparison with NaN is false). Not
/// commutative, so the dialect does not mark it Commutative.
struct Min : NumericOp {
  template <typename T> static constexpr T apply(T a, T b) {
    return b < a ? b : a;
  }
};

/// std::max: `a < b ? b : a`, the same rules mirrored.
struct Max : NumericOp {
  template <typename T> static constexpr T apply(T a, T b) {
    return a < b ? b : a;
  }
};

/// Comparisons: every dtype, bool result.
struct CompareOp {
  template <typename T> static constexpr bool accepts = true;
  template <typename T> static constexpr bool mayFault = false;
  template <typename T> static constexpr const char *check(T, T) {
    return nullptr;
  }
};
struct Eq : CompareOp {
  template <typename T> static constexpr bool apply(T a, T b) { return a == b; }
};
struct Ne : CompareOp {
  template <typename T> static constexpr bool apply(T a, T b) { return a != b; }
};
struct Lt : CompareOp {
  template <typename T> static constexpr bool apply(T a, T b) { return a < b; }
};
struct Le : CompareOp {
  template <typename T> static constexpr bool apply(T a, T b) { return a <= b; }
};
struct Gt : CompareOp {
  template <typename T> static constexpr bool apply(T a, T b) { return a > b; }
};
struct Ge : CompareOp {
  template <typename T> static constexpr bool apply(T a, T b) { return a >= b; }
};

/// `&`, `|`, `^`: logical on bool, bitwise on integers, as in C++.
struct BitwiseOp {
  template <typename T> static constexpr bool accepts = isBool<T> || isInt<T>;
  template <typename T> static constexpr bool mayFault = false;
  template <typename T> static constexpr const char *check(T, T) {
    return nullptr;
  }
};
struct And : BitwiseOp {
  template <typename T> static constexpr T apply(T a, T b) {
    return static_cast<T>(a & b);
  }
};
struct Or : BitwiseOp {
  template <typename T> static constexpr T apply(T a, T b) {
    return static_cast<T>(a | b);
  }
};
struct Xor : BitwiseOp {
  template <typename T> static constexpr T apply(T a, T b) {
    return static_cast<T>(a ^ b);
  }
};

/// `<<` and `>>` on integers. A count below 0 or not below the width is
/// undefined in C++: an error. Otherwise C++20's rules: `<<` wraps (also
/// for negative values), `>>` is arithmetic.
struct ShiftOp {
  template <typename T> static constexpr bool accepts = isInt<T>;
  template <typename T> static constexpr bool mayFault = isInt<T>;
  template <typename T> static constexpr bool faults(T, T count) {
    return (count < 0) | (count >= T(8 * sizeof(T)));
  }
  template <typename T> static constexpr const char *check(T, T count) {
    if (count < 0 || count >= T(8 * sizeof(T)))
      return "shift count is negative or not less than the width of the "
             "type (undefined in C++)";
    return nullptr;
  }
};
struct Shl : ShiftOp {
  template <typename T> static constexpr T apply(T a, T count) {
    using U = std::make_unsigned_t<T>;
    return static_cast<T>(static_cast<U>(a) << count);
  }
};
struct Shr : ShiftOp {
  template <typename T> static constexpr T apply(T a, T count) {
    return static_cast<T>(a >> count);
  }
};

//===----------------------------------------------------------------------===//
// Unary ops: apply(x); same accepts/mayFault/check(x) protocol.
//===----------------------------------------------------------------------===//

struct UnaryNumericOp {
  template <typename T> static constexpr bool accepts = !isBool<T>;
  template <typename T> static constexpr bool mayFault = false;
  template <typename T> static constexpr const char *check(T) {
    return nullptr;
  }
};
/// Float-only math functions.
struct FloatFnOp : UnaryNumericOp {
  template <typename T> static constexpr bool accepts = isFloat<T>;
};

struct Neg : UnaryNumericOp {
  template <typename T> static constexpr T apply(T x) {
    if constexpr (isInt<T>)
      return wrapSub(T(0), x);
    else
      return -x;
  }
};
/// |x|; for integers |MIN| wraps to MIN.
struct Abs : UnaryNumericOp {
  template <typename T> static T apply(T x) {
    if constexpr (isInt<T>)
      return x < 0 ? wrapSub(T(0), x) : x;
    else
      return std::fabs(x);
  }
};
/// `!` on bool.
struct Not : UnaryNumericOp {
  template <typename T> static constexpr bool accepts = isBool<T>;
  template <typename T> static constexpr T apply(T x) { return !x; }
};
/// `~` on integers.
struct BitNot : UnaryNumericOp {
  template <typename T> static constexpr bool accepts = isInt<T>;
  template <typename T> static constexpr T apply(T x) {
    return static_cast<T>(~x);
  }
};
struct Exp : FloatFnOp {
  template <typename T> static T apply(T x) { return std::exp(x); }
};
struct Log : FloatFnOp {
  template <typename T> static T apply(T x) { return std::log(x); }
};
struct Sqrt : FloatFnOp {
  template <typename T> static T apply(T x) { return std::sqrt(x); }
};
struct Tanh : FloatFnOp {
  template <typename T> static T apply(T x) { return std::tanh(x); }
};
struct Floor : FloatFnOp {
  template <typename T> static T apply(T x) { return std::floor(x); }
};
struct Ceil : FloatFnOp {
  template <typename T> static T apply(T x) { return std::ceil(x); }
};
/// std::round: halfway cases away from zero.
struct Round : FloatFnOp {
  template <typename T> static T apply(T x) { return std::round(x); }
};
struct Sin : FloatFnOp {
  template <typename T> static T apply(T x) { return std::sin(x); }
};
struct Cos : FloatFnOp {
  template <typename T> static T apply(T x) { return std::cos(x); }
};
/// 1 / (1 + exp(-x)), computed so neither side overflows.
struct Sigmoid : FloatFnOp {
  template <typename T> static T apply(T x) {
    if (x >= T(0))
      return T(1) / (T(1) + std::exp(-x));
    T e = std::exp(x);
    return e / (T(1) + e);
  }
};
/// -1, 0 or 1 in x's type; sign(+-0.0) is +-0.0 and sign(NaN) is NaN.
struct Sign : UnaryNumericOp {
  template <typename T> static constexpr T apply(T x) {
    if constexpr (isFloat<T>)
      return x > T(0) ? T(1) : x < T(0) ? T(-1) : x;
    else
      return static_cast<T>((x > T(0)) - (x < T(0)));
  }
};

/// Predicates with a bool result.
struct IsNan : UnaryNumericOp {
  template <typename T> static bool apply(T x) {
    if constexpr (isFloat<T>)
      return std::isnan(x);
    else
      return false;
  }
};
struct IsFinite : UnaryNumericOp {
  template <typename T> static bool apply(T x) {
    if constexpr (isFloat<T>)
      return std::isfinite(x);
    else
      return true;
  }
};

//===----------------------------------------------------------------------===//
// Casts
//===----------------------------------------------------------------------===//

/// C++ static_cast from In to Out, except that a float outside the integer
/// type's range (NaN, +-inf, 1e300), undefined in C++, is an error; `bool`
/// is `!= 0`.
template <typename Out, typename In> struct Cast {
  static constexpr bool mayFault = std::is_floating_point_v<In> && isInt<Out>;
  static bool check(In value) {
    if constexpr (mayFault) {
      // The truncated value in [min, -min); both bounds are powers of two,
      // exact in any float type, and NaN fails both tests.
      constexpr double lo =
          static_cast<double>(std::numeric_limits<Out>::min());
      double t = std::trunc(static_cast<double>(value));
      return t >= lo && t < -lo;
    }
    return true;
  }
  static constexpr Out apply(In value) {
    if constexpr (isBool<Out>)
      return value != In(0);
    else
      return static_cast<Out>(value);
  }
};

} // namespace ag::sem

#endif // AG_SEMANTICS_ELEMENTOPS_H
